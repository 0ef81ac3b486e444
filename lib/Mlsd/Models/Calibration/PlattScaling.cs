using System.Globalization;

namespace Mlsd.Models;

/// <summary>
/// Platt scaling: recalibrates a classifier's scores with a one-feature logistic regression,
/// P(y = 1 | s) = σ(<see cref="Slope"/>·s + <see cref="Intercept"/>), fitted on held-out data. Use it when a model
/// ranks well but its probabilities are off by a smooth, monotone distortion — e.g. after negative downsampling,
/// or for a margin-based model. Feed it logits (or any real-valued score), not probabilities.
/// </summary>
/// <remarks>
/// <para>With <see cref="TargetSmoothing"/> (Platt's recommendation, and scikit-learn's "sigmoid" calibration), the 0/1
/// labels are replaced by targets 1/(N₋ + 2) and (N₊ + 1)/(N₊ + 2), a Bayesian prior that stops the fit from becoming
/// overconfident (or diverging) on small or separable calibration sets.</para>
/// <para>Fitted by Newton's method with a backtracking line search on the cross-entropy (Lin, Lin &amp; Weng 2007,
/// "A note on Platt's probabilistic outputs for support vector machines", Machine Learning 68).</para>
/// <para>Worked example: scores 0,0,0,0 with labels 1,0,0,0 and scores 1,1,1,1 with labels 1,1,1,0. Without smoothing the
/// fit reproduces each group's rate, σ(b) = 1/4 and σ(a + b) = 3/4, so b = −ln 3 and a = 2 ln 3. With smoothing
/// (N₊ = N₋ = 4, targets 5/6 and 1/6) the group means become 1/3 and 2/3: b = −ln 2, a = 2 ln 2.</para>
/// <para>Platt 1999, "Probabilistic Outputs for Support Vector Machines and Comparisons to Regularized Likelihood Methods".</para>
/// </remarks>
public sealed class PlattScaling
{
    private double _a, _b;
    private bool _fitted;

    /// <summary>Whether to use Platt's smoothed targets instead of hard 0/1 labels (default true).</summary>
    public bool TargetSmoothing { get; init; } = true;

    /// <summary>The fitted slope a.</summary>
    public double Slope { get { Check(); return _a; } }

    /// <summary>The fitted intercept b.</summary>
    public double Intercept { get { Check(); return _b; } }

    /// <summary>True once <see cref="Fit"/> has run.</summary>
    public bool IsFitted => _fitted;

    /// <summary>Fits a and b on held-out <paramref name="scores"/> and their 0/1 labels <paramref name="y"/>.</summary>
    /// <exception cref="ArgumentException">Empty input, different lengths, a label not 0/1, or a non-finite score.</exception>
    public PlattScaling Fit(IReadOnlyList<double> scores, IReadOnlyList<int> y)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ModelInput.CheckLabels(y, scores.Count, nameof(scores));
        int n = scores.Count;
        int positives = 0;
        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(scores[i])) throw new ArgumentException($"scores must be finite (found {scores[i]} at index {i}).", nameof(scores));
            positives += y[i];
        }
        int negatives = n - positives;
        double hi = TargetSmoothing ? (positives + 1.0) / (positives + 2.0) : 1;
        double lo = TargetSmoothing ? 1 / (negatives + 2.0) : 0;
        var t = new double[n];
        for (int i = 0; i < n; i++) t[i] = y[i] == 1 ? hi : lo;

        double a = 0, b = Math.Log((positives + 1.0) / (negatives + 1.0));
        double f = Objective(scores, t, a, b);
        for (int iter = 0; iter < 100; iter++)
        {
            double g1 = 0, g2 = 0, h11 = 1e-12, h22 = 1e-12, h21 = 0;
            for (int i = 0; i < n; i++)
            {
                double s = scores[i], p = MathFunctions.Sigmoid(a * s + b), d = p - t[i], w = p * (1 - p);
                g1 += d * s;
                g2 += d;
                h11 += w * s * s;
                h22 += w;
                h21 += w * s;
            }
            if (Math.Abs(g1) < 1e-10 * n && Math.Abs(g2) < 1e-10 * n) break;
            double det = h11 * h22 - h21 * h21;
            double da = -(h22 * g1 - h21 * g2) / det, db = -(-h21 * g1 + h11 * g2) / det;
            double slope = g1 * da + g2 * db, step = 1;
            bool accepted = false;
            while (step >= 1e-10)
            {
                double na = a + step * da, nb = b + step * db, nf = Objective(scores, t, na, nb);
                if (nf <= f + 1e-4 * step * slope)
                {
                    accepted = f - nf > 1e-13 * Math.Max(1, Math.Abs(f));   // stop once the loss no longer moves
                    a = na; b = nb; f = nf;
                    break;
                }
                step /= 2;
            }
            if (!accepted) break;
        }
        _a = a;
        _b = b;
        _fitted = true;
        return this;
    }

    /// <summary>The calibrated probability σ(a·s + b) of each score.</summary>
    public double[] PredictProbability(IReadOnlyList<double> scores)
    {
        Check();
        ArgumentNullException.ThrowIfNull(scores);
        var p = new double[scores.Count];
        for (int i = 0; i < p.Length; i++) p[i] = MathFunctions.Sigmoid(_a * scores[i] + _b);
        return p;
    }

    /// <summary>The calibrated probability of one score.</summary>
    public double PredictProbability(double score)
    {
        Check();
        return MathFunctions.Sigmoid(_a * score + _b);
    }

    /// <summary>E.g. <c>PlattScaling: p = σ(1.0986·s − 0.5493)</c>.</summary>
    public override string ToString() => _fitted
        ? string.Create(CultureInfo.InvariantCulture, $"PlattScaling: p = σ({_a:G5}·s {(_b < 0 ? "−" : "+")} {Math.Abs(_b):G5})")
        : "PlattScaling: not fitted";

    private void Check()
    {
        if (!_fitted) throw new InvalidOperationException("PlattScaling is not fitted yet: call Fit first.");
    }

    /// <summary>Cross-entropy Σ −[t log p + (1 − t) log(1 − p)], computed stably from the logit.</summary>
    private static double Objective(IReadOnlyList<double> s, double[] t, double a, double b)
    {
        double sum = 0;
        for (int i = 0; i < t.Length; i++)
        {
            double z = a * s[i] + b;
            // −[t log σ(z) + (1−t) log σ(−z)] = log(1 + e^z) − t z
            double softplus = z > 0 ? z + Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z));
            sum += softplus - t[i] * z;
        }
        return sum;
    }
}
