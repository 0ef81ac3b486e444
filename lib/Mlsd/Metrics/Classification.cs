using System.Globalization;
using System.Text;
using Mlsd.Formatting;

namespace Mlsd.Metrics;

/// <summary>
/// Metrics for binary classifiers that output a probability or a score: the probabilistic losses
/// (log loss, normalized cross-entropy), the threshold-free ranking quality of the scores (ROC-AUC,
/// PR-AUC and their curves), and the counts and rates at one decision threshold.
/// </summary>
/// <remarks>
/// Labels are <c>0</c> (negative) and <c>1</c> (positive); anything else is rejected. Scores may be any
/// real number (only their order matters) unless the metric needs a probability, in which case values
/// outside [0, 1] are rejected. NaN is rejected everywhere. At a threshold, an example is predicted
/// positive when its score is <b>at least</b> the threshold (the convention of scikit-learn's curves).
/// </remarks>
public static class Classification
{
    /// <summary>Probabilities are clipped to [<c>ProbabilityClip</c>, 1 − <c>ProbabilityClip</c>] in log loss so one confident mistake costs a large but finite amount.</summary>
    public const double ProbabilityClip = 1e-15;

    /// <summary>
    /// Log loss (binary cross-entropy), the mean negative log-likelihood of the labels under the
    /// predicted probabilities: −(1/n) Σ [yᵢ ln pᵢ + (1 − yᵢ) ln(1 − pᵢ)], in nats. Lower is better;
    /// it rewards calibrated probabilities, not just a good ordering.
    /// </summary>
    /// <param name="yTrue">Labels, 0 or 1.</param>
    /// <param name="yProb">Predicted probability of label 1, in [0, 1]; clipped to [1e-15, 1 − 1e-15].</param>
    /// <example>yTrue = [1, 0], yProb = [0.8, 0.4] → (−ln 0.8 − ln 0.6) / 2 = 0.366984…</example>
    /// <remarks>Reference: Bishop, <i>Pattern Recognition and Machine Learning</i> (2006), §4.3.2;
    /// scikit-learn <c>log_loss</c>.</remarks>
    /// <exception cref="ArgumentException">Lengths differ, input empty, labels not 0/1, or probabilities outside [0, 1].</exception>
    public static double LogLoss(IReadOnlyList<int> yTrue, IReadOnlyList<double> yProb)
    {
        CheckProbabilistic(yTrue, yProb);
        double sum = 0;
        for (int i = 0; i < yTrue.Count; i++) sum += PointLoss(yTrue[i], yProb[i]);
        return sum / yTrue.Count;
    }

    /// <summary>
    /// Normalized cross-entropy (NCE, "normalized entropy" in He et al.): the log loss divided by the
    /// entropy of the empirical positive rate p̄ of the labels being scored, H(p̄) = −p̄ ln p̄ − (1 − p̄) ln(1 − p̄),
    /// i.e. by the log loss of a model that always predicts p̄. Lower is better; below 1 means the model beats
    /// predicting the base rate. Dividing out the base rate makes values comparable between data
    /// sets and days with different click-through rates, which is why ad ranking reports it.
    /// </summary>
    /// <param name="yTrue">Labels, 0 or 1; both must occur (with one class the base-rate entropy is 0 and NCE is undefined).</param>
    /// <param name="yProb">Predicted probability of label 1, in [0, 1].</param>
    /// <example>yTrue = [1, 0], yProb = [0.8, 0.4]: log loss 0.366984…, H(0.5) = ln 2 = 0.693147…, NCE = 0.529447…</example>
    /// <remarks>He et al. normalise by the <i>training</i> set's click rate instead; that variant is
    /// <see cref="NormalizedCrossEntropy(IReadOnlyList{int}, IReadOnlyList{double}, double)"/>. The two agree when the
    /// evaluated labels have the training rate, and this one needs no outside number.
    /// Reference: He et al., "Practical Lessons from Predicting Clicks on Ads at Facebook", ADKDD 2014, §2.</remarks>
    /// <exception cref="ArgumentException">As <see cref="LogLoss"/>, or <paramref name="yTrue"/> holds a single class.</exception>
    public static double NormalizedCrossEntropy(IReadOnlyList<int> yTrue, IReadOnlyList<double> yProb)
    {
        CheckProbabilistic(yTrue, yProb);
        int positives = Guard.CountPositives(yTrue);
        RequireBothClasses(positives, yTrue.Count, "normalized cross-entropy");
        return LogLoss(yTrue, yProb) / BinaryEntropy((double)positives / yTrue.Count);
    }

