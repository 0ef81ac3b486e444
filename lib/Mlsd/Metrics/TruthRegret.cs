namespace Mlsd.Metrics;

/// <summary>
/// How far a model's probabilities are from the true ones, when a simulation knows the truth. Measured on labels,
/// a model's log loss mixes its own error with the coin flips of who happened to click, and on a day of a few
/// hundred clicks the coin flips dominate; measured against the true probabilities the coin flips drop out, so
/// a slow trend (a model going stale) becomes visible day by day.
/// </summary>
/// <remarks>
/// For a row with true click probability p and prediction q, the expected log loss of q over the label's draw
/// is H(p) + KL(p ‖ q), and the truth's own is H(p): the model's expected excess loss is the Bernoulli
/// Kullback–Leibler divergence KL(p ‖ q) = p ln(p/q) + (1 − p) ln((1 − p)/(1 − q)) (Cover &amp; Thomas,
/// <i>Elements of Information Theory</i>, 2nd ed., 2006, §2.3). Divided by the entropy of the mean true
/// probability it is in the units of normalized cross-entropy: the expected NCE above the truth's.
/// </remarks>
public static class TruthRegret
{
    /// <summary>
    /// KL(pᵢ ‖ qᵢ) in nats for each row: the expected excess log loss of predicting qᵢ when the truth is pᵢ.
    /// Predictions are clipped to [1e-15, 1 − 1e-15], as log loss clips them.
    /// </summary>
    /// <param name="truth">True probabilities, in [0, 1].</param>
    /// <param name="predicted">Predicted probabilities, in [0, 1], one per row of <paramref name="truth"/>.</param>
    /// <example>truth 0.5, predicted 0.25: 0.5 ln 2 + 0.5 ln(2/3) = 0.5 ln(4/3) = 0.143841… nats.</example>
    /// <exception cref="ArgumentException">Empty input, lengths differ, or a value outside [0, 1].</exception>
    public static double[] BernoulliKullbackLeibler(IReadOnlyList<double> truth, IReadOnlyList<double> predicted)
    {
        Check(truth, predicted);
        var result = new double[truth.Count];
        for (int i = 0; i < result.Length; i++)
        {
            double p = truth[i], q = Math.Clamp(predicted[i], 1e-15, 1 - 1e-15);
            result[i] = XLogRatio(p, q) + XLogRatio(1 - p, 1 - q);
        }
        return result;
    }

    /// <summary>
    /// The expected normalized cross-entropy above the truth's: mean KL(pᵢ ‖ qᵢ) ÷ H(p̄), with p̄ the mean true
    /// probability and H(p̄) = −p̄ ln p̄ − (1 − p̄) ln(1 − p̄). Zero for a model that predicts the truth; free of the
    /// label noise that makes a day's measured NCE jump.
    /// </summary>
    /// <param name="truth">True probabilities, in [0, 1], not all 0 or all 1.</param>
    /// <param name="predicted">Predicted probabilities, one per row.</param>
    /// <example>truth [0.5], predicted [0.25]: 0.143841… / ln 2 = 0.207519…</example>
    /// <exception cref="ArgumentException">As <see cref="BernoulliKullbackLeibler"/>, or a mean truth of 0 or 1.</exception>
    public static double NormalizedRegret(IReadOnlyList<double> truth, IReadOnlyList<double> predicted)
    {
        var kl = BernoulliKullbackLeibler(truth, predicted);
        double rate = truth.Average();
        if (!(rate > 0 && rate < 1))
            throw new ArgumentException("truth must hold probabilities whose mean lies strictly between 0 and 1.", nameof(truth));
        return kl.Average() / (-rate * Math.Log(rate) - (1 - rate) * Math.Log(1 - rate));
    }

    private static double XLogRatio(double x, double y) => x == 0 ? 0 : x * Math.Log(x / y);

    private static void Check(IReadOnlyList<double> truth, IReadOnlyList<double> predicted)
    {
        Guard.NotEmpty(truth, nameof(truth));
        Guard.NotNull(predicted, nameof(predicted));
        if (predicted.Count != truth.Count)
            throw new ArgumentException($"predicted must have one value per row of truth ({truth.Count}); got {predicted.Count}.", nameof(predicted));
        for (int i = 0; i < truth.Count; i++)
        {
            if (!(truth[i] >= 0 && truth[i] <= 1)) throw new ArgumentException($"truth[{i}] = {truth[i]} must lie in [0, 1].", nameof(truth));
            if (!(predicted[i] >= 0 && predicted[i] <= 1)) throw new ArgumentException($"predicted[{i}] = {predicted[i]} must lie in [0, 1].", nameof(predicted));
        }
    }
}
