using Mlsd.Features;
using Mlsd.Metrics;
using Mlsd.Models;

namespace Mlsd.Tests.Models.Detection;

/// <summary>The detector on a toy task whose answer is known: bright squares on a dark, noisy background.</summary>
public sealed class SlidingWindowDetectorTests
{
    private const int Size = 48;

    /// <summary>A 48 × 48 image with a light 12 × 12 square at (x, y) (or none) and bars as clutter.</summary>
    private static float[] Scene(int seed, int x, int y, bool square = true)
    {
        var rng = new Random(seed);
        var image = new float[Size * Size];
        for (int i = 0; i < image.Length; i++) image[i] = 0.2f + 0.05f * (float)rng.NextDouble();
        for (int r = 30; r < 34; r++) for (int c = 0; c < Size; c++) image[r * Size + c] = 0.6f;   // a horizontal bar
        if (square) for (int r = y; r < y + 12; r++) for (int c = x; c < x + 12; c++) image[r * Size + c] = 0.9f;
        return image;
    }

    private static SlidingWindowDetector Trained()
    {
        var det = new SlidingWindowDetector(0, 12, 12, new HistogramOfOrientedGradients(9, 4, 2), [1.0]);
        var positives = new List<float[]>();
        var negatives = new List<float[]>();
        for (int s = 0; s < 30; s++)
        {
            int x = 2 + s % 7 * 4, y = 2 + s % 3 * 5;
            var image = Scene(s, x, y);
            positives.Add(det.Describe(image, Size, Size, new Box(x, y, x + 12, y + 12)));
            var empty = Scene(100 + s, 0, 0, square: false);
            for (int k = 0; k < 4; k++) negatives.Add(det.Describe(empty, Size, Size, new Box(k * 9, 20 + k * 4, k * 9 + 12, 32 + k * 4)));
        }
        return det.Fit(positives, negatives);
    }

    [Fact]
    public void FindsTheSquare_AtAScanPosition()
    {
        var det = Trained();
        // A square at (12, 8): cell-aligned (cell 4), so one scanned window is exactly the square.
        var found = NonMaximumSuppression.Apply(det.Detect(Scene(999, 12, 8), Size, Size, imageId: 3), 0.3);
        Assert.NotEmpty(found);
        Assert.Equal(new Box(12, 8, 24, 20), found[0].Box);
        Assert.Equal((3, 0), (found[0].ImageId, found[0].ClassId));
        Assert.True(det.Score(det.Describe(Scene(999, 12, 8), Size, Size, new Box(12, 8, 24, 20))) > 0);
        Assert.Equal(det.FeatureCount, det.Describe(Scene(1, 0, 0), Size, Size, new Box(0, 0, 30, 30)).Length);
    }

    [Fact]
    public void ScalesMapBoxesBackToTheImage()
    {
        // At scale 0.5 a 12-pixel window covers 24 pixels of the original: its boxes are 24 × 24 on a 8-pixel grid.
        var det = new SlidingWindowDetector(1, 12, 12, new HistogramOfOrientedGradients(9, 4, 2), [0.5]);
        var trained = Trained();
        det.Fit([trained.Describe(Scene(1, 4, 4), Size, Size, new Box(4, 4, 16, 16))], [new float[det.FeatureCount]]);
        var boxes = det.Detect(Scene(2, 0, 0), Size, Size, minScore: double.NegativeInfinity);
        // 48 → 24 pixels: 6 × 6 cells, so (6 − 3 + 1)² = 16 windows of 3 × 3 cells, at x, y ∈ {0, 8, 16, 24}.
        Assert.Equal(16, boxes.Count);
        Assert.All(boxes, b => Assert.Equal((24.0, 24.0, 1), (b.Box.Width, b.Box.Height, b.ClassId)));
        Assert.Contains(boxes, b => b.Box == new Box(24, 24, 48, 48));
    }

    [Fact]
    public void HardNegatives_AreBackgroundWindowsThatScoreHigh()
    {
        var det = Trained();
        var image = Scene(5, 20, 4);
        var mined = det.MineHardNegatives([image], Size, Size, [new GroundTruthBox(0, new Box(20, 4, 32, 16))], perImage: 3, minScore: double.NegativeInfinity);
        Assert.Equal(3, mined.Count);
        Assert.All(mined, m => Assert.Equal(det.FeatureCount, m.Length));
        // None of them is the square itself.
        var square = det.Describe(image, Size, Size, new Box(20, 4, 32, 16));
        Assert.All(mined, m => Assert.NotEqual(square, m));
    }

    [Fact]
    public void BadInput_NamesTheArgument()
    {
        var hog = new HistogramOfOrientedGradients(9, 4, 2);
        Assert.Equal("windowWidth", Assert.Throws<ArgumentOutOfRangeException>(() => new SlidingWindowDetector(0, 10, 12, hog, [1.0])).ParamName);
        Assert.Equal("windowHeight", Assert.Throws<ArgumentOutOfRangeException>(() => new SlidingWindowDetector(0, 12, 4, hog, [1.0])).ParamName);
        Assert.Equal("scales", Assert.Throws<ArgumentException>(() => new SlidingWindowDetector(0, 12, 12, hog, [])).ParamName);
        Assert.Equal("scales", Assert.Throws<ArgumentOutOfRangeException>(() => new SlidingWindowDetector(0, 12, 12, hog, [0.0])).ParamName);
        var det = new SlidingWindowDetector(0, 12, 12, hog, [1.0]);
        Assert.Throws<InvalidOperationException>(() => det.Detect(new float[Size * Size], Size, Size));
        Assert.Equal("positives", Assert.Throws<ArgumentException>(() => det.Fit([], [new float[det.FeatureCount]])).ParamName);
        Assert.Equal("negatives", Assert.Throws<ArgumentException>(() => det.Fit([new float[det.FeatureCount]], [new float[3]])).ParamName);
    }
}
