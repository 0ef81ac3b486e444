using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Mlsd.Notebooks.Site;

/// <summary>A heading of a page, for its table of contents.</summary>
/// <param name="Level">2 for ##, 3 for ###.</param>
/// <param name="Id">The anchor (unique on the page).</param>
/// <param name="Text">Plain text.</param>
internal sealed record TocEntry(int Level, string Id, string Text);

/// <summary>
/// Renders the markdown cells of one page with Markdig: heading anchors unique across cells (each cell is its own
/// document), h2/h3 collected for the table of contents, and relative links re-pointed — a link to another notebook goes
/// to its page, a link to any other file of the repository goes to GitHub when the repository is known.
/// </summary>
internal sealed class MarkdownHtml(Func<string, string?> resolveLink)
{
    /// <summary>GitHub-flavoured tables, auto identifiers, math (<c>$…$</c>, <c>$$…$$</c> → <c>class="math"</c>) and more.</summary>
    public static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly List<TocEntry> _toc = [];

    /// <summary>The h2/h3 headings rendered so far, in order.</summary>
    public IReadOnlyList<TocEntry> Toc => _toc;

    /// <summary>True once a rendered cell contained math.</summary>
    public bool HasMath { get; private set; }

    /// <summary>The HTML of one markdown cell.</summary>
    public string Render(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            var attributes = heading.GetAttributes();
            if (attributes.Id is not { Length: > 0 } id) continue;
            var unique = id;
            for (var n = 2; !_ids.Add(unique); n++) unique = $"{id}-{n}";
            attributes.Id = unique;
            if (heading.Level is 2 or 3)
                _toc.Add(new TocEntry(heading.Level, unique, Markdown.ToPlainText(markdown.Substring(heading.Span.Start, heading.Span.Length).TrimStart('#', ' '), Pipeline).Trim()));
        }
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!link.IsImage && link.Url is { } url && resolveLink(url) is { } resolved) link.Url = resolved;
        }
        foreach (var math in document.Descendants<MathInline>().Where(m => m.DelimiterCount == 2))
            math.GetAttributes().AddClass("display"); // $$…$$ inside a paragraph is display math, as in Jupyter
        HasMath |= document.Descendants<MathBlock>().Any() || document.Descendants<MathInline>().Any();
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }
}
