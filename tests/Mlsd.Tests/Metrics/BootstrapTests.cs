using Mlsd.Metrics;

namespace Mlsd.Tests.Metrics;

public class BootstrapTests
{
    private static double Mean(IReadOnlyList<int> y, IReadOnlyList<double> p) => p.Average();

    [Fact]
    public void IdenticalPredictionsGiveAZeroWidthIntervalAtZero()
    {
        int[] y = [0, 1, 1, 0, 1];
        double[] p = [0.2, 0.7, 0.9, 0.4, 0.6];
        var d = Bootstrap.PairedDifference("log loss", y, p, p, Classification.LogLoss, resamples: 200);
        Assert.Equal((0.0, 0.0, 0.0), (d.Difference, d.Lower, d.Upper));
        Assert.False(d.IsSignificant);
        Assert.EndsWith(": a tie", d.ToString());
    }

    [Fact]
    public void AConstantShiftIsRecoveredExactlyInEveryResample()
    {
        // mean(p + 0.1) − mean(p) = 0.1 on any resample, so the whole interval is 0.1.
        int[] y = [0, 1, 0, 1];
        double[] p = [0.1, 0.5, 0.3, 0.8];
        var d = Bootstrap.PairedDifference("mean", y, p.Select(v => v + 0.1).ToArray(), p, Mean, resamples: 100);
        Assert.Equal(0.1, d.Difference, 12);
        Assert.Equal(0.1, d.Lower, 12);
        Assert.Equal(0.1, d.Upper, 12);
        Assert.True(d.IsSignificant);
        Assert.Equal("mean +0.1000 (95 % CI +0.1000 to +0.1000)", d.ToString());
    }

    [Fact]
    public void TheIntervalOfAMeanDifferenceMatchesItsNormalApproximation()
    {
        // Differences d_i alternate −1 and +1 (mean 0, sd 1): the 95 % interval of their mean over n = 400 rows is
        // about ±1.96 / √400 = ±0.098. The bootstrap's percentile interval must land near it.
        int n = 400;
        double[] a = Enumerable.Range(0, n).Select(i => i % 2 == 0 ? 1.0 : -1.0).ToArray();
        double[] b = new double[n];
        var d = Bootstrap.PairedDifference("mean", new int[n], a, b, Mean, resamples: 2000, seed: 3);
        Assert.InRange(d.Upper, 0.085, 0.111);
        Assert.InRange(d.Lower, -0.111, -0.085);
    }

    [Fact]
    public void TheLogLossShortcutMatchesTheGeneralBootstrap()
    {
        // Worked by hand: per-row differences are ln 0.5 − ln 0.8 = −0.4700 on both rows.
        var tiny = Bootstrap.LogLossDifference([1, 0], [0.8, 0.2], [0.5, 0.5], resamples: 50);
        Assert.Equal(Math.Log(0.5) - Math.Log(0.8), tiny.Difference, 12);
        Assert.Equal(tiny.Difference, tiny.Lower, 12);
        Assert.Equal(tiny.Difference, tiny.Upper, 12);
        // Same seed, same resamples: the shortcut and the general path draw the same rows, so the intervals agree.
        var rng = new Random(5);
        int[] y = Enumerable.Range(0, 300).Select(_ => rng.Next(2)).ToArray();
        double[] a = y.Select(v => Math.Clamp(v * 0.6 + rng.NextDouble() * 0.4, 0.01, 0.99)).ToArray();
        double[] b = y.Select(_ => rng.NextDouble()).ToArray();
        var fast = Bootstrap.LogLossDifference(y, a, b, resamples: 200, seed: 9);
        var slow = Bootstrap.PairedDifference("log loss", y, a, b, Classification.LogLoss, resamples: 200, seed: 9);
        Assert.Equal(slow.Difference, fast.Difference, 10);
        Assert.Equal(slow.Lower, fast.Lower, 10);
        Assert.Equal(slow.Upper, fast.Upper, 10);
    }

    [Fact]
    public void BadArgumentsAreNamed()
    {
        Assert.Equal("predictionsB", Assert.Throws<ArgumentException>(() =>
            Bootstrap.PairedDifference("m", [1], [0.5], [0.5, 0.5], Mean)).ParamName);
        Assert.Equal("resamples", Assert.Throws<ArgumentOutOfRangeException>(() =>
            Bootstrap.PairedDifference("m", [1], [0.5], [0.5], Mean, resamples: 5)).ParamName);
    }
}
