using Mlsd.Features;

namespace Mlsd.Tests.Features;

/// <summary>CropResize and BlurRegions against values worked by hand.</summary>
public sealed class ImageRegionTests
{
    [Fact]
    public void CropResize_DocExample()
    {
        // [0, 1] → 4 samples at source positions −0.25, 0.25, 0.75, 1.25 → [0 (edge), 0.25, 0.75, 1 (edge)].
        Assert.Equal([0f, 0.25f, 0.75f, 1f], ImageTransforms.CropResize([0f, 1f], 2, 1, 0, 0, 2, 1, 4, 1));
    }

    [Fact]
    public void CropResize_SameSizeBoxIsACopy_AndHalvingAverages()
    {
        float[] image = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];   // 4 × 3
        // The box [1, 3) × [1, 3) at its own size: pixels (1..2, 1..2) exactly.
        Assert.Equal([6f, 7f, 10f, 11f], ImageTransforms.CropResize(image, 4, 3, 1, 1, 3, 3, 2, 2));
        // The top two rows shrunk to 2 × 1: sample centres at (0.5, 0.5) and (2.5, 0.5) → means of 2×2 blocks.
        Assert.Equal([(1 + 2 + 5 + 6) / 4f, (3 + 4 + 7 + 8) / 4f], ImageTransforms.CropResize(image, 4, 3, 0, 0, 4, 2, 2, 1));
    }

    [Fact]
    public void BlurRegions_DocExample_AndOnlyInsideTheBoxes()
    {
        Assert.Equal([1.5f, 3f, 4.5f], ImageTransforms.BlurRegions([0f, 3f, 6f], 3, 1, [(0, 0, 3, 1)], 1));
        float[] image = [0, 0, 0, 0, 9, 0, 0, 0, 0];   // 3 × 3, a bright centre
        var blurred = ImageTransforms.BlurRegions(image, 3, 3, [(1, 1, 2, 2)], 1);
        Assert.Equal([0f, 0f, 0f, 0f, 1f, 0f, 0f, 0f, 0f], blurred);   // 9 / 9 at the centre, the rest untouched
        Assert.Equal(image, ImageTransforms.BlurRegions(image, 3, 3, [], 1));
        // Corner pixel with radius 1: window clipped to 2 × 2 → (0 + 0 + 0 + 9) / 4.
        Assert.Equal(2.25f, ImageTransforms.BlurRegions(image, 3, 3, [(0, 0, 1, 1)], 1)[0]);
    }

    [Fact]
    public void BadInput_NamesTheArgument()
    {
        Assert.Equal("x2", Assert.Throws<ArgumentException>(() => ImageTransforms.CropResize([0f, 1f], 2, 1, 1, 0, 1, 1, 2, 2)).ParamName);
        Assert.Equal("y2", Assert.Throws<ArgumentException>(() => ImageTransforms.CropResize([0f, 1f], 2, 1, 0, 0, 1, double.NaN, 2, 2)).ParamName);
        Assert.Equal("outWidth", Assert.Throws<ArgumentOutOfRangeException>(() => ImageTransforms.CropResize([0f, 1f], 2, 1, 0, 0, 1, 1, 0, 2)).ParamName);
        Assert.Equal("image", Assert.Throws<ArgumentException>(() => ImageTransforms.CropResize([0f], 2, 1, 0, 0, 1, 1, 1, 1)).ParamName);
        Assert.Equal("radius", Assert.Throws<ArgumentOutOfRangeException>(() => ImageTransforms.BlurRegions([0f], 1, 1, [], 0)).ParamName);
        Assert.Equal("boxes", Assert.Throws<ArgumentNullException>(() => ImageTransforms.BlurRegions([0f], 1, 1, null!, 1)).ParamName);
    }
}
