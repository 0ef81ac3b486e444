using System.Reflection;
using Microsoft.Data.Analysis;

namespace Mlsd.Data;

/// <summary>
/// Moves tables between the library's records and arrays and Microsoft.Data.Analysis <see cref="DataFrame"/>s, so a
/// notebook explores its data with DataFrame operations (<c>Description</c>, <c>ValueCounts</c>, <c>GroupBy</c>,
/// <c>Merge</c>) and hands the result back to our models as plain arrays.
/// </summary>
public static class DataFrames
{
    /// <summary>
    /// One column per public readable property of <typeparamref name="T"/> (a record's positional members, in
    /// declaration order), one row per record. int, long, float, double and bool properties become numeric columns
    /// (nullable ones keep their nulls); strings stay strings; anything else (enums, dates) becomes its invariant text.
    /// </summary>
    /// <example><c>FromRecords(new[] { new Ad(1, "sports", 0.5) })</c> → 1 row × 3 columns (AdId int, Category string, Bid double).</example>
    public static DataFrame FromRecords<T>(IEnumerable<T> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var rows = records as IReadOnlyList<T> ?? records.ToArray();
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract").ToArray();
        if (properties.Length == 0) throw new ArgumentException($"{typeof(T).Name} has no public properties to turn into columns.", nameof(records));
        var columns = properties.Select(p => Column(p, rows)).ToArray();
        return new DataFrame(columns);
    }

    /// <summary>A frame of numeric columns: <paramref name="rows"/>[i][j] is row i of the column named
    /// <paramref name="columnNames"/>[j] (a feature matrix, with its feature names).</summary>
    public static DataFrame FromRows(IReadOnlyList<double[]> rows, IReadOnlyList<string> columnNames)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(columnNames);
        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i] is null) throw new ArgumentException($"rows[{i}] is null.", nameof(rows));
            if (rows[i].Length != columnNames.Count)
                throw new ArgumentException($"rows[{i}] has {rows[i].Length} values but there are {columnNames.Count} column names.", nameof(rows));
        }
        return new DataFrame(columnNames.Select((name, j) =>
            (DataFrameColumn)new DoubleDataFrameColumn(name, rows.Select(r => r[j]))).ToArray());
    }

    /// <summary>The named columns as rows of doubles (missing values as NaN), ready for our models.</summary>
    public static double[][] ToRows(DataFrame frame, params string[] columnNames)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(columnNames);
        var columns = (columnNames.Length == 0 ? frame.Columns.Select(c => c.Name).ToArray() : columnNames).Select(n => Find(frame, n)).ToArray();
        var result = new double[frame.Rows.Count][];
        for (long r = 0; r < frame.Rows.Count; r++)
        {
            var row = new double[columns.Length];
            for (int j = 0; j < columns.Length; j++) row[j] = ToDouble(columns[j][r], columns[j].Name, r);
            result[r] = row;
        }
        return result;
    }

    /// <summary>A column of 0/1 labels (bool or integer column) as an int array.</summary>
    public static int[] ToLabels(DataFrame frame, string columnName)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var column = Find(frame, columnName);
        var labels = new int[column.Length];
        for (long r = 0; r < column.Length; r++)
        {
            double v = ToDouble(column[r], columnName, r);
            if (v is not (0 or 1)) throw new ArgumentException($"Column '{columnName}' row {r} holds {v}, not a 0/1 label.", nameof(columnName));
            labels[r] = (int)v;
        }
        return labels;
    }

    private static DataFrameColumn Find(DataFrame frame, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        int index = frame.Columns.IndexOf(name);
        if (index < 0) throw new ArgumentException($"The frame has no column '{name}' (columns: {string.Join(", ", frame.Columns.Select(c => c.Name))}).", nameof(name));
        return frame.Columns[index];
    }

    private static double ToDouble(object? value, string column, long row) => value switch
    {
        null => double.NaN,
        bool b => b ? 1 : 0,
        IConvertible c when value is not string => c.ToDouble(System.Globalization.CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"Column '{column}' row {row} holds '{value}', which is not a number."),
    };

    private static DataFrameColumn Column<T>(PropertyInfo p, IReadOnlyList<T> rows)
    {
        var type = p.PropertyType;
        // Compiled getters: a DataFrame of a few hundred thousand records is built in milliseconds, not seconds.
        if (type == typeof(int)) return new Int32DataFrameColumn(p.Name, Values<T, int>(p, rows));
        if (type == typeof(long)) return new Int64DataFrameColumn(p.Name, Values<T, long>(p, rows));
        if (type == typeof(float)) return new SingleDataFrameColumn(p.Name, Values<T, float>(p, rows));
        if (type == typeof(double)) return new DoubleDataFrameColumn(p.Name, Values<T, double>(p, rows));
        if (type == typeof(bool)) return new BooleanDataFrameColumn(p.Name, Values<T, bool>(p, rows));
        if (type == typeof(int?)) return new Int32DataFrameColumn(p.Name, Values<T, int?>(p, rows));
        if (type == typeof(long?)) return new Int64DataFrameColumn(p.Name, Values<T, long?>(p, rows));
        if (type == typeof(float?)) return new SingleDataFrameColumn(p.Name, Values<T, float?>(p, rows));
        if (type == typeof(double?)) return new DoubleDataFrameColumn(p.Name, Values<T, double?>(p, rows));
        if (type == typeof(bool?)) return new BooleanDataFrameColumn(p.Name, Values<T, bool?>(p, rows));
        return new StringDataFrameColumn(p.Name, Values<T, object?>(p, rows).Select(v => v switch
        {
            null => null,
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => v.ToString(),
        }));
    }

    private static TValue[] Values<T, TValue>(PropertyInfo p, IReadOnlyList<T> rows)
    {
        var row = System.Linq.Expressions.Expression.Parameter(typeof(T), "row");
        var body = System.Linq.Expressions.Expression.Convert(System.Linq.Expressions.Expression.Property(row, p), typeof(TValue));
        var get = System.Linq.Expressions.Expression.Lambda<Func<T, TValue>>(body, row).Compile();
        var values = new TValue[rows.Count];
        for (int i = 0; i < values.Length; i++) values[i] = get(rows[i]);
        return values;
    }
}
