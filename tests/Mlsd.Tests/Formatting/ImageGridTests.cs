using Mlsd.Data;
using Mlsd.Formatting;

namespace Mlsd.Tests.Formatting;

/// <summary>The image grid: inline PNGs at the chosen magnification, escaped captions, a text view, checked rows.</summary>
public sealed class ImageGridTests
{
    [Fact]
    public void RendersEachTileAsAnInlinePngWithItsCaption()
    {
        var grid = new ImageGrid("A <query>") { PixelSize = 3 }
            .AddRow("row & one", [ImageTile.FromGreyscale([0, 0.5f, 1, 0.25f], 2, 2, "a <b>", frame: "#2ca02c")])
            .AddRow("two", [ImageTile.FromGreyscale(new float[4], 2, 2)]);
        string html = grid.ToHtml();
        Assert.Equal(2, html.Split("src=\"data:image/png;base64,").Length - 1);
        Assert.Contains("width=\"6\" height=\"6\"", html);          // 2 pixels × PixelSize 3
        Assert.Contains("A &lt;query&gt;", html);
        Assert.Contains("row &amp; one", html);
        Assert.Contains("a &lt;b&gt;", html);
        Assert.Contains("3px solid #2ca02c", html);
        Assert.DoesNotContain("<b>", html);
        Assert.Equal("A <query>\nrow & one: a <b>\ntwo: " + grid.Rows[1].Tiles[0].Image, grid.ToString());
    }

    [Fact]
    public void GreyValuesBecomeBytes()
    {
        // 0 → 0, 0.5 → 128 (rounded), 1 → 255, 0.25 → 64: the tile's image holds what the PNG will show.
        var tile = ImageTile.FromGreyscale([0, 0.5f, 1, 0.25f], 2, 2);
        var decoded = Png.Decode(Png.Encode(tile.Image));
        Assert.Equal((2, 2), (decoded.Width, decoded.Height));
        Assert.Equal(new byte[] { 0, 128, 255, 64 }, tile.Image.Pixels);   // 0.5·255 = 127.5 rounds to even 128
        Assert.Equal(new byte[] { 0, 128, 255, 64 }, decoded.Pixels);
    }

    [Fact]
    public void BadInputNamesTheArgument()
    {
        Assert.Equal("PixelSize", Assert.Throws<ArgumentOutOfRangeException>(() => new ImageGrid { PixelSize = 0 }).ParamName);
        Assert.Equal("tiles", Assert.Throws<ArgumentException>(() => new ImageGrid().AddRow("empty", [])).ParamName);
        Assert.Equal("tiles", Assert.Throws<ArgumentException>(() => new ImageGrid().AddRow("x", [null!])).ParamName);
        Assert.Equal("label", Assert.Throws<ArgumentNullException>(() => new ImageGrid().AddRow(null!, [])).ParamName);
        Assert.Equal("(empty image grid)", new ImageGrid().ToString());
    }
}
