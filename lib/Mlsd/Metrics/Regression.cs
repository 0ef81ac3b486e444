namespace Mlsd.Metrics;

/// <summary>
/// Metrics for real-valued predictions (watch time, delivery time, price). All are lower-is-better
/// errors except <see cref="R2Score"/>.
/// </summary>
public static class Regression
{
    /// <summary>
    /// Mean squared error, (1/n) Σ (yᵢ − ŷᵢ)². Penalises large misses quadratically; its minimiser is the
    /// conditional mean.
    /// </summary>
    /// <param name="yTrue">Observed values (finite).</param>
    /// <param name="yPred">Predicted values (finite), same length.</param>
    /// <example>yTrue = [3, −0.5, 2, 7], yPred = [2.5, 0, 2, 8] → (0.25 + 0.25 + 0 + 1) / 4 = 0.375 (the example in scikit-learn's documentation).</example>
    /// <remarks>Reference: Hastie, Tibshirani &amp; Friedman, <i>The Elements of Statistical Learning</i> (2009), §2.4.</remarks>
    /// <exception cref="ArgumentException">Lengths differ, input empty, or a non-finite value.</exception>
    public static double MeanSquaredError(IReadOnlyList<double> yTrue, IReadOnlyList<double> yPred)
    {
        Check(yTrue, yPred);
        double sum = 0;
        for (int i = 0; i < yTrue.Count; i++)
        {
            double e = yTrue[i] - yPred[i];
            sum += e * e;
        }
        return sum / yTrue.Count;
    }

    /// <summary>Root mean squared error, √MSE, in the units of the target.</summary>
    /// <param name="yTrue">Observed values (finite).</param>
    /// <param name="yPred">Predicted values (finite), same length.</param>
    /// <example>yTrue = [3, −0.5, 2, 7], yPred = [2.5, 0, 2, 8] → √0.375 = 0.612372…</example>
    /// <remarks>Reference: Hastie et al. (2009), §2.4.</remarks>
    /// <exception cref="ArgumentException">Lengths differ, input empty, or a non-finite value.</exception>
    public static double RootMeanSquaredError(IReadOnlyList<double> yTrue, IReadOnlyList<double> yPred)
        => Math.Sqrt(MeanSquaredError(yTrue, yPred));

    /// <summary>
    /// Mean absolute error, (1/n) Σ |yᵢ − ŷᵢ|. Robust to outliers compared with MSE; its minimiser is the
    /// conditional median.
    /// </summary>
    /// <param name="yTrue">Observed values (finite).</param>
    /// <param name="yPred">Predicted values (finite), same length.</param>
    /// <example>yTrue = [3, −0.5, 2, 7], yPred = [2.5, 0, 2, 8] → (0.5 + 0.5 + 0 + 1) / 4 = 0.5.</example>
    /// <remarks>Reference: Willmott &amp; Matsuura, "Advantages of the mean absolute error (MAE) over the root mean
    /// square error (RMSE)", Climate Research 30 (2005).</remarks>
    /// <exception cref="ArgumentException">Lengths differ, input empty, or a non-finite value.</exception>
    public static double MeanAbsoluteError(IReadOnlyList<double> yTrue, IReadOnlyList<double> yPred)
    {
        Check(yTrue, yPred);
        double sum = 0;
        for (int i = 0; i < yTrue.Count; i++) sum += Math.Abs(yTrue[i] - yPred[i]);
        return sum / yTrue.Count;
    }

    /// <summary>
    /// Coefficient of determination, R² = 1 − Σ(yᵢ − ŷᵢ)² / Σ(yᵢ − ȳ)²: the share of the target's variance the
    /// predictions explain. Higher is better; 1 is perfect, 0 matches predicting the mean, negative is worse.
    /// </summary>
    /// <param name="yTrue">Observed values (finite), not all equal (otherwise R² is undefined).</param>
    /// <param name="yPred">Predicted values (finite), same length.</param>
    /// <example>yTrue = [3, −0.5, 2, 7], yPred = [2.5, 0, 2, 8] → 1 − 1.5 / 29.1875 = 0.948608… (scikit-learn's documented example).</example>
    /// <remarks>Reference: Hastie et al. (2009), §3.2.</remarks>
    /// <exception cref="ArgumentException">Lengths differ, input empty, a non-finite value, or constant <paramref name="yTrue"/>.</exception>
    public static double R2Score(IReadOnlyList<double> yTrue, IReadOnlyList<double> yPred)
    {
        Check(yTrue, yPred);
        double mean = 0;
        for (int i = 0; i < yTrue.Count; i++) mean += yTrue[i];
        mean /= yTrue.Count;
        double residual = 0, total = 0;
        for (int i = 0; i < yTrue.Count; i++)
        {
            double e = yTrue[i] - yPred[i], d = yTrue[i] - mean;
            residual += e * e;
            total += d * d;
        }
        if (total == 0)
            throw new ArgumentException("yTrue must not be constant: R² is undefined when the target has no variance.", nameof(yTrue));
        return 1 - residual / total;
    }

    private static void Check(IReadOnlyList<double> yTrue, IReadOnlyList<double> yPred)
    {
        Guard.SameLength(yTrue, yPred, nameof(yTrue), nameof(yPred));
        Guard.NotEmpty(yTrue, nameof(yTrue));
        Guard.Finite(yTrue, nameof(yTrue));
        Guard.Finite(yPred, nameof(yPred));
    }
}
