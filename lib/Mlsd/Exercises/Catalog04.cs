using Mlsd.Metrics;
using Mlsd.Serving;

namespace Mlsd.Exercises;

internal static partial class ExerciseCatalog
{
    /// <summary>Notebook 04 · Harmful content detection.</summary>
    private static void Register04()
    {
        Exercise.Define(ExerciseDefinition.Of<Func<int[], double[], double>>(
            "04.average-precision", "(int[] labels, double[] scores) → double",
            // By hand: thresholds 0.8 (P 1, R ½), 0.4 (P ½, R ½), 0.35 (P ⅔, R 1), 0.1 (P ½, R 1) → ½·1 + ½·⅔ = 0.833333.
            ("four posts", f => Expect.Close(f([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]), 0.8333333333),
                "Walk the distinct scores from the highest down; add (recall gained) × (precision there)."),
            // Tied 0.5s enter together: P ½, R ½; then 0.2: P ⅔, R 1 → ½·½ + ½·⅔ = 0.583333.
            ("tied scores enter together", f => Expect.Close(f([1, 0, 1], [0.5, 0.5, 0.2]), 0.5833333333),
                "Posts with the same score are flagged by the same threshold: count them all before computing precision."),
            ("a perfect ranking", f => Expect.Close(f([1, 1, 0, 0], [4, 3, 2, 1]), 1), null),
            // The only positive is last: one step of recall 1 at precision ¼.
            ("the positive ranked last", f => Expect.Close(f([0, 0, 0, 1], [4, 3, 2, 1]), 0.25),
                "Precision at the step is positives so far / posts so far."),
            ("random rankings", f => RandomAveragePrecisionCases(f),
                "A trapezoid between points is not average precision: each recall step uses the precision at its end.")));

        Exercise.Define(ExerciseDefinition.Of<Func<int[], double[], double, double>>(
            "04.removal-threshold", "(int[] labels, double[] scores, double minPrecision) → double",
            // Precision at each threshold: 0.9 → 1, 0.8 → 1, 0.7 → ⅔, 0.6 → ¾, 0.5 → ⅗.
            ("precision dips and recovers", f => Expect.Close(f([1, 1, 0, 1, 0], [0.9, 0.8, 0.7, 0.6, 0.5], 0.75), 0.6),
                "Do not stop at the first threshold that fails: 0.7 fails but 0.6 meets the bar again, and lower is better."),
            ("a high bar", f => Expect.Close(f([1, 1, 0, 1, 0], [0.9, 0.8, 0.7, 0.6, 0.5], 0.9), 0.8), null),
            ("the bar is inclusive", f => Expect.Close(f([1, 1, 0, 1, 0], [0.9, 0.8, 0.7, 0.6, 0.5], 0.6), 0.5),
                "Precision equal to the bar meets it (≥)."),
            ("an unreachable bar", f => Expect.That(double.IsPositiveInfinity(f([1, 0, 1], [0.9, 0.8, 0.7], 1.01)),
                "the result must be +∞ when no threshold is precise enough"), "Return double.PositiveInfinity: remove nothing."),
            // At 0.9 both tied posts are flagged (P ½); at 0.1 all three (P ⅔).
            ("tied scores", f => Expect.Close(f([1, 0, 1], [0.9, 0.9, 0.1], 0.6), 0.1),
                "A threshold flags every post scoring at least it, ties included."),
            ("random posts", f => RandomRemovalThresholdCases(f), null)));

        Exercise.Define(ExerciseDefinition.Of<Func<IReadOnlyList<ReviewOption>, double, int>>(
            "04.review-threshold", "(IReadOnlyList<ReviewOption> sweep, double budgetPerDay) → int",
            ("the most harm within the budget", f => Expect.Close(f(ReviewSweep, 20), 4),
                "Keep the options with ReviewsPerDay ≤ budget, then take the most HarmfulPerDay; the sweep is not sorted."),
            ("the budget is inclusive", f => Expect.Close(f(ReviewSweep, 26), 1), "A queue equal to the budget fits it."),
            ("a tight budget", f => Expect.Close(f(ReviewSweep, 9), 2), null),
            ("equal harm: fewer reviews", f => Expect.Close(f(
                [new(0.3, 5, 4), new(0.25, 7, 4), new(0.2, 12, 6)], 10), 0),
                "Two options find the same harm; the one with fewer reviews frees reviewer time."),
            ("nothing fits", f => Expect.Close(f(ReviewSweep, 0.5), -1), "Return −1 when every option exceeds the budget."),
            ("an empty sweep", f => Expect.Close(f([], 10), -1), null)));

        Exercise.Define(ExerciseDefinition.PredictVerdict("04.predict-verdict-labels",
            "Verdicts delete the false reports, but those fall on benign posts that carry no hate signal, so they " +
            "mostly lower every score a little (the intercept) rather than change the order; the reported real hate — " +
            "the positives that shape the ranking — is in both label sets. PR-AUC reads only the order. Noise that " +
            "clusters on a feature (a polarising topic, a group of authors) would bias the order and matter much more."));
    }

    /// <summary>Five measured options; the hand-checked answer for each budget is in the cases.</summary>
    private static readonly ReviewOption[] ReviewSweep =
    [
        new(0.05, 80, 27),
        new(0.10, 26, 15),
        new(0.14, 9, 5.3),
        new(0.20, 1.1, 0.8),    // the purest queue (73 % harmful), but it finds little harm
        new(0.12, 16, 10.4),    // most harm within a budget of 20; listed out of order on purpose
    ];

    private static string? RandomAveragePrecisionCases(Func<int[], double[], double> f)
    {
        var sampler = new Sampler(401);
        for (int trial = 0; trial < 20; trial++)
        {
            int n = sampler.Next(3, 40);
            int[] labels = Enumerable.Range(0, n).Select(_ => sampler.Bernoulli(0.3) ? 1 : 0).ToArray();
            labels[sampler.Next(n)] = 1;
            double[] scores = Enumerable.Range(0, n).Select(_ => Math.Round(sampler.Uniform(), 1)).ToArray();   // ties happen
            if (Expect.Close(f(labels, scores), Classification.PrAucScore(labels, scores)) is { } problem)
                return $"on {n} random posts, " + problem;
        }
        return null;
    }

    private static string? RandomRemovalThresholdCases(Func<int[], double[], double, double> f)
    {
        var sampler = new Sampler(402);
        for (int trial = 0; trial < 20; trial++)
        {
            int n = sampler.Next(3, 40);
            int[] labels = Enumerable.Range(0, n).Select(_ => sampler.Bernoulli(0.4) ? 1 : 0).ToArray();
            labels[sampler.Next(n)] = 1;
            double[] scores = Enumerable.Range(0, n).Select(_ => Math.Round(sampler.Uniform(), 2)).ToArray();
            double bar = sampler.Choice(new[] { 0.5, 0.7, 0.9 });
            var curve = Classification.PrecisionRecallCurve(labels, scores);
            double expected = curve.Thresholds[Array.FindLastIndex(curve.Precision, p => p >= bar)];
            double actual = f(labels, scores, bar);
            bool same = double.IsPositiveInfinity(expected) ? double.IsPositiveInfinity(actual) : Expect.Close(actual, expected) is null;
            if (!same) return $"on {n} random posts with a bar of {bar}, the threshold is not the lowest one meeting the bar";
        }
        return null;
    }
}
