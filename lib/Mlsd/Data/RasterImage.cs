using System.Globalization;
using Mlsd.Formatting;

namespace Mlsd.Data;

/// <summary>
/// A decoded 8-bit image: <see cref="Width"/> × <see cref="Height"/> pixels of <see cref="Channels"/> bytes
/// (1 grey, 2 grey+alpha, 3 RGB, 4 RGBA), stored row-major and interleaved — the layout PNG and most
/// image libraries use, so pixel (x, y) channel c lives at <c>(y * Width + x) * Channels + c</c>.
/// </summary>
[TypeFormatterSource(typeof(HtmlRenderableFormatterSource))]
public sealed class RasterImage : IHtmlRenderable
{
    /// <summary>Wraps <paramref name="pixels"/> (not copied); its length must be width × height × channels.</summary>
    public RasterImage(int width, int height, int channels, byte[] pixels)
    {
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "width must be positive.");
        if (height < 1) throw new ArgumentOutOfRangeException(nameof(height), height, "height must be positive.");
        if (channels is < 1 or > 4) throw new ArgumentOutOfRangeException(nameof(channels), channels, "channels must be 1 (grey), 2 (grey+alpha), 3 (RGB) or 4 (RGBA).");
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.LongLength != (long)width * height * channels)
            throw new ArgumentException($"pixels must hold width × height × channels = {(long)width * height * channels} bytes (got {pixels.Length}).", nameof(pixels));
        Width = width;
        Height = height;
        Channels = channels;
        Pixels = pixels;
    }

    /// <summary>A blank (all-zero) image.</summary>
    public RasterImage(int width, int height, int channels) : this(width, height, channels, new byte[checked(width * height * channels)]) { }

    /// <summary>Pixels per row.</summary>
    public int Width { get; }

    /// <summary>Number of rows.</summary>
    public int Height { get; }

    /// <summary>Bytes per pixel: 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA.</summary>
    public int Channels { get; }

    /// <summary>Row-major interleaved bytes (mutable, shared, not copied).</summary>
    public byte[] Pixels { get; }

    /// <summary>Channel <paramref name="c"/> of the pixel at column <paramref name="x"/>, row <paramref name="y"/>.</summary>
    public byte this[int x, int y, int c]
    {
        get => Pixels[Offset(x, y, c)];
        set => Pixels[Offset(x, y, c)] = value;
    }

    /// <summary>A deep copy.</summary>
    public RasterImage Clone() => new(Width, Height, Channels, (byte[])Pixels.Clone());

    /// <summary>
    /// Luma in [0, 1] per pixel, row-major: 0.299 R + 0.587 G + 0.114 B (ITU-R BT.601, as PIL's "L" mode);
    /// alpha is ignored. Most detectors and embeddings work on this.
    /// </summary>
    public float[] ToGreyscale()
    {
        var grey = new float[Width * Height];
        for (int i = 0; i < grey.Length; i++)
        {
            int o = i * Channels;
            grey[i] = Channels >= 3
                ? (0.299f * Pixels[o] + 0.587f * Pixels[o + 1] + 0.114f * Pixels[o + 2]) / 255f
                : Pixels[o] / 255f;
        }
        return grey;
    }

    /// <summary>Channel-interleaved values in [0, 1] (byte / 255), same layout as <see cref="Pixels"/>.</summary>
    public float[] ToFloats()
    {
        var values = new float[Pixels.Length];
        for (int i = 0; i < values.Length; i++) values[i] = Pixels[i] / 255f;
        return values;
    }

    /// <summary>An image from row-major grey values in [0, 1] (clamped; rounded to the nearest byte).</summary>
    public static RasterImage FromGreyscale(ReadOnlySpan<float> values, int width, int height)
    {
        if (values.Length != width * height)
            throw new ArgumentException($"values must hold width × height = {width * height} numbers (got {values.Length}).", nameof(values));
        var pixels = new byte[values.Length];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (byte)Math.Round(Math.Clamp(values[i], 0f, 1f) * 255f);
        return new RasterImage(width, height, 1, pixels);
    }

    /// <summary>The image as a PNG <c>data:</c> URI, for an HTML <c>&lt;img src=…&gt;</c> in a notebook.</summary>
    public string ToDataUri() => "data:image/png;base64," + Convert.ToBase64String(Png.Encode(this));

    /// <summary>
    /// An inline <c>&lt;img&gt;</c> (PNG data URI) for notebooks; small images (icons, 28×28 digits) are scaled up with
    /// pixelated rendering so their pixels stay visible, large ones are capped at 512 px wide.
    /// </summary>
    public string ToHtml()
    {
        int scale = Math.Max(1, 112 / Math.Max(Width, Height));
        int shown = Math.Min(Width * scale, 512);
        return string.Create(CultureInfo.InvariantCulture,
            $"<img src=\"{ToDataUri()}\" width=\"{shown}\" alt=\"{ToString()}\" title=\"{ToString()}\" style=\"image-rendering:pixelated\"/>");
    }

    /// <summary>A summary such as <c>512×512 RGB image</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Width}×{Height} {ChannelName} image");

    private string ChannelName => Channels switch { 1 => "grey", 2 => "grey+alpha", 3 => "RGB", _ => "RGBA" };

    private int Offset(int x, int y, int c)
    {
        if ((uint)x >= (uint)Width) throw new ArgumentOutOfRangeException(nameof(x), x, $"x must be in [0, {Width}).");
        if ((uint)y >= (uint)Height) throw new ArgumentOutOfRangeException(nameof(y), y, $"y must be in [0, {Height}).");
        if ((uint)c >= (uint)Channels) throw new ArgumentOutOfRangeException(nameof(c), c, $"c must be in [0, {Channels}).");
        return (y * Width + x) * Channels + c;
    }
}
