using System.Globalization;
using System.Reflection;
using System.Text;

namespace Mlsd.Formatting;

/// <summary>
/// A small results table — the kind every case study ends a step with ("model, log loss, NCE") — that shows as a
/// styled HTML table in a notebook and as an aligned plain-text table everywhere else.
/// </summary>
/// <remarks>
/// Numbers are formatted with the invariant culture so outputs are identical on every machine. A numeric column
/// without an explicit format gets one chosen from its values: integers stay integers, other values get enough
/// decimals for four significant digits of the column's smallest non-zero magnitude, so the decimal points line
/// up. Best-per-column highlighting (bold in HTML, a trailing <c>*</c> in text) makes the winner visible at a glance.
/// <code>
/// new Table("model", "log loss", "NCE")
///     .AddRow("base rate", 0.4532, 1.0)
///     .AddRow("logistic", 0.4012, 0.8853)
///     .WithFormat("0.000", "log loss", "NCE")
///     .HighlightMin("log loss", "NCE")
/// </code>
/// </remarks>
[TypeFormatterSource(typeof(HtmlRenderableFormatterSource))]
public sealed class Table : IHtmlRenderable
{
    private readonly string[] _columns;
    private readonly List<object?[]> _rows = [];
    private readonly string?[] _formats;
    private readonly Best[] _highlight;

    private enum Best { None, Min, Max }

    /// <summary>Creates an empty table with the given column headers.</summary>
    public Table(params string[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Length == 0)
            throw new ArgumentException("columns must name at least one column.", nameof(columns));
        for (int i = 0; i < columns.Length; i++)
        {
            if (columns[i] is null)
                throw new ArgumentException($"columns[{i}] is null; every column needs a header.", nameof(columns));
        }
        _columns = (string[])columns.Clone();
        _formats = new string?[columns.Length];
        _highlight = new Best[columns.Length];
    }

    /// <summary>The column headers, in order.</summary>
    public IReadOnlyList<string> Columns => _columns;

    /// <summary>How many rows have been added.</summary>
    public int RowCount => _rows.Count;

    /// <summary>An optional caption shown above the table.</summary>
    public string? Title { get; private set; }

    /// <summary>The raw value at (<paramref name="row"/>, <paramref name="column"/>).</summary>
    public object? this[int row, int column] => _rows[row][column];

    /// <summary>Builds a table from a sequence of objects (typically records): one column per public readable
    /// property, in declaration order.</summary>
    public static Table From<T>(IEnumerable<T> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .OrderBy(p => p.MetadataToken)
            .ToArray();
        if (properties.Length == 0)
            throw new ArgumentException($"Type {typeof(T).Name} has no public properties to turn into columns.", nameof(rows));
        var table = new Table(properties.Select(p => p.Name).ToArray());
        foreach (var item in rows)
        {
            var cells = new object?[properties.Length];
            for (int i = 0; i < properties.Length; i++) cells[i] = item is null ? null : properties[i].GetValue(item);
            table._rows.Add(cells);
        }
        return table;
    }

    /// <summary>Appends one row; there must be exactly one cell per column. Returns this table for chaining.</summary>
    public Table AddRow(params object?[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != _columns.Length)
            throw new ArgumentException(
                $"cells must have one value per column ({_columns.Length}: {string.Join(", ", _columns)}); got {cells.Length}.",
                nameof(cells));
        _rows.Add((object?[])cells.Clone());
        return this;
    }

    /// <summary>Sets the caption. Returns this table for chaining.</summary>
    public Table WithTitle(string title)
    {
        Title = title;
        return this;
    }

    /// <summary>Formats the numbers of the named columns with a .NET format string such as <c>"0.000"</c>,
    /// <c>"N0"</c> or <c>"P1"</c> (invariant culture). Returns this table for chaining.</summary>
    public Table WithFormat(string format, params string[] columns)
    {
        ArgumentException.ThrowIfNullOrEmpty(format);
        foreach (int c in Indices(columns)) _formats[c] = format;
        return this;
    }

