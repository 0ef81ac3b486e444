using Mlsd.Metrics;

namespace Mlsd.Tests.Metrics;

public class BootstrapTests
{
    private static (int[] Y, double[] P) Noisy(int n, int seed, double rounding = 0.05)
    {
        var rng = new Random(seed);
        int[] y = new int[n];
        double[] p = new double[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = rng.NextDouble() < 0.3 ? 1 : 0;
            double score = Math.Clamp(0.3 + (y[i] == 1 ? 0.15 : -0.05) + 0.2 * (rng.NextDouble() - 0.5), 0.01, 0.99);
            p[i] = Math.Round(score / rounding) * rounding;   // coarse scores: many ties
        }
        return (y, p);
    }

    [Theory]
    [InlineData(BinaryMetric.LogLoss, 0.05)]
    [InlineData(BinaryMetric.NormalizedCrossEntropy, 0.05)]
    [InlineData(BinaryMetric.RocAuc, 0.05)]
    [InlineData(BinaryMetric.RocAuc, 1e-12)]
    [InlineData(BinaryMetric.PrAuc, 0.05)]
    [InlineData(BinaryMetric.PrAuc, 1e-12)]
    public void WeightedMetric_EqualsTheMetricOnRowsRepeatedByTheirCounts(BinaryMetric metric, double rounding)
    {
        // Independent check of the O(n) weighted kernels (with tied scores, and without): counting row i c_i
        // times must give what Classification (checked against scikit-learn) computes on the data with row i
        // written c_i times.
        var (y, p) = Noisy(300, seed: 11, rounding);
        var rng = new Random(5);
        int[] counts = y.Select(_ => rng.Next(0, 4)).ToArray();
        var yExpanded = new List<int>();
        var pExpanded = new List<double>();
        for (int i = 0; i < y.Length; i++)
            for (int c = 0; c < counts[i]; c++) { yExpanded.Add(y[i]); pExpanded.Add(p[i]); }
        double expected = metric switch
        {
            BinaryMetric.LogLoss => Classification.LogLoss(yExpanded, pExpanded),
            BinaryMetric.NormalizedCrossEntropy => Classification.NormalizedCrossEntropy(yExpanded, pExpanded),
            BinaryMetric.RocAuc => Classification.RocAucScore(yExpanded, pExpanded),
            _ => Classification.PrAucScore(yExpanded, pExpanded),
        };
        var prepared = PreparedScores.Create(y, p, metric, "p");
        Assert.Equal(expected, prepared.Compute(metric, counts.Select(c => (double)c).ToArray()), 1e-12);
    }

    [Fact]
    public void MeanInterval_OfTwoUnits_IsTheWholeRange_ByHand()
    {
        // Two units 0 and 1: a resample's mean is 0 (prob ¼), ½ (½) or 1 (¼), so the 2.5 % and 97.5 %
        // quantiles of many resamples are exactly 0 and 1.
        var ci = Bootstrap.MeanInterval([0.0, 1.0], options: new BootstrapOptions { Resamples = 4_000, Seed = 3 });
        Assert.Equal(0.5, ci.Value);
        Assert.Equal(0.0, ci.Lower);
        Assert.Equal(1.0, ci.Upper);
    }

