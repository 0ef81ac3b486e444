using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Plotly.NET;

namespace Mlsd.Plots;

/// <summary>
/// How a chart shows in a notebook: an HTML fragment that draws it with plotly.js, and a one-line text summary for
/// readers without JavaScript. Used for Plotly.NET charts and XPlot.Plotly charts alike, by our engine, the exported
/// pages and the real .NET Interactive kernel (see <see cref="Formatting.NotebookFormatters"/>).
/// </summary>
/// <remarks>
/// The fragment loads plotly.js the way Plotly.NET's notebook extension does, without needing that extension: it uses
/// <c>window.Plotly</c> when the page already has it (an exported page inlines the pinned copy once, offline);
/// else, when require.js is present (classic Jupyter), it configures a path to the pinned CDN copy, with a shim
/// because plotly.js 3+ no longer registers itself as an AMD module; otherwise (VS Code) it adds one script tag for
/// the pinned CDN copy per page and draws when that has loaded.
/// </remarks>
public static partial class ChartHtml
{
    /// <summary>An HTML fragment drawing <paramref name="chart"/> into a fresh element id.</summary>
    public static string ToHtml(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var figure = Figure(chart);
        var layout = figure["layout"]!.AsObject();
        int height = (int?)layout["height"] ?? PlotTheme.DefaultHeight;
        int? width = (int?)layout["width"];
        var config = new JsonObject { ["responsive"] = true, ["displaylogo"] = false };
        var script = new StringBuilder();
        script.Append("var figure = ").Append(figure.ToJsonString()).Append(";\n");
        script.Append("var config = ").Append(config.ToJsonString()).Append(";\n");
        script.Append("function draw(Plotly, id) { Plotly.newPlot(id, figure.data, figure.layout, config); }\n");
        return Fragment(width, height, script.ToString());
    }

    /// <summary>An HTML fragment drawing an XPlot.Plotly chart (the library older ML.NET samples use).</summary>
    public static string ToHtml(XPlot.Plotly.PlotlyChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        // XPlot writes `var data = …; var layout = …; Plotly.newPlot(…)`: keep its data and layout, draw with our loader.
        var match = XPlotScript().Match(chart.GetInlineJS());
        if (!match.Success) throw new InvalidOperationException("XPlot.Plotly's inline script changed shape: no `var data = …; var layout = …;` in it.");
        var data = JsonNode.Parse(match.Groups["data"].Value)!;
        var layout = JsonNode.Parse(match.Groups["layout"].Value) as JsonObject ?? [];
        var script = "var figure = " + new JsonObject { ["data"] = data, ["layout"] = layout }.ToJsonString() + ";\n"
            + "function draw(Plotly, id) { Plotly.newPlot(id, figure.data, figure.layout, { responsive: true, displaylogo: false }); }\n";
        return Fragment(chart.Width > 0 ? chart.Width : null, chart.Height > 0 ? chart.Height : PlotTheme.DefaultHeight, script);
    }

    /// <summary>
    /// A one-line summary, e.g. <c>Line chart 'NCE by day': 2 traces (frozen, fine-tuned), 14 points each; x: day,
    /// y: NCE</c>.
    /// </summary>
    public static string Summary(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var figure = Figure(chart);
        var traces = figure["data"]!.AsArray().OfType<JsonObject>().ToList();
        var layout = figure["layout"]!.AsObject();
        var kinds = traces.Select(Kind).Distinct().ToList();
        var sb = new StringBuilder(kinds.Count switch
        {
            0 => "Empty chart",
            1 => kinds[0] + " chart",
            _ => "Chart (" + string.Join(" + ", kinds.Select(k => k.ToLowerInvariant())) + ")",
        });
        if (Text(layout["title"]) is { Length: > 0 } title) sb.Append(" '").Append(title).Append('\'');
        sb.Append(": ");
        var names = traces.Select(t => t["showlegend"]?.GetValue<bool>() == false ? null : t["name"]?.GetValue<string>()).ToList();
        var sizes = traces.Select(Size).ToList();
        if (traces.Count == 0) sb.Append("no traces");
        else if (traces.Count == 1)
        {
            if (names[0] is { Length: > 0 } name) sb.Append("1 trace (").Append(name).Append("), ");
            sb.Append(sizes[0]);
        }
        else
        {
            sb.Append(traces.Count).Append(" traces");
            if (names.Any(n => !string.IsNullOrEmpty(n))) sb.Append(" (").Append(string.Join(", ", names.Select(n => string.IsNullOrEmpty(n) ? "unnamed" : n))).Append(')');
            sb.Append(", ").Append(sizes.Distinct().Count() == 1 ? sizes[0] + " each" : string.Join(", ", sizes));
        }
        string? x = Axis(layout["xaxis"]), y = Axis(layout["yaxis"]);
        if (x is not null || y is not null)
            sb.Append("; ").Append(string.Join(", ", new[] { x is null ? null : "x: " + x, y is null ? null : "y: " + y }.OfType<string>()));
        return sb.ToString();
    }

