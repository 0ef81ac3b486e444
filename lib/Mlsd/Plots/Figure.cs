using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Mlsd.Formatting;

namespace Mlsd.Plots;

/// <summary>
/// A Plotly figure: traces (<c>data</c>), <c>layout</c> and <c>config</c>, as plotly.js and Plotly.NET use them.
/// Build one with <see cref="Chart"/>, refine it with the <c>With…</c> methods, and let the notebook show it.
/// </summary>
/// <remarks>
/// Figures are immutable: every <c>With…</c> call returns a new figure, so a base chart can be reused for several
/// variants. In a notebook the figure renders as HTML that draws it with plotly.js (<see cref="ToHtml()"/>); the
/// text/plain view (<see cref="ToString"/>) is a one-line summary, so a reader without JavaScript still learns what
/// the chart shows.
/// </remarks>
[TypeFormatterSource(typeof(HtmlRenderableFormatterSource))]
public sealed class Figure : IHtmlRenderable
{
    private const int DefaultHeight = 420;
    private readonly JsonArray _data;
    private readonly JsonObject _layout;
    private readonly JsonObject _config;
    private readonly TraceInfo[] _traces;
    private readonly Figure[] _panels;
    private readonly int _gridRows, _gridColumns;

    internal Figure(JsonArray data, JsonObject layout, TraceInfo[] traces, Figure[]? panels = null, int gridRows = 0, int gridColumns = 0)
    {
        _data = data;
        _layout = layout;
        _config = new JsonObject { ["responsive"] = true, ["displaylogo"] = false };
        _traces = traces;
        _panels = panels ?? [];
        _gridRows = gridRows;
        _gridColumns = gridColumns;
    }

    /// <summary>One trace's description for the text summary: kind ("Line"), legend name, and size ("14 points").</summary>
    internal sealed record TraceInfo(string Kind, string? Name, string Size, int Count);

    /// <summary>The figure title, if any.</summary>
    public string? Title => (_layout["title"] as JsonObject)?["text"]?.GetValue<string>();

    /// <summary>How many traces the figure draws.</summary>
    public int TraceCount => _traces.Length;

    /// <summary>The legend names of the traces (null for unnamed ones), in drawing order.</summary>
    public IReadOnlyList<string?> TraceNames => _traces.Select(t => t.Name).ToArray();

    /// <summary>True for figures made by <see cref="Chart.Grid(int, int, Figure[])"/>.</summary>
    public bool IsGrid => _panels.Length > 0;

    internal JsonArray Data => _data;
    internal JsonObject Layout => _layout;
    internal IReadOnlyList<TraceInfo> Traces => _traces;

    /// <summary>Sets the title shown above the plot.</summary>
    public Figure WithTitle(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        return Edit(layout => layout["title"] = Json.Title(title));
    }

    /// <summary>Sets the x axis: title, logarithmic scale, and an optional fixed range (in data units, also for log axes).</summary>
    public Figure WithXAxis(string? title = null, bool log = false, double? min = null, double? max = null) =>
        Edit(layout => { foreach (var axis in Axes(layout, "xaxis")) ConfigureAxis(axis, title, log, min, max); });

    /// <summary>Sets the y axis: title, logarithmic scale, and an optional fixed range (in data units, also for log axes).</summary>
    public Figure WithYAxis(string? title = null, bool log = false, double? min = null, double? max = null) =>
        Edit(layout => { foreach (var axis in Axes(layout, "yaxis")) ConfigureAxis(axis, title, log, min, max); });

    /// <summary>Fixes the figure size in pixels (default: full output width, 420 px high).</summary>
    public Figure WithSize(int width, int height)
    {
        if (width < 50) throw new ArgumentOutOfRangeException(nameof(width), $"width must be at least 50 pixels (got {width}).");
        if (height < 50) throw new ArgumentOutOfRangeException(nameof(height), $"height must be at least 50 pixels (got {height}).");
        return Edit(layout =>
        {
            layout["width"] = width;
            layout["height"] = height;
        });
    }

