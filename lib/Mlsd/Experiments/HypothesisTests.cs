using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace Mlsd.Experiments;

/// <summary>The outcome of a significance test.</summary>
/// <param name="Statistic">The test statistic (z or t), treatment minus control in sign.</param>
/// <param name="PValue">Two-sided p-value.</param>
/// <param name="DegreesOfFreedom">Degrees of freedom of a t statistic; +∞ for a z statistic.</param>
public sealed record TestResult(double Statistic, double PValue, double DegreesOfFreedom)
{
    /// <inheritdoc/>
    public override string ToString() => double.IsPositiveInfinity(DegreesOfFreedom)
        ? FormattableString.Invariant($"z = {Statistic:0.000}, p = {AbTestResult.FormatP(PValue)}")
        : FormattableString.Invariant($"t = {Statistic:0.000} (df = {DegreesOfFreedom:0.0}), p = {AbTestResult.FormatP(PValue)}");
}

/// <summary>
/// The two tests an A/B readout needs: a two-proportion z-test for binary metrics (conversion, click)
/// and Welch's t-test for continuous ones (watch time, revenue), both two-sided.
/// </summary>
public static class HypothesisTests
{
    /// <summary>
    /// Two-proportion z-test of H₀: p_A = p_B, with the pooled proportion p̂ = (x_A + x_B)/(n_A + n_B) in the
    /// standard error: z = (p̂_B − p̂_A) / √(p̂(1 − p̂)(1/n_A + 1/n_B)); p = 2·(1 − Φ(|z|)).
    /// </summary>
    /// <param name="successesA">Successes in group A (control).</param>
    /// <param name="nA">Size of group A, ≥ 1.</param>
    /// <param name="successesB">Successes in group B (treatment).</param>
    /// <param name="nB">Size of group B, ≥ 1.</param>
    /// <example>45/100 vs 60/100: p̂ = 0.525, SE = √(0.525·0.475·0.02) = 0.070622…, z = 2.123977…, p = 0.033672… (χ² = z² = 4.5113, as scipy.stats.chi2_contingency without correction)</example>
    /// <remarks>Reference: Fleiss, Levin &amp; Paik, <i>Statistical Methods for Rates and Proportions</i> (3rd ed., 2003), §2.2
    /// (equivalent to Pearson's χ² test without continuity correction: z² = χ²).</remarks>
    /// <exception cref="ArgumentException">A size &lt; 1 or successes outside [0, n].</exception>
    public static TestResult TwoProportionZTest(long successesA, long nA, long successesB, long nB)
    {
        CheckCounts(successesA, nA, nameof(successesA), nameof(nA));
        CheckCounts(successesB, nB, nameof(successesB), nameof(nB));
        double pA = (double)successesA / nA, pB = (double)successesB / nB;
        double pooled = (double)(successesA + successesB) / (nA + nB);
        double se = Math.Sqrt(pooled * (1 - pooled) * (1.0 / nA + 1.0 / nB));
        if (se == 0) return new TestResult(0, 1, double.PositiveInfinity); // both groups all 0 or all 1
        double z = (pB - pA) / se;
        return new TestResult(z, TwoSidedNormalP(z), double.PositiveInfinity);
    }

    /// <summary>
    /// Welch's unequal-variance t-test of H₀: μ_A = μ_B from summary statistics:
    /// t = (m_B − m_A) / √(s²_A/n_A + s²_B/n_B), with Welch–Satterthwaite degrees of freedom
    /// ν = (s²_A/n_A + s²_B/n_B)² / ((s²_A/n_A)²/(n_A − 1) + (s²_B/n_B)²/(n_B − 1)).
    /// </summary>
    /// <param name="meanA">Sample mean of A.</param>
    /// <param name="varianceA">Unbiased sample variance of A (n − 1 denominator), ≥ 0.</param>
    /// <param name="nA">Size of A, ≥ 2.</param>
    /// <param name="meanB">Sample mean of B.</param>
    /// <param name="varianceB">Unbiased sample variance of B, ≥ 0.</param>
    /// <param name="nB">Size of B, ≥ 2.</param>
    /// <example>A = [1, 2, 3, 4], B = [2, 4, 6, 8, 10]: t = 2.251436…, ν = 5.520788…, p = 0.069134… (scipy.stats.ttest_ind, equal_var=False).</example>
    /// <remarks>Reference: Welch, "The generalization of 'Student's' problem when several different population variances are
    /// involved", Biometrika 34 (1947); Satterthwaite, Biometrics Bulletin 2 (1946).</remarks>
    /// <exception cref="ArgumentException">A size &lt; 2, a negative or non-finite variance, or a non-finite mean.</exception>
    public static TestResult WelchTTest(double meanA, double varianceA, long nA, double meanB, double varianceB, long nB)
    {
        CheckMoments(meanA, varianceA, nA, "A");
        CheckMoments(meanB, varianceB, nB, "B");
        double vA = varianceA / nA, vB = varianceB / nB;
        double se = Math.Sqrt(vA + vB);
        if (se == 0) return new TestResult(0, meanA == meanB ? 1 : 0, double.PositiveInfinity);
        double t = (meanB - meanA) / se;
        double df = WelchDegreesOfFreedom(vA, nA, vB, nB);
        return new TestResult(t, TwoSidedStudentP(t, df), df);
    }

