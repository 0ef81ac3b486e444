using System.Runtime.CompilerServices;

namespace Mlsd.Features;

/// <summary>
/// Deterministic operations on greyscale images stored as row-major float vectors (the layout of
/// <see cref="Data.ImageDataset"/>): shrinking by average pooling and one geometric warp (flip, zoom, rotation, shift)
/// with bilinear sampling. <see cref="ImageAugmentation"/> draws their parameters at random.
/// </summary>
/// <remarks>
/// Coordinates are pixel centres: pixel (x, y) sits at (x, y), the image centre at ((w − 1)/2, (h − 1)/2), and y grows
/// downwards as on screen. A warp is applied about the centre in the order flip → zoom → rotate → shift, and
/// computed backwards: every output pixel asks where it came from in the source and interpolates the four source
/// pixels around that point (pixels outside the source read as <c>fill</c>). This inverse mapping is how every
/// image library warps, because it leaves no holes in the output (Szeliski, <i>Computer Vision: Algorithms and
/// Applications</i>, 2nd ed. 2022, §3.6).
/// </remarks>
public static class ImageTransforms
{
    /// <summary>
    /// Shrinks an image by <paramref name="factor"/> in each direction, each output pixel the mean of a
    /// factor × factor block — a cheap low-pass filter and downsampler in one.
    /// </summary>
    /// <param name="image">Row-major pixels, <paramref name="width"/> × <paramref name="height"/>.</param>
    /// <param name="width">Width in pixels, a multiple of <paramref name="factor"/>.</param>
    /// <param name="height">Height in pixels, a multiple of <paramref name="factor"/>.</param>
    /// <param name="factor">Block size, at least 1.</param>
    /// <returns>(width / factor) × (height / factor) pixels, row-major.</returns>
    /// <example>The 4×2 image [1, 2, 3, 4 / 5, 6, 7, 8] pooled by 2 → [(1+2+5+6)/4, (3+4+7+8)/4] = [3.5, 5.5].</example>
    /// <exception cref="ArgumentException">A size that does not match the image or is not a multiple of the factor.</exception>
    [MethodImpl(Jit.Hot)]
    public static float[] AveragePool(ReadOnlySpan<float> image, int width, int height, int factor)
    {
        CheckSize(image.Length, width, height, nameof(image));
        if (factor < 1) throw new ArgumentOutOfRangeException(nameof(factor), factor, "factor must be at least 1.");
        if (width % factor != 0 || height % factor != 0)
            throw new ArgumentException($"width and height ({width}×{height}) must be multiples of factor ({factor}).", nameof(factor));
        int w = width / factor, h = height / factor;
        var pooled = new float[w * h];
        float scale = 1f / (factor * factor);
        for (int y = 0; y < height; y++)
        {
            int row = y / factor * w;
            for (int x = 0; x < width; x++) pooled[row + x / factor] += image[y * width + x];
        }
        for (int i = 0; i < pooled.Length; i++) pooled[i] *= scale;
        return pooled;
    }

    /// <summary>
    /// Warps an image about its centre: mirror left–right (optional), zoom by <paramref name="scale"/>, rotate by
    /// <paramref name="rotationDegrees"/> counter-clockwise, then move by (<paramref name="shiftX"/>,
    /// <paramref name="shiftY"/>) pixels (positive = right, down). Same size out as in; bilinear sampling.
    /// </summary>
    /// <param name="image">Row-major pixels, <paramref name="width"/> × <paramref name="height"/>.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="scale">Zoom factor &gt; 0: above 1 enlarges the content (a closer camera), below 1 shrinks it.</param>
    /// <param name="rotationDegrees">Counter-clockwise rotation as seen on screen, in degrees.</param>
    /// <param name="shiftX">Horizontal move in pixels (may be fractional).</param>
    /// <param name="shiftY">Vertical move in pixels, positive downwards.</param>
    /// <param name="flipHorizontal">Mirror left–right before the other steps.</param>
    /// <param name="fill">Value of pixels that come from outside the source (0 = black background).</param>
    /// <example>A 3×3 image with a single 1 at (2, 1) (middle row, right): shifted by (−1, 0) the 1 moves to (1, 1);
    /// rotated by 90° it moves to (1, 0), the top middle; mirrored it moves to (0, 1).</example>
    /// <exception cref="ArgumentException">A size that does not match the image, or a scale that is not positive and finite.</exception>
    [MethodImpl(Jit.Hot)]
    public static float[] Affine(ReadOnlySpan<float> image, int width, int height, double scale = 1, double rotationDegrees = 0,
        double shiftX = 0, double shiftY = 0, bool flipHorizontal = false, float fill = 0)
    {
        CheckSize(image.Length, width, height, nameof(image));
        if (!(scale > 0) || double.IsInfinity(scale)) throw new ArgumentOutOfRangeException(nameof(scale), scale, "scale must be positive and finite.");
        if (!double.IsFinite(rotationDegrees)) throw new ArgumentOutOfRangeException(nameof(rotationDegrees), rotationDegrees, "rotationDegrees must be finite.");
        if (!double.IsFinite(shiftX)) throw new ArgumentOutOfRangeException(nameof(shiftX), shiftX, "shiftX must be finite.");
        if (!double.IsFinite(shiftY)) throw new ArgumentOutOfRangeException(nameof(shiftY), shiftY, "shiftY must be finite.");
        var output = new float[width * height];
        double cx = (width - 1) / 2.0, cy = (height - 1) / 2.0;
        double radians = rotationDegrees * Math.PI / 180;
        // Inverse map: undo the shift, rotate by −θ, divide by the zoom, undo the flip.
        double cos = Math.Cos(radians) / scale, sin = Math.Sin(radians) / scale;
        for (int v = 0; v < height; v++)
        {
            double py = v - cy - shiftY;
            for (int u = 0; u < width; u++)
            {
                double px = u - cx - shiftX;
                double rx = px * cos - py * sin, ry = px * sin + py * cos;
                double sx = flipHorizontal ? cx - rx : cx + rx, sy = cy + ry;
                output[v * width + u] = Bilinear(image, width, height, sx, sy, fill);
            }
        }
        return output;
    }

