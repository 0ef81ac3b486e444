using System.Globalization;

namespace Mlsd.Features;

/// <summary>
/// Standardisation: z = (x − mean) / std per feature, with the population std (ddof = 0) as scikit-learn; a
/// constant feature gets scale 1. Gradient-based models and distance-based methods need features on comparable
/// scales; trees do not care.
/// </summary>
/// <example>Fit on [1, 2, 3, 4]: mean 2.5, std √1.25 ≈ 1.1180; Transform(4) ≈ 1.3416.</example>
public sealed class StandardScaler
{
    private double[]? _mean, _scale;

    /// <summary>Subtract the mean (turn off for sparse non-negative data).</summary>
    public bool WithMean { get; init; } = true;

    /// <summary>Divide by the standard deviation.</summary>
    public bool WithStd { get; init; } = true;

    /// <summary>Per-feature mean learned by Fit.</summary>
    public double[] Mean => _mean ?? throw NotFitted();

    /// <summary>Per-feature divisor learned by Fit (std, or 1 for a constant feature or when WithStd is off).</summary>
    public double[] Scale => _scale ?? throw NotFitted();

    /// <summary>Learns mean and std of each column of <paramref name="rows"/> (NaN not allowed: impute first).</summary>
    public StandardScaler Fit(IReadOnlyList<double[]> rows)
    {
        int d = FeatureMatrix.CheckRectangular(rows, nameof(rows));
        var mean = new double[d];
        var scale = new double[d];
        for (int j = 0; j < d; j++)
        {
            double sum = 0;
            for (int i = 0; i < rows.Count; i++)
            {
                double x = rows[i][j];
                if (double.IsNaN(x)) throw new ArgumentException($"row {i}, feature {j} is NaN; impute missing values before scaling.", nameof(rows));
                sum += x;
            }
            double m = sum / rows.Count, ss = 0;
            for (int i = 0; i < rows.Count; i++) ss += (rows[i][j] - m) * (rows[i][j] - m);
            double sd = Math.Sqrt(ss / rows.Count);
            mean[j] = m;
            scale[j] = !WithStd || sd == 0 ? 1 : sd;
        }
        (_mean, _scale) = (mean, scale);
        return this;
    }

    /// <summary>Learns from a single feature column.</summary>
    public StandardScaler Fit(IReadOnlyList<double> column) => Fit(FeatureMatrix.AsRows(column));

    /// <summary>Scales rows with the learned statistics.</summary>
    public double[][] Transform(IReadOnlyList<double[]> rows)
    {
        FeatureMatrix.CheckRectangular(rows, nameof(rows), Mean.Length);
        double[] mean = Mean, scale = Scale;
        return FeatureMatrix.Map(rows, (j, x) => ((WithMean ? x - mean[j] : x)) / scale[j]);
    }

    /// <summary>Scales a single feature column.</summary>
    public double[] Transform(IReadOnlyList<double> column) => FeatureMatrix.FirstColumn(Transform(FeatureMatrix.AsRows(column)));

    /// <summary>Fit then Transform.</summary>
    public double[][] FitTransform(IReadOnlyList<double[]> rows) => Fit(rows).Transform(rows);

    /// <summary>Fit then Transform on a single column.</summary>
    public double[] FitTransform(IReadOnlyList<double> column) => Fit(column).Transform(column);

    /// <summary>Maps scaled rows back to the original units.</summary>
    public double[][] InverseTransform(IReadOnlyList<double[]> rows)
    {
        FeatureMatrix.CheckRectangular(rows, nameof(rows), Mean.Length);
        double[] mean = Mean, scale = Scale;
        return FeatureMatrix.Map(rows, (j, z) => z * scale[j] + (WithMean ? mean[j] : 0));
    }

    /// <summary>The learned means and scales.</summary>
    public override string ToString() => _mean is null ? "StandardScaler (not fitted)"
        : $"StandardScaler: mean [{Format(_mean)}], scale [{Format(_scale!)}]";

    internal static string Format(double[] v) => string.Join(", ", v.Take(8).Select(x => x.ToString("G4", CultureInfo.InvariantCulture))) + (v.Length > 8 ? ", …" : "");

    internal static InvalidOperationException NotFitted() => new("The transformer is not fitted yet: call Fit first.");
}

/// <summary>
/// Min–max scaling to [<see cref="Min"/>, <see cref="Max"/>] (default [0, 1]) per feature: x' = (x − min) / (max − min)
/// × (Max − Min) + Min, as scikit-learn's MinMaxScaler; a constant feature maps to <see cref="Min"/>. Values outside
/// the fitted range land outside [Min, Max] (not clipped), which makes serving-time drift visible.
/// </summary>
/// <example>Fit on [2, 4, 10]: Transform(4) = 0.25, Transform(12) = 1.25.</example>
public sealed class MinMaxScaler
{
    private double[]? _dataMin, _dataMax;

    /// <summary>Lower end of the target range.</summary>
    public double Min { get; init; }

    /// <summary>Upper end of the target range.</summary>
    public double Max { get; init; } = 1;

    /// <summary>Per-feature minimum seen by Fit.</summary>
    public double[] DataMin => _dataMin ?? throw StandardScaler.NotFitted();

    /// <summary>Per-feature maximum seen by Fit.</summary>
    public double[] DataMax => _dataMax ?? throw StandardScaler.NotFitted();

