namespace Mlsd.Exercises;

internal static partial class ExerciseCatalog
{
    /// <summary>Notebook 09 · Personalised news feed.</summary>
    private static void Register09()
    {
        Exercise.Define(ExerciseDefinition.Of<Func<double[], double[], double>>(
            "09.engagement-score", "(double[] probabilities, double[] weights) → double",
            // By hand with the chapter's weights: 0.4·1 + 0.2·5 + 0.05·10 + 0.01·20 + 0·30 − 0.02·20 − 0.001·50
            // = 0.4 + 1.0 + 0.5 + 0.2 + 0 − 0.4 − 0.05 = 1.65.
            ("a hand-worked post", f => Expect.Close(f([0.4, 0.2, 0.05, 0.01, 0, 0.02, 0.001], ChapterWeights), 1.65),
                "Multiply each reaction's probability by its weight and add them up."),
            ("hides and blocks count against a post", f => Expect.Close(f([0, 0, 0, 0, 0, 0.5, 0.1], ChapterWeights), -15),
                "Negative weights make a likely-hidden post score below zero (0.5 × −20 + 0.1 × −50)."),
            ("any number of reactions", f => Expect.Close(f([0.5, 0.1], [1, 5]), 1.0),
                "Do not assume seven reactions: use the lengths of the lists."),
            ("lists of different lengths are rejected", f => Rejects(() => f([0.5, 0.1], [1])),
                "Throw an ArgumentException when the lists differ in length."),
            ("random posts", f => RandomScoreCases(f), null)));

        Exercise.Define(ExerciseDefinition.Of<Func<double, double, double>>(
            "09.downsampling-correction", "(double p, double w) → double",
            // By hand: p = 0.5, w = 0.1 → 0.5 / (0.5 + 0.5 / 0.1) = 0.5 / 5.5 = 1/11.
            ("a hand-worked case", f => Expect.Close(f(0.5, 0.1), 1.0 / 11),
                "The odds p / (1 − p) are 1 / w times too high: multiply them by w and turn them back into a probability."),
            ("no downsampling changes nothing", f => Expect.Close(f(0.3, 1), 0.3), "With w = 1 every negative was kept."),
            ("certainties stay certain", f => Expect.That(Math.Abs(f(0, 0.2)) < 1e-12 && Math.Abs(f(1, 0.2) - 1) < 1e-12,
                "p = 0 should stay 0 and p = 1 should stay 1"), null),
            // By hand: p = 0.2, w = 0.25 → 0.2 / (0.2 + 0.8 / 0.25) = 0.2 / 3.4 = 1/17.
            ("a second case", f => Expect.Close(f(0.2, 0.25), 1.0 / 17), null)));

        Exercise.Define(ExerciseDefinition.Of<Func<(double Threshold, double HidesRemoved, double EngagementKept)[], double, double?>>(
            "09.hide-filter", "((double Threshold, double HidesRemoved, double EngagementKept)[] sweep, double minKept) → double?",
            ("the most hides removed within the constraint", f => FilterCase(f, FilterSweep, 0.95, 0.05),
                "Keep the thresholds whose engagement kept is at least minKept, then take the one that removes the most hides."),
            ("the constraint is inclusive", f => FilterCase(f, FilterSweep, 0.9, 0.02),
                "A threshold that keeps exactly minKept meets it (≥)."),
            ("equal removal: keep more engagement", f => FilterCase(f, FilterSweep, 0.97, 0.2),
                "Two thresholds remove the same share of hides; the one that keeps more engagement is the better choice."),
            ("sweep order does not matter", f => FilterCase(f, [.. FilterSweep.Reverse()], 0.95, 0.05),
                "Do not rely on the sweep being sorted."),
            ("nothing keeps enough", f => FilterCase(f, FilterSweep, 1.01, null), "Return null when no threshold meets the constraint.")));

        Exercise.Define(ExerciseDefinition.PredictVerdict("09.predict-equal-weights",
            "The pages are valued with the chapter's weights, so a ranking by other weights optimises something " +
            "else: with every positive reaction at +1 the frequent clicks dominate, and the rare comments and shares " +
            "worth 10 and 20 lose their pull. Read the interval: if it excludes 0, its sign is the verdict."));
    }

    private static readonly double[] ChapterWeights = [1, 5, 10, 20, 30, -20, -50];

    /// <summary>A hand-made sweep; the expected threshold of each case is worked out in the case.</summary>
    private static readonly (double, double, double)[] FilterSweep =
    [
        (0.01, 0.60, 0.80), (0.02, 0.45, 0.90), (0.05, 0.30, 0.96), (0.1, 0.20, 0.98), (0.2, 0.20, 0.995), (1, 0, 1),
    ];

    private static string? FilterCase(Func<(double, double, double)[], double, double?> f,
        (double, double, double)[] sweep, double minKept, double? expected)
    {
        double? chosen = f(sweep, minKept);
        return Expect.That(chosen == expected, chosen is null ? "the answer is null, but a threshold here meets the constraint"
            : expected is null ? $"the threshold {chosen} does not keep enough engagement here, so the answer should be null"
            : $"the threshold {chosen} is not the one this case expects");
    }

    private static string? Rejects(Action call)
    {
        try { call(); }
        catch (ArgumentException) { return null; }
        return "lists of different lengths should throw an ArgumentException";
    }

    private static string? RandomScoreCases(Func<double[], double[], double> f)
    {
        var sampler = new Sampler(909);
        for (int trial = 0; trial < 20; trial++)
        {
            int n = sampler.Next(1, 9);
            var p = Enumerable.Range(0, n).Select(_ => sampler.Uniform()).ToArray();
            var w = Enumerable.Range(0, n).Select(_ => sampler.Normal(0, 20)).ToArray();
            double expected = 0;
            for (int i = 0; i < n; i++) expected += p[i] * w[i];
            if (Expect.Close(f(p, w), expected) is { } problem) return $"on a random post with {n} reactions, " + problem;
        }
        return null;
    }
}
