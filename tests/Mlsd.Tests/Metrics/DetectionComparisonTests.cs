using Mlsd.Metrics;

namespace Mlsd.Tests.Metrics;

/// <summary>The image bootstrap of detection metrics, on cases worked out by hand.</summary>
public sealed class DetectionComparisonTests
{
    // Frame 0: one face at [0, 0, 10, 10], detected (0.9). Frame 1: one face at [20, 20, 30, 30], missed; a false
    // alarm at [50, 50, 60, 60] scores 0.8.
    private static readonly GroundTruthBox[] Truth = [new(0, new Box(0, 0, 10, 10)), new(1, new Box(20, 20, 30, 30))];
    private static readonly DetectedBox[] Found = [new(0, new Box(0, 0, 10, 10), 0.9), new(1, new Box(50, 50, 60, 60), 0.8)];
    private static readonly DetectionMetric Ap = DetectionMetric.Ap("AP", 0);

    [Fact]
    public void FrameWeightsCountAFrameThatManyTimes()
    {
        // By hand: ranks hit (P 1, R ½), false alarm (P ½, R ½) → AP = ½ · 1 = 0.5.
        Assert.Equal(0.5, DetectionComparison.Weighted(Found, Truth, 2, Ap), 12);
        // Frame 0 twice, frame 1 never: both objects found at precision 1 → AP 1.
        Assert.Equal(1.0, DetectionComparison.Weighted(Found, Truth, 2, Ap, [2, 0]), 12);
        // Frame 1 twice: no hit → AP 0.
        Assert.Equal(0.0, DetectionComparison.Weighted(Found, Truth, 2, Ap, [0, 2]), 12);
        // Precision at an operating point: score ≥ 0.85 keeps the hit only (1); ≥ 0.5 keeps both (½).
        Assert.Equal(1.0, DetectionComparison.Weighted(Found, Truth, 2, DetectionMetric.Precision("P", 0, 0.5, 0.85)), 12);
        Assert.Equal(0.5, DetectionComparison.Weighted(Found, Truth, 2, DetectionMetric.Precision("P", 0, 0.5, 0.5)), 12);
    }

    [Fact]
    public void IntegerWeightsEqualAveragePrecisionOnCopiedFrames()
    {
        var rng = new Random(3);
        var truth = new List<GroundTruthBox>();
        var found = new List<DetectedBox>();
        for (int f = 0; f < 6; f++)
            for (int k = 0; k < 3; k++)
            {
                double x = rng.Next(0, 80), y = rng.Next(0, 80);
                truth.Add(new(f, new Box(x, y, x + 10, y + 10)));
                double dx = rng.Next(-6, 7);
                found.Add(new(f, new Box(x + dx, y, x + dx + 10, y + 10), rng.NextDouble()));
            }
        double[] weights = [2, 0, 1, 3, 1, 0];
        // The reference: AP of a data set in which frame f really appears weights[f] times (as new frames).
        var copiedTruth = new List<GroundTruthBox>();
        var copiedFound = new List<DetectedBox>();
        int next = 0;
        for (int f = 0; f < 6; f++)
            for (int c = 0; c < weights[f]; c++, next++)
            {
                copiedTruth.AddRange(truth.Where(t => t.ImageId == f).Select(t => t with { ImageId = next }));
                copiedFound.AddRange(found.Where(d => d.ImageId == f).Select(d => d with { ImageId = next }));
            }
        double expected = Detection.AveragePrecision(copiedFound, copiedTruth, 0.5);
        Assert.Equal(expected, DetectionComparison.Weighted(found, truth, 6, Ap, weights), 9);
        Assert.Equal(Detection.AveragePrecision(found, truth, 0.5), DetectionComparison.Weighted(found, truth, 6, Ap), 12);
    }

    [Fact]
    public void CompareGivesTheLadderWithIntervals()
    {
        DetectedBox[] perfect = [new(0, new Box(0, 0, 10, 10), 0.9), new(1, new Box(20, 20, 30, 30), 0.8)];
        var table = DetectionComparison.Compare([("half", Found), ("perfect", perfect)], Truth, 2, "half", [Ap],
            new BootstrapOptions { Resamples = 200, Seed = 1 });
        Assert.Equal(0.5, table.Value("half", "AP"), 12);
        Assert.Equal(1.0, table.Value("perfect", "AP"), 12);
        var d = table.Difference("perfect", "AP");
        Assert.True(d.Lower >= 0 && d.Upper <= 1 && d.Upper >= d.Lower);
    }

    [Fact]
    public void BadInputNamesTheArgument()
    {
        var e = Assert.Throws<ArgumentException>(() => DetectionComparison.Weighted(Found, Truth, 1, Ap));
        Assert.Contains("image id 1", e.Message);
        var noClass = Assert.Throws<ArgumentException>(() => DetectionComparison.Weighted(Found, Truth, 2, DetectionMetric.Ap("AP", 7)));
        Assert.Contains("class 7 has no ground truth", noClass.Message);
        Assert.Throws<ArgumentException>(() => DetectionComparison.Weighted(Found, Truth, 2, Ap, [1]));
    }
}
