using System.Globalization;
using System.Text.Json.Nodes;

namespace Mlsd.Plots;

/// <summary>
/// Builds Plotly figures in the shape of Plotly.NET: <c>Chart.Line(x, y, name: "frozen").WithTitle("NCE by day")</c>.
/// </summary>
/// <remarks>
/// x values may be numbers, strings (categories), <see cref="DateOnly"/> or <see cref="DateTime"/>; y values are
/// doubles, where NaN leaves a gap. Overlay figures with <see cref="Combine(Figure[])"/> and arrange them in panels
/// with <see cref="Grid(int, int, Figure[])"/>.
/// </remarks>
public static class Chart
{
    /// <summary>A line through the points (x[i], y[i]); <paramref name="markers"/> also dots each point,
    /// <paramref name="dash"/> is a Plotly dash style ("dash", "dot", "dashdot").</summary>
    public static Figure Line<TX>(IEnumerable<TX> x, IEnumerable<double> y, string? name = null, bool markers = false,
        string? dash = null, string? color = null)
    {
        var trace = XY("Line", x, y, name, out var info);
        trace["mode"] = markers ? "lines+markers" : "lines";
        if (dash is not null || color is not null)
        {
            var line = new JsonObject();
            if (dash is not null) line["dash"] = dash;
            if (color is not null) line["color"] = color;
            trace["line"] = line;
        }
        return Single(trace, info);
    }

    /// <summary>A line through y against its index 0, 1, 2, … (a training curve, a time series).</summary>
    public static Figure Line(IEnumerable<double> y, string? name = null, bool markers = false, string? dash = null, string? color = null)
    {
        ArgumentNullException.ThrowIfNull(y);
        var values = y as IReadOnlyCollection<double> ?? y.ToArray();
        return Line(Enumerable.Range(0, values.Count), values, name, markers, dash, color);
    }

    /// <summary>Points (x[i], y[i]) as dots. <paramref name="text"/> labels each point on hover;
    /// <paramref name="colorValues"/> colours each point on a continuous scale (with a colour bar).</summary>
    public static Figure Scatter<TX>(IEnumerable<TX> x, IEnumerable<double> y, string? name = null,
        IEnumerable<string>? text = null, double markerSize = 7, string? color = null, IEnumerable<double>? colorValues = null,
        double opacity = 1.0)
    {
        var trace = XY("Scatter", x, y, name, out var info);
        trace["mode"] = "markers";
        var marker = new JsonObject { ["size"] = markerSize };
        if (opacity < 1) marker["opacity"] = opacity;
        if (color is not null) marker["color"] = color;
        if (colorValues is not null)
        {
            marker["color"] = Json.Array(colorValues, nameof(colorValues), out int colorCount);
            if (colorCount != info.Count)
                throw new ArgumentException($"colorValues must have one value per point (got {colorCount} for {info.Count} points).", nameof(colorValues));
            marker["colorscale"] = "Viridis";
            marker["showscale"] = true;
        }
        trace["marker"] = marker;
        if (text is not null)
        {
            trace["text"] = Json.Array(text, nameof(text), out int textCount);
            if (textCount != info.Count)
                throw new ArgumentException($"text must have one label per point (got {textCount} for {info.Count} points).", nameof(text));
        }
        return Single(trace, info);
    }

    /// <summary>Bars of height <paramref name="values"/> over <paramref name="categories"/>;
    /// <paramref name="horizontal"/> draws them sideways (long category names read better that way).</summary>
    public static Figure Bar<TX>(IEnumerable<TX> categories, IEnumerable<double> values, string? name = null,
        bool horizontal = false, string? color = null)
    {
        var trace = XY("Bar", categories, values, name, out var info, xName: nameof(categories), yName: nameof(values));
        trace["type"] = "bar";
        if (horizontal)
        {
            (trace["x"], trace["y"]) = (trace["y"]!.DeepClone(), trace["x"]!.DeepClone());
            trace["orientation"] = "h";
        }
        if (color is not null) trace["marker"] = new JsonObject { ["color"] = color };
        var figure = Single(trace, info);
        return horizontal ? figure.WithReversedCategoryAxis() : figure;
    }