    /// <summary>
    /// Normalized cross-entropy as He et al. define it: the log loss divided by the entropy of a fixed
    /// <paramref name="baseRate"/> — in the paper, the average click-through rate of the training data,
    /// H(p) = −p ln p − (1 − p) ln(1 − p). With one denominator for every evaluation set, a day's NCE moves only when
    /// the model's log loss moves, not when that day's click rate does; the labels may even hold a single class.
    /// </summary>
    /// <param name="yTrue">Labels, 0 or 1.</param>
    /// <param name="yProb">Predicted probability of label 1, in [0, 1].</param>
    /// <param name="baseRate">The background rate, strictly between 0 and 1 — usually the training labels' mean.</param>
    /// <example>yTrue = [1, 0], yProb = [0.8, 0.4], baseRate = 0.25: log loss 0.366984…,
    /// H(0.25) = 0.25 ln 4 + 0.75 ln(4/3) = 0.562335…, NCE = 0.652608…</example>
    /// <remarks>Reference: He et al., "Practical Lessons from Predicting Clicks on Ads at Facebook", ADKDD 2014, §2
    /// ("normalized by … the average empirical CTR of the training data set").</remarks>
    /// <exception cref="ArgumentException">As <see cref="LogLoss"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="baseRate"/> is not strictly between 0 and 1.</exception>
    public static double NormalizedCrossEntropy(IReadOnlyList<int> yTrue, IReadOnlyList<double> yProb, double baseRate)
    {
        if (!(baseRate > 0 && baseRate < 1))
            throw new ArgumentOutOfRangeException(nameof(baseRate), baseRate, "baseRate must be strictly between 0 and 1 (the training click rate).");
        return LogLoss(yTrue, yProb) / BinaryEntropy(baseRate);
    }

    /// <summary>H(p) = −p ln p − (1 − p) ln(1 − p), in nats.</summary>
    private static double BinaryEntropy(double p) => -p * Math.Log(p) - (1 - p) * Math.Log(1 - p);

    /// <summary>
    /// Area under the ROC curve: the probability that a randomly drawn positive scores higher than a
    /// randomly drawn negative, with a tie counted as one half (the Mann–Whitney U statistic divided by
    /// n₊·n₋). Computed from average ranks in O(n log n). Higher is better; 0.5 is chance. Depends only on
    /// the order of the scores, so it ignores calibration.
    /// </summary>
    /// <param name="yTrue">Labels, 0 or 1; both classes must occur (otherwise the AUC is undefined).</param>
    /// <param name="yScore">Scores, any real numbers (not NaN); higher means "more likely positive".</param>
    /// <example>yTrue = [0, 0, 1, 1], yScore = [0.1, 0.4, 0.35, 0.8]: of the 4 positive–negative pairs, 3 are
    /// ordered correctly → 0.75. With a tie, yTrue = [0, 1], yScore = [0.5, 0.5] → 0.5.</example>
    /// <remarks>Reference: Hanley &amp; McNeil, "The meaning and use of the area under a ROC curve",
    /// Radiology 143 (1982); Fawcett, "An introduction to ROC analysis", Pattern Recognition Letters 27 (2006).</remarks>
    /// <exception cref="ArgumentException">Lengths differ, input empty, labels not 0/1, NaN scores, or a single class.</exception>
    public static double RocAucScore(IReadOnlyList<int> yTrue, IReadOnlyList<double> yScore)
    {
        CheckScores(yTrue, yScore);
        int n = yTrue.Count;
        int positives = Guard.CountPositives(yTrue);
        RequireBothClasses(positives, n, "ROC-AUC");

        double[] scores = ToArray(yScore);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Array.Sort((double[])scores.Clone(), order);

        // Sum of the (1-based, tie-averaged) ranks of the positives.
        double positiveRankSum = 0;
        for (int start = 0; start < n;)
        {
            int end = start + 1;
            while (end < n && scores[order[end]] == scores[order[start]]) end++;
            double averageRank = (start + 1 + end) / 2.0; // mean of ranks start+1 … end
            int positivesInGroup = 0;
            for (int j = start; j < end; j++) positivesInGroup += yTrue[order[j]];
            positiveRankSum += positivesInGroup * averageRank;
            start = end;
        }
        double negatives = n - positives;
        double u = positiveRankSum - (double)positives * (positives + 1) / 2;
        return u / (positives * negatives);
    }