    /// <summary>Marks the smallest number in each named column as best (for losses and errors).</summary>
    public Table HighlightMin(params string[] columns)
    {
        foreach (int c in Indices(columns)) _highlight[c] = Best.Min;
        return this;
    }

    /// <summary>Marks the largest number in each named column as best (for scores).</summary>
    public Table HighlightMax(params string[] columns)
    {
        foreach (int c in Indices(columns)) _highlight[c] = Best.Max;
        return this;
    }

    /// <summary>The text a cell shows (after number formatting, without highlight marks).</summary>
    public string FormatCell(int row, int column)
    {
        if ((uint)row >= (uint)_rows.Count)
            throw new ArgumentOutOfRangeException(nameof(row), $"row must be in [0, {_rows.Count}) (got {row}).");
        if ((uint)column >= (uint)_columns.Length)
            throw new ArgumentOutOfRangeException(nameof(column), $"column must be in [0, {_columns.Length}) (got {column}).");
        return Render(_rows[row][column], EffectiveFormat(column));
    }

    /// <inheritdoc />
    public string ToHtml()
    {
        var best = BestCells();
        var numeric = NumericColumns();
        var sb = new StringBuilder();
        sb.Append("<table style=\"border-collapse:collapse;font-family:system-ui,-apple-system,'Segoe UI',sans-serif;font-size:13px;margin:4px 0\">");
        if (!string.IsNullOrEmpty(Title))
            sb.Append("<caption style=\"caption-side:top;text-align:left;font-weight:600;padding:2px 0 6px 0\">")
              .Append(Html.Escape(Title)).Append("</caption>");
        sb.Append("<thead><tr>");
        for (int c = 0; c < _columns.Length; c++)
        {
            sb.Append("<th style=\"padding:4px 10px;border-bottom:2px solid rgba(128,128,128,.6);text-align:")
              .Append(numeric[c] ? "right" : "left").Append("\">").Append(Html.Escape(_columns[c])).Append("</th>");
        }
        sb.Append("</tr></thead><tbody>");
        for (int r = 0; r < _rows.Count; r++)
        {
            sb.Append("<tr>");
            for (int c = 0; c < _columns.Length; c++)
            {
                sb.Append("<td style=\"padding:3px 10px;border-bottom:1px solid rgba(128,128,128,.25);");
                sb.Append(numeric[c] ? "text-align:right;font-variant-numeric:tabular-nums" : "text-align:left");
                if (best[r, c]) sb.Append(";font-weight:700;background:rgba(46,160,67,.18)");
                sb.Append("\">").Append(Html.Escape(FormatCell(r, c))).Append("</td>");
            }
            sb.Append("</tr>");
        }
        sb.Append("</tbody></table>");
        return sb.ToString();
    }

    /// <summary>The table as aligned plain text; best values carry a trailing <c>*</c>.</summary>
    public override string ToString()
    {
        var best = BestCells();
        var numeric = NumericColumns();
        bool anyBest = false;
        var cells = new string[_rows.Count, _columns.Length];
        var widths = new int[_columns.Length];
        bool[] columnHasMarks = new bool[_columns.Length];
        for (int c = 0; c < _columns.Length; c++)
        {
            for (int r = 0; r < _rows.Count; r++) columnHasMarks[c] |= best[r, c];
            anyBest |= columnHasMarks[c];
        }
        for (int c = 0; c < _columns.Length; c++)
        {
            widths[c] = _columns[c].Length;
            for (int r = 0; r < _rows.Count; r++)
            {
                string text = FormatCell(r, c);
                if (columnHasMarks[c]) text += best[r, c] ? "*" : " ";
                cells[r, c] = text;
                widths[c] = Math.Max(widths[c], text.Length);
            }
        }
        var sb = new StringBuilder();
        if (!string.IsNullOrEmpty(Title)) sb.Append(Title).Append('\n');
        AppendLine(sb, c => _columns[c], widths, numeric);
        AppendLine(sb, c => new string('-', widths[c]), widths, numeric);
        for (int r = 0; r < _rows.Count; r++)
        {
            int row = r;
            AppendLine(sb, c => cells[row, c], widths, numeric);
        }
        if (anyBest) sb.Append("* best in column\n");
        return sb.ToString().TrimEnd('\n');
    }

