using Mlsd.Metrics;
using Mlsd.Serving;

namespace Mlsd.Exercises;

internal static partial class ExerciseCatalog
{
    /// <summary>Notebook 11 · Real-time fraud detection.</summary>
    private static void Register11()
    {
        Exercise.Define(ExerciseDefinition.Of<Func<long[], long, long, int>>(
            "11.payments-in-window", "(long[] earlier, long now, long windowSeconds) → int",
            // By hand: earlier = 100, 400, 1000, 1500, 1600; now = 1600, w = 600 → [1000, 1600) holds 1000, 1500 → 2.
            ("the window holds two payments", f => Expect.Close(f([100, 400, 1_000, 1_500, 1_600], 1_600, 600), 2),
                "Count the times t with now − window ≤ t < now."),
            ("the start is included", f => Expect.Close(f([1_000], 1_600, 600), 1),
                "A payment exactly one window before now is still in it: now − window ≤ t."),
            ("the payment being scored is not", f => Expect.Close(f([1_600, 1_600], 1_600, 600), 0),
                "t = now is the payment being scored (or one at the same second): it must not count itself — t < now."),
            ("times in any order", f => Expect.Close(f([1_500, 100, 1_200, 999], 1_600, 600), 2),
                "Do not assume the times are sorted."),
            ("no history", f => Expect.Close(f([], 50, 600), 0), null),
            ("random histories", RandomWindowCases, null)));

        Exercise.Define(ExerciseDefinition.Of<Func<int[], double[], double, double>>(
            "11.recall-at-fpr", "(int[] labels, double[] scores, double maxFpr) → double",
            // By hand: negatives at 0.8 and 0.6 of two; FPR ≤ ½ admits 0.9, 0.8, 0.7 → 2 of 3 positives.
            ("the worked example", f => Expect.Close(f([1, 0, 1, 0, 1], [0.9, 0.8, 0.7, 0.6, 0.5], 0.5), 2 / 3.0),
                "Walk the scores from the highest down; keep flagging while (negatives flagged) / (negatives) ≤ maxFpr."),
            ("no false positive allowed", f => Expect.Close(f([1, 0, 1, 0, 1], [0.9, 0.8, 0.7, 0.6, 0.5], 0), 1 / 3.0),
                "With maxFpr = 0 you stop at the first negative."),
            ("tied scores enter together", f => Expect.Close(f([1, 0, 1], [0.9, 0.9, 0.1], 0), 0),
                "A threshold flags every payment with that score: a positive and a negative tied at 0.9 enter together, " +
                "so with maxFpr = 0 neither can be flagged."),
            ("everything allowed", f => Expect.Close(f([0, 1, 0, 1], [0.2, 0.1, 0.4, 0.3], 1), 1), null),
            ("random scores", RandomRecallCases, null)));

        Exercise.Define(ExerciseDefinition.Of<Func<IReadOnlyList<DeclineOption>, double, int>>(
            "11.decline-threshold", "(IReadOnlyList<DeclineOption> sweep, double maxGenuinePerDay) → int",
            ("the most fraud money within the budget", f => Expect.Close(f(DeclineSweep, 3), 3),
                "Keep the options with GenuineDeclinedPerDay ≤ budget, then take the most FraudAmountDeclinedPerDay; " +
                "the sweep is not sorted."),
            ("the budget is inclusive", f => Expect.Close(f(DeclineSweep, 8), 1), "An option exactly at the budget fits it."),
            ("a tight budget", f => Expect.Close(f(DeclineSweep, 0.5), 2), null),
            ("equal money: fewer declines", f => Expect.Close(f(
                [new(0.4, 900, 2), new(0.5, 900, 1), new(0.3, 950, 6)], 4), 1),
                "Two options stop the same fraud; the one that turns away fewer customers is better."),
            ("nothing fits", f => Expect.Close(f(DeclineSweep, 0.1), -1), "Return −1 when every option exceeds the budget."),
            ("an empty sweep", f => Expect.Close(f([], 5), -1), null)));

        Exercise.Define(ExerciseDefinition.PredictVerdict("11.predict-no-shared-device",
            "'Cards on this device in 30 days' is the feature the model leans on most, yet it is not alone: a ring's " +
            "device is also new to each stolen card, and its payments come in bursts, at odd amounts, at online " +
            "merchants. Trees trained without the count rebuild most of the signal from those proxies, so the " +
            "difference can be too small to tell from noise. Permutation importance measures what a fitted model uses, " +
            "not what a model could do without it: correlated features share the credit."));
    }

    /// <summary>Five measured options; the hand-checked answer for each budget is in the cases.</summary>
    private static readonly DeclineOption[] DeclineSweep =
    [
        new(0.9, 2_000, 0.4),
        new(0.2, 7_000, 8),
        new(0.7, 3_100, 0.5),      // the most money within 0.5 a day
        new(0.4, 5_500, 2.9),      // the most money within 3 a day; listed out of order on purpose
        new(0.3, 6_000, 3.5),
    ];

    private static string? RandomWindowCases(Func<long[], long, long, int> f)
    {
        var sampler = new Sampler(111);
        for (int trial = 0; trial < 30; trial++)
        {
            long[] times = [.. Enumerable.Range(0, sampler.Next(0, 12)).Select(_ => (long)sampler.Next(0, 5_000))];
            long now = sampler.Next(0, 5_000), w = sampler.Next(1, 3_000);
            int expected = times.Count(t => t >= now - w && t < now);
            if (Expect.Close(f(times, now, w), expected) is { } problem)
                return $"times [{string.Join(", ", times)}], now {now}, window {w}: " + problem;
        }
        return null;
    }

    private static string? RandomRecallCases(Func<int[], double[], double, double> f)
    {
        var sampler = new Sampler(112);
        for (int trial = 0; trial < 30; trial++)
        {
            int n = sampler.Next(4, 30);
            int[] labels = [.. Enumerable.Range(0, n).Select(i => i < 2 ? i : sampler.Next(2))];
            double[] scores = [.. Enumerable.Range(0, n).Select(_ => sampler.Next(0, 8) / 8.0)];   // many ties
            double maxFpr = sampler.Next(0, 5) / 10.0;
            double expected = OperatingPoints.RecallAtFalsePositiveRate(labels, scores, maxFpr);
            if (Expect.Close(f(labels, scores, maxFpr), expected) is { } problem)
                return $"{n} random rows with tied scores, maxFpr {maxFpr}: " + problem;
        }
        return null;
    }
}
