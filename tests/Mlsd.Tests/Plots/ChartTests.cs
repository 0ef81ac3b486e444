using System.Text.Json;
using System.Text.RegularExpressions;
using Mlsd.Plots;

namespace Mlsd.Tests.Plots;

public class ChartTests
{
    private static JsonElement Parse(Figure figure) => JsonDocument.Parse(figure.ToJson()).RootElement;

    private static double[] Numbers(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();

    [Fact]
    public void LineFigureHasDataLayoutConfigAndNaNBecomesNull()
    {
        var json = Parse(Chart.Line(new[] { 1, 2, 3 }, new[] { 0.5, double.NaN, 2.0 }, name: "loss"));
        var trace = json.GetProperty("data")[0];
        Assert.Equal("scatter", trace.GetProperty("type").GetString());
        Assert.Equal("lines", trace.GetProperty("mode").GetString());
        Assert.Equal("loss", trace.GetProperty("name").GetString());
        Assert.Equal(new[] { 1.0, 2.0, 3.0 }, Numbers(trace.GetProperty("x")));
        Assert.Equal(JsonValueKind.Null, trace.GetProperty("y")[1].ValueKind);
        Assert.Equal(0.5, trace.GetProperty("y")[0].GetDouble());
        Assert.Equal(JsonValueKind.Object, json.GetProperty("layout").ValueKind);
        Assert.True(json.GetProperty("config").GetProperty("responsive").GetBoolean());
    }

    [Fact]
    public void NumbersUseInvariantFormatting()
    {
        string json = Chart.Line(new[] { 0.25 }, new[] { 1234.5 }).ToJson();
        Assert.Contains("[0.25]", json);
        Assert.Contains("[1234.5]", json);
    }

    [Fact]
    public void SummaryReadsLikeASentence()
    {
        var days = Enumerable.Range(1, 14).ToArray();
        var figure = Chart.Combine(
                Chart.Line(days, days.Select(d => 0.9 + d / 100.0), name: "frozen"),
                Chart.Line(days, days.Select(d => 0.9 - d / 100.0), name: "fine-tuned"))
            .WithTitle("NCE by day").WithXAxis("day").WithYAxis("NCE");
        Assert.Equal("Line chart 'NCE by day': 2 traces (frozen, fine-tuned), 14 points each; x: day, y: NCE", figure.ToString());
    }

    [Fact]
    public void SummaryOfMixedAndSingleTraces()
    {
        var mixed = Chart.Combine(Chart.Scatter(new[] { 1.0, 2.0 }, new[] { 1.0, 2.0 }), Chart.Line(new[] { 1.0, 2.0, 3.0 }, name: "fit"))
            .WithYAxis("latency", log: true);
        Assert.Equal("Chart (scatter + line): 2 traces (unnamed, fit), 2 points, 3 points; y: latency (log)", mixed.ToString());
        Assert.Equal("Histogram chart: 1,000 values", Chart.Histogram(new double[1000]).ToString());
        Assert.Equal("Image chart: 2×3 pixels", Chart.Image(new byte[2, 3]).ToString());
    }

    [Fact]
    public void WithMethodsReturnNewFiguresAndLeaveTheOriginalAlone()
    {
        var basic = Chart.Line(new[] { 1.0, 2.0 }, new[] { 3.0, 4.0 });
        var titled = basic.WithTitle("t").WithSize(640, 300);
        Assert.Null(basic.Title);
        Assert.Equal("t", titled.Title);
        var layout = Parse(titled).GetProperty("layout");
        Assert.Equal("t", layout.GetProperty("title").GetProperty("text").GetString());
        Assert.Equal(640, layout.GetProperty("width").GetInt32());
        Assert.Equal(300, layout.GetProperty("height").GetInt32());
        Assert.False(Parse(basic).GetProperty("layout").TryGetProperty("width", out _));
    }

    [Fact]
    public void LogAxisRangeIsGivenInLog10Units()
    {
        var axis = Parse(Chart.Line(new[] { 1.0, 1000.0 }, new[] { 1.0, 2.0 }).WithXAxis("k", log: true, min: 1, max: 1000))
            .GetProperty("layout").GetProperty("xaxis");
        Assert.Equal("log", axis.GetProperty("type").GetString());
        Assert.Equal(new[] { 0.0, 3.0 }, Numbers(axis.GetProperty("range")));
        Assert.Equal("k", axis.GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void GroupedBarsShareCategories()
    {
        var json = Parse(Chart.Bar(new[] { "a", "b" }, ("p", new[] { 1.0, 2.0 }), ("r", new[] { 3.0, 4.0 })));
        Assert.Equal("group", json.GetProperty("layout").GetProperty("barmode").GetString());
        var data = json.GetProperty("data");
        Assert.Equal(2, data.GetArrayLength());
        Assert.Equal("bar", data[1].GetProperty("type").GetString());
        Assert.Equal("r", data[1].GetProperty("name").GetString());
        Assert.Equal("b", data[1].GetProperty("x")[1].GetString());
        Assert.Equal(new[] { 3.0, 4.0 }, Numbers(data[1].GetProperty("y")));
    }

    [Fact]
    public void HorizontalBarsSwapAxes()
    {
        var trace = Parse(Chart.Bar(new[] { "a", "b" }, new[] { 1.0, 2.0 }, horizontal: true)).GetProperty("data")[0];
        Assert.Equal("h", trace.GetProperty("orientation").GetString());
        Assert.Equal("a", trace.GetProperty("y")[0].GetString());
        Assert.Equal(new[] { 1.0, 2.0 }, Numbers(trace.GetProperty("x")));
    }

    [Fact]
    public void HistogramBinsSpanTheDataRange()
    {
        var bins = Parse(Chart.Histogram(new[] { 0.0, 1, 2, 3, 4 }, bins: 4)).GetProperty("data")[0].GetProperty("xbins");
        // (4 - 0) / 4 bins = width 1 starting at 0.
        Assert.Equal(0.0, bins.GetProperty("start").GetDouble());
        Assert.Equal(1.0, bins.GetProperty("size").GetDouble());
        Assert.True(bins.GetProperty("end").GetDouble() > 4.0);
    }

    [Fact]
    public void CombinedHistogramsOverlay()
    {
        var json = Parse(Chart.Combine(Chart.Histogram(new[] { 1.0 }, "a"), Chart.Histogram(new[] { 2.0 }, "b")));
        Assert.Equal("overlay", json.GetProperty("layout").GetProperty("barmode").GetString());
        Assert.Equal(0.6, json.GetProperty("data")[0].GetProperty("opacity").GetDouble());
    }

    [Fact]
    public void HeatmapKeepsRowsAndLabels()
    {
        var json = Parse(Chart.Heatmap(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } }, ["a", "b", "c"], ["r0", "r1"], showValues: true));
        var trace = json.GetProperty("data")[0];
        Assert.Equal("heatmap", trace.GetProperty("type").GetString());
        Assert.Equal(new[] { 4.0, 5.0, 6.0 }, Numbers(trace.GetProperty("z")[1]));
        Assert.Equal("c", trace.GetProperty("x")[2].GetString());
        Assert.Equal("r1", trace.GetProperty("y")[1].GetString());
        Assert.Equal("%{z:.2f}", trace.GetProperty("texttemplate").GetString());
        Assert.Equal("reversed", json.GetProperty("layout").GetProperty("yaxis").GetProperty("autorange").GetString());
    }

    [Fact]
    public void HeatmapLabelCountMustMatch()
    {
        var ex = Assert.Throws<ArgumentException>(() => Chart.Heatmap(new double[2, 3], xLabels: ["a", "b"]));
        Assert.Equal("xLabels", ex.ParamName);
        Assert.Contains("got 2 for 3 columns", ex.Message);
    }

    [Fact]
    public void GreyImageIsAGreyHeatmapAndRgbUsesTheImageTrace()
    {
        var grey = Parse(Chart.Image(new byte[,] { { 0, 255 } })).GetProperty("data")[0];
        Assert.Equal("heatmap", grey.GetProperty("type").GetString());
        Assert.Equal(0, grey.GetProperty("zmin").GetDouble());
        Assert.Equal(255, grey.GetProperty("zmax").GetDouble());
        Assert.False(grey.GetProperty("showscale").GetBoolean());

        var rgb = new byte[1, 2, 3];
        rgb[0, 1, 0] = 255;
        var image = Parse(Chart.Image(rgb)).GetProperty("data")[0];
        Assert.Equal("image", image.GetProperty("type").GetString());
        Assert.Equal(new[] { 255.0, 0, 0 }, Numbers(image.GetProperty("z")[0][1]));
    }

    [Fact]
    public void FlatPixelArrayNeedsAWidthThatDividesIt()
    {
        Assert.Equal("Image chart: 2×3 pixels", Chart.Image(new float[6], width: 3).ToString());
        var ex = Assert.Throws<ArgumentException>(() => Chart.Image(new float[7], width: 3));
        Assert.Equal("width", ex.ParamName);
    }

    [Fact]
    public void GridPlacesPanelsOnTheirOwnAxes()
    {
        var panels = Enumerable.Range(0, 4).Select(i => Chart.Line(new[] { 1.0, 2.0 }).WithTitle($"p{i}").WithXAxis($"x{i}")).ToArray();
        var grid = Chart.Grid(2, 2, panels).WithTitle("all");
        var json = Parse(grid);
        var data = json.GetProperty("data");
        Assert.False(data[0].TryGetProperty("xaxis", out _));
        Assert.Equal("x4", data[3].GetProperty("xaxis").GetString());
        Assert.Equal("y4", data[3].GetProperty("yaxis").GetString());
        var layout = json.GetProperty("layout");
        // 2 columns with a 0.08 gap: each panel is (1 - 0.08) / 2 = 0.46 wide; 2 rows with a 0.16 gap: 0.42 high.
        var x2 = Numbers(layout.GetProperty("xaxis2").GetProperty("domain"));
        Assert.Equal(0.54, x2[0], 9);
        Assert.Equal(1.0, x2[1], 9);
        var y3 = Numbers(layout.GetProperty("yaxis3").GetProperty("domain"));
        Assert.Equal(0.0, y3[0], 9);
        Assert.Equal(0.42, y3[1], 9);
        Assert.Equal("x2", layout.GetProperty("xaxis3").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("y2", layout.GetProperty("xaxis2").GetProperty("anchor").GetString());
        Assert.Equal(4, layout.GetProperty("annotations").GetArrayLength());
        Assert.StartsWith("Grid of 4 charts (2×2) 'all':\n  Line chart 'p0': 2 points; x: x0", grid.ToString());
    }

    [Fact]
    public void GridRejectsTooManyFiguresAndNesting()
    {
        var f = Chart.Line(new[] { 1.0 });
        var ex = Assert.Throws<ArgumentException>(() => Chart.Grid(1, 2, f, f, f));
        Assert.Contains("3 figures", ex.Message);
        Assert.Throws<ArgumentException>(() => Chart.Grid(1, 2, Chart.Grid(1, 1, f)));
        Assert.Throws<ArgumentException>(() => Chart.Combine(Chart.Grid(1, 1, f)));
    }

    [Fact]
    public void MismatchedLengthsFailWithBothCounts()
    {
        var ex = Assert.Throws<ArgumentException>(() => Chart.Line(new[] { 1.0, 2.0, 3.0 }, new[] { 1.0, 2.0, 3.0, 4.0 }));
        Assert.Equal("x and y must have the same length (got 3 and 4). (Parameter 'y')", ex.Message);
    }

    [Fact]
    public void HtmlLoadsThePinnedPlotlyTheWayNotebooksNeed()
    {
        string html = Chart.Line(new[] { 1.0 }).WithTitle("a</script><b>").ToHtml("chart-1");
        Assert.Contains("<div id=\"chart-1\"", html);
        Assert.Contains("window.Plotly", html);
        Assert.Contains("require.config", html);
        Assert.Contains("exports: 'Plotly'", html);
        Assert.Contains("https://cdn.jsdelivr.net/npm/plotly.js-dist-min@" + PlotlyJs.Version + "/plotly.min.js", html);
        // The title must not be able to close the script element.
        Assert.Single(Regex.Matches(html, "</script>"));
        Assert.DoesNotContain("<b>", html);
        Assert.Throws<ArgumentException>(() => Chart.Line(new[] { 1.0 }).ToHtml("bad id"));
    }

    [Fact]
    public void DefaultHtmlIdsAreUnique()
    {
        var f = Chart.Line(new[] { 1.0 });
        string id(string html) => Regex.Match(html, "<div id=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEqual(id(f.ToHtml()), id(f.ToHtml()));
    }

    [Fact]
    public void PinnedVersionIsAValidSemverAndMatchesTheCdnUrl()
    {
        Assert.Matches(@"^\d+\.\d+\.\d+$", PlotlyJs.Version);
        Assert.EndsWith("@" + PlotlyJs.Version + "/plotly.min.js", PlotlyJs.CdnUrl);
    }

    [PlotlyJsFact]
    public void PinnedVersionMatchesTheInstalledBundle()
    {
        string? bundle = BrowserEnvironment.PlotlyJs();
        Assert.True(bundle is not null, $"{PlotlyJs.RelativePath} is missing; run `npm install` in the repository root.");
        string packageJson = File.ReadAllText(Path.Combine(Path.GetDirectoryName(bundle)!, "package.json"));
        Assert.Equal(PlotlyJs.Version, JsonDocument.Parse(packageJson).RootElement.GetProperty("version").GetString());
        // The repository's own package.json (when present) pins the same exact version.
        string root = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(bundle)!)!)!;
        string rootPackage = Path.Combine(root, "package.json");
        if (File.Exists(rootPackage))
            Assert.Contains($"\"plotly.js-dist-min\": \"{PlotlyJs.Version}\"", File.ReadAllText(rootPackage));
    }

    [Fact]
    public void StandalonePageInlinesTheBundleSafely()
    {
        string temp = Path.Combine(Path.GetTempPath(), $"mlsd-fake-plotly-{Environment.ProcessId}.js");
        File.WriteAllText(temp, "window.Plotly = { s: '</script>' };");
        try
        {
            string page = Chart.Line(new[] { 1.0 }).WithTitle("t").ToStandaloneHtml(temp);
            Assert.StartsWith("<!DOCTYPE html>", page);
            Assert.Contains("window.Plotly = { s: '<\\/script>' };", page);
            Assert.Contains("<title>t</title>", page);
        }
        finally
        {
            File.Delete(temp);
        }
        Assert.Throws<FileNotFoundException>(() => Chart.Line(new[] { 1.0 }).ToStandaloneHtml("/nonexistent/plotly.min.js"));
    }

    [Fact]
    public void VerticalLineUsesDataXAndDomainY()
    {
        var layout = Parse(Chart.Line(new[] { 1.0, 2.0 }).WithVerticalLine(1.5, "launch")).GetProperty("layout");
        var shape = layout.GetProperty("shapes")[0];
        Assert.Equal("x", shape.GetProperty("xref").GetString());
        Assert.Equal("y domain", shape.GetProperty("yref").GetString());
        Assert.Equal(1.5, shape.GetProperty("x0").GetDouble());
        Assert.Equal("launch", layout.GetProperty("annotations")[0].GetProperty("text").GetString());
    }
}
