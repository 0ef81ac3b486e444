using Mlsd.Metrics;
using Mlsd.Retrieval;

namespace Mlsd.Exercises;

internal static partial class ExerciseCatalog
{
    /// <summary>Notebook 01 · Visual search.</summary>
    private static void Register01()
    {
        Exercise.Define(ExerciseDefinition.Of<Func<double[], int, double, double>>(
            "01.contrastive-loss", "(double[] similarities, int positive, double temperature) → double",
            // By hand: e^0.8 + e^0.45 + e^0.3 + e^−0.1 = 6.048549…, so the loss is ln 6.048549 − 0.8 = 0.999818…
            ("one positive and three negatives at τ = 1", f => Expect.Close(f([0.8, 0.45, 0.3, -0.1], 0, 1), 0.9998184647),
                "loss = −ln(e^(s_pos/τ) / Σⱼ e^(s_j/τ)) = ln Σⱼ e^(s_j/τ) − s_pos/τ."),
            // ln(e^8 + e^4.5 + e^3 + e^−1) − 4.5 = 3.536388…: the positive is the second candidate here.
            ("the positive need not come first", f => Expect.Close(f([0.8, 0.45, 0.3, -0.1], 1, 0.1), 3.5363885720),
                "Use similarities[positive], not similarities[0], and divide every similarity by τ."),
            ("equal similarities give ln n", f => Expect.Close(f([0.3, 0.3, 0.3, 0.3, 0.3], 2, 0.07), Math.Log(5)),
                "With n equal candidates the positive's share is 1/n."),
            // s/τ = 1000 and 900: e^1000 overflows a double, so the naive formula returns NaN or infinity.
            // The loss is ln(e^1000 + e^900) − 900 = 100 + ln(1 + e^−100) = 100 to double precision.
            ("a tiny temperature stays finite", f => Expect.Close(f([1.0, 0.9], 1, 0.001), 100),
                "Subtract the largest s/τ before exponentiating: ln Σ e^(x_j) = m + ln Σ e^(x_j − m)."),
            ("random batches", f => RandomContrastiveCases(f), null)));

        Exercise.Define(ExerciseDefinition.Of<Func<double[], double[], int, double>>(
            "01.graded-ndcg", "(double[] returnedGrades, double[] allGrades, int k) → double",
            // By hand: DCG = 31/1 + 7/log₂3 + 0 = 35.41651; IDCG = 31 + 31/log₂3 + 7/2 = 54.05882; ratio 0.655148.
            ("a page of three", f => Expect.Close(f([5, 3, 0], [5, 5, 3, 0], 3), 0.6551476101),
                "Gain 2^grade − 1 at rank r (1-based) is divided by log₂(r + 1); the ideal sorts all judged grades best first."),
            ("the ideal comes from all judged grades", f => Expect.Close(f([3], [5, 3], 1), 7.0 / 31),
                "The ideal page holds the best judged item (grade 5), even though the system never returned it."),
            ("nothing relevant anywhere", f => Expect.Close(f([0, 0], [0, 0, 0], 2), 0), "Return 0 when the ideal DCG is 0."),
            ("k cuts both lists", f => Expect.Close(f([5, 5, 5], [5, 5, 5], 2), 1), "Only the first k returned and the first k ideal count."),
            ("random pages", f => RandomNdcgCases(f), null)));

        Exercise.Define(ExerciseDefinition.Of<Func<IReadOnlyList<AnnBenchmarkPoint>, double, int>>(
            "01.operating-point", "(IReadOnlyList<AnnBenchmarkPoint> points, double minRecall) → int",
            ("the cheapest tail that meets the target", f => Expect.Close(f(Sweep, 0.95), 2),
                "Keep the points with RecallAtK ≥ target, then take the lowest P99LatencyMicroseconds — not the lowest mean."),
            ("the target is inclusive", f => Expect.Close(f(Sweep, 0.90), 1), "A recall equal to the target meets it (≥)."),
            ("equal p99: the higher recall", f => Expect.Close(f(Sweep, 0.97), 4),
                "Two settings have the same p99; among them return the one with the higher recall."),
            ("an unreachable target", f => Expect.Close(f(Sweep, 0.999), -1), "Return −1 when no point meets the target."),
            ("an empty sweep", f => Expect.Close(f([], 0.5), -1), null)));

        Exercise.Define(ExerciseDefinition.PredictVerdict("01.predict-no-geometry",
            "The query photos are shifted and zoomed by the camera; an encoder that never saw shifted or zoomed views " +
            "during training has no reason to map them onto the product's own image, while exposure and erasing " +
            "alone teach nothing about framing. Read the interval: if it excludes 0, the sign is the verdict."));
    }

    /// <summary>Five measured points: (recall, mean µs, p99 µs). Hand-checked answers for each target are in the cases.</summary>
    private static readonly AnnBenchmarkPoint[] Sweep =
    [
        new("HNSW", "efSearch", 10, 10, 0.85, 20, 40, 50_000),
        new("HNSW", "efSearch", 20, 10, 0.90, 30, 60, 33_000),
        new("IVF", "nProbe", 4, 10, 0.96, 25, 80, 40_000),     // lowest p99 at ≥ 0.95; its mean is not the lowest
        new("HNSW", "efSearch", 40, 10, 0.97, 22, 90, 45_000),
        new("IVF", "nProbe", 8, 10, 0.98, 50, 90, 20_000),      // same p99 as the point above, higher recall
    ];

    private static string? RandomContrastiveCases(Func<double[], int, double, double> f)
    {
        var sampler = new Sampler(101);
        for (int trial = 0; trial < 20; trial++)
        {
            int n = sampler.Next(2, 12);
            var s = Enumerable.Range(0, n).Select(_ => sampler.Uniform(-1, 1)).ToArray();
            int positive = sampler.Next(n);
            double tau = sampler.Choice(new[] { 0.05, 0.1, 0.5, 1.0 });
            double m = s.Max() / tau;
            double expected = m + Math.Log(s.Sum(x => Math.Exp(x / tau - m))) - s[positive] / tau;
            if (Expect.Close(f(s, positive, tau), expected) is { } problem)
                return $"on a random batch of {n} with τ = {tau}, " + problem;
        }
        return null;
    }

    private static string? RandomNdcgCases(Func<double[], double[], int, double> f)
    {
        var sampler = new Sampler(102);
        for (int trial = 0; trial < 20; trial++)
        {
            var all = Enumerable.Range(0, sampler.Next(3, 30)).Select(_ => (double)sampler.Choice(new[] { 0, 1, 3, 5 })).ToArray();
            var returned = all.Where(_ => sampler.Bernoulli(0.5)).ToArray();
            if (returned.Length == 0) continue;
            int k = sampler.Next(1, 12);
            double expected = Ranking.NdcgAtK(returned, k, all);
            if (Expect.Close(f(returned, all, k), expected) is { } problem)
                return $"on a random page of {returned.Length} with k = {k}, " + problem;
        }
        return null;
    }
}
