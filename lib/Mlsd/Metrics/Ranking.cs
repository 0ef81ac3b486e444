namespace Mlsd.Metrics;

/// <summary>How a relevance grade becomes a gain in DCG.</summary>
public enum NdcgGain
{
    /// <summary>gain = 2^rel − 1 (Burges et al. 2005; the form used by web search and most learning-to-rank
    /// work): a grade-3 result is worth 7 grade-1 results, so the metric rewards getting the best items on top.</summary>
    Exponential,

    /// <summary>gain = rel (Järvelin &amp; Kekäläinen 2002, and the Wikipedia worked example). With binary
    /// relevance both forms coincide.</summary>
    Linear,
}

/// <summary>
/// Metrics for a ranked list of items (a search result page, a recommendation slate) judged against the
/// set of items that are relevant to the query or user, plus means over many queries.
/// </summary>
/// <remarks>
/// <para>Conventions, stated once:</para>
/// <list type="bullet">
/// <item>Ranks are 1-based; "top k" means the first min(k, list length) items. A list shorter than k counts
/// the missing positions as misses (so precision@k still divides by k).</item>
/// <item>An item repeated in the ranked list counts only the first time it appears.</item>
/// <item><b>A query with no relevant items</b> has nothing to find: the per-query functions return 0 for it
/// (as scikit-learn's <c>ndcg_score</c> does for an all-zero row), and the <c>Mean…</c> functions
/// <b>skip</b> such queries (as TREC evaluation does for unjudged topics), because counting them as 0
/// would punish every model equally for queries no model can answer. If every query is skipped the mean
/// is undefined and an <see cref="ArgumentException"/> is thrown.</item>
/// </list>
/// </remarks>
public static class Ranking
{
    /// <summary>
    /// Precision@k: the fraction of the top k positions holding a relevant item, |top-k ∩ relevant| / k.
    /// Higher is better.
    /// </summary>
    /// <param name="ranked">Items in ranked order (best first).</param>
    /// <param name="relevant">The relevant items.</param>
    /// <param name="k">Cut-off, at least 1.</param>
    /// <example>ranked = [a, b, c, d], relevant = {a, c, x}, k = 3 → 2 / 3 = 0.666…</example>
    /// <remarks>Reference: Manning, Raghavan &amp; Schütze, <i>Introduction to Information Retrieval</i> (2008), §8.4.</remarks>
    /// <exception cref="ArgumentException">A null argument or k &lt; 1.</exception>
    public static double PrecisionAtK<T>(IReadOnlyList<T> ranked, IReadOnlySet<T> relevant, int k)
    {
        Check(ranked, relevant);
        Guard.AtLeastOne(k, nameof(k));
        return (double)HitsInTopK(ranked, relevant, k) / k;
    }

    /// <summary>
    /// Recall@k: the fraction of the relevant items that appear in the top k, |top-k ∩ relevant| / |relevant|.
    /// Higher is better; 0 when there are no relevant items.
    /// </summary>
    /// <param name="ranked">Items in ranked order (best first).</param>
    /// <param name="relevant">The relevant items.</param>
    /// <param name="k">Cut-off, at least 1.</param>
    /// <example>ranked = [a, b, c, d], relevant = {a, c, x}, k = 3 → 2 / 3 = 0.666…; k = 1 → 1 / 3.</example>
    /// <remarks>Reference: Manning, Raghavan &amp; Schütze (2008), §8.4. The only recall@k in the library:
    /// <see cref="Retrieval.NeighborRecall"/> applies it to approximate search, with the exact top k as the relevant set.</remarks>
    /// <exception cref="ArgumentException">A null argument or k &lt; 1.</exception>
    public static double RecallAtK<T>(IReadOnlyList<T> ranked, IReadOnlySet<T> relevant, int k)
    {
        Check(ranked, relevant);
        Guard.AtLeastOne(k, nameof(k));
        return relevant.Count == 0 ? 0 : (double)HitsInTopK(ranked, relevant, k) / relevant.Count;
    }

    /// <summary>
    /// Hit rate@k for one query: 1 if at least one relevant item is in the top k, else 0. Its mean over users
    /// is the usual "HR@k" of leave-one-out recommender evaluation.
    /// </summary>
    /// <param name="ranked">Items in ranked order (best first).</param>
    /// <param name="relevant">The relevant items.</param>
    /// <param name="k">Cut-off, at least 1.</param>
    /// <example>ranked = [a, b, c, d], relevant = {c}: k = 2 → 0, k = 3 → 1.</example>
    /// <remarks>Reference: Deshpande &amp; Karypis, "Item-based top-N recommendation algorithms", ACM TOIS 22 (2004).</remarks>
    /// <exception cref="ArgumentException">A null argument or k &lt; 1.</exception>
    public static double HitRateAtK<T>(IReadOnlyList<T> ranked, IReadOnlySet<T> relevant, int k)
    {
        Check(ranked, relevant);
        Guard.AtLeastOne(k, nameof(k));
        return HitsInTopK(ranked, relevant, k) > 0 ? 1 : 0;
    }