    /// <summary>
    /// Area under the precision–recall curve as average precision, the step-wise sum
    /// AP = Σₖ (Rₖ − Rₖ₋₁) · Pₖ over the distinct score thresholds in decreasing order (R₀ = 0), exactly
    /// as scikit-learn's <c>average_precision_score</c> (no interpolation, so it is not optimistic the way
    /// the trapezoidal rule is). Higher is better; a random ranking scores about the positive rate, which
    /// makes it the honest headline metric under heavy class imbalance.
    /// </summary>
    /// <param name="yTrue">Labels, 0 or 1; at least one positive (otherwise recall is undefined).</param>
    /// <param name="yScore">Scores, any real numbers (not NaN).</param>
    /// <example>yTrue = [0, 0, 1, 1], yScore = [0.1, 0.4, 0.35, 0.8]: thresholds 0.8 (P = 1, R = ½),
    /// 0.4 (P = ½, R = ½), 0.35 (P = ⅔, R = 1), 0.1 (P = ½, R = 1) → ½·1 + 0 + ½·⅔ + 0 = 0.833333…</example>
    /// <remarks>Reference: Manning, Raghavan &amp; Schütze, <i>Introduction to Information Retrieval</i> (2008), §8.4;
    /// Davis &amp; Goadrich, "The relationship between precision-recall and ROC curves", ICML 2006.</remarks>
    /// <exception cref="ArgumentException">Lengths differ, input empty, labels not 0/1, NaN scores, or no positive label.</exception>
    public static double PrAucScore(IReadOnlyList<int> yTrue, IReadOnlyList<double> yScore)
    {
        var curve = PrecisionRecallCurve(yTrue, yScore);
        double ap = 0;
        for (int i = 1; i < curve.Recall.Length; i++)
            ap += (curve.Recall[i] - curve.Recall[i - 1]) * curve.Precision[i];
        return ap;
    }

