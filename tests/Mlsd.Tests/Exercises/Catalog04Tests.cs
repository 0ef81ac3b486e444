using Mlsd.Exercises;
using Mlsd.Metrics;
using Mlsd.Serving;

namespace Mlsd.Tests.Exercises;

/// <summary>Notebook 04's exercises: a correct answer passes every public check, a typical mistake does not.</summary>
public sealed class Catalog04Tests
{
    [Fact]
    public void AveragePrecision()
    {
        Func<int[], double[], double> right = (y, s) =>
        {
            int positives = y.Sum(), tp = 0, fp = 0;
            double ap = 0, recall = 0;
            foreach (var g in s.Select((v, i) => (v, i)).GroupBy(x => x.v).OrderByDescending(g => g.Key))
            {
                foreach (var (_, i) in g) { if (y[i] == 1) tp++; else fp++; }
                double r = tp / (double)positives;
                ap += (r - recall) * tp / (tp + fp);
                recall = r;
            }
            return ap;
        };
        // Each post its own step, in input order among ties: the tie case and the random cases fail.
        Func<int[], double[], double> ignoresTies = (y, s) =>
        {
            var order = Enumerable.Range(0, s.Length).OrderByDescending(i => s[i]).ToArray();
            int positives = y.Sum(), tp = 0;
            double ap = 0;
            for (int r = 0; r < order.Length; r++)
                if (y[order[r]] == 1) { tp++; ap += tp / (double)(r + 1) / positives; }
            return ap;
        };
        // The trapezoid between PR points instead of the step sum.
        Func<int[], double[], double> trapezoid = (y, s) =>
        {
            var c = Classification.PrecisionRecallCurve(y, s);
            double area = 0;
            for (int i = 1; i < c.Recall.Length; i++) area += (c.Recall[i] - c.Recall[i - 1]) * (c.Precision[i] + c.Precision[i - 1]) / 2;
            return area;
        };
        Assert.True(Exercise.Evaluate("04.average-precision", right).Succeeded);
        Assert.Contains("✗ tied scores enter together", Exercise.Evaluate("04.average-precision", ignoresTies).ToString());
        var trap = Exercise.Evaluate("04.average-precision", trapezoid);
        Assert.False(trap.Succeeded);
        Assert.Contains("✗ four posts", trap.ToString());
    }

    [Fact]
    public void RemovalThreshold()
    {
        static double Precision(int[] y, double[] s, double t)
        {
            var flagged = Enumerable.Range(0, s.Length).Where(i => s[i] >= t).ToArray();
            return flagged.Average(i => (double)y[i]);
        }
        Func<int[], double[], double, double> right = (y, s, bar) =>
            s.Distinct().Where(t => Precision(y, s, t) >= bar).DefaultIfEmpty(double.PositiveInfinity).Min();
        // Walks down from the top and stops at the first threshold that fails the bar.
        Func<int[], double[], double, double> stopsEarly = (y, s, bar) =>
        {
            double best = double.PositiveInfinity;
            foreach (double t in s.Distinct().OrderDescending())
            {
                if (Precision(y, s, t) < bar) break;
                best = t;
            }
            return best;
        };
        Func<int[], double[], double, double> strict = (y, s, bar) =>
            s.Distinct().Where(t => Precision(y, s, t) > bar).DefaultIfEmpty(double.PositiveInfinity).Min();
        Func<int[], double[], double, double> zeroWhenNone = (y, s, bar) => right(y, s, bar) is var t && double.IsInfinity(t) ? 0 : t;
        Assert.True(Exercise.Evaluate("04.removal-threshold", right).Succeeded);
        Assert.Contains("✗ precision dips and recovers", Exercise.Evaluate("04.removal-threshold", stopsEarly).ToString());
        Assert.Contains("✗ the bar is inclusive", Exercise.Evaluate("04.removal-threshold", strict).ToString());
        Assert.Contains("✗ an unreachable bar", Exercise.Evaluate("04.removal-threshold", zeroWhenNone).ToString());
    }

    [Fact]
    public void ReviewThreshold()
    {
        Func<IReadOnlyList<ReviewOption>, double, int> right = (sweep, budget) =>
        {
            int best = -1;
            for (int i = 0; i < sweep.Count; i++)
                if (sweep[i].ReviewsPerDay <= budget && (best < 0 || sweep[i].HarmfulPerDay > sweep[best].HarmfulPerDay
                    || (sweep[i].HarmfulPerDay == sweep[best].HarmfulPerDay && sweep[i].ReviewsPerDay < sweep[best].ReviewsPerDay)))
                    best = i;
            return best;
        };
        // Picks the highest share of harm in the queue (precision) instead of the most harm.
        Func<IReadOnlyList<ReviewOption>, double, int> byPrecision = (sweep, budget) =>
        {
            var ok = Enumerable.Range(0, sweep.Count).Where(i => sweep[i].ReviewsPerDay <= budget).ToArray();
            return ok.Length == 0 ? -1 : ok.MaxBy(i => sweep[i].HarmfulPerDay / sweep[i].ReviewsPerDay);
        };
        // Assumes the sweep is sorted by threshold and takes the last option that fits.
        Func<IReadOnlyList<ReviewOption>, double, int> assumesSorted = (sweep, budget) =>
            Enumerable.Range(0, sweep.Count).Where(i => sweep[i].ReviewsPerDay <= budget).DefaultIfEmpty(-1).First();
        Func<IReadOnlyList<ReviewOption>, double, int> strict = (sweep, budget) => right(sweep, budget - 1e-9);
        Assert.True(Exercise.Evaluate("04.review-threshold", right).Succeeded);
        Assert.Contains("✗ the most harm within the budget", Exercise.Evaluate("04.review-threshold", byPrecision).ToString());
        Assert.Contains("✗ the most harm within the budget", Exercise.Evaluate("04.review-threshold", assumesSorted).ToString());
        Assert.Contains("✗ the budget is inclusive", Exercise.Evaluate("04.review-threshold", strict).ToString());
    }

    [Fact]
    public void PredictThenRun()
    {
        var tie = new MetricDifference("PR-AUC", 0.75, 0.755, -0.035, 0.044, 0.95, HigherIsBetter: true);
        var better = new MetricDifference("PR-AUC", 0.70, 0.76, 0.02, 0.10, 0.95, HigherIsBetter: true);
        Assert.True(Exercise.Evaluate("04.predict-verdict-labels", () => ("tie", tie)).Succeeded);
        Assert.True(Exercise.Evaluate("04.predict-verdict-labels", () => ("better", better)).Succeeded);
        var wrong = Exercise.Evaluate("04.predict-verdict-labels", () => ("better", tie));
        Assert.Equal(1, wrong.Passed);
        Assert.Contains("the run measured \"tie\"", wrong.ToString());
        Assert.Contains("hint: Verdicts delete the false reports", wrong.ToString());
        Assert.Equal(0, Exercise.Evaluate("04.predict-verdict-labels", () => ("higher", tie)).Passed);
    }
}