    /// <summary>
    /// Reciprocal rank: 1 / (rank of the first relevant item), 0 if no relevant item is in the list. Suits
    /// tasks where the user needs only one good answer.
    /// </summary>
    /// <param name="ranked">Items in ranked order (best first).</param>
    /// <param name="relevant">The relevant items.</param>
    /// <example>ranked = [a, b, c, d], relevant = {c, d} → first hit at rank 3 → 1 / 3.</example>
    /// <remarks>Reference: Voorhees, "The TREC-8 question answering track report", TREC 1999.</remarks>
    /// <exception cref="ArgumentException">A null argument.</exception>
    public static double ReciprocalRank<T>(IReadOnlyList<T> ranked, IReadOnlySet<T> relevant)
    {
        Check(ranked, relevant);
        for (int i = 0; i < ranked.Count; i++)
            if (relevant.Contains(ranked[i])) return 1.0 / (i + 1);
        return 0;
    }

    /// <summary>
    /// Average precision of one ranked list: the mean of precision@i over the ranks i holding a relevant
    /// item, divided by the number of relevant items (so relevant items never retrieved count as precision 0):
    /// AP = (1/|R|) Σ_{i : item i relevant} P@i. With <paramref name="k"/>, only the top k count and the
    /// divisor is min(k, |R|) (the "AP@k" of recommender competitions). Higher is better; 0 when there are no
    /// relevant items.
    /// </summary>
    /// <param name="ranked">Items in ranked order (best first).</param>
    /// <param name="relevant">The relevant items.</param>
    /// <param name="k">Optional cut-off, at least 1.</param>
    /// <example>ranked = [a, b, c, d, e], relevant = {a, c, e, x}: hits at ranks 1, 3, 5 with P = 1, 2/3, 3/5 →
    /// (1 + 2/3 + 3/5) / 4 = 0.566666…</example>
    /// <remarks>Reference: Manning, Raghavan &amp; Schütze (2008), §8.4 (mean average precision).</remarks>
    /// <exception cref="ArgumentException">A null argument or k &lt; 1.</exception>
    public static double AveragePrecision<T>(IReadOnlyList<T> ranked, IReadOnlySet<T> relevant, int? k = null)
    {
        Check(ranked, relevant);
        if (k is int kk) Guard.AtLeastOne(kk, nameof(k));
        if (relevant.Count == 0) return 0;
        int limit = k is int cut ? Math.Min(cut, ranked.Count) : ranked.Count;
        HashSet<T>? seen = null;
        int hits = 0;
        double sum = 0;
        for (int i = 0; i < limit; i++)
        {
            T item = ranked[i];
            if (!relevant.Contains(item)) continue;
            seen ??= new HashSet<T>();
            if (!seen.Add(item)) continue;
            hits++;
            sum += (double)hits / (i + 1);
        }
        int divisor = k is int c ? Math.Min(c, relevant.Count) : relevant.Count;
        return sum / divisor;
    }

