using Mlsd.Retrieval;

namespace Mlsd.Tests.Retrieval;

public class RecallAndBenchmarkTests
{
    private static Neighbor[] Ids(params int[] ids) => ids.Select(id => new Neighbor(id, 0f)).ToArray();

    [Fact]
    public void RecallCountsTheTrueTopKFound()
    {
        // Exact top 3 = {1, 2, 3}; approximate = {1, 3, 9}: two of three found.
        Assert.Equal(2.0 / 3, NeighborRecall.AtK(Ids(1, 3, 9), Ids(1, 2, 3)), 12);
        // k = 1 looks only at the first of each list.
        Assert.Equal(1.0, NeighborRecall.AtK(Ids(1, 3, 9), Ids(1, 2, 3), k: 1));
        Assert.Equal(0.0, NeighborRecall.AtK(Ids(3, 1, 9), Ids(1, 2, 3), k: 1));
        // Order within the top k does not matter; fewer results than k count as misses.
        Assert.Equal(1.0, NeighborRecall.AtK(Ids(3, 2, 1), Ids(1, 2, 3)));
        Assert.Equal(0.5, NeighborRecall.AtK(Ids(2), Ids(1, 2), k: 2));
    }

    [Fact]
    public void MeanRecallAveragesQueries()
    {
        Neighbor[][] approx = [Ids(1, 2), Ids(5, 9)];
        Neighbor[][] exact = [Ids(1, 2), Ids(5, 6)];
        Assert.Equal(0.75, NeighborRecall.AtK(approx, exact, 2), 12);
        Assert.Equal("approximate", Assert.Throws<ArgumentException>(() => NeighborRecall.AtK(approx, exact[..1])).ParamName);
        Assert.Equal("k", Assert.Throws<ArgumentOutOfRangeException>(() => NeighborRecall.AtK(approx, exact, 0)).ParamName);
    }

    [Fact]
    public void SweepReportsOnePointPerSettingWithRecallAgainstTruth()
    {
        float[][] all = SyntheticVectors.Clustered(1_050, 16, clusters: 10, seed: 8);
        float[][] vectors = all[..1_000], queries = all[1_000..];
        var exact = ExactKnnIndex.Build(vectors);
        Neighbor[][] truth = exact.SearchBatch(queries, 10);

        AnnBenchmarkPoint self = AnnBenchmark.Measure(exact, queries, truth);
        Assert.Equal(("Exact", 1.0), (self.Index, self.RecallAtK));
        Assert.True(self.QueriesPerSecond > 0 && self.P99LatencyMicroseconds >= 0);

        var ivf = IvfIndex.Build(vectors, nLists: 16, seed: 1);
        AnnBenchmarkPoint[] sweep = AnnBenchmark.SweepNProbe(ivf, queries, truth, [1, 16]);
        Assert.Equal([1, 16], sweep.Select(p => p.Value));
        Assert.Equal(1.0, sweep[1].RecallAtK); // all 16 lists probed = exact
        Assert.True(sweep[0].RecallAtK < 1.0);
        Assert.Equal(8, ivf.NProbe); // the sweep leaves the index's own setting alone
        Assert.StartsWith("IVF nProbe=16: recall@10 1.000, mean ", sweep[1].ToString());
    }
}
