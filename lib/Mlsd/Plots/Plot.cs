using System.Globalization;
using Mlsd.Metrics;
using Mlsd.Retrieval;
using Plotly.NET;
using CS = Plotly.NET.CSharp;

namespace Mlsd.Plots;

/// <summary>
/// The notebooks' charts, as Plotly.NET charts: short C# calls for the everyday kinds
/// (<c>Plot.Line(days, nce, name: "frozen")</c>) and the domain charts of ML system design — ROC and precision–recall
/// curves, reliability diagrams, recall against latency, feature importance.
/// </summary>
/// <remarks>
/// Every method returns a Plotly.NET <see cref="GenericChart"/>, so anything Plotly.NET offers applies to it, and a
/// chart built with Plotly.NET's own API (<c>Plotly.NET.CSharp.Chart.Point&lt;double, double, string&gt;(…)</c>)
/// combines with ours. Style them with <see cref="ChartStyle"/> (<c>WithTitle</c>, <c>WithXAxis</c>, …). A chart
/// displays in a notebook as an interactive plotly.js chart (<see cref="ChartHtml"/>).
/// </remarks>
public static class Plot
{
    /// <summary>A line through the points (x[i], y[i]); <paramref name="markers"/> also dots each point;
    /// <paramref name="dash"/> is "dash", "dot" or "dashdot"; <paramref name="color"/> a CSS colour.</summary>
    public static GenericChart Line<TX>(IEnumerable<TX> x, IEnumerable<double> y, string? name = null, bool markers = false,
        string? dash = null, string? color = null) where TX : IConvertible
    {
        var (xs, ys) = Points(x, y);
        return Themed(CS.Chart.Line<TX, double, string>(xs, ys, ShowMarkers: markers, Name: name ?? "", ShowLegend: name is not null,
            LineColor: OptionalColor(color), LineDash: Dash(dash), UseDefaults: false));
    }

    /// <summary>A line through y against its index 0, 1, 2, … (a training curve, a time series).</summary>
    public static GenericChart Line(IEnumerable<double> y, string? name = null, bool markers = false, string? dash = null, string? color = null)
    {
        ArgumentNullException.ThrowIfNull(y);
        var values = y.ToArray();
        return Line(Enumerable.Range(0, values.Length), values, name, markers, dash, color);
    }

    /// <summary>Points (x[i], y[i]) as dots; <paramref name="labels"/> writes a label beside each point.</summary>
    public static GenericChart Scatter<TX>(IEnumerable<TX> x, IEnumerable<double> y, string? name = null,
        IEnumerable<string>? labels = null, int markerSize = 7, string? color = null) where TX : IConvertible
    {
        var (xs, ys) = Points(x, y);
        var text = Labels(labels, xs.Length, nameof(labels));
        var chart = CS.Chart.Point<TX, double, string>(xs, ys, Name: name ?? "", ShowLegend: name is not null,
            MultiText: text is null ? default(CS.Optional<IEnumerable<string>>) : text,
            TextPosition: StyleParam.TextPosition.TopCenter, MarkerColor: OptionalColor(color), UseDefaults: false);
        return Themed(MarkerSize(chart, markerSize, text is not null));
    }

    /// <summary>Bars of height <paramref name="values"/> over <paramref name="categories"/>; <paramref name="horizontal"/>
    /// draws them sideways, first category on top (long category names read better that way).</summary>
    public static GenericChart Bar<TX>(IEnumerable<TX> categories, IEnumerable<double> values, string? name = null,
        bool horizontal = false, string? color = null) where TX : IConvertible
    {
        var (keys, heights) = Points(categories, values, nameof(categories), nameof(values));
        var chart = horizontal
            ? CS.Chart.Bar<double, TX, string>(heights, Keys: keys, Name: name ?? "", ShowLegend: name is not null,
                MarkerColor: OptionalColor(color), UseDefaults: false)
            : CS.Chart.Column<double, TX, string>(heights, Keys: keys, Name: name ?? "", ShowLegend: name is not null,
                MarkerColor: OptionalColor(color), UseDefaults: false);
        chart = Themed(chart);
        // Categories, never numbers: slot 1, 2, 3 are labels, and a numeric axis would also show 1.5.
        return ChartLayout.Edit(chart, layout =>
        {
            var axis = ChartLayout.Child(layout, horizontal ? "yaxis" : "xaxis");
            axis.SetProperty("type", "category");
            if (horizontal) axis.SetProperty("autorange", "reversed");
        });
    }