    /// <summary>
    /// nDCG@k with graded relevance: DCG@k = Σ_{i=1..k} gain(relᵢ) / log₂(i + 1), divided by the ideal
    /// DCG@k of the same grades sorted best-first. Higher is better, in [0, 1]. Returns 0 when the ideal
    /// DCG is 0 (no relevant item). The gain is 2^rel − 1 by default (<see cref="NdcgGain.Exponential"/>);
    /// pass <see cref="NdcgGain.Linear"/> for gain = rel.
    /// </summary>
    /// <param name="gradesInRankedOrder">The relevance grade (≥ 0) of each returned item, in ranked order.</param>
    /// <param name="k">Cut-off, at least 1.</param>
    /// <param name="allGrades">The grades of <b>all</b> judged items for the query, when known: the ideal ranking is
    /// built from these, so relevant items the system failed to return lower the score. Without it the ideal is
    /// the returned items re-sorted, which only measures ordering.</param>
    /// <param name="gain">Gain function; default <see cref="NdcgGain.Exponential"/>.</param>
    /// <example>Wikipedia's "Discounted cumulative gain" example, linear gain: returned grades [3, 2, 3, 0, 1, 2], all grades
    /// [3, 3, 3, 2, 2, 2, 1, 0], k = 6 → DCG = 6.861…, IDCG = 8.740…, nDCG = 0.785…</example>
    /// <remarks>Reference: Järvelin &amp; Kekäläinen, "Cumulated gain-based evaluation of IR techniques", ACM TOIS 20 (2002);
    /// Burges et al., "Learning to rank using gradient descent", ICML 2005 (exponential gain).</remarks>
    /// <exception cref="ArgumentException">A null argument, k &lt; 1, or a grade that is negative, NaN or infinite.</exception>
    public static double NdcgAtK(IReadOnlyList<double> gradesInRankedOrder, int k, IReadOnlyList<double>? allGrades = null,
        NdcgGain gain = NdcgGain.Exponential)
    {
        Guard.NotNull(gradesInRankedOrder, nameof(gradesInRankedOrder));
        Guard.AtLeastOne(k, nameof(k));
        CheckGrades(gradesInRankedOrder, nameof(gradesInRankedOrder));
        var ideal = allGrades ?? gradesInRankedOrder;
        if (allGrades is not null) CheckGrades(allGrades, nameof(allGrades));

        double dcg = 0;
        int limit = Math.Min(k, gradesInRankedOrder.Count);
        for (int i = 0; i < limit; i++) dcg += Gain(gradesInRankedOrder[i], gain) / Math.Log2(i + 2);

        var sorted = new double[ideal.Count];
        for (int i = 0; i < sorted.Length; i++) sorted[i] = ideal[i];
        Array.Sort(sorted);
        double idcg = 0;
        for (int i = 0; i < Math.Min(k, sorted.Length); i++) idcg += Gain(sorted[sorted.Length - 1 - i], gain) / Math.Log2(i + 2);
        return idcg == 0 ? 0 : dcg / idcg;
    }

    /// <summary>
    /// nDCG@k with binary relevance (grade 1 for a relevant item, 0 otherwise); the ideal ranking puts
    /// min(k, |relevant|) relevant items on top, so unretrieved relevant items lower the score. Both gain
    /// forms agree for binary grades.
    /// </summary>
    /// <param name="ranked">Items in ranked order (best first).</param>
    /// <param name="relevant">The relevant items.</param>
    /// <param name="k">Cut-off, at least 1.</param>
    /// <example>ranked = [a, b, c], relevant = {b, c}, k = 3 → (1/log₂3 + 1/log₂4) / (1 + 1/log₂3) = 0.693426…</example>
    /// <remarks>Reference: Järvelin &amp; Kekäläinen (2002).</remarks>
    /// <exception cref="ArgumentException">A null argument or k &lt; 1.</exception>
    public static double NdcgAtK<T>(IReadOnlyList<T> ranked, IReadOnlySet<T> relevant, int k)
    {
        Check(ranked, relevant);
        Guard.AtLeastOne(k, nameof(k));
        if (relevant.Count == 0) return 0;
        double dcg = 0;
        HashSet<T>? seen = null;
        for (int i = 0; i < Math.Min(k, ranked.Count); i++)
        {
            T item = ranked[i];
            if (!relevant.Contains(item)) continue;
            seen ??= new HashSet<T>();
            if (seen.Add(item)) dcg += 1 / Math.Log2(i + 2);
        }
        double idcg = 0;
        for (int i = 0; i < Math.Min(k, relevant.Count); i++) idcg += 1 / Math.Log2(i + 2);
        return dcg / idcg;
    }

    /// <summary>
    /// nDCG@k with graded relevance given as a map item → grade (items not in the map have grade 0). The
    /// ideal ranking uses every grade in the map.
    /// </summary>
    /// <param name="ranked">Items in ranked order (best first).</param>
    /// <param name="grades">Relevance grade (≥ 0) of each judged item.</param>
    /// <param name="k">Cut-off, at least 1.</param>
    /// <param name="gain">Gain function; default <see cref="NdcgGain.Exponential"/>.</param>
    /// <example>ranked = [a, b], grades = {a: 1, b: 2}, k = 2, exponential gain → (1 + 3/log₂3) / (3 + 1/log₂3) = 0.796707…</example>
    /// <remarks>Reference: Järvelin &amp; Kekäläinen (2002); Burges et al. (2005).</remarks>
    /// <exception cref="ArgumentException">A null argument, k &lt; 1, or an invalid grade.</exception>
    public static double NdcgAtK<T>(IReadOnlyList<T> ranked, IReadOnlyDictionary<T, double> grades, int k,
        NdcgGain gain = NdcgGain.Exponential)
    {
        Guard.NotNull(ranked, nameof(ranked));
        Guard.NotNull(grades, nameof(grades));
        var returned = new double[ranked.Count];
        var seen = new HashSet<T>();
        for (int i = 0; i < returned.Length; i++)
        {
            returned[i] = seen.Add(ranked[i]) && grades.TryGetValue(ranked[i], out double g) ? g : 0;
        }
        var all = new double[grades.Count];
        int j = 0;
        foreach (var pair in grades) all[j++] = pair.Value;
        return NdcgAtK(returned, k, all, gain);
    }

