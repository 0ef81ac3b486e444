using System.Globalization;
using System.Text;
using Mlsd.Data;

namespace Mlsd.Formatting;

/// <summary>One picture in an <see cref="ImageGrid"/>: the image, an optional caption and an optional frame colour.</summary>
/// <param name="Image">The picture (any size; small images are enlarged with visible pixels).</param>
/// <param name="Caption">Text under the picture (plain text; escaped in HTML).</param>
/// <param name="Frame">A CSS colour for a frame around the picture (e.g. <c>"#2ca02c"</c> for a match), or null for none.</param>
public sealed record ImageTile(RasterImage Image, string? Caption = null, string? Frame = null)
{
    /// <summary>A tile from row-major grey values in [0, 1] (the layout of <see cref="ImageDataset"/>).</summary>
    /// <exception cref="ArgumentException">The pixel count is not width × height.</exception>
    public static ImageTile FromGreyscale(ReadOnlySpan<float> pixels, int width, int height, string? caption = null, string? frame = null) =>
        new(RasterImage.FromGreyscale(pixels, width, height), caption, frame);
}

/// <summary>
/// Rows of captioned images shown as one table — a query and its results, a sample per class, an image before and after
/// augmentation. In a notebook (and in the exported page) each image is an inline PNG (a <c>data:</c> URI, encoded by
/// SixLabors.ImageSharp through <see cref="Png"/>), so the page needs no image files; text readers get each row's label
/// and captions.
/// </summary>
/// <example>
/// <code>
/// var grid = new ImageGrid("A query and its top 3");
/// grid.AddRow("query", [ImageTile.FromGreyscale(query, 14, 14, "Sneaker")]);
/// grid.AddRow("results", results.Select(r => ImageTile.FromGreyscale(images[r], 14, 14, names[r], frame: "#2ca02c")));
/// grid   // the last expression of a cell: displayed as a table of pictures
/// </code>
/// </example>
[TypeFormatterSource(typeof(HtmlRenderableFormatterSource))]
public sealed class ImageGrid : IHtmlRenderable
{
    private readonly List<(string Label, ImageTile[] Tiles)> _rows = [];

    /// <summary>An empty grid with an optional caption above it.</summary>
    public ImageGrid(string? title = null) => Title = title;

    /// <summary>The caption above the grid, if any.</summary>
    public string? Title { get; }

    /// <summary>Screen pixels per image pixel for small images (default 4: a 14×14 image shows as 56×56).
    /// Images wider than 64 pixels are shown at their own size.</summary>
    public int PixelSize
    {
        get;
        init => field = value is >= 1 and <= 16 ? value : throw new ArgumentOutOfRangeException(nameof(PixelSize), value, "PixelSize must be in 1..16.");
    } = 4;

    /// <summary>The rows added so far: each a label and its tiles.</summary>
    public IReadOnlyList<(string Label, IReadOnlyList<ImageTile> Tiles)> Rows =>
        _rows.Select(r => (r.Label, (IReadOnlyList<ImageTile>)r.Tiles)).ToArray();

    /// <summary>Appends a row of tiles under a label (shown at its left).</summary>
    /// <returns>This grid, so rows can be chained.</returns>
    /// <exception cref="ArgumentException">A null label or tile list, a null tile, or a row with no tiles.</exception>
    public ImageGrid AddRow(string label, IEnumerable<ImageTile> tiles)
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(tiles);
        var row = tiles.ToArray();
        if (row.Length == 0) throw new ArgumentException($"row \"{label}\" has no tiles; add at least one image.", nameof(tiles));
        for (int i = 0; i < row.Length; i++)
            if (row[i] is null) throw new ArgumentException($"tiles[{i}] of row \"{label}\" is null.", nameof(tiles));
        _rows.Add((label, row));
        return this;
    }

    /// <summary>A table: one row per <see cref="AddRow"/>, its label on the left, then each image with its caption.</summary>
    public string ToHtml()
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder("<div style=\"font-family:system-ui,sans-serif;font-size:12px\">");
        if (Title is not null) sb.Append("<div style=\"font-weight:600;margin:4px 0\">").Append(Html.Escape(Title)).Append("</div>");
        sb.Append("<table style=\"border-collapse:collapse\">");
        foreach (var (label, tiles) in _rows)
        {
            sb.Append("<tr><th style=\"text-align:right;padding:2px 8px;font-weight:500;vertical-align:middle\">")
              .Append(Html.Escape(label)).Append("</th>");
            foreach (var tile in tiles)
            {
                int scale = Math.Max(tile.Image.Width, tile.Image.Height) > 64 ? 1 : PixelSize;
                string border = tile.Frame is null ? "3px solid transparent" : "3px solid " + Html.Escape(tile.Frame);
                sb.Append("<td style=\"padding:2px;text-align:center;vertical-align:top\">")
                  .Append(string.Create(c, $"<img src=\"{tile.Image.ToDataUri()}\" width=\"{tile.Image.Width * scale}\" height=\"{tile.Image.Height * scale}\" "))
                  .Append("alt=\"").Append(Html.Escape(tile.Caption ?? tile.Image.ToString())).Append("\" ")
                  .Append("style=\"image-rendering:pixelated;display:block;margin:auto;border:").Append(border).Append("\"/>");
                if (tile.Caption is not null)
                    sb.Append("<div style=\"font-size:10px;max-width:").Append((tile.Image.Width * scale + 6).ToString(c))
                      .Append("px;overflow-wrap:anywhere\">").Append(Html.Escape(tile.Caption)).Append("</div>");
                sb.Append("</td>");
            }
            sb.Append("</tr>");
        }
        return sb.Append("</table></div>").ToString();
    }

    /// <summary>The text view: the title, then one line per row, "label: caption | caption | …".</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        if (Title is not null) sb.Append(Title).Append('\n');
        foreach (var (label, tiles) in _rows)
            sb.Append(label).Append(": ").Append(string.Join(" | ", tiles.Select(t => t.Caption ?? t.Image.ToString()))).Append('\n');
        return sb.Length == 0 ? "(empty image grid)" : sb.ToString().TrimEnd('\n');
    }
}
