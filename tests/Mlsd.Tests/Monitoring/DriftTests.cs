using Mlsd.Monitoring;

namespace Mlsd.Tests.Monitoring;

public class DriftTests
{
    // Drawn once with numpy.random.default_rng(42): 30 values ~ N(0, 1) and 40 values ~ N(0.5, 1), rounded to 3 places (no ties).
    private static readonly double[] A30 =
        [0.305, -1.04, 0.75, 0.941, -1.951, -1.302, 0.128, -0.316, -0.017, -0.853, 0.879, 0.778, 0.066, 1.127, 0.468, -0.859, 0.369, -0.959, 0.878, -0.05,
         -0.185, -0.681, 1.223, -0.155, -0.428, -0.352, 0.532, 0.365, 0.413, 0.431];
    private static readonly double[] B40 =
        [2.642, 0.094, -0.012, -0.314, 1.116, 1.629, 0.386, -0.34, -0.324, 1.151, 1.243, 1.043, -0.166, 0.732, 0.617, 0.719, 1.371, 0.724, 1.179, 0.568,
         0.789, 1.131, -0.957, 0.18, 0.03, -0.139, 0.225, 1.995, -0.366, 1.468, -1.183, 0.165, 0.663, 1.086, 1.211, 1.293, 0.151, 0.038, 1.358, 0.309];

    private static readonly double[] OneToTen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

    [Fact]
    public void Psi_Numeric_ByHand()
    {
        // Median of 1…10 is 5.5 → bins [−∞, 5.5) and [5.5, ∞). Reference 5/5, current 3/7:
        // (0.3 − 0.5)·ln(0.3/0.5) + (0.7 − 0.5)·ln(0.7/0.5) = 0.10216512 + 0.06729445 = 0.16945957207744072
        double[] current = [1, 2, 3, 6, 7, 8, 9, 10, 11, 12];
        Assert.Equal(0.16945957207744072, Drift.PopulationStabilityIndex(OneToTen, current, bins: 2), 1e-12);
        var bins = Drift.Bin(OneToTen, current, bins: 2);
        Assert.Equal([5L, 5L], bins.ReferenceCounts);
        Assert.Equal([3L, 7L], bins.CurrentCounts);
        Assert.Equal(5.5, bins.Upper[0]);
        Assert.Equal("[−∞, 5.5)", bins.Labels[0]);
    }

    [Fact]
    public void Psi_IdenticalSamples_IsZero_AndQuantileBinsAreEven()
    {
        // Deciles of 1…10 (type 7): 1.9, 2.8, …, 9.1 → each bin holds exactly one reference value.
        var bins = Drift.Bin(OneToTen, OneToTen);
        Assert.Equal(10, bins.Labels.Length);
        Assert.All(bins.ReferenceCounts, c => Assert.Equal(1L, c));
        Assert.Equal(1.9, bins.Upper[0], 1e-12);
        Assert.Equal(0.0, bins.Psi, 1e-15);
    }

    [Fact]
    public void Psi_EmptyBinUsesEpsilon()
    {
        // Current entirely above the median: shares 0.5/0.5 vs 0/1 with 0 → ε = 1e-4:
        // (1e-4 − 0.5)·ln(1e-4/0.5) + (1 − 0.5)·ln(1/0.5) = 0.49990·8.51719 + 0.5·0.693147 = 4.604409…
        double[] current = [6, 7, 8, 9];
        double expected = (1e-4 - 0.5) * Math.Log(1e-4 / 0.5) + 0.5 * Math.Log(2);
        Assert.Equal(expected, Drift.PopulationStabilityIndex(OneToTen, current, bins: 2), 1e-12);
    }