    // ---- means over queries ---------------------------------------------------------------------

    /// <summary>Mean of <see cref="PrecisionAtK"/> over queries, skipping queries with no relevant items.</summary>
    /// <param name="ranked">One ranked list per query.</param>
    /// <param name="relevant">The relevant set of each query (parallel to <paramref name="ranked"/>).</param>
    /// <param name="k">Cut-off, at least 1.</param>
    /// <example>Queries ([a, b], {a}) and ([c, d], {d}) at k = 1 → (1 + 0) / 2 = 0.5.</example>
    /// <remarks>Reference: Manning, Raghavan &amp; Schütze (2008), §8.4.</remarks>
    /// <exception cref="ArgumentException">Lengths differ, no queries, k &lt; 1, or every query has no relevant items.</exception>
    public static double MeanPrecisionAtK<T>(IReadOnlyList<IReadOnlyList<T>> ranked, IReadOnlyList<IReadOnlySet<T>> relevant, int k)
    {
        Guard.AtLeastOne(k, nameof(k));
        return MeanOver(ranked, relevant, (r, s) => PrecisionAtK(r, s, k));
    }

    /// <summary>Mean of <see cref="RecallAtK"/> over queries, skipping queries with no relevant items.</summary>
    /// <param name="ranked">One ranked list per query.</param>
    /// <param name="relevant">The relevant set of each query.</param>
    /// <param name="k">Cut-off, at least 1.</param>
    /// <example>Queries ([a, b], {a, b}) and ([c, d], {x}) at k = 1 → (1/2 + 0) / 2 = 0.25.</example>
    /// <remarks>Reference: Manning, Raghavan &amp; Schütze (2008), §8.4.</remarks>
    /// <exception cref="ArgumentException">As <see cref="MeanPrecisionAtK"/>.</exception>
    public static double MeanRecallAtK<T>(IReadOnlyList<IReadOnlyList<T>> ranked, IReadOnlyList<IReadOnlySet<T>> relevant, int k)
    {
        Guard.AtLeastOne(k, nameof(k));
        return MeanOver(ranked, relevant, (r, s) => RecallAtK(r, s, k));
    }

    /// <summary>Mean of <see cref="HitRateAtK"/> over queries (the HR@k of recommender papers), skipping queries with no relevant items.</summary>
    /// <param name="ranked">One ranked list per query.</param>
    /// <param name="relevant">The relevant set of each query.</param>
    /// <param name="k">Cut-off, at least 1.</param>
    /// <example>Queries ([a, b], {b}), ([c, d], {x}) and ([e], {e}) at k = 2 → (1 + 0 + 1) / 3 = 0.666…</example>
    /// <remarks>Reference: Deshpande &amp; Karypis (2004).</remarks>
    /// <exception cref="ArgumentException">As <see cref="MeanPrecisionAtK"/>.</exception>
    public static double MeanHitRateAtK<T>(IReadOnlyList<IReadOnlyList<T>> ranked, IReadOnlyList<IReadOnlySet<T>> relevant, int k)
    {
        Guard.AtLeastOne(k, nameof(k));
        return MeanOver(ranked, relevant, (r, s) => HitRateAtK(r, s, k));
    }

    /// <summary>Mean reciprocal rank over queries, skipping queries with no relevant items.</summary>
    /// <param name="ranked">One ranked list per query.</param>
    /// <param name="relevant">The relevant set of each query.</param>
    /// <example>First hits at ranks 1, 2 and none → (1 + 1/2 + 0) / 3 = 0.5.</example>
    /// <remarks>Reference: Voorhees, TREC-8 QA track report (1999).</remarks>
    /// <exception cref="ArgumentException">Lengths differ, no queries, or every query has no relevant items.</exception>
    public static double MeanReciprocalRank<T>(IReadOnlyList<IReadOnlyList<T>> ranked, IReadOnlyList<IReadOnlySet<T>> relevant)
        => MeanOver(ranked, relevant, ReciprocalRank);

