using Mlsd.Data;
using Mlsd.Data.Synthetic;

namespace Mlsd.Tests.Data.Synthetic;

public class PositionBiasTests
{
    [Theory]
    [InlineData(1.0, 0, 1.0)]
    [InlineData(1.0, 1, 0.5)]
    [InlineData(1.0, 3, 0.25)]
    [InlineData(2.0, 1, 0.25)]
    [InlineData(0.0, 9, 1.0)]
    public void Examination_HandValues(double eta, int rank, double expected) =>
        Assert.Equal(expected, new PositionBiasModel(eta).ExaminationProbability(rank), 12);

    [Fact]
    public void ClickAndPropensity()
    {
        var m = new PositionBiasModel(1);
        Assert.Equal(0.1, m.ClickProbability(3, 0.4), 12); // 0.25 × 0.4
        Assert.Equal(4.0, m.InversePropensityWeight(3), 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => m.ExaminationProbability(-1));
    }

    [Fact]
    public void SimulatedCtr_FollowsTheModel()
    {
        var m = new PositionBiasModel(1);
        var sampler = new Sampler(1);
        const int n = 20_000;
        var clicks = new int[4];
        for (int i = 0; i < n; i++)
        {
            var c = m.SampleClicks(sampler, [0.4, 0.4, 0.4, 0.4]);
            for (int r = 0; r < 4; r++) if (c[r]) clicks[r]++;
        }
        for (int r = 0; r < 4; r++)
        {
            double p = 0.4 / (1 + r), sd = Math.Sqrt(p * (1 - p) / n);
            Assert.InRange(clicks[r] / (double)n, p - 5 * sd, p + 5 * sd);
        }
    }
}

public class DriftScheduleTests
{
    [Fact]
    public void Shapes_HandValues()
    {
        Assert.Equal([0, 0.25, 0.5, 0.75, 1], DriftSchedule.Linear(0, 1, 5).ToArray());
        Assert.Equal([1, 1, 3, 3], DriftSchedule.Step(1, 3, 2, 4).ToArray());
        var seasonal = DriftSchedule.Seasonal(10, 2, 4, 4).ToArray(); // 10 + 2 sin(πd/2)
        Assert.Equal(10, seasonal[0], 12);
        Assert.Equal(12, seasonal[1], 12);
        Assert.Equal(10, seasonal[2], 12);
        Assert.Equal(8, seasonal[3], 12);
        Assert.Equal([1, 1.25, 3.5, 3.75], (DriftSchedule.Step(1, 3, 2, 4) + DriftSchedule.Linear(0, 0.75, 4)).ToArray());
    }

    [Fact]
    public void RandomWalk_SeededAndStartsAtStart()
    {
        var a = DriftSchedule.RandomWalk(0.5, 0.1, 30, seed: 3);
        Assert.Equal(0.5, a[0]);
        Assert.Equal(a.ToArray(), DriftSchedule.RandomWalk(0.5, 0.1, 30, seed: 3).ToArray());
        Assert.NotEqual(a.ToArray(), DriftSchedule.RandomWalk(0.5, 0.1, 30, seed: 4).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => a[30]);
    }
}

public class SessionGeneratorTests
{
    private static readonly SessionGenerator s_generator = new() { Users = 1000, Days = 7, Items = 300 };

    [Fact]
    public void Deterministic_SortedAndWellFormed()
    {
        var a = s_generator.Generate(5);
        var b = s_generator.Generate(5);
        Assert.Equal(a.Length, b.Length);
        Assert.True(a.Zip(b).All(p => p.First.Items.SequenceEqual(p.Second.Items) && p.First.Times.SequenceEqual(p.Second.Times) && p.First.UserId == p.Second.UserId));
        for (int i = 0; i < a.Length; i++)
        {
            Assert.Equal(i, a[i].SessionId);
            if (i > 0) Assert.True(a[i - 1].Start <= a[i].Start);
            Assert.All(a[i].Items, item => Assert.InRange(item, 0, 299));
            for (int k = 1; k < a[i].Length; k++) Assert.True(a[i].Times[k - 1] <= a[i].Times[k]);
        }
    }

