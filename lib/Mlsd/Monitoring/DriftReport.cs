using System.Globalization;
using System.Text;
using Mlsd.Formatting;

namespace Mlsd.Monitoring;

/// <summary>Traffic-light status of one feature in a drift report.</summary>
public enum DriftStatus
{
    /// <summary>No material, statistically supported shift.</summary>
    Ok,

    /// <summary>A moderate shift: look at it.</summary>
    Warn,

    /// <summary>A major shift: the model is probably seeing data unlike its training data.</summary>
    Alert,
}

/// <summary>Whether a feature is compared as numbers or as categories.</summary>
public enum FeatureKind
{
    /// <summary>Real values: KS test and quantile-binned PSI.</summary>
    Numeric,

    /// <summary>Category labels: χ² test and per-category PSI.</summary>
    Categorical,
}

/// <summary>
/// When a drift report raises a flag. A feature's level comes from its PSI (≥ <see cref="PsiAlert"/> → alert,
/// ≥ <see cref="PsiWarn"/> → warn), and the flag is raised only if the KS / χ² p-value is below
/// <see cref="Alpha"/> too — effect size and evidence together, so that a tiny sample's noisy PSI and a huge
/// sample's negligible-but-"significant" shift both stay quiet.
/// </summary>
/// <param name="PsiWarn">PSI at which to warn; default 0.1.</param>
/// <param name="PsiAlert">PSI at which to alert; default 0.25.</param>
/// <param name="Alpha">Significance level the test must reach; default 0.05.</param>
/// <param name="Bins">Quantile bins for numeric PSI; default 10.</param>
public sealed record DriftThresholds(double PsiWarn = Drift.PsiWarn, double PsiAlert = Drift.PsiAlert, double Alpha = 0.05, int Bins = 10)
{
    /// <summary>The conventional thresholds 0.1 / 0.25, α = 0.05, 10 bins.</summary>
    public static DriftThresholds Default { get; } = new();

    internal void Validate()
    {
        if (!(PsiWarn > 0 && PsiAlert >= PsiWarn))
            throw new ArgumentException($"thresholds need 0 < PsiWarn ≤ PsiAlert (got {PsiWarn} and {PsiAlert}).", "thresholds");
        if (!(Alpha > 0 && Alpha < 1))
            throw new ArgumentException($"thresholds.Alpha must be in (0, 1) (got {Alpha}).", "thresholds");
        if (Bins < 2) throw new ArgumentException($"thresholds.Bins must be at least 2 (got {Bins}).", "thresholds");
    }
}

/// <summary>
/// Named feature columns of one sample (a training window, a day of production traffic), the input of
/// <see cref="DriftReport.Compare"/>. Build it fluently:
/// <c>new FeatureSample().Numeric("price", prices).Categorical("device", devices)</c>.
/// </summary>
public sealed class FeatureSample
{
    private readonly List<(string Name, FeatureKind Kind, IReadOnlyList<double>? Numbers, IReadOnlyList<string>? Labels)> _columns = [];

    /// <summary>Adds a numeric column. Returns this sample for chaining.</summary>
    /// <param name="name">Feature name, unique within the sample.</param>
    /// <param name="values">The values (finite).</param>
    /// <exception cref="ArgumentException">A repeated name or null values.</exception>
    public FeatureSample Numeric(string name, IReadOnlyList<double> values)
    {
        Add(name, values);
        _columns.Add((name, FeatureKind.Numeric, values, null));
        return this;
    }

    /// <summary>Adds a categorical column. Returns this sample for chaining.</summary>
    /// <param name="name">Feature name, unique within the sample.</param>
    /// <param name="values">The category labels (non-null).</param>
    /// <exception cref="ArgumentException">A repeated name or null values.</exception>
    public FeatureSample Categorical(string name, IReadOnlyList<string> values)
    {
        Add(name, values);
        _columns.Add((name, FeatureKind.Categorical, null, values));
        return this;
    }

    /// <summary>The feature names, in the order they were added.</summary>
    public IReadOnlyList<string> Names => _columns.Select(c => c.Name).ToArray();