    /// <summary>Welch's t-test on two samples; see <see cref="WelchTTest(double, double, long, double, double, long)"/>.</summary>
    /// <param name="a">Sample A (control), at least 2 finite values.</param>
    /// <param name="b">Sample B (treatment), at least 2 finite values.</param>
    /// <example>A = [1, 2, 3, 4], B = [2, 4, 6, 8, 10] → t = 2.251436…, p = 0.069134…</example>
    /// <remarks>Reference: Welch (1947).</remarks>
    /// <exception cref="ArgumentException">Fewer than 2 values or a non-finite value.</exception>
    public static TestResult WelchTTest(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var (meanA, varA) = MeanVariance(a, nameof(a));
        var (meanB, varB) = MeanVariance(b, nameof(b));
        return WelchTTest(meanA, varA, a.Count, meanB, varB, b.Count);
    }

    // ---- shared numerics ---------------------------------------------------------------------------

    /// <summary>2·(1 − Φ(|z|)) computed as erfc(|z|/√2), accurate far into the tail.</summary>
    internal static double TwoSidedNormalP(double z) => SpecialFunctions.Erfc(Math.Abs(z) / Math.Sqrt(2));

    internal static double TwoSidedStudentP(double t, double df) =>
        double.IsPositiveInfinity(df) ? TwoSidedNormalP(t) : Math.Min(1, 2 * StudentT.CDF(0, 1, df, -Math.Abs(t)));

    internal static double NormalQuantile(double p) => Normal.InvCDF(0, 1, p);

    internal static double StudentQuantile(double p, double df) =>
        double.IsPositiveInfinity(df) || df > 1e7 ? NormalQuantile(p) : StudentT.InvCDF(0, 1, df, p);

    internal static double WelchDegreesOfFreedom(double vA, long nA, double vB, long nB)
    {
        double numerator = (vA + vB) * (vA + vB);
        double denominator = vA * vA / (nA - 1) + vB * vB / (nB - 1);
        return denominator == 0 ? double.PositiveInfinity : numerator / denominator;
    }

    internal static (double Mean, double Variance) MeanVariance(IReadOnlyList<double> values, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        if (values.Count < 2)
            throw new ArgumentException($"{name} must hold at least 2 values to estimate a variance (got {values.Count}).", name);
        double mean = 0;
        for (int i = 0; i < values.Count; i++)
        {
            double v = values[i];
            if (!double.IsFinite(v))
                throw new ArgumentException(
                    $"{name} must hold finite numbers (found {v.ToString(System.Globalization.CultureInfo.InvariantCulture)} at index {i}).", name);
            mean += v;
        }
        mean /= values.Count;
        double ss = 0;
        for (int i = 0; i < values.Count; i++) ss += (values[i] - mean) * (values[i] - mean);
        return (mean, ss / (values.Count - 1));
    }

    private static void CheckCounts(long successes, long n, string successesName, string nName)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nName, n, $"{nName} must be at least 1 (got {n}).");
        if (successes < 0 || successes > n)
            throw new ArgumentOutOfRangeException(successesName, successes,
                $"{successesName} must be in [0, {nName}] = [0, {n}] (got {successes}).");
    }

    private static void CheckMoments(double mean, double variance, long n, string group)
    {
        if (n < 2) throw new ArgumentOutOfRangeException("n" + group, n, $"n{group} must be at least 2 (got {n}).");
        if (!double.IsFinite(mean)) throw new ArgumentException($"mean{group} must be finite.", "mean" + group);
        if (!(variance >= 0) || double.IsInfinity(variance))
            throw new ArgumentException($"variance{group} must be a finite number ≥ 0.", "variance" + group);
    }
}
