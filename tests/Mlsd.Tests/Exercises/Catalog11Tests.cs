using Mlsd.Exercises;
using Mlsd.Metrics;
using Mlsd.Serving;

namespace Mlsd.Tests.Exercises;

/// <summary>Notebook 11's exercises: a correct answer passes every public check, a typical mistake does not.</summary>
public sealed class Catalog11Tests
{
    [Fact]
    public void PaymentsInWindow()
    {
        Func<long[], long, long, int> right = (times, now, w) => times.Count(t => t >= now - w && t < now);
        Func<long[], long, long, int> includesNow = (times, now, w) => times.Count(t => t >= now - w && t <= now);
        Func<long[], long, long, int> openStart = (times, now, w) => times.Count(t => t > now - w && t < now);
        Assert.True(Exercise.Evaluate("11.payments-in-window", right).Succeeded);
        Assert.Contains("✗ the payment being scored is not", Exercise.Evaluate("11.payments-in-window", includesNow).ToString());
        Assert.Contains("✗ the start is included", Exercise.Evaluate("11.payments-in-window", openStart).ToString());
    }

    [Fact]
    public void RecallAtFalsePositiveRate()
    {
        // An independent answer: try every distinct score as a threshold, keep the lowest whose FPR fits.
        Func<int[], double[], double, double> right = (y, s, maxFpr) =>
        {
            int negatives = y.Count(l => l == 0), positives = y.Sum();
            double best = 0;
            foreach (double t in s.Distinct())
            {
                int fp = s.Where((v, i) => v >= t && y[i] == 0).Count(), tp = s.Where((v, i) => v >= t && y[i] == 1).Count();
                if ((double)fp / negatives <= maxFpr) best = Math.Max(best, (double)tp / positives);
            }
            return best;
        };
        Func<int[], double[], double, double> rowByRow = (y, s, maxFpr) =>
        {
            int negatives = y.Count(l => l == 0), fp = 0, tp = 0;
            foreach (int i in Enumerable.Range(0, y.Length).OrderByDescending(i => s[i]))
            {
                if (y[i] == 0 && (double)(fp + 1) / negatives > maxFpr) break;
                if (y[i] == 0) fp++; else tp++;
            }
            return (double)tp / y.Sum();
        };
        Assert.True(Exercise.Evaluate("11.recall-at-fpr", right).Succeeded);
        Assert.Contains("✗ tied scores enter together", Exercise.Evaluate("11.recall-at-fpr", rowByRow).ToString());
    }

    [Fact]
    public void DeclineThreshold()
    {
        Func<IReadOnlyList<DeclineOption>, double, int> right = (sweep, budget) =>
        {
            int best = -1;
            for (int i = 0; i < sweep.Count; i++)
                if (sweep[i].GenuineDeclinedPerDay <= budget && (best < 0
                    || sweep[i].FraudAmountDeclinedPerDay > sweep[best].FraudAmountDeclinedPerDay
                    || (sweep[i].FraudAmountDeclinedPerDay == sweep[best].FraudAmountDeclinedPerDay
                        && sweep[i].GenuineDeclinedPerDay < sweep[best].GenuineDeclinedPerDay)))
                    best = i;
            return best;
        };
        Func<IReadOnlyList<DeclineOption>, double, int> firstBest = (sweep, budget) =>
        {
            int best = -1;
            for (int i = 0; i < sweep.Count; i++)
                if (sweep[i].GenuineDeclinedPerDay <= budget
                    && (best < 0 || sweep[i].FraudAmountDeclinedPerDay > sweep[best].FraudAmountDeclinedPerDay)) best = i;
            return best;
        };
        Func<IReadOnlyList<DeclineOption>, double, int> strict = (sweep, budget) => right(sweep, budget - 1e-9);
        Func<IReadOnlyList<DeclineOption>, double, int> ignoresBudget = (sweep, budget) =>
            sweep.Count == 0 ? -1 : Enumerable.Range(0, sweep.Count).MaxBy(i => sweep[i].FraudAmountDeclinedPerDay);
        Assert.True(Exercise.Evaluate("11.decline-threshold", right).Succeeded);
        Assert.Contains("✗ equal money: fewer declines", Exercise.Evaluate("11.decline-threshold", firstBest).ToString());
        Assert.Contains("✗ the budget is inclusive", Exercise.Evaluate("11.decline-threshold", strict).ToString());
        Assert.Contains("✗ the most fraud money within the budget", Exercise.Evaluate("11.decline-threshold", ignoresBudget).ToString());
    }

    [Fact]
    public void PredictionIsComparedWithTheRun()
    {
        var worse = new MetricDifference("PR-AUC", 0.82, 0.70, -0.2, -0.05, 0.95, HigherIsBetter: true);
        Assert.True(Exercise.Evaluate("11.predict-no-shared-device", () => ("worse", worse)).Succeeded);
        Assert.Contains("✗ the prediction matches the run",
            Exercise.Evaluate("11.predict-no-shared-device", () => ("tie", worse)).ToString());
        Assert.Contains("✗ a prediction was recorded",
            Exercise.Evaluate("11.predict-no-shared-device", () => ("lower", worse)).ToString());
    }
}
