namespace Mlsd.Exercises;

internal static partial class ExerciseCatalog
{
    /// <summary>Notebook 03 · Video search.</summary>
    private static void Register03()
    {
        Exercise.Define(ExerciseDefinition.Of<Func<string[][], string[], int, double>>(
            "03.bm25-query", "(string[][] corpus, string[] query, int doc) → double",
            // By hand on ToyCorpus (N = 3, lengths 3, 1, 2, avgdl = 2; k1 = 1.2, b = 0.75):
            // "sea" (n = 1): idf = ln(1 + 2.5/1.5) = ln(8/3) = 0.9808292530; in d0 tf = 2, |d|/avgdl = 1.5,
            // 2 · 2.2 / (2 + 1.2 · (0.25 + 1.125)) = 4.4 / 3.65 = 1.2054794521 → 1.1823695105.
            ("one term", f => Expect.Close(f(ToyCorpus, ["sea"], 0), 1.1823695105),
                "idf · tf · (k1 + 1) / (tf + k1 · (1 − b + b · |d| / avgdl)), with idf = ln(1 + (N − n + 0.5)/(n + 0.5))."),
            // "boat" (n = 2): idf = ln 1.6 = 0.4700036292; in d0 tf = 1: 2.2 / 2.65 = 0.8301886792 → 0.3901916922;
            // sum with "sea" 1.5725612027.
            ("two terms add up", f => Expect.Close(f(ToyCorpus, ["sea", "boat"], 0), 1.5725612027),
                "Sum the term scores over the query's terms."),
            // d1 has length 1: 2.2 / (1 + 1.2 · (0.25 + 0.375)) = 2.2 / 1.75 = 1.2571428571 → 0.5908617054.
            ("a short document", f => Expect.Close(f(ToyCorpus, ["boat"], 1), 0.5908617054),
                "A document shorter than average is discounted less: b · |d| / avgdl is small."),
            ("a repeated query term counts once", f => Expect.Close(f(ToyCorpus, ["sea", "boat", "sea"], 0), 1.5725612027),
                "Take the query's distinct terms: repeating a word in the query does not repeat its score."),
            ("no shared term", f => Expect.Close(f(ToyCorpus, ["night"], 0), 0), null)));

        Exercise.Define(ExerciseDefinition.Of<Func<IReadOnlyList<int[]>, int[], int, double>>(
            "03.mrr-at-k", "(IReadOnlyList<int[]> pages, int[] relevant, int k) → double",
            // By hand: relevant 1 is 2nd on page 0, 7 is 3rd on page 1, 4 is missing: (1/2 + 1/3 + 0) / 3 = 0.2777…
            ("three queries", f => Expect.Close(f(ToyPages, [1, 7, 4], 10), 5.0 / 18),
                "Average 1/position of the relevant video over queries; 0 when it is not on the page."),
            ("the cut-off", f => Expect.Close(f(ToyPages, [1, 7, 4], 2), 1.0 / 6),
                "Only the first k results count: with k = 2 the video at position 3 scores 0."),
            ("first place", f => Expect.Close(f(ToyPages, [3, 5, 9], 1), 1),
                "Positions are 1-based: the top result scores 1."),
            ("nothing found", f => Expect.Close(f(ToyPages, [0, 0, 0], 10), 0), null)));

        Exercise.Define(ExerciseDefinition.Of<Func<int, int, double>>(
            "03.hash-collisions", "(int vocabulary, int buckets) → double",
            // By hand: a word is alone when each of the V − 1 others misses its bucket, (1 − 1/B)^(V − 1).
            // V = 2, B = 2: the other word hits the same bucket half the time → 0.5.
            ("two words, two buckets", f => Expect.Close(f(2, 2), 0.5),
                "A word collides unless every other word misses its bucket: 1 − (1 − 1/B)^(V − 1)."),
            // V = 3, B = 4: 1 − (3/4)² = 0.4375.
            ("three words, four buckets", f => Expect.Close(f(3, 4), 0.4375),
                "There are V − 1 other words, each missing the bucket with probability 1 − 1/B."),
            ("one word", f => Expect.Close(f(1, 10), 0), "A single word has nothing to collide with."),
            // V = B = 1000: 1 − 0.999^999 = 0.6319365117 (≈ 1 − 1/e).
            ("as many buckets as words", f => Expect.Close(f(1000, 1000), 0.6319365117, 1e-9), null)));

        Exercise.Define(ExerciseDefinition.Of<Func<IReadOnlyList<(double Weight, double Mrr)>, double, double>>(
            "03.fusion-weight", "(IReadOnlyList<(double Weight, double Mrr)> sweep, double tolerance) → double",
            ("within the tolerance", f => Expect.Close(f(WeightSweep, 0.0625), 0.75),
                "Keep the weights whose MRR is at least best − tolerance, and return the largest of them."),
            ("no tolerance", f => Expect.Close(f(WeightSweep, 0), 0.5), "With tolerance 0 only the best weight qualifies."),
            ("a loose tolerance", f => Expect.Close(f(WeightSweep, 0.25), 1),
                "The limit is inclusive: MRR exactly best − tolerance qualifies."),
            ("sweep in any order", f => Expect.Close(f(WeightSweep.Reverse().ToArray(), 0.0625), 0.75),
                "Do not assume the sweep is sorted.")));

        Exercise.Define(ExerciseDefinition.PredictVerdict("03.predict-length-normalisation",
            "b decides how much a long document is discounted. Titles are short and alike in length, but the medium " +
            "strings beside them are long and vary a lot; with b = 0 a match in a long record counts as much as one in " +
            "a short record. Read the interval: if it excludes 0, its sign is the verdict."));
    }

    // d0 = [sea boat sea] · d1 = [boat] · d2 = [night street]
    private static readonly string[][] ToyCorpus = [["sea", "boat", "sea"], ["boat"], ["night", "street"]];

    private static readonly int[][] ToyPages = [[3, 1, 2], [5, 6, 7], [9, 8]];

    private static readonly (double Weight, double Mrr)[] WeightSweep =
        [(0, 0.125), (0.25, 0.375), (0.5, 0.5), (0.75, 0.4375), (1, 0.25)];
}
