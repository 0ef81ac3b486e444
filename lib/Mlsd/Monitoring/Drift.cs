using System.Globalization;
using System.Text;
using MathNet.Numerics;

namespace Mlsd.Monitoring;

/// <summary>The outcome of a two-sample test comparing a feature's reference and current distributions.</summary>
/// <param name="Statistic">KS distance D, or Pearson's χ².</param>
/// <param name="PValue">p-value of "both samples come from the same distribution".</param>
/// <param name="DegreesOfFreedom">χ² degrees of freedom (NaN for KS).</param>
/// <param name="Method">How the p-value was obtained, e.g. "exact", "asymptotic", "chi-square".</param>
public sealed record DriftTestResult(double Statistic, double PValue, double DegreesOfFreedom, string Method)
{
    /// <inheritdoc/>
    public override string ToString() => double.IsNaN(DegreesOfFreedom)
        ? FormattableString.Invariant($"D = {Statistic:0.0000}, p = {Drift.FormatP(PValue)} ({Method})")
        : FormattableString.Invariant($"χ² = {Statistic:0.00} (df = {DegreesOfFreedom}), p = {Drift.FormatP(PValue)}");
}

/// <summary>
/// A feature's reference and current samples binned the same way — the data behind a side-by-side
/// histogram and behind the PSI. Numeric features use bins cut at the reference sample's quantiles
/// (each bin holds about the same share of the reference); categorical features use one bin per category.
/// </summary>
/// <param name="Labels">A readable label per bin ("[2.5, 3.1)", "mobile").</param>
/// <param name="Lower">Lower edge per bin, inclusive (−∞ for the first; NaN for categories).</param>
/// <param name="Upper">Upper edge per bin, exclusive (+∞ for the last; NaN for categories).</param>
/// <param name="ReferenceCounts">Reference sample count per bin.</param>
/// <param name="CurrentCounts">Current sample count per bin.</param>
/// <param name="Epsilon">Share substituted for an empty bin in the PSI (so the log stays finite).</param>
public sealed record BinnedDistribution(string[] Labels, double[] Lower, double[] Upper, long[] ReferenceCounts, long[] CurrentCounts, double Epsilon)
{
    /// <summary>Share of the reference sample in each bin.</summary>
    public double[] ReferenceShare => Shares(ReferenceCounts);

    /// <summary>Share of the current sample in each bin.</summary>
    public double[] CurrentShare => Shares(CurrentCounts);

    /// <summary>Each bin's term (c − r)·ln(c / r) of the PSI, shares floored at <see cref="Epsilon"/>. Large terms point at the bins that moved.</summary>
    public double[] PsiContributions
    {
        get
        {
            var r = ReferenceShare;
            var c = CurrentShare;
            var terms = new double[r.Length];
            for (int i = 0; i < r.Length; i++)
            {
                double ri = Math.Max(r[i], Epsilon), ci = Math.Max(c[i], Epsilon);
                terms[i] = (ci - ri) * Math.Log(ci / ri);
            }
            return terms;
        }
    }

    /// <summary>The population stability index, Σ (c − r)·ln(c / r) over bins.</summary>
    public double Psi
    {
        get
        {
            double psi = 0;
            foreach (double t in PsiContributions) psi += t;
            return psi;
        }
    }

    /// <summary>A small text table: bin, reference share, current share, PSI term.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        int w = Math.Max(3, Labels.Length == 0 ? 3 : Labels.Max(l => l.Length));
        sb.Append("bin".PadRight(w)).Append("  reference    current   PSI term\n");
        var r = ReferenceShare;
        var c = CurrentShare;
        var t = PsiContributions;
        for (int i = 0; i < Labels.Length; i++)
            sb.Append(Labels[i].PadRight(w)).Append(string.Create(CultureInfo.InvariantCulture, $"  {r[i],9:P1}  {c[i],9:P1}  {t[i],9:0.0000}\n"));
        sb.Append(string.Create(CultureInfo.InvariantCulture, $"PSI = {Psi:0.0000}"));
        return sb.ToString();
    }

    private static double[] Shares(long[] counts)
    {
        long total = 0;
        foreach (long n in counts) total += n;
        var shares = new double[counts.Length];
        if (total == 0) return shares;
        for (int i = 0; i < counts.Length; i++) shares[i] = (double)counts[i] / total;
        return shares;
    }
}

