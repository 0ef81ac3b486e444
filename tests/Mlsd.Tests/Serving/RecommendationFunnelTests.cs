using Mlsd.Serving;

namespace Mlsd.Tests.Serving;

/// <summary>The funnel's bookkeeping on a hand-sized request.</summary>
public sealed class RecommendationFunnelTests
{
    // Generators: "a" proposes [5, 3, 1], "b" proposes [3, 4, 9]; item 9 is excluded; score = item id.
    private static RecommendationFunnel Build(Func<int, IReadOnlyList<int>, int, IReadOnlyList<int>>? reRank = null) =>
        new RecommendationFunnel { Score = (_, items) => items.Select(i => (double)i).ToArray(), Exclude = (_, item) => item == 9, ReRank = reRank }
            .AddGenerator("a", _ => [5, 3, 1])
            .AddGenerator("b", _ => [3, 4, 9]);

    [Fact]
    public void MergesDeduplicatesFiltersScoresAndCuts()
    {
        var result = Build().Run(user: 7, k: 3);
        Assert.Equal([3, 3], result.Generated);
        Assert.Equal(1, result.Duplicates);          // 3 proposed twice
        Assert.Equal(1, result.Excluded);            // 9
        Assert.Equal([5, 4, 3, 1], result.Ranked);   // by descending score
        Assert.Equal([5.0, 4, 3, 1], result.Scores);
        Assert.Equal([5, 4, 3], result.Page);
        Assert.Equal(["a", "b", "a"], result.PageSources);   // 3 is credited to the first generator that proposed it
        Assert.Equal("user 7: 3 + 3 proposed, 1 duplicates, 1 excluded → 4 scored → page of 3", result.ToString());
    }

    [Fact]
    public void ReRankingSeesTheScoredOrderAndEveryStageIsTimed()
    {
        IReadOnlyList<int>? seen = null;
        var funnel = Build((_, ranked, k) => { seen = ranked; return ranked.Reverse().Take(k).ToArray(); });
        var latency = new LatencyRecorder();
        Assert.Equal([1, 3], funnel.Recommend(0, 2, latency));
        Assert.Equal([5, 4, 3, 1], seen);
        Assert.Equal(["candidates: a", "candidates: b", "merge + filter", "scoring", "re-ranking", "total"], latency.Stages);
        Assert.Equal(["a", "b"], funnel.Generators);
    }

    [Fact]
    public void MisuseFailsClearly()
    {
        var empty = new RecommendationFunnel { Score = (_, items) => new double[items.Count] };
        Assert.Throws<InvalidOperationException>(() => empty.Recommend(0, 5));
        Assert.Throws<ArgumentException>(() => Build().AddGenerator("a", _ => []));
        var wrong = new RecommendationFunnel { Score = (_, _) => [1.0] }.AddGenerator("g", _ => [1, 2]);
        Assert.Contains("one per candidate", Assert.Throws<InvalidOperationException>(() => wrong.Recommend(0, 2)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Build().Recommend(0, 0));
    }
}
