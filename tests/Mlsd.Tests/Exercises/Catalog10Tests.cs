using Mlsd.Exercises;
using Mlsd.Metrics;
using Mlsd.Serving;

namespace Mlsd.Tests.Exercises;

/// <summary>Notebook 10's exercises: a correct answer passes every public check, a typical mistake does not.</summary>
public sealed class Catalog10Tests
{
    [Fact]
    public void AdamicAdar()
    {
        Func<int[][], int, int, double> right = (f, u, v) =>
            f[u].Intersect(f[v]).Sum(w => 1 / Math.Log(f[w].Length));
        Func<int[][], int, int, double> log10 = (f, u, v) =>
            f[u].Intersect(f[v]).Sum(w => 1 / Math.Log10(f[w].Length));
        Func<int[][], int, int, double> countOnly = (f, u, v) => f[u].Intersect(f[v]).Count();
        Assert.True(Exercise.Evaluate("10.adamic-adar", right).Succeeded);
        Assert.Contains("✗ two mutual friends", Exercise.Evaluate("10.adamic-adar", log10).ToString());
        Assert.Contains("✗ one mutual friend with many friends", Exercise.Evaluate("10.adamic-adar", countOnly).ToString());
    }

    [Fact]
    public void FriendOfFriendShare()
    {
        Func<int[][], (int U, int V)[], double> right = (f, edges) =>
            edges.Average(e => f[e.U].Intersect(f[e.V]).Any() ? 1.0 : 0.0);
        Func<int[][], (int U, int V)[], double> skipsNewcomers = (f, edges) =>
            edges.Where(e => f[e.U].Length > 0 && f[e.V].Length > 0).Average(e => f[e.U].Intersect(f[e.V]).Any() ? 1.0 : 0.0);
        Assert.True(Exercise.Evaluate("10.fof-share", right).Succeeded);
        Assert.Contains("✗ four new edges", Exercise.Evaluate("10.fof-share", skipsNewcomers).ToString());
    }

    [Fact]
    public void RefreshPlan()
    {
        Func<IReadOnlyList<RefreshPlan>, double, int> right = (plans, budget) =>
        {
            int best = -1;
            for (int i = 0; i < plans.Count; i++)
                if (plans[i].ListsPerWeek <= budget && (best < 0 || plans[i].FreshVisitShare > plans[best].FreshVisitShare
                    || (plans[i].FreshVisitShare == plans[best].FreshVisitShare && plans[i].ListsPerWeek < plans[best].ListsPerWeek)))
                    best = i;
            return best;
        };
        Func<IReadOnlyList<RefreshPlan>, double, int> firstFreshest = (plans, budget) =>
        {
            int best = -1;
            for (int i = 0; i < plans.Count; i++)
                if (plans[i].ListsPerWeek <= budget && (best < 0 || plans[i].FreshVisitShare > plans[best].FreshVisitShare)) best = i;
            return best;
        };
        Func<IReadOnlyList<RefreshPlan>, double, int> strictBudget = (plans, budget) =>
            right(plans.Select(p => p with { ListsPerWeek = p.ListsPerWeek == budget ? budget + 1 : p.ListsPerWeek }).ToArray(), budget);
        Assert.True(Exercise.Evaluate("10.refresh-plan", right).Succeeded);
        Assert.Contains("✗ equal freshness: the cheaper", Exercise.Evaluate("10.refresh-plan", firstFreshest).ToString());
        Assert.Contains("✗ the budget is inclusive", Exercise.Evaluate("10.refresh-plan", strictBudget).ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => new RefreshPlan("bad", 10, 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RefreshPlan("bad", -1, 0.5));
    }

    [Fact]
    public void PredictionIsComparedWithTheRun()
    {
        var worse = new MetricDifference("ROC-AUC", 0.75, 0.72, -0.045, -0.02, 0.95, HigherIsBetter: true);
        Assert.True(Exercise.Evaluate("10.predict-no-profile", () => ("worse", worse)).Succeeded);
        Assert.Contains("✗ the prediction matches the run", Exercise.Evaluate("10.predict-no-profile", () => ("tie", worse)).ToString());
        Assert.Contains("✗ a prediction was recorded", Exercise.Evaluate("10.predict-no-profile", () => ("lower", worse)).ToString());
    }
}