    /// <summary>
    /// The ROC curve: false-positive rate and true-positive rate at every distinct score used as a
    /// threshold (predict positive when score ≥ threshold), from the strictest to the loosest. The first
    /// point is (0, 0) with threshold +∞ and the last is (1, 1). Every distinct score gives a point (no
    /// collinear points are dropped, unlike scikit-learn's default <c>drop_intermediate=True</c>).
    /// </summary>
    /// <param name="yTrue">Labels, 0 or 1; both classes must occur.</param>
    /// <param name="yScore">Scores, any real numbers (not NaN).</param>
    /// <example>yTrue = [0, 0, 1, 1], yScore = [0.1, 0.4, 0.35, 0.8] → thresholds [+∞, 0.8, 0.4, 0.35, 0.1],
    /// FPR [0, 0, 0.5, 0.5, 1], TPR [0, 0.5, 0.5, 1, 1].</example>
    /// <remarks>Reference: Fawcett, "An introduction to ROC analysis", Pattern Recognition Letters 27 (2006), Algorithm 1.</remarks>
    /// <exception cref="ArgumentException">Lengths differ, input empty, labels not 0/1, NaN scores, or a single class.</exception>
    public static RocCurveResult RocCurve(IReadOnlyList<int> yTrue, IReadOnlyList<double> yScore)
    {
        CheckScores(yTrue, yScore);
        int positives = Guard.CountPositives(yTrue);
        RequireBothClasses(positives, yTrue.Count, "the ROC curve");
        var (tps, fps, thresholds) = CumulativeCounts(yTrue, yScore);
        int m = thresholds.Length;
        double negatives = yTrue.Count - positives;
        var fpr = new double[m + 1];
        var tpr = new double[m + 1];
        var th = new double[m + 1];
        th[0] = double.PositiveInfinity;
        for (int i = 0; i < m; i++)
        {
            fpr[i + 1] = fps[i] / negatives;
            tpr[i + 1] = tps[i] / (double)positives;
            th[i + 1] = thresholds[i];
        }
        return new RocCurveResult(fpr, tpr, th);
    }

    /// <summary>
    /// The precision–recall curve at every distinct score used as a threshold (predict positive when
    /// score ≥ threshold), from the strictest to the loosest. The first point is recall 0, precision 1 at
    /// threshold +∞ (scikit-learn appends the same point at the other end of its arrays); every distinct
    /// score then adds a point, including those past full recall.
    /// </summary>
    /// <param name="yTrue">Labels, 0 or 1; at least one positive.</param>
    /// <param name="yScore">Scores, any real numbers (not NaN).</param>
    /// <example>yTrue = [0, 0, 1, 1], yScore = [0.1, 0.4, 0.35, 0.8] → thresholds [+∞, 0.8, 0.4, 0.35, 0.1],
    /// precision [1, 1, 0.5, 0.666…, 0.5], recall [0, 0.5, 0.5, 1, 1].</example>
    /// <remarks>Reference: Davis &amp; Goadrich, "The relationship between precision-recall and ROC curves", ICML 2006.</remarks>
    /// <exception cref="ArgumentException">Lengths differ, input empty, labels not 0/1, NaN scores, or no positive label.</exception>
    public static PrecisionRecallCurveResult PrecisionRecallCurve(IReadOnlyList<int> yTrue, IReadOnlyList<double> yScore)
    {
        CheckScores(yTrue, yScore);
        int positives = Guard.CountPositives(yTrue);
        if (positives == 0)
            throw new ArgumentException(
                "yTrue must contain at least one positive label (1): precision–recall is undefined without positives.", nameof(yTrue));
        var (tps, fps, thresholds) = CumulativeCounts(yTrue, yScore);
        int m = thresholds.Length;
        var precision = new double[m + 1];
        var recall = new double[m + 1];
        var th = new double[m + 1];
        precision[0] = 1;
        th[0] = double.PositiveInfinity;
        for (int i = 0; i < m; i++)
        {
            precision[i + 1] = tps[i] / (double)(tps[i] + fps[i]);
            recall[i + 1] = tps[i] / (double)positives;
            th[i + 1] = thresholds[i];
        }
        return new PrecisionRecallCurveResult(precision, recall, th);
    }

