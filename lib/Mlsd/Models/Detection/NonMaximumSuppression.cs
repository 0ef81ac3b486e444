using Mlsd.Metrics;

namespace Mlsd.Models;

/// <summary>
/// Greedy non-maximum suppression (NMS): of several detections that overlap one object, keep the best-scoring one.
/// A sliding-window or anchor-based detector fires on many windows around each object; without NMS every extra
/// window is a duplicate, which average precision counts as a false positive.
/// </summary>
/// <remarks>
/// <para><b>Definition.</b> Within each image (and, by default, each class), take the detections in decreasing score
/// order (ties keep input order). Keep a detection unless its IoU with a detection already <i>kept</i> is above the
/// threshold. A suppressed detection suppresses nothing: with boxes A, B, C in a row where A overlaps B and B overlaps
/// C but A does not overlap C, A and C are both kept.</para>
/// <para>The threshold trades duplicates against misses: low values also remove true detections of neighbouring
/// objects (two faces side by side), high values let duplicates through. 0.3–0.5 is usual for sliding windows.</para>
/// <para>Reference: Dalal &amp; Triggs, "Histograms of Oriented Gradients for Human Detection", CVPR 2005 (window
/// fusion); Felzenszwalb et al., "Object Detection with Discriminatively Trained Part-Based Models", TPAMI 32 (2010),
/// the greedy form used since (e.g. torchvision's <c>nms</c>, which also drops boxes with IoU strictly above the
/// threshold).</para>
/// </remarks>
public static class NonMaximumSuppression
{
    /// <summary>
    /// The detections greedy NMS keeps, in decreasing score order (ties in input order) over all images and classes.
    /// </summary>
    /// <param name="detections">Scored boxes, any images and classes.</param>
    /// <param name="iouThreshold">A detection is dropped when its IoU with a kept one is strictly above this, in [0, 1].</param>
    /// <param name="classAware">True (default): only detections of the same class suppress each other. False: a face
    /// box may suppress an overlapping plate box (one label per region).</param>
    /// <param name="maxPerImage">Keep at most this many detections per image (the best ones); null: no cap.</param>
    /// <example>In one image, A = [0, 0, 10, 10] scoring 0.9, B = [1, 1, 11, 11] scoring 0.8 (IoU with A: 81 / 119 =
    /// 0.68) and C = [20, 20, 30, 30] scoring 0.7: threshold 0.5 keeps A and C; threshold 0.7 keeps all three.</example>
    /// <exception cref="ArgumentException">A null list, a threshold outside [0, 1], a bad box, a NaN score, or a
    /// cap below 1.</exception>
    public static IReadOnlyList<DetectedBox> Apply(IReadOnlyList<DetectedBox> detections, double iouThreshold = 0.5,
        bool classAware = true, int? maxPerImage = null)
    {
        ArgumentNullException.ThrowIfNull(detections);
        if (!(iouThreshold >= 0 && iouThreshold <= 1))
            throw new ArgumentOutOfRangeException(nameof(iouThreshold), iouThreshold, $"iouThreshold must be in [0, 1] (got {iouThreshold}).");
        if (maxPerImage is < 1)
            throw new ArgumentOutOfRangeException(nameof(maxPerImage), maxPerImage, "maxPerImage must be at least 1 (or null for no cap).");
        for (int i = 0; i < detections.Count; i++)
        {
            detections[i].Box.Validate($"detections[{i}].Box");
            if (double.IsNaN(detections[i].Score))
                throw new ArgumentException($"detections must not have NaN scores (found NaN at index {i}).", nameof(detections));
        }

        var order = new int[detections.Count];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(order, (x, y) =>
        {
            int byScore = detections[y].Score.CompareTo(detections[x].Score);
            return byScore != 0 ? byScore : x.CompareTo(y);
        });

        // Kept boxes per (image, class) group; a detection is compared only with its own group's kept boxes.
        var kept = new Dictionary<(int Image, int Class), List<Box>>();
        var keptPerImage = new Dictionary<int, int>();
        var result = new List<DetectedBox>();
        foreach (int i in order)
        {
            var d = detections[i];
            if (maxPerImage is int cap && keptPerImage.GetValueOrDefault(d.ImageId) >= cap) continue;
            var key = (d.ImageId, classAware ? d.ClassId : 0);
            if (!kept.TryGetValue(key, out var boxes)) kept[key] = boxes = [];
            bool suppressed = false;
            foreach (var box in boxes)
                if (Metrics.Detection.IoUUnchecked(d.Box, box) > iouThreshold) { suppressed = true; break; }
            if (suppressed) continue;
            boxes.Add(d.Box);
            keptPerImage[d.ImageId] = keptPerImage.GetValueOrDefault(d.ImageId) + 1;
            result.Add(d);
        }
        return result.AsReadOnly();
    }
}
