using Mlsd.Metrics;

namespace Mlsd.Tests.Metrics;

public class RankingTests
{
    private const double Tol = 1e-12;

    private static readonly string[] Abcd = ["a", "b", "c", "d"];

    [Fact]
    public void PrecisionAndRecallAtK_ByHand()
    {
        var relevant = new HashSet<string> { "a", "c", "x" };
        Assert.Equal(2.0 / 3, Ranking.PrecisionAtK(Abcd, relevant, 3), Tol); // a, c in top 3
        Assert.Equal(2.0 / 3, Ranking.RecallAtK(Abcd, relevant, 3), Tol);    // 2 of {a, c, x}
        Assert.Equal(1.0 / 3, Ranking.RecallAtK(Abcd, relevant, 1), Tol);
        // k beyond the list: the missing positions are misses, precision divides by k.
        Assert.Equal(2.0 / 10, Ranking.PrecisionAtK(Abcd, relevant, 10), Tol);
    }

    [Fact]
    public void DuplicatesInRankedList_CountOnce()
    {
        var relevant = new HashSet<string> { "a" };
        Assert.Equal(1.0 / 3, Ranking.PrecisionAtK(["a", "a", "a"], relevant, 3), Tol);
        Assert.Equal(1.0, Ranking.RecallAtK(["a", "a"], relevant, 2), Tol);
    }

    [Fact]
    public void HitRateAtK_ByHand()
    {
        var relevant = new HashSet<string> { "c" };
        Assert.Equal(0.0, Ranking.HitRateAtK(Abcd, relevant, 2));
        Assert.Equal(1.0, Ranking.HitRateAtK(Abcd, relevant, 3));
    }

    [Fact]
    public void ReciprocalRank_ByHand()
    {
        Assert.Equal(1.0 / 3, Ranking.ReciprocalRank(Abcd, new HashSet<string> { "c", "d" }), Tol);
        Assert.Equal(0.0, Ranking.ReciprocalRank(Abcd, new HashSet<string> { "z" }));
    }

    [Fact]
    public void AveragePrecision_ByHand()
    {
        // hits at ranks 1, 3, 5 → P = 1, 2/3, 3/5; |R| = 4 (x never retrieved) → 0.5666…
        string[] ranked = ["a", "b", "c", "d", "e"];
        var relevant = new HashSet<string> { "a", "c", "e", "x" };
        Assert.Equal((1 + 2.0 / 3 + 3.0 / 5) / 4, Ranking.AveragePrecision(ranked, relevant), Tol);
        // AP@3: hits at 1 and 3 → (1 + 2/3) / min(3, 4)
        Assert.Equal((1 + 2.0 / 3) / 3, Ranking.AveragePrecision(ranked, relevant, k: 3), Tol);
    }

    [Fact]
    public void AveragePrecision_ManningTextbookStyle()
    {
        // Manning, Raghavan & Schütze (2008) §8.4: relevant documents at ranks 1, 2, 4 out of 3 relevant →
        // AP = (1/1 + 2/2 + 3/4) / 3 = 0.916666…
        Assert.Equal(2.75 / 3, Ranking.AveragePrecision([1, 2, 3, 4, 5], new HashSet<int> { 1, 2, 4 }), Tol);
    }

    [Fact]
    public void NoRelevantItems_PerQueryIsZero_MeansSkipIt()
    {
        var none = new HashSet<string>();
        Assert.Equal(0.0, Ranking.RecallAtK(Abcd, none, 3));
        Assert.Equal(0.0, Ranking.AveragePrecision(Abcd, none));
        Assert.Equal(0.0, Ranking.NdcgAtK(Abcd, none, 3));

        // The second query has no relevant item and is skipped: mean = RR of the first = 1/2.
        IReadOnlyList<IReadOnlyList<string>> ranked = [new[] { "a", "b" }, new[] { "c" }];
        IReadOnlyList<IReadOnlySet<string>> relevant = [new HashSet<string> { "b" }, none];
        Assert.Equal(0.5, Ranking.MeanReciprocalRank(ranked, relevant), Tol);

        var all = Assert.Throws<ArgumentException>(() => Ranking.MeanReciprocalRank(ranked, [none, none]));
        Assert.Equal("relevant", all.ParamName);
    }

    [Fact]
    public void NdcgGraded_WikipediaExample()
    {
        // Wikipedia, "Discounted cumulative gain" (linear gain): returned grades 3, 2, 3, 0, 1, 2; all judged grades add a 3 and
        // a 2 not returned. DCG6 = 6.861, IDCG6 = 8.740, nDCG6 = 0.785. sklearn.metrics.ndcg_score with the 8 grades and
        // decreasing scores, k=6: 0.785002371969948; dcg_score: 6.861126688593503.
        double[] returned = [3, 2, 3, 0, 1, 2];
        double[] all = [3, 2, 3, 0, 1, 2, 3, 2];
        Assert.Equal(0.785002371969948, Ranking.NdcgAtK(returned, 6, all, NdcgGain.Linear), Tol);
        // Exponential gain: sklearn ndcg_score on 2^rel − 1 = 0.7510833867922447
        Assert.Equal(0.7510833867922447, Ranking.NdcgAtK(returned, 6, all), Tol);
    }

