using System.Numerics.Tensors;

namespace Mlsd.Metrics;

/// <summary>
/// How varied a recommendation list is. A list of ten near-identical items can score well on accuracy
/// metrics yet serve the user badly; intra-list similarity makes that visible.
/// </summary>
public static class Diversity
{
    /// <summary>
    /// Mean pairwise similarity of the items in one list: (2 / (n(n − 1))) Σ_{i&lt;j} sim(itemᵢ, itemⱼ).
    /// Lower means a more diverse list. The similarity need not be symmetric; only pairs i &lt; j (in list
    /// order) are evaluated.
    /// </summary>
    /// <param name="items">The list, at least 2 items.</param>
    /// <param name="similarity">Similarity of two items (finite values).</param>
    /// <example>items [1, 2, 4] with sim(a, b) = 1 / (1 + |a − b|): pairs (1, 2), (1, 4), (2, 4) give ½, ¼, ⅓ → mean 13/36 = 0.361…</example>
    /// <remarks>Reference: Ziegler, McNee, Konstan &amp; Lausen, "Improving recommendation lists through topic
    /// diversification", WWW 2005 (intra-list similarity).</remarks>
    /// <exception cref="ArgumentException">A null argument, fewer than 2 items, or a non-finite similarity.</exception>
    public static double MeanPairwiseSimilarity<T>(IReadOnlyList<T> items, Func<T, T, double> similarity)
    {
        Guard.NotNull(items, nameof(items));
        Guard.NotNull(similarity, nameof(similarity));
        RequirePairs(items.Count);
        double sum = 0;
        for (int i = 0; i < items.Count; i++)
            for (int j = i + 1; j < items.Count; j++)
            {
                double s = similarity(items[i], items[j]);
                if (!double.IsFinite(s))
                    throw new ArgumentException(
                        $"similarity must return finite values (got {Guard.Format(s)} for items {i} and {j}).", nameof(similarity));
                sum += s;
            }
        return sum / (items.Count * (items.Count - 1) / 2.0);
    }

    /// <summary>
    /// Mean pairwise cosine similarity of item embeddings (one vector per item in the list). Lower is more
    /// diverse; 1 means every item points the same way.
    /// </summary>
    /// <param name="embeddings">One vector per item, all the same length, none all-zero; at least 2.</param>
    /// <example>[(1, 0), (0, 1), (1, 1)] → (0 + 1/√2 + 1/√2) / 3 = 0.471404…</example>
    /// <remarks>Reference: Ziegler et al., WWW 2005.</remarks>
    /// <exception cref="ArgumentException">Fewer than 2 vectors, ragged lengths, or a zero vector.</exception>
    public static double MeanPairwiseSimilarity(IReadOnlyList<float[]> embeddings)
    {
        CheckVectors(embeddings);
        return MeanPairwiseSimilarity(embeddings, static (a, b) => TensorPrimitives.CosineSimilarity<float>(a, b));
    }

    /// <summary>Mean pairwise cosine similarity of double-precision embeddings; see <see cref="MeanPairwiseSimilarity(IReadOnlyList{float[]})"/>.</summary>
    /// <param name="embeddings">One vector per item, all the same length, none all-zero; at least 2.</param>
    /// <example>[(1, 0), (0, 1), (1, 1)] → 0.471404…</example>
    /// <remarks>Reference: Ziegler et al., WWW 2005.</remarks>
    /// <exception cref="ArgumentException">Fewer than 2 vectors, ragged lengths, or a zero vector.</exception>
    public static double MeanPairwiseSimilarity(IReadOnlyList<double[]> embeddings)
    {
        CheckVectors(embeddings);
        return MeanPairwiseSimilarity(embeddings, static (a, b) => TensorPrimitives.CosineSimilarity<double>(a, b));
    }

    /// <summary>
    /// Mean pairwise cosine similarity of a list of items whose embedding is looked up by
    /// <paramref name="embedding"/> (e.g. <c>id =&gt; itemVectors[id]</c>).
    /// </summary>
    /// <param name="items">The list, at least 2 items.</param>
    /// <param name="embedding">Maps an item to its vector.</param>
    /// <example>items ["x", "y"] with embeddings x = (1, 0), y = (1, 1) → 1/√2 = 0.707106…</example>
    /// <remarks>Reference: Ziegler et al., WWW 2005.</remarks>
    /// <exception cref="ArgumentException">As the vector overload.</exception>
    public static double MeanPairwiseSimilarity<T>(IReadOnlyList<T> items, Func<T, float[]> embedding)
    {
        Guard.NotNull(items, nameof(items));
        Guard.NotNull(embedding, nameof(embedding));
        var vectors = new float[items.Count][];
        for (int i = 0; i < vectors.Length; i++) vectors[i] = embedding(items[i]);
        return MeanPairwiseSimilarity(vectors);
    }

    /// <summary>
    /// Intra-list diversity with cosine similarity: 1 − mean pairwise cosine similarity. Higher is more diverse.
    /// </summary>
    /// <param name="embeddings">One vector per item; at least 2.</param>
    /// <example>[(1, 0), (0, 1), (1, 1)] → 1 − 0.471404… = 0.528595…</example>
    /// <remarks>Reference: Ziegler et al., WWW 2005; Smyth &amp; McClave, "Similarity vs. diversity", ICCBR 2001.</remarks>
    /// <exception cref="ArgumentException">As <see cref="MeanPairwiseSimilarity(IReadOnlyList{float[]})"/>.</exception>
    public static double IntraListDiversity(IReadOnlyList<float[]> embeddings) => 1 - MeanPairwiseSimilarity(embeddings);

    private static void RequirePairs(int count)
    {
        if (count < 2)
            throw new ArgumentException($"items must hold at least 2 items to form a pair (got {count}).", "items");
    }

    private static void CheckVectors<TNum>(IReadOnlyList<TNum[]> embeddings) where TNum : struct, System.Numerics.INumber<TNum>
    {
        Guard.NotNull(embeddings, nameof(embeddings));
        if (embeddings.Count < 2)
            throw new ArgumentException($"embeddings must hold at least 2 vectors to form a pair (got {embeddings.Count}).", nameof(embeddings));
        int dim = embeddings[0]?.Length ?? 0;
        for (int i = 0; i < embeddings.Count; i++)
        {
            var v = embeddings[i] ?? throw new ArgumentException($"embeddings[{i}] must not be null.", nameof(embeddings));
            if (v.Length != dim || dim == 0)
                throw new ArgumentException(
                    $"embeddings must all have the same non-zero length (embeddings[0] has {dim}, embeddings[{i}] has {v.Length}).", nameof(embeddings));
            bool allZero = true;
            foreach (var x in v) if (x != TNum.Zero) { allZero = false; break; }
            if (allZero)
                throw new ArgumentException($"embeddings[{i}] is all zeros; cosine similarity is undefined for it.", nameof(embeddings));
        }
    }
}
