using Mlsd.Metrics;

namespace Mlsd.Exercises;

internal static partial class ExerciseCatalog
{
    /// <summary>Notebook 06 · Event recommendation.</summary>
    private static void Register06()
    {
        Exercise.Define(ExerciseDefinition.Of<Func<int[], double>>(
            "06.average-precision", "(int[] relevantInRankedOrder) → double",
            // By hand: relevant at ranks 1 and 3 → (1/1 + 2/3) / 2 = 5/6.
            ("a hand-worked list", f => Expect.Close(f([1, 0, 1]), 5.0 / 6),
                "Walk down the list; at each relevant item take the precision so far (relevant seen ÷ rank), then average those."),
            ("one relevant item: AP is the reciprocal rank", f => Expect.Close(f([0, 0, 0, 1]), 0.25),
                "With a single relevant item AP equals 1 / its rank — the reason MRR and mAP agree on most visits."),
            ("no relevant item", f => Expect.Close(f([0, 0, 0]), 0),
                "A list with nothing relevant scores 0 (the notebook skips such visits)."),
            ("every relevant item on top", f => Expect.Close(f([1, 1, 0, 0]), 1), null),
            ("random lists", f => RandomApCases(f), null)));

        Exercise.Define(ExerciseDefinition.Of<Func<long[], long[], int[]>>(
            "06.point-in-time", "(long[] eventTimes, long[] impressionTimes) → int[]",
            ("a hand-worked case", f => SameCounts(f([10, 20, 30], [5, 25, 40]), [0, 2, 3]),
                "For each impression time t, count the events with time < t."),
            ("an event at the same second is not known yet", f => SameCounts(f([10, 20], [20]), [1]),
                "Strictly before: the registration being predicted happens at the impression's own time at the earliest."),
            ("events arrive out of order", f => SameCounts(f([30, 10, 20], [15, 35]), [1, 3]),
                "Late events are common in logs: do not assume the event times are sorted."),
            ("random logs", f => RandomPointInTimeCases(f), null)));

        Exercise.Define(ExerciseDefinition.Of<Func<(double RadiusKm, double RegistrationsKept, double CandidatesPerVisit)[], double, double, double?>>(
            "06.radius", "((double RadiusKm, double RegistrationsKept, double CandidatesPerVisit)[] sweep, double minKept, double maxCandidates) → double?",
            ("the smallest radius that keeps enough", f => RadiusCase(f, s_radiusSweep06, 0.9, 100, 20),
                "Among the radii that keep at least the target share of registrations, the one with the fewest candidates is cheapest."),
            ("the budget rules a radius out", f => RadiusCase(f, s_radiusSweep06, 0.99, 35, null),
                "A radius whose candidates exceed the budget cannot be chosen; return null when none is left."),
            ("the target is inclusive", f => RadiusCase(f, s_radiusSweep06, 0.7, 100, 10),
                "A radius that keeps exactly the target share meets it (≥)."),
            ("sweep order does not matter", f => RadiusCase(f, [.. s_radiusSweep06.Reverse()], 0.9, 100, 20),
                "Do not rely on the sweep being sorted; compare the candidates per visit."),
            ("nothing keeps enough", f => RadiusCase(f, s_radiusSweep06, 1.0, 1_000, null), null)));

        Exercise.Define(ExerciseDefinition.Of<Func<(string Prediction, double With, double Without)>>(
            "06.predict-social", "() → (string prediction, double mapWithSocial, double mapWithoutSocial)",
            ("a prediction in words", f => Expect.That(Direction(f().Prediction) is not null,
                "the prediction should be \"lower\", \"about the same\" or \"higher\""),
                "Record the prediction before running the cell that measures it."),
            ("the measurement comes from the run", f =>
            {
                var (_, with, without) = f();
                return Expect.That(with is > 0 and <= 1 && without is > 0 and <= 1, "the two mAPs should be the values in (0, 1] the run measured");
            }, "Pass the mAPs the run printed, with and without the social features."),
            ("the prediction matches the run", f =>
            {
                var (prediction, with, without) = f();
                string measured = without < with - 0.02 ? "lower" : without > with + 0.02 ? "higher" : "about the same";
                return Expect.That(Direction(prediction) == measured, $"the run measured {measured} ({with:F3} → {without:F3}). " +
                    (measured == "lower"
                        ? "Friends registered, an invitation and a host who is a friend are the strongest signals an always-new event has: " +
                          "they exist from the first minute, before any registration count can"
                        : "The social signals are strong but rare — most candidates have no registered friend and no invitation — so on " +
                          "the few hundred test visits their effect on the average is within noise; the per-visit gain is where they fire"));
            }, null)));
    }

    private static readonly (double, double, double)[] s_radiusSweep06 = [(2, 0.07, 1), (5, 0.3, 7), (10, 0.7, 18), (20, 0.93, 32), (40, 0.995, 40)];

    private static string? RadiusCase(Func<(double, double, double)[], double, double, double?> f,
        (double, double, double)[] sweep, double minKept, double maxCandidates, double? expected)
    {
        double? chosen = f(sweep, minKept, maxCandidates);
        return Expect.That(chosen == expected, chosen is null ? "the answer is null, but a radius here meets both constraints"
            : expected is null ? $"{chosen} km does not meet both constraints here, so the answer should be null"
            : $"{chosen} km is not the radius this case expects");
    }

    private static string? Direction(string? prediction) => prediction?.Trim().ToLowerInvariant() switch
    {
        "lower" or "down" => "lower",
        "higher" or "up" => "higher",
        "about the same" or "same" => "about the same",
        _ => null,
    };

    private static string? SameCounts(int[]? actual, int[] expected) =>
        actual is null ? "the result is null"
        : actual.Length != expected.Length ? $"the result has {actual.Length} counts; it needs one per impression ({expected.Length})"
        : Expect.That(actual.SequenceEqual(expected), $"the counts [{string.Join(", ", actual)}] are not the ones this case expects");

    private static string? RandomApCases(Func<int[], double> f)
    {
        var sampler = new Sampler(606);
        for (int trial = 0; trial < 30; trial++)
        {
            var list = Enumerable.Range(0, sampler.Next(1, 12)).Select(_ => sampler.Bernoulli(0.3) ? 1 : 0).ToArray();
            var relevant = Enumerable.Range(0, list.Length).Where(i => list[i] == 1).ToHashSet();
            double expected = relevant.Count == 0 ? 0 : Ranking.AveragePrecision(Enumerable.Range(0, list.Length).ToArray(), relevant);
            if (Expect.Close(f(list), expected) is { } problem) return $"on the list [{string.Join(", ", list)}], " + problem;
        }
        return null;
    }

    private static string? RandomPointInTimeCases(Func<long[], long[], int[]> f)
    {
        var sampler = new Sampler(6060);
        for (int trial = 0; trial < 20; trial++)
        {
            var events = Enumerable.Range(0, sampler.Next(0, 30)).Select(_ => (long)sampler.Next(0, 100)).ToArray();
            var queries = Enumerable.Range(0, sampler.Next(1, 10)).Select(_ => (long)sampler.Next(0, 110)).ToArray();
            var expected = queries.Select(t => events.Count(e => e < t)).ToArray();
            if (SameCounts(f(events, queries), expected) is { } problem) return $"on a random log of {events.Length} events, " + problem;
        }
        return null;
    }
}
