using System.Numerics.Tensors;

namespace Mlsd.Serving;

/// <summary>
/// Near-duplicate removal for a ranked result page: the same product photographed twice, or one photo uploaded by
/// several sellers, scores almost identically against any query, so a nearest-neighbour search puts the copies next
/// to each other and a page of ten shows fewer than ten distinct things. This pass keeps the best-ranked copy.
/// </summary>
/// <remarks>
/// Greedy and order-preserving like the rules in <see cref="ReRanking"/>: walk the list best first and keep an item
/// unless its cosine similarity with an item already kept reaches the threshold. It costs O(k · candidates) dot
/// products, so it runs on the few dozen candidates the index returns, never on the catalogue. The threshold is a
/// product decision read off the data: how similar two catalogue images are when they really show the same item.
/// Reference: Broder, "On the resemblance and containment of documents" (1997), for the near-duplicate idea on the web.
/// </remarks>
public static class NearDuplicates
{
    /// <summary>
    /// The first <paramref name="k"/> items of <paramref name="ranked"/> that are not near-duplicates of a better-ranked
    /// kept item. Repeated ids are kept once. If fewer than k items survive, the page is shorter (never refilled with
    /// duplicates).
    /// </summary>
    /// <param name="ranked">Item ids, best first (e.g. an index's candidates).</param>
    /// <param name="vectorOf">The embedding of an item (any length, the same for all; need not be unit length).</param>
    /// <param name="threshold">Cosine similarity at or above which two items count as the same, in (−1, 1].</param>
    /// <param name="k">Length of the page, at least 1.</param>
    /// <returns>At most k ids in their original order.</returns>
    /// <example>Items 1, 2, 3 with vectors (1, 0), (0.995, 0.1), (0, 1), threshold 0.99, k = 3: cos(1, 2) = 0.995 → item 2 is
    /// dropped → [1, 3].</example>
    /// <exception cref="ArgumentException">A null argument, k &lt; 1, a threshold outside (−1, 1], a null or zero vector,
    /// or vectors of different lengths.</exception>
    public static int[] Remove(IReadOnlyList<int> ranked, Func<int, float[]> vectorOf, double threshold, int k)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(vectorOf);
        if (!(threshold > -1 && threshold <= 1)) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "threshold must be a cosine similarity in (−1, 1].");
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be at least 1.");
        var kept = new List<int>(k);
        var keptVectors = new List<(float[] Vector, float Norm)>(k);
        var seen = new HashSet<int>();
        foreach (int item in ranked)
        {
            if (kept.Count == k) break;
            if (!seen.Add(item)) continue;
            var vector = vectorOf(item) ?? throw new ArgumentException($"vectorOf({item}) returned null.", nameof(vectorOf));
            if (keptVectors.Count > 0 && vector.Length != keptVectors[0].Vector.Length)
                throw new ArgumentException($"vectorOf({item}) has {vector.Length} dimensions, the first item {keptVectors[0].Vector.Length}.", nameof(vectorOf));
            float norm = TensorPrimitives.Norm<float>(vector);
            if (!(norm > 0) || !float.IsFinite(norm))
                throw new ArgumentException($"vectorOf({item}) is the zero vector or holds NaN/infinity; cosine similarity needs a direction.", nameof(vectorOf));
            bool duplicate = false;
            foreach (var (other, otherNorm) in keptVectors)
            {
                if (TensorPrimitives.Dot<float>(vector, other) / ((double)norm * otherNorm) >= threshold)
                {
                    duplicate = true;
                    break;
                }
            }
            if (duplicate) continue;
            kept.Add(item);
            keptVectors.Add((vector, norm));
        }
        return [.. kept];
    }
}
