using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Mlsd.Notebooks.Authoring;
using Mlsd.Notebooks.Format;

namespace Mlsd.Notebooks.Site;

/// <summary>A notebook's cells as page HTML, with what the page around them needs to know.</summary>
/// <param name="Body">The cells.</param>
/// <param name="Toc">h2/h3 headings, for the table of contents.</param>
/// <param name="HasCharts">An output draws a Plotly chart (the page loads the shared plotly.js first).</param>
/// <param name="HasMath">Markdown has math (the page loads KaTeX).</param>
internal sealed record RenderedCells(string Body, IReadOnlyList<TocEntry> Toc, bool HasCharts, bool HasMath);

/// <summary>
/// Renders a notebook's cells: markdown as HTML, each code cell numbered by its 1-based code-cell number — the number
/// <c>mlsd run</c>, <c>mlsd check</c> and error messages use — with an anchor (<c>#cell-3</c>), its C# source marked
/// for highlighting, and its outputs (text, tables, SVG, images, charts, errors, exercise checks).
/// </summary>
internal static partial class NotebookPage
{
    /// <summary>Renders <paramref name="notebook"/>; <paramref name="stoppedEarly"/> marks cells without an execution count as not run.</summary>
    public static RenderedCells Render(Notebook notebook, bool stoppedEarly, Func<string, string?> resolveLink)
    {
        var markdown = new MarkdownHtml(resolveLink);
        var body = new StringBuilder();
        var codeNumber = 0;
        var charts = false;
        foreach (var cell in notebook.Cells)
        {
            switch (cell.Kind)
            {
                case CellKind.Markdown:
                    body.Append("<div class=\"cell markdown\">\n").Append(markdown.Render(cell.Source)).Append("</div>\n");
                    break;
                case CellKind.Code:
                    charts |= AppendCodeCell(body, cell, ++codeNumber, stoppedEarly && cell.ExecutionCount is null);
                    break;
                default:
                    body.Append("<pre class=\"cell raw\">").Append(Escape(cell.Source)).Append("</pre>\n");
                    break;
            }
        }
        return new RenderedCells(body.ToString(), markdown.Toc, charts, markdown.HasMath);
    }

    private static bool AppendCodeCell(StringBuilder body, NotebookCell cell, int number, bool notRun)
    {
        var outputs = cell.Outputs?.OfType<JsonObject>().ToList() ?? [];
        var failed = outputs.Any(o => o["output_type"]?.GetValue<string>() == "error");
        var n = number.ToString(CultureInfo.InvariantCulture);
        body.Append("<div class=\"cell code").Append(failed ? " failed" : "").Append(notRun ? " not-run" : "")
            .Append("\" id=\"cell-").Append(n).Append("\">\n")
            .Append("<a class=\"cell-number\" href=\"#cell-").Append(n).Append("\" title=\"Code cell ").Append(n).Append("\">[").Append(n).Append("]</a>")
            .Append(notRun ? "<span class=\"cell-note\">not run: an earlier cell failed</span>" : "")
            .Append("\n<pre class=\"source\"><code class=\"language-csharp\">").Append(Escape(cell.Source)).Append("</code></pre>\n");
        var charts = false;
        if (outputs.Count > 0)
        {
            body.Append("<div class=\"outputs\">\n");
            foreach (var output in outputs) charts |= AppendOutput(body, output);
            body.Append("</div>\n");
        }
        body.Append("</div>\n");
        return charts;
    }

    /// <summary>Appends one output; true when it is a Plotly chart.</summary>
    private static bool AppendOutput(StringBuilder body, JsonObject output)
    {
        switch (output["output_type"]?.GetValue<string>())
        {
            case "stream":
                var text = NotebookOutputs.GetText(output) ?? "";
                var stderr = output["name"]?.GetValue<string>() == "stderr";
                var checks = stderr ? [] : ExerciseReport.Parse(text);
                var kind = stderr ? "stderr" : checks.Count == 0 ? "stdout" : checks.All(c => c.Success) ? "stdout exercise done" : "stdout exercise todo";
                body.Append("<pre class=\"output ").Append(kind).Append("\">").Append(Escape(text)).Append("</pre>\n");
                return false;
            case "error":
                var headline = $"{output["ename"]?.GetValue<string>() ?? "Error"}: {output["evalue"]?.GetValue<string>() ?? ""}";
                var lines = ((output["traceback"] as JsonArray) ?? []).Select(t => Ansi().Replace(t?.GetValue<string>() ?? "", "")).ToList();
                if (lines.Count > 0 && lines[0] == headline) lines.RemoveAt(0); // .NET tracebacks repeat the headline
                body.Append("<pre class=\"output error\"><strong>").Append(Escape(headline)).Append("</strong>")
                    .Append(lines.Count > 0 ? "\n" : "").Append(Escape(string.Join('\n', lines))).Append("</pre>\n");
                return false;
            case "display_data" or "execute_result":
                return AppendRich(body, output);
            default:
                return false;
        }
    }

    private static bool AppendRich(StringBuilder body, JsonObject output)
    {
        string? Get(string mime) => NotebookOutputs.GetText(output, mime);
        body.Append("<div class=\"output rich\">");
        var chart = false;
        if (Get("image/svg+xml") is { } svg) body.Append(svg);
        else if (Get("image/png") is { } png) body.Append("<img alt=\"output\" src=\"data:image/png;base64,").Append(png.Replace("\n", "", StringComparison.Ordinal)).Append("\">");
        else if (Get("image/jpeg") is { } jpg) body.Append("<img alt=\"output\" src=\"data:image/jpeg;base64,").Append(jpg.Replace("\n", "", StringComparison.Ordinal)).Append("\">");
        else if (Get("text/html") is { } html)
        {
            body.Append(html);
            chart = html.Contains("Plotly", StringComparison.Ordinal);
        }
        else if (Get("text/markdown") is { } md) body.Append(Markdig.Markdown.ToHtml(md, MarkdownHtml.Pipeline));
        else if (Get("text/plain") is { } text) body.Append("<pre>").Append(Escape(text)).Append("</pre>");
        body.Append("</div>\n");
        return chart;
    }

    /// <summary>Escapes the five characters HTML gives meaning to; everything else (·, →, ✓ …) stays as written (pages are UTF-8).</summary>
    internal static string Escape(string s)
    {
        if (s.AsSpan().IndexOfAny("&<>\"'") < 0) return s;
        var sb = new StringBuilder(s.Length + 16);
        foreach (var c in s)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex Ansi();
}