    /// <summary>
    /// Counts of true/false positives/negatives when an example is predicted positive if its score is at
    /// least <paramref name="threshold"/>.
    /// </summary>
    /// <param name="yTrue">Labels, 0 or 1.</param>
    /// <param name="yScore">Scores or probabilities (not NaN).</param>
    /// <param name="threshold">Decision threshold (finite); default 0.5.</param>
    /// <example>yTrue = [1, 1, 0, 0, 1], yScore = [0.9, 0.4, 0.6, 0.2, 0.5] at 0.5 → TP = 2, FP = 1, TN = 1, FN = 1.</example>
    /// <remarks>Reference: Fawcett (2006), §2; Kohavi &amp; Provost, "Glossary of terms", Machine Learning 30 (1998).</remarks>
    /// <exception cref="ArgumentException">Lengths differ, input empty, labels not 0/1, NaN scores, or a non-finite threshold.</exception>
    public static BinaryConfusionMatrix ConfusionMatrix(IReadOnlyList<int> yTrue, IReadOnlyList<double> yScore, double threshold = 0.5)
    {
        CheckScores(yTrue, yScore);
        Guard.Finite(threshold, nameof(threshold));
        int tp = 0, fp = 0, tn = 0, fn = 0;
        for (int i = 0; i < yTrue.Count; i++)
        {
            bool predicted = yScore[i] >= threshold;
            if (yTrue[i] == 1) { if (predicted) tp++; else fn++; }
            else { if (predicted) fp++; else tn++; }
        }
        return new BinaryConfusionMatrix(tp, fp, tn, fn);
    }

    /// <summary>Counts of true/false positives/negatives from hard 0/1 predictions.</summary>
    /// <param name="yTrue">Labels, 0 or 1.</param>
    /// <param name="yPred">Predicted labels, 0 or 1.</param>
    /// <example>yTrue = [1, 1, 0, 0], yPred = [1, 0, 1, 0] → TP = 1, FP = 1, TN = 1, FN = 1.</example>
    /// <remarks>Reference: Fawcett (2006), §2.</remarks>
    /// <exception cref="ArgumentException">Lengths differ, input empty, or a label or prediction not 0/1.</exception>
    public static BinaryConfusionMatrix ConfusionMatrix(IReadOnlyList<int> yTrue, IReadOnlyList<int> yPred)
    {
        Guard.SameLength(yTrue, yPred, nameof(yTrue), nameof(yPred));
        Guard.NotEmpty(yTrue, nameof(yTrue));
        Guard.Labels01(yTrue, nameof(yTrue));
        Guard.Labels01(yPred, nameof(yPred));
        int tp = 0, fp = 0, tn = 0, fn = 0;
        for (int i = 0; i < yTrue.Count; i++)
        {
            if (yTrue[i] == 1) { if (yPred[i] == 1) tp++; else fn++; }
            else { if (yPred[i] == 1) fp++; else tn++; }
        }
        return new BinaryConfusionMatrix(tp, fp, tn, fn);
    }

    /// <summary>
    /// Precision at a threshold: TP / (TP + FP), the share of predicted positives that are positive.
    /// Defined as 0 when nothing is predicted positive (scikit-learn's <c>zero_division</c> default).
    /// </summary>
    /// <param name="yTrue">Labels, 0 or 1.</param>
    /// <param name="yScore">Scores or probabilities (not NaN).</param>
    /// <param name="threshold">Predict positive when score ≥ threshold; default 0.5.</param>
    /// <example>yTrue = [1, 1, 0, 0, 1], yScore = [0.9, 0.4, 0.6, 0.2, 0.5] at 0.5 → 2 / 3 = 0.666…</example>
    /// <remarks>Reference: Manning, Raghavan &amp; Schütze (2008), §8.3.</remarks>
    /// <exception cref="ArgumentException">As <see cref="ConfusionMatrix(IReadOnlyList{int}, IReadOnlyList{double}, double)"/>.</exception>
    public static double PrecisionScore(IReadOnlyList<int> yTrue, IReadOnlyList<double> yScore, double threshold = 0.5)
        => ConfusionMatrix(yTrue, yScore, threshold).Precision;

