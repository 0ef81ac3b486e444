using System.Globalization;
using System.Text;
using Microsoft.Data.Analysis;

namespace Mlsd.Formatting;

/// <summary>
/// A Microsoft.Data.Analysis <see cref="DataFrame"/> as a readable table: its shape, each column's name and type, and
/// its first and last rows when it is long (the way pandas shows a frame), in HTML and in plain text.
/// </summary>
public static class DataFrameHtml
{
    /// <summary>Rows shown from the top of a long frame.</summary>
    public const int HeadRows = 10;

    /// <summary>Rows shown from the bottom of a long frame.</summary>
    public const int TailRows = 5;

    /// <summary>An HTML table: caption "rows × columns", header of names and types, first and last rows of long frames.</summary>
    public static string ToHtml(DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var sb = new StringBuilder("<table class=\"mlsd-frame\" style=\"border-collapse:collapse;font-variant-numeric:tabular-nums\">");
        sb.Append("<caption style=\"caption-side:top;text-align:left;color:#57606a;padding-bottom:4px\">DataFrame: ")
          .Append(Html.Escape(Shape(frame))).Append("</caption><thead><tr><th style=\"").Append(Cell).Append("\"></th>");
        foreach (var column in frame.Columns)
            sb.Append("<th style=\"").Append(Cell).Append(";text-align:right\">").Append(Html.Escape(column.Name))
              .Append("<br><span style=\"font-weight:normal;color:#57606a;font-size:0.85em\">")
              .Append(Html.Escape(TypeName(column.DataType))).Append("</span></th>");
        sb.Append("</tr></thead><tbody>");
        foreach (long row in ShownRows(frame))
        {
            if (row < 0)
            {
                sb.Append("<tr><td style=\"").Append(Cell).Append("\">…</td>");
                foreach (var _ in frame.Columns) sb.Append("<td style=\"").Append(Cell).Append(";text-align:right\">…</td>");
                sb.Append("</tr>");
                continue;
            }
            sb.Append("<tr><td style=\"").Append(Cell).Append(";color:#57606a\">").Append(row.ToString(CultureInfo.InvariantCulture)).Append("</td>");
            foreach (var column in frame.Columns)
                sb.Append("<td style=\"").Append(Cell).Append(";text-align:right\">").Append(Html.Escape(Value(column[row]))).Append("</td>");
            sb.Append("</tr>");
        }
        return sb.Append("</tbody></table>").ToString();
    }

    /// <summary>The same table as aligned plain text.</summary>
    public static string ToText(DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var rows = ShownRows(frame).ToList();
        var header = new List<string> { "" };
        header.AddRange(frame.Columns.Select(c => c.Name));
        var lines = new List<string[]> { header.ToArray() };
        foreach (long row in rows)
        {
            var cells = new List<string> { row < 0 ? "…" : row.ToString(CultureInfo.InvariantCulture) };
            cells.AddRange(frame.Columns.Select(c => row < 0 ? "…" : Value(c[row])));
            lines.Add(cells.ToArray());
        }
        var widths = Enumerable.Range(0, header.Count).Select(i => lines.Max(l => l[i].Length)).ToArray();
        var sb = new StringBuilder("DataFrame: ").Append(Shape(frame));
        foreach (var line in lines)
            sb.Append('\n').Append(string.Join("  ", line.Select((cell, i) => cell.PadLeft(widths[i]))).TrimEnd());
        return sb.ToString();
    }

    private const string Cell = "border:1px solid #d0d7de;padding:2px 8px";

    private static string Shape(DataFrame frame) =>
        $"{frame.Rows.Count.ToString("N0", CultureInfo.InvariantCulture)} rows × {frame.Columns.Count} columns";

    /// <summary>The row numbers to show; -1 marks the gap between the head and the tail.</summary>
    private static IEnumerable<long> ShownRows(DataFrame frame)
    {
        long n = frame.Rows.Count;
        if (n <= HeadRows + TailRows)
        {
            for (long i = 0; i < n; i++) yield return i;
            yield break;
        }
        for (long i = 0; i < HeadRows; i++) yield return i;
        yield return -1;
        for (long i = n - TailRows; i < n; i++) yield return i;
    }

    private static string Value(object? value) => value switch
    {
        null => "null",
        double d => double.IsNaN(d) ? "NaN" : d.ToString("0.####", CultureInfo.InvariantCulture),
        float f => float.IsNaN(f) ? "NaN" : f.ToString("0.####", CultureInfo.InvariantCulture),
        decimal m => m.ToString("0.####", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string TypeName(Type type) => type == typeof(double) ? "double" : type == typeof(float) ? "float"
        : type == typeof(int) ? "int" : type == typeof(long) ? "long" : type == typeof(string) ? "string"
        : type == typeof(bool) ? "bool" : type.Name;
}