/// <summary>
/// Statistics for detecting that the data a model sees in production (the current sample) no longer
/// looks like the data it was trained or last validated on (the reference sample).
/// </summary>
/// <remarks>
/// <para><b>Reading the numbers.</b> PSI measures <i>how much</i> a distribution moved; the rule of thumb from
/// credit scoring is PSI &lt; 0.1 stable, 0.1–0.25 a moderate shift worth a look, &gt; 0.25 a major shift
/// (Siddiqi, <i>Credit Risk Scorecards</i>, 2006; Yurdakul, "Statistical properties of the population
/// stability index", 2018). The KS and χ² p-values measure how <i>sure</i> we are that it moved at all: with a
/// million rows even a negligible shift is "significant", and with fifty rows a large one may not be — so a
/// drift report should look at both.</para>
/// </remarks>
public static class Drift
{
    /// <summary>PSI below this is conventionally "no significant shift".</summary>
    public const double PsiWarn = 0.1;

    /// <summary>PSI at or above this is conventionally "major shift".</summary>
    public const double PsiAlert = 0.25;

    /// <summary>
    /// Population stability index of a numeric feature: bin both samples at the reference sample's quantiles
    /// (type-7 / numpy-default interpolation, at 1/bins, 2/bins, …; repeated edges merged, so heavily tied data
    /// may give fewer bins), then PSI = Σ (c_b − r_b)·ln(c_b / r_b) over bins, with shares of 0 replaced by
    /// <paramref name="epsilon"/>. Symmetric in the two shares; 0 when they are identical.
    /// </summary>
    /// <param name="reference">Reference sample (training / last good window), finite values, at least one.</param>
    /// <param name="current">Current sample, finite values, at least one.</param>
    /// <param name="bins">Number of quantile bins (before merging ties), at least 2; default 10.</param>
    /// <param name="epsilon">Floor for empty-bin shares, in (0, 1); default 1e-4.</param>
    /// <example>reference 1…10, current [1, 2, 3, 6, 7, 8, 9, 10, 11, 12], bins = 2 (edge at the median 5.5): shares
    /// 0.5/0.5 vs 0.3/0.7 → (−0.2)·ln(0.6) + 0.2·ln(1.4) = 0.169459…</example>
    /// <remarks>Reference: Siddiqi, <i>Credit Risk Scorecards</i> (2006), ch. 8; Yurdakul (2018).</remarks>
    /// <exception cref="ArgumentException">Empty or non-finite samples, bins &lt; 2, or epsilon outside (0, 1).</exception>
    public static double PopulationStabilityIndex(IReadOnlyList<double> reference, IReadOnlyList<double> current, int bins = 10, double epsilon = 1e-4)
        => Bin(reference, current, bins, epsilon).Psi;

    /// <summary>
    /// Population stability index of a categorical feature, one bin per category seen in either sample.
    /// (For categories of another type, use <c>BinCategories(reference, current).Psi</c>.)
    /// </summary>
    /// <param name="reference">Reference sample of category values (non-null), at least one.</param>
    /// <param name="current">Current sample, at least one.</param>
    /// <param name="epsilon">Floor for empty-category shares; default 1e-4.</param>
    /// <example>reference [a, a, b, b], current [a, b, b, b]: 0.5/0.5 vs 0.25/0.75 → (−0.25)·ln 0.5 + 0.25·ln 1.5 = 0.274653…</example>
    /// <remarks>Reference: Siddiqi (2006), ch. 8.</remarks>
    /// <exception cref="ArgumentException">Empty samples, a null value, or epsilon outside (0, 1).</exception>
    public static double PopulationStabilityIndex(IReadOnlyList<string> reference, IReadOnlyList<string> current, double epsilon = 1e-4)
        => BinCategories(reference, current, epsilon).Psi;