    /// <summary>Grouped bars: for each category, one bar per series (e.g. precision and recall per model).</summary>
    public static Figure Bar<TX>(IEnumerable<TX> categories, params (string Name, IEnumerable<double> Values)[] series)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(series);
        if (series.Length == 0) throw new ArgumentException("series must hold at least one (name, values) pair.", nameof(series));
        var cats = categories as IReadOnlyCollection<TX> ?? categories.ToArray();
        var combined = Combine(series.Select(s => Bar(cats, s.Values, s.Name)).ToArray());
        return combined.EditLayout(layout => layout["barmode"] = "group");
    }

    /// <summary>A histogram of <paramref name="values"/>; <paramref name="bins"/> equal-width bins over the data
    /// range (Plotly chooses when null); <paramref name="normalized"/> shows a probability density instead of counts.</summary>
    public static Figure Histogram(IEnumerable<double> values, string? name = null, int? bins = null, bool normalized = false,
        string? color = null)
    {
        var x = Json.Array(values, nameof(values), out int count);
        var trace = new JsonObject { ["type"] = "histogram", ["x"] = x };
        SetName(trace, name);
        if (bins is int n)
        {
            if (n < 1) throw new ArgumentOutOfRangeException(nameof(bins), $"bins must be at least 1 (got {n}).");
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            foreach (var v in values)
            {
                if (!double.IsFinite(v)) continue;
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
            if (min < max)
            {
                double size = (max - min) / n;
                // End a hair beyond max so the largest value falls inside the last bin.
                trace["xbins"] = new JsonObject { ["start"] = min, ["end"] = max + size * 1e-9, ["size"] = size };
            }
        }
        if (normalized) trace["histnorm"] = "probability density";
        if (color is not null) trace["marker"] = new JsonObject { ["color"] = color };
        return Single(trace, new("Histogram", name, Plural(count, "value"), count));
    }

    /// <summary>A box plot (median, quartiles, whiskers at 1.5 IQR, outliers) of <paramref name="values"/>.</summary>
    public static Figure Box(IEnumerable<double> values, string? name = null, bool showPoints = false)
    {
        var y = Json.Array(values, nameof(values), out int count);
        var trace = new JsonObject { ["type"] = "box", ["y"] = y, ["boxpoints"] = showPoints ? "all" : "outliers" };
        SetName(trace, name);
        if (name is not null) trace["x0"] = name;
        return Single(trace, new("Box", name, Plural(count, "value"), count));
    }

    /// <summary>Side-by-side box plots, one per named group (e.g. latency per model version).</summary>
    public static Figure Box(params (string Name, IEnumerable<double> Values)[] groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        if (groups.Length == 0) throw new ArgumentException("groups must hold at least one (name, values) pair.", nameof(groups));
        return Combine(groups.Select(g => Box(g.Values, g.Name)).ToArray()).WithLegend(false);
    }

    /// <summary>
    /// A heatmap of <paramref name="z"/>[row, column]. Rows run top to bottom like a printed matrix (a confusion
    /// matrix reads naturally); <paramref name="showValues"/> writes each value in its cell using the d3 format
    /// <paramref name="valueFormat"/> (".2f", ",d", ".0%").
    /// </summary>
    public static Figure Heatmap(double[,] z, IEnumerable<string>? xLabels = null, IEnumerable<string>? yLabels = null,
        string colorScale = "Viridis", bool showValues = false, string valueFormat = ".2f", double? zMin = null, double? zMax = null)
    {
        ArgumentNullException.ThrowIfNull(z);
        int rows = z.GetLength(0), cols = z.GetLength(1);
        if (rows == 0 || cols == 0) throw new ArgumentException($"z must have at least one row and one column (got {rows}×{cols}).", nameof(z));
        ArgumentException.ThrowIfNullOrEmpty(colorScale);
        var trace = new JsonObject { ["type"] = "heatmap", ["z"] = Json.Matrix(z), ["colorscale"] = ColorScale(colorScale) };
        if (xLabels is not null)
        {
            trace["x"] = Json.Array(xLabels, nameof(xLabels), out int n);
            if (n != cols) throw new ArgumentException($"xLabels must have one label per column (got {n} for {cols} columns).", nameof(xLabels));
        }
        if (yLabels is not null)
        {
            trace["y"] = Json.Array(yLabels, nameof(yLabels), out int n);
            if (n != rows) throw new ArgumentException($"yLabels must have one label per row (got {n} for {rows} rows).", nameof(yLabels));
        }
        if (showValues)
        {
            trace["texttemplate"] = "%{z:" + valueFormat + "}";
            trace["hovertemplate"] = "%{y}, %{x}: %{z:" + valueFormat + "}<extra></extra>";
        }
        if (zMin is double lo) trace["zmin"] = lo;
        if (zMax is double hi) trace["zmax"] = hi;
        var layout = new JsonObject
        {
            ["yaxis"] = new JsonObject { ["autorange"] = "reversed" },
        };
        if (xLabels is not null) layout.Obj("xaxis")["type"] = "category";
        else if (cols <= 20) layout.Obj("xaxis")["dtick"] = 1;
        if (yLabels is not null) layout.Obj("yaxis")["type"] = "category";
        else if (rows <= 20) layout.Obj("yaxis")["dtick"] = 1;
        return new Figure([trace], DefaultLayout(layout), [new("Heatmap", null, $"{rows}×{cols} cells", rows * cols)]);
    }

    /// <summary>A heatmap of a jagged matrix (all rows the same length); see <see cref="Heatmap(double[,], IEnumerable{string}?, IEnumerable{string}?, string, bool, string, double?, double?)"/>.</summary>
    public static Figure Heatmap(IReadOnlyList<IReadOnlyList<double>> z, IEnumerable<string>? xLabels = null,
        IEnumerable<string>? yLabels = null, string colorScale = "Viridis", bool showValues = false, string valueFormat = ".2f",
        double? zMin = null, double? zMax = null) =>
        Heatmap(ToMatrix(z, nameof(z)), xLabels, yLabels, colorScale, showValues, valueFormat, zMin, zMax);

    /// <summary>A greyscale image, <paramref name="pixels"/>[row, column], black at <paramref name="black"/> and white
    /// at <paramref name="white"/> (0 and 1 by default; use 0 and 255 for raw bytes). Drawn as a grey heatmap with
    /// square pixels and row 0 at the top.</summary>
    public static Figure Image(double[,] pixels, double black = 0, double white = 1)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        if (!(white > black)) throw new ArgumentException($"white must be greater than black (got {black} and {white}).", nameof(white));
        int h = pixels.GetLength(0), w = pixels.GetLength(1);
        if (h == 0 || w == 0) throw new ArgumentException($"pixels must not be empty (got {h}×{w}).", nameof(pixels));
        var trace = new JsonObject
        {
            ["type"] = "heatmap",
            ["z"] = Json.Matrix(pixels),
            ["zmin"] = black,
            ["zmax"] = white,
            ["colorscale"] = new JsonArray(new JsonArray(0, "#000000"), new JsonArray(1, "#ffffff")),
            ["showscale"] = false,
            ["hovertemplate"] = "row %{y}, col %{x}: %{z}<extra></extra>",
        };
        return new Figure([trace], ImageLayout(), [new("Image", null, $"{h}×{w} pixels", h * w)]);
    }

    /// <summary>A greyscale image of bytes (0 = black, 255 = white).</summary>
    public static Figure Image(byte[,] pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        var grey = new double[pixels.GetLength(0), pixels.GetLength(1)];
        for (int r = 0; r < grey.GetLength(0); r++)
            for (int c = 0; c < grey.GetLength(1); c++) grey[r, c] = pixels[r, c];
        return Image(grey, 0, 255);
    }

    /// <summary>A greyscale image stored row by row in a flat array (how MNIST-style datasets keep pixels).</summary>
    public static Figure Image(IReadOnlyList<float> pixels, int width, double black = 0, double white = 1)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        if (width < 1 || pixels.Count % width != 0)
            throw new ArgumentException($"width must divide the pixel count (got {pixels.Count} pixels and width {width}).", nameof(width));
        var grey = new double[pixels.Count / width, width];
        for (int i = 0; i < pixels.Count; i++) grey[i / width, i % width] = pixels[i];
        return Image(grey, black, white);
    }

    /// <summary>A colour image, <paramref name="rgb"/>[row, column, channel] with 3 (RGB) or 4 (RGBA) channels of
    /// 0–255, drawn with Plotly's <c>image</c> trace.</summary>
    public static Figure Image(byte[,,] rgb)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        int h = rgb.GetLength(0), w = rgb.GetLength(1), channels = rgb.GetLength(2);
        if (channels is not (3 or 4))
            throw new ArgumentException($"rgb must have 3 (RGB) or 4 (RGBA) channels in its last dimension (got {channels}).", nameof(rgb));
        if (h == 0 || w == 0) throw new ArgumentException($"rgb must not be empty (got {h}×{w}).", nameof(rgb));
        var z = new JsonArray();
        for (int r = 0; r < h; r++)
        {
            var row = new JsonArray();
            for (int c = 0; c < w; c++)
            {
                var px = new JsonArray();
                for (int k = 0; k < channels; k++) px.Add(rgb[r, c, k]);
                row.Add(px);
            }
            z.Add(row);
        }
        var trace = new JsonObject { ["type"] = "image", ["z"] = z, ["colormodel"] = channels == 3 ? "rgb" : "rgba" };
        return new Figure([trace], ImageLayout(), [new("Image", null, $"{h}×{w} pixels", h * w)]);
    }

    /// <summary>Overlays the traces of several figures on one set of axes (e.g. two models' ROC curves). The first
    /// figure's title and axes win; histograms overlay semi-transparently instead of stacking side by side.</summary>
    public static Figure Combine(params Figure[] figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        if (figures.Length == 0) throw new ArgumentException("figures must hold at least one figure.", nameof(figures));
        var data = new JsonArray();
        var layout = new JsonObject();
        var traces = new List<Figure.TraceInfo>();
        for (int i = 0; i < figures.Length; i++)
        {
            var f = figures[i] ?? throw new ArgumentException($"figures[{i}] is null.", nameof(figures));
            if (f.IsGrid) throw new ArgumentException($"figures[{i}] is a grid; Combine overlays single plots (combine first, then grid).", nameof(figures));
            foreach (var trace in f.Data) data.Add(trace!.DeepClone());
            traces.AddRange(f.Traces);
            MergeMissing(layout, f.Layout);
        }
        bool allHistograms = traces.Count > 1 && traces.All(t => t.Kind == "Histogram");
        if (allHistograms)
        {
            layout["barmode"] = "overlay";
            foreach (var trace in data) trace!.AsObject()["opacity"] ??= 0.6;
        }
        if (data.Count > 1 && traces.Any(t => t.Name is not null)) layout["showlegend"] ??= true;
        return new Figure(data, layout, traces.ToArray());
    }

    /// <summary>
    /// Arranges figures in a <paramref name="rows"/> × <paramref name="columns"/> grid of panels, filled row by row,
    /// each with its own axes; a figure's title becomes its panel's caption. Set an overall title with
    /// <see cref="Figure.WithTitle"/>.
    /// </summary>
    public static Figure Grid(int rows, int columns, params Figure[] figures)
    {
        if (rows < 1) throw new ArgumentOutOfRangeException(nameof(rows), $"rows must be at least 1 (got {rows}).");
        if (columns < 1) throw new ArgumentOutOfRangeException(nameof(columns), $"columns must be at least 1 (got {columns}).");
        ArgumentNullException.ThrowIfNull(figures);
        if (figures.Length == 0) throw new ArgumentException("figures must hold at least one figure.", nameof(figures));
        if (figures.Length > rows * columns)
            throw new ArgumentException($"A {rows}×{columns} grid has {rows * columns} panels but {figures.Length} figures were given.", nameof(figures));
        bool anyColorBar = figures.Any(f => f is not null && f.Data.Any(t => t!["type"]?.GetValue<string>() == "heatmap" && t["showscale"]?.GetValue<bool>() != false));
        double hGap = columns == 1 ? 0 : anyColorBar ? 0.14 : 0.08;
        double vGap = rows == 1 ? 0 : 0.16;
        double cellW = (1 - (columns - 1) * hGap) / columns;
        double cellH = (1 - (rows - 1) * vGap) / rows;

        var data = new JsonArray();
        var traces = new List<Figure.TraceInfo>();
        var annotations = new JsonArray();
        var shapes = new JsonArray();
        var layout = new JsonObject();
        for (int k = 0; k < figures.Length; k++)
        {
            var f = figures[k] ?? throw new ArgumentException($"figures[{k}] is null.", nameof(figures));
            if (f.IsGrid) throw new ArgumentException($"figures[{k}] is itself a grid; grids do not nest.", nameof(figures));
            int r = k / columns, c = k % columns;
            string n = k == 0 ? "" : (k + 1).ToString(CultureInfo.InvariantCulture);
            double x0 = c * (cellW + hGap), x1 = x0 + cellW;
            double y1 = 1 - r * (cellH + vGap), y0 = y1 - cellH;
            foreach (var node in f.Data)
            {
                var trace = node!.DeepClone().AsObject();
                if (k > 0)
                {
                    trace["xaxis"] = "x" + n;
                    trace["yaxis"] = "y" + n;
                }
                if (trace["type"]?.GetValue<string>() == "heatmap" && trace["showscale"]?.GetValue<bool>() != false)
                    trace["colorbar"] = new JsonObject { ["x"] = x1 + 0.01, ["xanchor"] = "left", ["y"] = (y0 + y1) / 2, ["len"] = cellH, ["thickness"] = 12 };
                data.Add(trace);
            }
            traces.AddRange(f.Traces);
            var xaxis = (f.Layout["xaxis"] as JsonObject)?.DeepClone().AsObject() ?? [];
            var yaxis = (f.Layout["yaxis"] as JsonObject)?.DeepClone().AsObject() ?? [];
            xaxis["domain"] = new JsonArray(x0, x1);
            xaxis["anchor"] = "y" + n;
            yaxis["domain"] = new JsonArray(y0, y1);
            yaxis["anchor"] = "x" + n;
            if (yaxis["scaleanchor"] is not null) yaxis["scaleanchor"] = "x" + n;
            if (xaxis["scaleanchor"] is not null) xaxis["scaleanchor"] = "y" + n;
            layout["xaxis" + n] = xaxis;
            layout["yaxis" + n] = yaxis;
            if (f.Title is { } title)
            {
                annotations.Add(new JsonObject
                {
                    ["text"] = "<b>" + System.Net.WebUtility.HtmlEncode(title) + "</b>",
                    ["showarrow"] = false, ["xref"] = "paper", ["yref"] = "paper",
                    ["x"] = (x0 + x1) / 2, ["y"] = y1, ["xanchor"] = "center", ["yanchor"] = "bottom",
                    ["yshift"] = 4, ["font"] = new JsonObject { ["size"] = 13 },
                });
            }
            foreach (var a in (f.Layout["annotations"] as JsonArray) ?? []) annotations.Add(Reref(a!, n));
            foreach (var s in (f.Layout["shapes"] as JsonArray) ?? []) shapes.Add(Reref(s!, n));
            if (f.Layout["barmode"] is JsonNode barmode) layout["barmode"] ??= barmode.DeepClone();
        }
        if (annotations.Count > 0) layout["annotations"] = annotations;
        if (shapes.Count > 0) layout["shapes"] = shapes;
        layout["height"] = Math.Max(420, 330 * rows);
        layout["margin"] = new JsonObject { ["l"] = 60, ["r"] = 30, ["t"] = 60, ["b"] = 50 };
        layout["showlegend"] = traces.Any(t => t.Name is not null);
        return new Figure(data, layout, traces.ToArray(), figures.ToArray(), rows, columns);
    }

    /// <summary>Arranges figures side by side in one row.</summary>
    public static Figure Row(params Figure[] figures) =>
        Grid(1, (figures ?? throw new ArgumentNullException(nameof(figures))).Length, figures);

    // ---- helpers ----

    private static JsonObject XY<TX>(string kind, IEnumerable<TX> x, IEnumerable<double> y, string? name,
        out Figure.TraceInfo info, string xName = "x", string yName = "y")
    {
        var xs = Json.Array(x, xName, out int nx);
        var ys = Json.Array(y, yName, out int ny);
        if (nx != ny) throw new ArgumentException($"{xName} and {yName} must have the same length (got {nx} and {ny}).", yName);
        var trace = new JsonObject { ["type"] = "scatter", ["x"] = xs, ["y"] = ys };
        SetName(trace, name);
        info = new Figure.TraceInfo(kind, name, Plural(ny, "point"), ny);
        return trace;
    }

    private static void SetName(JsonObject trace, string? name)
    {
        if (name is not null) trace["name"] = name;
        else trace["showlegend"] = false;
    }

    /// <summary>Single-hue scales run light (low) to dark (high), as in ColorBrewer and matplotlib; plotly.js's
    /// built-in ones of the same names run the other way, which makes the largest cell of a confusion matrix pale.</summary>
    private static JsonNode ColorScale(string name)
    {
        string[]? stops = name.ToLowerInvariant() switch
        {
            "blues" => ["#f7fbff", "#c6dbef", "#6baed6", "#2171b5", "#08306b"],
            "greens" => ["#f7fcf5", "#c7e9c0", "#74c476", "#238b45", "#00441b"],
            "reds" => ["#fff5f0", "#fcbba1", "#fb6a4a", "#cb181d", "#67000d"],
            "oranges" => ["#fff5eb", "#fdd0a2", "#fd8d3c", "#d94801", "#7f2704"],
            "purples" => ["#fcfbfd", "#dadaeb", "#9e9ac8", "#6a51a3", "#3f007d"],
            "greys" => ["#ffffff", "#d9d9d9", "#969696", "#525252", "#000000"],
            _ => null,
        };
        if (stops is null) return JsonValue.Create(name);
        var scale = new JsonArray();
        for (int i = 0; i < stops.Length; i++) scale.Add(new JsonArray((double)i / (stops.Length - 1), stops[i]));
        return scale;
    }

    private static Figure Single(JsonObject trace, Figure.TraceInfo info) => new([trace], DefaultLayout(), [info]);

    private static JsonObject DefaultLayout(JsonObject? extra = null)
    {
        var layout = extra ?? new JsonObject();
        layout["margin"] = new JsonObject { ["l"] = 60, ["r"] = 30, ["t"] = 50, ["b"] = 50 };
        return layout;
    }

    private static JsonObject ImageLayout() => DefaultLayout(new JsonObject
    {
        ["xaxis"] = new JsonObject { ["showgrid"] = false, ["zeroline"] = false, ["constrain"] = "domain" },
        ["yaxis"] = new JsonObject
        {
            ["showgrid"] = false, ["zeroline"] = false, ["autorange"] = "reversed",
            ["scaleanchor"] = "x", ["constrain"] = "domain",
        },
        ["plot_bgcolor"] = "rgba(0,0,0,0)",
    });

    private static void MergeMissing(JsonObject target, JsonObject source)
    {
        foreach (var (key, value) in source)
        {
            if (!target.ContainsKey(key)) target[key] = value?.DeepClone();
            else if (target[key] is JsonObject t && value is JsonObject s) MergeMissing(t, s);
        }
    }

    /// <summary>Points a shape or annotation that referred to panel 1's axes ("x", "y domain") at panel n's.</summary>
    private static JsonNode Reref(JsonNode node, string n)
    {
        var copy = node.DeepClone().AsObject();
        foreach (string key in new[] { "xref", "yref" })
        {
            if (copy[key]?.GetValue<string>() is { } reference && reference != "paper")
            {
                string axis = reference[..1];
                copy[key] = axis + n + reference[1..].TrimStart('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
            }
        }
        return copy;
    }

    private static double[,] ToMatrix(IReadOnlyList<IReadOnlyList<double>> z, string name)
    {
        ArgumentNullException.ThrowIfNull(z, name);
        int rows = z.Count, cols = rows == 0 ? 0 : z[0].Count;
        var m = new double[rows, cols];
        for (int r = 0; r < rows; r++)
        {
            if (z[r] is null || z[r].Count != cols)
                throw new ArgumentException($"{name} must be rectangular: row 0 has {cols} values but row {r} has {z[r]?.Count ?? 0}.", name);
            for (int c = 0; c < cols; c++) m[r, c] = z[r][c];
        }
        return m;
    }

    internal static string Plural(int count, string unit) =>
        count.ToString("N0", CultureInfo.InvariantCulture) + " " + unit + (count == 1 ? "" : "s");
}
