using Mlsd.Metrics;

namespace Mlsd.Tests.Metrics;

public class ModelComparisonTests
{
    private static (int[] Y, double[] Truth, double[] Weak, double[] Flat) World(int n = 3_000)
    {
        var rng = new Random(17);
        double[] truth = Enumerable.Range(0, n).Select(_ => 0.05 + 0.4 * rng.NextDouble()).ToArray();
        int[] y = truth.Select(t => rng.NextDouble() < t ? 1 : 0).ToArray();
        double[] weak = truth.Select(t => Math.Clamp(t + 0.3 * (rng.NextDouble() - 0.5), 0.01, 0.99)).ToArray();
        double rate = y.Average();
        double[] flat = y.Select(_ => rate).ToArray();
        return (y, truth, weak, flat);
    }

    [Fact]
    public void Binary_ValuesAreTheClassificationMetrics_AndDifferencesUseTheBaseline()
    {
        var (y, truth, weak, flat) = World();
        var cmp = ModelComparison.Binary(y, [("base rate", flat), ("weak", weak), ("truth", truth)], "weak",
            [BinaryMetric.NormalizedCrossEntropy, BinaryMetric.RocAuc]);
        Assert.Equal(Classification.NormalizedCrossEntropy(y, truth), cmp.Value("truth", BinaryMetric.NormalizedCrossEntropy), 1e-12);
        Assert.Equal(Classification.RocAucScore(y, weak), cmp.Value("weak", "ROC-AUC"), 1e-12);
        var d = cmp.Difference("truth", BinaryMetric.NormalizedCrossEntropy);
        Assert.Equal(cmp.Value("truth", "NCE") - cmp.Value("weak", "NCE"), d.Difference, 1e-12);
        Assert.True(d.CandidateIsBetter, d.ToString());
        Assert.True(cmp.Difference("base rate", BinaryMetric.RocAuc).CandidateIsWorse);
        // The shared draws give the same interval as a one-pair bootstrap with the same seed.
        var single = Bootstrap.PairedDifference(y, weak, truth, BinaryMetric.RocAuc);
        var fromTable = cmp.Difference("truth", BinaryMetric.RocAuc);
        Assert.Equal(single.Lower, fromTable.Lower, 1e-12);
        Assert.Equal(single.Upper, fromTable.Upper, 1e-12);
    }

    [Fact]
    public void Table_ShowsValuesDifferencesAndVerdicts()
    {
        var (y, truth, weak, _) = World();
        var table = ModelComparison.Binary(y, [("weak", weak), ("truth", truth), ("weak again", weak)], "weak",
            [BinaryMetric.RocAuc]).ToTable();
        Assert.Equal(["model", "ROC-AUC", "Δ ROC-AUC vs weak (95 % CI)"], table.Columns);
        Assert.Equal("baseline", table[0, 2]);
        Assert.EndsWith(" better", (string)table[1, 2]!);
        Assert.Equal("+0.0000 [+0.0000, +0.0000] tie", table[2, 2]);
    }

    [Fact]
    public void PerUnit_ComparesMeansOfPerUnitValues()
    {
        double[] a = [0.1, 0.2, 0.3, 0.4];
        double[] b = [0.2, 0.3, 0.4, 0.5];
        var cmp = ModelComparison.PerUnit([("P@5", true), ("latency", false)],
            [("A", [a, a]), ("B", [b, b])], baseline: "A");
        Assert.Equal(0.25, cmp.Value("A", "P@5"), 1e-12);
        Assert.Equal("better", cmp.Difference("B", "P@5").Verdict);
        Assert.Equal("worse", cmp.Difference("B", "latency").Verdict);
    }

    [Fact]
    public void BadInput_NamesWhatIsWrong()
    {
        var (y, truth, weak, _) = World(200);
        var e1 = Assert.Throws<ArgumentException>(() =>
            ModelComparison.Binary(y, [("a", weak), ("b", truth)], "c", [BinaryMetric.RocAuc]));
        Assert.Contains("baseline \"c\"", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() =>
            ModelComparison.Binary(y, [("a", weak), ("a", truth)], "a", [BinaryMetric.RocAuc]));
        Assert.Contains("twice", e2.Message);
        var e3 = Assert.Throws<ArgumentException>(() =>
            ModelComparison.Binary(y, [("a", weak), ("b", truth.Take(10).ToArray())], "a", [BinaryMetric.RocAuc]));
        Assert.Contains("models[1] (b)", e3.Message);
        var cmp = ModelComparison.Binary(y, [("a", weak), ("b", truth)], "a", [BinaryMetric.RocAuc]);
        Assert.Throws<ArgumentException>(() => cmp.Difference("a", BinaryMetric.RocAuc));
        Assert.Throws<ArgumentException>(() => cmp.Value("b", BinaryMetric.LogLoss));
    }
}