    [Fact]
    public void Psi_TiedReference_MergesEdges()
    {
        // Reference is 0 nine times and 1 once. Type-7 deciles: position h = 9p; for p ≤ 0.8, h ≤ 7.2 lies among the zeros → 0;
        // p = 0.9: h = 8.1 → 0 + 0.1·(1 − 0) = 0.1. Edges collapse to {0, 0.1}: bins [−∞, 0), [0, 0.1), [0.1, ∞).
        double[] reference = [0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
        var bins = Drift.Bin(reference, reference);
        Assert.Equal(3, bins.Labels.Length);
        Assert.Equal([0L, 9L, 1L], bins.ReferenceCounts);
    }

    [Fact]
    public void Psi_Categorical_ByHand()
    {
        // 0.5/0.5 vs 0.25/0.75: (−0.25)·ln(0.5) + 0.25·ln(1.5) = 0.2746530721670274
        Assert.Equal(0.2746530721670274, Drift.PopulationStabilityIndex(["a", "a", "b", "b"], ["a", "b", "b", "b"]), 1e-12);
        var bins = Drift.BinCategories(["a", "a", "b"], ["b", "c"]);
        Assert.Equal(["a", "b", "c"], bins.Labels);
        Assert.Equal([2L, 1L, 0L], bins.ReferenceCounts);
        Assert.Equal([0L, 1L, 1L], bins.CurrentCounts);
    }

    [Fact]
    public void KolmogorovSmirnov_SmallExact_MatchesScipy()
    {
        // scipy.stats.ks_2samp([1,2,3,4], [3.5,5,6,7], method='exact'): statistic 0.75, pvalue 0.22857142857142862 (= 16/70)
        var r = Drift.KolmogorovSmirnov([1, 2, 3, 4], [3.5, 5, 6, 7]);
        Assert.Equal(0.75, r.Statistic, 1e-12);
        Assert.Equal(0.22857142857142862, r.PValue, 1e-12);
        Assert.Equal("exact", r.Method);
    }

    [Fact]
    public void KolmogorovSmirnov_Exact_MatchesScipy()
    {
        // scipy.stats.ks_2samp(A30, B40, method='exact'): statistic 0.31666666666666665, pvalue 0.05271733899827435
        var r = Drift.KolmogorovSmirnov(A30, B40);
        Assert.Equal(0.31666666666666665, r.Statistic, 1e-12);
        Assert.Equal(0.05271733899827435, r.PValue, 1e-10);
    }

    [Fact]
    public void KolmogorovSmirnov_Asymptotic_MatchesKolmogorovDistribution()
    {
        // scipy.stats.kstwobign.sf(sqrt(30·40/70) · 0.31666666666666665) = 0.06424950791659026
        var r = Drift.KolmogorovSmirnov(A30, B40, exactLimit: 0);
        Assert.Equal("asymptotic", r.Method);
        Assert.Equal(0.06424950791659026, r.PValue, 1e-10);
    }

    [Theory]
    // scipy.stats.kstwobign.sf(λ)
    [InlineData(0.3, 0.9999906941986655)]
    [InlineData(0.5, 0.9639452436648751)]
    [InlineData(1.0, 0.26999967167735456)]
    [InlineData(1.358099, 0.04999990203756479)]
    [InlineData(2.0, 0.0006709252557796953)]
    public void KolmogorovSurvival_MatchesScipyKstwobign(double lambda, double expected)
    {
        Assert.Equal(expected, Drift.KolmogorovSurvival(lambda), 1e-12);
    }

    [Fact]
    public void KolmogorovSmirnov_SameSample_IsDZeroPOne()
    {
        var r = Drift.KolmogorovSmirnov(A30, A30);
        Assert.Equal(0.0, r.Statistic);
        Assert.Equal(1.0, r.PValue);
    }

    [Fact]
    public void ChiSquare_MatchesScipyChi2Contingency()
    {
        // scipy.stats.chi2_contingency([[30,20],[20,30]], correction=False) → (4.0, 0.04550026389635857, dof 1)
        string[] reference = [.. Enumerable.Repeat("a", 30), .. Enumerable.Repeat("b", 20)];
        string[] current = [.. Enumerable.Repeat("a", 20), .. Enumerable.Repeat("b", 30)];
        var r = Drift.ChiSquareTest(reference, current);
        Assert.Equal(4.0, r.Statistic, 1e-12);
        Assert.Equal(1.0, r.DegreesOfFreedom);
        Assert.Equal(0.04550026389635857, r.PValue, 1e-12);

        // scipy.stats.chi2_contingency([[50,30,20],[40,30,30]]) → (3.111111111111111, 0.2110720877910903, dof 2)
        string[] ref3 = [.. Enumerable.Repeat("x", 50), .. Enumerable.Repeat("y", 30), .. Enumerable.Repeat("z", 20)];
        string[] cur3 = [.. Enumerable.Repeat("x", 40), .. Enumerable.Repeat("y", 30), .. Enumerable.Repeat("z", 30)];
        var r3 = Drift.ChiSquareTest(ref3, cur3);
        Assert.Equal(3.111111111111111, r3.Statistic, 1e-12);
        Assert.Equal(0.2110720877910903, r3.PValue, 1e-12);
    }

    [Fact]
    public void BadInput_Throws()
    {
        var nan = Assert.Throws<ArgumentException>(() => Drift.PopulationStabilityIndex([1.0, double.NaN], [1.0]));
        Assert.Equal("reference", nan.ParamName);
        Assert.Contains("index 1", nan.Message);
        var empty = Assert.Throws<ArgumentException>(() => Drift.KolmogorovSmirnov([1.0], []));
        Assert.Equal("current", empty.ParamName);
        Assert.ThrowsAny<ArgumentException>(() => Drift.PopulationStabilityIndex(OneToTen, OneToTen, bins: 1));
        var nul = Assert.Throws<ArgumentException>(() => Drift.ChiSquareTest(["a", null!], ["a"]));
        Assert.Contains("null", nul.Message);
    }
}

public class DriftReportTests
{
    private static double[] Normal(int n, double mean, int seed)
    {
        var s = new Mlsd.Sampler(seed);
        return Enumerable.Range(0, n).Select(_ => s.Normal(mean, 1)).ToArray();
    }

