using System.Globalization;
using Mlsd.Metrics;

namespace Mlsd.Exercises;

internal static partial class ExerciseCatalog
{
    /// <summary>Notebook 05's design-judgement and predict-then-run exercises.</summary>
    private static void Register05Judgement()
    {
        Exercise.Define(ExerciseDefinition.Of<Func<IReadOnlyList<(string Name, double Relevant, double Categories, MetricDifference VsToday)>, double, string?>>(
            "05.category-floor",
            "(IReadOnlyList<(string Name, double Relevant, double Categories, MetricDifference VsToday)> pages, double minCategories) → string?",
            ("the most relevant page that meets the floor", f => SameChoice(f(s_pages, 2.5), "C"),
                "Keep the pages with Categories ≥ minCategories whose interval against today's page is not entirely on the losing side, then take the most relevant."),
            ("a page that loses to today's is never shipped", f => SameChoice(f(s_pages, 3.5), "D"),
                "Page E meets the floor but its interval against today lies below zero (VsToday.CandidateIsWorse): launching it makes users worse off."),
            ("a tie with today's page is acceptable", f => SameChoice(f(s_pages, 1.5), "B"),
                "A tie is not a loss: only VsToday.CandidateIsWorse rules a page out."),
            ("the floor is inclusive", f => SameChoice(f(s_pages, 3), "C"), "Categories exactly equal to the floor meet it (≥)."),
            ("nothing qualifies", f => SameChoice(f(s_pages, 5), null),
                "Return null when no page meets the floor without losing to today's page — the answer to give the product manager is 'not at this launch'."),
            ("equal relevance goes to the more diverse page", f => SameChoice(f(s_tiedPages, 1), "Y"), null)));

        Exercise.Define(ExerciseDefinition.Of<Func<(string Prediction, MetricDifference Measured)>>(
            "05.predict-ann-candidates", "() → (string prediction, MetricDifference measured)",
            ("the prediction is \"up\", \"down\" or \"tie\"", f => Expect.That(CandidateEffect(f().Prediction) is not null,
                $"the prediction is \"{f().Prediction}\"; write \"up\", \"down\" or \"tie\""), null),
            ("the prediction matches what the run measured", f => PredictionMatches(f()), null)));
    }

    // ---- 05.category-floor ---------------------------------------------------------------------------

    private static MetricDifference VsToday(double lower, double upper) =>
        new("expected relevant", 1.5, 1.5 + (lower + upper) / 2, lower, upper, 0.95, HigherIsBetter: true);

    // B is the most relevant but only ties today's page; A wins with 2 categories, C with 3, D with 4; E has the most
    // categories and beats D on relevance, but loses to today's page.
    private static readonly (string, double, double, MetricDifference)[] s_pages =
    [
        ("A", 1.70, 2.0, VsToday(0.15, 0.25)),
        ("B", 1.72, 1.6, VsToday(-0.02, 0.05)),
        ("C", 1.62, 3.0, VsToday(0.08, 0.16)),
        ("D", 1.55, 4.0, VsToday(0.01, 0.09)),
        ("E", 1.58, 4.5, VsToday(-0.25, -0.15)),
    ];

    private static readonly (string, double, double, MetricDifference)[] s_tiedPages =
        [("X", 1.6, 2.0, VsToday(0.1, 0.2)), ("Y", 1.6, 3.0, VsToday(0.1, 0.2)), ("Z", 1.4, 4.0, VsToday(0.0, 0.1))];

    private static string? SameChoice(string? actual, string? expected) =>
        actual == expected ? null
        : actual is null ? "the result is null, but a page qualifies in this case"
        : expected is null ? $"the result is \"{actual}\", but no page qualifies in this case"
        : $"the result is \"{actual}\", which is not the page this case expects";

    // ---- 05.predict-ann-candidates ------------------------------------------------------------------------

    private static string? CandidateEffect(string? prediction) => prediction?.Trim().ToLowerInvariant() switch
    {
        "up" or "better" => "up",
        "down" or "worse" => "down",
        "tie" or "same" => "tie",
        _ => null,
    };

    private static string? PredictionMatches((string Prediction, MetricDifference Measured) answer)
    {
        var (prediction, measured) = answer;
        if (measured is null) return "the measured difference is null; pass the MetricDifference the run cell computed";
        string outcome = measured.IsTie ? "tie" : measured.CandidateIsBetter ? "up" : "down";
        if (CandidateEffect(prediction) == outcome) return null;
        string interval = measured.Format("0.000");
        string why = outcome switch
        {
            "up" => "the ranker orders videos better than the retrieval score does (step 4's ladder), so among the " +
                    "retrieval's lower ranks it finds videos it prefers to some it had; the price is more scoring work per request",
            "tie" => "the ranker's page comes from the top of the retrieval's list either way; the extra candidates rank " +
                     "below the ones it already had",
            _ => "fewer retrieval candidates leave the ranker a smaller choice: some videos it would have put on the page " +
                 "are no longer proposed, and the popular and trending lists do not know the user's taste",
        };
        return string.Create(CultureInfo.InvariantCulture,
            $"the run measured \"{outcome}\" ({interval}), not \"{prediction}\": {why}");
    }
}
