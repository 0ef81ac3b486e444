using Mlsd.Exercises;
using Mlsd.Metrics;

namespace Mlsd.Tests.Exercises;

/// <summary>Notebook 09's exercises: a correct answer passes every public check, a typical mistake does not.</summary>
public sealed class Catalog09Tests
{
    [Fact]
    public void EngagementScore()
    {
        Func<double[], double[], double> right = (p, w) => p.Length != w.Length
            ? throw new ArgumentException("lengths", nameof(w)) : p.Zip(w, (a, b) => a * b).Sum();
        Func<double[], double[], double> positivesOnly = (p, w) => p.Zip(w, (a, b) => a * Math.Max(b, 0)).Sum();
        Func<double[], double[], double> zipSilently = (p, w) => p.Zip(w, (a, b) => a * b).Sum();
        Func<double[], double[], double> sevenOnly = (p, w) => Enumerable.Range(0, 7).Sum(i => p[i] * w[i]);
        Assert.True(Exercise.Evaluate("09.engagement-score", right).Succeeded);
        Assert.Contains("✗ hides and blocks count against a post", Exercise.Evaluate("09.engagement-score", positivesOnly).ToString());
        Assert.Contains("✗ lists of different lengths are rejected", Exercise.Evaluate("09.engagement-score", zipSilently).ToString());
        Assert.Contains("✗ any number of reactions", Exercise.Evaluate("09.engagement-score", sevenOnly).ToString());
    }

    [Fact]
    public void DownsamplingCorrection()
    {
        Func<double, double, double> right = (p, w) => p / (p + (1 - p) / w);
        Func<double, double, double> scaled = (p, w) => p * w;                   // scales the probability, not the odds
        Func<double, double, double> inverted = (p, w) => p / (p + (1 - p) * w); // the correction the wrong way round
        Assert.True(Exercise.Evaluate("09.downsampling-correction", right).Succeeded);
        Assert.Contains("✗ a hand-worked case", Exercise.Evaluate("09.downsampling-correction", scaled).ToString());
        Assert.Contains("✗ certainties stay certain", Exercise.Evaluate("09.downsampling-correction", scaled).ToString());
        Assert.Contains("✗ a hand-worked case", Exercise.Evaluate("09.downsampling-correction", inverted).ToString());
    }

    [Fact]
    public void HideFilter()
    {
        Func<(double Threshold, double HidesRemoved, double EngagementKept)[], double, double?> right = (sweep, minKept) =>
        {
            var fits = sweep.Where(s => s.EngagementKept >= minKept).OrderByDescending(s => s.HidesRemoved)
                .ThenByDescending(s => s.EngagementKept).ToArray();
            return fits.Length == 0 ? null : fits[0].Threshold;
        };
        Func<(double Threshold, double HidesRemoved, double EngagementKept)[], double, double?> firstBest = (sweep, minKept) =>
        {
            var fits = sweep.Where(s => s.EngagementKept >= minKept).OrderByDescending(s => s.HidesRemoved).ToArray();
            return fits.Length == 0 ? null : fits[0].Threshold;
        };
        Func<(double Threshold, double HidesRemoved, double EngagementKept)[], double, double?> strict = (sweep, minKept) =>
            right(sweep.Where(s => s.EngagementKept > minKept).ToArray(), minKept);
        Func<(double Threshold, double HidesRemoved, double EngagementKept)[], double, double?> never = (_, _) => null;
        Assert.True(Exercise.Evaluate("09.hide-filter", right).Succeeded);
        Assert.Contains("✗ equal removal: keep more engagement", Exercise.Evaluate("09.hide-filter", firstBest).ToString());
        Assert.Contains("✗ the constraint is inclusive", Exercise.Evaluate("09.hide-filter", strict).ToString());
        Assert.Contains("✗ the most hides removed within the constraint", Exercise.Evaluate("09.hide-filter", never).ToString());
    }

    [Fact]
    public void PredictEqualWeights()
    {
        var worse = new MetricDifference("engagement per visit", 11.5, 11.3, -0.25, -0.1, 0.95, true);
        var tie = new MetricDifference("engagement per visit", 11.5, 11.45, -0.2, 0.1, 0.95, true);
        Assert.True(Exercise.Evaluate("09.predict-equal-weights", () => ("worse", worse)).Succeeded);
        Assert.Contains("✗ the prediction matches the run",
            Exercise.Evaluate("09.predict-equal-weights", () => ("better", worse)).ToString());
        Assert.Contains("✗ the prediction matches the run",
            Exercise.Evaluate("09.predict-equal-weights", () => ("worse", tie)).ToString());
        Assert.Contains("✗ a prediction was recorded",
            Exercise.Evaluate("09.predict-equal-weights", () => ("lower", worse)).ToString());
    }
}
