using Mlsd.Features;

namespace Mlsd.Tests.Features;

/// <summary>Pooling and warps on images small enough to work out by hand.</summary>
public sealed class ImageTransformsTests
{
    [Fact]
    public void AveragePoolMeansEachBlock()
    {
        // The XML doc's example: [1, 2, 3, 4 / 5, 6, 7, 8] by 2 → [(1+2+5+6)/4, (3+4+7+8)/4] = [3.5, 5.5].
        Assert.Equal([3.5f, 5.5f], ImageTransforms.AveragePool([1, 2, 3, 4, 5, 6, 7, 8], 4, 2, 2));
        // Factor 1 is the identity.
        Assert.Equal([1f, 2f, 3f], ImageTransforms.AveragePool([1, 2, 3], 3, 1, 1));
        // A 2×4 image pooled by 2 → two rows of one pixel: (1+2+3+4)/4 = 2.5, (5+6+7+8)/4 = 6.5.
        Assert.Equal([2.5f, 6.5f], ImageTransforms.AveragePool([1, 2, 3, 4, 5, 6, 7, 8], 2, 4, 2));
    }

    [Fact]
    public void AffineMovesAPixelAsTheDocumentationSays()
    {
        // 3×3 with a single 1 at (x = 2, y = 1): middle row, right column.
        float[] image = [0, 0, 0, 0, 0, 1, 0, 0, 0];
        Assert.Equal(Dot(1, 1), Round(ImageTransforms.Affine(image, 3, 3, shiftX: -1)));
        Assert.Equal(Dot(1, 0), Round(ImageTransforms.Affine(image, 3, 3, rotationDegrees: 90)));
        Assert.Equal(Dot(0, 1), Round(ImageTransforms.Affine(image, 3, 3, flipHorizontal: true)));
        Assert.Equal(image, Round(ImageTransforms.Affine(image, 3, 3)));
    }

    [Fact]
    public void AffineInterpolatesBilinearlyAndFillsOutside()
    {
        // A 1-pixel-high ramp [0, 1, 2, 3] shifted right by half a pixel: output u samples x = u − 0.5;
        // u = 0 → halfway between the fill (0, outside) and 0 → 0; u = 1 → (0 + 1)/2; u = 2 → 1.5; u = 3 → 2.5.
        Assert.Equal([0f, 0.5f, 1.5f, 2.5f], ImageTransforms.Affine([0, 1, 2, 3], 4, 1, shiftX: 0.5));
        // With fill 9 the pixel coming from outside the left edge mixes 9 and the first pixel: (9 + 0)/2 = 4.5.
        Assert.Equal(4.5f, ImageTransforms.Affine([0, 1, 2, 3], 4, 1, shiftX: 0.5, fill: 9)[0]);
        // Zoom 2 about the centre x = 1.5 of [0, 1, 2, 3]: output u samples 1.5 + (u − 1.5)/2 → 0.75, 1.25, 1.75, 2.25.
        Assert.Equal([0.75f, 1.25f, 1.75f, 2.25f], ImageTransforms.Affine([0, 1, 2, 3], 4, 1, scale: 2));
    }

    [Fact]
    public void BadInputNamesTheArgument()
    {
        Assert.Equal("image", Assert.Throws<ArgumentException>(() => ImageTransforms.AveragePool([1, 2, 3], 2, 2, 1)).ParamName);
        Assert.Equal("factor", Assert.Throws<ArgumentOutOfRangeException>(() => ImageTransforms.AveragePool([1, 2, 3, 4], 2, 2, 0)).ParamName);
        Assert.Equal("factor", Assert.Throws<ArgumentException>(() => ImageTransforms.AveragePool([1, 2, 3], 3, 1, 2)).ParamName);
        Assert.Equal("width", Assert.Throws<ArgumentOutOfRangeException>(() => ImageTransforms.Affine([], 0, 1)).ParamName);
        Assert.Equal("scale", Assert.Throws<ArgumentOutOfRangeException>(() => ImageTransforms.Affine([1], 1, 1, scale: 0)).ParamName);
        Assert.Equal("shiftY", Assert.Throws<ArgumentOutOfRangeException>(() => ImageTransforms.Affine([1], 1, 1, shiftY: double.NaN)).ParamName);
    }

    private static float[] Dot(int x, int y)
    {
        var image = new float[9];
        image[y * 3 + x] = 1;
        return image;
    }

    private static float[] Round(float[] image) => image.Select(v => MathF.Round(v, 5)).ToArray();
}
