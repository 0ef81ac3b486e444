using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Markdig;
using Mlsd.Notebooks.Execution;
using Mlsd.Notebooks.Format;
using Mlsd.Notebooks.Running;

namespace Mlsd.Notebooks.Export;

/// <summary>
/// Renders a notebook (typically an executed copy) as one self-contained HTML page: markdown rendered,
/// C# sources, and outputs (SVG, PNG, HTML with its scripts, plain text, errors in red). plotly.js is
/// included once in the head when a chart needs it, inlined from node_modules when available.
/// </summary>
public sealed partial class HtmlExporter
{
    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();
    private readonly PlotlyAsset _plotly;
    private string? _plotlyScript;

    /// <summary>Creates an exporter taking plotly.js from <paramref name="plotly"/>.</summary>
    public HtmlExporter(PlotlyAsset plotly) => _plotly = plotly ?? throw new ArgumentNullException(nameof(plotly));

    /// <summary>The plotly.js source in use.</summary>
    public PlotlyAsset Plotly => _plotly;

    /// <summary>Renders <paramref name="notebook"/>; <paramref name="result"/> (optional) adds a run summary at the top.</summary>
    public string Export(Notebook notebook, string title, NotebookRunResult? result = null)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        var body = new StringBuilder();
        if (result is not null) AppendSummary(body, result);
        var failed = result?.FirstFailure?.CellIndex;
        for (var i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            switch (cell.Kind)
            {
                case CellKind.Markdown:
                    body.Append("<section class=\"md\" id=\"cell-").Append(i + 1).Append("\">")
                        .Append(Markdig.Markdown.ToHtml(cell.Source, Markdown)).Append("</section>\n");
                    break;
                case CellKind.Code:
                    AppendCodeCell(body, cell, i, failed == i);
                    break;
                default:
                    body.Append("<pre class=\"raw\">").Append(Escape(cell.Source)).Append("</pre>\n");
                    break;
            }
        }
        var needsPlotly = NeedsPlotly(notebook);
        var head = new StringBuilder();
        head.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Escape(title)).Append("</title>\n<style>").Append(Css).Append("</style>\n");
        var note = "";
        if (needsPlotly)
        {
            if (_plotly.ScriptPath is not null)
            {
                _plotlyScript ??= File.ReadAllText(_plotly.ScriptPath).Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
                head.Append("<script>/* plotly.js ").Append(_plotly.Version).Append(" (plotly.js-dist-min, MIT) */\n")
                    .Append(_plotlyScript).Append("\n</script>\n");
            }
            else
            {
                head.Append("<script src=\"").Append(_plotly.CdnUrl).Append("\" charset=\"utf-8\"></script>\n");
                note = $"<p class=\"note\">Charts on this page load plotly.js {Escape(_plotly.Version)} from a CDN and need network access. " +
                       "Run <code>npm ci</code> at the repository root and export again to inline it.</p>\n";
            }
        }
        head.Append("</head>\n<body>\n<main>\n").Append(note);
        return head.Append(body).Append("</main>\n</body>\n</html>\n").ToString();
    }

    /// <summary>An index page linking to exported notebooks, with the run summary table.</summary>
    /// <param name="entries">Per notebook: display name, link relative to the index, and its run result.</param>
    public static string ExportIndex(IEnumerable<(string Name, string Href, NotebookRunResult Result)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Notebooks</title>\n<style>")
          .Append(Css).Append("</style>\n</head>\n<body>\n<main>\n<h1>Notebooks</h1>\n<table class=\"summary\">\n")
          .Append("<thead><tr><th>Notebook</th><th>Cells</th><th>Seconds</th><th>Result</th><th>First failure</th></tr></thead>\n<tbody>\n");
        foreach (var (name, href, r) in entries)
        {
            var failure = r.Problem ?? r.FirstFailure?.Describe() ?? "";
            sb.Append("<tr class=\"").Append(r.Succeeded ? "ok" : "bad").Append("\"><td><a href=\"").Append(Escape(href)).Append("\">")
              .Append(Escape(name)).Append("</a></td><td>").Append(r.CellsRun).Append('/').Append(r.Cells.Count)
              .Append("</td><td>").Append(r.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture))
              .Append("</td><td>").Append(r.Succeeded ? "✓ passed" : "✗ failed").Append("</td><td>").Append(Escape(failure)).Append("</td></tr>\n");
        }
        return sb.Append("</tbody>\n</table>\n</main>\n</body>\n</html>\n").ToString();
    }

    private static void AppendSummary(StringBuilder body, NotebookRunResult r)
    {
        var seconds = r.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        body.Append("<p class=\"run ").Append(r.Succeeded ? "ok" : "bad").Append("\">")
            .Append(r.Succeeded ? "✓" : "✗").Append(" Ran ").Append(r.CellsRun).Append(" of ").Append(r.Cells.Count)
            .Append(" code cells in ").Append(seconds).Append(" s");
        if (!r.Succeeded) body.Append(" — first failure: ").Append(Escape(r.Problem ?? r.FirstFailure?.Describe() ?? ""));
        body.Append("</p>\n");
    }

    private static void AppendCodeCell(StringBuilder body, NotebookCell cell, int index, bool failed)
    {
        var count = cell.ExecutionCount?.ToString(CultureInfo.InvariantCulture) ?? " ";
        body.Append("<section class=\"code").Append(failed ? " failed" : "").Append("\" id=\"cell-").Append(index + 1).Append("\">\n")
            .Append("<div class=\"prompt\">[").Append(count).Append("]</div>\n<pre class=\"source\"><code class=\"language-csharp\">")
            .Append(Escape(cell.Source)).Append("</code></pre>\n");
        foreach (var output in cell.Outputs?.OfType<JsonObject>() ?? [])
            AppendOutput(body, output);
        body.Append("</section>\n");
    }

    private static void AppendOutput(StringBuilder body, JsonObject output)
    {
        switch (output["output_type"]?.GetValue<string>())
        {
            case "stream":
                var name = output["name"]?.GetValue<string>() == "stderr" ? "stderr" : "stdout";
                body.Append("<pre class=\"output ").Append(name).Append("\">").Append(Escape(NotebookOutputs.GetText(output) ?? "")).Append("</pre>\n");
                break;
            case "error":
                var headline = $"{output["ename"]?.GetValue<string>() ?? "Error"}: {output["evalue"]?.GetValue<string>() ?? ""}";
                var lines = ((output["traceback"] as JsonArray) ?? []).Select(t => Ansi().Replace(t?.GetValue<string>() ?? "", "")).ToList();
                if (lines.Count > 0 && lines[0] == headline) lines.RemoveAt(0); // .NET tracebacks repeat the headline
                body.Append("<pre class=\"output error\"><strong>").Append(Escape(headline)).Append("</strong>")
                    .Append(lines.Count > 0 ? "\n" : "").Append(Escape(string.Join('\n', lines))).Append("</pre>\n");
                break;
            case "display_data" or "execute_result":
                AppendRich(body, output);
                break;
        }
    }

    private static void AppendRich(StringBuilder body, JsonObject output)
    {
        string? Get(string mime) => NotebookOutputs.GetText(output, mime);
        body.Append("<div class=\"output rich\">");
        if (Get("image/svg+xml") is { } svg) body.Append(svg);
        else if (Get("image/png") is { } png) body.Append("<img alt=\"output\" src=\"data:image/png;base64,").Append(png.Replace("\n", "", StringComparison.Ordinal)).Append("\">");
        else if (Get("image/jpeg") is { } jpg) body.Append("<img alt=\"output\" src=\"data:image/jpeg;base64,").Append(jpg.Replace("\n", "", StringComparison.Ordinal)).Append("\">");
        else if (Get("text/html") is { } html) body.Append(html);
        else if (Get("text/markdown") is { } md) body.Append(Markdig.Markdown.ToHtml(md, Markdown));
        else if (Get("text/plain") is { } text) body.Append("<pre>").Append(Escape(text)).Append("</pre>");
        body.Append("</div>\n");
    }

    private static bool NeedsPlotly(Notebook notebook) =>
        notebook.Cells.Any(c => c.Outputs?.OfType<JsonObject>().Any(o =>
            NotebookOutputs.GetText(o, "text/html")?.Contains("plotly", StringComparison.OrdinalIgnoreCase) == true) == true);

    private static string Escape(string s) => WebUtility.HtmlEncode(s);

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex Ansi();

    private const string Css = """
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.5; color: #1f2328; margin: 0; background: #fff; }
        main { max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
        pre, code { font-family: ui-monospace, "Cascadia Code", Menlo, Consolas, monospace; font-size: 0.875rem; }
        section.code { margin: 1rem 0; border-left: 3px solid #d0d7de; padding-left: 0.75rem; }
        section.code.failed { border-left-color: #cf222e; }
        .prompt { color: #6e7781; font-size: 0.75rem; }
        pre.source { background: #f6f8fa; padding: 0.75rem; overflow-x: auto; border-radius: 6px; margin: 0.25rem 0; }
        pre.output { padding: 0.5rem 0.75rem; margin: 0.25rem 0; overflow-x: auto; white-space: pre-wrap; }
        pre.stderr { background: #fff8f0; }
        pre.error { background: #ffebe9; color: #cf222e; border: 1px solid #ff818266; border-radius: 6px; }
        div.output.rich { margin: 0.25rem 0; overflow-x: auto; }
        table { border-collapse: collapse; }
        th, td { border: 1px solid #d0d7de; padding: 0.25rem 0.5rem; }
        section.md table th { background: #f6f8fa; }
        p.run.ok, tr.ok td:nth-child(4) { color: #1a7f37; }
        p.run.bad, tr.bad td:nth-child(4), tr.bad td:nth-child(5) { color: #cf222e; }
        p.note { background: #fff8c5; border: 1px solid #d4a72c; padding: 0.5rem 0.75rem; border-radius: 6px; }
        """;
}
