using Mlsd.Metrics;

namespace Mlsd.Exercises;

internal static partial class ExerciseCatalog
{
    /// <summary>Notebook 00 · The framework.</summary>
    private static void Register00()
    {
        Exercise.Define(ExerciseDefinition.Of<Func<long, double, double, double>>(
            "00.peak-qps", "(long dailyActiveUsers, double requestsPerUserPerDay, double peakToAverage) → double",
            ("one request per user per day, no peak", f => Expect.Close(f(86_400, 1, 1), 1), "A day has 86,400 seconds."),
            ("the book's feed scale", f => Expect.Close(f(2_000_000_000, 10, 1), 2e10 / 86_400), "Average QPS = DAU × requests per user per day ÷ seconds per day."),
            ("the peak factor multiplies the average", f => Expect.Close(f(100_000_000, 5, 3), 1.5e9 / 86_400), "Peak = average × peak-to-average factor."),
            ("no users, no traffic", f => Expect.Close(f(0, 5, 3), 0), null)));

        Exercise.Define(ExerciseDefinition.Of<Func<IReadOnlyList<int>, IReadOnlySet<int>, int, double>>(
            "00.precision-at-k", "(IReadOnlyList<int> ranked, IReadOnlySet<int> relevant, int k) → double",
            ("a small list", f => Expect.Close(f([1, 2, 3, 4, 5], new HashSet<int> { 1, 3, 9 }, 3), Ranking.PrecisionAtK([1, 2, 3, 4, 5], new HashSet<int> { 1, 3, 9 }, 3)), "Count relevant items among the first k, divide by k."),
            ("only the first k count", f => Expect.Close(f([7, 8, 9], new HashSet<int> { 9 }, 2), 0), "Item 9 is at rank 3, outside the top 2."),
            ("a list shorter than k", f => Expect.Close(f([4, 5], new HashSet<int> { 4, 5 }, 4), 0.5), "Missing slots count as not relevant: divide by k, not by the list length."),
            ("random lists", f => RandomRankingCases(f), null)));

        Exercise.Define(ExerciseDefinition.Of<Func<double[], double[], double>>(
            "00.psi", "(double[] referenceShare, double[] currentShare) → double",
            ("identical distributions", f => Expect.Close(f([0.25, 0.25, 0.5], [0.25, 0.25, 0.5]), 0), "No movement means PSI = 0."),
            ("a hand-sized shift", f => Expect.Close(f([0.5, 0.5], [0.6, 0.4]), 0.1 * Math.Log(1.2) - 0.1 * Math.Log(0.8)), "Sum (c − r)·ln(c / r) over the bins."),
            ("an empty bin stays finite", f => Expect.Close(f([0.5, 0.5, 0], [0.4, 0.4, 0.2]), 2 * (-0.1 * Math.Log(0.8)) + (0.2 - 1e-4) * Math.Log(0.2 / 1e-4)), "Floor each share at 0.0001 before taking the logarithm."),
            ("it is symmetric", f => Expect.That(Math.Abs(f([0.2, 0.8], [0.6, 0.4]) - f([0.6, 0.4], [0.2, 0.8])) < 1e-12, "swapping reference and current changed the value"), null)));
    }

    private static string? RandomRankingCases(Func<IReadOnlyList<int>, IReadOnlySet<int>, int, double> f)
    {
        var sampler = new Sampler(2718);
        for (int trial = 0; trial < 20; trial++)
        {
            var ranked = Enumerable.Range(0, 15).ToArray();
            sampler.Shuffle(ranked);
            var relevant = new HashSet<int>(Enumerable.Range(0, 15).Where(_ => sampler.Bernoulli(0.3)));
            int k = sampler.Next(1, 20);
            if (Expect.Close(f(ranked, relevant, k), Ranking.PrecisionAtK(ranked, relevant, k)) is { } problem)
                return $"on a random list with k = {k}, " + problem;
        }
        return null;
    }
}
