namespace Mlsd.Formatting;

/// <summary>
/// A library value that knows how to show itself as an HTML fragment in a notebook.
/// </summary>
/// <remarks>
/// Implementers also override <see cref="object.ToString"/> for the text/plain view (what a terminal, a diff or a
/// screen reader sees) and carry <c>[TypeFormatterSource(typeof(HtmlRenderableFormatterSource))]</c> on the concrete
/// class so the notebook kernel picks the HTML up.
/// </remarks>
public interface IHtmlRenderable
{
    /// <summary>A self-contained HTML fragment (no &lt;html&gt;/&lt;body&gt;; inline styles only).</summary>
    string ToHtml();
}
