using Mlsd.Notebooks.Export;
using Mlsd.Notebooks.Format;

namespace Mlsd.Notebooks.Tests;

public class HtmlExporterTests
{
    private static Notebook Sample(bool withChart)
    {
        var nb = Notebook.CreatePolyglot();
        nb.AddMarkdownCell("# Title\n\nSome *emphasis*, `code` and a [link](https://example.org).\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- one\n- two");
        var code = nb.AddCodeCell("var x = 1 < 2;");
        code.ExecutionCount = 1;
        code.SetOutputs(
        [
            NotebookOutputs.Stream("stdout", "a < b\n"),
            NotebookOutputs.DisplayData([new("image/svg+xml", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"></svg>"), new("text/plain", "svg")]),
            NotebookOutputs.DisplayData([new("image/png", "iVBORw0KGgo="), new("text/plain", "png")]),
            NotebookOutputs.DisplayData([new("text/plain", "only <text>")]),
            NotebookOutputs.Error("System.Exception", "bad & worse", ["trace \u001b[31mline\u001b[0m"]),
        ]);
        if (withChart)
            nb.AddCodeCell("chart").SetOutputs([NotebookOutputs.DisplayData([new("text/html", "<div id=\"c1\"></div><script>Plotly.newPlot('c1', [], {});</script>"), new("text/plain", "chart")])]);
        return nb;
    }

    [Fact]
    public void Renders_markdown_sources_and_every_output_kind()
    {
        var html = new HtmlExporter(new PlotlyAsset("4.1.2", null)).Export(Sample(withChart: false), "Sample");
        Assert.Contains("<h1 id=\"title\">Title</h1>", html);
        Assert.Contains("<em>emphasis</em>", html);
        Assert.Contains("<table>", html);
        Assert.Contains("<li>one</li>", html);
        Assert.Contains("var x = 1 &lt; 2;", html);
        Assert.Contains("<pre class=\"output stdout\">a &lt; b\n</pre>", html);
        Assert.Contains("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"></svg>", html);
        Assert.Contains("src=\"data:image/png;base64,iVBORw0KGgo=\"", html);
        Assert.Contains("<pre>only &lt;text&gt;</pre>", html);
        Assert.Contains("<pre class=\"output error\"><strong>System.Exception: bad &amp; worse</strong>\ntrace line</pre>", html);
        Assert.Contains("pre.error { background: #ffebe9; color: #cf222e;", html);
        Assert.DoesNotContain("plotly", html, StringComparison.OrdinalIgnoreCase); // no chart, no plotly
    }

    [Fact]
    public void Inlines_plotly_once_in_the_head_when_a_chart_needs_it()
    {
        using var dir = new TempDir();
        var script = dir.Combine("plotly.min.js");
        File.WriteAllText(script, "/*FAKE-PLOTLY*/ window.Plotly = { newPlot: function () {} }; var s = '</script>';");
        var html = new HtmlExporter(new PlotlyAsset("4.1.2", script)).Export(Sample(withChart: true), "Chart");
        Assert.Equal(1, Count(html, "/*FAKE-PLOTLY*/"));
        Assert.True(html.IndexOf("/*FAKE-PLOTLY*/", StringComparison.Ordinal) < html.IndexOf("</head>", StringComparison.Ordinal));
        Assert.Contains("'<\\/script>'", html); // cannot close the inline script early
        Assert.Contains("Plotly.newPlot('c1'", html);
        Assert.DoesNotContain("need network", html);
    }

    [Fact]
    public void Falls_back_to_the_pinned_cdn_with_a_visible_note()
    {
        var html = new HtmlExporter(new PlotlyAsset("4.1.2", null)).Export(Sample(withChart: true), "Chart");
        Assert.Contains("<script src=\"https://cdn.jsdelivr.net/npm/plotly.js-dist-min@4.1.2/plotly.min.js\"", html);
        Assert.Contains("<p class=\"note\">Charts on this page load plotly.js 4.1.2 from a CDN and need network access.", html);
    }

    [Fact]
    public void Locates_plotly_under_the_repository_node_modules_or_pins_the_package_json_version()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.Combine("package.json"), "{ \"dependencies\": { \"plotly.js-dist-min\": \"9.8.7\" } }");
        Assert.Equal(new PlotlyAsset("9.8.7", null), PlotlyAsset.Locate(dir.Path));
        var package = dir.Combine("node_modules", "plotly.js-dist-min");
        Directory.CreateDirectory(package);
        File.WriteAllText(Path.Combine(package, "plotly.min.js"), "x");
        File.WriteAllText(Path.Combine(package, "package.json"), "{ \"version\": \"9.8.7\" }");
        Assert.Equal(new PlotlyAsset("9.8.7", Path.Combine(package, "plotly.min.js")), PlotlyAsset.Locate(dir.Path));
    }

    [Fact]
    public void Repository_pins_an_exact_plotly_version_in_package_json_and_lock()
    {
        var root = TestNotebooks.RepositoryRoot;
        var pinned = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(root, "package.json")))!["dependencies"]!["plotly.js-dist-min"]!.GetValue<string>();
        Assert.Matches(@"^\d+\.\d+\.\d+$", pinned);
        var locked = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(root, "package-lock.json")))!["packages"]!["node_modules/plotly.js-dist-min"]!["version"]!.GetValue<string>();
        Assert.Equal(pinned, locked);
    }

    private static int Count(string text, string part)
    {
        var n = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal)) n++;
        return n;
    }
}
