namespace Mlsd.Features;

/// <summary>
/// Helpers for the row-major feature tables (<c>double[][]</c>, one array per example) that the transformers
/// in this namespace take and return — and that models consume.
/// </summary>
public static class FeatureMatrix
{
    /// <summary>Rows from equal-length columns: <c>FromColumns(age, income)</c> → [[age0, income0], …].</summary>
    public static double[][] FromColumns(params IReadOnlyList<double>[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Length == 0) return [];
        int n = columns[0].Count;
        for (int j = 1; j < columns.Length; j++)
            if (columns[j].Count != n) throw new ArgumentException($"all columns must have the same length (column 0 has {n}, column {j} has {columns[j].Count}).", nameof(columns));
        var rows = new double[n][];
        for (int i = 0; i < n; i++)
        {
            var row = new double[columns.Length];
            for (int j = 0; j < row.Length; j++) row[j] = columns[j][i];
            rows[i] = row;
        }
        return rows;
    }

    /// <summary>Column <paramref name="j"/> of <paramref name="rows"/>.</summary>
    public static double[] Column(IReadOnlyList<double[]> rows, int j)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var column = new double[rows.Count];
        for (int i = 0; i < column.Length; i++)
        {
            if ((uint)j >= (uint)rows[i].Length) throw new ArgumentOutOfRangeException(nameof(j), j, $"row {i} has {rows[i].Length} columns.");
            column[i] = rows[i][j];
        }
        return column;
    }

    /// <summary>Side-by-side concatenation of blocks with the same number of rows (e.g. scaled numbers + one-hot city).</summary>
    public static double[][] HStack(params IReadOnlyList<double[]>[] blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        if (blocks.Length == 0) return [];
        int n = blocks[0].Count;
        for (int b = 1; b < blocks.Length; b++)
            if (blocks[b].Count != n) throw new ArgumentException($"all blocks must have the same number of rows (block 0 has {n}, block {b} has {blocks[b].Count}).", nameof(blocks));
        var rows = new double[n][];
        for (int i = 0; i < n; i++)
        {
            int width = 0;
            foreach (var block in blocks) width += block[i].Length;
            var row = new double[width];
            int offset = 0;
            foreach (var block in blocks)
            {
                block[i].CopyTo(row, offset);
                offset += block[i].Length;
            }
            rows[i] = row;
        }
        return rows;
    }

    internal static int CheckRectangular(IReadOnlyList<double[]> rows, string paramName, int expectedWidth = -1)
    {
        ArgumentNullException.ThrowIfNull(rows, paramName);
        if (rows.Count == 0)
        {
            if (expectedWidth >= 0) return expectedWidth;
            throw new ArgumentException("at least one row is needed.", paramName);
        }
        int width = expectedWidth >= 0 ? expectedWidth : rows[0].Length;
        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i] is null) throw new ArgumentException($"row {i} is null.", paramName);
            if (rows[i].Length != width)
                throw new ArgumentException(expectedWidth >= 0
                    ? $"row {i} has {rows[i].Length} features but the transformer was fitted on {width}."
                    : $"all rows must have the same length (row 0 has {width}, row {i} has {rows[i].Length}).", paramName);
        }
        return width;
    }

    internal static double[][] Map(IReadOnlyList<double[]> rows, Func<int, double, double> f)
    {
        var result = new double[rows.Count][];
        for (int i = 0; i < result.Length; i++)
        {
            var src = rows[i];
            var row = new double[src.Length];
            for (int j = 0; j < row.Length; j++) row[j] = f(j, src[j]);
            result[i] = row;
        }
        return result;
    }

    internal static double[][] AsRows(IReadOnlyList<double> column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var rows = new double[column.Count][];
        for (int i = 0; i < rows.Length; i++) rows[i] = [column[i]];
        return rows;
    }

    internal static double[] FirstColumn(double[][] rows)
    {
        var column = new double[rows.Length];
        for (int i = 0; i < column.Length; i++) column[i] = rows[i][0];
        return column;
    }
}
