using Mlsd.Metrics;

namespace Mlsd.Features;

/// <summary>
/// Augmentations for detection data, where every geometric change to the image must move the labelled boxes with it
/// — otherwise the flipped face is learned against the box of where the face used to be.
/// </summary>
/// <remarks>Reference: the horizontal flip is the standard detection augmentation of Girshick, "Fast R-CNN", ICCV 2015
/// (§2.3) and of the PASCAL VOC detectors before it.</remarks>
public static class BoxAugmentation
{
    /// <summary>
    /// Mirrors an image left–right and its boxes with it: a box [x1, x2) becomes [width − x2, width − x1) (edges, not
    /// pixel centres: column x moves to width − 1 − x, so its left edge x moves to width − 1 − x, and right edge x + 1 to
    /// width − x − 1 + 1). Rows and y coordinates are unchanged.
    /// </summary>
    /// <param name="image">Row-major pixels, <paramref name="width"/> × <paramref name="height"/>.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="boxes">Boxes in the image, in pixel-edge coordinates.</param>
    /// <returns>The mirrored image and the boxes, in the order given.</returns>
    /// <example>The 3×2 image [1, 2, 3 / 4, 5, 6] with box [0, 0, 1, 2] (the left column) → [3, 2, 1 / 6, 5, 4] with
    /// box [2, 0, 3, 2] (the right column, still holding values 1 and 4).</example>
    /// <exception cref="ArgumentException">A size that does not match the image, a null box list, or a box that is
    /// not finite or has X2 &lt; X1 or Y2 &lt; Y1.</exception>
    public static (float[] Image, Box[] Boxes) FlipHorizontal(ReadOnlySpan<float> image, int width, int height,
        IReadOnlyList<Box> boxes)
    {
        if (width < 1 || height < 1 || image.Length != width * height)
            throw new ArgumentException($"image must hold width × height = {width} × {height} pixels (got {image.Length}).", nameof(image));
        ArgumentNullException.ThrowIfNull(boxes);
        var flipped = new float[image.Length];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                flipped[y * width + (width - 1 - x)] = image[y * width + x];
        var moved = new Box[boxes.Count];
        for (int i = 0; i < boxes.Count; i++)
        {
            boxes[i].Validate($"boxes[{i}]");
            moved[i] = new Box(width - boxes[i].X2, boxes[i].Y1, width - boxes[i].X1, boxes[i].Y2);
        }
        return (flipped, moved);
    }
}
