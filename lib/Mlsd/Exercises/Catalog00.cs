using Mlsd.Design;
using Mlsd.Experiments;
using Mlsd.Metrics;

namespace Mlsd.Exercises;

internal static partial class ExerciseCatalog
{
    /// <summary>Notebook 00 · The framework.</summary>
    private static void Register00()
    {
        Exercise.Define(ExerciseDefinition.Of<Func<double[], int, double>>(
            "00.ndcg-at-k", "(double[] grades, int k) → double",
            ("a list already in the best order", f => Expect.Close(f([3, 2, 1, 0], 4), 1),
                "Divide the list's DCG by the DCG of the same grades sorted best first (the ideal list)."),
            ("a relevant item at rank 2 is discounted", f => Expect.Close(f([0, 1], 2), 1 / Math.Log2(3)),
                "Rank i (1-based) is discounted by log2(i + 1): rank 1 by 1, rank 2 by log2 3."),
            ("the gain is 2^grade − 1", f => Expect.Close(f([2, 3], 2), (3 + 7 / Math.Log2(3)) / (7 + 3 / Math.Log2(3))),
                "A grade-3 item is worth 2³ − 1 = 7, a grade-2 item 3: the exponential gain rewards the best items most."),
            ("the ideal list is cut at k too", f => Expect.Close(f([1, 3], 1), 1.0 / 7),
                "At k = 1 the ideal list holds only its best item (grade 3, gain 7); yours holds grade 1 (gain 1)."),
            ("nothing relevant gives 0, not NaN", f => Expect.Close(f([0, 0, 0], 3), 0),
                "When the ideal DCG is 0 there is nothing to normalise: return 0."),
            ("random graded lists", f => RandomNdcgCases(f), null)));

        Exercise.Define(ExerciseDefinition.Of<Func<IReadOnlyList<int>, IReadOnlySet<int>, int, double>>(
            "00.precision-at-k", "(IReadOnlyList<int> ranked, IReadOnlySet<int> relevant, int k) → double",
            ("a small list", f => Expect.Close(f([1, 2, 3, 4, 5], new HashSet<int> { 1, 3, 9 }, 3), 2.0 / 3), "Count relevant items among the first k, divide by k."),
            ("only the first k count", f => Expect.Close(f([7, 8, 9], new HashSet<int> { 9 }, 2), 0), "Item 9 is at rank 3, outside the top 2."),
            ("a list shorter than k", f => Expect.Close(f([4, 5], new HashSet<int> { 4, 5 }, 4), 0.5), "Missing slots count as not relevant: divide by k, not by the list length."),
            ("random lists", f => RandomRankingCases(f), null)));

        Exercise.Define(ExerciseDefinition.Of<Func<double[], double[], double>>(
            "00.psi", "(double[] referenceShare, double[] currentShare) → double",
            ("identical distributions", f => Expect.Close(f([0.25, 0.25, 0.5], [0.25, 0.25, 0.5]), 0), "No movement means PSI = 0."),
            ("a hand-sized shift", f => Expect.Close(f([0.5, 0.5], [0.6, 0.4]), 0.1 * Math.Log(1.2) - 0.1 * Math.Log(0.8)), "Sum (c − r)·ln(c / r) over the bins."),
            ("an empty bin stays finite", f => Expect.Close(f([0.5, 0.5, 0], [0.4, 0.4, 0.2]), 2 * (-0.1 * Math.Log(0.8)) + (0.2 - 1e-4) * Math.Log(0.2 / 1e-4)), "Floor each share at 0.0001 before taking the logarithm."),
            ("it is symmetric", f => Expect.That(Math.Abs(f([0.2, 0.8], [0.6, 0.4]) - f([0.6, 0.4], [0.2, 0.8])) < 1e-12, "swapping reference and current changed the value"), null)));

        Exercise.Define(ExerciseDefinition.Of<Func<IReadOnlyList<ServingPlan>, double, int>>(
            "00.choose-serving-plan", "(IReadOnlyList<ServingPlan> plans, double maxStalenessHours) → int",
            ("a day-old answer is acceptable", f => Expect.Close(f(s_plans, 24), 0),
                "Keep the plans whose StalenessHours ≤ the limit, then take the cheapest (DollarsPerDay)."),
            ("answers at most an hour old", f => Expect.Close(f(s_plans, 1), 2),
                "Hourly batch meets a one-hour limit and costs less than online here; check every plan that fits."),
            ("the freshest requirement leaves only online", f => Expect.Close(f(s_plans, 0.5), 3), null),
            ("a cost tie goes to the fresher plan", f => Expect.Close(f(s_tiedPlans, 24), 1),
                "Two plans that fit cost the same: the fresher one gives more for nothing."),
            ("nothing fits", f => Expect.Close(f(s_plans.Take(3).ToArray(), 0), -1),
                "Return −1 when no plan meets the staleness limit.")));

        Exercise.Define(ExerciseDefinition.Of<Func<(double Low, double High)>>(
            "00.predict-quarter-test", "() → (double Low, double High)",
            ("a range: 0 < Low ≤ High", f => Expect.That(f() is var (lo, hi) && lo > 0 && lo <= hi, "the prediction is not a range of positive ratios"),
                "Return (Low, High) with 0 < Low ≤ High, e.g. (1.5, 1.7)."),
            ("a prediction, not a hedge: High ≤ 1.5 × Low", f => Expect.That(f() is var (lo, hi) && hi <= 1.5 * lo, "the range is too wide to be a prediction"),
                "Commit to a range no wider than ±20 % around your best guess."),
            ("it holds the measured ratio: the interval's width scales with 1/√n", f => QuarterTestCase(f),
                "The half-width is z·√(p₁(1−p₁)/n₁ + p₂(1−p₂)/n₂): a quarter of the users per arm makes it √4 = 2× wider, not 4×.")));
    }

