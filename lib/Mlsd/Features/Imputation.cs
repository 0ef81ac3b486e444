using System.Globalization;

namespace Mlsd.Features;

/// <summary>What value replaces a missing one.</summary>
public enum ImputeStrategy
{
    /// <summary>The feature's mean over observed values.</summary>
    Mean,
    /// <summary>The feature's median (robust to the long tails of prices and counts).</summary>
    Median,
    /// <summary>The most frequent observed value (smallest on ties), for coded categories.</summary>
    MostFrequent,
    /// <summary>A fixed <see cref="SimpleImputer.FillValue"/> (e.g. 0 for "no purchases").</summary>
    Constant,
}

/// <summary>
/// Fills missing values (NaN) per feature with a statistic learned on the training data, optionally appending a
/// 0/1 "was missing" indicator per feature that had gaps — because missingness is often informative (a listing
/// with no reviews is usually new), and the indicator lets a model learn that instead of trusting the fill.
/// </summary>
/// <remarks>
/// As scikit-learn's SimpleImputer(add_indicator=True): indicators are added for the features that had missing
/// values during Fit, appended after all features, in feature order. A feature with no observed value cannot
/// be imputed by Mean/Median/MostFrequent and is reported rather than dropped silently.
/// Little &amp; Rubin, <i>Statistical Analysis with Missing Data</i> (3rd ed., 2019).
/// </remarks>
/// <example>Mean strategy on column [1, NaN, 3]: fill 2 → [1, 2, 3]; with indicator: [[1, 0], [2, 1], [3, 0]].</example>
public sealed class SimpleImputer
{
    private double[]? _statistics;
    private int[]? _indicatorFeatures;

    /// <summary>How the fill value is chosen.</summary>
    public ImputeStrategy Strategy { get; init; } = ImputeStrategy.Mean;

    /// <summary>The fill value for <see cref="ImputeStrategy.Constant"/>.</summary>
    public double FillValue { get; init; }

    /// <summary>Append a missing-indicator column per feature that had missing values at Fit time.</summary>
    public bool AddIndicator { get; init; }

    /// <summary>The fill value per feature (after Fit).</summary>
    public double[] Statistics => _statistics ?? throw StandardScaler.NotFitted();

    /// <summary>Features that get an indicator column, in output order (after Fit).</summary>
    public int[] IndicatorFeatures => _indicatorFeatures ?? throw StandardScaler.NotFitted();

    /// <summary>Learns the fill value of each feature from the observed (non-NaN) values of <paramref name="rows"/>.</summary>
    public SimpleImputer Fit(IReadOnlyList<double[]> rows)
    {
        int d = FeatureMatrix.CheckRectangular(rows, nameof(rows));
        var stats = new double[d];
        var indicators = new List<int>();
        var observed = new List<double>(rows.Count);
        for (int j = 0; j < d; j++)
        {
            observed.Clear();
            for (int i = 0; i < rows.Count; i++) if (!double.IsNaN(rows[i][j])) observed.Add(rows[i][j]);
            if (observed.Count < rows.Count) indicators.Add(j);
            if (Strategy == ImputeStrategy.Constant) { stats[j] = FillValue; continue; }
            if (observed.Count == 0)
                throw new ArgumentException($"feature {j} has no observed values, so its {Strategy.ToString().ToLowerInvariant()} is undefined; use ImputeStrategy.Constant or drop the feature.", nameof(rows));
            stats[j] = Strategy switch
            {
                ImputeStrategy.Mean => observed.Sum() / observed.Count,
                ImputeStrategy.Median => Median(observed),
                _ => MostFrequent(observed),
            };
        }
        _statistics = stats;
        _indicatorFeatures = indicators.ToArray();
        return this;
    }

    /// <summary>Learns from a single feature column.</summary>
    public SimpleImputer Fit(IReadOnlyList<double> column) => Fit(FeatureMatrix.AsRows(column));

    /// <summary>Rows with NaN replaced, plus indicator columns when <see cref="AddIndicator"/> is on.</summary>
    public double[][] Transform(IReadOnlyList<double[]> rows)
    {
        var stats = Statistics;
        var indicators = AddIndicator ? IndicatorFeatures : [];
        FeatureMatrix.CheckRectangular(rows, nameof(rows), stats.Length);
        var result = new double[rows.Count][];
        for (int i = 0; i < result.Length; i++)
        {
            var src = rows[i];
            var row = new double[stats.Length + indicators.Length];
            for (int j = 0; j < stats.Length; j++) row[j] = double.IsNaN(src[j]) ? stats[j] : src[j];
            for (int k = 0; k < indicators.Length; k++) row[stats.Length + k] = double.IsNaN(src[indicators[k]]) ? 1 : 0;
            result[i] = row;
        }
        return result;
    }

    /// <summary>A single column with NaN replaced (indicator not included; use the row overload for that).</summary>
    public double[] Transform(IReadOnlyList<double> column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var stats = Statistics;
        if (stats.Length != 1) throw new InvalidOperationException($"The imputer was fitted on {stats.Length} features; pass rows, not a single column.");
        var result = new double[column.Count];
        for (int i = 0; i < result.Length; i++) result[i] = double.IsNaN(column[i]) ? stats[0] : column[i];
        return result;
    }

    /// <summary>Fit then Transform.</summary>
    public double[][] FitTransform(IReadOnlyList<double[]> rows) => Fit(rows).Transform(rows);

    /// <summary>Names of the output columns given input names (indicators named "missing_&lt;name&gt;").</summary>
    public string[] FeatureNamesOut(IReadOnlyList<string> inputNames)
    {
        ArgumentNullException.ThrowIfNull(inputNames);
        if (inputNames.Count != Statistics.Length) throw new ArgumentException($"expected {Statistics.Length} names (got {inputNames.Count}).", nameof(inputNames));
        var indicators = AddIndicator ? IndicatorFeatures : [];
        return inputNames.Concat(indicators.Select(j => "missing_" + inputNames[j])).ToArray();
    }

    /// <summary>Strategy and fill values.</summary>
    public override string ToString() => _statistics is null ? $"SimpleImputer({Strategy}, not fitted)"
        : string.Create(CultureInfo.InvariantCulture, $"SimpleImputer({Strategy}): fill [{StandardScaler.Format(_statistics)}]{(AddIndicator ? $", indicators for features [{string.Join(", ", _indicatorFeatures!)}]" : "")}");

    internal static double Median(List<double> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double MostFrequent(List<double> values)
    {
        var counts = new SortedDictionary<double, int>();
        foreach (double v in values) counts[v] = counts.GetValueOrDefault(v) + 1;
        double best = double.NaN;
        int bestCount = 0;
        foreach (var (v, c) in counts) if (c > bestCount) (best, bestCount) = (v, c);
        return best;
    }
}