    /// <summary>Shows or hides the legend; <paramref name="horizontal"/> puts it in one row above the plot area.</summary>
    public Figure WithLegend(bool show = true, bool horizontal = false) => Edit(layout =>
    {
        layout["showlegend"] = show;
        if (horizontal)
            layout["legend"] = new JsonObject
            {
                ["orientation"] = "h", ["x"] = 1, ["xanchor"] = "right", ["y"] = 1.02, ["yanchor"] = "bottom",
            };
    });

    /// <summary>Draws a dashed vertical line at <paramref name="x"/> across the plot (a threshold, a launch date…).</summary>
    public Figure WithVerticalLine(double x, string? label = null) => Edit(layout => AddLine(layout, vertical: true, x, label));

    /// <summary>Draws a dashed horizontal line at <paramref name="y"/> across the plot (a target, a latency budget…).</summary>
    public Figure WithHorizontalLine(double y, string? label = null) => Edit(layout => AddLine(layout, vertical: false, y, label));

    /// <summary>The figure as Plotly JSON: <c>{"data": [...], "layout": {...}, "config": {...}}</c>.</summary>
    public string ToJson(bool indented = false) => ToJsonObject().ToJsonString(indented ? Json.Indented : Json.Compact);

    /// <summary>An HTML fragment that draws the figure with plotly.js, under a fresh random element id.</summary>
    /// <remarks>The id is random rather than derived from the content because notebook front-ends keep earlier
    /// outputs in the same page: a repeated id would make plotly.js draw into an old output.</remarks>
    public string ToHtml() => ToHtml("mlsd-plot-" + Guid.NewGuid().ToString("N")[..16]);

