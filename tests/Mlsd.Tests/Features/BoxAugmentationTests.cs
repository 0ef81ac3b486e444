using Mlsd.Features;
using Mlsd.Metrics;

namespace Mlsd.Tests.Features;

public sealed class BoxAugmentationTests
{
    [Fact]
    public void FlipMovesTheBoxWithThePixels()
    {
        // By hand: [1, 2, 3 / 4, 5, 6] mirrored is [3, 2, 1 / 6, 5, 4]; the left column [0, 1) becomes [2, 3).
        var (image, boxes) = BoxAugmentation.FlipHorizontal([1, 2, 3, 4, 5, 6], 3, 2, [new Box(0, 0, 1, 2)]);
        Assert.Equal([3f, 2f, 1f, 6f, 5f, 4f], image);
        Assert.Equal(new Box(2, 0, 3, 2), boxes[0]);
        Assert.Equal(1f, image[1 * 0 + (int)boxes[0].X1]);       // the box still holds the value 1 …
        Assert.Equal(4f, image[3 * 1 + (int)boxes[0].X1]);       // … and 4
    }

    [Fact]
    public void FlippingTwiceGivesTheOriginal()
    {
        float[] pixels = Enumerable.Range(0, 20).Select(i => (float)i).ToArray();
        var box = new Box(0.5, 1, 3.25, 4);
        var (once, b1) = BoxAugmentation.FlipHorizontal(pixels, 5, 4, [box]);
        var (twice, b2) = BoxAugmentation.FlipHorizontal(once, 5, 4, b1);
        Assert.Equal(pixels, twice);
        Assert.Equal(new Box(1.75, 1, 4.5, 4), b1[0]);            // 5 − 3.25, 5 − 0.5
        Assert.Equal(box, b2[0]);
    }

    [Fact]
    public void BadInputNamesTheArgument()
    {
        Assert.Equal("image", Assert.Throws<ArgumentException>(() => BoxAugmentation.FlipHorizontal([1, 2, 3], 2, 2, [])).ParamName);
        Assert.Throws<ArgumentException>(() => BoxAugmentation.FlipHorizontal([1, 2, 3, 4], 2, 2, [new Box(2, 0, 1, 1)]));
    }
}
