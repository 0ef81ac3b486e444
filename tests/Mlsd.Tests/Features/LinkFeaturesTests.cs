using Mlsd.Data;
using Mlsd.Features;

namespace Mlsd.Tests.Features;

/// <summary>
/// Pair features on the karate club against NetworkX 3.6.1 (python3-networkx: common_neighbors,
/// jaccard_coefficient, adamic_adar_index on data/pymk/karate_edges.csv), and the time-discounted count and the
/// pair table worked out by hand.
/// </summary>
public sealed class LinkFeaturesTests
{
    private static readonly Graph Karate = Datasets.Graphs.Karate();

    [Theory]
    // (u, v, common neighbours, Jaccard, Adamic–Adar) — NetworkX's values.
    [InlineData(0, 33, 4, 0.13793103448275862, 2.7110197222973085)]
    [InlineData(5, 16, 1, 0.2, 0.7213475204444817)]
    [InlineData(2, 33, 6, 0.2857142857142857, 4.719381261461351)]
    [InlineData(7, 13, 4, 0.8, 1.8081984819901584)]
    [InlineData(24, 25, 1, 0.2, 0.5581106265512472)]
    public void MatchNetworkX(int u, int v, int common, double jaccard, double adamicAdar)
    {
        Assert.Equal(common, LinkFeatures.CommonNeighbors(Karate, u, v));
        Assert.Equal(common, LinkFeatures.CommonNeighbors(Karate, v, u));
        Assert.Equal(jaccard, LinkFeatures.JaccardCoefficient(Karate, u, v), 12);
        Assert.Equal(adamicAdar, LinkFeatures.AdamicAdarIndex(Karate, u, v), 12);
    }

    [Fact]
    public void JaccardIsZeroWithoutFriends()
    {
        var g = new Graph("g", ["a", "b", "c"], [new GraphEdge(0, 1)], isDirected: false);
        Assert.Equal(0, LinkFeatures.JaccardCoefficient(g, 0, 2));
        Assert.Equal(0, LinkFeatures.AdamicAdarIndex(g, 0, 2));
    }

    [Fact]
    public void TimeDiscountedCountsRecentTrianglesMore()
    {
        // u = 0, v = 1, mutual friends 2 (u–2 at day 8, v–2 at day 2) and 3 (both at day 0); now 10, half-life 4.
        // Friend 2: later friendship day 8 → 2 days old → 2^(−2/4) = 0.70710678; friend 3: 10 days → 2^(−2.5) = 0.17677670.
        var g = new Graph("t", ["u", "v", "w", "x"],
            [new GraphEdge(0, 2, 1, 8), new GraphEdge(1, 2, 1, 2), new GraphEdge(0, 3, 1, 0), new GraphEdge(1, 3, 1, 0)],
            isDirected: false);
        Assert.Equal(0.70710678118654752 + 0.17677669529663688, LinkFeatures.TimeDiscountedCommonNeighbors(g, 0, 1, 10, 4), 12);
        Assert.Equal(8, g.EdgeTime(2, 0));
        Assert.Equal([8.0, 0.0], g.NeighborTimes(0).ToArray());
        Assert.Throws<ArgumentException>(() => g.EdgeTime(0, 1));
    }

    [Fact]
    public void TimeDiscountedNeedsTimesAndAValidHalfLife()
    {
        var ex = Assert.Throws<ArgumentException>(() => LinkFeatures.TimeDiscountedCommonNeighbors(Karate, 0, 33, 10, 4));
        Assert.Equal("graph", ex.ParamName);
        Assert.Equal("halfLife", Assert.Throws<ArgumentOutOfRangeException>(
            () => LinkFeatures.TimeDiscountedCommonNeighbors(Karate, 0, 33, 10, 0)).ParamName);
        Assert.Equal("now", Assert.Throws<ArgumentOutOfRangeException>(
            () => LinkFeatures.TimeDiscountedCommonNeighbors(Karate, 0, 33, double.NaN, 1)).ParamName);
    }

    [Fact]
    public void PairRowsByHand()
    {
        // Path a–b–c, edges at days 1 and 3, now 3, half-life 2, school x, y, x. Pair (a, c): 1 mutual friend (b);
        // later friendship at day 3 → weight 2^0 = 1; Jaccard 1/1; Adamic–Adar 1/ln 2 = 1.44269504; degrees 1, 1;
        // same school 1.
        var g = new Graph("p", ["a", "b", "c"], [new GraphEdge(0, 1, 1, 1), new GraphEdge(1, 2, 1, 3)], isDirected: false,
            new Dictionary<string, string[]> { ["school"] = ["x", "y", "x"] });
        var row = LinkFeatures.PairRows(g, [(0, 2)], now: 3, halfLife: 2, ["school"]).Single();
        Assert.Equal([1f, 1f, 1f, 1.44269504f, 1f, 1f, 1f], row);
        Assert.Equal(7, LinkFeatures.PairNames(["school"]).Length);
        Assert.Equal("same school", LinkFeatures.PairNames(["school"])[^1]);
        var ex = Assert.Throws<ArgumentException>(() => LinkFeatures.PairRows(g, [(0, 2)], 3, 2, ["company"]));
        Assert.Equal("sharedAttributes", ex.ParamName);
        Assert.Contains("company", ex.Message);
    }

    [Fact]
    public void BadPairsNameTheArgument()
    {
        Assert.Equal("v", Assert.Throws<ArgumentException>(() => LinkFeatures.CommonNeighbors(Karate, 3, 3)).ParamName);
        Assert.Equal("u", Assert.Throws<ArgumentOutOfRangeException>(() => LinkFeatures.JaccardCoefficient(Karate, 34, 0)).ParamName);
        Assert.Equal("v", Assert.Throws<ArgumentOutOfRangeException>(() => LinkFeatures.AdamicAdarIndex(Karate, 0, -1)).ParamName);
    }
}