    /// <summary>
    /// Cuts the box [<paramref name="x1"/>, <paramref name="x2"/>) × [<paramref name="y1"/>, <paramref name="y2"/>)
    /// (edge coordinates: pixel i covers [i, i + 1)) out of an image and resamples it to
    /// <paramref name="outWidth"/> × <paramref name="outHeight"/> with bilinear interpolation; positions beyond the
    /// image read the nearest edge pixel. This is how a detector turns boxes of any size and shape into the fixed
    /// window its classifier was trained on.
    /// </summary>
    /// <param name="image">Row-major pixels, <paramref name="width"/> × <paramref name="height"/>.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="x1">Left edge of the box.</param>
    /// <param name="y1">Top edge.</param>
    /// <param name="x2">Right edge (&gt; x1).</param>
    /// <param name="y2">Bottom edge (&gt; y1).</param>
    /// <param name="outWidth">Output width, at least 1.</param>
    /// <param name="outHeight">Output height, at least 1.</param>
    /// <example>The 2×1 image [0, 1] resized to 4×1 (box [0, 2) × [0, 1)): output centres at 0.25, 0.75, 1.25, 1.75
    /// in edge coordinates are source positions −0.25, 0.25, 0.75, 1.25 between the pixel centres 0 and 1, so
    /// [0 (clamped), 0.25, 0.75, 1 (clamped)].</example>
    /// <exception cref="ArgumentException">A size that does not match the image, an empty or non-finite box, or an
    /// output size below 1.</exception>
    [MethodImpl(Jit.Hot)]
    public static float[] CropResize(ReadOnlySpan<float> image, int width, int height, double x1, double y1, double x2, double y2,
        int outWidth, int outHeight)
    {
        CheckSize(image.Length, width, height, nameof(image));
        if (!(double.IsFinite(x1) && double.IsFinite(x2) && x2 > x1))
            throw new ArgumentException($"the box needs finite x1 < x2 (got {x1}, {x2}).", nameof(x2));
        if (!(double.IsFinite(y1) && double.IsFinite(y2) && y2 > y1))
            throw new ArgumentException($"the box needs finite y1 < y2 (got {y1}, {y2}).", nameof(y2));
        if (outWidth < 1) throw new ArgumentOutOfRangeException(nameof(outWidth), outWidth, "outWidth must be at least 1.");
        if (outHeight < 1) throw new ArgumentOutOfRangeException(nameof(outHeight), outHeight, "outHeight must be at least 1.");
        var output = new float[outWidth * outHeight];
        double sx = (x2 - x1) / outWidth, sy = (y2 - y1) / outHeight;
        for (int v = 0; v < outHeight; v++)
        {
            double y = Math.Clamp(y1 + (v + 0.5) * sy - 0.5, 0, height - 1);
            int y0 = Math.Min((int)y, height - 2 < 0 ? 0 : height - 2);
            float ty = (float)(y - y0);
            int y0b = Math.Min(y0 + 1, height - 1);
            for (int u = 0; u < outWidth; u++)
            {
                double x = Math.Clamp(x1 + (u + 0.5) * sx - 0.5, 0, width - 1);
                int x0 = Math.Min((int)x, width - 2 < 0 ? 0 : width - 2);
                float tx = (float)(x - x0);
                int x0b = Math.Min(x0 + 1, width - 1);
                float top = (1 - tx) * image[y0 * width + x0] + tx * image[y0 * width + x0b];
                float bottom = (1 - tx) * image[y0b * width + x0] + tx * image[y0b * width + x0b];
                output[v * outWidth + u] = (1 - ty) * top + ty * bottom;
            }
        }
        return output;
    }

