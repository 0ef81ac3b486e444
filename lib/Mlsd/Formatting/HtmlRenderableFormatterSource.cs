namespace Mlsd.Formatting;

/// <summary>
/// Supplies the notebook formatters for every <see cref="IHtmlRenderable"/>: text/html from
/// <see cref="IHtmlRenderable.ToHtml"/> and text/plain from <see cref="object.ToString"/>.
/// </summary>
/// <remarks>
/// Found through <see cref="TypeFormatterSourceAttribute"/>. The kernel calls <see cref="CreateTypeFormatters"/>
/// by reflection and reads each formatter's <c>MimeType</c>, <c>Type</c> and <c>Format(object, TextWriter)</c>
/// by name, which is why the formatters are plain objects rather than implementations of a kernel interface.
/// </remarks>
public sealed class HtmlRenderableFormatterSource
{
    /// <summary>The formatters, one per mime type: text/html first, then text/plain.</summary>
    public IEnumerable<object> CreateTypeFormatters()
    {
        yield return new HtmlRenderableFormatter(HtmlRenderableFormatter.Html);
        yield return new HtmlRenderableFormatter(HtmlRenderableFormatter.PlainText);
    }
}

/// <summary>
/// One formatter of <see cref="HtmlRenderableFormatterSource"/>, shaped as the .NET Interactive convention expects.
/// </summary>
public sealed class HtmlRenderableFormatter
{
    /// <summary>The HTML mime type.</summary>
    public const string Html = "text/html";

    /// <summary>The plain-text mime type.</summary>
    public const string PlainText = "text/plain";

    /// <summary>Creates a formatter for <paramref name="mimeType"/> (<see cref="Html"/> or <see cref="PlainText"/>).</summary>
    public HtmlRenderableFormatter(string mimeType)
    {
        if (mimeType is not (Html or PlainText))
            throw new ArgumentException($"mimeType must be \"{Html}\" or \"{PlainText}\" (got \"{mimeType}\").", nameof(mimeType));
        MimeType = mimeType;
    }

    /// <summary>The mime type this formatter writes.</summary>
    public string MimeType { get; }

    /// <summary>The type this formatter handles: every <see cref="IHtmlRenderable"/>.</summary>
    public Type Type => typeof(IHtmlRenderable);

    /// <summary>Writes <paramref name="instance"/> to <paramref name="writer"/>; false when it is not an
    /// <see cref="IHtmlRenderable"/>, so the kernel falls back to its default formatting.</summary>
    public bool Format(object instance, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (instance is not IHtmlRenderable renderable) return false;
        writer.Write(MimeType == Html ? renderable.ToHtml() : renderable.ToString());
        return true;
    }
}
