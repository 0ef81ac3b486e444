namespace Mlsd.Retrieval;

/// <summary>
/// Recall@k of an approximate search against exact search — the standard accuracy measure of ANN indexes
/// (ann-benchmarks, Aumüller et al. 2020).
/// </summary>
/// <remarks>
/// For one query, recall@k = |ids in the approximate top k ∩ ids in the exact top k| / min(k, |exact|): the fraction
/// of the true k nearest neighbours the index found. Order inside the top k does not matter. Example: exact top 3
/// = {1, 2, 3}, approximate top 3 = {1, 3, 9} → recall@3 = 2/3. Averaged over a query set it is the y-axis of every
/// recall-vs-latency plot. (Ids are compared, not scores, so two items tied at the k-th score can cost a point of
/// recall even though either answer is equally good; with continuous embeddings such ties are rare.)
/// </remarks>
public static class Recall
{
    /// <summary>Recall@k of one query. <paramref name="k"/> defaults to the number of exact results.</summary>
    /// <returns>A value in [0, 1]; 1 when there was nothing to find (empty exact result).</returns>
    public static double AtK(IReadOnlyList<Neighbor> approximate, IReadOnlyList<Neighbor> exact, int? k = null)
    {
        ArgumentNullException.ThrowIfNull(approximate);
        ArgumentNullException.ThrowIfNull(exact);
        int kk = k ?? exact.Count;
        if (k is < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be at least 1.");
        int relevantCount = Math.Min(kk, exact.Count);
        if (relevantCount == 0) return 1.0;
        var relevant = new HashSet<int>(relevantCount);
        for (int i = 0; i < relevantCount; i++) relevant.Add(exact[i].Id);
        int found = 0, upTo = Math.Min(kk, approximate.Count);
        for (int i = 0; i < upTo; i++) if (relevant.Remove(approximate[i].Id)) found++;
        return (double)found / relevantCount;
    }

    /// <summary>Mean recall@k over queries; <paramref name="approximate"/>[i] and <paramref name="exact"/>[i] answer the same query.</summary>
    public static double AtK(IReadOnlyList<Neighbor[]> approximate, IReadOnlyList<Neighbor[]> exact, int? k = null)
    {
        ArgumentNullException.ThrowIfNull(approximate);
        ArgumentNullException.ThrowIfNull(exact);
        if (approximate.Count != exact.Count)
            throw new ArgumentException($"approximate and exact must have one result list per query (got {approximate.Count} and {exact.Count}).", nameof(approximate));
        if (k is < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be at least 1.");
        if (exact.Count == 0) throw new ArgumentException("exact is empty; recall needs at least one query.", nameof(exact));
        double total = 0;
        for (int i = 0; i < exact.Count; i++) total += AtK(approximate[i], exact[i], k);
        return total / exact.Count;
    }
}
