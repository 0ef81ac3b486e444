using Plotly.NET;
using CS = Plotly.NET.CSharp;

namespace Mlsd.Plots;

/// <summary>
/// Panels on one page with Plotly.NET's grid, keeping what its grid drops: each panel's title (as the panel's
/// caption) and its reference lines and labels (moved to the panel's own axes, e.g. "x" → "x2").
/// </summary>
internal static class PlotGrid
{
    public static GenericChart Create(int rows, int columns, GenericChart[] charts)
    {
        if (rows < 1) throw new ArgumentOutOfRangeException(nameof(rows), $"rows must be at least 1 (got {rows}).");
        if (columns < 1) throw new ArgumentOutOfRangeException(nameof(columns), $"columns must be at least 1 (got {columns}).");
        ArgumentNullException.ThrowIfNull(charts);
        if (charts.Length == 0) throw new ArgumentException("charts must hold at least one chart.", nameof(charts));
        if (charts.Length > rows * columns)
            throw new ArgumentException($"A {rows}×{columns} grid has {rows * columns} panels but {charts.Length} charts were given.", nameof(charts));
        var titles = new string[charts.Length];
        var moved = new List<(string Key, DynamicObj.DynamicObj Item)>();
        var axes = new List<(string Key, DynamicObj.DynamicObj Axis)>();
        var panels = new GenericChart[charts.Length];
        for (int k = 0; k < charts.Length; k++)
        {
            var chart = charts[k] ?? throw new ArgumentException($"charts[{k}] is null.", nameof(charts));
            var layout = GenericChart.getLayout(chart);
            titles[k] = ChartLayout.Get(layout, "title") is DynamicObj.DynamicObj t && ChartLayout.Get(t, "text") is string s ? s : "";
            string n = k == 0 ? "" : (k + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            foreach (string key in new[] { "shapes", "annotations" })
                if (ChartLayout.Get(layout, key) is IEnumerable<object> items)
                    moved.AddRange(items.OfType<DynamicObj.DynamicObj>().Select(i => (key, Reref(i, n))));
            // Each panel's axis styles go to its own axes (Plotly.NET's grid would let the last panel's win for all).
            foreach (char direction in "xy")
                if (ChartLayout.Get(layout, direction + "axis") is DynamicObj.DynamicObj axis)
                    axes.Add((direction + "axis" + n, axis));
            panels[k] = ChartLayout.Edit(chart, l =>
            {
                l.RemoveProperty("xaxis");
                l.RemoveProperty("yaxis");
                l.RemoveProperty("title");
                l.RemoveProperty("shapes");
                l.RemoveProperty("annotations");
            });
        }
        var grid = CS.Chart.Grid(panels, rows, columns, SubPlotTitles: titles,
            XGap: columns == 1 ? default(CS.Optional<double>) : 0.12, YGap: rows == 1 ? default(CS.Optional<double>) : 0.22);
        return ChartLayout.Edit(grid, layout =>
        {
            foreach (var (key, item) in moved) ChartLayout.Append(layout, key, item);
            foreach (var (key, style) in axes)
            {
                var target = ChartLayout.Child(layout, key);
                foreach (string property in style.GetPropertyNames(true))
                    if (property is not ("domain" or "anchor")) target.SetProperty(property, ChartLayout.Get(style, property)!);
            }
            if (ChartLayout.Get(layout, "height") is null) layout.SetProperty("height", Math.Max(PlotTheme.DefaultHeight, 330 * rows));
        });
    }

    /// <summary>A copy of a shape or annotation that referred to panel 1's axes ("x", "y domain") pointing at panel n's.</summary>
    private static DynamicObj.DynamicObj Reref(DynamicObj.DynamicObj item, string n)
    {
        var copy = new DynamicObj.DynamicObj();
        item.DeepCopyPropertiesTo(copy, null, null);
        if (n.Length == 0) return copy;
        foreach (string key in new[] { "xref", "yref" })
        {
            if (ChartLayout.Get(copy, key) is string reference && reference != "paper")
                copy.SetProperty(key, reference[..1] + n + reference[1..].TrimStart('0', '1', '2', '3', '4', '5', '6', '7', '8', '9'));
        }
        return copy;
    }
}
