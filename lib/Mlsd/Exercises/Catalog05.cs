using Mlsd.Metrics;
using Mlsd.Models;
using Mlsd.Retrieval;
using Mlsd.Serving;

namespace Mlsd.Exercises;

internal static partial class ExerciseCatalog
{
    /// <summary>Notebook 05 · Video recommendation.</summary>
    private static void Register05()
    {
        Exercise.Define(ExerciseDefinition.Of<Func<IReadOnlyList<IReadOnlyList<int>>, IReadOnlyList<IReadOnlySet<int>>, int, double>>(
            "05.map-at-k", "(IReadOnlyList<IReadOnlyList<int>> ranked, IReadOnlyList<IReadOnlySet<int>> relevant, int k) → double",
            ("one list, hits at ranks 1, 3 and 5", f => Expect.Close(f([[1, 2, 3, 4, 5]], [new HashSet<int> { 1, 3, 5, 9 }], 5), (1 + 2.0 / 3 + 3.0 / 5) / 4),
                "Average the precision at each rank that holds a relevant item, then divide by min(k, number of relevant items) — a relevant item never retrieved counts as 0."),
            ("only the first k ranks count", f => Expect.Close(f([[2, 1]], [new HashSet<int> { 1 }], 1), 0),
                "Item 1 sits at rank 2, outside the top 1."),
            ("the divisor is min(k, |relevant|)", f => Expect.Close(f([[7, 1, 2]], [new HashSet<int> { 1, 2, 3, 4 }], 2), 0.5 / 2),
                "With k = 2 at most 2 relevant items fit in the list, so divide by 2, not by 4."),
            ("the mean is over queries", f => Expect.Close(f([[1, 2], [3, 4]], [new HashSet<int> { 1 }, new HashSet<int> { 4 }], 2), (1 + 0.5) / 2), null),
            ("users with nothing relevant are skipped", f => Expect.Close(f([[1, 2], [1, 2]], [new HashSet<int>(), new HashSet<int> { 1 }], 2), 1),
                "A user with an empty relevant set has no AP to average; leave them out of the mean instead of counting 0."),
            ("random lists", f => RandomMapCases(f), null)));

        Exercise.Define(ExerciseDefinition.Of<Func<double[][], int[], double, double, double[]>>(
            "05.wals-user-step", "(double[][] itemFactors, int[] observed, double unobservedWeight, double regularization) → double[]",
            ("one factor by hand", f => CloseVector(f([[1.0], [2.0]], [0], 0.5, 1), [0.25]),
                "A = W·VᵀV + (1 − W)·Σ_observed v vᵀ + λI = 0.5·5 + 0.5·1 + 1 = 4, b = Σ_observed v = 1."),
            ("no interactions give the zero vector", f => CloseVector(f([[1.0, 2.0], [0.5, -1.0]], [], 0.1, 1), [0.0, 0.0]),
                "With nothing observed the right-hand side b is 0, so the solution is 0 — the cold-start problem of WALS."),
            ("two factors, several items", f => CloseVector(f(s_walsItems, [0, 2], 0.2, 0.5), FoldInReference(s_walsItems, [0, 2], 0.2, 0.5)),
                "Observed cells get weight 1 in total: W from the Gramian term plus (1 − W) from the correction."),
            ("random item factors", f => RandomWalsCases(f), null)));

        Exercise.Define(ExerciseDefinition.Of<Func<IReadOnlyList<AnnBenchmarkPoint>, double, int>>(
            "05.ef-search-for-budget", "(IReadOnlyList<AnnBenchmarkPoint> sweep, double p99BudgetMicroseconds) → int",
            ("picks the best recall that fits", f => Expect.Close(f(s_sweep, 60), 32),
                "Keep the settings whose P99LatencyMicroseconds ≤ budget, then take the one with the highest RecallAtK."),
            ("a generous budget allows the most accurate setting", f => Expect.Close(f(s_sweep, 1_000), 128), null),
            ("a recall tie goes to the cheaper setting", f => Expect.Close(f(s_sweep, 200), 64),
                "Two settings that fit reach the same recall here; the smaller efSearch is faster for nothing lost."),
            ("latency is not monotone in efSearch on a busy machine", f => Expect.Close(f(s_noisySweep, 50), 24),
                "Do not stop at the first setting over budget: check every point."),
            ("nothing fits", f => Expect.Close(f(s_sweep, 5), -1), "Return −1 when no setting meets the budget.")));

        Exercise.Define(ExerciseDefinition.Of<Func<IReadOnlyList<int>, Func<int, int>, int, int, int[]>>(
            "05.cap-per-category", "(IReadOnlyList<int> ranked, Func<int, int> category, int maxPerCategory, int k) → int[]",
            ("the third item of a category waits", f => SameList(f([1, 2, 3, 4, 5], Letter, 2, 4), [1, 2, 4, 5]),
                "Walk the list best first; skip an item whose category already has maxPerCategory items on the page."),
            ("a short page is filled with skipped items", f => SameList(f([1, 2, 3, 4, 5], Letter, 1, 4), [1, 4, 5, 2]),
                "If the page still has room after the walk, append the skipped items in their original order."),
            ("never longer than k", f => SameList(f([9, 8, 7, 6], _ => 0, 4, 2), [9, 8]), null),
            ("random lists", f => RandomCapCases(f), null)));
    }

