using System.Globalization;
using System.Text;

namespace Mlsd.Serving;

/// <summary>How a training join reads feature values relative to each labelled event's time t.</summary>
public enum JoinMode
{
    /// <summary>
    /// Correct: every value must be known strictly before t — the latest snapshot with timestamp &lt; t, and
    /// window sums over events with timestamp &lt; t. The model trains on exactly what serving would have seen.
    /// </summary>
    PointInTime,

    /// <summary>
    /// Deliberately wrong, for demonstrations: the upper time bound is dropped, as if the join ran at the end of
    /// the log and nobody filtered by event time — the newest snapshot regardless of t, and window sums over
    /// every event from the window's start onwards (including the label's own click and everything after).
    /// Offline metrics look better than anything serving can reproduce.
    /// </summary>
    Leaky,
}

/// <summary>What a <see cref="FeatureLookup"/> reads.</summary>
public enum FeatureLookupKind
{
    /// <summary>The latest stored value of a batch feature (snapshots written with <see cref="FeatureStore.Write"/>).</summary>
    Latest,

    /// <summary>The sum of a counter's events over a sliding window of fixed length ending at t.</summary>
    WindowSum,

    /// <summary>The sum of a counter's events since the start of t's calendar period (e.g. "clicks today").</summary>
    PeriodSum,
}

/// <summary>
/// One output column of a training join: which stored feature or counter to read, for which entity on each
/// row, and how. Build with <see cref="Latest(string, IReadOnlyList{long}, string?)"/>,
/// <see cref="WindowSum(string, IReadOnlyList{long}, long, string?)"/> or
/// <see cref="PeriodSum(string, IReadOnlyList{long}, long, string?)"/>.
/// </summary>
/// <param name="Column">Output column name.</param>
/// <param name="Feature">Stored feature (for <see cref="FeatureLookupKind.Latest"/>) or counter name.</param>
/// <param name="EntityIds">Entity of each row (e.g. the impression's ad id), parallel to the join's timestamps.</param>
/// <param name="Kind">What to read.</param>
/// <param name="Seconds">Window or period length (time units of the store); 0 for <see cref="FeatureLookupKind.Latest"/>.</param>
public sealed record FeatureLookup(string Column, string Feature, IReadOnlyList<long> EntityIds, FeatureLookupKind Kind, long Seconds)
{
    /// <summary>The latest value of batch feature <paramref name="feature"/> for each row's entity (NaN when none is known yet).</summary>
    public static FeatureLookup Latest(string feature, IReadOnlyList<long> entityIds, string? column = null) =>
        new(column ?? feature, feature, entityIds, FeatureLookupKind.Latest, 0);

    /// <summary>As <see cref="Latest(string, IReadOnlyList{long}, string?)"/>, for int ids.</summary>
    public static FeatureLookup Latest(string feature, IReadOnlyList<int> entityIds, string? column = null) =>
        Latest(feature, Widen(entityIds), column);

    /// <summary>Sum of counter <paramref name="counter"/>'s events in the <paramref name="windowSeconds"/> before each row's time (0 when none).</summary>
    public static FeatureLookup WindowSum(string counter, IReadOnlyList<long> entityIds, long windowSeconds, string? column = null)
    {
        if (windowSeconds <= 0) throw new ArgumentOutOfRangeException(nameof(windowSeconds), windowSeconds, "windowSeconds must be positive.");
        return new(column ?? $"{counter}_{windowSeconds}s", counter, entityIds, FeatureLookupKind.WindowSum, windowSeconds);
    }

    /// <summary>As <see cref="WindowSum(string, IReadOnlyList{long}, long, string?)"/>, for int ids.</summary>
    public static FeatureLookup WindowSum(string counter, IReadOnlyList<int> entityIds, long windowSeconds, string? column = null) =>
        WindowSum(counter, Widen(entityIds), windowSeconds, column);

