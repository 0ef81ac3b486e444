using Mlsd.Exercises;
using Mlsd.Metrics;

namespace Mlsd.Tests.Exercises;

/// <summary>Notebook 08's exercises: a correct answer passes every public check, a typical mistake does not.</summary>
public sealed class Catalog08Tests
{
    private static double Dot(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();

    [Fact]
    public void NegativeSamplingLoss()
    {
        Func<float[], float[], float[][], double> right = (c, o, neg) =>
            Math.Log(1 + Math.Exp(-Dot(c, o))) + neg.Sum(n => Math.Log(1 + Math.Exp(Dot(c, n))));
        Func<float[], float[], float[][], double> signFlipped = (c, o, neg) =>
            Math.Log(1 + Math.Exp(-Dot(c, o))) + neg.Sum(n => Math.Log(1 + Math.Exp(-Dot(c, n))));
        Func<float[], float[], float[][], double> positiveOnly = (c, o, neg) => Math.Log(1 + Math.Exp(-Dot(c, o)));
        Assert.True(Exercise.Evaluate("08.sgns-loss", right).Succeeded);
        Assert.Contains("✗ two negatives", Exercise.Evaluate("08.sgns-loss", signFlipped).ToString());
        Assert.Contains("✗ one negative", Exercise.Evaluate("08.sgns-loss", positiveOnly).ToString());
    }

    [Fact]
    public void CoVisits()
    {
        Func<int[][], int, int, int, int> right = (sessions, a, b, w) => sessions.Count(s =>
            Enumerable.Range(0, s.Length).Any(i => s[i] == a && Enumerable.Range(0, s.Length).Any(j => s[j] == b && Math.Abs(i - j) <= w)));
        Func<int[][], int, int, int, int> everyOccurrence = (sessions, a, b, w) => sessions.Sum(s =>
            Enumerable.Range(0, s.Length).Sum(i => s[i] != a ? 0 : Enumerable.Range(0, s.Length).Count(j => s[j] == b && Math.Abs(i - j) <= w)));
        Func<int[][], int, int, int, int> onlyForward = (sessions, a, b, w) => sessions.Count(s =>
            Enumerable.Range(0, s.Length).Any(i => s[i] == a && Enumerable.Range(i + 1, Math.Max(0, Math.Min(w, s.Length - i - 1))).Any(j => s[j] == b)));
        Assert.True(Exercise.Evaluate("08.co-visits", right).Succeeded);
        Assert.Contains("✗ a session counts once", Exercise.Evaluate("08.co-visits", everyOccurrence).ToString());
        Assert.Contains("✗ order does not matter", Exercise.Evaluate("08.co-visits", onlyForward).ToString());
    }

    [Fact]
    public void AnnCandidates()
    {
        Func<IReadOnlyList<(int Candidates, double FullShare, double P99Ms)>, double, double, int> right = (sweep, min, max) =>
            sweep.Where(p => p.FullShare >= min && p.P99Ms <= max).Select(p => p.Candidates).DefaultIfEmpty(-1).Min();
        Func<IReadOnlyList<(int Candidates, double FullShare, double P99Ms)>, double, double, int> ignoresLatency = (sweep, min, max) =>
            sweep.Where(p => p.FullShare >= min).Select(p => p.Candidates).DefaultIfEmpty(-1).Min();
        Func<IReadOnlyList<(int Candidates, double FullShare, double P99Ms)>, double, double, int> strict = (sweep, min, max) =>
            sweep.Where(p => p.FullShare > min && p.P99Ms < max).Select(p => p.Candidates).DefaultIfEmpty(-1).Min();
        Func<IReadOnlyList<(int Candidates, double FullShare, double P99Ms)>, double, double, int> firstThatFits = (sweep, min, max) =>
            sweep.Where(p => p.FullShare >= min && p.P99Ms <= max).Select(p => p.Candidates).DefaultIfEmpty(-1).First();
        Assert.True(Exercise.Evaluate("08.ann-candidates", right).Succeeded);
        Assert.Contains("✗ latency rules out the fullest", Exercise.Evaluate("08.ann-candidates", ignoresLatency).ToString());
        Assert.Contains("✗ limits are inclusive", Exercise.Evaluate("08.ann-candidates", strict).ToString());
        Assert.Contains("✗ sweep in any order", Exercise.Evaluate("08.ann-candidates", firstThatFits).ToString());
    }

    [Fact]
    public void PredictionIsComparedWithTheRun()
    {
        var worse = new MetricDifference("hit@10", 0.32, 0.25, -0.1, -0.04, 0.95, HigherIsBetter: true);
        Assert.True(Exercise.Evaluate("08.predict-dimension", () => ("worse", worse)).Succeeded);
        Assert.Contains("✗ the prediction matches the run", Exercise.Evaluate("08.predict-dimension", () => ("tie", worse)).ToString());
        Assert.Contains("✗ a prediction was recorded", Exercise.Evaluate("08.predict-dimension", () => ("lower", worse)).ToString());
    }
}
