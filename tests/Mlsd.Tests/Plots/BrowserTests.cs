using System.Text.RegularExpressions;
using Mlsd.Formatting;
using Mlsd.Metrics;
using Mlsd.Plots;
using Mlsd.Retrieval;
using Mlsd.Testing;

namespace Mlsd.Tests.Plots;

public class BrowserTests
{
    /// <summary>One chart of every helper, as a notebook would make them, plus one built with Plotly.NET's own API
    /// and one with XPlot.Plotly.</summary>
    internal static object[] AllKinds()
    {
        double[] days = Enumerable.Range(1, 14).Select(d => (double)d).ToArray();
        var frozen = days.Select(d => 0.92 + 0.004 * d).ToArray();
        var tuned = days.Select(d => 0.90 + 0.001 * d).ToArray();
        var normal = new Mlsd.Sampler(7);
        var latencies = Enumerable.Range(0, 300).Select(_ => Math.Exp(normal.Normal(3, 0.4))).ToArray();
        int[] labels = Enumerable.Range(0, 200).Select(i => i % 3 == 0 ? 1 : 0).ToArray();
        double[] scores = labels.Select((y, i) => 0.3 * y + (i * 37 % 100) / 140.0).ToArray();
        AnnBenchmarkPoint P(string parameter, int value, double recall, double micros) => new("HNSW", parameter, value, 10, recall, micros, micros * 2, 1e6 / micros);
        return
        [
            Plot.Combine(Plot.Line(days, frozen, name: "frozen"), Plot.Line(days, tuned, name: "fine-tuned", dash: "dash"))
                .WithTitle("Share of 10,000 ids that collide, by number of hash buckets B — a long title")
                .WithXAxis("day").WithYAxis("NCE").WithHorizontalLine(0.95, "alert"),
            Plot.Scatter(latencies.Take(100), latencies.Skip(100).Take(100), name: "pairs", labels: Enumerable.Range(0, 100).Select(i => $"#{i}"))
                .WithTitle("Scatter").WithXAxis("a (ms)", log: true).WithYAxis("b (ms)"),
            Plot.Bars(new[] { "LR", "GBDT", "FM" }, ("precision", new[] { 0.61, 0.68, 0.66 }), ("recall", new[] { 0.52, 0.57, 0.60 }))
                .WithTitle("Grouped bars").WithYAxis("rate", percent: true),
            Plot.Combine(Plot.Histogram(latencies, name: "v1", bins: 30), Plot.Histogram(latencies.Select(l => l * 0.8), name: "v2", bins: 30))
                .WithTitle("Latency histogram").WithXAxis("ms"),
            Plot.Row(Plot.Roc(("model", Classification.RocCurve(labels, scores))),
                Plot.PrecisionRecall(("model", Classification.PrecisionRecallCurve(labels, scores)))),
            Plot.Reliability(labels, 10, ("model", scores.Select(s => Math.Min(s, 1)).ToArray())).WithTitle("Reliability of a long-named model on the test days"),
            Plot.RecallVsLatency(("HNSW, efSearch", [P("efSearch", 16, 0.8, 20), P("efSearch", 64, 0.95, 50)]), ("exact", [P("", 0, 1.0, 900)]))
                .WithTitle("Recall@10 vs query time"),
            Plot.FeatureImportance(["user impressions in the last 24 hours", "slot", "hour"], [3.0, 2.0, 1.0]).WithTitle("Importance"),
            Plot.Grid(2, 2,
                Plot.Line(frozen, name: "frozen").WithTitle("line"),
                Plot.Histogram(latencies).WithTitle("histogram"),
                Plot.Bar(new[] { "slot 1", "slot 2" }, new[] { 0.031, 0.012 }).WithTitle("CTR by slot").WithYAxis("CTR", percent: true),
                Plot.Bar(new[] { "a", "b" }, new[] { 3.0, 1.0 }, horizontal: true).WithTitle("bar")),
            Plotly.NET.CSharp.Chart.Point<double, double, string>(days, frozen, Name: "Plotly.NET's own API").WithTitle("A learner's chart"),
            XPlot.Plotly.Chart.Plot(new XPlot.Plotly.Scatter { x = days, y = tuned, name = "XPlot" }),
        ];
    }

