using Plotly.NET;

namespace Mlsd.Plots;

/// <summary>
/// Titles, axes and reference lines for any Plotly.NET chart — ours or one a learner built with Plotly.NET's own
/// API — in one call each: <c>chart.WithTitle("CTR by slot").WithYAxis("CTR", percent: true)</c>.
/// </summary>
/// <remarks>
/// Every method returns a new chart and leaves its input alone. Size and legend come from Plotly.NET.CSharp
/// (<c>WithSize</c>, <c>WithLegend</c>). Titles sit just above the plot area, below the band where plotly.js
/// puts its toolbar, so the two never overlap (see <see cref="PlotTheme"/>).
/// </remarks>
public static class ChartStyle
{
    /// <summary>Sets the title shown above the plot.</summary>
    public static GenericChart WithTitle(this GenericChart chart, string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        return ChartLayout.Edit(chart, layout => layout.SetProperty("title", PlotTheme.Title(title)));
    }

    /// <summary>Sets the x axis (every panel's, in a grid): title, logarithmic scale, a fixed range in data units
    /// (also for log axes), and <paramref name="percent"/> ticks for rates stored as fractions (0.031 → 3.1%).</summary>
    public static GenericChart WithXAxis(this GenericChart chart, string? title = null, bool log = false,
        double? min = null, double? max = null, bool percent = false) =>
        ChartLayout.Edit(chart, layout => Axis(layout, 'x', title, log, min, max, percent));

    /// <summary>Sets the y axis (every panel's, in a grid); see <see cref="WithXAxis"/>.</summary>
    public static GenericChart WithYAxis(this GenericChart chart, string? title = null, bool log = false,
        double? min = null, double? max = null, bool percent = false) =>
        ChartLayout.Edit(chart, layout => Axis(layout, 'y', title, log, min, max, percent));

    /// <summary>Draws a dashed vertical line at <paramref name="x"/> across the plot (a threshold, a launch day…).</summary>
    public static GenericChart WithVerticalLine(this GenericChart chart, double x, string? label = null) =>
        ChartLayout.Edit(chart, layout => Line(layout, vertical: true, x, label, nameof(x)));

    /// <summary>Draws a dashed horizontal line at <paramref name="y"/> across the plot (a target, an alert level…).</summary>
    public static GenericChart WithHorizontalLine(this GenericChart chart, double y, string? label = null) =>
        ChartLayout.Edit(chart, layout => Line(layout, vertical: false, y, label, nameof(y)));

    private static void Axis(Layout layout, char direction, string? title, bool log, double? min, double? max, bool percent)
    {
        if (min is not null || max is not null)
        {
            if (min is null || max is null)
                throw new ArgumentException("min and max must be given together (an axis range has two ends).", min is null ? nameof(min) : nameof(max));
            if (!(min < max)) throw new ArgumentException($"min must be smaller than max (got {min} and {max}).", nameof(min));
            if (log && min <= 0) throw new ArgumentException($"A log axis needs min > 0 (got {min}).", nameof(min));
        }
        foreach (string key in ChartLayout.AxisKeys(layout, direction))
        {
            var axis = ChartLayout.Child(layout, key);
            if (title is not null) axis.SetProperty("title", ChartLayout.Obj(("text", title)));
            if (log) axis.SetProperty("type", "log");
            if (percent) axis.SetProperty("tickformat", PlotTheme.PercentFormat);
            if (min is double lo && max is double hi)
            {
                // plotly.js expresses log-axis ranges as log10 of the data values.
                axis.SetProperty("range", log ? new[] { Math.Log10(lo), Math.Log10(hi) } : new[] { lo, hi });
                axis.SetProperty("autorange", false);
            }
        }
    }

    private static void Line(Layout layout, bool vertical, double at, string? label, string argument)
    {
        if (!double.IsFinite(at)) throw new ArgumentException($"The line position must be finite (got {at}).", argument);
        ChartLayout.Append(layout, "shapes", ChartLayout.Obj(
            ("type", "line"),
            ("xref", vertical ? "x" : "x domain"), ("yref", vertical ? "y domain" : "y"),
            ("x0", vertical ? at : 0.0), ("x1", vertical ? at : 1.0),
            ("y0", vertical ? 0.0 : at), ("y1", vertical ? 1.0 : at),
            ("line", ChartLayout.Obj(("dash", "dash"), ("width", 1.5), ("color", "#555")))));
        if (label is null) return;
        ChartLayout.Append(layout, "annotations", ChartLayout.Obj(
            ("text", label), ("showarrow", false),
            ("xref", vertical ? "x" : "x domain"), ("yref", vertical ? "y domain" : "y"),
            ("x", vertical ? at : 1.0), ("y", vertical ? 1.0 : at),
            ("xanchor", vertical ? "left" : "right"), ("yanchor", vertical ? "top" : "bottom"),
            ("font", ChartLayout.Obj(("size", 11), ("color", "#555")))));
    }
}