    internal (FeatureKind Kind, IReadOnlyList<double>? Numbers, IReadOnlyList<string>? Labels)? Find(string name)
    {
        foreach (var c in _columns) if (c.Name == name) return (c.Kind, c.Numbers, c.Labels);
        return null;
    }

    private void Add(string name, object values)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(values);
        if (_columns.Any(c => c.Name == name))
            throw new ArgumentException($"feature \"{name}\" was already added to this sample.", nameof(name));
    }
}

/// <summary>One feature's line in a drift report.</summary>
/// <param name="Feature">Feature name.</param>
/// <param name="Kind">Numeric or categorical.</param>
/// <param name="Test">"KS" or "χ²".</param>
/// <param name="Statistic">KS distance D or χ² statistic.</param>
/// <param name="PValue">The test's p-value.</param>
/// <param name="Psi">Population stability index.</param>
/// <param name="Status">OK, warn or alert.</param>
/// <param name="Distribution">The binned reference and current distributions, for a side-by-side bar chart.</param>
public sealed record DriftRow(string Feature, FeatureKind Kind, string Test, double Statistic, double PValue, double Psi,
    DriftStatus Status, BinnedDistribution Distribution)
{
    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Feature}: {StatusText(Status)} — PSI {Psi:0.000}, {Test} {Statistic:0.000}, p = {Drift.FormatP(PValue)}");

    internal static string StatusText(DriftStatus s) => s switch { DriftStatus.Ok => "OK", DriftStatus.Warn => "warn", _ => "ALERT" };
}

/// <summary>
/// A per-feature comparison of a current sample against a reference sample: KS (numeric) or χ² (categorical)
/// test, PSI, and a status from <see cref="DriftThresholds"/>. Text and HTML renderings list the features worst first.
/// </summary>
/// <param name="Rows">One row per feature, in the reference sample's column order.</param>
/// <param name="Thresholds">The thresholds the statuses were decided with.</param>
[TypeFormatterSource(typeof(HtmlRenderableFormatterSource))]
public sealed record DriftReport(IReadOnlyList<DriftRow> Rows, DriftThresholds Thresholds) : IHtmlRenderable
{
    /// <summary>
    /// Compares every feature of <paramref name="reference"/> with the same-named feature of <paramref name="current"/>.
    /// </summary>
    /// <param name="reference">The reference sample (e.g. training data).</param>
    /// <param name="current">The current sample (e.g. this week's traffic); must have every reference feature, of the same kind.</param>
    /// <param name="thresholds">Status thresholds; default <see cref="DriftThresholds.Default"/>.</param>
    /// <exception cref="ArgumentException">A missing feature, a kind mismatch, bad thresholds, or invalid values.</exception>
    public static DriftReport Compare(FeatureSample reference, FeatureSample current, DriftThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        thresholds ??= DriftThresholds.Default;
        thresholds.Validate();
        var rows = new List<DriftRow>();
        foreach (string name in reference.Names)
        {
            var r = reference.Find(name)!.Value;
            var c = current.Find(name)
                ?? throw new ArgumentException($"current has no feature \"{name}\" (it has: {string.Join(", ", current.Names)}).", nameof(current));
            if (c.Kind != r.Kind)
                throw new ArgumentException($"feature \"{name}\" is {r.Kind} in reference but {c.Kind} in current.", nameof(current));
            DriftTestResult test;
            BinnedDistribution bins;
            if (r.Kind == FeatureKind.Numeric)
            {
                test = Drift.KolmogorovSmirnov(r.Numbers!, c.Numbers!);
                bins = Drift.Bin(r.Numbers!, c.Numbers!, thresholds.Bins);
            }
            else
            {
                test = Drift.ChiSquareTest(r.Labels!, c.Labels!);
                bins = Drift.BinCategories(r.Labels!, c.Labels!);
            }
            double psi = bins.Psi;
            var status = test.PValue >= thresholds.Alpha ? DriftStatus.Ok
                : psi >= thresholds.PsiAlert ? DriftStatus.Alert
                : psi >= thresholds.PsiWarn ? DriftStatus.Warn
                : DriftStatus.Ok;
            rows.Add(new DriftRow(name, r.Kind, r.Kind == FeatureKind.Numeric ? "KS" : "χ²", test.Statistic, test.PValue, psi, status, bins));
        }
        return new DriftReport(rows, thresholds);
    }

