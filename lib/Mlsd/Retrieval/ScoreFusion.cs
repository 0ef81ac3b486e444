using System.Runtime.CompilerServices;

namespace Mlsd.Retrieval;

/// <summary>
/// Late fusion of two retrievers' scores over the same catalogue: a text score (BM25, unbounded) and a content
/// score (cosine, in [−1, 1]) brought to comparable ranges and added with a weight tuned on validation queries.
/// </summary>
/// <remarks>
/// BM25 scores depend on the query (more and rarer terms give larger sums), so they are divided by the query's best
/// score first (<see cref="MaxNormalized"/>): the top text hit gets 1, a video sharing no term gets 0. The fused
/// score is w · text + (1 − w) · content (<see cref="WeightedSum"/>). Reciprocal-rank fusion (Cormack, Clarke &amp;
/// Büttcher, SIGIR 2009) is the common alternative when scores cannot be calibrated at all; a weighted sum keeps how
/// sure each side is.
/// </remarks>
/// <example>text [2, 1, 0] → [1, 0.5, 0]; with content [0.1, 0.9, 0.5] and w = 0.5 → [0.55, 0.7, 0.25]: video 1 wins.</example>
public static class ScoreFusion
{
    /// <summary>Scores divided by their maximum, so the best is 1 (all zeros stay zeros). Scores must be finite and ≥ 0.</summary>
    /// <example>[2, 1, 0] → [1, 0.5, 0].</example>
    public static float[] MaxNormalized(ReadOnlySpan<float> scores)
    {
        float max = 0;
        for (int i = 0; i < scores.Length; i++)
        {
            if (!(scores[i] >= 0 && float.IsFinite(scores[i])))
                throw new ArgumentException($"scores[{i}] = {scores[i]} must be finite and ≥ 0 (a BM25 score).", nameof(scores));
            if (scores[i] > max) max = scores[i];
        }
        var result = new float[scores.Length];
        if (max > 0) for (int i = 0; i < scores.Length; i++) result[i] = scores[i] / max;
        return result;
    }

    /// <summary>w · text + (1 − w) · content, element by element, with w = <paramref name="textWeight"/> in [0, 1].</summary>
    /// <example>text [1, 0.5, 0], content [0.1, 0.9, 0.5], w = 0.5 → [0.55, 0.7, 0.25].</example>
    [MethodImpl(Jit.Hot)]
    public static float[] WeightedSum(ReadOnlySpan<float> text, ReadOnlySpan<float> content, double textWeight)
    {
        if (text.Length != content.Length)
            throw new ArgumentException($"text and content must score the same items (got {text.Length} and {content.Length}).", nameof(content));
        if (!(textWeight >= 0 && textWeight <= 1)) throw new ArgumentOutOfRangeException(nameof(textWeight), textWeight, "textWeight must be in [0, 1].");
        var result = new float[text.Length];
        float w = (float)textWeight, v = 1 - w;
        for (int i = 0; i < result.Length; i++) result[i] = w * text[i] + v * content[i];
        return result;
    }

    /// <summary>Dot product of <paramref name="query"/> with every row of <paramref name="items"/>: the cosine of each item
    /// when all are unit vectors — exact scores for the whole catalogue.</summary>
    [MethodImpl(Jit.Hot)]
    public static float[] DotWithAll(ReadOnlySpan<float> query, IReadOnlyList<float[]> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var result = new float[items.Count];
        for (int i = 0; i < result.Length; i++)
        {
            var row = items[i];
            if (row is null || row.Length != query.Length)
                throw new ArgumentException($"items[{i}] must have the query's length {query.Length}.", nameof(items));
            result[i] = System.Numerics.Tensors.TensorPrimitives.Dot(query, row);
        }
        return result;
    }

    /// <summary>The ids of the <paramref name="k"/> highest scores, best first; ties go to the lower id, and −∞ never
    /// appears (an item that is not a candidate).</summary>
    /// <example>[0.2, 0.9, 0.9, −∞], k = 3 → [1, 2, 0].</example>
    [MethodImpl(Jit.Hot)]
    public static int[] Top(ReadOnlySpan<float> scores, int k)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be at least 1.");
        var heap = new TopK(Math.Min(k, Math.Max(scores.Length, 1)));
        for (int i = 0; i < scores.Length; i++)
        {
            if (float.IsNaN(scores[i])) throw new ArgumentException($"scores[{i}] is NaN.", nameof(scores));
            if (scores[i] != float.NegativeInfinity) heap.Offer(i, scores[i]);
        }
        var best = heap.ToSortedArray();
        var ids = new int[best.Length];
        for (int i = 0; i < ids.Length; i++) ids[i] = best[i].Id;
        return ids;
    }
}
