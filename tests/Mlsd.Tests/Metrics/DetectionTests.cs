using Mlsd.Metrics;

namespace Mlsd.Tests.Metrics;

public class DetectionTests
{
    private const double Tol = 1e-12;

    [Fact]
    public void IoU_ByHand()
    {
        // intersection [1,1,2,2] = 1; union 4 + 4 − 1 = 7
        Assert.Equal(1.0 / 7, Detection.IoU(new Box(0, 0, 2, 2), new Box(1, 1, 3, 3)), Tol);
        Assert.Equal(1.0, Detection.IoU(new Box(0, 0, 2, 3), new Box(0, 0, 2, 3)), Tol);
        Assert.Equal(0.0, Detection.IoU(new Box(0, 0, 1, 1), new Box(1, 0, 2, 1)));   // touching edges
        Assert.Equal(0.25, Detection.IoU(new Box(0, 0, 4, 4), new Box(1, 1, 3, 3)), Tol); // contained: 4/16
        Assert.Equal(0.0, Detection.IoU(new Box(1, 1, 1, 1), new Box(1, 1, 1, 1)));    // degenerate
    }

    [Fact]
    public void IoU_BadBox_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Detection.IoU(new Box(2, 0, 1, 1), new Box(0, 0, 1, 1)));
        Assert.Equal("a", ex.ParamName);
    }

    // Two objects in image 0; detections: 0.9 overlaps object A exactly, 0.8 is a background box,
    // 0.7 overlaps object B exactly.
    private static readonly GroundTruthBox[] TwoObjects =
        [new(0, new Box(0, 0, 10, 10)), new(0, new Box(20, 20, 30, 30))];

    private static readonly DetectedBox[] ThreeDetections =
    [
        new(0, new Box(0, 0, 10, 10), 0.9),
        new(0, new Box(50, 50, 60, 60), 0.8),
        new(0, new Box(20, 20, 30, 30), 0.7),
    ];

    [Fact]
    public void AveragePrecision_AllPoints_ByHand()
    {
        // ranked TP, FP, TP → precision 1, 1/2, 2/3; recall 1/2, 1/2, 1.
        // interpolated precision 1 up to recall ½, 2/3 up to recall 1 → ½·1 + ½·⅔
        Assert.Equal(0.5 + 1.0 / 3, Detection.AveragePrecision(ThreeDetections, TwoObjects), Tol);
    }

    [Fact]
    public void AveragePrecision_ElevenPoint_VocDefinition()
    {
        // VOC 2007 (Everingham et al. 2010, eq. 1): AP = 1/11 Σ_{r ∈ {0, 0.1, …, 1}} max_{r' ≥ r} p(r').
        // r = 0 … 0.5 (6 points): 1; r = 0.6 … 1 (5 points): 2/3 → (6 + 10/3) / 11
        Assert.Equal((6 + 10.0 / 3) / 11, Detection.AveragePrecision(ThreeDetections, TwoObjects, 0.5, ApInterpolation.ElevenPoint), Tol);
    }

    [Fact]
    public void AveragePrecision_101Point_ByHand()
    {
        // r = 0.00 … 0.50 (51 points): 1; r = 0.51 … 1.00 (50 points): 2/3
        Assert.Equal((51 + 50 * 2.0 / 3) / 101,
            Detection.AveragePrecision(ThreeDetections, TwoObjects, 0.5, ApInterpolation.OneHundredOnePoint), Tol);
    }

    [Fact]
    public void AveragePrecision_DuplicateDetection_IsFalsePositive()
    {
        // Two detections on object A (0.9, 0.8) and none on B: TP, FP → precision 1, ½ at recall ½, ½ → AP = ½.
        DetectedBox[] dets = [new(0, new Box(0, 0, 10, 10), 0.9), new(0, new Box(0, 0, 10, 9), 0.8)];
        Assert.Equal(0.5, Detection.AveragePrecision(dets, TwoObjects), Tol);
    }

    [Fact]
    public void AveragePrecision_IoUThresholdDecidesTheMatch()
    {
        // The detection [0,0,10,5] covers half of [0,0,10,10]: IoU = 50/100 = 0.5 → a hit at 0.5, a miss at 0.75.
        GroundTruthBox[] truth = [new(0, new Box(0, 0, 10, 10))];
        DetectedBox[] dets = [new(0, new Box(0, 0, 10, 5), 0.9)];
        Assert.Equal(1.0, Detection.AveragePrecision(dets, truth, 0.5), Tol);
        Assert.Equal(0.0, Detection.AveragePrecision(dets, truth, 0.75), Tol);
    }

    [Fact]
    public void AveragePrecision_OtherImageDoesNotMatch_AndNoDetectionsIsZero()
    {
        DetectedBox[] wrongImage = [new(1, new Box(0, 0, 10, 10), 0.9)];
        Assert.Equal(0.0, Detection.AveragePrecision(wrongImage, TwoObjects));
        Assert.Equal(0.0, Detection.AveragePrecision([], TwoObjects));
    }

    [Fact]
    public void AveragePrecision_MatchesHighestScoreFirst_RegardlessOfInputOrder()
    {
        // Same detections as ThreeDetections, listed in another order: the result must not change.
        DetectedBox[] shuffled = [ThreeDetections[2], ThreeDetections[0], ThreeDetections[1]];
        Assert.Equal(0.5 + 1.0 / 3, Detection.AveragePrecision(shuffled, TwoObjects), Tol);
    }

    [Fact]
    public void MeanAveragePrecision_OverClassesAndThresholds_ByHand()
    {
        // Class 0: one object, found exactly → AP 1 at every threshold.
        // Class 1: two objects, one found with IoU 0.8 ([0,0,10,8] vs [0,0,10,10]) at score 0.6, one missed → AP ½ up to
        //          IoU 0.8, 0 above. A class-2 detection has no ground truth and is ignored.
        GroundTruthBox[] truth =
        [
            new(0, new Box(0, 0, 4, 4), ClassId: 0),
            new(1, new Box(0, 0, 10, 10), ClassId: 1),
            new(2, new Box(5, 5, 9, 9), ClassId: 1),
        ];
        DetectedBox[] dets =
        [
            new(0, new Box(0, 0, 4, 4), 0.9, ClassId: 0),
            new(1, new Box(0, 0, 10, 8), 0.6, ClassId: 1),
            new(1, new Box(0, 0, 4, 4), 0.95, ClassId: 2),
        ];
        var byClass = Detection.AveragePrecisionByClass(dets, truth, 0.5);
        Assert.Equal([0, 1], byClass.Keys.ToArray());
        Assert.Equal(1.0, byClass[0], Tol);
        Assert.Equal(0.5, byClass[1], Tol);
        Assert.Equal(0.75, Detection.MeanAveragePrecision(dets, truth), Tol);

        // COCO thresholds 0.50 … 0.95: class 1 scores ½ at the 7 thresholds ≤ 0.80 and 0 at 0.85, 0.90, 0.95
        // → mean over thresholds of (1 + AP1)/2 = (7·0.75 + 3·0.5) / 10 = 0.675
        Assert.Equal(0.675, Detection.MeanAveragePrecision(dets, truth, Detection.CocoIouThresholds), Tol);
    }

    [Fact]
    public void BadInput_Throws()
    {
        var noTruth = Assert.Throws<ArgumentException>(() => Detection.AveragePrecision(ThreeDetections, []));
        Assert.Equal("groundTruths", noTruth.ParamName);
        var threshold = Assert.ThrowsAny<ArgumentException>(() => Detection.AveragePrecision(ThreeDetections, TwoObjects, 0));
        Assert.Equal("iouThreshold", threshold.ParamName);
        DetectedBox[] nan = [new(0, new Box(0, 0, 1, 1), double.NaN)];
        Assert.Throws<ArgumentException>(() => Detection.AveragePrecision(nan, TwoObjects));
        DetectedBox[] badBox = [new(0, new Box(0, 0, -1, 1), 0.5)];
        var box = Assert.Throws<ArgumentException>(() => Detection.AveragePrecision(badBox, TwoObjects));
        Assert.Contains("detections[0].Box", box.Message);
    }
}
