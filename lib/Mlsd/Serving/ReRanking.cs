namespace Mlsd.Serving;

/// <summary>
/// The last stage of a recommendation funnel: business rules applied to a list already sorted by score. A ranker
/// scores items one at a time, so it happily fills a page with five videos of one category or one creator and
/// never makes room for something new; these greedy passes fix the page while moving as few items as possible.
/// </summary>
/// <remarks>
/// Greedy re-ranking keeps the ranker's order wherever the rules allow, which is why it is the common production
/// choice over an exact optimisation (Carbonell &amp; Goldstein, "The use of MMR, diversity-based reranking",
/// SIGIR 1998, trade score for novelty the same way one pick at a time).
/// </remarks>
public static class ReRanking
{
    /// <summary>
    /// Caps how many of the first <paramref name="k"/> items may share a group (a category, a creator, …): walks
    /// <paramref name="ranked"/> best first and takes an item unless one of its groups is already full. If fewer than
    /// k items pass, the page is filled with the skipped items in their original order, so it is never short when
    /// there are enough items. Repeated items are kept once.
    /// </summary>
    /// <param name="ranked">Item ids, best first.</param>
    /// <param name="k">Length of the page, at least 1.</param>
    /// <param name="caps">One or more (group of an item, maximum per group) rules, all enforced together.</param>
    /// <returns>At most k distinct ids.</returns>
    /// <example>ranked [1, 2, 3, 4, 5] with groups 1→a, 2→a, 3→a, 4→b, 5→c, at most 2 per group, k = 4 → [1, 2, 4, 5]
    /// (3 is the third "a"); with k = 5 the page is filled up with the skipped 3 → [1, 2, 4, 5, 3].</example>
    /// <exception cref="ArgumentException">A null list, k &lt; 1, no caps, or a cap below 1.</exception>
    public static int[] Diversify(IReadOnlyList<int> ranked, int k, params (Func<int, int> Group, int Max)[] caps)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(caps);
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be at least 1.");
        if (caps.Length == 0) throw new ArgumentException("caps must hold at least one (group, max) rule.", nameof(caps));
        for (int c = 0; c < caps.Length; c++)
        {
            if (caps[c].Group is null) throw new ArgumentException($"caps[{c}].Group must not be null.", nameof(caps));
            if (caps[c].Max < 1) throw new ArgumentOutOfRangeException(nameof(caps), caps[c].Max, $"caps[{c}].Max must be at least 1.");
        }

        var counts = new Dictionary<int, int>[caps.Length];
        for (int c = 0; c < caps.Length; c++) counts[c] = [];
        var page = new List<int>(k);
        var skipped = new List<int>();
        var taken = new HashSet<int>();
        foreach (int item in ranked)
        {
            if (page.Count == k) break;
            if (!taken.Add(item)) continue;
            bool fits = true;
            for (int c = 0; c < caps.Length && fits; c++)
                fits = counts[c].GetValueOrDefault(caps[c].Group(item)) < caps[c].Max;
            if (!fits)
            {
                skipped.Add(item);
                continue;
            }
            page.Add(item);
            for (int c = 0; c < caps.Length; c++)
            {
                int g = caps[c].Group(item);
                counts[c][g] = counts[c].GetValueOrDefault(g) + 1;
            }
        }
        for (int i = 0; i < skipped.Count && page.Count < k; i++) page.Add(skipped[i]);
        return [.. page];
    }

    /// <summary>
    /// Makes sure at least <paramref name="minimum"/> of the first <paramref name="k"/> items satisfy
    /// <paramref name="qualifies"/> (fresh uploads, new creators, an exploration pick…): when the top k holds too few,
    /// the best-ranked qualifying items from below the cut replace the lowest-ranked non-qualifying items of the page,
    /// and the page keeps the original relative order. Repeated items are kept once.
    /// </summary>
    /// <param name="ranked">Item ids, best first.</param>
    /// <param name="k">Length of the page, at least 1.</param>
    /// <param name="qualifies">Whether an item counts towards the quota.</param>
    /// <param name="minimum">Slots reserved for qualifying items, 0 … k.</param>
    /// <returns>At most k distinct ids.</returns>
    /// <example>ranked [1, 2, 3, 4, 5, 6], qualifying = even ids above 3, minimum 2, k = 3: the page [1, 2, 3] holds no
    /// qualifying item, so 4 and 6 replace 3 and 2 → [1, 4, 6].</example>
    /// <exception cref="ArgumentException">A null argument, k &lt; 1, or a minimum outside [0, k].</exception>
    public static int[] Promote(IReadOnlyList<int> ranked, int k, Func<int, bool> qualifies, int minimum)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(qualifies);
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be at least 1.");
        if (minimum < 0 || minimum > k) throw new ArgumentOutOfRangeException(nameof(minimum), minimum, $"minimum must be in [0, k = {k}].");

        var distinct = new List<int>(ranked.Count);
        var seen = new HashSet<int>();
        foreach (int item in ranked)
            if (seen.Add(item)) distinct.Add(item);
        int pageSize = Math.Min(k, distinct.Count);
        var keep = new bool[distinct.Count];
        int have = 0;
        for (int i = 0; i < pageSize; i++)
        {
            keep[i] = true;
            if (qualifies(distinct[i])) have++;
        }
        // Swap in qualifying items from below the cut, dropping the page's lowest-ranked non-qualifying items.
        int drop = pageSize - 1;
        for (int i = pageSize; i < distinct.Count && have < minimum; i++)
        {
            if (!qualifies(distinct[i])) continue;
            while (drop >= 0 && (!keep[drop] || qualifies(distinct[drop]))) drop--;
            if (drop < 0) break;
            keep[drop] = false;
            keep[i] = true;
            have++;
        }
        var page = new List<int>(pageSize);
        for (int i = 0; i < distinct.Count; i++)
            if (keep[i]) page.Add(distinct[i]);
        return [.. page];
    }
}
