using Mlsd.Retrieval;

namespace Mlsd.Tests.Retrieval;

[Collection(nameof(RetrievalData))]
public class HnswIndexTests(RetrievalData data)
{
    [Fact]
    public void RecallAtTenIsAtLeast95PercentAtEfSearch64()
    {
        HnswIndex index = data.Hnsw;
        Neighbor[][] found = data.Queries.Select(q => index.Search(q, 10, efSearch: 64)).ToArray();

        double recall = NeighborRecall.AtK(found, data.Truth, 10);
        Assert.True(recall >= 0.95, $"recall@10 was {recall}");
    }

    [Fact]
    public void RecallGrowsWithEfSearch()
    {
        HnswIndex index = data.Hnsw;
        double Measure(int ef) => NeighborRecall.AtK(data.Queries.Select(q => index.Search(q, 10, ef)).ToArray(), data.Truth, 10);

        double low = Measure(10), high = Measure(128);
        Assert.True(high >= low, $"recall at ef 128 ({high}) below ef 10 ({low})");
        Assert.True(high >= 0.99, $"recall at ef 128 was {high}");
    }

    [Fact]
    public void DegreesRespectMAndTwoMAndLevelsFollowOneOverM()
    {
        HnswIndex index = data.Hnsw;
        int upperNodes = 0;
        for (int node = 0; node < index.Count; node++)
        {
            Assert.InRange(index.LinkCount(node, 0), 1, 2 * index.M);
            int level = index.LevelOf(node);
            if (level > 0) upperNodes++;
            for (int layer = 1; layer <= level; layer++) Assert.InRange(index.LinkCount(node, layer), 0, index.M);
        }
        // P(level ≥ 1) = P(−ln U / ln M ≥ 1) = 1/M = 1/12: expect 416.7 of 5,000 (sd = √(5000·(1/12)·(11/12)) ≈ 19.5);
        // allow ±5 sd.
        Assert.Equal(12, index.M);
        Assert.InRange(upperNodes, 319, 514);
    }

    [Fact]
    public void ItemsAddedAfterBuildAreFoundFirstByTheirOwnVector()
    {
        var index = HnswIndex.Build(data.Vectors[..1_000], m: 8, efConstruction: 32, seed: 3);
        float[][] later = data.Vectors[1_000..1_300];
        for (int i = 0; i < later.Length; i++) index.Add(1_000_000 + i, later[i]);

        Assert.Equal(1_300, index.Count);
        for (int i = 0; i < later.Length; i++) Assert.Equal(1_000_000 + i, index.Search(later[i], 1)[0].Id);
    }

    [Fact]
    public void AddRangeWithoutIdsContinuesNumberingFromCount()
    {
        var index = new HnswIndex(RetrievalData.Dim, m: 8, efConstruction: 32);
        index.AddRange(data.Vectors[..300]);
        index.AddRange(data.Vectors[300..400]);

        Assert.Equal(400, index.Count);
        Assert.True(index.Contains(0) && index.Contains(399) && !index.Contains(400));
        Assert.Equal(350, index.Search(data.Vectors[350], 1)[0].Id);
    }

    [Fact]
    public void SameSeedSameGraphSameAnswers()
    {
        float[][] vectors = data.Vectors[..1_000];
        HnswIndex a = HnswIndex.Build(vectors, m: 8, efConstruction: 32, seed: 11);
        HnswIndex b = HnswIndex.Build(vectors, m: 8, efConstruction: 32, seed: 11);
        for (int i = 0; i < 50; i++)
            Assert.Equal(a.Search(data.Queries[i], 10, 20), b.Search(data.Queries[i], 10, 20));
        Assert.Equal(a.MaxLevel, b.MaxLevel);
    }

    [Fact]
    public void DotProductMetricFindsTheLargestInnerProducts()
    {
        // On a tiny set with efSearch ≥ n the beam covers the whole connected graph, so the answer must be exact.
        float[][] vectors = SyntheticVectors.Clustered(300, 6, clusters: 4, seed: 5);
        var hnsw = HnswIndex.Build(vectors, SimilarityMetric.DotProduct, m: 6, efConstruction: 50, seed: 1);
        var exact = ExactKnnIndex.Build(vectors, SimilarityMetric.DotProduct);
        float[] query = [1f, -2f, 0.5f, 3f, 0f, -1f];

        Assert.Equal(exact.Search(query, 5).Select(n => n.Id), hnsw.Search(query, 5, efSearch: 300).Select(n => n.Id));
    }

    [Fact]
    public void BatchSearchTakesAPerCallEfSearchAndLeavesTheDefaultAlone()
    {
        HnswIndex index = data.Hnsw;
        int before = index.EfSearch;
        Neighbor[][] narrow = index.SearchBatch(data.Queries, 10, efSearch: 12);
        Neighbor[][] wide = index.SearchBatch(data.Queries, 10, efSearch: 200, maxDegreeOfParallelism: 2);

        Assert.Equal(before, index.EfSearch);
        for (int i = 0; i < data.Queries.Length; i++)
        {
            Assert.Equal(index.Search(data.Queries[i], 10, efSearch: 12), narrow[i]);
            Assert.Equal(index.Search(data.Queries[i], 10, efSearch: 200), wide[i]);
        }
        Assert.True(NeighborRecall.AtK(wide, data.Truth, 10) > NeighborRecall.AtK(narrow, data.Truth, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.SearchBatch(data.Queries, 10, efSearch: 0));
    }

    [Fact]
    public void ConcurrentSearchesGiveTheSameAnswersAsSequentialOnes()
    {
        HnswIndex index = data.Hnsw;
        Neighbor[][] sequential = index.SearchBatch(data.Queries, 10);
        Neighbor[][] parallel = index.SearchBatch(data.Queries, 10, maxDegreeOfParallelism: 4);
        for (int i = 0; i < sequential.Length; i++) Assert.Equal(sequential[i], parallel[i]);
    }
}
