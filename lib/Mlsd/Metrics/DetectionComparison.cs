using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Mlsd.Metrics;

/// <summary>
/// One detection metric for <see cref="DetectionComparison"/>: average precision of some classes at some IoU
/// thresholds (averaged over both: one class and one threshold is AP, several classes mAP, several thresholds COCO's
/// AP@[.5:.95]), or — when <see cref="MinScore"/> is set — the precision of the detections scoring at least it.
/// </summary>
/// <param name="Name">Column name, e.g. "AP face@0.5".</param>
/// <param name="ClassIds">Classes to average over (each must have ground truth).</param>
/// <param name="IouThresholds">IoU thresholds to average over, each in (0, 1].</param>
/// <param name="MinScore">Null: average precision. A score: precision at that operating point.</param>
public sealed record DetectionMetric(string Name, IReadOnlyList<int> ClassIds, IReadOnlyList<double> IouThresholds,
    double? MinScore = null)
{
    /// <summary>AP of one class at one IoU threshold.</summary>
    public static DetectionMetric Ap(string name, int classId, double iouThreshold = 0.5) =>
        new(name, [classId], [iouThreshold]);

    /// <summary>mAP: AP averaged over classes (and thresholds).</summary>
    public static DetectionMetric Map(string name, IReadOnlyList<int> classIds, IReadOnlyList<double> iouThresholds) =>
        new(name, classIds, iouThresholds);

    /// <summary>Precision of one class's detections scoring ≥ <paramref name="minScore"/>: the share of the boxes an
    /// operating point keeps that match an object at <paramref name="iouThreshold"/>.</summary>
    public static DetectionMetric Precision(string name, int classId, double iouThreshold, double minScore) =>
        new(name, [classId], [iouThreshold], minScore);
}

/// <summary>
/// Detectors compared on the same images with confidence intervals from a bootstrap over <b>images</b>: objects in one
/// frame share its light, clutter and camera, so frames — not boxes — are the independent units. A resample draws
/// frames with replacement; a frame drawn k times counts its detections and its ground truth k times. Matching is
/// done once (it never crosses frames), so each resample costs one pass over the sorted detections.
/// </summary>
/// <remarks>
/// <example>One frame with one object and a hit scoring 0.9, a second with one object and a miss (a false alarm
/// scoring 0.8, the object undetected): AP = ½ on the full data. A resample drawing the first frame twice and the
/// second never has AP 1; drawing the second twice, AP 0 (tests check both).</example>
/// Reference: B. Efron and R. Tibshirani, <i>An Introduction to the Bootstrap</i>, 1993 (percentile intervals);
/// Everingham et al., IJCV 88 (2010), §4.2 (AP).
/// </remarks>
public static class DetectionComparison
{
    /// <summary>A ladder table: every model's metrics, and each model's difference from the baseline with a 95 %
    /// interval from resampling images.</summary>
    /// <param name="models">Name and detections of each model (ImageId in [0, images)).</param>
    /// <param name="groundTruths">Annotated boxes (ImageId in [0, images)).</param>
    /// <param name="images">Number of evaluated images, the bootstrap units.</param>
    /// <param name="baseline">The model the others are compared with.</param>
    /// <param name="metrics">Metrics to show, in order.</param>
    /// <param name="options">Resampling options (seed, resamples, level); groups are not supported here.</param>
    /// <exception cref="ArgumentException">No models or metrics, an image id out of range, a class without ground
    /// truth, a threshold outside (0, 1], or groups in the options.</exception>
    public static ModelComparison Compare(IEnumerable<(string Name, IReadOnlyList<DetectedBox> Detections)> models,
        IReadOnlyList<GroundTruthBox> groundTruths, int images, string baseline, IReadOnlyList<DetectionMetric> metrics,
        BootstrapOptions? options = null)
    {
        Guard.NotNull(models, nameof(models));
        Guard.NotNull(groundTruths, nameof(groundTruths));
        Guard.NotEmpty(metrics, nameof(metrics));
        Guard.AtLeastOne(images, nameof(images));
        if (options?.Groups is not null)
            throw new ArgumentException("options.Groups must be null: images are the units of this bootstrap.", nameof(options));
        CheckImages(groundTruths.Select(g => g.ImageId), images, nameof(groundTruths));
        var list = models.ToArray();
        var prepared = new Func<double[]?, double>[list.Length, metrics.Count];
        for (int m = 0; m < list.Length; m++)
        {
            Guard.NotNull(list[m].Detections, $"models[{m}].Detections");
            CheckImages(list[m].Detections.Select(d => d.ImageId), images, $"models[{m}] ({list[m].Name})");
            for (int k = 0; k < metrics.Count; k++)
                prepared[m, k] = Prepare(list[m].Detections, groundTruths, images, metrics[k]);
        }
        var info = metrics.Select(m => (m.Name, true)).ToArray();
        return ModelComparison.Evaluate(list.Select(m => m.Name).ToArray(), info, baseline, prepared, images, options);
    }

