using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Formatting;
using Mlsd.Metrics;
using Mlsd.Plots;
using Mlsd.Retrieval;
using Plotly.NET;

namespace Mlsd.Tests.Plots;

public class ChartTests
{
    private static JsonObject Figure(GenericChart chart) => ChartHtml.Figure(chart);

    private static JsonObject Trace(GenericChart chart, int i = 0) => Figure(chart)["data"]![i]!.AsObject();

    private static double[] Numbers(JsonNode? array) => array!.AsArray().Select(v => v!.GetValue<double>()).ToArray();

    [Fact]
    public void LineIsAPlotlyScatterTraceWithTheGivenPointsAndName()
    {
        var trace = Trace(Plot.Line(new[] { 1, 2, 3 }, new[] { 0.5, 1.5, 2.0 }, name: "loss", markers: true, dash: "dash", color: "#d62728"));
        Assert.Equal("scatter", trace["type"]!.GetValue<string>());
        Assert.Equal("lines+markers", trace["mode"]!.GetValue<string>());
        Assert.Equal("loss", trace["name"]!.GetValue<string>());
        Assert.Equal(new[] { 1.0, 2.0, 3.0 }, Numbers(trace["x"]));
        Assert.Equal(new[] { 0.5, 1.5, 2.0 }, Numbers(trace["y"]));
        Assert.Equal("dash", trace["line"]!["dash"]!.GetValue<string>());
    }

    [Fact]
    public void ChartsWithoutASizeFillTheWidthAndLearnersPlotlyNetChartsDoToo()
    {
        var ours = Figure(Plot.Line(new[] { 1.0 }, new[] { 2.0 }))["layout"]!.AsObject();
        Assert.False(ours.ContainsKey("width"));
        var theirs = Plotly.NET.CSharp.Chart.Point<double, double, string>(new[] { 1.0 }, new[] { 2.0 });
        Assert.False(Figure(theirs)["layout"]!.AsObject().ContainsKey("width"));
        var sized = Figure(Plotly.NET.CSharp.GenericChartExtensions.WithSize(theirs, 500, 300))["layout"]!;
        Assert.Equal(500, sized["width"]!.GetValue<int>());
    }

    [Fact]
    public void SummaryReadsLikeASentence()
    {
        var days = Enumerable.Range(1, 14).ToArray();
        var chart = Plot.Combine(
                Plot.Line(days, days.Select(d => 0.9 + d / 100.0), name: "frozen"),
                Plot.Line(days, days.Select(d => 0.9 - d / 100.0), name: "fine-tuned"))
            .WithTitle("NCE by day").WithXAxis("day").WithYAxis("NCE", log: true);
        Assert.Equal("Line chart 'NCE by day': 2 traces (frozen, fine-tuned), 14 points each; x: day, y: NCE (log)",
            ChartHtml.Summary(chart));
        Assert.Equal("Histogram chart: 1,000 values", ChartHtml.Summary(Plot.Histogram(new double[1000])));
    }