    /// <summary>
    /// Sum of counter <paramref name="counter"/>'s events since the start of the row's period of length
    /// <paramref name="periodSeconds"/> (periods start at multiples of it: 86,400 gives "today so far").
    /// </summary>
    public static FeatureLookup PeriodSum(string counter, IReadOnlyList<long> entityIds, long periodSeconds, string? column = null)
    {
        if (periodSeconds <= 0) throw new ArgumentOutOfRangeException(nameof(periodSeconds), periodSeconds, "periodSeconds must be positive.");
        return new(column ?? $"{counter}_period{periodSeconds}s", counter, entityIds, FeatureLookupKind.PeriodSum, periodSeconds);
    }

    /// <summary>As <see cref="PeriodSum(string, IReadOnlyList{long}, long, string?)"/>, for int ids.</summary>
    public static FeatureLookup PeriodSum(string counter, IReadOnlyList<int> entityIds, long periodSeconds, string? column = null) =>
        PeriodSum(counter, Widen(entityIds), periodSeconds, column);

    internal static long[] Widen(IReadOnlyList<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var result = new long[ids.Count];
        for (int i = 0; i < result.Length; i++) result[i] = ids[i];
        return result;
    }

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        FeatureLookupKind.Latest => $"{Column} = latest {Feature}",
        FeatureLookupKind.WindowSum => $"{Column} = sum of {Feature} over the last {Seconds} s",
        _ => $"{Column} = sum of {Feature} since the start of the {Seconds} s period",
    };
}

/// <summary>
/// The result of a training join: one column of doubles per lookup, one row per labelled event. Missing
/// batch features are NaN (the entity had no value yet — a cold-start signal a model must handle).
/// </summary>
public sealed class FeatureFrame
{
    private readonly string[] _columns;
    private readonly double[][] _values;

    internal FeatureFrame(string[] columns, double[][] values, int rowCount)
    {
        _columns = columns;
        _values = values;
        RowCount = rowCount;
    }

    /// <summary>Column names, in lookup order.</summary>
    public IReadOnlyList<string> Columns => _columns;

    /// <summary>Number of rows (labelled events).</summary>
    public int RowCount { get; }

    /// <summary>The values of column <paramref name="name"/> (the frame's own array, not a copy).</summary>
    public double[] Column(string name) => _values[IndexOf(name)];

    /// <summary>The values of the column at <paramref name="index"/>.</summary>
    public double[] Column(int index) => _values[index];

    /// <summary>One row as a new array, columns in order.</summary>
    public double[] Row(int row)
    {
        if ((uint)row >= (uint)RowCount) throw new ArgumentOutOfRangeException(nameof(row), row, $"row must be in 0..{RowCount - 1}.");
        var result = new double[_columns.Length];
        for (int c = 0; c < result.Length; c++) result[c] = _values[c][row];
        return result;
    }

    /// <summary>All rows (row-major copy), the shape models' <c>Fit</c> takes.</summary>
    public double[][] ToRows()
    {
        var rows = new double[RowCount][];
        for (int r = 0; r < RowCount; r++) rows[r] = Row(r);
        return rows;
    }

    /// <summary>Share of NaN values in column <paramref name="name"/>.</summary>
    public double MissingFraction(string name)
    {
        var column = Column(name);
        int missing = 0;
        foreach (double v in column) if (double.IsNaN(v)) missing++;
        return column.Length == 0 ? 0 : (double)missing / column.Length;
    }

    private int IndexOf(string name)
    {
        int i = Array.IndexOf(_columns, name);
        if (i < 0) throw new ArgumentException($"No column '{name}'; columns are {string.Join(", ", _columns)}.", nameof(name));
        return i;
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"FeatureFrame: {RowCount:N0} rows × {_columns.Length} columns");
        for (int c = 0; c < _columns.Length; c++)
        {
            double missing = MissingFraction(_columns[c]);
            text.Append(c == 0 ? " [" : ", ").Append(_columns[c]);
            if (missing > 0) text.Append(CultureInfo.InvariantCulture, $" ({missing:P1} missing)");
        }
        if (_columns.Length > 0) text.Append(']');
        return text.ToString();
    }
}
