using Mlsd.Features;
using Mlsd.Metrics;

namespace Mlsd.Exercises;

internal static partial class ExerciseCatalog
{
    /// <summary>Notebook 07 · Ad click prediction.</summary>
    private static void Register07()
    {
        Exercise.Define(ExerciseDefinition.Of<Func<int[], double[], double>>(
            "07.nce", "(int[] labels, double[] predictions) → double",
            ("predicting the click rate itself scores exactly 1", f => Expect.Close(f([1, 0, 0, 0], [0.25, 0.25, 0.25, 0.25]), 1),
                "NCE = mean log loss ÷ entropy of the labels' click rate; predicting that rate for everyone makes the two equal."),
            ("a hand-sized case", f => Expect.Close(f([1, 0], [0.8, 0.4]), -(Math.Log(0.8) + Math.Log(0.6)) / 2 / Math.Log(2)),
                "Average −ln p over clicks and −ln(1 − p) over non-clicks, then divide by −r·ln r − (1 − r)·ln(1 − r) with r the share of clicks."),
            ("certain mistakes stay finite", f => Expect.Close(f([1, 0, 0], [1.0, 0.0, 1.0]), Classification.NormalizedCrossEntropy([1, 0, 0], [1.0, 0.0, 1.0])),
                "Clip every probability to [1e-15, 1 − 1e-15] before taking logarithms."),
            ("random click logs", f => RandomNceCases(f), null)));

        Exercise.Define(ExerciseDefinition.Of<Func<double?[], double[], double, double>>(
            "07.label-window", "(double?[] clickDelays, double[] windows, double targetShare) → double",
            ("a small log", f => Expect.Close(f([2, 10, null, 40, null, 400], [5, 30, 60, 600], 0.75), 60),
                "Count the clicks (delays that are not null) and, for each window in order, the share of them with delay ≤ t."),
            ("a click exactly at the window counts", f => Expect.Close(f([5, 5, 100], [5, 100], 0.6), 5),
                "A click with delay equal to t is inside the window: use ≤, not <."),
            ("impressions without a click are not in the share", f => Expect.Close(f([1, null, null, null, null, null, null, null, null, 50], [10, 100], 0.5), 10),
                "The share is over clicks only: null delays are impressions nobody clicked."),
            ("an unreachable target", f => Expect.That(double.IsPositiveInfinity(f([1, 1_000], [10, 100], 0.9)), "no window reaches the target here, so the answer should be double.PositiveInfinity"),
                "Return double.PositiveInfinity when even the largest window captures too few clicks."),
            ("random click delays", f => RandomLabelWindowCases(f), null)));

        Exercise.Define(ExerciseDefinition.Of<Func<double, double, double, double>>(
            "07.recalibrate", "(double p, double positiveRate, double negativeRate) → double",
            ("a hand-worked case", f => Expect.Close(f(0.5, 0.5, 0.1), 1.0 / 6),
                "Keeping a share w₊ of clicks and w₋ of non-clicks multiplies the odds by w₊ / w₋; divide the odds by it again."),
            ("only negatives thinned: the notebook's case", f => Expect.Close(f(0.5, 1, 0.1), 1.0 / 11),
                "With every click kept (w₊ = 1) the answer must reduce to the notebook's correction."),
            ("thinning both classes alike changes nothing", f => Expect.Close(f(0.3, 0.2, 0.2), 0.3),
                "If both classes keep the same share, the click odds are untouched."),
            ("certain predictions stay certain", f => Expect.Close(f(0, 0.5, 0.05), 0) ?? Expect.Close(f(1, 0.5, 0.05), 1), null),
            ("a grid of probabilities and rates", f =>
            {
                foreach (double wp in new[] { 0.25, 0.5, 1.0 })
                    foreach (double wn in new[] { 0.01, 0.1, 0.5 })
                        foreach (double p in new[] { 0.01, 0.3, 0.9 })
                        {
                            double odds = p / (1 - p) * wn / wp;
                            if (Expect.Close(f(p, wp, wn), odds / (1 + odds), what: $"the result for p = {p}, w₊ = {wp}, w₋ = {wn}") is { } problem)
                                return problem;
                        }
                return null;
            }, null)));

        Exercise.Define(ExerciseDefinition.Of<Func<(string Name, double DeltaLower, double DeltaUpper, double P99Ms)[], double, string?>>(
            "07.ship", "((string Name, double DeltaLower, double DeltaUpper, double P99Ms)[] models, double p99BudgetMs) → string",
            ("ties: ship the cheapest", f => ShipCase(f, [("current", 0, 0, 0.05), ("gbdt+lr", -0.012, 0.004, 0.9), ("fm", -0.003, 0.008, 0.2)], 5, "current"),
                "An interval that contains 0 is a tie: no model has earned its extra cost, so keep the cheapest in the budget."),
            ("a clear gain within budget wins", f => ShipCase(f, [("current", 0, 0, 0.05), ("dcn", -0.02, -0.006, 2.0), ("fm", -0.004, 0.003, 0.3)], 5, "dcn"),
                "A Δ NCE whose whole interval is below 0 is a real gain; it beats a cheaper tie."),
            ("over the latency budget is out", f => ShipCase(f, [("current", 0, 0, 0.05), ("big", -0.03, -0.01, 12), ("fm", -0.004, 0.003, 0.3)], 10, "current"),
                "Only models whose p99 is within the budget can ship, however good they are."),
            ("among clear gains, the cheaper", f => ShipCase(f, [("current", 0, 0, 0.05), ("a", -0.03, -0.015, 4), ("b", -0.02, -0.004, 1)], 5, "b"),
                "Both gains are real and their ranking is not the question: the cheaper one earns its cost."),
            ("a cheap model that is clearly worse is not a tie", f => ShipCase(f, [("rule", 0.01, 0.03, 0.01), ("current", 0, 0, 0.05)], 5, "current"),
                "A Δ whose whole interval is above 0 is a loss; cheapness does not make up for it."),
            ("nothing fits the budget", f => Expect.That(f([("a", 0, 0, 3), ("b", -0.01, -0.005, 4)], 1) is null,
                "no model meets a 1 ms budget here, so the answer should be null"),
                "Return null when no model's p99 is within the budget.")));

        Exercise.Define(ExerciseDefinition.Of<Func<(string Prediction, double Before, double After)>>(
            "07.predict-downsampling", "() → (string prediction, double logLossAt10Percent, double logLossAt1Percent)",
            ("a prediction in words", f => Expect.That(LogLossChange(f().Prediction) is not null,
                "the prediction should be \"higher\", \"lower\" or \"about the same\""),
                "Record the prediction before running the cell that measures it."),
            ("the measurement comes from the run", f =>
            {
                var (_, before, after) = f();
                return Expect.That(before > 0 && after > 0 && double.IsFinite(before) && double.IsFinite(after),
                    "the two log losses should be the positive, finite values the run measured");
            }, "Pass the log losses the run printed, at w = 10 % and w = 1 %."),
            ("the prediction matches the run", f =>
            {
                var (prediction, before, after) = f();
                string measured = after > before * 1.01 ? "higher" : after < before * 0.99 ? "lower" : "about the same";
                return Expect.That(LogLossChange(prediction) == measured, $"the run measured {measured} ({before:F4} → {after:F4}). " +
                    (measured == "higher"
                        ? "Recalibration puts the probabilities back on the right scale, but it cannot undo the noise of learning " +
                          "each weight from a tenth as many non-clicks: the model is worse, not just shifted"
                        : "When clicks are rare, they carry most of the information and the non-clicks are largely redundant: " +
                          "once recalibrated, a model trained on every click and a sliver of the rest loses little (He et al. 2014 " +
                          "report the same), which is why ad systems downsample at all"));
            }, null)));

        Exercise.Define(ExerciseDefinition.Of<Func<long, double, int>>(
            "07.hash-bits", "(long distinctTokens, double maxCollisionRate) → int",
            ("one token never collides", f => Expect.Close(f(1, 0), 1), "With a single token the expected collision share is 0 for any number of bits, so the smallest, 1, is enough."),
            ("the limit is inclusive", f => Expect.Close(f(2, 0.5), 1), "Two tokens in 2 buckets collide with probability 1/2 — exactly the limit, which is allowed (≤)."),
            ("ten thousand IDs, at most 1 % colliding", f => Expect.Close(f(10_000, 0.01), SmallestBits(10_000, 0.01)),
                "Try b = 1, 2, … and return the first with 1 − (1 − 2^−b)^(n−1) ≤ the limit."),
            ("a million tokens, at most 5 % colliding", f => Expect.Close(f(1_000_000, 0.05), SmallestBits(1_000_000, 0.05)), null),
            ("30 bits when nothing smaller is enough", f => Expect.Close(f(1_000_000_000_000, 0.001), 30), "Stop at 30 bits and return 30.")));
    }