    [Fact]
    public void MeanInterval_MatchesTheNormalApproximationForALargeSample()
    {
        // For n = 2,000 draws of N(0, 1) the 95 % interval of the mean is ≈ ±1.96·s/√n wide; the
        // percentile bootstrap should agree within 10 %.
        var rng = new Random(9);
        double[] x = Enumerable.Range(0, 2_000).Select(_ => Normal(rng)).ToArray();
        double mean = x.Average();
        double sd = Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / x.Length);
        double expectedHalfWidth = 1.959964 * sd / Math.Sqrt(x.Length);
        var ci = Bootstrap.MeanInterval(x, options: new BootstrapOptions { Resamples = 2_000, Seed = 1 });
        Assert.InRange((ci.Upper - ci.Lower) / 2, 0.9 * expectedHalfWidth, 1.1 * expectedHalfWidth);
        Assert.InRange(mean, ci.Lower, ci.Upper);
    }

    [Fact]
    public void MeanInterval_CoversTheTrueMeanAboutNinetyFivePercentOfTheTime()
    {
        // 300 samples of n = 100 from N(2, 1): a 95 % interval should contain 2 in roughly 95 % of them
        // (percentile intervals run slightly narrow for small n, so the band is 0.90–0.99).
        var rng = new Random(21);
        int covered = 0;
        for (int s = 0; s < 300; s++)
        {
            double[] x = Enumerable.Range(0, 100).Select(_ => 2 + Normal(rng)).ToArray();
            var ci = Bootstrap.MeanInterval(x, options: new BootstrapOptions { Resamples = 400, Seed = s });
            if (ci.Lower <= 2 && 2 <= ci.Upper) covered++;
        }
        Assert.InRange(covered / 300.0, 0.90, 0.99);
    }

    [Fact]
    public void PairedDifference_OfIdenticalSystems_IsAnExactTie()
    {
        var (y, p) = Noisy(500, seed: 2);
        var d = Bootstrap.PairedDifference(y, p, p, BinaryMetric.RocAuc);
        Assert.Equal(0, d.Difference);
        Assert.Equal(0, d.Lower);
        Assert.Equal(0, d.Upper);
        Assert.True(d.IsTie);
        Assert.Equal("tie", d.Verdict);
    }

    [Fact]
    public void PairedMeanDifference_OfAConstantShift_HasAZeroWidthInterval()
    {
        double[] a = [0.1, 0.4, 0.3, 0.9, 0.2];
        double[] b = a.Select(v => v + 0.1).ToArray();
        var d = Bootstrap.PairedMeanDifference(a, b, "P@5");
        Assert.Equal(0.1, d.Difference, 1e-12);
        Assert.Equal(0.1, d.Lower, 1e-12);
        Assert.Equal(0.1, d.Upper, 1e-12);
        Assert.True(d.CandidateIsBetter);
        Assert.Equal("better", d.Verdict);
        Assert.Equal("+0.1000 [+0.1000, +0.1000]", d.Format());
    }

    [Fact]
    public void PairedDifference_SeparatesAnInformativeModelFromNoise()
    {
        // Candidate: the true probabilities; baseline: the base rate plus a little noise. NCE must be lower
        // (better) with an interval entirely below 0; AUC higher with an interval entirely above 0.
        var rng = new Random(4);
        int n = 4_000;
        double[] truth = Enumerable.Range(0, n).Select(_ => 0.02 + 0.3 * rng.NextDouble()).ToArray();
        int[] y = truth.Select(t => rng.NextDouble() < t ? 1 : 0).ToArray();
        double rate = y.Average();
        double[] noise = truth.Select(_ => Math.Clamp(rate + 0.01 * (rng.NextDouble() - 0.5), 0.001, 0.999)).ToArray();
        var nce = Bootstrap.PairedDifference(y, noise, truth, BinaryMetric.NormalizedCrossEntropy);
        var auc = Bootstrap.PairedDifference(y, noise, truth, BinaryMetric.RocAuc);
        Assert.True(nce.Upper < 0, nce.ToString());
        Assert.True(nce.CandidateIsBetter);
        Assert.True(auc.Lower > 0, auc.ToString());
        Assert.True(auc.CandidateIsBetter);
        Assert.True(Bootstrap.PairedDifference(y, truth, noise, BinaryMetric.RocAuc).CandidateIsWorse);
    }

    [Fact]
    public void GroupedResampling_OfRowsRepeatedWithinGroups_EqualsResamplingTheGroups()
    {
        // Each unit written as 7 identical rows with the unit as its group: drawing groups gives exactly the
        // draws of the units themselves (same seed → same multinomial counts), so the intervals coincide.
        var rng = new Random(8);
        double[] units = Enumerable.Range(0, 50).Select(_ => rng.NextDouble()).ToArray();
        double[] rows = units.SelectMany(u => Enumerable.Repeat(u, 7)).ToArray();
        int[] groups = Enumerable.Range(0, 50).SelectMany(g => Enumerable.Repeat(1000 + g, 7)).ToArray();
        var byUnit = Bootstrap.MeanInterval(units, options: new BootstrapOptions { Seed = 12 });
        var byGroup = Bootstrap.MeanInterval(rows, options: new BootstrapOptions { Seed = 12, Groups = groups });
        Assert.Equal(byUnit.Lower, byGroup.Lower, 1e-12);
        Assert.Equal(byUnit.Upper, byGroup.Upper, 1e-12);
        // Resampling the 350 rows as if independent understates the uncertainty.
        var naive = Bootstrap.MeanInterval(rows, options: new BootstrapOptions { Seed = 12 });
        Assert.True(naive.Upper - naive.Lower < 0.6 * (byGroup.Upper - byGroup.Lower));
    }

    [Fact]
    public void SameSeed_SameInterval_OtherSeed_OtherInterval()
    {
        var (y, p) = Noisy(400, seed: 6);
        var (_, q) = Noisy(400, seed: 7);
        var a = Bootstrap.PairedDifference(y, p, q, BinaryMetric.PrAuc, new BootstrapOptions { Seed = 1 });
        var b = Bootstrap.PairedDifference(y, p, q, BinaryMetric.PrAuc, new BootstrapOptions { Seed = 1 });
        var c = Bootstrap.PairedDifference(y, p, q, BinaryMetric.PrAuc, new BootstrapOptions { Seed = 2 });
        Assert.Equal(a, b);
        Assert.NotEqual(a.Lower, c.Lower);
    }

    [Fact]
    public void Interval_ContainsTheFullDataValue()
    {
        var (y, p) = Noisy(1_000, seed: 3);
        var ci = Bootstrap.Interval(y, p, BinaryMetric.RocAuc);
        Assert.Equal(Classification.RocAucScore(y, p), ci.Value, 1e-12);
        Assert.InRange(ci.Value, ci.Lower, ci.Upper);
        Assert.True(ci.Upper - ci.Lower is > 0 and < 0.2, ci.ToString());
    }

    [Fact]
    public void BadInput_NamesTheArgument()
    {
        var e1 = Assert.Throws<ArgumentException>(() =>
            Bootstrap.PairedDifference([0, 1], [0.1, 0.2], [0.3], BinaryMetric.RocAuc));
        Assert.Equal("candidate", e1.ParamName);
        var e2 = Assert.Throws<ArgumentException>(() =>
            Bootstrap.Interval([0, 1], [0.1, 1.5], BinaryMetric.LogLoss));
        Assert.Equal("yScore", e2.ParamName);
        var e3 = Assert.Throws<ArgumentException>(() =>
            Bootstrap.MeanInterval([1.0, 2.0], options: new BootstrapOptions { ConfidenceLevel = 95 }));
        Assert.Contains("ConfidenceLevel", e3.Message);
        var e4 = Assert.Throws<ArgumentException>(() =>
            Bootstrap.MeanInterval([1.0, 2.0], options: new BootstrapOptions { Groups = [1] }));
        Assert.Contains("one group per row", e4.Message);
        Assert.Throws<ArgumentException>(() => Bootstrap.MeanInterval([1.0, double.NaN]));
    }

    [Fact]
    public void TooFewPositives_SaysSoInsteadOfReturningNonsense()
    {
        int[] y = new int[200];
        y[0] = 1;
        double[] p = Enumerable.Range(0, 200).Select(i => i / 200.0).ToArray();
        var e = Assert.Throws<InvalidOperationException>(() => Bootstrap.Interval(y, p, BinaryMetric.RocAuc));
        Assert.Contains("too few positives", e.Message);
    }

    private static double Normal(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
