using System.Globalization;

namespace Mlsd.Metrics;

/// <summary>A metric difference between two models on the same test rows, with its bootstrap confidence interval.</summary>
/// <param name="Metric">What was compared ("log loss").</param>
/// <param name="Difference">metric(A) − metric(B) on all test rows.</param>
/// <param name="Lower">Lower end of the interval.</param>
/// <param name="Upper">Upper end of the interval.</param>
/// <param name="Confidence">The interval's level, e.g. 0.95.</param>
public sealed record PairedDifference(string Metric, double Difference, double Lower, double Upper, double Confidence)
{
    /// <summary>True when the interval excludes 0: the data separate the two models on this metric.</summary>
    public bool IsSignificant => Lower > 0 || Upper < 0;

    /// <summary>Reads as <c>log loss −0.0123 (95 % CI −0.0150 to −0.0097)</c>, or "… : a tie" when the interval holds 0.</summary>
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        string text = string.Format(c, "{0} {1:+0.0000;-0.0000} ({2:0} % CI {3:+0.0000;-0.0000} to {4:+0.0000;-0.0000})",
            Metric, Difference, Confidence * 100, Lower, Upper);
        return IsSignificant ? text : text + ": a tie";
    }
}

/// <summary>
/// The paired bootstrap (Efron &amp; Tibshirani, <i>An Introduction to the Bootstrap</i>, 1993, ch. 13; Koehn, EMNLP
/// 2004, for comparing two systems on one test set): resample the test rows with replacement, compute both models'
/// metric on the same resample, and read the interval of the difference off the percentiles. Pairing matters: the two
/// models see the same hard and easy rows, so the interval of their difference is much narrower than two separate
/// intervals suggest.
/// </summary>
public static class Bootstrap
{
    /// <summary>
    /// metric(yTrue, predictionsA) − metric(yTrue, predictionsB), with a percentile interval over
    /// <paramref name="resamples"/> resamples of the rows (deterministic given <paramref name="seed"/>).
    /// </summary>
    /// <example>If B's predictions equal A's on every row, every resample gives 0: Difference = Lower = Upper = 0.</example>
    public static PairedDifference PairedDifference(string metric, IReadOnlyList<int> yTrue, IReadOnlyList<double> predictionsA,
        IReadOnlyList<double> predictionsB, Func<IReadOnlyList<int>, IReadOnlyList<double>, double> score,
        int resamples = 1000, double confidence = 0.95, int seed = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(metric);
        Guard.SameLength(yTrue, predictionsA, nameof(yTrue), nameof(predictionsA));
        Guard.SameLength(yTrue, predictionsB, nameof(yTrue), nameof(predictionsB));
        ArgumentNullException.ThrowIfNull(score);
        if (yTrue.Count == 0) throw new ArgumentException("yTrue must contain at least one row.", nameof(yTrue));
        if (resamples < 10) throw new ArgumentOutOfRangeException(nameof(resamples), $"resamples must be at least 10 (got {resamples}).");
        if (!(confidence > 0 && confidence < 1)) throw new ArgumentOutOfRangeException(nameof(confidence), $"confidence must be in (0, 1) (got {confidence}).");
        int n = yTrue.Count;
        var random = new Random(seed);
        var y = new int[n];
        var a = new double[n];
        var b = new double[n];
        var differences = new double[resamples];
        for (int r = 0; r < resamples; r++)
        {
            for (int i = 0; i < n; i++)
            {
                int k = random.Next(n);
                y[i] = yTrue[k];
                a[i] = predictionsA[k];
                b[i] = predictionsB[k];
            }
            differences[r] = score(y, a) - score(y, b);
        }
        Array.Sort(differences);
        double tail = (1 - confidence) / 2;
        return new PairedDifference(metric, score(yTrue, predictionsA) - score(yTrue, predictionsB),
            Percentile(differences, tail), Percentile(differences, 1 - tail), confidence);
    }

    /// <summary>
    /// Log loss of model A minus log loss of model B on the same rows, with its paired-bootstrap interval. Log loss is a
    /// mean of per-row losses, so a resample's difference is the mean of the resampled per-row differences: the same
    /// interval as <see cref="PairedDifference"/> with <see cref="Classification.LogLoss"/>, hundreds of times faster.
    /// </summary>
    /// <example>yTrue = [1, 0], A = [0.8, 0.2], B = [0.5, 0.5]: per-row differences −ln 0.8 + ln 0.5 = −0.470 each, so the
    /// difference and every resample give −0.470.</example>
    public static PairedDifference LogLossDifference(IReadOnlyList<int> yTrue, IReadOnlyList<double> predictionsA,
        IReadOnlyList<double> predictionsB, int resamples = 1000, double confidence = 0.95, int seed = 1)
    {
        Guard.SameLength(yTrue, predictionsA, nameof(yTrue), nameof(predictionsA));
        Guard.SameLength(yTrue, predictionsB, nameof(yTrue), nameof(predictionsB));
        var perRow = new double[yTrue.Count];
        for (int i = 0; i < perRow.Length; i++)
        {
            if (yTrue[i] is not (0 or 1)) throw new ArgumentException($"yTrue must hold 0/1 labels (found {yTrue[i]} at index {i}).", nameof(yTrue));
            perRow[i] = RowLogLoss(yTrue[i], predictionsA[i]) - RowLogLoss(yTrue[i], predictionsB[i]);
        }
        return MeanDifference("log loss", perRow, resamples, confidence, seed);
    }

    /// <summary>The mean of per-row differences between two models, with a bootstrap interval over rows.</summary>
    public static PairedDifference MeanDifference(string metric, IReadOnlyList<double> perRowDifferences, int resamples = 1000,
        double confidence = 0.95, int seed = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(metric);
        ArgumentNullException.ThrowIfNull(perRowDifferences);
        int n = perRowDifferences.Count;
        if (n == 0) throw new ArgumentException("perRowDifferences must contain at least one row.", nameof(perRowDifferences));
        if (resamples < 10) throw new ArgumentOutOfRangeException(nameof(resamples), $"resamples must be at least 10 (got {resamples}).");
        if (!(confidence > 0 && confidence < 1)) throw new ArgumentOutOfRangeException(nameof(confidence), $"confidence must be in (0, 1) (got {confidence}).");
        var random = new Random(seed);
        var means = new double[resamples];
        for (int r = 0; r < resamples; r++)
        {
            double sum = 0;
            for (int i = 0; i < n; i++) sum += perRowDifferences[random.Next(n)];
            means[r] = sum / n;
        }
        Array.Sort(means);
        double tail = (1 - confidence) / 2;
        return new PairedDifference(metric, perRowDifferences.Average(), Percentile(means, tail), Percentile(means, 1 - tail), confidence);
    }

    /// <summary>One row's log loss, with p clipped to [1e-15, 1 − 1e-15] as <see cref="Classification.LogLoss"/> does.</summary>
    private static double RowLogLoss(int y, double p)
    {
        p = Math.Clamp(p, 1e-15, 1 - 1e-15);
        return y == 1 ? -Math.Log(p) : -Math.Log(1 - p);
    }

    /// <summary>The q-quantile of sorted values, interpolating linearly between order statistics.</summary>
    private static double Percentile(double[] sorted, double q)
    {
        double position = q * (sorted.Length - 1);
        int low = (int)Math.Floor(position);
        int high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }
}
