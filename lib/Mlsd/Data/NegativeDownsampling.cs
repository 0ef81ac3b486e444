using System.Globalization;

namespace Mlsd.Data;

/// <summary>
/// Negative downsampling for rare-positive problems (clicks, registrations, reactions): keep every positive and
/// each negative with probability w, then map the model's probabilities back to the original base rate.
/// </summary>
/// <remarks>
/// He et al., "Practical Lessons from Predicting Clicks on Ads at Facebook" (ADKDD 2014), §5.2: training on a
/// sample with negative rate w inflates the odds by 1/w, so a prediction p on the sample corresponds to
/// q = p / (p + (1 − p) / w) on the full traffic.
/// </remarks>
public static class NegativeDownsampling
{
    /// <summary>
    /// Indices (ascending) of the rows to keep: every row with label 1, and each row with label 0 independently
    /// with probability <paramref name="negativeRate"/> (w), drawn with <paramref name="seed"/>.
    /// </summary>
    public static int[] Sample(IReadOnlyList<int> labels, double negativeRate, int seed)
    {
        ArgumentNullException.ThrowIfNull(labels);
        CheckRate(negativeRate);
        var sampler = new Sampler(seed);
        var kept = new List<int>();
        for (int i = 0; i < labels.Count; i++)
        {
            int y = labels[i];
            if (y == 1) kept.Add(i);
            else if (y == 0) { if (sampler.Uniform() < negativeRate) kept.Add(i); }
            else throw new ArgumentException($"labels must be 0 or 1 (found {y} at index {i}).", nameof(labels));
        }
        return kept.ToArray();
    }

    /// <summary>
    /// Recalibration: q = p / (p + (1 − p) / w) turns a probability <paramref name="p"/> predicted by a model
    /// trained on the downsampled data back into a probability on the original data.
    /// </summary>
    /// <example>p = 0.5, w = 0.1 → q = 0.5 / (0.5 + 5) = 1/11 ≈ 0.0909.</example>
    public static double Recalibrate(double p, double negativeRate)
    {
        CheckRate(negativeRate);
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "p must be a probability in [0, 1].");
        return p == 0 ? 0 : p / (p + (1 - p) / negativeRate);
    }

    /// <summary>Applies <see cref="Recalibrate(double, double)"/> to every probability.</summary>
    public static double[] Recalibrate(IReadOnlyList<double> p, double negativeRate)
    {
        ArgumentNullException.ThrowIfNull(p);
        var q = new double[p.Count];
        for (int i = 0; i < q.Length; i++) q[i] = Recalibrate(p[i], negativeRate);
        return q;
    }

    /// <summary>
    /// The alternative to recalibration: importance weights for the kept rows, 1 for positives and 1/w for negatives,
    /// so a weighted loss on the sample estimates the loss on the full data.
    /// </summary>
    public static double[] ImportanceWeights(IReadOnlyList<int> keptLabels, double negativeRate)
    {
        ArgumentNullException.ThrowIfNull(keptLabels);
        CheckRate(negativeRate);
        var w = new double[keptLabels.Count];
        for (int i = 0; i < w.Length; i++) w[i] = keptLabels[i] == 1 ? 1.0 : 1.0 / negativeRate;
        return w;
    }

    private static void CheckRate(double negativeRate)
    {
        if (!(negativeRate > 0 && negativeRate <= 1))
            throw new ArgumentOutOfRangeException(nameof(negativeRate), negativeRate,
                string.Create(CultureInfo.InvariantCulture, $"negativeRate (w) must be in (0, 1]."));
    }
}
