namespace Mlsd.Exercises;

internal static partial class ExerciseCatalog
{
    /// <summary>Notebook 08 · Similar listings.</summary>
    private static void Register08()
    {
        Exercise.Define(ExerciseDefinition.Of<Func<float[], float[], float[][], double>>(
            "08.sgns-loss", "(float[] center, float[] context, float[][] negatives) → double",
            // By hand (ln(1 + e^−z) = −log σ(z)): center·context = 1 → ln(1 + e^−1) = 0.3132616876;
            // center·negative = 0 → ln 2 = 0.6931471806; sum 1.0064088681.
            ("one negative", f => Expect.Close(f([1, 0], [1, 0], [[0, 1]]), 1.0064088681),
                "Add −log σ(center · context) and −log σ(−center · negative) for every negative."),
            ("no negatives", f => Expect.Close(f([0.5f, -1], [2, 1], []), 0.6931471806),
                "With no negatives only the positive term remains; a dot product of 0 gives ln 2."),
            // center·context = 1.5 → ln(1 + e^−1.5) = 0.2014132779; two negatives with dot 1 → 2 ln(1 + e) = 2.6265233751.
            ("two negatives", f => Expect.Close(f([1, 2], [0.5f, 0.5f], [[1, 0], [-1, 1]]), 2.8279366530),
                "A negative with a positive dot product costs more than ln 2: the model should push it away."),
            ("random vectors", f => RandomLossCases(f), null)));

        Exercise.Define(ExerciseDefinition.Of<Func<int[][], int, int, int, int>>(
            "08.co-visits", "(int[][] sessions, int a, int b, int window) → int",
            // By hand on ToySessions: (0, 1) are adjacent in sessions 0 and 1; in session 3 they are 3 apart.
            ("adjacent pairs", f => Expect.Close(f(ToySessions, 0, 1, 1), 2),
                "Count the sessions in which a and b occur at most window positions apart."),
            ("a wider window", f => Expect.Close(f(ToySessions, 0, 1, 3), 3), "With window 3, session 3 counts too."),
            ("a session counts once", f => Expect.Close(f([[1, 0, 1, 0]], 0, 1, 1), 1),
                "A pair repeated within one session still adds 1."),
            ("order does not matter", f => Expect.Close(f(ToySessions, 1, 0, 1), 2), "b may come before a."),
            ("too far apart", f => Expect.Close(f(ToySessions, 0, 2, 1), 0), "In session 0, 0 and 2 are two positions apart."),
            ("never together", f => Expect.Close(f(ToySessions, 3, 5, 5), 0), null)));

        Exercise.Define(ExerciseDefinition.Of<Func<IReadOnlyList<(int Candidates, double FullShare, double P99Ms)>, double, double, int>>(
            "08.ann-candidates", "(sweep, double minFullShare, double maxP99Ms) → int",
            ("the fewest that meet both", f => Expect.Close(f(CandidateSweep, 0.99, 1), 25),
                "Keep the settings with FullShare ≥ minFullShare and P99Ms ≤ maxP99Ms; return the smallest Candidates."),
            ("limits are inclusive", f => Expect.Close(f(CandidateSweep, 0.95, 0.2), 12), "A setting exactly at both limits fits."),
            ("latency rules out the fullest", f => Expect.Close(f(CandidateSweep, 0.999, 1), -1),
                "Only 100 candidates fill 99.9 % of carousels, and it misses the latency budget: return −1."),
            ("a looser budget", f => Expect.Close(f(CandidateSweep, 0.999, 5), 100), null),
            ("sweep in any order", f => Expect.Close(f(CandidateSweep.Reverse().ToArray(), 0.99, 1), 25),
                "Do not assume the sweep is sorted.")));

        Exercise.Define(ExerciseDefinition.PredictVerdict("08.predict-dimension",
            "A listing's vector must place it by region, neighbourhood, price band and style at once; with four numbers " +
            "the model cannot keep all of them apart, while sixteen leave room. Read the interval: if it excludes 0, its " +
            "sign is the verdict."));
    }

    // 0: [0 1 2] · 1: [1 0 1] · 2: [2 3] · 3: [0 5 5 1]
    private static readonly int[][] ToySessions = [[0, 1, 2], [1, 0, 1], [2, 3], [0, 5, 5, 1]];

    private static readonly (int Candidates, double FullShare, double P99Ms)[] CandidateSweep =
        [(6, 0.0, 0.1), (12, 0.95, 0.2), (25, 0.99, 0.3), (50, 0.998, 0.5), (100, 1.0, 2.0)];

    private static string? RandomLossCases(Func<float[], float[], float[][], double> f)
    {
        var sampler = new Sampler(80);
        for (int trial = 0; trial < 20; trial++)
        {
            int d = sampler.Next(2, 9), n = sampler.Next(0, 6);
            float[] Draw() => Enumerable.Range(0, d).Select(_ => (float)sampler.Normal()).ToArray();
            float[] center = Draw(), context = Draw();
            float[][] negatives = Enumerable.Range(0, n).Select(_ => Draw()).ToArray();
            double Dot(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();
            double expected = Math.Log(1 + Math.Exp(-Dot(center, context)))
                + negatives.Sum(v => Math.Log(1 + Math.Exp(Dot(center, v))));
            if (Expect.Close(f(center, context, negatives), expected) is { } problem)
                return $"with {d}-dimensional vectors and {n} negatives: " + problem;
        }
        return null;
    }
}
