namespace Mlsd.Experiments;

/// <summary>
/// How many units each arm needs so that a real effect of a given size is detected with the desired
/// probability (power) by a two-sided test at significance level α — the calculation to do before
/// launching an A/B test, not after.
/// </summary>
public static class SampleSize
{
    /// <summary>
    /// Units per arm to distinguish conversion rates <paramref name="baselineRate"/> and
    /// <paramref name="treatmentRate"/> with a two-sided two-proportion z-test:
    /// n = [z₁₋α/₂ √(2 p̄ q̄) + z₁₋β √(p₁q₁ + p₂q₂)]² / (p₂ − p₁)², p̄ = (p₁ + p₂)/2, rounded up.
    /// Halving the detectable difference roughly quadruples n.
    /// </summary>
    /// <param name="baselineRate">Control rate p₁, in (0, 1).</param>
    /// <param name="treatmentRate">Treatment rate p₂ to detect, in (0, 1), ≠ p₁.</param>
    /// <param name="alpha">Two-sided significance level, in (0, 1); default 0.05.</param>
    /// <param name="power">Probability of detecting the effect, in (0, 1); default 0.8.</param>
    /// <example>p₁ = 0.5, p₂ = 0.75, α = 0.05, power 0.9 → 76.707… → 77 per arm (R's <c>power.prop.test</c> documentation example).</example>
    /// <remarks>Reference: Fleiss, Levin &amp; Paik, <i>Statistical Methods for Rates and Proportions</i> (3rd ed., 2003), eq. 4.14
    /// without continuity correction; the same formula as R's <c>power.prop.test</c>.</remarks>
    /// <exception cref="ArgumentException">A rate, α or power outside (0, 1), or equal rates.</exception>
    public static long PerArm(double baselineRate, double treatmentRate, double alpha = 0.05, double power = 0.8)
        => (long)Math.Ceiling(PerArmExact(baselineRate, treatmentRate, alpha, power) - 1e-9);

    /// <summary>
    /// Units per arm to detect a <b>relative</b> lift of a conversion rate: treatment rate =
    /// baseline × (1 + <paramref name="relativeLift"/>). The usual way to state a minimum detectable effect
    /// ("we care about +5 % CTR").
    /// </summary>
    /// <param name="baselineRate">Control rate, in (0, 1).</param>
    /// <param name="relativeLift">Minimum detectable relative change, e.g. 0.05 for +5 %; non-zero, and the treatment rate must stay in (0, 1).</param>
    /// <param name="alpha">Two-sided significance level; default 0.05.</param>
    /// <param name="power">Power; default 0.8.</param>
    /// <example>baseline 0.5, relative lift 0.5 (→ 0.75), α = 0.05, power 0.9 → 77 per arm.</example>
    /// <remarks>Reference: Kohavi, Tang &amp; Xu, <i>Trustworthy Online Controlled Experiments</i> (2020), ch. 17; Fleiss et al. (2003).</remarks>
    /// <exception cref="ArgumentException">As <see cref="PerArm"/>.</exception>
    public static long PerArmForRelativeLift(double baselineRate, double relativeLift, double alpha = 0.05, double power = 0.8)
    {
        CheckOpenUnit(baselineRate, nameof(baselineRate));
        double treatment = baselineRate * (1 + relativeLift);
        if (!(treatment > 0 && treatment < 1) || relativeLift == 0)
            throw new ArgumentOutOfRangeException(nameof(relativeLift), relativeLift,
                $"relativeLift must be non-zero and keep the treatment rate baselineRate·(1 + relativeLift) in (0, 1) (got {treatment:0.####}).");
        return PerArm(baselineRate, treatment, alpha, power);
    }

