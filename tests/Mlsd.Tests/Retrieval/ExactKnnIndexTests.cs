using Mlsd.Retrieval;

namespace Mlsd.Tests.Retrieval;

public class ExactKnnIndexTests
{
    // Four 2-d items; hand-worked scores for the query (1, 1):
    //   dot:    #10 (1,0) → 1,  #11 (0,2) → 2,  #12 (1,1) → 2,  #13 (−1,0.5) → −0.5
    //   cosine: #10 → 1/√2 ≈ 0.70711,  #11 → 2/(2·√2) ≈ 0.70711,  #12 → 1,  #13 → −0.5/(√1.25·√2) ≈ −0.31623
    private static ExactKnnIndex Tiny(SimilarityMetric metric)
    {
        var index = new ExactKnnIndex(2, metric);
        index.Add(10, [1f, 0f]);
        index.Add(11, [0f, 2f]);
        index.Add(12, [1f, 1f]);
        index.Add(13, [-1f, 0.5f]);
        return index;
    }

    [Fact]
    public void DotProductMatchesHandWorkedExampleWithTiesBySmallerId()
    {
        Neighbor[] result = Tiny(SimilarityMetric.DotProduct).Search([1f, 1f], 4);

        Assert.Equal([11, 12, 10, 13], result.Select(n => n.Id));
        Assert.Equal([2f, 2f, 1f, -0.5f], result.Select(n => n.Score));
    }

    [Fact]
    public void CosineMatchesHandWorkedExample()
    {
        Neighbor[] result = Tiny(SimilarityMetric.Cosine).Search([1f, 1f], 4);

        Assert.Equal([12, 10, 11, 13], result.Select(n => n.Id));
        double[] expected = [1.0, 1 / Math.Sqrt(2), 1 / Math.Sqrt(2), -0.5 / (Math.Sqrt(1.25) * Math.Sqrt(2))];
        for (int i = 0; i < 4; i++) Assert.Equal(expected[i], result[i].Score, 5);
    }

    [Fact]
    public void CosineIgnoresLengthWhileDotProductRewardsIt()
    {
        // #1 points along the query but is short; #2 is 45° off but long.
        float[] query = [1f, 0f];
        foreach (var (metric, winner) in new[] { (SimilarityMetric.Cosine, 1), (SimilarityMetric.DotProduct, 2) })
        {
            var index = new ExactKnnIndex(2, metric);
            index.Add(1, [0.5f, 0f]);
            index.Add(2, [3f, 3f]);
            Assert.Equal(winner, index.Search(query, 1)[0].Id);
            // Scaling the query changes nothing under cosine, and scales every dot score by the same factor.
            Neighbor[] scaled = index.Search([10f, 0f], 2), plain = index.Search(query, 2);
            Assert.Equal(plain.Select(n => n.Id), scaled.Select(n => n.Id));
            double factor = metric == SimilarityMetric.Cosine ? 1 : 10;
            for (int i = 0; i < 2; i++) Assert.Equal(plain[i].Score * factor, scaled[i].Score, 4);
        }
    }

    [Fact]
    public void KLargerThanCountReturnsEverythingAndEmptyIndexReturnsNothing()
    {
        Assert.Equal(4, Tiny(SimilarityMetric.DotProduct).Search([1f, 1f], 10).Length);
        Assert.Empty(new ExactKnnIndex(3).Search([1f, 2f, 3f], 5));
    }

    [Fact]
    public void BatchAndParallelBatchEqualOneByOneSearch()
    {
        float[][] data = SyntheticVectors.Clustered(700, 8, clusters: 5, seed: 3);
        var index = ExactKnnIndex.Build(data[..600], SimilarityMetric.DotProduct);
        float[][] queries = data[600..];

        Neighbor[][] sequential = index.SearchBatch(queries, 7);
        Neighbor[][] parallel = index.SearchBatch(queries, 7, maxDegreeOfParallelism: 2);
        for (int i = 0; i < queries.Length; i++)
        {
            Neighbor[] single = index.Search(queries[i], 7);
            Assert.Equal(single, sequential[i]);
            Assert.Equal(single, parallel[i]);
        }
    }

    [Fact]
    public void ScoresAreTheDotProductsOfTheStoredVectors()
    {
        float[][] data = SyntheticVectors.Clustered(50, 5, clusters: 3, seed: 9);
        var index = ExactKnnIndex.Build(data, SimilarityMetric.DotProduct);
        float[] q = [0.3f, -1f, 2f, 0.5f, 0f];
        Neighbor[] result = index.Search(q, 50);

        // Independent check: sort all 50 items by a double-precision dot product written out here.
        var expected = data.Select((v, id) => (id, score: v.Zip(q, (a, b) => (double)a * b).Sum()))
            .OrderByDescending(p => p.score).ToArray();
        Assert.Equal(expected.Select(p => p.id), result.Select(n => n.Id));
        for (int i = 0; i < 50; i++) Assert.Equal(expected[i].score, result[i].Score, 4);
    }

    [Theory]
    [InlineData(64, 2_500, 13)]  // three cache blocks of items (the last partial), queries not a multiple of the 4-query tile
    [InlineData(17, 1_000, 6)]   // a dimension that is no multiple of any vector width
    [InlineData(3, 70, 5)]       // fewer items than one 64-item tile
    public void BatchMatrixProductAgreesWithADoublePrecisionReferenceAtBlockEdges(int dim, int items, int queryCount)
    {
        float[][] rows = SyntheticVectors.Clustered(items + queryCount, dim, clusters: 7, seed: dim);
        var index = ExactKnnIndex.Build(rows[..items], SimilarityMetric.DotProduct);
        float[][] queries = rows[items..];

        Neighbor[][] batch = index.SearchBatch(queries, 20);
        for (int j = 0; j < queryCount; j++)
        {
            // Independent check: every item scored with a double-precision dot product written out here.
            var expected = rows[..items].Select((v, id) => (id, score: v.Zip(queries[j], (a, b) => (double)a * b).Sum()))
                .OrderByDescending(p => p.score).ThenBy(p => p.id).Take(20).ToArray();
            Assert.Equal(expected.Select(p => p.id), batch[j].Select(n => n.Id));
            for (int i = 0; i < 20; i++) Assert.Equal(expected[i].score, batch[j][i].Score, 1e-5 * Math.Max(1, Math.Abs(expected[i].score)));
            Assert.Equal(index.Search(queries[j], 20), batch[j]); // one query at a time: the very same floats
        }
    }

    [Fact]
    public void ToStringSummarisesTheIndex()
    {
        Assert.Equal("ExactKnnIndex: 4 × 2-d, DotProduct", Tiny(SimilarityMetric.DotProduct).ToString());
        Assert.Equal("IvfIndex: 0 × 3-d, Cosine, 8 lists (untrained)", new IvfIndex(3, nLists: 8).ToString());
        Assert.Equal("HnswIndex: 0 × 3-d, Cosine, M=16, efConstruction=200, efSearch=64, 0 layers", new HnswIndex(3).ToString());
    }
}