    /// <summary>The metric with image i counted <paramref name="weights"/>[i] times (null: once each); NaN where
    /// it is undefined (no ground truth, or no kept detection, in the drawn images).</summary>
    /// <exception cref="ArgumentException">As <see cref="Compare"/>.</exception>
    public static double Weighted(IReadOnlyList<DetectedBox> detections, IReadOnlyList<GroundTruthBox> groundTruths,
        int images, DetectionMetric metric, double[]? weights = null)
    {
        Guard.NotNull(detections, nameof(detections));
        Guard.NotNull(groundTruths, nameof(groundTruths));
        Guard.AtLeastOne(images, nameof(images));
        CheckImages(detections.Select(d => d.ImageId), images, nameof(detections));
        CheckImages(groundTruths.Select(g => g.ImageId), images, nameof(groundTruths));
        if (weights is not null && weights.Length != images)
            throw new ArgumentException($"weights must hold one weight per image ({images}); got {weights.Length}.", nameof(weights));
        return Prepare(detections, groundTruths, images, metric)(weights);
    }

    private static Func<double[]?, double> Prepare(IReadOnlyList<DetectedBox> detections,
        IReadOnlyList<GroundTruthBox> groundTruths, int images, DetectionMetric metric)
    {
        Guard.NotNull(metric, nameof(metric));
        Guard.NotEmpty(metric.ClassIds, nameof(metric) + ".ClassIds");
        Guard.NotEmpty(metric.IouThresholds, nameof(metric) + ".IouThresholds");
        var parts = new List<Func<double[]?, double>>();
        foreach (int c in metric.ClassIds)
        {
            var truthPerImage = new double[images];
            foreach (var g in groundTruths) if (g.ClassId == c) truthPerImage[g.ImageId]++;
            if (truthPerImage.Sum() == 0)
                throw new ArgumentException($"metric {metric.Name}: class {c} has no ground truth.", nameof(metric));
            foreach (double t in metric.IouThresholds)
            {
                if (!(t > 0 && t <= 1))
                    throw new ArgumentOutOfRangeException(nameof(metric), t, $"metric {metric.Name}: IoU thresholds must be in (0, 1].");
                var (order, hit, _) = Detection.MatchInScoreOrder(detections, groundTruths, t, c);
                var image = order.Select(i => detections[i].ImageId).ToArray();
                var score = order.Select(i => detections[i].Score).ToArray();
                parts.Add(metric.MinScore is double s
                    ? w => Precision(image, hit, score, s, w)
                    : w => AveragePrecision(image, hit, truthPerImage, w));
            }
        }
        return w =>
        {
            double sum = 0;
            foreach (var part in parts) sum += part(w);
            return sum / parts.Count;
        };
    }

    /// <summary>All-points AP of the weighted ranking — the arithmetic of <see cref="Detection.Summarise"/>, fused into
    /// two passes over one rented buffer because a bootstrap calls it thousands of times (the misses add
    /// (recall − previous recall) · envelope = 0 to the sum, so only hits are visited in the last pass).</summary>
    [MethodImpl(Jit.Hot)]
    private static double AveragePrecision(int[] image, bool[] hit, double[] truthPerImage, double[]? w)
    {
        double truth = 0;
        for (int i = 0; i < truthPerImage.Length; i++) truth += truthPerImage[i] * (w is null ? 1 : w[i]);
        if (truth == 0) return double.NaN;
        var envelope = ArrayPool<double>.Shared.Rent(image.Length);
        try
        {
            // Forward: the precision at every kept rank; ranks of weight 0 are not in the ranking at all.
            int n = 0;
            double tp = 0, all = 0;
            for (int r = 0; r < image.Length; r++)
            {
                double wi = w is null ? 1 : w[image[r]];
                if (wi == 0) continue;
                all += wi;
                if (hit[r]) tp += wi;
                envelope[n++] = tp / all;
            }
            // Backward: the best precision at this or any later rank.
            double running = 0;
            for (int i = n - 1; i >= 0; i--) { running = Math.Max(running, envelope[i]); envelope[i] = running; }
            // Forward again: recall steps up at the hits only.
            double ap = 0, previousRecall = 0;
            tp = 0;
            for (int r = 0, k = 0; r < image.Length; r++)
            {
                double wi = w is null ? 1 : w[image[r]];
                if (wi == 0) continue;
                if (hit[r])
                {
                    tp += wi;
                    double recall = tp / truth;
                    ap += (recall - previousRecall) * envelope[k];
                    previousRecall = recall;
                }
                k++;
            }
            return ap;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(envelope);
        }
    }

    private static double Precision(int[] image, bool[] hit, double[] score, double minScore, double[]? w)
    {
        double tp = 0, all = 0;
        for (int r = 0; r < image.Length && score[r] >= minScore; r++)
        {
            double wi = w is null ? 1 : w[image[r]];
            all += wi;
            if (hit[r]) tp += wi;
        }
        return all == 0 ? double.NaN : tp / all;
    }

    private static void CheckImages(IEnumerable<int> ids, int images, string name)
    {
        foreach (int id in ids)
            if (id < 0 || id >= images)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"{name} has image id {id}; expected ids in [0, {images})."), name);
    }
}
