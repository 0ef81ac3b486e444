using System.Text.RegularExpressions;
using Mlsd.Formatting;
using Mlsd.Plots;
using Mlsd.Testing;

namespace Mlsd.Tests.Plots;

public class BrowserTests
{
    /// <summary>One figure of every kind the builder offers, as a notebook would make them.</summary>
    internal static Figure[] AllKinds()
    {
        double[] days = Enumerable.Range(1, 14).Select(d => (double)d).ToArray();
        var frozen = days.Select(d => 0.92 + 0.004 * d).ToArray();
        var tuned = days.Select(d => 0.90 + 0.001 * d).ToArray();
        var normal = new Mlsd.Sampler(7);
        var latencies = Enumerable.Range(0, 300).Select(_ => Math.Exp(normal.Normal(3, 0.4))).ToArray();
        var grey = new double[28, 28];
        for (int r = 0; r < 28; r++)
            for (int c = 0; c < 28; c++) grey[r, c] = Math.Abs(Math.Sqrt((r - 14) * (r - 14) + (c - 14) * (c - 14)) - 8) < 2 ? 1 : 0;
        var rgb = new byte[16, 16, 3];
        for (int r = 0; r < 16; r++)
            for (int c = 0; c < 16; c++) { rgb[r, c, 0] = (byte)(r * 16); rgb[r, c, 1] = (byte)(c * 16); rgb[r, c, 2] = 128; }

        return
        [
            Chart.Combine(Chart.Line(days, frozen, name: "frozen"), Chart.Line(days, tuned, name: "fine-tuned", dash: "dash"))
                .WithTitle("NCE by day").WithXAxis("day").WithYAxis("NCE").WithHorizontalLine(0.95, "alert"),
            Chart.Scatter(latencies.Take(100), latencies.Skip(100).Take(100), name: "pairs", text: Enumerable.Range(0, 100).Select(i => $"#{i}"))
                .WithTitle("Scatter").WithXAxis("a (ms)", log: true).WithYAxis("b (ms)"),
            Chart.Bar(new[] { "LR", "GBDT", "FM" }, ("precision", new[] { 0.61, 0.68, 0.66 }), ("recall", new[] { 0.52, 0.57, 0.60 }))
                .WithTitle("Grouped bars"),
            Chart.Combine(Chart.Histogram(latencies, name: "v1", bins: 30), Chart.Histogram(latencies.Select(l => l * 0.8), name: "v2", bins: 30))
                .WithTitle("Latency histogram").WithXAxis("ms"),
            Chart.Box(("v1", latencies), ("v2", latencies.Select(l => l * 0.8))).WithTitle("Latency boxes"),
            Chart.Heatmap(new double[,] { { 50, 10 }, { 5, 35 } }, ["pred 0", "pred 1"], ["true 0", "true 1"], colorScale: "Blues",
                showValues: true, valueFormat: ",d").WithTitle("Confusion matrix"),
            Chart.Grid(1, 2, Chart.Image(grey).WithTitle("grey ring"), Chart.Image(rgb).WithTitle("RGB gradient")).WithTitle("Images"),
            Chart.Grid(2, 2,
                Chart.Line(frozen, name: "frozen").WithTitle("line"),
                Chart.Histogram(latencies).WithTitle("histogram"),
                Chart.Heatmap(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } }).WithTitle("heatmap"),
                Chart.Bar(new[] { "a", "b" }, new[] { 3.0, 1.0 }, horizontal: true).WithTitle("bar")).WithTitle("Grid 2×2"),
        ];
    }

    /// <summary>The page under test: the error collector runs before plotly.js and every figure.</summary>
    internal static string Page(string plotlyJsPath)
    {
        var table = new Table("model", "AUC").AddRow("LR", 0.71).AddRow("GBDT", 0.76).HighlightMax("AUC").WithTitle("Side by side");
        var items = AllKinds().Cast<IHtmlRenderable>()
            .Append(new SideBySide(table, Chart.Bar(new[] { "LR", "GBDT" }, new[] { 0.71, 0.76 }).WithSize(400, 300)));
        string page = PlotlyJs.HtmlPage("Mlsd.Plots browser test", items, plotlyJsPath);
        int head = page.IndexOf("<head>\n", StringComparison.Ordinal) + "<head>\n".Length;
        page = page.Insert(head, Chromium.ErrorCollector);
        int body = page.IndexOf('>', page.IndexOf("<body", StringComparison.Ordinal)) + 2;
        return page.Insert(body, Chromium.ErrorReport);
    }

    [BrowserFact]
    [Trait("Category", "Browser")]
    public void EveryFigureKindRendersInHeadlessChromiumWithoutErrors()
    {
        InBrowserTempDirectory(temp =>
        {
            string pagePath = Path.Combine(temp, "page.html");
            string page = Page(BrowserEnvironment.PlotlyJs()!);
            File.WriteAllText(pagePath, page);
            // For a human look: MLSD_KEEP_BROWSER_PAGE=/some/dir keeps a copy of the page.
            if (Environment.GetEnvironmentVariable("MLSD_KEEP_BROWSER_PAGE") is { Length: > 0 } keep)
                File.Copy(pagePath, Path.Combine(Directory.CreateDirectory(keep).FullName, "plots-browser-test.html"), overwrite: true);
            var ids = Regex.Matches(page, "<div id=\"(mlsd-plot-[0-9a-f]+)\"").Select(m => m.Groups[1].Value).ToList();
            Assert.Equal(AllKinds().Length + 1, ids.Count);

            string dom = RunChromium(temp, "--dump-dom", pagePath);

            var errors = Regex.Match(dom, "<pre id=\"mlsd-errors\"[^>]*>(.*?)</pre>", RegexOptions.Singleline);
            Assert.True(errors.Success, "The error collector element is missing from the rendered DOM.");
            Assert.True(errors.Groups[1].Value.Trim().Length == 0, "The page reported errors:\n" + errors.Groups[1].Value);
            foreach (string id in ids)
            {
                int start = dom.IndexOf($"<div id=\"{id}\"", StringComparison.Ordinal);
                Assert.True(start >= 0, $"Chart div {id} is missing from the rendered DOM.");
                int end = dom.IndexOf("<div class=\"mlsd-figure\"", start, StringComparison.Ordinal);
                string chart = end < 0 ? dom[start..] : dom[start..end];
                Assert.Matches("<svg[^>]*class=\"main-svg\"", chart);
            }
        });
    }

    [BrowserFact]
    [Trait("Category", "Browser")]
    public void LongCategoryNamesOfHorizontalBarsWidenTheLeftMarginInsteadOfBeingCut()
    {
        InBrowserTempDirectory(temp =>
        {
            string pagePath = Path.Combine(temp, "page.html");
            var bars = Chart.Bar(new[] { "user impressions in the last 24 hours", "slot" }, new[] { 0.7, 0.3 }, horizontal: true);
            File.WriteAllText(pagePath, PlotlyJs.HtmlPage("margin test", [bars], BrowserEnvironment.PlotlyJs()!));
            string dom = RunChromium(temp, "--dump-dom", pagePath);
            // The plot area starts at the left margin: 60 px by default, wider once the long label is measured.
            var plot = Regex.Match(dom, "<rect class=\"nsewdrag drag\" data-subplot=\"xy\" x=\"([0-9.]+)\"");
            Assert.True(plot.Success, "no plot area in the rendered chart");
            double left = double.Parse(plot.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(left > 150, $"the plot area starts {left} px from the left: the category label is cut off");
        });
    }

    /// <summary>Checks the browser tools are there, then runs <paramref name="body"/> in a temporary folder it removes after.</summary>
    private static void InBrowserTempDirectory(Action<string> body)
    {
        Assert.True(BrowserEnvironment.Missing() is null, $"The browser test needs tools that are missing: {BrowserEnvironment.Missing()}.");
        string temp = Directory.CreateTempSubdirectory("mlsd-plots-").FullName;
        try
        {
            body(temp);
        }
        finally
        {
            try { Directory.Delete(temp, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>Runs headless Chromium on a page and returns its standard output.</summary>
    internal static string RunChromium(string tempDir, string action, string pagePath, string? extra = null) =>
        Chromium.Run(tempDir, action, pagePath, extra);
}
