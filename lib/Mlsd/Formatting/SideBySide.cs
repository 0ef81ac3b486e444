using System.Text;

namespace Mlsd.Formatting;

/// <summary>
/// Shows several renderable values next to each other — a results table beside its chart, two confusion
/// matrices — wrapping onto new lines when the output area is narrow.
/// </summary>
[TypeFormatterSource(typeof(HtmlRenderableFormatterSource))]
public sealed class SideBySide : IHtmlRenderable
{
    private readonly object[] _items;

    /// <summary>Lays out <paramref name="items"/> left to right. <see cref="IHtmlRenderable"/> items, charts and
    /// DataFrames show as their HTML, anything else as its escaped <see cref="object.ToString"/> text.</summary>
    public SideBySide(params object[] items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Length == 0) throw new ArgumentException("items must hold at least one value to show.", nameof(items));
        for (int i = 0; i < items.Length; i++)
        {
            if (items[i] is null) throw new ArgumentException($"items[{i}] is null.", nameof(items));
        }
        _items = (object[])items.Clone();
    }

    /// <summary>Items share the row equally but never shrink below this many pixels (they wrap instead).</summary>
    public int MinItemWidth { get; init; } = 320;

    /// <inheritdoc />
    public string ToHtml()
    {
        var sb = new StringBuilder("<div style=\"display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start\">");
        foreach (var item in _items)
        {
            sb.Append("<div style=\"");
            sb.Append("flex:1 1 0;min-width:").Append(MinItemWidth.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("px");
            sb.Append("\">");
            if (NotebookFormatters.TryHtml(item) is { } html) sb.Append(html);
            else sb.Append("<pre style=\"margin:0\">").Append(Html.Escape(item.ToString())).Append("</pre>");
            sb.Append("</div>");
        }
        return sb.Append("</div>").ToString();
    }

    /// <summary>The items' text views, one after another, separated by blank lines.</summary>
    public override string ToString() => string.Join("\n\n", _items.Select(i => i switch
    {
        Plotly.NET.GenericChart chart => Plots.ChartHtml.Summary(chart),
        Microsoft.Data.Analysis.DataFrame frame => DataFrameHtml.ToText(frame),
        _ => i.ToString(),
    }));
}
