using System.Globalization;

namespace Mlsd.Metrics;

/// <summary>
/// An axis-aligned box in continuous image coordinates, (X1, Y1) the top-left and (X2, Y2) the
/// bottom-right corner. Width is X2 − X1 (no "+1 pixel" convention, as in COCO).
/// </summary>
/// <param name="X1">Left edge.</param>
/// <param name="Y1">Top edge.</param>
/// <param name="X2">Right edge (≥ X1).</param>
/// <param name="Y2">Bottom edge (≥ Y1).</param>
public readonly record struct Box(double X1, double Y1, double X2, double Y2)
{
    /// <summary>X2 − X1.</summary>
    public double Width => X2 - X1;

    /// <summary>Y2 − Y1.</summary>
    public double Height => Y2 - Y1;

    /// <summary>Width × height.</summary>
    public double Area => Width * Height;

    /// <summary>A box from its top-left corner and size.</summary>
    public static Box FromXywh(double x, double y, double width, double height) => new(x, y, x + width, y + height);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"[{X1:0.##}, {Y1:0.##}, {X2:0.##}, {Y2:0.##}]");

    internal void Validate(string name)
    {
        if (!(double.IsFinite(X1) && double.IsFinite(Y1) && double.IsFinite(X2) && double.IsFinite(Y2)) || X2 < X1 || Y2 < Y1)
            throw new ArgumentException(
                $"{name} must have finite corners with X2 ≥ X1 and Y2 ≥ Y1 (got {this}).", name);
    }
}

/// <summary>A predicted box with its confidence score.</summary>
/// <param name="ImageId">Which image the box is in.</param>
/// <param name="Box">The predicted box.</param>
/// <param name="Score">Confidence; detections are matched in decreasing score order.</param>
/// <param name="ClassId">Predicted class (ignored by the single-class <see cref="Detection.AveragePrecision"/>).</param>
public readonly record struct DetectedBox(int ImageId, Box Box, double Score, int ClassId = 0);

/// <summary>A ground-truth (annotated) box.</summary>
/// <param name="ImageId">Which image the box is in.</param>
/// <param name="Box">The annotated box.</param>
/// <param name="ClassId">Its class (ignored by the single-class <see cref="Detection.AveragePrecision"/>).</param>
public readonly record struct GroundTruthBox(int ImageId, Box Box, int ClassId = 0);

/// <summary>How the precision–recall curve of a detector is summarised into one number.</summary>
public enum ApInterpolation
{
    /// <summary>Area under the interpolated curve at every recall level where it changes
    /// (PASCAL VOC 2010 onwards): precision at recall r is the best precision at any recall ≥ r.</summary>
    AllPoints,

    /// <summary>Mean of the interpolated precision at recall 0, 0.1, …, 1 (PASCAL VOC 2007).</summary>
    ElevenPoint,

    /// <summary>Mean of the interpolated precision at recall 0, 0.01, …, 1 (the COCO evaluation).</summary>
    OneHundredOnePoint,
}

/// <summary>
/// Object-detection metrics: IoU, and average precision of scored detections against ground-truth
/// boxes at an IoU threshold, per class and averaged over classes and thresholds.
/// </summary>
/// <remarks>
/// <para><b>Matching.</b> Within each image (and class), detections are taken in decreasing score order
/// (ties keep input order). Each detection is matched to the not-yet-matched ground truth box with the
/// highest IoU, provided that IoU ≥ the threshold; it is then a true positive, otherwise a false
/// positive. Each ground truth box is matched at most once, so duplicate detections of one object
/// count as false positives. (This is COCO's rule; the VOC devkit instead takes the best-overlapping box
/// even if already matched, which can only turn some true positives into false positives.)</para>
/// <para>Precision and recall are then computed down the score-ordered list of all detections, recall
/// dividing by the number of ground truth boxes.</para>
/// </remarks>
public static class Detection
{
    /// <summary>The ten IoU thresholds 0.50, 0.55, …, 0.95 of COCO's headline "AP@[.5:.95]".</summary>
    public static IReadOnlyList<double> CocoIouThresholds { get; } =
        [0.50, 0.55, 0.60, 0.65, 0.70, 0.75, 0.80, 0.85, 0.90, 0.95];

