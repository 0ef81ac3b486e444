using Mlsd.Retrieval;

namespace Mlsd.Tests.Retrieval;

[Collection(nameof(RetrievalData))]
public class IvfIndexTests(RetrievalData data)
{
    [Fact]
    public void RecallAtTenIsAtLeast90PercentProbing8Of64Lists()
    {
        var index = IvfIndex.Build(data.Vectors, nLists: 64, nProbe: 8, seed: 5);
        Neighbor[][] found = index.SearchBatch(data.Queries, 10);

        double recall = NeighborRecall.AtK(found, data.Truth, 10);
        Assert.True(recall >= 0.9, $"recall@10 was {recall}");
        Assert.Equal(RetrievalData.Items, index.ListSizes().Sum());
    }

    [Fact]
    public void ProbingEveryListIsExact()
    {
        var index = IvfIndex.Build(data.Vectors[..1_000], nLists: 16, seed: 2);
        var exact = ExactKnnIndex.Build(data.Vectors[..1_000]);
        for (int i = 0; i < 20; i++)
            Assert.Equal(exact.Search(data.Queries[i], 10).Select(n => n.Id), index.Search(data.Queries[i], 10, nProbe: 16).Select(n => n.Id));
    }

    [Fact]
    public void KMeansRecoversFourWellSeparatedClusters()
    {
        // Four tight groups around (±10, ±10) of sizes 10, 20, 30, 40: k-means with k = 4 must put each group in
        // its own list whatever the seed, so the list sizes are exactly {10, 20, 30, 40}.
        var sampler = new Mlsd.Sampler(1);
        var rows = new List<float[]>();
        (float x, float y, int n)[] groups = [(10, 10, 10), (-10, 10, 20), (-10, -10, 30), (10, -10, 40)];
        foreach (var (x, y, n) in groups)
            for (int i = 0; i < n; i++) rows.Add([x + (float)sampler.Normal(0, 0.3), y + (float)sampler.Normal(0, 0.3)]);

        foreach (int seed in new[] { 0, 1, 2 })
        {
            var index = IvfIndex.Build(rows, SimilarityMetric.DotProduct, nLists: 4, seed: seed);
            Assert.Equal([10, 20, 30, 40], index.ListSizes().Order());
        }
    }

    [Fact]
    public void ItemsAddedAfterTrainingGoToTheirNearestListAndAreFound()
    {
        var index = new IvfIndex(RetrievalData.Dim, nLists: 16, seed: 4) { NProbe = 1 };
        index.Train(data.Vectors[..1_000]);
        index.AddRange(data.Vectors[..1_000]);
        float[][] later = data.Vectors[1_000..1_300];
        for (int i = 0; i < later.Length; i++) index.Add(50_000 + i, later[i]);

        // With nProbe = 1 the query scans only its nearest list, which is exactly where its own vector was put.
        for (int i = 0; i < later.Length; i++) Assert.Equal(50_000 + i, index.Search(later[i], 1)[0].Id);
        Assert.Equal(1_300, index.ListSizes().Sum());
    }

    [Fact]
    public void SameSeedSameListsSameAnswers()
    {
        float[][] vectors = data.Vectors[..1_000];
        var a = IvfIndex.Build(vectors, nLists: 16, nProbe: 3, seed: 9);
        var b = IvfIndex.Build(vectors, nLists: 16, nProbe: 3, seed: 9);
        Assert.Equal(a.ListSizes(), b.ListSizes());
        Assert.Equal(a.Centroids(), b.Centroids());
        Assert.Equal(a.SearchBatch(data.Queries, 10), b.SearchBatch(data.Queries, 10));
    }

    [Fact]
    public void TrainingOnASeededSubsampleStillIndexesEverything()
    {
        float[][] vectors = data.Vectors[..1_000];
        IvfIndex Make() => new(RetrievalData.Dim, nLists: 8, seed: 3) { MaxTrainingPoints = 100, NProbe = 8 };
        IvfIndex a = Make(), b = Make();
        a.Train(vectors);
        b.Train(vectors);
        a.AddRange(vectors);

        Assert.Equal(a.Centroids(), b.Centroids()); // the subsample is drawn from the seed
        Assert.Equal(1_000, a.ListSizes().Sum());
        // nProbe = nLists scans everything, so the answer is exact whatever the centroids are.
        Assert.Equal(ExactKnnIndex.Build(vectors).Search(data.Queries[0], 5), a.Search(data.Queries[0], 5));
    }

    [Fact]
    public void BatchSearchTakesAPerCallNProbeAndLeavesTheDefaultAlone()
    {
        var index = IvfIndex.Build(data.Vectors[..2_000], nLists: 16, nProbe: 2, seed: 6);
        Neighbor[][] all = index.SearchBatch(data.Queries, 10, nProbe: 16);
        Neighbor[][] exact = ExactKnnIndex.Build(data.Vectors[..2_000]).SearchBatch(data.Queries, 10);

        Assert.Equal(2, index.NProbe);
        for (int i = 0; i < data.Queries.Length; i++)
        {
            Assert.Equal(index.Search(data.Queries[i], 10, nProbe: 16), all[i]);
            Assert.Equal(exact[i], all[i]); // every list probed: the exact answer, to the last bit of each score
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => index.SearchBatch(data.Queries, 10, nProbe: 0));
    }

    [Fact]
    public void CosineCentroidsAreUnitLength()
    {
        var index = IvfIndex.Build(data.Vectors[..1_000], nLists: 8, seed: 1);
        foreach (float[] c in index.Centroids())
            Assert.Equal(1.0, Math.Sqrt(c.Sum(v => (double)v * v)), 5);
    }
}