    private static string? ShipCase(Func<(string, double, double, double)[], double, string?> f,
        (string, double, double, double)[] models, double budget, string expected)
    {
        string? chosen = f(models, budget);
        return Expect.That(chosen == expected, chosen is null ? "the answer is null, but a model here meets the budget"
            : $"'{chosen}' is not the model this case expects");
    }

    private static string? LogLossChange(string? prediction) => prediction?.Trim().ToLowerInvariant() switch
    {
        "higher" or "up" => "higher",
        "lower" or "down" => "lower",
        "about the same" or "same" => "about the same",
        _ => null,
    };

    private static string? RandomNceCases(Func<int[], double[], double> f)
    {
        var sampler = new Sampler(707);
        for (int trial = 0; trial < 20; trial++)
        {
            int n = sampler.Next(5, 60);
            var labels = new int[n];
            var p = new double[n];
            for (int i = 0; i < n; i++)
            {
                p[i] = sampler.Uniform(0.001, 0.6);
                labels[i] = sampler.Bernoulli(p[i]) ? 1 : 0;
            }
            labels[0] = 1;
            labels[1] = 0;   // both classes, so the entropy is positive
            if (Expect.Close(f(labels, p), Classification.NormalizedCrossEntropy(labels, p)) is { } problem)
                return $"on a random log of {n} impressions, " + problem;
        }
        return null;
    }