    /// <summary>Runs after every chart has drawn: for each chart, does any title (the main one or a panel's caption)
    /// overlap the toolbar? Writes one line per chart into #mlsd-layout, and the number of point labels drawn.</summary>
    private const string LayoutReport = """
        <pre id="mlsd-layout"></pre>
        <script>
        setTimeout(function () {
          function box(e) { var r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 ? r : null; }
          function overlap(a, b) { return a && b && a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom; }
          var lines = [];
          document.querySelectorAll('.js-plotly-plot').forEach(function (plot, i) {
            var bar = plot.querySelector('.modebar');
            var barBox = bar ? box(bar) : null;
            var titles = Array.prototype.slice.call(plot.querySelectorAll('.gtitle, .annotation-text'));
            var hit = titles.filter(function (t) { return overlap(box(t), barBox); }).map(function (t) { return t.textContent; });
            lines.push('chart ' + i + ': toolbar ' + (barBox ? 'found' : 'missing') + ', ' + titles.length + ' titles'
              + (hit.length ? ', OVERLAP: ' + hit.join(' | ') : ''));
          });
          lines.push('point labels: ' + document.querySelectorAll('.textpoint').length);
          document.getElementById('mlsd-layout').textContent = lines.join('\n');
        }, 5000);
        </script>

        """;

    /// <summary>The page under test: the error collector runs before plotly.js and every figure.</summary>
    internal static string Page(string plotlyJsPath)
    {
        var table = new Table("model", "AUC").AddRow("LR", 0.71).AddRow("GBDT", 0.76).HighlightMax("AUC").WithTitle("Side by side");
        var frame = Mlsd.Data.DataFrames.FromRows(Enumerable.Range(0, 30).Select(i => new[] { i, i * 0.5 }).ToArray(), ["i", "half"]);
        var items = AllKinds()
            .Append(new SideBySide(table, Plotly.NET.CSharp.GenericChartExtensions.WithSize(
                Plot.Bar(new[] { "LR", "GBDT" }, new[] { 0.71, 0.76 }), 400, 300)))
            .Append(frame);
        string page = PlotlyJs.HtmlPage("Mlsd.Plots browser test", items, plotlyJsPath);
        int head = page.IndexOf("<head>\n", StringComparison.Ordinal) + "<head>\n".Length;
        page = page.Insert(head, Chromium.ErrorCollector);
        int body = page.IndexOf('>', page.IndexOf("<body", StringComparison.Ordinal)) + 2;
        page = page.Insert(body, Chromium.ErrorReport);
        return page.Insert(page.LastIndexOf("</body>", StringComparison.Ordinal), LayoutReport);
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

            var layout = Regex.Match(dom, "<pre id=\"mlsd-layout\">(.*?)</pre>", RegexOptions.Singleline).Groups[1].Value;
            var lines = layout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(lines.Length == ids.Count + 1, "The layout report is incomplete:\n" + layout);
            Assert.DoesNotContain("OVERLAP", layout);
            Assert.DoesNotContain("toolbar missing", layout);
            Assert.Matches(@"point labels: ([1-9]\d*)", layout);
        });
    }

    [BrowserFact]
    [Trait("Category", "Browser")]
    public void LongCategoryNamesOfHorizontalBarsWidenTheLeftMarginInsteadOfBeingCut()
    {
        InBrowserTempDirectory(temp =>
        {
            string pagePath = Path.Combine(temp, "page.html");
            var bars = Plot.Bar(new[] { "user impressions in the last 24 hours", "slot" }, new[] { 0.7, 0.3 }, horizontal: true);
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