    /// <summary>
    /// Intersection over union (Jaccard index) of two boxes: area(a ∩ b) / area(a ∪ b), in [0, 1].
    /// Two degenerate (zero-area) boxes have IoU 0.
    /// </summary>
    /// <param name="a">First box.</param>
    /// <param name="b">Second box.</param>
    /// <example>[0, 0, 2, 2] and [1, 1, 3, 3]: intersection 1, union 4 + 4 − 1 = 7 → 1/7 = 0.142857…</example>
    /// <remarks>Reference: Everingham et al., "The PASCAL Visual Object Classes (VOC) Challenge", IJCV 88 (2010), §4.2.</remarks>
    /// <exception cref="ArgumentException">A box with X2 &lt; X1, Y2 &lt; Y1 or a non-finite corner.</exception>
    public static double IoU(Box a, Box b)
    {
        a.Validate(nameof(a));
        b.Validate(nameof(b));
        return IoUUnchecked(a, b);
    }

    /// <summary>
    /// Average precision of one class's detections at an IoU threshold. Every detection and ground-truth
    /// box is treated as the same class (<see cref="DetectedBox.ClassId"/> is ignored; use
    /// <see cref="AveragePrecisionByClass"/> for several classes).
    /// </summary>
    /// <param name="detections">Scored predicted boxes (may be empty: AP is then 0).</param>
    /// <param name="groundTruths">Annotated boxes; at least one (recall is undefined otherwise).</param>
    /// <param name="iouThreshold">Minimum IoU for a match, in (0, 1]; default 0.5 (VOC).</param>
    /// <param name="interpolation">How to summarise the curve; default <see cref="ApInterpolation.AllPoints"/>.</param>
    /// <example>Two ground truths in one image, three detections scoring 0.9 (hit), 0.8 (miss), 0.7 (hit):
    /// precision 1, ½, ⅔ at recall ½, ½, 1 → all-points AP = ½·1 + ½·⅔ = 0.833333…; 11-point AP =
    /// (6·1 + 5·⅔) / 11 = 0.848484…</example>
    /// <remarks>Reference: Everingham et al., IJCV 88 (2010), §4.2 (11-point); Everingham et al., "The PASCAL VOC
    /// Challenge: a retrospective", IJCV 111 (2015), §3.1 (all points); Lin et al., "Microsoft COCO", ECCV 2014.</remarks>
    /// <exception cref="ArgumentException">Null lists, no ground truth, a bad box, a NaN score, or a threshold outside (0, 1].</exception>
    public static double AveragePrecision(IReadOnlyList<DetectedBox> detections, IReadOnlyList<GroundTruthBox> groundTruths,
        double iouThreshold = 0.5, ApInterpolation interpolation = ApInterpolation.AllPoints)
    {
        CheckInputs(detections, groundTruths, iouThreshold);
        if (groundTruths.Count == 0)
            throw new ArgumentException("groundTruths must hold at least one box: AP is undefined without ground truth.", nameof(groundTruths));
        return ApOfClass(detections, groundTruths, iouThreshold, interpolation, classId: null);
    }

    /// <summary>
    /// Average precision per class at one IoU threshold, for every class that has at least one ground-truth
    /// box (classes with detections but no ground truth are left out, as COCO does). Detections only match
    /// ground truth of their own class.
    /// </summary>
    /// <param name="detections">Scored predicted boxes of all classes.</param>
    /// <param name="groundTruths">Annotated boxes of all classes; at least one.</param>
    /// <param name="iouThreshold">Minimum IoU for a match, in (0, 1]; default 0.5.</param>
    /// <param name="interpolation">How to summarise each curve; default all points.</param>
    /// <example>Class 0 with AP 1 and class 1 with AP 0.5 → {0: 1, 1: 0.5}.</example>
    /// <remarks>Reference: Everingham et al., IJCV 88 (2010), §4.2.</remarks>
    /// <exception cref="ArgumentException">As <see cref="AveragePrecision"/>.</exception>
    public static IReadOnlyDictionary<int, double> AveragePrecisionByClass(IReadOnlyList<DetectedBox> detections,
        IReadOnlyList<GroundTruthBox> groundTruths, double iouThreshold = 0.5, ApInterpolation interpolation = ApInterpolation.AllPoints)
    {
        CheckInputs(detections, groundTruths, iouThreshold);
        if (groundTruths.Count == 0)
            throw new ArgumentException("groundTruths must hold at least one box: AP is undefined without ground truth.", nameof(groundTruths));
        var classes = new SortedSet<int>();
        foreach (var g in groundTruths) classes.Add(g.ClassId);
        var result = new SortedDictionary<int, double>();
        foreach (int c in classes) result[c] = ApOfClass(detections, groundTruths, iouThreshold, interpolation, c);
        return result;
    }