    private static string? RandomLabelWindowCases(Func<double?[], double[], double, double> f)
    {
        var sampler = new Sampler(7070);
        double[] windows = [1, 5, 30, 60, 300, 900, 3_600];
        for (int trial = 0; trial < 20; trial++)
        {
            var delays = new double?[sampler.Next(20, 80)];
            for (int i = 0; i < delays.Length; i++)
                delays[i] = sampler.Bernoulli(0.4) ? Math.Round(Math.Exp(sampler.Normal(2, 2)), 1) : null;
            delays[0] = 3;    // at least one click
            double target = sampler.Choice(new[] { 0.5, 0.8, 0.9, 0.95, 0.99 });
            double expected = double.PositiveInfinity;
            int clicks = delays.Count(d => d.HasValue);
            foreach (double t in windows)
                if (delays.Count(d => d <= t) >= target * clicks) { expected = t; break; }
            double actual = f(delays, windows, target);
            if (!(actual == expected))
                return $"on a random log of {delays.Length} impressions with target {target:0.##}, the window returned is not the one this case expects";
        }
        return null;
    }

    /// <summary>The smallest bits in 1..30 whose expected collision share is within the limit, from the library's formula.</summary>
    private static int SmallestBits(long tokens, double limit)
    {
        for (int bits = 1; bits <= 30; bits++)
            if (FeatureHasher.ExpectedCollisionRate(tokens, bits) <= limit) return bits;
        return 30;
    }
}