    /// <summary>The row of a feature.</summary>
    /// <param name="feature">Feature name.</param>
    /// <exception cref="KeyNotFoundException">No such feature.</exception>
    public DriftRow this[string feature] =>
        Rows.FirstOrDefault(r => r.Feature == feature) ?? throw new KeyNotFoundException($"The report has no feature \"{feature}\".");

    /// <summary>The most severe status over all features.</summary>
    public DriftStatus WorstStatus => Rows.Count == 0 ? DriftStatus.Ok : Rows.Max(r => r.Status);

    /// <summary>Rows ordered worst first (status, then PSI).</summary>
    public IEnumerable<DriftRow> RowsBySeverity => Rows.OrderByDescending(r => r.Status).ThenByDescending(r => r.Psi);

    /// <summary>An aligned text table, worst feature first.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        int w = Math.Max(7, Rows.Count == 0 ? 0 : Rows.Max(r => r.Feature.Length));
        sb.Append("feature".PadRight(w)).Append("  kind         test  statistic   p-value     PSI  status\n");
        foreach (var r in RowsBySeverity)
            sb.Append(r.Feature.PadRight(w)).Append(string.Create(CultureInfo.InvariantCulture,
                $"  {(r.Kind == FeatureKind.Numeric ? "numeric" : "categorical"),-11}  {r.Test,4}  {r.Statistic,9:0.0000}  {Drift.FormatP(r.PValue),8}  {r.Psi,6:0.000}  {DriftRow.StatusText(r.Status)}\n"));
        sb.Append(string.Create(CultureInfo.InvariantCulture,
            $"thresholds: PSI warn {Thresholds.PsiWarn}, alert {Thresholds.PsiAlert}, when p < {Thresholds.Alpha}"));
        return sb.ToString();
    }

    /// <summary>An HTML table, worst feature first, with coloured status cells.</summary>
    public string ToHtml()
    {
        var sb = new StringBuilder();
        const string th = "<th style=\"padding:4px 10px;border-bottom:2px solid rgba(128,128,128,.6);text-align:";
        const string td = "<td style=\"padding:3px 10px;border-bottom:1px solid rgba(128,128,128,.25);";
        sb.Append("<table style=\"border-collapse:collapse;font-family:system-ui,sans-serif;font-size:13px\"><thead><tr>");
        foreach (var (h, align) in new[] { ("feature", "left"), ("kind", "left"), ("test", "left"), ("statistic", "right"), ("p-value", "right"), ("PSI", "right"), ("status", "left") })
            sb.Append(th).Append(align).Append("\">").Append(h).Append("</th>");
        sb.Append("</tr></thead><tbody>");
        foreach (var r in RowsBySeverity)
        {
            string bg = r.Status switch { DriftStatus.Alert => "rgba(207,34,46,.2)", DriftStatus.Warn => "rgba(212,167,44,.25)", _ => "rgba(46,160,67,.15)" };
            sb.Append("<tr>")
              .Append(td).Append("\">").Append(Html.Escape(r.Feature)).Append("</td>")
              .Append(td).Append("\">").Append(r.Kind == FeatureKind.Numeric ? "numeric" : "categorical").Append("</td>")
              .Append(td).Append("\">").Append(r.Test).Append("</td>")
              .Append(td).Append("text-align:right\">").Append(r.Statistic.ToString("0.0000", CultureInfo.InvariantCulture)).Append("</td>")
              .Append(td).Append("text-align:right\">").Append(Drift.FormatP(r.PValue)).Append("</td>")
              .Append(td).Append("text-align:right\">").Append(r.Psi.ToString("0.000", CultureInfo.InvariantCulture)).Append("</td>")
              .Append(td).Append("font-weight:600;background:").Append(bg).Append("\">").Append(DriftRow.StatusText(r.Status)).Append("</td>")
              .Append("</tr>");
        }
        sb.Append("</tbody></table>");
        return sb.ToString();
    }
}