    /// <summary>
    /// Mean average precision: AP per class (classes with ground truth), averaged over classes, then
    /// averaged over the IoU thresholds. With the default threshold {0.5} this is VOC's mAP@0.5; with
    /// <see cref="CocoIouThresholds"/> and <see cref="ApInterpolation.OneHundredOnePoint"/> it follows COCO's
    /// AP@[.5:.95] (without COCO's area ranges and per-image detection cap).
    /// </summary>
    /// <param name="detections">Scored predicted boxes of all classes.</param>
    /// <param name="groundTruths">Annotated boxes of all classes; at least one.</param>
    /// <param name="iouThresholds">IoU thresholds to average over, each in (0, 1]; default {0.5}.</param>
    /// <param name="interpolation">How to summarise each curve; default all points.</param>
    /// <example>Class APs 1 and 0.5 at IoU 0.5 → mAP = 0.75.</example>
    /// <remarks>Reference: Everingham et al., IJCV 88 (2010); Lin et al., "Microsoft COCO: Common Objects in Context", ECCV 2014.</remarks>
    /// <exception cref="ArgumentException">As <see cref="AveragePrecision"/>, or an empty threshold list.</exception>
    public static double MeanAveragePrecision(IReadOnlyList<DetectedBox> detections, IReadOnlyList<GroundTruthBox> groundTruths,
        IReadOnlyList<double>? iouThresholds = null, ApInterpolation interpolation = ApInterpolation.AllPoints)
    {
        iouThresholds ??= [0.5];
        if (iouThresholds.Count == 0)
            throw new ArgumentException("iouThresholds must hold at least one threshold.", nameof(iouThresholds));
        double total = 0;
        foreach (double t in iouThresholds)
        {
            var perClass = AveragePrecisionByClass(detections, groundTruths, t, interpolation);
            double sum = 0;
            foreach (var ap in perClass.Values) sum += ap;
            total += sum / perClass.Count;
        }
        return total / iouThresholds.Count;
    }

    // ---- internals -------------------------------------------------------------------------------

    internal static double IoUUnchecked(Box a, Box b)
    {
        double iw = Math.Min(a.X2, b.X2) - Math.Max(a.X1, b.X1);
        double ih = Math.Min(a.Y2, b.Y2) - Math.Max(a.Y1, b.Y1);
        if (iw <= 0 || ih <= 0) return 0;
        double intersection = iw * ih;
        double union = a.Area + b.Area - intersection;
        return union <= 0 ? 0 : intersection / union;
    }

    private static void CheckInputs(IReadOnlyList<DetectedBox> detections, IReadOnlyList<GroundTruthBox> groundTruths, double iouThreshold)
    {
        Guard.NotNull(detections, nameof(detections));
        Guard.NotNull(groundTruths, nameof(groundTruths));
        if (!(iouThreshold > 0 && iouThreshold <= 1))
            throw new ArgumentOutOfRangeException(nameof(iouThreshold), iouThreshold,
                $"iouThreshold must be in (0, 1] (got {Guard.Format(iouThreshold)}).");
        for (int i = 0; i < detections.Count; i++)
        {
            detections[i].Box.Validate($"detections[{i}].Box");
            if (double.IsNaN(detections[i].Score))
                throw new ArgumentException($"detections must not have NaN scores (found NaN at index {i}).", nameof(detections));
        }
        for (int i = 0; i < groundTruths.Count; i++) groundTruths[i].Box.Validate($"groundTruths[{i}].Box");
    }