    /// <summary>The chart as plotly.js JSON (data, layout), with Plotly.NET's default 600 × 600 size dropped so a chart
    /// that did not ask for a size fills the output's width.</summary>
    internal static JsonObject Figure(GenericChart chart)
    {
        var figure = JsonNode.Parse(GenericChart.toFigureJson(chart))!.AsObject();
        var layout = figure["layout"] as JsonObject ?? [];
        figure["layout"] = layout;
        if ((int?)layout["width"] == Defaults.DefaultWidth && (int?)layout["height"] == Defaults.DefaultHeight)
        {
            layout.Remove("width");
            layout.Remove("height");
        }
        figure.Remove("frames");
        return figure;
    }

    private static string Kind(JsonObject trace)
    {
        string type = trace["type"]?.GetValue<string>() ?? "scatter";
        string mode = trace["mode"]?.GetValue<string>() ?? "";
        return type switch
        {
            "scatter" => mode.Contains("lines", StringComparison.Ordinal) ? "Line" : "Scatter",
            "bar" => "Bar",
            "histogram" => "Histogram",
            "heatmap" => "Heatmap",
            "box" => "Box",
            _ => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(type),
        };
    }

    private static string Size(JsonObject trace)
    {
        bool histogram = trace["type"]?.GetValue<string>() == "histogram";
        var values = trace[histogram ? "x" : "y"] as JsonArray ?? trace["x"] as JsonArray;
        if (trace["type"]?.GetValue<string>() == "bar" && trace["orientation"]?.GetValue<string>() == "h") values = trace["x"] as JsonArray;
        int count = values?.Count ?? 0;
        string unit = histogram ? "value" : "point";
        return count.ToString("N0", CultureInfo.InvariantCulture) + " " + unit + (count == 1 ? "" : "s");
    }

    private static string? Axis(JsonNode? axis)
    {
        if (axis is not JsonObject a) return null;
        string? title = Text(a["title"]);
        bool log = a["type"]?.GetValue<string>() == "log";
        if (title is null && !log) return null;
        return (title ?? "unnamed") + (log ? " (log)" : "");
    }

    private static string? Text(JsonNode? title) => title switch
    {
        JsonValue v => v.GetValue<string>(),
        JsonObject o => o["text"]?.GetValue<string>(),
        _ => null,
    };

    /// <summary>The div and the script that loads plotly.js if needed and calls <c>draw(Plotly, id)</c>.</summary>
    private static string Fragment(int? width, int height, string drawScript)
    {
        string id = "mlsd-plot-" + Guid.NewGuid().ToString("N")[..16];
        string cdnWithoutExtension = PlotlyJs.CdnUrl[..^3];
        string module = "mlsd-plotly-" + PlotlyJs.Version;
        var sb = new StringBuilder();
        sb.Append("<div class=\"mlsd-figure\"><div id=\"").Append(id).Append("\" style=\"width:")
          .Append(width is int w ? w.ToString(CultureInfo.InvariantCulture) + "px" : "100%")
          .Append(";height:").Append(height.ToString(CultureInfo.InvariantCulture)).Append("px\"></div>\n");
        sb.Append("<script type=\"text/javascript\">\n(function () {\n");
        sb.Append("var id = '").Append(id).Append("';\nvar src = '").Append(PlotlyJs.CdnUrl).Append("';\n");
        // JSON written by System.Text.Json escapes <, > and &, so the data cannot end the script element early.
        sb.Append(drawScript);
        sb.Append("""
            function render(Plotly) { draw(Plotly, id); }
            function fail() {
              var div = document.getElementById(id);
              if (div) div.textContent = 'Could not load plotly.js ' + src + ' (offline?). Export the notebook with `mlsd run` to inline it.';
            }
            if (typeof window.Plotly !== 'undefined' && typeof window.Plotly.newPlot === 'function') {
              render(window.Plotly);
            } else if (typeof require === 'function' && typeof require.config === 'function') {
              var paths = {}; paths['
            """);
        sb.Append(module).Append("'] = '").Append(cdnWithoutExtension).Append("';\n");
        sb.Append("  var shim = {}; shim['").Append(module).Append("'] = { exports: 'Plotly' };\n");
        sb.Append("  require.config({ paths: paths, shim: shim });\n");
        sb.Append("  require(['").Append(module).Append("'], render, fail);\n");
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

    [GeneratedRegex(@"var data = (?<data>.*?);\s*var layout = (?<layout>.*?);\s*Plotly\.newPlot", RegexOptions.Singleline)]
    private static partial Regex XPlotScript();
}