    /// <summary>
    /// Bins a numeric feature's two samples at the reference quantiles (as <see cref="PopulationStabilityIndex(IReadOnlyList{double}, IReadOnlyList{double}, int, double)"/>)
    /// and returns the counts per bin, for plotting and for the PSI.
    /// </summary>
    /// <param name="reference">Reference sample, finite values.</param>
    /// <param name="current">Current sample, finite values.</param>
    /// <param name="bins">Number of quantile bins, at least 2; default 10.</param>
    /// <param name="epsilon">Floor for empty-bin shares in the PSI; default 1e-4.</param>
    /// <example>reference 1…10, current [1, 2, 3, 6, 7, 8, 9, 10, 11, 12], bins = 2 → bins [−∞, 5.5) and [5.5, +∞), reference counts 5/5, current 3/7.</example>
    /// <remarks>Reference: Siddiqi (2006).</remarks>
    /// <exception cref="ArgumentException">As <see cref="PopulationStabilityIndex(IReadOnlyList{double}, IReadOnlyList{double}, int, double)"/>.</exception>
    public static BinnedDistribution Bin(IReadOnlyList<double> reference, IReadOnlyList<double> current, int bins = 10, double epsilon = 1e-4)
    {
        CheckSample(reference, nameof(reference));
        CheckSample(current, nameof(current));
        if (bins < 2) throw new ArgumentOutOfRangeException(nameof(bins), bins, $"bins must be at least 2 (got {bins}).");
        CheckEpsilon(epsilon);

        double[] sorted = Sorted(reference);
        var edges = new List<double>();
        for (int i = 1; i < bins; i++)
        {
            double q = Quantile(sorted, (double)i / bins);
            if (edges.Count == 0 || q > edges[^1]) edges.Add(q);
        }
        // A degenerate reference (all values equal) still gets two bins: below and at-or-above that value.
        int k = edges.Count + 1;
        var lower = new double[k];
        var upper = new double[k];
        var labels = new string[k];
        for (int b = 0; b < k; b++)
        {
            lower[b] = b == 0 ? double.NegativeInfinity : edges[b - 1];
            upper[b] = b == k - 1 ? double.PositiveInfinity : edges[b];
            labels[b] = "[" + FormatEdge(lower[b]) + ", " + FormatEdge(upper[b]) + ")";
        }
        var refCounts = new long[k];
        var curCounts = new long[k];
        var edgeArray = edges.ToArray();
        for (int i = 0; i < reference.Count; i++) refCounts[BinIndex(edgeArray, reference[i])]++;
        for (int i = 0; i < current.Count; i++) curCounts[BinIndex(edgeArray, current[i])]++;
        return new BinnedDistribution(labels, lower, upper, refCounts, curCounts, epsilon);
    }

    /// <summary>
    /// Counts a categorical feature's two samples per category (ordered by reference frequency, then
    /// categories new in the current sample), for plotting and for the PSI.
    /// </summary>
    /// <param name="reference">Reference sample of category values (non-null).</param>
    /// <param name="current">Current sample.</param>
    /// <param name="epsilon">Floor for empty-category shares in the PSI; default 1e-4.</param>
    /// <example>reference [a, a, b], current [b, c] → labels [a, b, c], reference counts [2, 1, 0], current [0, 1, 1].</example>
    /// <remarks>Reference: Siddiqi (2006).</remarks>
    /// <exception cref="ArgumentException">Empty samples, a null value, or epsilon outside (0, 1).</exception>
    public static BinnedDistribution BinCategories<T>(IReadOnlyList<T> reference, IReadOnlyList<T> current, double epsilon = 1e-4) where T : notnull
    {
        var (categories, refCounts, curCounts) = CountCategories(reference, current);
        CheckEpsilon(epsilon);
        var labels = categories.Select(c => Convert.ToString(c, CultureInfo.InvariantCulture) ?? "").ToArray();
        var nan = Enumerable.Repeat(double.NaN, labels.Length).ToArray();
        return new BinnedDistribution(labels, nan, (double[])nan.Clone(), refCounts, curCounts, epsilon);
    }

    /// <summary>
    /// Two-sample Kolmogorov–Smirnov test: D = sup_x |F_ref(x) − F_cur(x)|, the largest vertical gap between the
    /// two empirical CDFs, with a two-sided p-value. The p-value is exact (the probability, over all equally
    /// likely interleavings of the two samples, of a gap at least D — Hodges 1958) when n·m ≤
    /// <paramref name="exactLimit"/>, and otherwise from the asymptotic Kolmogorov distribution,
    /// p = Q_KS(√(nm/(n+m))·D). Both assume continuous data; ties make them conservative.
    /// </summary>
    /// <param name="reference">Reference sample, finite values, at least one.</param>
    /// <param name="current">Current sample, finite values, at least one.</param>
    /// <param name="exactLimit">Largest n·m for the exact p-value (scipy's default is 10,000); 0 forces the asymptotic one.</param>
    /// <example>reference [1, 2, 3, 4], current [3.5, 5, 6, 7]: the ECDFs differ most at x = 3 (3/4 vs 0) → D = 0.75;
    /// exact p = 0.228571… (scipy.stats.ks_2samp).</example>
    /// <remarks>Reference: Smirnov, "Table for estimating the goodness of fit of empirical distributions", Ann. Math.
    /// Statist. 19 (1948); Hodges, "The significance probability of the Smirnov two-sample test", Ark. Mat. 3 (1958).</remarks>
    /// <exception cref="ArgumentException">Empty or non-finite samples.</exception>
    public static DriftTestResult KolmogorovSmirnov(IReadOnlyList<double> reference, IReadOnlyList<double> current, long exactLimit = 10_000)
    {
        CheckSample(reference, nameof(reference));
        CheckSample(current, nameof(current));
        double[] a = Sorted(reference), b = Sorted(current);
        long n = a.Length, m = b.Length;

        // Walk the merged order; after all values ≤ v are counted, the gap is |i/n − j/m| = |i·m − j·n| / (n·m).
        long maxGap = 0;
        int i = 0, j = 0;
        while (i < n || j < m)
        {
            double v = j >= m || (i < n && a[i] <= b[j]) ? a[i] : b[j];
            while (i < n && a[i] == v) i++;
            while (j < m && b[j] == v) j++;
            maxGap = Math.Max(maxGap, Math.Abs(i * m - j * n));
        }
        double d = (double)maxGap / (n * m);
        if (maxGap == 0) return new DriftTestResult(0, 1, double.NaN, "exact");
        if (n * m <= exactLimit)
            return new DriftTestResult(d, ExactSmirnovP(n, m, maxGap), double.NaN, "exact");
        double lambda = Math.Sqrt((double)n * m / (n + m)) * d;
        return new DriftTestResult(d, KolmogorovSurvival(lambda), double.NaN, "asymptotic");
    }

