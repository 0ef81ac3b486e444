using Mlsd.Formatting;
using Mlsd.Metrics;

namespace Mlsd.Tests.Formatting;

public sealed class BoxOverlayTests
{
    [Fact]
    public void OutlinesTheBoxAndLeavesTheRest()
    {
        // By hand: a 2×2 box [1, 1, 3, 3] in a 4×4 image is all outline: pixels (1..2, 1..2) red, 12 others black.
        var image = BoxOverlay.Draw(new float[16], 4, 4, new BoxLayer([new Box(1, 1, 3, 3)], 255, 0, 0));
        Assert.Equal(3, image.Channels);
        int red = 0;
        for (int y = 0; y < 4; y++)
            for (int x = 0; x < 4; x++)
            {
                bool inBox = x is 1 or 2 && y is 1 or 2;
                Assert.Equal(inBox ? 255 : 0, image[x, y, 0]);
                Assert.Equal(0, image[x, y, 1]);
                if (inBox) red++;
            }
        Assert.Equal(4, red);
    }

    [Fact]
    public void InteriorKeepsTheGreyAndBoxesAreClipped()
    {
        var grey = Enumerable.Repeat(0.5f, 36).ToArray();
        var image = BoxOverlay.Draw(grey, 6, 6, new BoxLayer([new Box(-3, 0, 5, 5)], 0, 255, 0));
        Assert.Equal(128, image[2, 2, 0]);                   // inside: round(0.5 · 255) = 128 in every channel
        Assert.Equal(255, image[0, 2, 1]);                   // the clipped left edge is drawn at x = 0
        Assert.Equal(255, image[4, 2, 1]);                   // the right edge at x = 4
        Assert.Equal(128, image[5, 2, 1]);
    }
}