    /// <summary>Learns each column's minimum and maximum.</summary>
    public MinMaxScaler Fit(IReadOnlyList<double[]> rows)
    {
        if (!(Max > Min)) throw new ArgumentException($"Max must exceed Min (got [{Min}, {Max}]).", nameof(rows));
        int d = FeatureMatrix.CheckRectangular(rows, nameof(rows));
        var lo = Enumerable.Repeat(double.PositiveInfinity, d).ToArray();
        var hi = Enumerable.Repeat(double.NegativeInfinity, d).ToArray();
        for (int i = 0; i < rows.Count; i++)
            for (int j = 0; j < d; j++)
            {
                double x = rows[i][j];
                if (double.IsNaN(x)) throw new ArgumentException($"row {i}, feature {j} is NaN; impute missing values before scaling.", nameof(rows));
                lo[j] = Math.Min(lo[j], x);
                hi[j] = Math.Max(hi[j], x);
            }
        (_dataMin, _dataMax) = (lo, hi);
        return this;
    }

    /// <summary>Learns from a single feature column.</summary>
    public MinMaxScaler Fit(IReadOnlyList<double> column) => Fit(FeatureMatrix.AsRows(column));

    /// <summary>Scales rows into the target range.</summary>
    public double[][] Transform(IReadOnlyList<double[]> rows)
    {
        FeatureMatrix.CheckRectangular(rows, nameof(rows), DataMin.Length);
        double[] lo = DataMin, hi = DataMax;
        return FeatureMatrix.Map(rows, (j, x) => hi[j] == lo[j] ? Min : (x - lo[j]) / (hi[j] - lo[j]) * (Max - Min) + Min);
    }

    /// <summary>Scales a single feature column.</summary>
    public double[] Transform(IReadOnlyList<double> column) => FeatureMatrix.FirstColumn(Transform(FeatureMatrix.AsRows(column)));

    /// <summary>Fit then Transform.</summary>
    public double[][] FitTransform(IReadOnlyList<double[]> rows) => Fit(rows).Transform(rows);

    /// <summary>Fit then Transform on a single column.</summary>
    public double[] FitTransform(IReadOnlyList<double> column) => Fit(column).Transform(column);

    /// <summary>Maps scaled rows back to the original units.</summary>
    public double[][] InverseTransform(IReadOnlyList<double[]> rows)
    {
        FeatureMatrix.CheckRectangular(rows, nameof(rows), DataMin.Length);
        double[] lo = DataMin, hi = DataMax;
        return FeatureMatrix.Map(rows, (j, z) => hi[j] == lo[j] ? lo[j] : (z - Min) / (Max - Min) * (hi[j] - lo[j]) + lo[j]);
    }

    /// <summary>The learned ranges.</summary>
    public override string ToString() => _dataMin is null ? "MinMaxScaler (not fitted)"
        : $"MinMaxScaler to [{Min}, {Max}]: data min [{StandardScaler.Format(_dataMin)}], max [{StandardScaler.Format(_dataMax!)}]";
}

/// <summary>
/// Log transform x' = ln(x + <see cref="Offset"/>) (default offset 1, i.e. log1p): compresses long right tails
/// (prices, counts, watch times) so a few huge values do not dominate a linear model or a distance.
/// Stateless; Fit exists only so it composes like the other transformers.
/// </summary>
/// <example>Transform(0) = 0, Transform(e − 1) = 1, Transform(99) = ln 100 ≈ 4.6052.</example>
public sealed class LogTransformer
{
    /// <summary>Added before the logarithm; values must exceed −Offset.</summary>
    public double Offset { get; init; } = 1;

    /// <summary>No-op (nothing to learn); returns this.</summary>
    public LogTransformer Fit(IReadOnlyList<double[]> rows) => this;

    /// <summary>Transforms every value of every row.</summary>
    public double[][] Transform(IReadOnlyList<double[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var result = new double[rows.Count][];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = new double[rows[i].Length];
            for (int j = 0; j < result[i].Length; j++) result[i][j] = Apply(rows[i][j], i, j);
        }
        return result;
    }

    /// <summary>Transforms one column.</summary>
    public double[] Transform(IReadOnlyList<double> column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var result = new double[column.Count];
        for (int i = 0; i < result.Length; i++) result[i] = Apply(column[i], i, 0);
        return result;
    }

    /// <summary>Same as Transform (nothing to fit).</summary>
    public double[][] FitTransform(IReadOnlyList<double[]> rows) => Transform(rows);

    /// <summary>Inverse: exp(x') − Offset.</summary>
    public double[] InverseTransform(IReadOnlyList<double> column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var result = new double[column.Count];
        for (int i = 0; i < result.Length; i++) result[i] = Offset == 1 ? Math.Exp(column[i]) - 1 : Math.Exp(column[i]) - Offset;
        return result;
    }

    private double Apply(double x, int i, int j)
    {
        if (double.IsNaN(x)) return double.NaN;
        if (!(x + Offset > 0))
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"value {x} at row {i}, feature {j} is not above −Offset ({-Offset}); the log is undefined there."));
        return Offset == 1 ? Math.Log(1 + x) : Math.Log(x + Offset);
    }

    /// <summary>The formula.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"LogTransformer: ln(x + {Offset})");
}
