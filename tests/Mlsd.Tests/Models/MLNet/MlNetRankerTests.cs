using Mlsd.Metrics;
using Mlsd.Models;

namespace Mlsd.Tests.Models.MLNet;

public class MlNetRankerTests
{
    /// <summary>
    /// Groups of 8 rows. Relevance is decided inside each group by feature 0 alone (the top two rows by x0 are relevant),
    /// while feature 1 is a group-level offset added to x0 in every row — so an absolute threshold on x0 or x1 cannot
    /// separate relevant from irrelevant across groups, but the order of x0 − x1 within a group can.
    /// </summary>
    private static (float[][] X, int[] Y, int[] Groups) Data(int groups, int seed)
    {
        var sampler = new Sampler(seed);
        var x = new List<float[]>();
        var y = new List<int>();
        var g = new List<int>();
        for (int q = 0; q < groups; q++)
        {
            double offset = sampler.Normal(0, 3);
            var within = Enumerable.Range(0, 8).Select(_ => sampler.Normal()).ToArray();
            var top = within.Select((v, i) => (v, i)).OrderByDescending(p => p.v).Take(2).Select(p => p.i).ToHashSet();
            for (int i = 0; i < 8; i++)
            {
                x.Add([(float)(within[i] + offset), (float)offset, (float)sampler.Normal()]);
                y.Add(top.Contains(i) ? 1 : 0);
                g.Add(q);
            }
        }
        return ([.. x], [.. y], [.. g]);
    }

    private static double MeanAveragePrecision(double[] scores, int[] y, int[] groups)
    {
        var lists = Enumerable.Range(0, y.Length).GroupBy(i => groups[i]).ToArray();
        return lists.Average(l => Ranking.AveragePrecision(l.OrderByDescending(i => scores[i]).ToArray(),
            l.Where(i => y[i] == 1).ToHashSet()));
    }

    [Fact]
    public void LearnsTheOrderWithinGroupsAndGeneralisesToNewGroups()
    {
        var (x, y, g) = Data(300, seed: 1);
        var (xTest, yTest, gTest) = Data(100, seed: 2);
        var ranker = MlNetRanker.LightGbmLambdaRank(trees: 60, leaves: 8, learningRate: 0.1, minLeafRows: 5).Fit(x, y, g);
        double map = MeanAveragePrecision(ranker.Score(xTest), yTest, gTest);
        // A random order of 8 rows with 2 relevant has expected AP ≈ 0.38; ranking by x0 − x1 (the rule) scores 1.
        var random = new Sampler(3);
        double chance = MeanAveragePrecision(xTest.Select(_ => random.Uniform()).ToArray(), yTest, gTest);
        Assert.True(map > 0.9, $"held-out mAP {map:F3}");
        Assert.True(chance < 0.5, $"a random order scores {chance:F3}");
    }

    [Fact]
    public void ScoresAreDeterministicAndTheSameForSmallAndLargeBatches()
    {
        var (x, y, g) = Data(120, seed: 4);
        var a = MlNetRanker.LightGbmLambdaRank(trees: 20, leaves: 8, minLeafRows: 5).Fit(x, y, g);
        var b = MlNetRanker.LightGbmLambdaRank(trees: 20, leaves: 8, minLeafRows: 5).Fit(x, y, g);
        double[] bulk = a.Score(x);                          // 960 rows: through a data view
        double[] small = a.Score(x.Take(40).ToArray());      // 40 rows: through the prediction engine
        Assert.Equal(b.Score(x), bulk);
        Assert.Equal(bulk.Take(40), small);
        Assert.True(a.IsFitted);
        Assert.Contains("LambdaRank", a.ToString());
    }

    [Fact]
    public void BadInputFailsNamingTheArgument()
    {
        var (x, y, g) = Data(10, seed: 5);
        var ranker = MlNetRanker.LightGbmLambdaRank(trees: 5, minLeafRows: 2);
        Assert.Contains("call Fit", Assert.Throws<InvalidOperationException>(() => ranker.Score(x)).Message);
        int[] split = [.. g];
        split[^1] = 0;     // the last row goes back to group 0: a second run of that group
        var runs = Assert.Throws<ArgumentException>(() => ranker.Fit(x, y, split));
        Assert.Equal("groups", runs.ParamName);
        Assert.Contains("contiguous", runs.Message);
        Assert.Equal("relevance", Assert.Throws<ArgumentException>(() => ranker.Fit(x, [.. y.Select(_ => 31)], g)).ParamName);
        Assert.Equal("relevance", Assert.Throws<ArgumentException>(() => ranker.Fit(x, y.Take(3).ToArray(), g)).ParamName);
        Assert.Equal("groups", Assert.Throws<ArgumentException>(() => ranker.Fit(x, y, g.Take(3).ToArray())).ParamName);
        ranker.Fit(x, y, g);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => ranker.Score([[1f, 2f]])).ParamName);
        Assert.Equal("trees", Assert.Throws<ArgumentOutOfRangeException>(() => MlNetRanker.LightGbmLambdaRank(trees: 0)).ParamName);
    }
}