    private static void AppendLine(StringBuilder sb, Func<int, string> cell, int[] widths, bool[] rightAlign)
    {
        int start = sb.Length;
        for (int c = 0; c < widths.Length; c++)
        {
            if (c > 0) sb.Append("  ");
            string text = cell(c);
            sb.Append(rightAlign[c] ? text.PadLeft(widths[c]) : text.PadRight(widths[c]));
        }
        while (sb.Length > start && sb[^1] == ' ') sb.Length--;
        sb.Append('\n');
    }

    private IEnumerable<int> Indices(string[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Length == 0)
            throw new ArgumentException("columns must name at least one column.", nameof(columns));
        var result = new int[columns.Length];
        for (int i = 0; i < columns.Length; i++)
        {
            int index = Array.IndexOf(_columns, columns[i]);
            if (index < 0)
                throw new ArgumentException(
                    $"Unknown column \"{columns[i]}\"; the table has: {string.Join(", ", _columns)}.", nameof(columns));
            result[i] = index;
        }
        return result;
    }

    private bool[] NumericColumns()
    {
        var numeric = new bool[_columns.Length];
        for (int c = 0; c < _columns.Length; c++)
        {
            bool any = false, all = true;
            foreach (var row in _rows)
            {
                if (row[c] is null) continue;
                if (TryNumber(row[c], out _)) any = true; else all = false;
            }
            numeric[c] = any && all;
        }
        return numeric;
    }

    private bool[,] BestCells()
    {
        var best = new bool[_rows.Count, _columns.Length];
        for (int c = 0; c < _columns.Length; c++)
        {
            if (_highlight[c] == Best.None) continue;
            bool found = false;
            double target = double.NaN;
            foreach (var row in _rows)
            {
                if (!TryNumber(row[c], out double v) || double.IsNaN(v)) continue;
                target = !found ? v : _highlight[c] == Best.Min ? Math.Min(target, v) : Math.Max(target, v);
                found = true;
            }
            if (!found) continue;
            for (int r = 0; r < _rows.Count; r++)
                best[r, c] = TryNumber(_rows[r][c], out double v) && v == target;
        }
        return best;
    }

    private string? EffectiveFormat(int column)
    {
        if (_formats[column] is { } explicitFormat) return explicitFormat;
        // Choose decimals from the column's values so the decimal points line up.
        bool anyFractional = false;
        double smallest = double.PositiveInfinity;
        foreach (var row in _rows)
        {
            if (row[column] is not (double or float or decimal)) continue;
            if (!TryNumber(row[column], out double v) || !double.IsFinite(v) || v == 0) continue;
            if (v != Math.Round(v)) anyFractional = true;
            smallest = Math.Min(smallest, Math.Abs(v));
        }
        if (!anyFractional) return null;
        int decimals = 3 - (int)Math.Floor(Math.Log10(smallest));
        return decimals > 8 ? "G4" : "F" + Math.Clamp(decimals, 0, 8).ToString(CultureInfo.InvariantCulture);
    }

    private static string Render(object? value, string? format) => value switch
    {
        null => string.Empty,
        string s => s,
        double d when double.IsNaN(d) => "NaN",
        float f when float.IsNaN(f) => "NaN",
        bool b => b ? "true" : "false",
        IFormattable f when format is not null && IsNumber(value) => f.ToString(format, CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static bool IsNumber(object value) => value is double or float or decimal or int or long or short or byte
        or sbyte or uint or ulong or ushort;

    private static bool TryNumber(object? value, out double number)
    {
        if (value is not null && IsNumber(value))
        {
            number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
            return true;
        }
        number = double.NaN;
        return false;
    }
}
