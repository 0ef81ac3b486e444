namespace Mlsd.Metrics;

/// <summary>
/// Metrics of one operating point of a scorer: the threshold a fraud team actually runs, chosen by how many genuine
/// customers it may bother. PR-AUC ranks scorers over all thresholds; these say what one threshold catches.
/// </summary>
public static class OperatingPoints
{
    /// <summary>
    /// Recall at a fixed false-positive rate: walk the distinct scores from the highest down (tied scores enter
    /// together), keep flagging while the share of negatives flagged stays ≤ <paramref name="maxFalsePositiveRate"/>,
    /// and return the share of the positives' value caught. With <paramref name="values"/> (e.g. amounts) it is the
    /// share of fraud <i>money</i> caught; without, the share of fraud cases.
    /// </summary>
    /// <remarks>
    /// Worked example: yTrue = [1, 0, 1, 0, 1], yScore = [0.9, 0.8, 0.7, 0.6, 0.5], max FPR 0.5 (1 of 2 negatives):
    /// flag 0.9, 0.8 (FPR ½), 0.7; 0.6 would make the FPR 1, so stop → recall 2/3 at threshold 0.7. With values
    /// [100, 0, 50, 0, 850] the value recall is 150 / 1,000 = 0.15. Reference: the partial ROC curve, D. K. McClish,
    /// "Analyzing a portion of the ROC curve", Medical Decision Making 9(3), 1989,
    /// <see href="https://doi.org/10.1177/0272989X8900900307">doi:10.1177/0272989X8900900307</see>.
    /// </remarks>
    /// <param name="yTrue">Labels 0/1, with at least one positive and one negative.</param>
    /// <param name="yScore">Scores (higher = more likely positive), not NaN.</param>
    /// <param name="maxFalsePositiveRate">Largest share of negatives that may be flagged, in [0, 1].</param>
    /// <param name="values">Optional non-negative value of each row (only positives' values count); null for 1 each.</param>
    /// <param name="counts">Optional multiplicity of each row (bootstrap draw counts); null for 1 each.</param>
    /// <exception cref="ArgumentException">Lengths differ, labels not 0/1, NaN scores, no positive value or no
    /// negative, negative values or counts, or a rate outside [0, 1].</exception>
    public static double RecallAtFalsePositiveRate(IReadOnlyList<int> yTrue, IReadOnlyList<double> yScore,
        double maxFalsePositiveRate, IReadOnlyList<double>? values = null, IReadOnlyList<int>? counts = null) =>
        Walk(yTrue, yScore, maxFalsePositiveRate, values, counts).Recall;

    /// <summary>The lowest score threshold (flag when score ≥ threshold) whose false-positive rate stays ≤
    /// <paramref name="maxFalsePositiveRate"/>, as in <see cref="RecallAtFalsePositiveRate"/>; +∞ when even the
    /// highest score would flag too many negatives. Worked example above: 0.7.</summary>
    /// <exception cref="ArgumentException">As <see cref="RecallAtFalsePositiveRate"/>.</exception>
    public static double ThresholdAtFalsePositiveRate(IReadOnlyList<int> yTrue, IReadOnlyList<double> yScore,
        double maxFalsePositiveRate) => Walk(yTrue, yScore, maxFalsePositiveRate, null, null).Threshold;

    private static (double Recall, double Threshold) Walk(IReadOnlyList<int> yTrue, IReadOnlyList<double> yScore,
        double maxFpr, IReadOnlyList<double>? values, IReadOnlyList<int>? counts) =>
        new RankedScores(yTrue, yScore).Walk(maxFpr, values, counts);
}

/// <summary>
/// Labels and scores sorted once, for computing <see cref="OperatingPoints"/> many times on the same rows — as a
/// bootstrap does, with a different <c>counts</c> array per resample — in linear time per call.
/// </summary>
public sealed class RankedScores
{
    private readonly IReadOnlyList<int> _y;
    private readonly IReadOnlyList<double> _s;
    private readonly int[] _order;
    private IReadOnlyList<double>? _checkedValues;

    /// <summary>Sorts the rows by score, highest first.</summary>
    /// <exception cref="ArgumentException">Lengths differ, labels not 0/1, or NaN scores.</exception>
    public RankedScores(IReadOnlyList<int> yTrue, IReadOnlyList<double> yScore)
    {
        Guard.NotNull(yTrue, nameof(yTrue));
        Guard.NotNull(yScore, nameof(yScore));
        Guard.SameLength(yTrue, yScore, nameof(yTrue), nameof(yScore));
        Guard.Labels01(yTrue, nameof(yTrue));
        Guard.NotNaN(yScore, nameof(yScore));
        (_y, _s) = (yTrue, yScore);
        _order = Enumerable.Range(0, yTrue.Count).OrderByDescending(i => yScore[i]).ToArray();
    }

    /// <summary>As <see cref="OperatingPoints.RecallAtFalsePositiveRate"/> on these rows.</summary>
    public double RecallAtFalsePositiveRate(double maxFalsePositiveRate, IReadOnlyList<double>? values = null,
        IReadOnlyList<int>? counts = null) => Walk(maxFalsePositiveRate, values, counts).Recall;

    /// <summary>As <see cref="OperatingPoints.ThresholdAtFalsePositiveRate"/> on these rows.</summary>
    public double ThresholdAtFalsePositiveRate(double maxFalsePositiveRate) => Walk(maxFalsePositiveRate, null, null).Threshold;

    internal (double Recall, double Threshold) Walk(double maxFpr, IReadOnlyList<double>? values, IReadOnlyList<int>? counts)
    {
        if (!(maxFpr >= 0 && maxFpr <= 1))
            throw new ArgumentOutOfRangeException("maxFalsePositiveRate", maxFpr, "maxFalsePositiveRate must be in [0, 1].");
        int n = _y.Count;
        if (values is not null && !ReferenceEquals(values, _checkedValues))     // a bootstrap passes the same values each time
        {
            Guard.SameLength(_y, values, "yTrue", nameof(values));
            if (values.Any(v => !(v >= 0) || double.IsInfinity(v)))
                throw new ArgumentException("values must be finite and non-negative.", nameof(values));
            _checkedValues = values;
        }
        if (counts is not null)
        {
            Guard.SameLength(_y, counts, "yTrue", nameof(counts));
            if (counts.Any(c => c < 0)) throw new ArgumentException("counts must be non-negative.", nameof(counts));
        }
        double negatives = 0, positiveValue = 0;
        for (int i = 0; i < n; i++)
        {
            int c = counts?[i] ?? 1;
            if (_y[i] == 1) positiveValue += c * (values?[i] ?? 1);
            else negatives += c;
        }
        if (negatives == 0) throw new ArgumentException("yTrue must hold at least one negative.", "yTrue");
        if (positiveValue == 0) throw new ArgumentException("yTrue must hold at least one positive with a value.", "yTrue");
        double falsePositives = 0, caught = 0, threshold = double.PositiveInfinity;
        for (int start = 0; start < n;)
        {
            int end = start;
            double fp = 0, tp = 0;
            while (end < n && _s[_order[end]] == _s[_order[start]])
            {
                int i = _order[end++], c = counts?[i] ?? 1;
                if (_y[i] == 1) tp += c * (values?[i] ?? 1);
                else fp += c;
            }
            if ((falsePositives + fp) / negatives > maxFpr) break;
            falsePositives += fp;
            caught += tp;
            threshold = _s[_order[start]];
            start = end;
        }
        return (caught / positiveValue, threshold);
    }
}