    /// <summary>
    /// Blurs the given regions of an image: every pixel whose centre lies in one of the boxes becomes the mean of the
    /// (2·<paramref name="radius"/> + 1)² pixels around it in the original image (the window clipped at the image
    /// border); other pixels are unchanged. A box (mean) filter is irreversible enough for faces and plates at this
    /// size and costs O(1) per pixel with an integral image.
    /// </summary>
    /// <param name="image">Row-major pixels, <paramref name="width"/> × <paramref name="height"/>.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="boxes">Regions to blur, each as (x1, y1, x2, y2) in edge coordinates.</param>
    /// <param name="radius">Filter radius in pixels, at least 1.</param>
    /// <example>The 3×1 image [0, 3, 6] with the whole image boxed and radius 1: [(0 + 3) / 2, (0 + 3 + 6) / 3,
    /// (3 + 6) / 2] = [1.5, 3, 4.5].</example>
    /// <exception cref="ArgumentException">A size that does not match the image, a null box list, or a radius below 1.</exception>
    [MethodImpl(Jit.Hot)]
    public static float[] BlurRegions(ReadOnlySpan<float> image, int width, int height,
        IReadOnlyList<(double X1, double Y1, double X2, double Y2)> boxes, int radius)
    {
        CheckSize(image.Length, width, height, nameof(image));
        ArgumentNullException.ThrowIfNull(boxes);
        if (radius < 1) throw new ArgumentOutOfRangeException(nameof(radius), radius, "radius must be at least 1.");
        var output = image.ToArray();
        if (boxes.Count == 0) return output;
        // Integral image: sum[y, x] = Σ image over rows < y and columns < x.
        int stride = width + 1;
        var sum = new double[(height + 1) * stride];
        for (int y = 0; y < height; y++)
        {
            double row = 0;
            for (int x = 0; x < width; x++)
            {
                row += image[y * width + x];
                sum[(y + 1) * stride + x + 1] = sum[y * stride + x + 1] + row;
            }
        }
        foreach (var (bx1, by1, bx2, by2) in boxes)
        {
            int xa = Math.Max(0, (int)Math.Ceiling(bx1 - 0.5)), xb = Math.Min(width, (int)Math.Ceiling(bx2 - 0.5));
            int ya = Math.Max(0, (int)Math.Ceiling(by1 - 0.5)), yb = Math.Min(height, (int)Math.Ceiling(by2 - 0.5));
            for (int y = ya; y < yb; y++)
            {
                int top = Math.Max(0, y - radius), bottom = Math.Min(height, y + radius + 1);
                for (int x = xa; x < xb; x++)
                {
                    int left = Math.Max(0, x - radius), right = Math.Min(width, x + radius + 1);
                    double total = sum[bottom * stride + right] - sum[top * stride + right] - sum[bottom * stride + left] + sum[top * stride + left];
                    output[y * width + x] = (float)(total / ((bottom - top) * (right - left)));
                }
            }
        }
        return output;
    }

    /// <summary>The image interpolated at (x, y); positions outside read as <paramref name="fill"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Bilinear(ReadOnlySpan<float> image, int width, int height, double x, double y, float fill)
    {
        double fx0 = Math.Floor(x), fy0 = Math.Floor(y);
        if (fx0 < -1 || fy0 < -1 || fx0 > width || fy0 > height) return fill;
        int x0 = (int)fx0, y0 = (int)fy0;
        float tx = (float)(x - fx0), ty = (float)(y - fy0);
        float a = Pixel(image, width, height, x0, y0, fill), b = Pixel(image, width, height, x0 + 1, y0, fill);
        float c = Pixel(image, width, height, x0, y0 + 1, fill), d = Pixel(image, width, height, x0 + 1, y0 + 1, fill);
        return (1 - ty) * ((1 - tx) * a + tx * b) + ty * ((1 - tx) * c + tx * d);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Pixel(ReadOnlySpan<float> image, int width, int height, int x, int y, float fill) =>
        (uint)x < (uint)width && (uint)y < (uint)height ? image[y * width + x] : fill;

    internal static void CheckSize(int length, int width, int height, string name)
    {
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "width must be at least 1.");
        if (height < 1) throw new ArgumentOutOfRangeException(nameof(height), height, "height must be at least 1.");
        if (length != (long)width * height)
            throw new ArgumentException($"{name} must hold width × height = {(long)width * height} pixels (got {length}).", name);
    }
}
