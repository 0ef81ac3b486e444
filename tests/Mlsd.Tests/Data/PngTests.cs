using Mlsd.Data;

namespace Mlsd.Tests.Data;

public class PngTests
{
    // Small PNGs written by Pillow (PIL.Image.save(..., "PNG")) from known arrays; expected pixels are Pillow's own
    // decoding (np.array(im)), pasted as literals. The grey image uses filters 0 and 4, the RGBA one filters 0, 1
    // and 4, the palette one is a 2-bit palette image.
    private const string Grey5x4 = "iVBORw0KGgoAAAANSUhEUgAAAAUAAAAECAAAAABjWKqcAAAAIUlEQVR4nGPo9nr6cSXLtqO7v15lebqSV1CK4WnST64pAJzbDAFfVOvOAAAAAElFTkSuQmCC";
    private const string Rgba3x3 = "iVBORw0KGgoAAAANSUhEUgAAAAMAAAADCAYAAABWKLW/AAAAMklEQVR4nAEnANj/AV9Wk8bj0dcPaQY9ZABFUTcOmbLXTDQn+kgEkuFq0Zn6ygry6oIYT7cSL1p8nXAAAAAASUVORK5CYII=";
    private const string Palette4x2 = "iVBORw0KGgoAAAANSUhEUgAAAAQAAAACAgMAAAACxpXwAAAADFBMVEUKFB4oMjxGUFrI0tyP4VWeAAAADElEQVR4nGOQZngCAAE5AQBFZJGbAAAAAElFTkSuQmCC";

    [Fact]
    public void Decode_Greyscale_MatchesPillow()
    {
        var im = Png.Decode(Convert.FromBase64String(Grey5x4));
        Assert.Equal((5, 4, 1), (im.Width, im.Height, im.Channels));
        Assert.Equal([139, 74, 229, 241, 169, 65, 6, 160, 149, 106, 38, 175, 188, 205, 175, 229, 98, 249, 10, 148], im.Pixels);
    }

    [Fact]
    public void Decode_Rgba_MatchesPillow()
    {
        var im = Png.Decode(Convert.FromBase64String(Rgba3x3));
        Assert.Equal((3, 3, 4), (im.Width, im.Height, im.Channels));
        Assert.Equal([95, 86, 147, 198, 66, 39, 106, 213, 171, 45, 167, 57, 69, 81, 55, 14, 153, 178, 215, 76, 52, 39, 250, 72,
                      215, 50, 161, 223, 112, 172, 161, 233, 38, 17, 89, 1], im.Pixels);
    }

    [Fact]
    public void Decode_TwoBitPalette_ExpandsToRgb()
    {
        var im = Png.Decode(Convert.FromBase64String(Palette4x2));
        Assert.Equal((4, 2, 3), (im.Width, im.Height, im.Channels));
        // Palette (10,20,30) (40,50,60) (70,80,90) (200,210,220); indices [[0,1,2,3],[3,2,1,0]].
        Assert.Equal([10, 20, 30, 40, 50, 60, 70, 80, 90, 200, 210, 220, 200, 210, 220, 70, 80, 90, 40, 50, 60, 10, 20, 30], im.Pixels);
    }

    [Fact]
    public void Astronaut_MatchesPillowPixels()
    {
        // Reference: numpy.array(PIL.Image.open("astronaut.png")) — im[y, x] printed once.
        var im = Datasets.Astronaut();
        Assert.Equal((512, 512, 3), (im.Width, im.Height, im.Channels));
        Assert.Equal([154, 147, 151], Pixel(im, 0, 0));
        Assert.Equal([208, 205, 210], Pixel(im, 100, 200));
        Assert.Equal([214, 179, 153], Pixel(im, 256, 128));
        Assert.Equal([211, 204, 203], Pixel(im, 300, 50));
        Assert.Equal([0, 0, 0], Pixel(im, 511, 511));
        long[] sums = new long[3];
        for (int i = 0; i < im.Pixels.Length; i++) sums[i % 3] += im.Pixels[i];
        Assert.Equal([37109758L, 27724204L, 25290362L], sums); // Pillow: im.reshape(-1, 3).sum(0)
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void EncodeThenDecode_RoundTrips(int channels)
    {
        var pixels = new byte[7 * 5 * channels];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (byte)(i * 37 + 11);
        var back = Png.Decode(Png.Encode(new RasterImage(7, 5, channels, pixels)));
        Assert.Equal((7, 5, channels), (back.Width, back.Height, back.Channels));
        Assert.Equal(pixels, back.Pixels);
    }

    [Fact]
    public void CorruptChunk_IsDetectedByCrc()
    {
        var bytes = Convert.FromBase64String(Grey5x4);
        bytes[45] ^= 0x40; // inside the IDAT data
        var e = Assert.Throws<InvalidDataException>(() => Png.Decode(bytes, "g.png"));
        Assert.StartsWith("g.png: corrupt or truncated PNG", e.Message);
    }

    [Fact]
    public void TruncatedFile_IsReported()
    {
        var bytes = Convert.FromBase64String(Rgba3x3);
        var e = Assert.Throws<InvalidDataException>(() => Png.Decode(bytes[..40], "t.png"));
        Assert.StartsWith("t.png: corrupt or truncated PNG", e.Message);
        Assert.StartsWith("n.png: not a PNG", Assert.Throws<InvalidDataException>(() => Png.Decode([1, 2, 3], "n.png")).Message);
    }

    [Fact]
    public void Greyscale_UsesBt601Weights()
    {
        var im = new RasterImage(1, 1, 3, [255, 0, 0]);
        Assert.Equal(0.299f, im.ToGreyscale()[0], 5);
        Assert.StartsWith("data:image/png;base64,iVBOR", im.ToDataUri());
        Assert.Equal("1×1 RGB image", im.ToString());
    }

    [Fact]
    public void ToHtml_InlinesAScaledUpPng()
    {
        var html = new RasterImage(28, 28, 1).ToHtml();
        Assert.StartsWith("<img src=\"data:image/png;base64,", html);
        Assert.Contains("width=\"112\"", html); // 28 px × 4
        Assert.Contains("width=\"512\"", Datasets.Astronaut().ToHtml());
    }

    private static byte[] Pixel(RasterImage im, int x, int y) => [im[x, y, 0], im[x, y, 1], im[x, y, 2]];
}
