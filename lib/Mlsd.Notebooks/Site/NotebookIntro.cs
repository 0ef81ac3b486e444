using System.Globalization;
using System.Text.RegularExpressions;
using Markdig;
using Mlsd.Notebooks.Format;

namespace Mlsd.Notebooks.Site;

/// <summary>
/// What the course's table of contents says about a notebook, read from its first cell as the notebook conventions
/// write it: the <c># NN · Title</c> heading, the <c>**What you build:**</c> paragraph (its first clause is the one-line
/// summary) and <c>**Time:** about N minutes</c>.
/// </summary>
/// <param name="Title">"07 · Ad click prediction" (the file name when there is no heading).</param>
/// <param name="Summary">One line, plain text, or "" when the first cell has no paragraph to take it from.</param>
/// <param name="Minutes">The stated study time, or null.</param>
public sealed partial record NotebookIntro(string Title, string Summary, int? Minutes)
{
    /// <summary>Longest summary kept; a longer first clause is cut at a word and ends with "…".</summary>
    public const int MaxSummaryLength = 150;

    /// <summary>Reads the intro of <paramref name="notebook"/>; <paramref name="fileName"/> names it when nothing else does.</summary>
    public static NotebookIntro Read(Notebook notebook, string fileName)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        var first = notebook.Cells.FirstOrDefault(c => c.Kind == CellKind.Markdown)?.Source ?? "";
        var title = Heading().Match(first) is { Success: true } h ? Markdown.ToPlainText(h.Groups["title"].Value).Trim() : Path.GetFileNameWithoutExtension(fileName);
        var minutes = Time().Match(first) is { Success: true } t ? int.Parse(t.Groups["minutes"].Value, CultureInfo.InvariantCulture) : (int?)null;
        return new NotebookIntro(title, Summarise(first), minutes);
    }

    private static string Summarise(string firstCell)
    {
        var paragraphs = firstCell.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var build = paragraphs.FirstOrDefault(p => p.StartsWith("**What you build:**", StringComparison.Ordinal));
        var text = build?["**What you build:**".Length..] ?? paragraphs.FirstOrDefault(p => !p.StartsWith('#')) ?? "";
        text = Markdown.ToPlainText(text).ReplaceLineEndings(" ").Trim();
        var cut = new[] { " — ", ". ", "; ", ": " }.Select(s => text.IndexOf(s, StringComparison.Ordinal)).Where(i => i > 0).DefaultIfEmpty(text.Length).Min();
        text = text[..cut].TrimEnd('.', ' ');
        if (text.Length > MaxSummaryLength)
        {
            var space = text.LastIndexOf(' ', MaxSummaryLength);
            text = text[..(space > 0 ? space : MaxSummaryLength)].TrimEnd(',', ' ') + "…";
        }
        return text.Length == 0 ? "" : char.ToUpperInvariant(text[0]) + text[1..];
    }

    [GeneratedRegex(@"^#[ \t]+(?<title>.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"\*\*Time:\*\*\s*(?:about\s+)?(?<minutes>\d+)\s*min", RegexOptions.IgnoreCase)]
    private static partial Regex Time();
}
