using Mlsd.Data;
using Mlsd.Metrics;

namespace Mlsd.Formatting;

/// <summary>Boxes of one colour to draw over an image.</summary>
/// <param name="Boxes">The boxes, in pixel-edge coordinates of the image.</param>
/// <param name="Red">Red, 0–255.</param>
/// <param name="Green">Green, 0–255.</param>
/// <param name="Blue">Blue, 0–255.</param>
public sealed record BoxLayer(IReadOnlyList<Box> Boxes, byte Red, byte Green, byte Blue);

/// <summary>
/// Draws box outlines over a greyscale image — ground truth in one colour, detections in another — to look at what a
/// detector found. The result is an RGB <see cref="RasterImage"/> that an <see cref="ImageGrid"/> shows.
/// </summary>
public static class BoxOverlay
{
    /// <summary>The image in grey with every layer's boxes outlined one pixel wide (the pixels just inside each box's
    /// edges), later layers on top; boxes are clipped to the image.</summary>
    /// <param name="image">Row-major grey values in [0, 1].</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="layers">Boxes and their colour.</param>
    /// <example>A 4×4 black image with the box [1, 1, 3, 3] in red: pixels (1,1), (2,1), (1,2), (2,2) turn red (the
    /// 2×2 box is all outline); the other twelve stay black.</example>
    /// <exception cref="ArgumentException">A size that does not match the image, or a null layer.</exception>
    public static RasterImage Draw(ReadOnlySpan<float> image, int width, int height, params IReadOnlyList<BoxLayer> layers)
    {
        var picture = RasterImage.FromGreyscale(image, width, height);
        var rgb = new RasterImage(width, height, 3);
        for (int i = 0; i < width * height; i++)
            for (int c = 0; c < 3; c++) rgb.Pixels[3 * i + c] = picture.Pixels[i * picture.Channels];
        ArgumentNullException.ThrowIfNull(layers);
        for (int l = 0; l < layers.Count; l++)
        {
            var layer = layers[l] ?? throw new ArgumentException($"layers[{l}] is null.", nameof(layers));
            foreach (var box in layer.Boxes)
            {
                int x1 = Math.Max(0, (int)Math.Round(box.X1)), x2 = Math.Min(width, (int)Math.Round(box.X2)) - 1;
                int y1 = Math.Max(0, (int)Math.Round(box.Y1)), y2 = Math.Min(height, (int)Math.Round(box.Y2)) - 1;
                if (x2 < x1 || y2 < y1) continue;
                for (int x = x1; x <= x2; x++) { Paint(rgb, x, y1, layer); Paint(rgb, x, y2, layer); }
                for (int y = y1; y <= y2; y++) { Paint(rgb, x1, y, layer); Paint(rgb, x2, y, layer); }
            }
        }
        return rgb;
    }

    private static void Paint(RasterImage image, int x, int y, BoxLayer layer)
    {
        int i = 3 * (y * image.Width + x);
        image.Pixels[i] = layer.Red;
        image.Pixels[i + 1] = layer.Green;
        image.Pixels[i + 2] = layer.Blue;
    }
}
