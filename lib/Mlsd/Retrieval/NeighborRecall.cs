using Mlsd.Metrics;

namespace Mlsd.Retrieval;

/// <summary>
/// Recall@k of an approximate nearest-neighbour search: <see cref="Ranking.RecallAtK"/> with the exact search's top k
/// as the relevant set — the standard accuracy measure of ANN indexes (ann-benchmarks, Aumüller et al. 2020).
/// </summary>
/// <remarks>
/// There is one recall@k in this library, <see cref="Ranking.RecallAtK"/>: |top-k ∩ relevant| / |relevant|. This class
/// only supplies the relevant set an index is judged against, the ids of the first min(k, |exact|) exact results, so
/// for one query recall@k = |approximate top k ∩ exact top k| / min(k, |exact|): the fraction of the true k nearest
/// neighbours the index found. Order inside the top k does not matter. Example: exact top 3 = {1, 2, 3}, approximate
/// top 3 = {1, 3, 9} → recall@3 = 2/3. Averaged over a query set it is the y-axis of every recall-vs-latency plot.
/// One convention differs: with nothing to find (an empty exact result) an index has missed nothing, so this returns 1
/// where <see cref="Ranking.RecallAtK"/> returns 0. (Ids are compared, not scores, so two items tied at the k-th score
/// can cost a point of recall even though either answer is equally good; with continuous embeddings such ties are rare.)
/// </remarks>
public static class NeighborRecall
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
        var found = new int[approximate.Count];
        for (int i = 0; i < found.Length; i++) found[i] = approximate[i].Id;
        return Ranking.RecallAtK(found, relevant, kk);
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