    /// <summary>
    /// An HTML fragment that draws the figure with plotly.js into a div with id <paramref name="divId"/>.
    /// </summary>
    /// <remarks>
    /// Loading follows Plotly.NET's approach: use <c>window.Plotly</c> if the page already has it (an exported page
    /// that inlines plotly.js); else, when require.js is present (classic Jupyter), configure a path to the pinned
    /// CDN copy — with a shim, because plotly.js 3+ no longer registers itself as an AMD module; otherwise add
    /// a script tag for the pinned CDN copy (once per page) and draw when it has loaded.
    /// </remarks>
    public string ToHtml(string divId)
    {
        ArgumentException.ThrowIfNullOrEmpty(divId);
        foreach (char c in divId)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                throw new ArgumentException($"divId may hold only ASCII letters, digits, '-' and '_' (got \"{divId}\").", nameof(divId));
        }
        int height = (int?)_layout["height"] ?? DefaultHeight;
        string width = _layout["width"] is JsonNode w ? $"{(int)w}px" : "100%";
        // The default JSON encoder escapes <, > and &, so the figure cannot end the script element early.
        string figure = ToJsonObject().ToJsonString(Json.Compact);
        string cdnWithoutExtension = PlotlyJs.CdnUrl[..^3];
        var sb = new StringBuilder();
        sb.Append("<div class=\"mlsd-figure\">");
        sb.Append("<div id=\"").Append(divId).Append("\" style=\"width:").Append(width)
          .Append(";height:").Append(height.ToString(CultureInfo.InvariantCulture)).Append("px\"></div>\n");
        sb.Append("<script type=\"text/javascript\">\n(function () {\n");
        sb.Append("  var id = '").Append(divId).Append("';\n");
        sb.Append("  var figure = ").Append(figure).Append(";\n");
        sb.Append("  var src = '").Append(PlotlyJs.CdnUrl).Append("';\n");
        sb.Append("""
              function render(Plotly) { Plotly.newPlot(id, figure.data, figure.layout, figure.config); }
              function fail() {
                var div = document.getElementById(id);
                if (div) div.textContent = 'Could not load plotly.js ' + src + ' (offline?). Export the notebook with `mlsd run` to inline it.';
              }
              if (typeof window.Plotly !== 'undefined' && typeof window.Plotly.newPlot === 'function') {
                render(window.Plotly);
              } else if (typeof require === 'function' && typeof require.config === 'function') {
                var paths = {}; paths['mlsd-plotly-
            """);
        sb.Append(PlotlyJs.Version).Append("'] = '").Append(cdnWithoutExtension).Append("';\n");
        sb.Append("  var shim = {}; shim['mlsd-plotly-").Append(PlotlyJs.Version).Append("'] = { exports: 'Plotly' };\n");
        sb.Append("  require.config({ paths: paths, shim: shim });\n");
        sb.Append("  require(['mlsd-plotly-").Append(PlotlyJs.Version).Append("'], render, fail);\n");
        sb.Append("""
              } else {
                var existing = document.querySelector('script[data-mlsd-plotly]');
                if (existing) {
                  existing.addEventListener('load', function () { render(window.Plotly); });
                  existing.addEventListener('error', fail);
                } else {
                  var script = document.createElement('script');
                  script.src = src;
                  script.setAttribute('data-mlsd-plotly', '
            """);
        sb.Append(PlotlyJs.Version).Append("');\n");
        sb.Append("""
                  script.onload = function () { render(window.Plotly); };
                  script.onerror = fail;
                  document.head.appendChild(script);
                }
              }
            })();
            </script></div>
            """);
        return sb.ToString();
    }

    /// <summary>A complete offline HTML page for this figure (see <see cref="PlotlyJs.HtmlPage"/>).</summary>
    public string ToStandaloneHtml(string? plotlyJsPath = null) =>
        PlotlyJs.HtmlPage(Title ?? "Figure", [this], plotlyJsPath);

    /// <summary>A one-line summary, e.g. <c>Line chart 'NCE by day': 2 traces (frozen, fine-tuned), 14 points
    /// each; x: day, y: NCE</c>. Grids list one line per panel.</summary>
    public override string ToString()
    {
        if (IsGrid)
        {
            var sb = new StringBuilder();
            sb.Append("Grid of ").Append(_panels.Length).Append(_panels.Length == 1 ? " chart" : " charts")
              .Append(" (").Append(_gridRows).Append('×').Append(_gridColumns).Append(')');
            if (Title is { } gridTitle) sb.Append(" '").Append(gridTitle).Append('\'');
            sb.Append(':');
            foreach (var panel in _panels) sb.Append("\n  ").Append(panel.ToString());
            return sb.ToString();
        }
        return Summary(_traces, Title, _layout);
    }

    private static string Summary(IReadOnlyList<TraceInfo> traces, string? title, JsonObject layout)
    {
        var kinds = traces.Select(t => t.Kind).Distinct().ToList();
        var sb = new StringBuilder();
        sb.Append(kinds.Count switch
        {
            0 => "Empty chart",
            1 => kinds[0] + " chart",
            _ => "Chart (" + string.Join(" + ", kinds.Select(k => k.ToLowerInvariant())) + ")",
        });
        if (title is not null) sb.Append(" '").Append(title).Append('\'');
        sb.Append(": ");
        if (traces.Count == 0) sb.Append("no traces");
        else if (traces.Count == 1)
        {
            if (traces[0].Name is { } name) sb.Append("1 trace (").Append(name).Append("), ");
            sb.Append(traces[0].Size);
        }
        else
        {
            sb.Append(traces.Count).Append(" traces");
            if (traces.Any(t => t.Name is not null))
                sb.Append(" (").Append(string.Join(", ", traces.Select(t => t.Name ?? "unnamed"))).Append(')');
            sb.Append(", ");
            if (traces.All(t => t.Size == traces[0].Size)) sb.Append(traces[0].Size).Append(" each");
            else sb.Append(string.Join(", ", traces.Select(t => t.Size)));
        }
        string? x = AxisSummary(layout["xaxis"] as JsonObject), y = AxisSummary(layout["yaxis"] as JsonObject);
        if (x is not null || y is not null)
        {
            sb.Append("; ");
            if (x is not null) sb.Append("x: ").Append(x);
            if (x is not null && y is not null) sb.Append(", ");
            if (y is not null) sb.Append("y: ").Append(y);
        }
        return sb.ToString();
    }

    private static string? AxisSummary(JsonObject? axis)
    {
        if (axis is null) return null;
        string? title = (axis["title"] as JsonObject)?["text"]?.GetValue<string>();
        bool log = axis["type"]?.GetValue<string>() == "log";
        if (title is null && !log) return null;
        return (title ?? "(untitled)") + (log ? " (log)" : "");
    }

    private JsonObject ToJsonObject() => new()
    {
        ["data"] = _data.DeepClone(),
        ["layout"] = _layout.DeepClone(),
        ["config"] = _config.DeepClone(),
    };

    /// <summary>A copy with <paramref name="edit"/> applied to the layout (for the builders in <see cref="Chart"/>).</summary>
    internal Figure EditLayout(Action<JsonObject> edit) => Edit(edit);

    /// <summary>Horizontal bars list categories top to bottom in the order given (Plotly's default is bottom up).</summary>
    internal Figure WithReversedCategoryAxis() => Edit(layout =>
    {
        var axis = layout.Obj("yaxis");
        axis["autorange"] = "reversed";
        axis["automargin"] = true;   // long category names widen the left margin instead of being cut off
    });

    private Figure Edit(Action<JsonObject> edit)
    {
        var layout = (JsonObject)_layout.DeepClone();
        edit(layout);
        return new Figure((JsonArray)_data.DeepClone(), layout, _traces, _panels, _gridRows, _gridColumns);
    }

    /// <summary>The figure's axes of one direction: just "xaxis" for a single plot, every panel's for a grid.</summary>
    private IEnumerable<JsonObject> Axes(JsonObject layout, string prefix)
    {
        int count = Math.Max(1, _panels.Length);
        for (int i = 1; i <= count; i++) yield return layout.Obj(i == 1 ? prefix : prefix + i.ToString(CultureInfo.InvariantCulture));
    }

    private static void ConfigureAxis(JsonObject axis, string? title, bool log, double? min, double? max)
    {
        if (title is not null) axis["title"] = Json.Title(title);
        if (log) axis["type"] = "log";
        if (min is not null || max is not null)
        {
            if (min is null || max is null)
                throw new ArgumentException("min and max must be given together (plotly ranges have two ends).", min is null ? nameof(min) : nameof(max));
            if (!(min < max)) throw new ArgumentException($"min must be smaller than max (got {min} and {max}).", nameof(min));
            if (log && min <= 0) throw new ArgumentException($"A log axis needs min > 0 (got {min}).", nameof(min));
            // Plotly expresses log-axis ranges as log10 of the data values.
            axis["range"] = log ? new JsonArray(Math.Log10(min.Value), Math.Log10(max.Value)) : new JsonArray(min.Value, max.Value);
            axis["autorange"] = false;
        }
    }

    private static void AddLine(JsonObject layout, bool vertical, double at, string? label)
    {
        if (!double.IsFinite(at)) throw new ArgumentException($"The line position must be finite (got {at}).", vertical ? "x" : "y");
        var shapes = layout["shapes"] as JsonArray ?? [];
        layout["shapes"] = shapes;
        shapes.Add(new JsonObject
        {
            ["type"] = "line",
            ["xref"] = vertical ? "x" : "x domain",
            ["yref"] = vertical ? "y domain" : "y",
            ["x0"] = vertical ? at : 0, ["x1"] = vertical ? at : 1,
            ["y0"] = vertical ? 0 : at, ["y1"] = vertical ? 1 : at,
            ["line"] = new JsonObject { ["dash"] = "dash", ["width"] = 1.5, ["color"] = "#555" },
        });
        if (label is null) return;
        var annotations = layout["annotations"] as JsonArray ?? [];
        layout["annotations"] = annotations;
        annotations.Add(new JsonObject
        {
            ["text"] = label,
            ["showarrow"] = false,
            ["xref"] = vertical ? "x" : "x domain",
            ["yref"] = vertical ? "y domain" : "y",
            ["x"] = vertical ? at : 1, ["y"] = vertical ? 1 : at,
            ["xanchor"] = vertical ? "left" : "right",
            ["yanchor"] = vertical ? "top" : "bottom",
            ["font"] = new JsonObject { ["size"] = 11, ["color"] = "#555" },
        });
    }
}