    /// <summary>
    /// Pearson's χ² test of homogeneity for a categorical feature: are the category proportions the same in
    /// both samples? Builds the 2 × K table of counts (K categories seen in either sample), χ² = Σ (O − E)²/E
    /// with E from the margins, df = K − 1; no continuity correction.
    /// </summary>
    /// <param name="reference">Reference sample of category values (non-null).</param>
    /// <param name="current">Current sample.</param>
    /// <example>reference 30 × a, 20 × b; current 20 × a, 30 × b: E = 25 everywhere, χ² = 4·25/25 = 4, df = 1, p = 0.045500…
    /// (scipy.stats.chi2_contingency with correction=False).</example>
    /// <remarks>Reference: Pearson (1900); Agresti, <i>Categorical Data Analysis</i> (3rd ed., 2013), §3.2.</remarks>
    /// <exception cref="ArgumentException">Empty samples or a null value.</exception>
    public static DriftTestResult ChiSquareTest<T>(IReadOnlyList<T> reference, IReadOnlyList<T> current) where T : notnull
    {
        var (_, refCounts, curCounts) = CountCategories(reference, current);
        int k = refCounts.Length;
        if (k < 2) return new DriftTestResult(0, 1, 0, "chi-square");
        double nR = reference.Count, nC = current.Count, total = nR + nC;
        double chi2 = 0;
        for (int c = 0; c < k; c++)
        {
            double column = refCounts[c] + curCounts[c];
            double eR = nR * column / total, eC = nC * column / total;
            chi2 += (refCounts[c] - eR) * (refCounts[c] - eR) / eR + (curCounts[c] - eC) * (curCounts[c] - eC) / eC;
        }
        int df = k - 1;
        return new DriftTestResult(chi2, SpecialFunctions.GammaUpperRegularized(df / 2.0, chi2 / 2), df, "chi-square");
    }

    /// <summary>
    /// Survival function of the Kolmogorov distribution, Q(λ) = P(K &gt; λ) = 2 Σ_{k≥1} (−1)^{k−1} e^{−2k²λ²},
    /// using the equivalent Jacobi-theta form 1 − (√(2π)/λ) Σ e^{−(2k−1)²π²/(8λ²)} for small λ where the first
    /// series converges slowly.
    /// </summary>
    /// <param name="lambda">The scaled statistic, ≥ 0.</param>
    /// <example>Q(1) = 0.269999…; Q(1.358099) ≈ 0.05 (the classic 5 % critical value).</example>
    /// <remarks>Reference: Kolmogorov, "Sulla determinazione empirica di una legge di distribuzione" (1933);
    /// Marsaglia, Tsang &amp; Wang, J. Stat. Software 8 (2003).</remarks>
    public static double KolmogorovSurvival(double lambda)
    {
        if (double.IsNaN(lambda)) throw new ArgumentException("lambda must not be NaN.", nameof(lambda));
        if (lambda <= 0) return 1;
        if (lambda < 1.0)
        {
            double s = 0, f = -Math.PI * Math.PI / (8 * lambda * lambda);
            for (int k = 1; k <= 50; k++)
            {
                double term = Math.Exp((2 * k - 1) * (2 * k - 1) * f);
                s += term;
                if (term < 1e-17 * s) break;
            }
            return 1 - Math.Sqrt(2 * Math.PI) / lambda * s;
        }
        double sum = 0;
        for (int k = 1; k <= 100; k++)
        {
            double term = Math.Exp(-2.0 * k * k * lambda * lambda);
            sum += (k % 2 == 1 ? 1 : -1) * term;
            if (term < 1e-17) break;
        }
        return Math.Clamp(2 * sum, 0, 1);
    }