    [Fact]
    public void Compare_FlagsOnlyTheShiftedFeatures()
    {
        // Unchanged: "age" ~ N(0,1) in both; "device" 50/50 in both.
        // Shifted: "price" mean moves by 1 sd (a PSI far above 0.25 → alert);
        // "country" goes from 50/50 to 80/20 (PSI = 0.3·ln(1.6) + 0.3·ln(2.5) = 0.4159… → alert).
        string[] even = [.. Enumerable.Repeat("A", 1000), .. Enumerable.Repeat("B", 1000)];
        string[] skewed = [.. Enumerable.Repeat("A", 1600), .. Enumerable.Repeat("B", 400)];
        var reference = new FeatureSample()
            .Numeric("age", Normal(2000, 0, 1)).Numeric("price", Normal(2000, 0, 2))
            .Categorical("device", even).Categorical("country", even);
        var current = new FeatureSample()
            .Numeric("age", Normal(2000, 0, 3)).Numeric("price", Normal(2000, 1, 4))
            .Categorical("device", even).Categorical("country", skewed);

        var report = DriftReport.Compare(reference, current);
        Assert.Equal(DriftStatus.Ok, report["age"].Status);
        Assert.Equal(DriftStatus.Ok, report["device"].Status);
        Assert.Equal(DriftStatus.Alert, report["price"].Status);
        Assert.Equal(DriftStatus.Alert, report["country"].Status);
        Assert.Equal(0.3 * Math.Log(1.6) + 0.3 * Math.Log(2.5), report["country"].Psi, 1e-12);
        Assert.Equal("χ²", report["country"].Test);
        Assert.Equal(DriftStatus.Alert, report.WorstStatus);

        string text = report.ToString();
        Assert.Contains("ALERT", text);
        Assert.True(text.IndexOf("price", StringComparison.Ordinal) < text.IndexOf("age", StringComparison.Ordinal), "worst first");
        Assert.Contains("<table", report.ToHtml());
        Assert.Equal(10, report["price"].Distribution.Labels.Length); // plot data: decile bins
    }

    [Fact]
    public void Compare_SmallSampleLargePsi_StaysOkWithoutEvidence()
    {
        // 4 vs 4 values: PSI is large by construction but the exact KS p-value (0.2286, as above) is not below α = 0.05.
        var reference = new FeatureSample().Numeric("x", [1, 2, 3, 4]);
        var current = new FeatureSample().Numeric("x", [3.5, 5, 6, 7]);
        var row = DriftReport.Compare(reference, current, new DriftThresholds(Bins: 2))["x"];
        Assert.True(row.Psi > 0.25);
        Assert.Equal(DriftStatus.Ok, row.Status);
    }

    [Fact]
    public void Compare_MissingOrMismatchedFeature_Throws()
    {
        var reference = new FeatureSample().Numeric("x", [1.0, 2.0]);
        var missing = Assert.Throws<ArgumentException>(() => DriftReport.Compare(reference, new FeatureSample().Numeric("y", [1.0])));
        Assert.Contains("no feature \"x\"", missing.Message);
        var kind = Assert.Throws<ArgumentException>(() => DriftReport.Compare(reference, new FeatureSample().Categorical("x", ["a"])));
        Assert.Contains("Numeric in reference but Categorical", kind.Message);
        Assert.Throws<ArgumentException>(() => new FeatureSample().Numeric("x", [1.0]).Numeric("x", [2.0]));
    }
}
