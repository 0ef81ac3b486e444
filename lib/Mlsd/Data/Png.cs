using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace Mlsd.Data;

/// <summary>
/// Reads and writes PNG files as <see cref="RasterImage"/>s, through SixLabors.ImageSharp (2.x, Apache-2.0): .NET on
/// Linux has no image codec of its own. Grey, grey+alpha, RGB and RGBA files keep their channels; palette files
/// become RGB; every sample becomes 8 bits. Errors name the file.
/// </summary>
/// <remarks>Format: W3C, "Portable Network Graphics (PNG) Specification (Second Edition)", 2003.</remarks>
public static class Png
{
    /// <summary>Reads and decodes the PNG file at <paramref name="path"/>.</summary>
    public static RasterImage Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"PNG file not found: {path}", path);
        return Decode(File.ReadAllBytes(path), Path.GetFileName(path));
    }

    /// <summary>Decodes PNG <paramref name="bytes"/>; <paramref name="source"/> names them in errors.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a PNG file, or a damaged one.</exception>
    public static RasterImage Decode(byte[] bytes, string source = "<png>")
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (Image.DetectFormat(bytes) is not PngFormat)
            throw new InvalidDataException($"{source}: not a PNG file (signature missing).");
        try
        {
            var info = Image.Identify(bytes) ?? throw new InvalidDataException($"{source}: corrupt or truncated PNG (no image header).");
            return info.Metadata.GetPngMetadata().ColorType switch
            {
                PngColorType.Grayscale => Load<L8>(bytes, 1),
                PngColorType.GrayscaleWithAlpha => Load<La16>(bytes, 2),
                PngColorType.RgbWithAlpha => Load<Rgba32>(bytes, 4),
                _ => Load<Rgb24>(bytes, 3),
            };
        }
        catch (Exception e) when (e is ImageFormatException or EndOfStreamException or ArgumentException)
        {
            throw new InvalidDataException($"{source}: corrupt or truncated PNG ({e.Message})", e);
        }
    }

    /// <summary>Encodes <paramref name="image"/> as PNG bytes with the same channels (8 bits per sample).</summary>
    public static byte[] Encode(RasterImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var stream = new MemoryStream();
        switch (image.Channels)
        {
            case 1: Save<L8>(image, PngColorType.Grayscale, stream); break;
            case 2: Save<La16>(image, PngColorType.GrayscaleWithAlpha, stream); break;
            case 3: Save<Rgb24>(image, PngColorType.Rgb, stream); break;
            default: Save<Rgba32>(image, PngColorType.RgbWithAlpha, stream); break;
        }
        return stream.ToArray();
    }

    /// <summary>Writes <paramref name="image"/> as a PNG file at <paramref name="path"/>.</summary>
    public static void Write(string path, RasterImage image) => File.WriteAllBytes(path, Encode(image));

    private static RasterImage Load<TPixel>(byte[] bytes, int channels) where TPixel : unmanaged, IPixel<TPixel>
    {
        using var image = Image.Load<TPixel>(bytes);
        var pixels = new byte[checked(image.Width * image.Height * channels)];
        image.CopyPixelDataTo(pixels);
        return new RasterImage(image.Width, image.Height, channels, pixels);
    }

    private static void Save<TPixel>(RasterImage image, PngColorType colorType, Stream stream) where TPixel : unmanaged, IPixel<TPixel>
    {
        using var img = Image.LoadPixelData<TPixel>(image.Pixels, image.Width, image.Height);
        img.SaveAsPng(stream, new PngEncoder { ColorType = colorType, BitDepth = PngBitDepth.Bit8 });
    }
}