    /// <summary>Grouped bars: for each category, one bar per series (e.g. precision and recall per model).</summary>
    public static GenericChart Bars<TX>(IEnumerable<TX> categories, params (string Name, IEnumerable<double> Values)[] series)
        where TX : IConvertible
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(series);
        if (series.Length == 0) throw new ArgumentException("series must hold at least one (name, values) pair.", nameof(series));
        var keys = categories.ToArray();
        var combined = Combine(series.Select(s => Bar(keys, s.Values, s.Name)).ToArray());
        return ChartLayout.Edit(combined, layout => layout.SetProperty("barmode", "group"));
    }

    /// <summary>A histogram of <paramref name="values"/> in <paramref name="bins"/> bins (plotly.js chooses when
    /// null); <paramref name="normalized"/> shows a probability density instead of counts.</summary>
    public static GenericChart Histogram(IEnumerable<double> values, string? name = null, int? bins = null, bool normalized = false)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (bins is < 1) throw new ArgumentOutOfRangeException(nameof(bins), $"bins must be at least 1 (got {bins}).");
        var chart = CS.Chart.Histogram<double, double, string>(X: values.ToArray(), Name: name ?? "", ShowLegend: name is not null,
            NBinsX: bins is int n ? n : default(CS.Optional<int>),
            HistNorm: normalized ? StyleParam.HistNorm.ProbabilityDensity : default(CS.Optional<StyleParam.HistNorm>),
            UseDefaults: false);
        return Themed(chart);
    }

    /// <summary>Overlays several charts on one set of axes (e.g. two models' ROC curves). Histograms overlay
    /// semi-transparently instead of standing side by side.</summary>
    public static GenericChart Combine(params GenericChart[] charts)
    {
        ArgumentNullException.ThrowIfNull(charts);
        if (charts.Length == 0) throw new ArgumentException("charts must hold at least one chart.", nameof(charts));
        for (int i = 0; i < charts.Length; i++)
            if (charts[i] is null) throw new ArgumentException($"charts[{i}] is null.", nameof(charts));
        var combined = CS.Chart.Combine(charts);
        var traces = GenericChart.getTraces(combined);
        if (traces.Length > 1 && traces.All(t => t.type == "histogram"))
            combined = ChartLayout.Edit(combined, layout => layout.SetProperty("barmode", "overlay"))
                .WithTraceOpacity(0.6);
        return combined;
    }

    /// <summary>Arranges charts in a <paramref name="rows"/> × <paramref name="columns"/> grid of panels, filled row by
    /// row, each with its own axes; a chart's title becomes its panel's caption, and its reference lines stay in its panel.</summary>
    public static GenericChart Grid(int rows, int columns, params GenericChart[] charts) => PlotGrid.Create(rows, columns, charts);

    /// <summary>Arranges charts side by side in one row (see <see cref="Grid"/>).</summary>
    public static GenericChart Row(params GenericChart[] charts) =>
        Grid(1, (charts ?? throw new ArgumentNullException(nameof(charts))).Length, charts);

    // ---- domain charts ----

    /// <summary>ROC curves of several models, each named with its ROC-AUC, over the chance diagonal.</summary>
    public static GenericChart Roc(params (string Name, RocCurveResult Curve)[] models)
    {
        Require(models, nameof(models));
        var lines = models.Select(m => Line(m.Curve.FalsePositiveRate, m.Curve.TruePositiveRate,
            name: $"{m.Name} (AUC {m.Curve.Area.ToString("F3", CultureInfo.InvariantCulture)})"));
        return Combine([.. lines, Line(new[] { 0.0, 1.0 }, [0.0, 1.0], name: "chance", dash: "dash", color: "gray")])
            .WithTitle("ROC").WithXAxis("false positive rate", min: 0, max: 1).WithYAxis("true positive rate", min: 0, max: 1.02);
    }

    /// <summary>Precision–recall curves of several models, each named with its average precision.</summary>
    public static GenericChart PrecisionRecall(params (string Name, PrecisionRecallCurveResult Curve)[] models)
    {
        Require(models, nameof(models));
        var lines = models.Select(m => Line(m.Curve.Recall, m.Curve.Precision,
            name: $"{m.Name} (AP {m.Curve.AveragePrecision.ToString("F3", CultureInfo.InvariantCulture)})"));
        return Combine(lines.ToArray()).WithTitle("Precision–recall").WithXAxis("recall", min: 0, max: 1)
            .WithYAxis("precision", min: 0, max: 1.02);
    }

    /// <summary>
    /// A reliability diagram: test rows sorted by predicted probability into <paramref name="groups"/> groups of equal
    /// size, mean prediction against observed rate per group, for each model; on the diagonal a model is calibrated.
    /// Both axes are percentages (click-through and spam rates are read that way).
    /// </summary>
    public static GenericChart Reliability(IReadOnlyList<int> labels, int groups, params (string Name, double[] Probabilities)[] models)
    {
        ArgumentNullException.ThrowIfNull(labels);
        Require(models, nameof(models));
        var curves = models.Select(m => (m.Name, Curve: ReliabilityCurve.EqualCount(labels, m.Probabilities, groups))).ToArray();
        double top = curves.Max(c => Math.Max(c.Curve.Predicted.Max(), c.Curve.Observed.Max()));
        var lines = curves.Select(c => Line(c.Curve.Predicted, c.Curve.Observed, name: c.Name, markers: true));
        return Combine([Line(new[] { 0.0, top }, [0.0, top], name: "perfect calibration", dash: "dash", color: "gray"), .. lines])
            .WithXAxis("mean predicted probability", percent: true).WithYAxis("observed rate", percent: true);
    }

    /// <summary>
    /// Recall against mean query time for sweeps of approximate-nearest-neighbour indexes (and single points such as
    /// exact search), every point labelled with its parameter value (efSearch, nprobe) so the trade-off can be read
    /// off the chart. Time is on a log axis.
    /// </summary>
    public static GenericChart RecallVsLatency(params (string Name, AnnBenchmarkPoint[] Points)[] sweeps)
    {
        Require(sweeps, nameof(sweeps));
        var charts = sweeps.Select(s =>
        {
            if (s.Points is null || s.Points.Length == 0) throw new ArgumentException($"The sweep '{s.Name}' has no points.", nameof(sweeps));
            var labels = s.Points.Select(p => p.Parameter.Length == 0 ? "" : $"{p.Parameter}={p.Value}").ToArray();
            var line = Line(s.Points.Select(p => p.MeanLatencyMicroseconds), s.Points.Select(p => p.RecallAtK), name: s.Name, markers: true);
            return labels.All(l => l.Length == 0) ? MarkerSize(line, 11, false) : WithPointLabels(line, labels);
        }).ToArray();
        int k = sweeps[0].Points[0].K;
        return Combine(charts).WithXAxis("mean time per query (µs)", log: true).WithYAxis($"recall@{k}");
    }

    /// <summary>Horizontal bars of each feature's share of the total importance, largest first.</summary>
    public static GenericChart FeatureImportance(IReadOnlyList<string> names, IReadOnlyList<double> importance)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(importance);
        if (names.Count != importance.Count)
            throw new ArgumentException($"names and importance must have the same length (got {names.Count} and {importance.Count}).", nameof(importance));
        double total = importance.Sum();
        if (!(total > 0)) throw new ArgumentException("importance must have a positive sum.", nameof(importance));
        var order = Enumerable.Range(0, names.Count).OrderByDescending(i => importance[i]).ToArray();
        return Bar(order.Select(i => names[i]), order.Select(i => importance[i] / total), horizontal: true)
            .WithXAxis("share of total importance", percent: true);
    }

    // ---- helpers ----

    /// <summary>Our theme on a chart built without Plotly.NET's defaults (no fixed 600 × 600 size).</summary>
    private static GenericChart Themed(GenericChart chart) =>
        ChartLayout.Edit(chart, layout => layout.SetProperty("template", PlotTheme.Template));

    private static GenericChart WithTraceOpacity(this GenericChart chart, double opacity) =>
        GenericChart.mapTrace(Microsoft.FSharp.Core.FuncConvert.FromFunc<Trace, Trace>(t =>
        {
            t.SetProperty("opacity", opacity);
            return t;
        }), chart);

    private static GenericChart WithPointLabels(GenericChart chart, string[] labels) =>
        GenericChart.mapTrace(Microsoft.FSharp.Core.FuncConvert.FromFunc<Trace, Trace>(t =>
        {
            t.SetProperty("mode", "lines+markers+text");
            t.SetProperty("text", labels);
            t.SetProperty("textposition", "top center");
            t.SetProperty("textfont", ChartLayout.Obj(("size", 11)));
            return t;
        }), chart);

    private static GenericChart MarkerSize(GenericChart chart, int size, bool withText)
    {
        if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), $"markerSize must be at least 1 (got {size}).");
        return GenericChart.mapTrace(Microsoft.FSharp.Core.FuncConvert.FromFunc<Trace, Trace>(t =>
        {
            ChartLayout.Child(t, "marker").SetProperty("size", size);
            if (withText) t.SetProperty("mode", "markers+text");
            return t;
        }), chart);
    }

    private static (TX[] X, double[] Y) Points<TX>(IEnumerable<TX> x, IEnumerable<double> y, string xName = "x", string yName = "y")
    {
        if (x is null) throw new ArgumentNullException(xName);
        if (y is null) throw new ArgumentNullException(yName);
        var xs = x.ToArray();
        var ys = y.ToArray();
        if (xs.Length != ys.Length) throw new ArgumentException($"{xName} and {yName} must have the same length (got {xs.Length} and {ys.Length}).", yName);
        return (xs, ys);
    }

    private static string[]? Labels(IEnumerable<string>? labels, int count, string name)
    {
        if (labels is null) return null;
        var array = labels.ToArray();
        if (array.Length != count) throw new ArgumentException($"{name} must have one label per point (got {array.Length} for {count} points).", name);
        return array;
    }

    private static CS.Optional<Color> OptionalColor(string? color) =>
        color is null ? default(CS.Optional<Color>) : Color.fromString(color);

    private static CS.Optional<StyleParam.DrawingStyle> Dash(string? dash) => dash switch
    {
        null => default(CS.Optional<StyleParam.DrawingStyle>),
        "dash" => StyleParam.DrawingStyle.Dash,
        "dot" => StyleParam.DrawingStyle.Dot,
        "dashdot" => StyleParam.DrawingStyle.DashDot,
        "solid" => StyleParam.DrawingStyle.Solid,
        _ => throw new ArgumentException($"dash must be \"dash\", \"dot\", \"dashdot\" or \"solid\" (got \"{dash}\").", nameof(dash)),
    };

    private static void Require<T>(T[] items, string name)
    {
        ArgumentNullException.ThrowIfNull(items, name);
        if (items.Length == 0) throw new ArgumentException($"{name} must hold at least one entry.", name);
    }
}