    // ---- 00.ndcg-at-k ----------------------------------------------------------------------------------

    private static string? RandomNdcgCases(Func<double[], int, double> f)
    {
        var sampler = new Sampler(3141);
        for (int trial = 0; trial < 20; trial++)
        {
            var grades = Enumerable.Range(0, sampler.Next(1, 12)).Select(_ => (double)sampler.Next(0, 4)).ToArray();
            int k = sampler.Next(1, 14);
            double expected = grades.All(g => g == 0) ? 0 : Ranking.NdcgAtK(grades, k);
            if (Expect.Close(f((double[])grades.Clone(), k), expected) is { } problem)
                return $"on a random list of {grades.Length} grades with k = {k}, " + problem;
        }
        return null;
    }

    // ---- 00.precision-at-k -----------------------------------------------------------------------------

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

    // ---- 00.choose-serving-plan ------------------------------------------------------------------------

    private static readonly ServingPlan[] s_plans =
    [
        new("batch every 24 h", 120, 24), new("batch every 6 h", 480, 6), new("batch every 1 h", 2_880, 1),
        new("online", 3_100, 0),
    ];

    private static readonly ServingPlan[] s_tiedPlans =
        [new("batch every 24 h", 500, 24), new("batch every 12 h", 500, 12), new("online", 900, 0)];

    // ---- 00.predict-quarter-test -----------------------------------------------------------------------

    /// <summary>
    /// The notebook's A/B test (section 5: control 3.0 % vs treatment 3.3 % click-through, users per arm sized for a
    /// 10 % relative lift, assignment seed 11) run on all its users and on the first quarter of them; the ratio of the
    /// two 95 % intervals' widths of the difference. The notebook's own cell measures the same ratio and prints it.
    /// </summary>
    internal static double QuarterTestWidthRatio()
    {
        long perArm = SampleSize.PerArmForRelativeLift(0.03, 0.10);
        double Width(int users)
        {
            var run = new AbTest { Seed = 11 }.Run(Enumerable.Range(0, users), u => (long)u,
                (u, arm, rng) => rng.Bernoulli(arm == Arm.Treatment ? 0.03 * (1 + 0.10) : 0.03));
            var r = run.Binary("click-through rate", clicked => clicked);
            return r.DifferenceHigh - r.DifferenceLow;
        }
        return Width((int)(2 * perArm / 4)) / Width((int)(2 * perArm));
    }

    private static readonly Lazy<double> s_quarterRatio = new(QuarterTestWidthRatio);

    private static string? QuarterTestCase(Func<(double Low, double High)> f)
    {
        var (lo, hi) = f();
        double measured = s_quarterRatio.Value;
        if (lo <= measured && measured <= hi) return null;
        return measured < lo
            ? "the measured ratio lies below your range: the interval widened less than you predicted"
            : "the measured ratio lies above your range: the interval widened more than you predicted";
    }
}