    [Fact]
    public void Volumes_MatchTheConfiguration()
    {
        var sessions = s_generator.Generate(5);
        // Expected sessions: 1000 users × 7 days × 0.5 = 3,500. Each user's 7-day total is Poisson with a log-normal
        // (σ = 1) rate: variance 3.5 + 3.5² (e − 1) ≈ 24.5 per user, so sd ≈ 157 over 1000 users; allow 5 sd.
        Assert.InRange(sessions.Length, 3500 - 785, 3500 + 785);
        // Geometric lengths with mean 5 (sd ≈ 4.5): sd of the mean over ~3,500 sessions ≈ 0.08; allow 5 sd.
        Assert.InRange(sessions.Average(s => s.Length), 5 - 0.4, 5 + 0.4);
        // Evening hours (18–21) carry more than three times the sessions of the small hours (2–5): weights 12.9 vs 1.4.
        int evening = sessions.Count(s => s.Start.Hour is >= 18 and <= 21), night = sessions.Count(s => s.Start.Hour is >= 2 and <= 5);
        Assert.True(evening > 3 * night);
        // Zipf popularity: item 0 is the most viewed.
        var views = sessions.SelectMany(s => s.Items).GroupBy(i => i).OrderByDescending(g => g.Count()).First().Key;
        Assert.Equal(0, views);
    }

    [Fact]
    public void CustomChooser_IsUsed()
    {
        var g = new SessionGenerator { Users = 20, Days = 2, NextItem = (step, _) => step.Position == 0 ? 7 : step.ItemsSoFar[^1] + 1 };
        foreach (var s in g.Generate(1))
            Assert.Equal(Enumerable.Range(7, s.Length), s.Items);
    }
}

public class SocialGraphGeneratorTests
{
    [Fact]
    public void Deterministic_AndEdgesInTimeOrder()
    {
        var gen = new SocialGraphGenerator { Users = 400 };
        var a = gen.Generate(3);
        var b = gen.Generate(3);
        Assert.Equal(a.Graph.Edges, b.Graph.Edges);
        Assert.Equal(400, a.Graph.NodeCount);
        for (int e = 1; e < a.EdgeTime.Length; e++) Assert.True(a.EdgeTime[e - 1] <= a.EdgeTime[e]);
        // Clique of 4 (6 edges) + 396 newcomers × 3 links + at most 1 extra link per step.
        Assert.InRange(a.Graph.EdgeCount, 6 + 396 * 3, 6 + 396 * 4);
        var snap = a.Snapshot(200);
        Assert.Equal(a.EdgeTime.Count(t => t < 200), snap.EdgeCount);
        Assert.Equal(a.EdgeTime.Count(t => t >= 200 && t < 300), a.EdgesFormed(200, 300).Length);
    }

    [Fact]
    public void Homophily_MostEdgesStayInsideCommunities()
    {
        var g = new SocialGraphGenerator { Users = 1000, Communities = 8, WithinCommunity = 0.8 }.Generate(1);
        double within = g.Graph.Edges.Count(e => g.Community[e.Source] == g.Community[e.Target]) / (double)g.Graph.EdgeCount;
        Assert.True(within > 0.5, $"within-community share {within:P1} should far exceed 1/8 = 12.5 %");
    }

    [Fact]
    public void TriadicClosure_MakesFriendOfFriendCandidatesCoverNewEdges()
    {
        static double Coverage(double closure)
        {
            var g = new SocialGraphGenerator { Users = 1000, TriadicClosure = closure, ExtraEdgesPerStep = 2 }.Generate(2);
            var before = g.Snapshot(800);
            var newEdges = g.EdgesFormed(800, 1000).Where(e => e.Source < 800 && e.Target < 800).ToArray();
            int covered = newEdges.Count(e => before.Neighbors(e.Source).Intersect(before.Neighbors(e.Target)).Any());
            return covered / (double)newEdges.Length;
        }
        // Preferential attachment alone already gives hubs many mutual friends (about 72 % coverage with this seed);
        // closing triangles on every link lifts it to about 97 %.
        double without = Coverage(0.0), with = Coverage(1.0);
        Assert.True(with > without + 0.15, $"coverage {without:P0} without closure vs {with:P0} with");
    }
}