    // ---- internals ----------------------------------------------------------------------------------

    /// <summary>P(max over the lattice path of |i·m − j·n| ≥ gap), each of the C(n+m, n) paths equally likely.</summary>
    internal static double ExactSmirnovP(long n, long m, long gap)
    {
        // mass[j] = probability of reaching (i, j) without having touched the boundary; absorbed mass is the p-value.
        var mass = new double[m + 1];
        double absorbed = 0;
        for (long i = 0; i <= n; i++)
        {
            for (long j = 0; j <= m; j++)
            {
                double p;
                if (i == 0 && j == 0) p = 1;
                else
                {
                    p = 0;
                    // from (i−1, j): a step in the reference direction
                    if (i > 0) p += mass[j] * (double)(n - (i - 1)) / ((n - (i - 1)) + (m - j));
                    // from (i, j−1): a step in the current direction
                    if (j > 0) p += mass[j - 1] * (double)(m - (j - 1)) / ((n - i) + (m - (j - 1)));
                }
                if (Math.Abs(i * m - j * n) >= gap) { absorbed += p; p = 0; }
                mass[j] = p;
            }
        }
        return Math.Clamp(absorbed, 0, 1);
    }

    // number of edges ≤ x: bins are [lower, upper)
    private static int BinIndex(double[] edges, double x) => SortedSearch.UpperBound<double>(edges, x);

    /// <summary>Type-7 (linear interpolation) quantile of sorted data, as numpy's default.</summary>
    internal static double Quantile(double[] sorted, double p)
    {
        double h = (sorted.Length - 1) * p;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double[] Sorted(IReadOnlyList<double> values)
    {
        var copy = new double[values.Count];
        for (int i = 0; i < copy.Length; i++) copy[i] = values[i];
        Array.Sort(copy);
        return copy;
    }

    private static (T[] Categories, long[] Reference, long[] Current) CountCategories<T>(IReadOnlyList<T> reference, IReadOnlyList<T> current) where T : notnull
    {
        CheckCategorical(reference, nameof(reference));
        CheckCategorical(current, nameof(current));
        var refCounts = new Dictionary<T, long>();
        var curCounts = new Dictionary<T, long>();
        foreach (var v in reference) refCounts[v] = refCounts.GetValueOrDefault(v) + 1;
        foreach (var v in current) curCounts[v] = curCounts.GetValueOrDefault(v) + 1;
        string Key(T v) => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "";
        var known = refCounts.Keys.OrderByDescending(c => refCounts[c]).ThenBy(Key, StringComparer.Ordinal);
        var added = curCounts.Keys.Where(c => !refCounts.ContainsKey(c)).OrderByDescending(c => curCounts[c]).ThenBy(Key, StringComparer.Ordinal);
        var categories = known.Concat(added).ToArray();
        return (categories,
            categories.Select(c => refCounts.GetValueOrDefault(c)).ToArray(),
            categories.Select(c => curCounts.GetValueOrDefault(c)).ToArray());
    }

    private static void CheckSample(IReadOnlyList<double> values, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        if (values.Count == 0) throw new ArgumentException($"{name} must not be empty.", name);
        for (int i = 0; i < values.Count; i++)
            if (!double.IsFinite(values[i]))
                throw new ArgumentException(
                    $"{name} must hold finite numbers (found {values[i].ToString(CultureInfo.InvariantCulture)} at index {i}); drop or impute missing values first.", name);
    }

    private static void CheckCategorical<T>(IReadOnlyList<T> values, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        if (values.Count == 0) throw new ArgumentException($"{name} must not be empty.", name);
        for (int i = 0; i < values.Count; i++)
            if (values[i] is null)
                throw new ArgumentException($"{name} must not contain null (found null at index {i}); map missing values to a category such as \"(missing)\".", name);
    }

    private static void CheckEpsilon(double epsilon)
    {
        if (!(epsilon > 0 && epsilon < 1))
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, $"epsilon must be in (0, 1) (got {epsilon.ToString(CultureInfo.InvariantCulture)}).");
    }

    private static string FormatEdge(double x) => double.IsNegativeInfinity(x) ? "−∞" : double.IsPositiveInfinity(x) ? "+∞"
        : x.ToString("G4", CultureInfo.InvariantCulture);

    internal static string FormatP(double p) => p < 1e-4
        ? p.ToString("0.0e+0", CultureInfo.InvariantCulture)
        : p.ToString("0.0000", CultureInfo.InvariantCulture);
}
