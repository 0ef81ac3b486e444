using Mlsd.Exercises;
using Mlsd.Retrieval;

namespace Mlsd.Tests.Exercises;

/// <summary>Notebook 05's exercises: a correct answer passes every public check, a typical mistake does not.</summary>
public class Catalog05Tests
{
    private static double Ap(IReadOnlyList<int> ranked, IReadOnlySet<int> relevant, int k, bool divideByHits)
    {
        int hits = 0;
        double sum = 0;
        for (int i = 0; i < Math.Min(k, ranked.Count); i++)
            if (relevant.Contains(ranked[i])) sum += ++hits / (i + 1.0);
        return divideByHits ? (hits == 0 ? 0 : sum / hits) : sum / Math.Min(k, relevant.Count);
    }

    [Fact]
    public void MapAtK()
    {
        Func<IReadOnlyList<IReadOnlyList<int>>, IReadOnlyList<IReadOnlySet<int>>, int, double> right = (ranked, relevant, k) =>
            Enumerable.Range(0, ranked.Count).Where(u => relevant[u].Count > 0).Average(u => Ap(ranked[u], relevant[u], k, false));
        Func<IReadOnlyList<IReadOnlyList<int>>, IReadOnlyList<IReadOnlySet<int>>, int, double> dividesByHits = (ranked, relevant, k) =>
            Enumerable.Range(0, ranked.Count).Where(u => relevant[u].Count > 0).Average(u => Ap(ranked[u], relevant[u], k, true));
        Func<IReadOnlyList<IReadOnlyList<int>>, IReadOnlyList<IReadOnlySet<int>>, int, double> countsEmptyUsers = (ranked, relevant, k) =>
            Enumerable.Range(0, ranked.Count).Average(u => relevant[u].Count == 0 ? 0 : Ap(ranked[u], relevant[u], k, false));
        Assert.True(Exercise.Evaluate("05.map-at-k", right).Succeeded);
        var hitsReport = Exercise.Evaluate("05.map-at-k", dividesByHits);
        Assert.False(hitsReport.Succeeded);
        Assert.Contains("hint: Average the precision at each rank", hitsReport.ToString());
        var emptyReport = Exercise.Evaluate("05.map-at-k", countsEmptyUsers);
        Assert.Equal(5, emptyReport.Passed);   // only the empty-user case fails
        Assert.Contains("✗ users with nothing relevant are skipped", emptyReport.ToString());
    }

    /// <summary>Solves the k×k normal equations by Gaussian elimination (independent of the library's Cholesky).</summary>
    private static double[] WalsStep(double[][] v, int[] observed, double w, double lambda, bool correction)
    {
        int k = v[0].Length;
        var a = new double[k, k + 1];
        foreach (var row in v)
            for (int p = 0; p < k; p++)
                for (int q = 0; q < k; q++) a[p, q] += w * row[p] * row[q];
        foreach (int i in observed)
            for (int p = 0; p < k; p++)
            {
                for (int q = 0; q < k; q++) a[p, q] += (correction ? 1 - w : 0) * v[i][p] * v[i][q];
                a[p, k] += v[i][p];
            }
        for (int p = 0; p < k; p++) a[p, p] += lambda;
        for (int c = 0; c < k; c++)
            for (int r = c + 1; r < k; r++)
            {
                double m = a[r, c] / a[c, c];
                for (int q = c; q <= k; q++) a[r, q] -= m * a[c, q];
            }
        var x = new double[k];
        for (int r = k - 1; r >= 0; r--)
        {
            double s = a[r, k];
            for (int q = r + 1; q < k; q++) s -= a[r, q] * x[q];
            x[r] = s / a[r, r];
        }
        return x;
    }

    [Fact]
    public void WalsUserStep()
    {
        Assert.True(Exercise.Evaluate("05.wals-user-step", (double[][] v, int[] o, double w, double l) => WalsStep(v, o, w, l, true)).Succeeded);
        // Forgetting the (1 − W) correction on observed cells gets only the cases where it cannot matter.
        var wrong = Exercise.Evaluate("05.wals-user-step", (double[][] v, int[] o, double w, double l) => WalsStep(v, o, w, l, false));
        Assert.Equal(1, wrong.Passed);   // the no-interaction case
    }

    [Fact]
    public void EfSearchForBudget()
    {
        Func<IReadOnlyList<AnnBenchmarkPoint>, double, int> right = (sweep, budget) =>
            sweep.Where(p => p.P99LatencyMicroseconds <= budget).OrderByDescending(p => p.RecallAtK).ThenBy(p => p.Value).Select(p => p.Value).DefaultIfEmpty(-1).First();
        Func<IReadOnlyList<AnnBenchmarkPoint>, double, int> stopsAtFirstOverBudget = (sweep, budget) =>
            sweep.TakeWhile(p => p.P99LatencyMicroseconds <= budget).Select(p => p.Value).DefaultIfEmpty(-1).Last();
        Assert.True(Exercise.Evaluate("05.ef-search-for-budget", right).Succeeded);
        var wrong = Exercise.Evaluate("05.ef-search-for-budget", stopsAtFirstOverBudget);
        Assert.False(wrong.Succeeded);
        Assert.Contains("✗ latency is not monotone", wrong.ToString());
        Assert.Contains("✗ a recall tie goes to the cheaper setting", wrong.ToString());
    }

    [Fact]
    public void CapPerCategory()
    {
        Func<IReadOnlyList<int>, Func<int, int>, int, int, int[]> right = (ranked, category, max, k) =>
        {
            var page = new List<int>();
            var skipped = new List<int>();
            var counts = new Dictionary<int, int>();
            foreach (int item in ranked)
            {
                if (page.Count == k) break;
                int c = category(item);
                if (counts.GetValueOrDefault(c) < max) { page.Add(item); counts[c] = counts.GetValueOrDefault(c) + 1; }
                else skipped.Add(item);
            }
            page.AddRange(skipped.Take(k - page.Count));
            return [.. page];
        };
        Func<IReadOnlyList<int>, Func<int, int>, int, int, int[]> noFill = (ranked, category, max, k) =>
            ranked.GroupBy(category).SelectMany(g => g.Take(max)).OrderBy(i => ranked.ToList().IndexOf(i)).Take(k).ToArray();
        Assert.True(Exercise.Evaluate("05.cap-per-category", right).Succeeded);
        var wrong = Exercise.Evaluate("05.cap-per-category", noFill);
        Assert.False(wrong.Succeeded);
        Assert.Contains("hint: If the page still has room", wrong.ToString());
    }
}