    [Fact]
    public void StylingReturnsANewChartAndLeavesTheOriginalAlone()
    {
        var basic = Plot.Line(new[] { 1.0, 2.0 }, new[] { 3.0, 4.0 });
        var titled = basic.WithTitle("t").WithYAxis("CTR", percent: true).WithVerticalLine(1.5, "launch");
        Assert.Null(Figure(basic)["layout"]!["title"]?["text"]);
        var layout = Figure(titled)["layout"]!;
        Assert.Equal("t", layout["title"]!["text"]!.GetValue<string>());
        Assert.Equal(PlotTheme.PercentFormat, layout["yaxis"]!["tickformat"]!.GetValue<string>());
        Assert.Equal(1.5, layout["shapes"]![0]!["x0"]!.GetValue<double>());
        Assert.Equal("launch", layout["annotations"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void TitlesSitAboveThePlotAreaBelowTheToolbarBand()
    {
        var layout = Figure(Plot.Line(new[] { 1.0 }, new[] { 2.0 }).WithTitle("a long title"))["layout"]!;
        Assert.Equal("paper", layout["title"]!["yref"]!.GetValue<string>());
        Assert.Equal("bottom", layout["title"]!["yanchor"]!.GetValue<string>());
        Assert.Equal(PlotTheme.TopMargin, layout["template"]!["layout"]!["margin"]!["t"]!.GetValue<int>());
    }

    [Fact]
    public void GridKeepsPanelTitlesAndMovesEachPanelsLinesToItsOwnAxes()
    {
        var grid = Plot.Row(
            Plot.Line(new[] { 1.0, 2.0 }, new[] { 1.0, 2.0 }).WithTitle("left").WithVerticalLine(1.5),
            Plot.Line(new[] { 1.0, 2.0 }, new[] { 3.0, 4.0 }).WithTitle("right").WithHorizontalLine(3.5, "alert"));
        var figure = Figure(grid);
        var layout = figure["layout"]!;
        var captions = layout["annotations"]!.AsArray().Select(a => a!["text"]!.GetValue<string>()).ToArray();
        Assert.Contains("left", captions);
        Assert.Contains("right", captions);
        Assert.Contains("alert", captions);
        var shapes = layout["shapes"]!.AsArray();
        Assert.Equal("x", shapes[0]!["xref"]!.GetValue<string>());
        Assert.Equal("y2", shapes[1]!["yref"]!.GetValue<string>());
        Assert.Equal("x2 domain", shapes[1]!["xref"]!.GetValue<string>());
        Assert.Equal(2, figure["data"]!.AsArray().Count);
    }

    [Fact]
    public void GridPanelsKeepTheirOwnAxisTitles()
    {
        var grid = Plot.Row(
            Plot.Line(new[] { 1.0, 2.0 }, new[] { 1.0, 2.0 }).WithXAxis("false positive rate").WithYAxis("true positive rate"),
            Plot.Line(new[] { 1.0, 2.0 }, new[] { 3.0, 4.0 }).WithXAxis("recall").WithYAxis("precision", percent: true));
        var layout = Figure(grid)["layout"]!;
        Assert.Equal("false positive rate", layout["xaxis"]!["title"]!["text"]!.GetValue<string>());
        Assert.Equal("true positive rate", layout["yaxis"]!["title"]!["text"]!.GetValue<string>());
        Assert.Null(layout["yaxis"]!["tickformat"]);
        Assert.Equal("recall", layout["xaxis2"]!["title"]!["text"]!.GetValue<string>());
        Assert.Equal(PlotTheme.PercentFormat, layout["yaxis2"]!["tickformat"]!.GetValue<string>());
    }

    [Fact]
    public void RecallVsLatencyLabelsEveryPointWithItsParameter()
    {
        AnnBenchmarkPoint P(string parameter, int value, double recall, double micros) => new("HNSW", parameter, value, 10, recall, micros, micros * 2, 1e6 / micros);
        var chart = Plot.RecallVsLatency(("HNSW", [P("efSearch", 16, 0.8, 20), P("efSearch", 64, 0.95, 50)]),
            ("exact", [P("", 0, 1.0, 900)]));
        var hnsw = Trace(chart, 0);
        Assert.Equal("lines+markers+text", hnsw["mode"]!.GetValue<string>());
        Assert.Equal(new[] { "efSearch=16", "efSearch=64" }, hnsw["text"]!.AsArray().Select(t => t!.GetValue<string>()).ToArray());
        Assert.Equal("log", Figure(chart)["layout"]!["xaxis"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void ReliabilityCurveUsesEqualCountGroups()
    {
        // Sorted by probability: 0.1 (0), 0.35 (1) | 0.4 (0), 0.8 (1) → means 0.225 and 0.6, rates 0.5 and 0.5.
        var curve = ReliabilityCurve.EqualCount([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], groups: 2);
        Assert.Equal(0.225, curve.Predicted[0], 12);
        Assert.Equal(0.6, curve.Predicted[1], 12);
        Assert.Equal([0.5, 0.5], curve.Observed);
        Assert.Throws<ArgumentOutOfRangeException>(() => ReliabilityCurve.EqualCount([0, 1], [0.1, 0.2], groups: 3));
    }

    [Fact]
    public void RocChartNamesEachCurveWithItsArea()
    {
        var roc = Classification.RocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
        var chart = Plot.Roc(("model", roc));
        Assert.Equal("model (AUC 0.750)", Trace(chart, 0)["name"]!.GetValue<string>());
        Assert.Equal("chance", Trace(chart, 1)["name"]!.GetValue<string>());
    }

    [Fact]
    public void BadArgumentsNameTheArgument()
    {
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => Plot.Line(new[] { 1, 2 }, new[] { 1.0 })).ParamName);
        Assert.Equal("dash", Assert.Throws<ArgumentException>(() => Plot.Line(new[] { 1 }, new[] { 1.0 }, dash: "wavy")).ParamName);
        Assert.Equal("min", Assert.Throws<ArgumentException>(() => Plot.Line(new[] { 1 }, new[] { 1.0 }).WithXAxis(log: true, min: 0, max: 1)).ParamName);
        Assert.Equal("charts", Assert.Throws<ArgumentException>(() => Plot.Grid(1, 1, Plot.Line(new[] { 1.0 }), Plot.Line(new[] { 1.0 }))).ParamName);
    }

    [Fact]
    public void TheNotebookFormatterShowsChartsAndFramesAsHtmlWithATextView()
    {
        var chart = Plot.Bar(new[] { "a", "b" }, new[] { 1.0, 2.0 }).WithTitle("bars");
        Assert.Contains("Plotly.newPlot", Formatter.ToDisplayString(chart, "text/html"));
        Assert.Equal("Bar chart 'bars': 2 points", Formatter.ToDisplayString(chart, "text/plain"));
        var xplot = XPlot.Plotly.Chart.Plot(new XPlot.Plotly.Scatter { x = new[] { 1, 2 }, y = new[] { 3, 4 } });
        string html = Formatter.ToDisplayString(xplot, "text/html");
        Assert.Contains("\"x\":[1,2]", html);
        Assert.Contains("mlsd-plot-", html);
        var frame = Mlsd.Data.DataFrames.FromRows([[1.0, 2.0]], ["a", "b"]);
        Assert.StartsWith("<table class=\"mlsd-frame\"", Formatter.ToDisplayString(frame, "text/html"));
        Assert.Equal(["text/html"], Formatter.GetPreferredMimeTypesFor(typeof(GenericChart)));
    }
}