    /// <summary>
    /// Recall (true-positive rate) at a threshold: TP / (TP + FN), the share of positives that are found.
    /// Defined as 0 when there are no positives.
    /// </summary>
    /// <param name="yTrue">Labels, 0 or 1.</param>
    /// <param name="yScore">Scores or probabilities (not NaN).</param>
    /// <param name="threshold">Predict positive when score ≥ threshold; default 0.5.</param>
    /// <example>yTrue = [1, 1, 0, 0, 1], yScore = [0.9, 0.4, 0.6, 0.2, 0.5] at 0.5 → 2 / 3 = 0.666…</example>
    /// <remarks>Reference: Manning, Raghavan &amp; Schütze (2008), §8.3.</remarks>
    /// <exception cref="ArgumentException">As <see cref="ConfusionMatrix(IReadOnlyList{int}, IReadOnlyList{double}, double)"/>.</exception>
    public static double RecallScore(IReadOnlyList<int> yTrue, IReadOnlyList<double> yScore, double threshold = 0.5)
        => ConfusionMatrix(yTrue, yScore, threshold).Recall;

    /// <summary>
    /// F1 at a threshold: the harmonic mean of precision and recall, 2·TP / (2·TP + FP + FN).
    /// Defined as 0 when TP + FP + FN = 0.
    /// </summary>
    /// <param name="yTrue">Labels, 0 or 1.</param>
    /// <param name="yScore">Scores or probabilities (not NaN).</param>
    /// <param name="threshold">Predict positive when score ≥ threshold; default 0.5.</param>
    /// <example>yTrue = [1, 0, 1, 0], yScore = [0.9, 0.8, 0.3, 0.1] at 0.5: TP = 1, FP = 1, FN = 1 → 2 / 4 = 0.5.</example>
    /// <remarks>Reference: van Rijsbergen, <i>Information Retrieval</i> (1979), ch. 7; Manning et al. (2008), §8.3.</remarks>
    /// <exception cref="ArgumentException">As <see cref="ConfusionMatrix(IReadOnlyList{int}, IReadOnlyList{double}, double)"/>.</exception>
    public static double F1Score(IReadOnlyList<int> yTrue, IReadOnlyList<double> yScore, double threshold = 0.5)
        => ConfusionMatrix(yTrue, yScore, threshold).F1;

    // ---- helpers -------------------------------------------------------------------------------

    private static double PointLoss(int y, double p)
    {
        p = Math.Clamp(p, ProbabilityClip, 1 - ProbabilityClip);
        return y == 1 ? -Math.Log(p) : -Math.Log(1 - p);
    }

    internal static void CheckProbabilistic(IReadOnlyList<int> yTrue, IReadOnlyList<double> yProb)
    {
        Guard.SameLength(yTrue, yProb, nameof(yTrue), nameof(yProb));
        Guard.NotEmpty(yTrue, nameof(yTrue));
        Guard.Labels01(yTrue, nameof(yTrue));
        Guard.Probabilities(yProb, nameof(yProb));
    }

    private static void CheckScores(IReadOnlyList<int> yTrue, IReadOnlyList<double> yScore)
    {
        Guard.SameLength(yTrue, yScore, nameof(yTrue), nameof(yScore));
        Guard.NotEmpty(yTrue, nameof(yTrue));
        Guard.Labels01(yTrue, nameof(yTrue));
        Guard.NotNaN(yScore, nameof(yScore));
    }

    private static void RequireBothClasses(int positives, int n, string what)
    {
        if (positives == 0 || positives == n)
            throw new ArgumentException(
                $"yTrue must contain both classes (0 and 1) for {what} to be defined; it holds only {(positives == 0 ? "0" : "1")}s ({n} labels).",
                "yTrue");
    }

    private static double[] ToArray(IReadOnlyList<double> values)
    {
        if (values is double[] array) return array;
        var copy = new double[values.Count];
        for (int i = 0; i < copy.Length; i++) copy[i] = values[i];
        return copy;
    }

