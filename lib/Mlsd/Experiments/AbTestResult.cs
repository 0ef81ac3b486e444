using System.Globalization;
using System.Text;
using Mlsd.Formatting;

namespace Mlsd.Experiments;

/// <summary>What kind of per-unit metric an A/B result summarises, which decides its test.</summary>
public enum MetricKind
{
    /// <summary>A 0/1 outcome per unit (converted, clicked); two-proportion z-test.</summary>
    Binary,

    /// <summary>A real value per unit (watch time, revenue); Welch's t-test.</summary>
    Continuous,

    /// <summary>A ratio of sums over units (clicks / impressions when the unit is a user); delta-method z-test.</summary>
    Ratio,
}

/// <summary>
/// The readout of one metric of an A/B test: the value in each arm, the absolute difference and the
/// relative lift with confidence intervals, and a two-sided significance test.
/// </summary>
/// <remarks>
/// <para>Intervals: the absolute difference uses the unpooled standard error (Wald) — with Welch's t
/// quantile for continuous metrics; the relative lift (treatment / control − 1) uses the delta method,
/// Var(lift) ≈ Var(m_T)/m_C² + m_T² Var(m_C)/m_C⁴ (Kohavi, Tang &amp; Xu 2020, ch. 18). The p-value of a
/// binary metric comes from the pooled z-test, so at the very edge of significance the test and the
/// interval can disagree; both are the field's standard choices.</para>
/// <para>The lift is NaN when the control value is 0.</para>
/// </remarks>
/// <param name="Metric">Metric name, e.g. "CTR".</param>
/// <param name="Kind">Binary, continuous or ratio.</param>
/// <param name="ControlCount">Units in control.</param>
/// <param name="TreatmentCount">Units in treatment.</param>
/// <param name="ControlValue">Control rate / mean / ratio.</param>
/// <param name="TreatmentValue">Treatment rate / mean / ratio.</param>
/// <param name="Difference">Treatment − control.</param>
/// <param name="DifferenceLow">Lower confidence bound of the difference.</param>
/// <param name="DifferenceHigh">Upper confidence bound of the difference.</param>
/// <param name="RelativeLift">Treatment / control − 1.</param>
/// <param name="RelativeLiftLow">Lower confidence bound of the lift.</param>
/// <param name="RelativeLiftHigh">Upper confidence bound of the lift.</param>
/// <param name="Test">The significance test (statistic, two-sided p-value, degrees of freedom).</param>
/// <param name="ConfidenceLevel">Confidence level of the intervals, e.g. 0.95.</param>
/// <param name="AsPercentage">Show the arm values as percentages (rates).</param>
[TypeFormatterSource(typeof(HtmlRenderableFormatterSource))]
public sealed record AbTestResult(
    string Metric, MetricKind Kind, long ControlCount, long TreatmentCount,
    double ControlValue, double TreatmentValue,
    double Difference, double DifferenceLow, double DifferenceHigh,
    double RelativeLift, double RelativeLiftLow, double RelativeLiftHigh,
    TestResult Test, double ConfidenceLevel, bool AsPercentage) : IHtmlRenderable
{
    /// <summary>Two-sided p-value of the test.</summary>
    public double PValue => Test.PValue;

    /// <summary>True when the p-value is below 1 − <see cref="ConfidenceLevel"/>.</summary>
    public bool IsSignificant => Test.PValue < 1 - ConfidenceLevel;

    /// <summary>
    /// A binary metric from success counts: e.g. 310 clicks of 10,000 users in control vs 342 of 10,000.
    /// </summary>
    /// <param name="metric">Metric name.</param>
    /// <param name="controlSuccesses">Successes in control.</param>
    /// <param name="controlCount">Units in control, ≥ 1.</param>
    /// <param name="treatmentSuccesses">Successes in treatment.</param>
    /// <param name="treatmentCount">Units in treatment, ≥ 1.</param>
    /// <param name="confidenceLevel">Confidence level in (0, 1); default 0.95.</param>
    /// <example>45/100 vs 60/100 → difference 0.15 with 95 % CI 0.0132 … 0.2868, lift +33.3 % (CI −2.6 % … +69.2 %), z = 2.124, p = 0.0337.</example>
    /// <remarks>Reference: Fleiss, Levin &amp; Paik (2003), §2.2; Kohavi, Tang &amp; Xu (2020), ch. 17–18.</remarks>
    /// <exception cref="ArgumentException">Counts out of range or a confidence level outside (0, 1).</exception>
    public static AbTestResult ForBinary(string metric, long controlSuccesses, long controlCount,
        long treatmentSuccesses, long treatmentCount, double confidenceLevel = 0.95)
    {
        CheckLevel(confidenceLevel);
        var test = HypothesisTests.TwoProportionZTest(controlSuccesses, controlCount, treatmentSuccesses, treatmentCount);
        double pC = (double)controlSuccesses / controlCount, pT = (double)treatmentSuccesses / treatmentCount;
        double varC = pC * (1 - pC) / controlCount, varT = pT * (1 - pT) / treatmentCount;
        return Build(metric, MetricKind.Binary, controlCount, treatmentCount, pC, pT, varC, varT,
            HypothesisTests.NormalQuantile(0.5 + confidenceLevel / 2), test, confidenceLevel, asPercentage: true);
    }

    /// <summary>A continuous metric from the per-unit values of each arm (Welch's t-test).</summary>
    /// <param name="metric">Metric name.</param>
    /// <param name="control">Per-unit values in control (≥ 2, finite).</param>
    /// <param name="treatment">Per-unit values in treatment (≥ 2, finite).</param>
    /// <param name="confidenceLevel">Confidence level in (0, 1); default 0.95.</param>
    /// <example>control [1, 2, 3, 4], treatment [2, 4, 6, 8, 10] → means 2.5 → 6, t = 2.251, df = 5.52, p = 0.0691.</example>
    /// <remarks>Reference: Welch (1947); Kohavi, Tang &amp; Xu (2020), ch. 17.</remarks>
    /// <exception cref="ArgumentException">Too few or non-finite values, or a confidence level outside (0, 1).</exception>
    public static AbTestResult ForContinuous(string metric, IReadOnlyList<double> control, IReadOnlyList<double> treatment,
        double confidenceLevel = 0.95)
    {
        CheckLevel(confidenceLevel);
        var (mC, sC) = HypothesisTests.MeanVariance(control, nameof(control));
        var (mT, sT) = HypothesisTests.MeanVariance(treatment, nameof(treatment));
        var test = HypothesisTests.WelchTTest(mC, sC, control.Count, mT, sT, treatment.Count);
        double critical = HypothesisTests.StudentQuantile(0.5 + confidenceLevel / 2, test.DegreesOfFreedom);
        return Build(metric, MetricKind.Continuous, control.Count, treatment.Count, mC, mT,
            sC / control.Count, sT / treatment.Count, critical, test, confidenceLevel, asPercentage: false);
    }

    /// <summary>
    /// A ratio metric Σ numerator / Σ denominator per arm (e.g. clicks / impressions with users as the
    /// randomization unit), with the delta-method variance of a ratio of means,
    /// Var(R) ≈ (s²_x − 2R s_xy + R² s²_y) / (n ȳ²), and a z-test on the difference.
    /// Treating each impression as independent would understate the variance, because one user's
    /// impressions are correlated.
    /// </summary>
    /// <param name="metric">Metric name.</param>
    /// <param name="controlNumerators">Per-unit numerators in control.</param>
    /// <param name="controlDenominators">Per-unit denominators in control (parallel; sum &gt; 0).</param>
    /// <param name="treatmentNumerators">Per-unit numerators in treatment.</param>
    /// <param name="treatmentDenominators">Per-unit denominators in treatment (parallel; sum &gt; 0).</param>
    /// <param name="confidenceLevel">Confidence level in (0, 1); default 0.95.</param>
    /// <param name="asPercentage">Show the ratios as percentages (true for CTR-like ratios).</param>
    /// <example>Control clicks [1, 0, 2] over impressions [10, 5, 10] → R = 3/25 = 0.12.</example>
    /// <remarks>Reference: Deng, Knoblich &amp; Lu, "Applying the delta method in metric analytics", KDD 2018.</remarks>
    /// <exception cref="ArgumentException">Mismatched lengths, fewer than 2 units, non-finite values, or a zero denominator sum.</exception>
    public static AbTestResult ForRatio(string metric,
        IReadOnlyList<double> controlNumerators, IReadOnlyList<double> controlDenominators,
        IReadOnlyList<double> treatmentNumerators, IReadOnlyList<double> treatmentDenominators,
        double confidenceLevel = 0.95, bool asPercentage = false)
    {
        CheckLevel(confidenceLevel);
        var (rC, varC) = RatioMoments(controlNumerators, controlDenominators, nameof(controlNumerators), nameof(controlDenominators));
        var (rT, varT) = RatioMoments(treatmentNumerators, treatmentDenominators, nameof(treatmentNumerators), nameof(treatmentDenominators));
        double se = Math.Sqrt(varC + varT);
        double z = se == 0 ? 0 : (rT - rC) / se;
        var test = new TestResult(z, se == 0 ? (rT == rC ? 1 : 0) : HypothesisTests.TwoSidedNormalP(z), double.PositiveInfinity);
        return Build(metric, MetricKind.Ratio, controlNumerators.Count, treatmentNumerators.Count, rC, rT, varC, varT,
            HypothesisTests.NormalQuantile(0.5 + confidenceLevel / 2), test, confidenceLevel, asPercentage);
    }

    /// <summary>
    /// One line, e.g. <c>CTR 3.10% → 3.42% (+10.3%, 95% CI +4.1% … +16.5%), p = 0.0012, n = 20,000 per arm</c>.
    /// </summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(Metric).Append(' ').Append(FormatValue(ControlValue)).Append(" → ").Append(FormatValue(TreatmentValue)).Append(" (");
        if (double.IsFinite(RelativeLift))
            sb.Append(FormatLift(RelativeLift)).Append(", ").Append(Level).Append(" CI ")
              .Append(FormatLift(RelativeLiftLow)).Append(" … ").Append(FormatLift(RelativeLiftHigh));
        else
            sb.Append("difference ").Append(FormatSignedValue(Difference)).Append(", ").Append(Level).Append(" CI ")
              .Append(FormatSignedValue(DifferenceLow)).Append(" … ").Append(FormatSignedValue(DifferenceHigh));
        sb.Append("), p ").Append(PText).Append(", n = ").Append(SizeText);
        return sb.ToString();
    }

    /// <summary>A one-row HTML table: metric, both arms, lift with its interval, p-value and n; a significant
    /// lift is coloured green (up) or red (down).</summary>
    public string ToHtml() => HtmlTable([this]);

    // ---- formatting -------------------------------------------------------------------------------

    internal string Level => (ConfidenceLevel * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    internal string PText => Test.PValue < 1e-4 ? "< 0.0001" : "= " + FormatP(Test.PValue);

    internal string SizeText => ControlCount == TreatmentCount
        ? ControlCount.ToString("N0", CultureInfo.InvariantCulture) + " per arm"
        : ControlCount.ToString("N0", CultureInfo.InvariantCulture) + " control / " +
          TreatmentCount.ToString("N0", CultureInfo.InvariantCulture) + " treatment";

    internal static string FormatP(double p) => p < 1e-4
        ? p.ToString("0.0e+0", CultureInfo.InvariantCulture)
        : p.ToString("0.0000", CultureInfo.InvariantCulture);

    internal string FormatValue(double v) => AsPercentage
        ? (v * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%"
        : FormatNumber(v);

    private string FormatSignedValue(double v) => (v >= 0 ? "+" : "") + FormatValue(v);

    internal static string FormatLift(double lift) =>
        (lift >= 0 ? "+" : "") + (lift * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>About four significant digits, thousands separated: 41.23, 1,234.5, 0.004567.</summary>
    internal static string FormatNumber(double v)
    {
        if (!double.IsFinite(v)) return v.ToString(CultureInfo.InvariantCulture);
        if (v == 0) return "0";
        int decimals = Math.Clamp(3 - (int)Math.Floor(Math.Log10(Math.Abs(v))), 0, 8);
        return v.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    internal static string HtmlTable(IReadOnlyList<AbTestResult> results)
    {
        var sb = new StringBuilder();
        sb.Append("<table style=\"border-collapse:collapse;font-family:system-ui,sans-serif;font-size:13px\">")
          .Append("<thead><tr>");
        foreach (var h in new[] { "metric", "control", "treatment", "lift", "CI", "p", "n (C / T)" })
            sb.Append("<th style=\"padding:4px 10px;border-bottom:2px solid rgba(128,128,128,.6);text-align:")
              .Append(h == "metric" ? "left" : "right").Append("\">").Append(h).Append("</th>");
        sb.Append("</tr></thead><tbody>");
        foreach (var r in results)
        {
            string color = !r.IsSignificant ? "inherit" : r.Difference > 0 ? "#1a7f37" : "#cf222e";
            const string cell = "<td style=\"padding:3px 10px;border-bottom:1px solid rgba(128,128,128,.25);text-align:right;font-variant-numeric:tabular-nums";
            bool liftOk = double.IsFinite(r.RelativeLift);
            sb.Append("<tr><td style=\"padding:3px 10px;border-bottom:1px solid rgba(128,128,128,.25)\">").Append(Html.Escape(r.Metric)).Append("</td>")
              .Append(cell).Append("\">").Append(Html.Escape(r.FormatValue(r.ControlValue))).Append("</td>")
              .Append(cell).Append("\">").Append(Html.Escape(r.FormatValue(r.TreatmentValue))).Append("</td>")
              .Append(cell).Append(";font-weight:600;color:").Append(color).Append("\">")
              .Append(liftOk ? FormatLift(r.RelativeLift) : "n/a").Append("</td>")
              .Append(cell).Append("\">").Append(r.Level).Append(' ')
              .Append(liftOk ? FormatLift(r.RelativeLiftLow) + " … " + FormatLift(r.RelativeLiftHigh) : "n/a").Append("</td>")
              .Append(cell).Append("\">").Append(Html.Escape(r.PText.TrimStart('=', ' '))).Append("</td>")
              .Append(cell).Append("\">").Append(r.ControlCount.ToString("N0", CultureInfo.InvariantCulture)).Append(" / ")
              .Append(r.TreatmentCount.ToString("N0", CultureInfo.InvariantCulture)).Append("</td></tr>");
        }
        sb.Append("</tbody></table>");
        return sb.ToString();
    }

    // ---- construction -----------------------------------------------------------------------------

    private static AbTestResult Build(string metric, MetricKind kind, long nC, long nT, double mC, double mT,
        double varMeanC, double varMeanT, double critical, TestResult test, double level, bool asPercentage)
    {
        ArgumentNullException.ThrowIfNull(metric);
        double diff = mT - mC;
        double seDiff = Math.Sqrt(varMeanC + varMeanT);
        double lift = double.NaN, liftLow = double.NaN, liftHigh = double.NaN;
        if (mC != 0)
        {
            lift = mT / mC - 1;
            double seLift = Math.Sqrt(varMeanT / (mC * mC) + mT * mT * varMeanC / (mC * mC * mC * mC));
            liftLow = lift - critical * seLift;
            liftHigh = lift + critical * seLift;
        }
        return new AbTestResult(metric, kind, nC, nT, mC, mT, diff, diff - critical * seDiff, diff + critical * seDiff,
            lift, liftLow, liftHigh, test, level, asPercentage);
    }

    private static (double Ratio, double VarianceOfRatio) RatioMoments(IReadOnlyList<double> x, IReadOnlyList<double> y, string xName, string yName)
    {
        ArgumentNullException.ThrowIfNull(x, xName);
        ArgumentNullException.ThrowIfNull(y, yName);
        if (x.Count != y.Count)
            throw new ArgumentException($"{xName} and {yName} must have the same length (got {x.Count} and {y.Count}).", yName);
        var (mx, vx) = HypothesisTests.MeanVariance(x, xName);
        var (my, vy) = HypothesisTests.MeanVariance(y, yName);
        if (my == 0) throw new ArgumentException($"{yName} must have a non-zero sum (the ratio's denominator).", yName);
        double cov = 0;
        for (int i = 0; i < x.Count; i++) cov += (x[i] - mx) * (y[i] - my);
        cov /= x.Count - 1;
        double r = mx / my;
        double variance = Math.Max(0, (vx - 2 * r * cov + r * r * vy) / (x.Count * my * my));
        return (r, variance);
    }

    private static void CheckLevel(double level)
    {
        if (!(level > 0 && level < 1))
            throw new ArgumentOutOfRangeException("confidenceLevel", level,
                $"confidenceLevel must be in (0, 1), e.g. 0.95 (got {level.ToString(CultureInfo.InvariantCulture)}).");
    }
}