    [Theory]
    // sklearn.metrics.ndcg_score([[0,1,2,0,3,1]], [[6,5,4,3,2,1]], k=k) (linear) and on 2^rel − 1 (exponential)
    [InlineData(1, 0.0, 0.0)]
    [InlineData(3, 0.342498503184527, 0.22686868558673373)]
    [InlineData(6, 0.6061961482499554, 0.5288466094507526)]
    public void NdcgGraded_MatchesSklearn(int k, double linear, double exponential)
    {
        double[] grades = [0, 1, 2, 0, 3, 1];
        Assert.Equal(linear, Ranking.NdcgAtK(grades, k, gain: NdcgGain.Linear), Tol);
        Assert.Equal(exponential, Ranking.NdcgAtK(grades, k), Tol);
    }

    [Fact]
    public void NdcgBinary_ByHand()
    {
        // (1/log2 3 + 1/log2 4) / (1 + 1/log2 3)
        Assert.Equal(0.6934264036172708, Ranking.NdcgAtK(["a", "b", "c"], new HashSet<string> { "b", "c" }, 3), Tol);
    }

    [Fact]
    public void NdcgFromGradeMap_ByHand()
    {
        // exponential: (1 + 3/log2 3) / (3 + 1/log2 3)
        var grades = new Dictionary<string, double> { ["a"] = 1, ["b"] = 2 };
        Assert.Equal(0.7967075809905066, Ranking.NdcgAtK(["a", "b"], grades, 2), Tol);
    }

    [Fact]
    public void NdcgAllZeroGrades_IsZero()
    {
        Assert.Equal(0.0, Ranking.NdcgAtK([0.0, 0.0], 2));
    }

    [Fact]
    public void Means_ByHand_AcceptListsOfArraysAndSets()
    {
        var ranked = new List<string[]> { new[] { "a", "b" }, new[] { "c", "d" } };
        var relevant = new List<HashSet<string>> { new() { "a" }, new() { "d" } };
        Assert.Equal(0.5, Ranking.MeanPrecisionAtK(ranked, relevant, 1), Tol);       // (1 + 0) / 2
        Assert.Equal(0.75, Ranking.MeanReciprocalRank(ranked, relevant), Tol);       // (1 + 1/2) / 2
        Assert.Equal(1.0, Ranking.MeanHitRateAtK(ranked, relevant, 2), Tol);
        Assert.Equal(0.5, Ranking.MeanRecallAtK(ranked, relevant, 1), Tol);
        Assert.Equal(0.75, Ranking.MeanAveragePrecision(ranked, relevant), Tol);     // AP 1 and 1/2

        var r2 = new List<string[]> { new[] { "a", "b", "c" }, new[] { "d" } };
        var s2 = new List<HashSet<string>> { new() { "b", "c" }, new() { "d" } };
        Assert.Equal(0.8467132018086354, Ranking.MeanNdcgAtK(r2, s2, 3), Tol);        // (0.693426… + 1) / 2
    }

    [Fact]
    public void BadInput_Throws()
    {
        var k = Assert.ThrowsAny<ArgumentException>(() => Ranking.PrecisionAtK(Abcd, new HashSet<string>(), 0));
        Assert.Equal("k", k.ParamName);
        Assert.Contains("at least 1", k.Message);
        var grade = Assert.Throws<ArgumentException>(() => Ranking.NdcgAtK([1.0, -1.0], 2));
        Assert.Equal("gradesInRankedOrder", grade.ParamName);
        Assert.Throws<ArgumentException>(() => Ranking.NdcgAtK([1.0, double.NaN], 2));
        var lengths = Assert.Throws<ArgumentException>(() =>
            Ranking.MeanReciprocalRank(new List<string[]> { Abcd }, new List<HashSet<string>>()));
        Assert.Contains("same length (got 1 and 0)", lengths.Message);
    }

    [Fact]
    public void Diversity_SimilarityFunction_ByHand()
    {
        // pairs (1,2): 1/2, (1,4): 1/4, (2,4): 1/3 → (1/2 + 1/4 + 1/3) / 3 = 13/36
        double mean = Diversity.MeanPairwiseSimilarity([1, 2, 4], (a, b) => 1.0 / (1 + Math.Abs(a - b)));
        Assert.Equal(13.0 / 36, mean, Tol);
    }

    [Fact]
    public void Diversity_CosineOfEmbeddings_ByHand()
    {
        // cos((1,0),(0,1)) = 0, cos((1,0),(1,1)) = cos((0,1),(1,1)) = 1/√2 → (2/√2)/3 = 0.4714045207910316
        float[][] vectors = [[1, 0], [0, 1], [1, 1]];
        Assert.Equal(0.4714045207910316, Diversity.MeanPairwiseSimilarity(vectors), 1e-6);
        Assert.Equal(0.5285954792089684, Diversity.IntraListDiversity(vectors), 1e-6);
        double[][] doubles = [[1, 0], [0, 1], [1, 1]];
        Assert.Equal(0.4714045207910316, Diversity.MeanPairwiseSimilarity(doubles), 1e-12);
        var lookup = new Dictionary<string, float[]> { ["x"] = [1, 0], ["y"] = [1, 1] };
        Assert.Equal(1 / Math.Sqrt(2), Diversity.MeanPairwiseSimilarity(["x", "y"], id => lookup[id]), 1e-6);
    }

    [Fact]
    public void Diversity_BadInput_Throws()
    {
        Assert.Throws<ArgumentException>(() => Diversity.MeanPairwiseSimilarity([1], (a, b) => 1.0));
        float[][] ragged = [[1, 0], [1]];
        var ex = Assert.Throws<ArgumentException>(() => Diversity.MeanPairwiseSimilarity(ragged));
        Assert.Equal("embeddings", ex.ParamName);
        float[][] zero = [[1, 0], [0, 0]];
        Assert.Throws<ArgumentException>(() => Diversity.MeanPairwiseSimilarity(zero));
    }
}
