using System.Collections.ObjectModel;
using System.Globalization;

namespace Mlsd.Models;

/// <summary>
/// Isotonic regression: the best-fitting non-decreasing (or non-increasing) step function of x, in weighted least
/// squares. As a calibrator (x = model score, y = 0/1 click) it maps scores to observed click rates under the sole
/// assumption that a higher score never means a lower probability — more flexible than <see cref="PlattScaling"/>,
/// but it needs more held-out data to avoid overfitting.
/// </summary>
/// <remarks>
/// <para>Fitted by pool-adjacent-violators (PAV): walk the points in x order, and whenever a block's mean falls below
/// the previous block's, merge the two into their weighted mean; O(n) after sorting (Ayer et al. 1955; Barlow et al.
/// 1972, <i>Statistical Inference under Order Restrictions</i>). Points with equal x are first merged into their
/// weighted mean. Prediction interpolates linearly between the fitted points and clips outside the fitted x range,
/// as scikit-learn's <c>IsotonicRegression(out_of_bounds="clip")</c>.</para>
/// <para>Worked example: x = 1..6, y = 1, 3, 2, 4, 3, 5 → fitted 1, 2.5, 2.5, 3.5, 3.5, 5; so Predict(3.5) = 3 and
/// Predict(10) = 5.</para>
/// <para>Zadrozny &amp; Elkan 2002, "Transforming Classifier Scores into Accurate Multiclass Probability Estimates" (KDD).</para>
/// </remarks>
public sealed class IsotonicRegression
{
    private double[]? _x, _y;

    /// <summary>Whether the fit is non-decreasing (default true) or non-increasing.</summary>
    public bool Increasing { get; init; } = true;

    /// <summary>An optional lower bound applied to predictions (e.g. 0 for probabilities).</summary>
    public double? YMin { get; init; }

    /// <summary>An optional upper bound applied to predictions (e.g. 1 for probabilities).</summary>
    public double? YMax { get; init; }

    /// <summary>True once <c>Fit</c> has run.</summary>
    public bool IsFitted => _x is not null;

    /// <summary>The x values of the fitted interpolation points (ascending; interior points of flat runs dropped).</summary>
    public IReadOnlyList<double> XThresholds => new ReadOnlyCollection<double>(_x ?? throw NotFitted());

    /// <summary>The fitted y value at each of <see cref="XThresholds"/>.</summary>
    public IReadOnlyList<double> YThresholds => new ReadOnlyCollection<double>(_y ?? throw NotFitted());