    /// <summary>Mean average precision (MAP) over queries, skipping queries with no relevant items.</summary>
    /// <param name="ranked">One ranked list per query.</param>
    /// <param name="relevant">The relevant set of each query.</param>
    /// <param name="k">Optional cut-off (then each query's AP@k divides by min(k, |R|)).</param>
    /// <example>Queries ([a, b, c, d, e], {a, c, e, x}) with AP 0.566… and ([y], {y}) with AP 1 → MAP = 0.783333…</example>
    /// <remarks>Reference: Manning, Raghavan &amp; Schütze (2008), §8.4.</remarks>
    /// <exception cref="ArgumentException">As <see cref="MeanReciprocalRank"/>, or k &lt; 1.</exception>
    public static double MeanAveragePrecision<T>(IReadOnlyList<IReadOnlyList<T>> ranked, IReadOnlyList<IReadOnlySet<T>> relevant, int? k = null)
    {
        if (k is int kk) Guard.AtLeastOne(kk, nameof(k));
        return MeanOver(ranked, relevant, (r, s) => AveragePrecision(r, s, k));
    }

    /// <summary>Mean binary-relevance nDCG@k over queries, skipping queries with no relevant items.</summary>
    /// <param name="ranked">One ranked list per query.</param>
    /// <param name="relevant">The relevant set of each query.</param>
    /// <param name="k">Cut-off, at least 1.</param>
    /// <example>Queries ([a, b, c], {b, c}) and ([d], {d}) at k = 3 → (0.693426… + 1) / 2 = 0.846713…</example>
    /// <remarks>Reference: Järvelin &amp; Kekäläinen (2002).</remarks>
    /// <exception cref="ArgumentException">As <see cref="MeanPrecisionAtK"/>.</exception>
    public static double MeanNdcgAtK<T>(IReadOnlyList<IReadOnlyList<T>> ranked, IReadOnlyList<IReadOnlySet<T>> relevant, int k)
    {
        Guard.AtLeastOne(k, nameof(k));
        return MeanOver(ranked, relevant, (r, s) => NdcgAtK(r, s, k));
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static void Check<T>(IReadOnlyList<T> ranked, IReadOnlySet<T> relevant)
    {
        Guard.NotNull(ranked, nameof(ranked));
        Guard.NotNull(relevant, nameof(relevant));
    }

    private static void CheckGrades(IReadOnlyList<double> grades, string name)
    {
        for (int i = 0; i < grades.Count; i++)
        {
            double g = grades[i];
            if (!(g >= 0) || double.IsInfinity(g))
                throw new ArgumentException(
                    $"{name} must hold finite relevance grades ≥ 0 (found {Guard.Format(g)} at index {i}).", name);
        }
    }

    private static double Gain(double grade, NdcgGain gain) => gain switch
    {
        NdcgGain.Exponential => Math.Pow(2, grade) - 1,
        NdcgGain.Linear => grade,
        _ => throw new ArgumentOutOfRangeException(nameof(gain), gain, "gain must be Exponential or Linear."),
    };

    private static int HitsInTopK<T>(IReadOnlyList<T> ranked, IReadOnlySet<T> relevant, int k)
    {
        int limit = Math.Min(k, ranked.Count);
        int hits = 0;
        HashSet<T>? seen = null;
        for (int i = 0; i < limit; i++)
        {
            T item = ranked[i];
            if (!relevant.Contains(item)) continue;
            seen ??= new HashSet<T>();
            if (seen.Add(item)) hits++;
        }
        return hits;
    }

    private static double MeanOver<T>(IReadOnlyList<IReadOnlyList<T>> ranked, IReadOnlyList<IReadOnlySet<T>> relevant,
        Func<IReadOnlyList<T>, IReadOnlySet<T>, double> metric)
    {
        Guard.SameLength(ranked, relevant, nameof(ranked), nameof(relevant));
        Guard.NotEmpty(ranked, nameof(ranked));
        double sum = 0;
        int used = 0;
        for (int q = 0; q < ranked.Count; q++)
        {
            var r = ranked[q] ?? throw new ArgumentException($"ranked[{q}] must not be null.", nameof(ranked));
            var s = relevant[q] ?? throw new ArgumentException($"relevant[{q}] must not be null.", nameof(relevant));
            if (s.Count == 0) continue;
            sum += metric(r, s);
            used++;
        }
        if (used == 0)
            throw new ArgumentException(
                $"relevant: all {ranked.Count} queries have an empty relevant set, so the mean is undefined (queries without relevant items are skipped).",
                nameof(relevant));
        return sum / used;
    }
}
