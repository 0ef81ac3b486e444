using Mlsd.Exercises;
using Mlsd.Metrics;

namespace Mlsd.Tests.Exercises;

/// <summary>Notebook 03's exercises: a correct answer passes every public check, a typical mistake does not.</summary>
public sealed class Catalog03Tests
{
    private static double Bm25(string[][] corpus, string[] query, int doc, bool distinct = true, double b = 0.75)
    {
        double avg = corpus.Average(d => d.Length), score = 0;
        foreach (var term in distinct ? query.Distinct() : query)
        {
            int n = corpus.Count(d => d.Contains(term));
            double tf = corpus[doc].Count(t => t == term);
            score += Math.Log(1 + (corpus.Length - n + 0.5) / (n + 0.5)) * tf * 2.2 / (tf + 1.2 * (1 - b + b * corpus[doc].Length / avg));
        }
        return score;
    }

    [Fact]
    public void Bm25Query()
    {
        Assert.True(Exercise.Evaluate("03.bm25-query", (Func<string[][], string[], int, double>)((c, q, d) => Bm25(c, q, d))).Succeeded);
        Func<string[][], string[], int, double> repeats = (c, q, d) => Bm25(c, q, d, distinct: false);
        Func<string[][], string[], int, double> noLength = (c, q, d) => Bm25(c, q, d, b: 0);
        Assert.Contains("✗ a repeated query term counts once", Exercise.Evaluate("03.bm25-query", repeats).ToString());
        Assert.Contains("✗ one term", Exercise.Evaluate("03.bm25-query", noLength).ToString());
    }

    [Fact]
    public void MrrAtK()
    {
        Func<IReadOnlyList<int[]>, int[], int, double> right = (pages, rel, k) =>
            pages.Select((p, q) => Array.IndexOf(p, rel[q]) is var i && i >= 0 && i < k ? 1.0 / (i + 1) : 0).Average();
        Func<IReadOnlyList<int[]>, int[], int, double> noCutOff = (pages, rel, k) =>
            pages.Select((p, q) => Array.IndexOf(p, rel[q]) is var i && i >= 0 ? 1.0 / (i + 1) : 0).Average();
        Func<IReadOnlyList<int[]>, int[], int, double> zeroBased = (pages, rel, k) =>
            pages.Select((p, q) => Array.IndexOf(p, rel[q]) is var i && i >= 0 && i < k ? 1.0 / Math.Max(i, 1) : 0).Average();
        Assert.True(Exercise.Evaluate("03.mrr-at-k", right).Succeeded);
        Assert.Contains("✗ the cut-off", Exercise.Evaluate("03.mrr-at-k", noCutOff).ToString());
        Assert.Contains("✗ three queries", Exercise.Evaluate("03.mrr-at-k", zeroBased).ToString());
    }

    [Fact]
    public void HashCollisions()
    {
        Func<int, int, double> right = (v, b) => 1 - Math.Pow(1 - 1.0 / b, v - 1);
        Func<int, int, double> allWords = (v, b) => 1 - Math.Pow(1 - 1.0 / b, v);          // counts the word itself
        Func<int, int, double> pairsOverBuckets = (v, b) => Math.Min(1, (v - 1.0) / b);     // first-order only
        Assert.True(Exercise.Evaluate("03.hash-collisions", right).Succeeded);
        Assert.Contains("✗ two words, two buckets", Exercise.Evaluate("03.hash-collisions", allWords).ToString());
        Assert.Contains("✗ three words, four buckets", Exercise.Evaluate("03.hash-collisions", pairsOverBuckets).ToString());
    }

    [Fact]
    public void FusionWeight()
    {
        Func<IReadOnlyList<(double Weight, double Mrr)>, double, double> right = (s, tol) =>
            s.Where(p => p.Mrr >= s.Max(x => x.Mrr) - tol).Max(p => p.Weight);
        Func<IReadOnlyList<(double Weight, double Mrr)>, double, double> best = (s, tol) => s.MaxBy(p => p.Mrr).Weight;
        Func<IReadOnlyList<(double Weight, double Mrr)>, double, double> strict = (s, tol) =>
            s.Where(p => p.Mrr > s.Max(x => x.Mrr) - tol).Max(p => p.Weight);
        Func<IReadOnlyList<(double Weight, double Mrr)>, double, double> lastThatFits = (s, tol) =>
            s.Where(p => p.Mrr >= s.Max(x => x.Mrr) - tol).Last().Weight;
        Assert.True(Exercise.Evaluate("03.fusion-weight", right).Succeeded);
        Assert.Contains("✗ within the tolerance", Exercise.Evaluate("03.fusion-weight", best).ToString());
        Assert.Contains("✗ no tolerance", Exercise.Evaluate("03.fusion-weight", strict).ToString());
        Assert.Contains("✗ sweep in any order", Exercise.Evaluate("03.fusion-weight", lastThatFits).ToString());
    }

    [Fact]
    public void PredictionIsComparedWithTheRun()
    {
        var tie = new MetricDifference("MRR@10", 0.27, 0.26, -0.03, 0.01, 0.95, HigherIsBetter: true);
        Assert.True(Exercise.Evaluate("03.predict-length-normalisation", () => ("tie", tie)).Succeeded);
        Assert.Contains("✗ the prediction matches the run",
            Exercise.Evaluate("03.predict-length-normalisation", () => ("worse", tie)).ToString());
        Assert.Contains("✗ a prediction was recorded",
            Exercise.Evaluate("03.predict-length-normalisation", () => ("lower", tie)).ToString());
    }
}