    /// <summary>Fits to points (x, y) with optional non-negative weights.</summary>
    /// <exception cref="ArgumentException">Empty input, different lengths, non-finite values, or negative weights.</exception>
    public IsotonicRegression Fit(IReadOnlyList<double> x, IReadOnlyList<double> y, IReadOnlyList<double>? sampleWeight = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        int n = x.Count;
        if (n == 0) throw new ArgumentException("x must contain at least one point.", nameof(x));
        if (y.Count != n) throw new ArgumentException($"x and y must have the same length (got {n} and {y.Count}).", nameof(y));
        if (sampleWeight is not null && sampleWeight.Count != n)
            throw new ArgumentException($"sampleWeight must have one entry per point (got {sampleWeight.Count} for {n} points).", nameof(sampleWeight));
        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(x[i])) throw new ArgumentException($"x must be finite (found {x[i]} at index {i}).", nameof(x));
            if (!double.IsFinite(y[i])) throw new ArgumentException($"y must be finite (found {y[i]} at index {i}).", nameof(y));
            if (sampleWeight is not null && !(sampleWeight[i] >= 0 && double.IsFinite(sampleWeight[i])))
                throw new ArgumentException($"sampleWeight must be non-negative and finite (found {sampleWeight[i]} at index {i}).", nameof(sampleWeight));
        }

        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        var keys = new double[n];
        for (int i = 0; i < n; i++) keys[i] = x[i];
        Array.Sort(keys, order);

        // merge equal x into weighted means (points with zero weight only define x)
        var ux = new List<double>();
        var uy = new List<double>();
        var uw = new List<double>();
        double sign = Increasing ? 1 : -1;
        for (int k = 0; k < n;)
        {
            int j = k;
            double sw = 0, swy = 0;
            while (j < n && keys[j] == keys[k])
            {
                double w = sampleWeight?[order[j]] ?? 1;
                sw += w;
                swy += w * sign * y[order[j]];
                j++;
            }
            ux.Add(keys[k]);
            uy.Add(sw > 0 ? swy / sw : double.NaN);
            uw.Add(sw);
            k = j;
        }
        // drop zero-weight groups: they carry no information about y
        for (int i = ux.Count - 1; i >= 0; i--)
            if (uw[i] == 0) { ux.RemoveAt(i); uy.RemoveAt(i); uw.RemoveAt(i); }
        if (ux.Count == 0) throw new ArgumentException("sampleWeight must have a positive sum.", nameof(sampleWeight));

        // PAV over the groups: blocks as (mean, weight, first group index)
        int m = ux.Count;
        var mean = new double[m];
        var weight = new double[m];
        var start = new int[m];
        int blocks = 0;
        for (int i = 0; i < m; i++)
        {
            mean[blocks] = uy[i];
            weight[blocks] = uw[i];
            start[blocks] = i;
            blocks++;
            while (blocks > 1 && mean[blocks - 2] > mean[blocks - 1])
            {
                double w = weight[blocks - 2] + weight[blocks - 1];
                mean[blocks - 2] = (weight[blocks - 2] * mean[blocks - 2] + weight[blocks - 1] * mean[blocks - 1]) / w;
                weight[blocks - 2] = w;
                blocks--;
            }
        }
        var fitted = new double[m];
        for (int b = 0; b < blocks; b++)
        {
            int end = b + 1 < blocks ? start[b + 1] : m;
            for (int i = start[b]; i < end; i++) fitted[i] = sign * mean[b];
        }

        // keep only the ends of flat runs: interpolation through the dropped points is unchanged
        var px = new List<double>();
        var py = new List<double>();
        for (int i = 0; i < m; i++)
        {
            bool interior = i > 0 && i < m - 1 && fitted[i - 1] == fitted[i] && fitted[i] == fitted[i + 1];
            if (!interior) { px.Add(ux[i]); py.Add(fitted[i]); }
        }
        _x = px.ToArray();
        _y = py.ToArray();
        return this;
    }

    /// <summary>Fits to integer targets — typically scores and 0/1 labels, the calibration use.</summary>
    public IsotonicRegression Fit(IReadOnlyList<double> x, IReadOnlyList<int> y)
    {
        ArgumentNullException.ThrowIfNull(y);
        var yd = new double[y.Count];
        for (int i = 0; i < yd.Length; i++) yd[i] = y[i];
        return Fit(x, yd);
    }

    /// <summary>The fitted function at <paramref name="x"/>: linear interpolation, constant beyond the fitted range, NaN for NaN.</summary>
    public double Predict(double x)
    {
        var xs = _x ?? throw NotFitted();
        var ys = _y!;
        double v;
        if (double.IsNaN(x)) return double.NaN;
        if (x <= xs[0]) v = ys[0];
        else if (x >= xs[^1]) v = ys[^1];
        else
        {
            int i = Array.BinarySearch(xs, x);
            if (i >= 0) v = ys[i];
            else
            {
                int hi = ~i, lo = hi - 1;
                v = ys[lo] + (ys[hi] - ys[lo]) * (x - xs[lo]) / (xs[hi] - xs[lo]);
            }
        }
        if (YMin is double min && v < min) v = min;
        if (YMax is double max && v > max) v = max;
        return v;
    }

    /// <summary>The fitted function at each of <paramref name="x"/>.</summary>
    public double[] Predict(IReadOnlyList<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var result = new double[x.Count];
        for (int i = 0; i < result.Length; i++) result[i] = Predict(x[i]);
        return result;
    }

    /// <summary>
    /// Calibrated probabilities: <see cref="Predict(IReadOnlyList{double})"/> clipped to [0, 1], so a notebook can swap
    /// this and <see cref="PlattScaling"/> freely.
    /// </summary>
    public double[] PredictProbability(IReadOnlyList<double> scores)
    {
        var p = Predict(scores);
        for (int i = 0; i < p.Length; i++) p[i] = Math.Clamp(p[i], 0, 1);
        return p;
    }

    /// <summary>The calibrated probability of one score, clipped to [0, 1].</summary>
    public double PredictProbability(double score) => Math.Clamp(Predict(score), 0, 1);

    /// <summary>E.g. <c>IsotonicRegression (increasing): 4 points over x ∈ [1, 6]</c>.</summary>
    public override string ToString() => _x is null
        ? "IsotonicRegression: not fitted"
        : string.Create(CultureInfo.InvariantCulture,
            $"IsotonicRegression ({(Increasing ? "increasing" : "decreasing")}): {_x.Length} points over x ∈ [{_x[0]:G5}, {_x[^1]:G5}]");

    private static InvalidOperationException NotFitted() => new("IsotonicRegression is not fitted yet: call Fit first.");
}
