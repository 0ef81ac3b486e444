using Mlsd.Design;
using Mlsd.Exercises;

namespace Mlsd.Tests.Exercises;

/// <summary>Notebook 00's exercises: a correct answer passes every public check, a typical mistake does not.</summary>
public class Catalog00Tests
{
    /// <summary>nDCG@k written out independently: gain 2^g − 1, discount log2(rank + 1), ideal = the grades sorted.</summary>
    private static double Ndcg(double[] grades, int k, bool exponential = true, bool cutIdeal = true)
    {
        double Gain(double g) => exponential ? Math.Pow(2, g) - 1 : g;
        double Dcg(IEnumerable<double> gs, int cut) => gs.Take(cut).Select((g, i) => Gain(g) / Math.Log(i + 2, 2)).Sum();
        double ideal = Dcg(grades.OrderByDescending(g => g), cutIdeal ? k : grades.Length);
        return ideal == 0 ? 0 : Dcg(grades, k) / ideal;
    }

    [Fact]
    public void NdcgAtK()
    {
        Assert.True(Exercise.Evaluate("00.ndcg-at-k", (double[] g, int k) => Ndcg(g, k)).Succeeded);
        var linear = Exercise.Evaluate("00.ndcg-at-k", (double[] g, int k) => Ndcg(g, k, exponential: false));
        Assert.False(linear.Succeeded);
        Assert.Contains("hint: A grade-3 item is worth 2³ − 1 = 7", linear.ToString());
        var wholeIdeal = Exercise.Evaluate("00.ndcg-at-k", (double[] g, int k) => Ndcg(g, k, cutIdeal: false));
        Assert.Contains("✗ the ideal list is cut at k too", wholeIdeal.ToString());
        var nan = Exercise.Evaluate("00.ndcg-at-k", (double[] g, int k) => Ndcg(g, k) is var v && g.All(x => x == 0) ? double.NaN : v);
        Assert.Contains("✗ nothing relevant gives 0, not NaN", nan.ToString());
    }

    [Fact]
    public void PrecisionAtK()
    {
        Func<IReadOnlyList<int>, IReadOnlySet<int>, int, double> right = (ranked, relevant, k) =>
            ranked.Take(k).Count(relevant.Contains) / (double)k;
        Func<IReadOnlyList<int>, IReadOnlySet<int>, int, double> dividesByLength = (ranked, relevant, k) =>
            ranked.Take(k).Count(relevant.Contains) / (double)Math.Min(k, ranked.Count);
        Assert.True(Exercise.Evaluate("00.precision-at-k", right).Succeeded);
        var wrong = Exercise.Evaluate("00.precision-at-k", dividesByLength);
        Assert.False(wrong.Succeeded);
        Assert.Contains("hint: Missing slots count as not relevant", wrong.ToString());
    }

    [Fact]
    public void Psi()
    {
        Func<double[], double[], double> right = (r, c) => r.Zip(c, (a, b) => (Math.Max(b, 1e-4) - Math.Max(a, 1e-4)) * Math.Log(Math.Max(b, 1e-4) / Math.Max(a, 1e-4))).Sum();
        Func<double[], double[], double> noFloor = (r, c) => r.Zip(c, (a, b) => (b - a) * Math.Log(b / a)).Sum();
        Assert.True(Exercise.Evaluate("00.psi", right).Succeeded);
        Assert.Equal(3, Exercise.Evaluate("00.psi", noFloor).Passed); // the empty bin gives infinity
    }

    [Fact]
    public void ChooseServingPlan()
    {
        Func<IReadOnlyList<ServingPlan>, double, int> right = (plans, max) => Enumerable.Range(0, plans.Count)
            .Where(i => plans[i].StalenessHours <= max)
            .OrderBy(i => plans[i].DollarsPerDay).ThenBy(i => plans[i].StalenessHours).DefaultIfEmpty(-1).First();
        Assert.True(Exercise.Evaluate("00.choose-serving-plan", right).Succeeded);

        // Always online: fresh but never the cheapest choice when staleness is allowed.
        var alwaysOnline = Exercise.Evaluate("00.choose-serving-plan", (IReadOnlyList<ServingPlan> p, double _) => p.Count - 1);
        Assert.Contains("✗ a day-old answer is acceptable", alwaysOnline.ToString());
        // Cheapest regardless of the limit ignores the requirement.
        var ignoresLimit = Exercise.Evaluate("00.choose-serving-plan", (IReadOnlyList<ServingPlan> p, double _) =>
            Enumerable.Range(0, p.Count).MinBy(i => p[i].DollarsPerDay));
        Assert.Contains("✗ answers at most an hour old", ignoresLimit.ToString());
        Assert.Contains("✗ nothing fits", ignoresLimit.ToString());
        // Cost ties broken towards the staler plan.
        var stalerOnTie = Exercise.Evaluate("00.choose-serving-plan", (IReadOnlyList<ServingPlan> plans, double max) =>
            Enumerable.Range(0, plans.Count).Where(i => plans[i].StalenessHours <= max)
                .OrderBy(i => plans[i].DollarsPerDay).ThenByDescending(i => plans[i].StalenessHours).DefaultIfEmpty(-1).First());
        Assert.Equal(4, stalerOnTie.Passed);
        Assert.Contains("✗ a cost tie goes to the fresher plan", stalerOnTie.ToString());
    }

    [Fact]
    public void PredictQuarterTest()
    {
        // Theory: a quarter of the users per arm makes the interval √4 = 2 times wider (up to the sampled rates).
        double measured = ExerciseCatalog.QuarterTestWidthRatio();
        Assert.InRange(measured, 1.8, 2.2);
        Assert.True(Exercise.Evaluate("00.predict-quarter-test", () => (1.85, 2.15)).Succeeded);

        var linear = Exercise.Evaluate("00.predict-quarter-test", () => (3.6, 4.4));   // "4× fewer users, 4× wider"
        Assert.Equal(2, linear.Passed);
        Assert.Contains("✗ it holds the measured ratio", linear.ToString());
        Assert.Contains("widened less than you predicted", linear.ToString());
        Assert.Contains("hint: The half-width is z·√", linear.ToString());
        var unchanged = Exercise.Evaluate("00.predict-quarter-test", () => (0.9, 1.1));
        Assert.Contains("widened more than you predicted", unchanged.ToString());
        var hedge = Exercise.Evaluate("00.predict-quarter-test", () => (0.5, 10.0));
        Assert.Contains("✗ a prediction, not a hedge", hedge.ToString());
        Assert.False(Exercise.Evaluate("00.predict-quarter-test", () => (2.1, 1.9)).Succeeded);   // not a range
    }
}