    private static double ApOfClass(IReadOnlyList<DetectedBox> detections, IReadOnlyList<GroundTruthBox> groundTruths,
        double iouThreshold, ApInterpolation interpolation, int? classId)
    {
        var (_, hit, truthCount) = MatchInScoreOrder(detections, groundTruths, iouThreshold, classId);
        var precision = new double[hit.Length];
        var recall = new double[hit.Length];
        int tp = 0;
        for (int rank = 0; rank < hit.Length; rank++)
        {
            if (hit[rank]) tp++;
            precision[rank] = (double)tp / (rank + 1);
            recall[rank] = (double)tp / truthCount;
        }
        return Summarise(precision, recall, interpolation);
    }

    /// <summary>Greedy matching as VOC does it: detections of the class in decreasing score order (ties keep input
    /// order), each taking the unmatched ground truth of its image with the highest IoU ≥ the threshold.</summary>
    /// <returns>The detection indices in score order, whether each is a hit, and the ground-truth count.</returns>
    internal static (int[] Order, bool[] Hit, int TruthCount) MatchInScoreOrder(IReadOnlyList<DetectedBox> detections,
        IReadOnlyList<GroundTruthBox> groundTruths, double iouThreshold, int? classId)
    {
        var truthByImage = new Dictionary<int, List<Box>>();
        int truthCount = 0;
        foreach (var g in groundTruths)
        {
            if (classId is int c && g.ClassId != c) continue;
            if (!truthByImage.TryGetValue(g.ImageId, out var list)) truthByImage[g.ImageId] = list = [];
            list.Add(g.Box);
            truthCount++;
        }
        var matched = new Dictionary<int, bool[]>();
        foreach (var (image, list) in truthByImage) matched[image] = new bool[list.Count];

        var indices = new List<int>();
        for (int i = 0; i < detections.Count; i++)
            if (classId is not int c || detections[i].ClassId == c) indices.Add(i);
        var order = indices.ToArray();
        var keys = new double[order.Length];
        for (int i = 0; i < keys.Length; i++) keys[i] = -detections[order[i]].Score;
        var position = new int[order.Length];
        for (int i = 0; i < position.Length; i++) position[i] = i;
        Array.Sort(position, (x, y) => keys[x] != keys[y] ? keys[x].CompareTo(keys[y]) : x.CompareTo(y));

        var sorted = new int[order.Length];
        var hit = new bool[order.Length];
        for (int rank = 0; rank < position.Length; rank++)
        {
            sorted[rank] = order[position[rank]];
            var d = detections[sorted[rank]];
            if (!truthByImage.TryGetValue(d.ImageId, out var boxes)) continue;
            var used = matched[d.ImageId];
            int best = -1;
            double bestIoU = iouThreshold;
            for (int g = 0; g < boxes.Count; g++)
            {
                if (used[g]) continue;
                double iou = IoUUnchecked(d.Box, boxes[g]);
                if (iou >= bestIoU && (best < 0 || iou > bestIoU)) { best = g; bestIoU = iou; }
            }
            if (best >= 0) { used[best] = true; hit[rank] = true; }
        }
        return (sorted, hit, truthCount);
    }

    /// <summary>Area under the interpolated PR curve (precision made non-increasing in recall).</summary>
    internal static double Summarise(double[] precision, double[] recall, ApInterpolation interpolation)
    {
        int n = precision.Length;
        // Interpolated precision: best precision at this or any later (higher-recall) point.
        var envelope = new double[n];
        double running = 0;
        for (int i = n - 1; i >= 0; i--) { running = Math.Max(running, precision[i]); envelope[i] = running; }

        switch (interpolation)
        {
            case ApInterpolation.AllPoints:
            {
                double ap = 0, previousRecall = 0;
                for (int i = 0; i < n; i++)
                {
                    ap += (recall[i] - previousRecall) * envelope[i];
                    previousRecall = recall[i];
                }
                return ap;
            }
            case ApInterpolation.ElevenPoint:
            case ApInterpolation.OneHundredOnePoint:
            {
                int steps = interpolation == ApInterpolation.ElevenPoint ? 10 : 100;
                double sum = 0;
                int i = 0;
                for (int s = 0; s <= steps; s++)
                {
                    double r = (double)s / steps;
                    while (i < n && recall[i] < r - 1e-12) i++; // recall is non-decreasing
                    sum += i < n ? envelope[i] : 0;
                }
                return sum / (steps + 1);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(interpolation), interpolation, "interpolation must be a defined ApInterpolation value.");
        }
    }
}