    /// <summary>Cumulative TP/FP counts at each distinct score, scores in decreasing order.</summary>
    private static (int[] Tps, int[] Fps, double[] Thresholds) CumulativeCounts(IReadOnlyList<int> yTrue, IReadOnlyList<double> yScore)
    {
        int n = yTrue.Count;
        var keys = new double[n];
        var order = new int[n];
        for (int i = 0; i < n; i++) { keys[i] = -yScore[i]; order[i] = i; }
        Array.Sort(keys, order); // ascending −score = descending score

        var tps = new List<int>();
        var fps = new List<int>();
        var thresholds = new List<double>();
        int tp = 0, fp = 0;
        for (int i = 0; i < n; i++)
        {
            if (yTrue[order[i]] == 1) tp++; else fp++;
            if (i == n - 1 || keys[i + 1] != keys[i])
            {
                tps.Add(tp);
                fps.Add(fp);
                thresholds.Add(-keys[i]);
            }
        }
        return (tps.ToArray(), fps.ToArray(), thresholds.ToArray());
    }
}

/// <summary>
/// A ROC curve as parallel arrays, ordered from the strictest threshold (+∞, the point (0, 0)) to the
/// loosest (the point (1, 1)); ready to hand to a line chart.
/// </summary>
/// <param name="FalsePositiveRate">FP / negatives at each threshold.</param>
/// <param name="TruePositiveRate">TP / positives at each threshold.</param>
/// <param name="Thresholds">The score threshold of each point (predict positive when score ≥ threshold).</param>
public sealed record RocCurveResult(double[] FalsePositiveRate, double[] TruePositiveRate, double[] Thresholds)
{
    /// <summary>Area under this curve by the trapezoidal rule (equals <see cref="Classification.RocAucScore"/>).</summary>
    public double Area
    {
        get
        {
            double area = 0;
            for (int i = 1; i < FalsePositiveRate.Length; i++)
                area += (FalsePositiveRate[i] - FalsePositiveRate[i - 1]) * (TruePositiveRate[i] + TruePositiveRate[i - 1]) / 2;
            return area;
        }
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"ROC curve: {FalsePositiveRate.Length} points, AUC = {Area:0.0000}");
}

/// <summary>
/// A precision–recall curve as parallel arrays, ordered from the strictest threshold (+∞: recall 0,
/// precision 1) to the loosest.
/// </summary>
/// <param name="Precision">TP / (TP + FP) at each threshold.</param>
/// <param name="Recall">TP / positives at each threshold.</param>
/// <param name="Thresholds">The score threshold of each point (predict positive when score ≥ threshold).</param>
public sealed record PrecisionRecallCurveResult(double[] Precision, double[] Recall, double[] Thresholds)
{
    /// <summary>Average precision: the step-wise area Σ (Rₖ − Rₖ₋₁) Pₖ (equals <see cref="Classification.PrAucScore"/>).</summary>
    public double AveragePrecision
    {
        get
        {
            double ap = 0;
            for (int i = 1; i < Recall.Length; i++) ap += (Recall[i] - Recall[i - 1]) * Precision[i];
            return ap;
        }
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"Precision–recall curve: {Recall.Length} points, AP = {AveragePrecision:0.0000}");
}

/// <summary>
/// The four counts of a binary confusion matrix and the rates derived from them. Rates whose
/// denominator is zero are reported as 0 (scikit-learn's <c>zero_division</c> default).
/// </summary>
/// <param name="TruePositives">Positives predicted positive.</param>
/// <param name="FalsePositives">Negatives predicted positive.</param>
/// <param name="TrueNegatives">Negatives predicted negative.</param>
/// <param name="FalseNegatives">Positives predicted negative.</param>
[TypeFormatterSource(typeof(HtmlRenderableFormatterSource))]
public sealed record BinaryConfusionMatrix(int TruePositives, int FalsePositives, int TrueNegatives, int FalseNegatives) : IHtmlRenderable
{
    /// <summary>Number of examples.</summary>
    public int Total => TruePositives + FalsePositives + TrueNegatives + FalseNegatives;

    /// <summary>TP / (TP + FP); 0 when nothing is predicted positive.</summary>
    public double Precision => Ratio(TruePositives, TruePositives + FalsePositives);

