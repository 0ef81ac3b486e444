using Mlsd.Models;

namespace Mlsd.Tests.Models.Calibration;

public class CalibrationTests
{
    // Two score groups: s = 0 with labels 1,0,0,0 and s = 1 with labels 1,1,1,0.
    private static readonly double[] Scores = [0, 0, 0, 0, 1, 1, 1, 1];
    private static readonly int[] Labels = [1, 0, 0, 0, 1, 1, 1, 0];

    [Fact]
    public void Platt_HardTargets_ReproducesGroupRates()
    {
        // a binary score makes the logistic fit saturated: σ(b) = 1/4 and σ(a + b) = 3/4 → b = −ln 3, a = 2 ln 3
        var platt = new PlattScaling { TargetSmoothing = false }.Fit(Scores, Labels);
        Assert.Equal(-Math.Log(3), platt.Intercept, 6);
        Assert.Equal(2 * Math.Log(3), platt.Slope, 6);
        Assert.Equal(0.75, platt.PredictProbability(1.0), 6);
    }

    [Fact]
    public void Platt_SmoothedTargets_ByHand()
    {
        // N₊ = N₋ = 4 → targets 5/6 and 1/6; group means (5/6 + 3·1/6)/4 = 1/3 and (3·5/6 + 1/6)/4 = 2/3
        // → b = logit(1/3) = −ln 2, a = logit(2/3) − logit(1/3) = 2 ln 2
        var platt = new PlattScaling().Fit(Scores, Labels);
        Assert.Equal(-Math.Log(2), platt.Intercept, 6);
        Assert.Equal(2 * Math.Log(2), platt.Slope, 6);
        Assert.Equal(1.0 / 3, platt.PredictProbability([0.0])[0], 6);
    }

    [Fact]
    public void Isotonic_PoolAdjacentViolators_ByHand()
    {
        // y = 1, 3, 2, 4, 3, 5: pool (3, 2) → 2.5 and (4, 3) → 3.5
        double[] x = [1, 2, 3, 4, 5, 6];
        var iso = new IsotonicRegression().Fit(x, [1, 3, 2, 4, 3, 5]);
        Assert.Equal([1, 2.5, 2.5, 3.5, 3.5, 5], iso.Predict(x));
        Assert.Equal(3.0, iso.Predict(3.5), 12);   // between (3, 2.5) and (4, 3.5)
        Assert.Equal(4.25, iso.Predict(5.5), 12);  // between (5, 3.5) and (6, 5)
        Assert.Equal(1.0, iso.Predict(-10));       // clipped to the fitted range
        Assert.Equal(5.0, iso.Predict(10));
    }

    [Fact]
    public void Isotonic_Decreasing_TiesAndWeights_ByHand()
    {
        // decreasing: 4, 2, 3, 1 → pool (2, 3) → 2.5
        Assert.Equal([4, 2.5, 2.5, 1], new IsotonicRegression { Increasing = false }.Fit([1.0, 2, 3, 4], [4.0, 2, 3, 1]).Predict([1.0, 2, 3, 4]));
        // ties: x = 1 twice (y 0 and 1 → 0.5), x = 2 (y 0) violates → pool all three: 1/3
        var tied = new IsotonicRegression().Fit([1.0, 1, 2], [0.0, 1, 0]);
        Assert.Equal(1.0 / 3, tied.Predict(1.0), 12);
        Assert.Equal(1.0 / 3, tied.Predict(2.0), 12);
        // weights 3 and 1 on y = 1, 0 → (3·1 + 1·0)/4 = 0.75
        Assert.Equal(0.75, new IsotonicRegression().Fit([1.0, 2], [1.0, 0], [3.0, 1]).Predict(1.5), 12);
    }

    [Fact]
    public void Isotonic_AsCalibrator_ClipsToProbabilities()
    {
        var iso = new IsotonicRegression().Fit(Scores, Labels);
        Assert.Equal(0.25, iso.PredictProbability(0.0), 12);
        Assert.Equal(0.75, iso.PredictProbability(2.0), 12);
        var bounded = new IsotonicRegression { YMax = 0.5 }.Fit([1.0, 2], [0.0, 1]);
        Assert.Equal(0.5, bounded.Predict(2.0));
    }

    [Fact]
    public void BadInput_ClearErrors()
    {
        Assert.Contains("same number of rows", Assert.Throws<ArgumentException>(() => new PlattScaling().Fit([1.0, 2], [1])).Message);
        Assert.Contains("0/1", Assert.Throws<ArgumentException>(() => new PlattScaling().Fit([1.0], [5])).Message);
        Assert.Contains("at least one", Assert.Throws<ArgumentException>(() => new PlattScaling().Fit([], [])).Message);
        Assert.Contains("same length", Assert.Throws<ArgumentException>(() => new IsotonicRegression().Fit([1.0, 2], [1.0])).Message);
        Assert.Contains("finite", Assert.Throws<ArgumentException>(() => new IsotonicRegression().Fit([double.NaN], [1.0])).Message);
        Assert.Throws<InvalidOperationException>(() => new IsotonicRegression().Predict(1.0));
        Assert.Throws<InvalidOperationException>(() => new PlattScaling().PredictProbability(1.0));
    }
}