    /// <summary>
    /// Units per arm to detect a difference <paramref name="delta"/> in means of a continuous metric with
    /// standard deviation <paramref name="standardDeviation"/> (normal approximation):
    /// n = 2 (z₁₋α/₂ + z₁₋β)² σ² / δ², rounded up.
    /// </summary>
    /// <param name="standardDeviation">Per-unit standard deviation σ, &gt; 0.</param>
    /// <param name="delta">Difference in means to detect, ≠ 0.</param>
    /// <param name="alpha">Two-sided significance level; default 0.05.</param>
    /// <param name="power">Power; default 0.8.</param>
    /// <example>σ = 1, δ = 0.5, α = 0.05, power 0.8: 2·(1.959964 + 0.841621)²·4 = 62.79… → 63 per arm.</example>
    /// <remarks>Reference: Chow, Shao &amp; Wang, <i>Sample Size Calculations in Clinical Research</i> (2nd ed., 2008), §3.2.1;
    /// van Belle, <i>Statistical Rules of Thumb</i> (2008), rule 2.3 (n ≈ 16 σ²/δ²).</remarks>
    /// <exception cref="ArgumentException">σ ≤ 0, δ = 0, or α/power outside (0, 1).</exception>
    public static long PerArmForMeans(double standardDeviation, double delta, double alpha = 0.05, double power = 0.8)
    {
        if (!(standardDeviation > 0) || double.IsInfinity(standardDeviation))
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation, "standardDeviation must be a finite number > 0.");
        if (delta == 0 || !double.IsFinite(delta))
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "delta must be a finite non-zero difference.");
        CheckOpenUnit(alpha, nameof(alpha));
        CheckOpenUnit(power, nameof(power));
        double z = HypothesisTests.NormalQuantile(1 - alpha / 2) + HypothesisTests.NormalQuantile(power);
        return (long)Math.Ceiling(2 * z * z * standardDeviation * standardDeviation / (delta * delta) - 1e-9);
    }

    /// <summary>
    /// The sample standard deviation, √(Σ(xᵢ − x̄)² / (n − 1)): the σ that <see cref="PerArmForMeans"/> needs, estimated
    /// from a pilot test's per-unit values (e.g. revenue per request of each user).
    /// </summary>
    /// <param name="values">At least two finite values.</param>
    /// <example>[2, 4, 4, 4, 5, 5, 7, 9]: mean 5, squared deviations sum to 32, √(32 / 7) = 2.138090…</example>
    /// <exception cref="ArgumentException">Fewer than two values, or a value that is not finite.</exception>
    public static double StandardDeviation(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count < 2) throw new ArgumentException($"values must hold at least two values (got {values.Count}).", nameof(values));
        double mean = 0;
        for (int i = 0; i < values.Count; i++)
        {
            if (!double.IsFinite(values[i])) throw new ArgumentException($"values[{i}] = {values[i]} is not finite.", nameof(values));
            mean += values[i];
        }
        mean /= values.Count;
        double sum = 0;
        foreach (double v in values) sum += (v - mean) * (v - mean);
        return Math.Sqrt(sum / (values.Count - 1));
    }

    /// <summary>The unrounded n of <see cref="PerArm"/>.</summary>
    /// <param name="baselineRate">Control rate p₁, in (0, 1).</param>
    /// <param name="treatmentRate">Treatment rate p₂, in (0, 1), ≠ p₁.</param>
    /// <param name="alpha">Two-sided significance level; default 0.05.</param>
    /// <param name="power">Power; default 0.8.</param>
    /// <exception cref="ArgumentException">As <see cref="PerArm"/>.</exception>
    public static double PerArmExact(double baselineRate, double treatmentRate, double alpha = 0.05, double power = 0.8)
    {
        CheckOpenUnit(baselineRate, nameof(baselineRate));
        CheckOpenUnit(treatmentRate, nameof(treatmentRate));
        CheckOpenUnit(alpha, nameof(alpha));
        CheckOpenUnit(power, nameof(power));
        if (baselineRate == treatmentRate)
            throw new ArgumentException("treatmentRate must differ from baselineRate: there is no effect to detect.", nameof(treatmentRate));
        double p1 = baselineRate, p2 = treatmentRate, pBar = (p1 + p2) / 2;
        double zAlpha = HypothesisTests.NormalQuantile(1 - alpha / 2), zBeta = HypothesisTests.NormalQuantile(power);
        double root = zAlpha * Math.Sqrt(2 * pBar * (1 - pBar)) + zBeta * Math.Sqrt(p1 * (1 - p1) + p2 * (1 - p2));
        return root * root / ((p2 - p1) * (p2 - p1));
    }

    private static void CheckOpenUnit(double value, string name)
    {
        if (!(value > 0 && value < 1))
            throw new ArgumentOutOfRangeException(name, value,
                $"{name} must be in (0, 1) (got {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}).");
    }
}
