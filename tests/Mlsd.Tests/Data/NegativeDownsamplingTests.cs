using Mlsd.Data;

namespace Mlsd.Tests.Data;

public class NegativeDownsamplingTests
{
    [Theory]
    // q = p / (p + (1 − p) / w), worked by hand:
    [InlineData(0.5, 0.1, 1.0 / 11)]     // 0.5 / (0.5 + 5)
    [InlineData(0.2, 0.25, 1.0 / 17)]    // 0.2 / (0.2 + 3.2) = 0.2 / 3.4
    [InlineData(0.3, 1.0, 0.3)]          // no downsampling, no change
    [InlineData(0.0, 0.1, 0.0)]
    [InlineData(1.0, 0.1, 1.0)]
    public void Recalibrate_HandValues(double p, double w, double expected) =>
        Assert.Equal(expected, NegativeDownsampling.Recalibrate(p, w), 12);

    [Fact]
    public void Recalibrate_InvertsTheOddsInflation()
    {
        // Downsampling multiplies the odds by 1/w; recalibration multiplies them back by w.
        double p = 0.37, w = 0.2, q = NegativeDownsampling.Recalibrate(p, w);
        Assert.Equal(p / (1 - p) * w, q / (1 - q), 12);
    }

    [Fact]
    public void Sample_KeepsEveryPositive()
    {
        int[] labels = [1, 0, 0, 1, 0];
        Assert.Equal([0, 1, 2, 3, 4], NegativeDownsampling.Sample(labels, 1.0, seed: 1));
        Assert.Equal([0, 3], NegativeDownsampling.Sample(labels, 1e-12, seed: 1));
    }

    [Fact]
    public void Sample_RejectsBadInput()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NegativeDownsampling.Sample([0, 1], 0, 1));
        Assert.Contains("0 or 1", Assert.Throws<ArgumentException>(() => NegativeDownsampling.Sample([0, 2], 0.5, 1)).Message);
    }

    [Fact]
    public void Simulation_RecalibratedRatesRecoverTheTrueRates()
    {
        // Two segments with known click rates; downsample negatives at w = 0.05, estimate each segment's rate on
        // the sample, recalibrate, and compare with the rate in the full data.
        const double w = 0.05;
        const int perSegment = 100_000;
        double[] truth = [0.01, 0.10];
        var sampler = new Sampler(2014);
        var segment = new int[2 * perSegment];
        var labels = new int[2 * perSegment];
        for (int i = 0; i < labels.Length; i++)
        {
            segment[i] = i / perSegment;
            labels[i] = sampler.Bernoulli(truth[segment[i]]) ? 1 : 0;
        }
        var kept = NegativeDownsampling.Sample(labels, w, seed: 7);

        int negatives = labels.Count(y => y == 0), keptNegatives = kept.Count(i => labels[i] == 0);
        // Kept share of negatives ~ Binomial: sd = sqrt(w(1 − w) / n) ≈ 0.00071 for n ≈ 189,000; allow 5 sd.
        Assert.InRange(keptNegatives / (double)negatives, w - 0.0036, w + 0.0036);

        for (int s = 0; s < 2; s++)
        {
            var rows = kept.Where(i => segment[i] == s).ToArray();
            double sampleRate = rows.Count(i => labels[i] == 1) / (double)rows.Length;
            double fullRate = labels.Where((_, i) => segment[i] == s).Average();
            double recalibrated = NegativeDownsampling.Recalibrate(sampleRate, w);
            // All positives are kept, so the only noise is in the kept negatives: with pos positives and neg negatives,
            // q̂ = pos / (pos + K/w), K ~ Binomial(neg, w); sd(K/w) = sqrt(neg (1 − w) / w) ≈ 1,370 (segment 0) and
            // 1,310 (segment 1), so sd(q̂) ≈ pos · sd / n² ≈ 0.00014 and 0.0013. Tolerance: 5 sd.
            double tolerance = s == 0 ? 0.0007 : 0.0065;
            Assert.InRange(recalibrated, fullRate - tolerance, fullRate + tolerance);
            Assert.InRange(fullRate, truth[s] * 0.9, truth[s] * 1.1);
            Assert.True(sampleRate > 2 * truth[s], "without recalibration the sample rate overstates the true rate several-fold");
        }
    }

    [Fact]
    public void ImportanceWeights_UpweightNegatives() =>
        Assert.Equal([1.0, 4.0, 1.0], NegativeDownsampling.ImportanceWeights([1, 0, 1], 0.25));
}
