namespace Mlsd.Metrics;

/// <summary>
/// Where one known target (the listing eventually booked, the next item watched) lands when every candidate is ranked
/// by a score — the offline metric of similar-listing recommendations in Aminian &amp; Xu, chapter 9, and of Grbovic &amp;
/// Cheng's (KDD 2018) evaluation of listing embeddings.
/// </summary>
public static class TargetRank
{
    /// <summary>
    /// The 1-based rank of <paramref name="target"/> when items are sorted by <paramref name="scores"/>, best first:
    /// 1 + #(items scored above it) + #(other items scored equal) / 2 — ties share the mid-rank, so no model gains from
    /// an arbitrary tie-break. Lower is better. Give items that are not candidates a score of −∞.
    /// </summary>
    /// <param name="scores">One score per item, higher = more similar; NaN is not allowed.</param>
    /// <param name="target">Index of the target item; its score must be finite.</param>
    /// <example>scores = [0.9, 0.5, 0.5, 0.1], target = 1 → 1 + 1 + 1/2 = 2.5; target = 0 → 1; target = 3 → 4.</example>
    /// <exception cref="ArgumentException">Empty scores, a NaN score, a target out of range or with a non-finite score.</exception>
    public static double Of(ReadOnlySpan<float> scores, int target)
    {
        if (scores.IsEmpty) throw new ArgumentException("scores must not be empty.", nameof(scores));
        if ((uint)target >= (uint)scores.Length)
            throw new ArgumentOutOfRangeException(nameof(target), target, $"target must be in 0..{scores.Length - 1}.");
        float t = scores[target];
        if (!float.IsFinite(t))
            throw new ArgumentException($"scores[{target}] (the target) is {t}; the target must be a candidate with a finite score.", nameof(target));
        int above = 0, equal = 0;
        for (int i = 0; i < scores.Length; i++)
        {
            float s = scores[i];
            if (float.IsNaN(s)) throw new ArgumentException($"scores[{i}] is NaN.", nameof(scores));
            if (s > t) above++;
            else if (s == t && i != target) equal++;
        }
        return 1 + above + equal / 2.0;
    }

    /// <summary>Whether the target ranks within the top <paramref name="k"/> (its rank ≤ k): hit@k of one query.</summary>
    /// <example>rank 2.5, k = 3 → true; rank 4, k = 3 → false.</example>
    public static bool IsHit(double rank, int k)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be at least 1.");
        if (!(rank >= 1)) throw new ArgumentOutOfRangeException(nameof(rank), rank, "rank must be 1 or more.");
        return rank <= k;
    }
}