    // ---- 05.map-at-k ---------------------------------------------------------------------------------

    private static string? RandomMapCases(Func<IReadOnlyList<IReadOnlyList<int>>, IReadOnlyList<IReadOnlySet<int>>, int, double> f)
    {
        var sampler = new Sampler(505);
        for (int trial = 0; trial < 20; trial++)
        {
            int users = sampler.Next(1, 6), k = sampler.Next(1, 12);
            var ranked = new IReadOnlyList<int>[users];
            var relevant = new IReadOnlySet<int>[users];
            for (int u = 0; u < users; u++)
            {
                var list = Enumerable.Range(0, 15).ToArray();
                sampler.Shuffle(list);
                ranked[u] = list.Take(sampler.Next(1, 15)).ToArray();
                relevant[u] = new HashSet<int>(Enumerable.Range(0, 15).Where(_ => sampler.Bernoulli(0.25)).Append(u));
            }
            if (Expect.Close(f(ranked, relevant, k), Ranking.MeanAveragePrecision(ranked, relevant, k)) is { } problem)
                return $"on {users} random lists with k = {k}, " + problem;
        }
        return null;
    }

    // ---- 05.wals-user-step ---------------------------------------------------------------------------

    private static readonly double[][] s_walsItems = [[1.0, 1.0], [1.0, -1.0], [2.0, 0.0], [0.0, 0.5]];

    /// <summary>The library's tested fold-in, which solves exactly this ridge regression, on the given item factors.</summary>
    private static double[] FoldInReference(double[][] items, int[] observed, double w, double lambda)
    {
        int k = items[0].Length;
        var model = new WeightedMatrixFactorization { Factors = k, UnobservedWeight = w, Regularization = lambda };
        var feedback = FeedbackMatrix.FromPairs(1, items.Length, observed.Select(i => (0, i)));
        model.SetState(feedback, [new double[k]], items.Select(r => (double[])r.Clone()).ToArray());
        return Array.ConvertAll(model.FoldIn(observed), x => (double)x);
    }

    private static string? RandomWalsCases(Func<double[][], int[], double, double, double[]> f)
    {
        var sampler = new Sampler(2024);
        for (int trial = 0; trial < 10; trial++)
        {
            int n = sampler.Next(5, 30), k = sampler.Next(2, 6);
            var items = new double[n][];
            for (int i = 0; i < n; i++)
            {
                items[i] = new double[k];
                for (int d = 0; d < k; d++) items[i][d] = sampler.Normal(0, 0.5);
            }
            var observed = Enumerable.Range(0, n).Where(_ => sampler.Bernoulli(0.3)).ToArray();
            double w = sampler.Uniform(0.01, 0.5), lambda = sampler.Uniform(0.1, 2);
            if (CloseVector(f(items, observed, w, lambda), FoldInReference(items, observed, w, lambda), 1e-4) is { } problem)
                return $"with {n} items, {k} factors and {observed.Length} observed, " + problem;
        }
        return null;
    }

    private static string? CloseVector(double[]? actual, double[] expected, double tolerance = 1e-6)
    {
        if (actual is null) return "the result is null";
        if (actual.Length != expected.Length) return $"the result has {actual.Length} entries; it needs one per factor ({expected.Length})";
        for (int d = 0; d < expected.Length; d++)
            if (Expect.Close(actual[d], expected[d], tolerance, $"entry {d}") is { } problem) return problem;
        return null;
    }

    // ---- 05.ef-search-for-budget ---------------------------------------------------------------------

    private static AnnBenchmarkPoint Point(int ef, double recall, double p99) => new("HNSW", "efSearch", ef, 10, recall, p99 / 2, p99, 1e6 / p99);

    private static readonly AnnBenchmarkPoint[] s_sweep =
        [Point(8, 0.80, 20), Point(16, 0.90, 35), Point(32, 0.96, 55), Point(64, 0.99, 110), Point(96, 0.99, 150), Point(128, 0.995, 220)];

    private static readonly AnnBenchmarkPoint[] s_noisySweep =
        [Point(8, 0.80, 20), Point(16, 0.90, 70), Point(24, 0.93, 45), Point(32, 0.96, 90)];

    // ---- 05.cap-per-category -------------------------------------------------------------------------

    private static int Letter(int item) => item <= 3 ? 0 : item == 4 ? 1 : 2;

    private static string? SameList(int[]? actual, int[] expected)
    {
        if (actual is null) return "the result is null";
        if (actual.SequenceEqual(expected)) return null;
        return actual.Length != expected.Length
            ? $"the page has {actual.Length} items; this case expects {expected.Length}"
            : "the page has the right length but not the expected items in the expected order";
    }

    private static string? RandomCapCases(Func<IReadOnlyList<int>, Func<int, int>, int, int, int[]> f)
    {
        var sampler = new Sampler(99);
        for (int trial = 0; trial < 20; trial++)
        {
            var ranked = Enumerable.Range(0, 20).ToArray();
            sampler.Shuffle(ranked);
            int categories = sampler.Next(2, 5), cap = sampler.Next(1, 4), k = sampler.Next(1, 16);
            Func<int, int> category = i => i % categories;
            if (SameList(f(ranked, category, cap, k), ReRanking.Diversify(ranked, k, (category, cap))) is { } problem)
                return $"on a random list ({categories} categories, at most {cap} each, k = {k}), " + problem;
        }
        return null;
    }
}