    /// <summary>TP / (TP + FN), the true-positive rate; 0 when there are no positives.</summary>
    public double Recall => Ratio(TruePositives, TruePositives + FalseNegatives);

    /// <summary>FP / (FP + TN); 0 when there are no negatives.</summary>
    public double FalsePositiveRate => Ratio(FalsePositives, FalsePositives + TrueNegatives);

    /// <summary>(TP + TN) / total.</summary>
    public double Accuracy => Ratio(TruePositives + TrueNegatives, Total);

    /// <summary>2·TP / (2·TP + FP + FN), the harmonic mean of precision and recall; 0 when undefined.</summary>
    public double F1 => Ratio(2 * TruePositives, 2 * TruePositives + FalsePositives + FalseNegatives);

    private static double Ratio(int numerator, int denominator) => denominator == 0 ? 0 : (double)numerator / denominator;

    /// <summary>A 2 × 2 HTML table (rows = actual, columns = predicted; correct cells tinted) and the main rates.</summary>
    public string ToHtml()
    {
        const string cell = "<td style=\"padding:4px 14px;text-align:right;font-variant-numeric:tabular-nums;border:1px solid rgba(128,128,128,.35)";
        const string good = ";background:rgba(46,160,67,.15)\">", bad = ";background:rgba(207,34,46,.10)\">";
        const string head = "<th style=\"padding:4px 10px;text-align:right\">";
        var sb = new StringBuilder();
        sb.Append("<div style=\"font-family:system-ui,sans-serif;font-size:13px\"><table style=\"border-collapse:collapse\">")
          .Append("<tr><th></th>").Append(head).Append("predicted 1</th>").Append(head).Append("predicted 0</th></tr>")
          .Append("<tr>").Append(head).Append("actual 1</th>")
          .Append(cell).Append(good).Append(TruePositives.ToString(CultureInfo.InvariantCulture)).Append("</td>")
          .Append(cell).Append(bad).Append(FalseNegatives.ToString(CultureInfo.InvariantCulture)).Append("</td></tr>")
          .Append("<tr>").Append(head).Append("actual 0</th>")
          .Append(cell).Append(bad).Append(FalsePositives.ToString(CultureInfo.InvariantCulture)).Append("</td>")
          .Append(cell).Append(good).Append(TrueNegatives.ToString(CultureInfo.InvariantCulture)).Append("</td></tr></table>")
          .Append(CultureInfo.InvariantCulture, $"<div>precision {Precision:0.000} · recall {Recall:0.000} · F1 {F1:0.000} · accuracy {Accuracy:0.000}</div></div>");
        return sb.ToString();
    }

    /// <summary>A small text table (rows = actual, columns = predicted) followed by the main rates.</summary>
    public override string ToString()
    {
        int w = Math.Max(8, Math.Max(Math.Max(TruePositives, FalsePositives), Math.Max(TrueNegatives, FalseNegatives))
            .ToString(CultureInfo.InvariantCulture).Length + 2);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{"",-12}{"pred 1".PadLeft(w)}{"pred 0".PadLeft(w)}\n");
        sb.Append(CultureInfo.InvariantCulture, $"{"actual 1",-12}{TruePositives.ToString(CultureInfo.InvariantCulture).PadLeft(w)}{FalseNegatives.ToString(CultureInfo.InvariantCulture).PadLeft(w)}\n");
        sb.Append(CultureInfo.InvariantCulture, $"{"actual 0",-12}{FalsePositives.ToString(CultureInfo.InvariantCulture).PadLeft(w)}{TrueNegatives.ToString(CultureInfo.InvariantCulture).PadLeft(w)}\n");
        sb.Append(CultureInfo.InvariantCulture,
            $"TP={TruePositives} FP={FalsePositives} TN={TrueNegatives} FN={FalseNegatives}; precision {Precision:0.000}, recall {Recall:0.000}, F1 {F1:0.000}, accuracy {Accuracy:0.000}");
        return sb.ToString();
    }
}
