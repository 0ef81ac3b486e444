using Mlsd.Metrics;
using Mlsd.Serving;

namespace Mlsd.Exercises;

internal static partial class ExerciseCatalog
{
    /// <summary>Notebook 10 · People you may know.</summary>
    private static void Register10()
    {
        Exercise.Define(ExerciseDefinition.Of<Func<int[][], int, int, double>>(
            "10.adamic-adar", "(int[][] friends, int u, int v) → double",
            // Values from NetworkX 2.8 adamic_adar_index on the same graph (python3-networkx), and by hand:
            // users 1 and 3 share 0 (3 friends) and 2 (4 friends): 1/ln 3 + 1/ln 4 = 1.6315867471.
            ("two mutual friends", f => Expect.Close(f(Small, 1, 3), 1.6315867471),
                "Sum 1 / ln(number of friends of w) over every w that is a friend of both u and v."),
            ("one mutual friend with many friends", f => Expect.Close(f(Small, 0, 4), 0.7213475204),
                "User 2 has four friends, so it adds 1 / ln 4 — a popular mutual friend counts less."),
            ("no mutual friend", f => Expect.Close(f(Small, 5, 0), 0), "With no friend in common the index is 0."),
            ("friend lists in any order", f => Expect.Close(f(Shuffled, 1, 3), 1.6315867471),
                "Do not assume the friend lists are sorted."),
            ("random graphs", f => RandomAdamicAdarCases(f), null)));

        Exercise.Define(ExerciseDefinition.Of<Func<int[][], (int U, int V)[], double>>(
            "10.fof-share", "(int[][] friends, (int U, int V)[] newEdges) → double",
            // By hand on the small graph: (1, 3) share 0 and 2; (0, 4) share 2; (4, 5) share nobody;
            // (7, 0): 7 has no friends. 2 of 4 → 0.5.
            ("four new edges", f => Expect.Close(f(Small, [(1, 3), (0, 4), (4, 5), (7, 0)]), 0.5),
                "Count the new edges whose two ends had at least one friend in common, over all new edges."),
            ("a newcomer is never at distance two", f => Expect.Close(f(Small, [(7, 0), (7, 2)]), 0),
                "A user with no friends shares no friend with anybody."),
            ("order of the pair does not matter", f => Expect.Close(f(Small, [(3, 1), (4, 0)]), 1),
                "(3, 1) is the same pair as (1, 3)."),
            ("friend lists in any order", f => Expect.Close(f(Shuffled, [(1, 3), (4, 5)]), 0.5), null)));

        Exercise.Define(ExerciseDefinition.Of<Func<IReadOnlyList<RefreshPlan>, double, int>>(
            "10.refresh-plan", "(IReadOnlyList<RefreshPlan> plans, double maxListsPerWeek) → int",
            ("the freshest plan within the budget", f => Expect.Close(f(Plans, 2_000), 2),
                "Keep the plans with ListsPerWeek ≤ budget, then take the highest FreshVisitShare."),
            ("the budget is inclusive", f => Expect.Close(f(Plans, 1_000), 0), "A plan that costs exactly the budget fits."),
            ("equal freshness: the cheaper", f => Expect.Close(f(Plans, 10_000), 4),
                "Two plans give every visit a fresh list; among them return the one that computes fewer lists."),
            ("nothing fits", f => Expect.Close(f(Plans, 500), -1), "Return −1 when no plan fits the budget."),
            ("no plans", f => Expect.Close(f([], 1_000), -1), null)));

        Exercise.Define(ExerciseDefinition.PredictVerdict("10.predict-no-profile",
            "In this world a shared school, company or city raises the chance of a friendship on its own, " +
            "and the graph features only partly reveal it: schoolmates share friends, but not all of them " +
            "do yet. Read the interval: if it excludes 0, its sign is the verdict."));
    }

    // 0: 1 2 3 · 1: 0 2 · 2: 0 1 3 4 · 3: 0 2 · 4: 2 · 5: 6 · 6: 5 · 7: nobody
    private static readonly int[][] Small = [[1, 2, 3], [0, 2], [0, 1, 3, 4], [0, 2], [2], [6], [5], []];

    private static readonly int[][] Shuffled = [[3, 1, 2], [2, 0], [4, 1, 3, 0], [2, 0], [2], [6], [5], []];

    /// <summary>Five plans; hand-checked answers for each budget are in the cases.</summary>
    private static readonly RefreshPlan[] Plans =
    [
        new("everyone, weekly", 1_000, 0.90),
        new("everyone, daily", 7_000, 1.00),
        new("active weekly + new daily", 1_800, 0.97),
        new("active weekly", 700, 0.85),
        new("active daily + new daily", 5_000, 1.00),      // as fresh as the daily plan, cheaper
    ];

    private static string? RandomAdamicAdarCases(Func<int[][], int, int, double> f)
    {
        var sampler = new Sampler(110);
        for (int trial = 0; trial < 20; trial++)
        {
            int n = sampler.Next(4, 15);
            var sets = Enumerable.Range(0, n).Select(_ => new HashSet<int>()).ToArray();
            for (int e = sampler.Next(n, 3 * n); e > 0; e--)
            {
                int a = sampler.Next(n), b = sampler.Next(n);
                if (a == b) continue;
                sets[a].Add(b);
                sets[b].Add(a);
            }
            int[][] friends = sets.Select(s => s.ToArray()).ToArray();
            int u = sampler.Next(n), v = (u + 1 + sampler.Next(n - 1)) % n;
            double expected = sets[u].Intersect(sets[v]).Sum(w => 1 / Math.Log(sets[w].Count));
            if (Expect.Close(f(friends, u, v), expected) is { } problem)
                return $"on a random graph of {n} users, pair ({u}, {v}): " + problem;
        }
        return null;
    }
}
