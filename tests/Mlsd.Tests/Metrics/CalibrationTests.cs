using Mlsd.Metrics;

namespace Mlsd.Tests.Metrics;

public class CalibrationTests
{
    private const double Tol = 1e-12;

    // 20 probabilities and labels drawn once with numpy (default_rng(0)), probabilities rounded to 3 places.
    private static readonly double[] Prob20 =
        [0.637, 0.27, 0.041, 0.017, 0.813, 0.913, 0.607, 0.729, 0.544, 0.935, 0.816, 0.003, 0.857, 0.034, 0.73, 0.176, 0.863, 0.541, 0.3, 0.423];
    private static readonly int[] Label20 = [1, 1, 0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 1, 0, 1, 0, 1, 0, 0, 1];

    [Fact]
    public void ReliabilityBins_DocExample_ByHand()
    {
        var bins = Calibration.ReliabilityBins([0, 1, 0, 1], [0.1, 0.3, 0.6, 0.8], bins: 2);
        Assert.Equal(2, bins.Length);
        Assert.Equal((0.0, 0.5, 2), (bins[0].Lower, bins[0].Upper, bins[0].Count));
        Assert.Equal(0.2, bins[0].MeanPredicted, Tol);
        Assert.Equal(0.5, bins[0].ObservedRate, Tol);
        Assert.Equal(0.5, bins[1].Lower);
        Assert.Equal(1.0, bins[1].Upper);
        Assert.Equal(2, bins[1].Count);
        Assert.Equal(0.7, bins[1].MeanPredicted, Tol);
        Assert.Equal(0.5, bins[1].ObservedRate, Tol);
    }

    [Fact]
    public void ReliabilityBins_MatchSklearnCalibrationCurve()
    {
        // sklearn.calibration.calibration_curve(Label20, Prob20, n_bins=5, strategy="uniform"):
        // prob_true = [0.0, 0.5, 0.3333333333333333, 0.5, 1.0]
        // prob_pred = [0.054200000000000005, 0.28500000000000003, 0.5026666666666667, 0.67575, 0.8661666666666665]
        // counts per bin by hand: [5, 2, 3, 4, 6]
        var bins = Calibration.ReliabilityBins(Label20, Prob20, bins: 5);
        double[] observed = [0.0, 0.5, 1.0 / 3, 0.5, 1.0];
        double[] predicted = [0.054200000000000005, 0.28500000000000003, 0.5026666666666667, 0.67575, 0.8661666666666665];
        int[] counts = [5, 2, 3, 4, 6];
        for (int b = 0; b < 5; b++)
        {
            Assert.Equal(counts[b], bins[b].Count);
            Assert.Equal(observed[b], bins[b].ObservedRate, Tol);
            Assert.Equal(predicted[b], bins[b].MeanPredicted, Tol);
            Assert.Equal(b / 5.0, bins[b].Lower, Tol);
        }
    }

    [Fact]
    public void ReliabilityBins_EmptyBinsAreKeptWithNaN()
    {
        var bins = Calibration.ReliabilityBins([1, 0], [0.95, 0.05], bins: 10);
        Assert.Equal(10, bins.Length);
        Assert.Equal(0, bins[5].Count);
        Assert.True(double.IsNaN(bins[5].MeanPredicted));
        Assert.Contains("empty", bins[5].ToString());
        Assert.Equal(1, bins[9].Count); // 0.95 is in [0.9, 1]
    }

    [Fact]
    public void ReliabilityBins_EdgeValuesGoToTheUpperBin_OneGoesToTheLast()
    {
        // 0.3 with 10 bins belongs to [0.3, 0.4) — even though 0.3·10 is computed in floating point.
        var bins = Calibration.ReliabilityBins([0, 0, 1], [0.3, 0.7, 1.0], bins: 10);
        Assert.Equal(1, bins[3].Count);
        Assert.Equal(1, bins[7].Count);
        Assert.Equal(1, bins[9].Count);
    }

    [Fact]
    public void ExpectedCalibrationError_DocExample_ByHand()
    {
        // ½·|0.2 − 0.5| + ½·|0.7 − 0.5| = 0.15 + 0.10
        Assert.Equal(0.25, Calibration.ExpectedCalibrationError([0, 1, 0, 1], [0.1, 0.3, 0.6, 0.8], bins: 2), Tol);
    }

    [Fact]
    public void ExpectedCalibrationError_FromBinTable()
    {
        // Σ n_b/20 · |p̄_b − ȳ_b| with the sklearn bin means above:
        // (5·0.0542 + 2·0.215 + 3·0.169333… + 4·0.17575 + 6·0.133833…) / 20 = 0.13575 (numpy arithmetic)
        Assert.Equal(0.13575000000000004, Calibration.ExpectedCalibrationError(Label20, Prob20, bins: 5), 1e-12);
    }

    [Fact]
    public void ExpectedCalibrationError_PerfectlyCalibratedBins_IsZero()
    {
        // In each bin the mean prediction equals the observed rate (0.25 with 1 of 4; 0.75 with 3 of 4).
        int[] y = [1, 0, 0, 0, 1, 1, 1, 0];
        double[] p = [0.25, 0.25, 0.25, 0.25, 0.75, 0.75, 0.75, 0.75];
        Assert.Equal(0.0, Calibration.ExpectedCalibrationError(y, p), Tol);
    }

    [Fact]
    public void BadInput_Throws()
    {
        var bins = Assert.ThrowsAny<ArgumentException>(() => Calibration.ReliabilityBins([0, 1], [0.2, 0.8], bins: 0));
        Assert.Equal("bins", bins.ParamName);
        var prob = Assert.Throws<ArgumentException>(() => Calibration.ExpectedCalibrationError([0, 1], [-0.1, 0.8]));
        Assert.Equal("yProb", prob.ParamName);
    }
}
