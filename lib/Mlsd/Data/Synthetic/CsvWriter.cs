using System.Globalization;
using System.Text;

namespace Mlsd.Data.Synthetic;

/// <summary>
/// Writes CSV so that the same records always give the same bytes, on any machine: invariant culture, "\n"
/// line ends, UTF-8 without BOM, RFC 4180 quoting only where needed, doubles as round-trip ("R") or with a fixed
/// number of decimals, dates as <c>yyyy-MM-dd HH:mm:ss</c>. That is what lets a synthetic dataset's SHA-256 be
/// recorded once and checked forever.
/// </summary>
/// <remarks>Usage: <c>using var w = new CsvWriter(path); w.WriteHeader("id", "p"); w.Field(1).Field(0.25).EndRow();</c></remarks>
public sealed class CsvWriter : IDisposable
{
    private readonly TextWriter _writer;
    private readonly bool _ownsWriter;
    private int _expectedFields = -1;
    private int _fieldsInRow;

    /// <summary>Writes to a new file at <paramref name="path"/> (its folder is created).</summary>
    /// <param name="path">Destination file; overwritten.</param>
    /// <param name="decimals">Null for round-trip doubles ("R"), or a fixed number of decimals (e.g. 4).</param>
    public CsvWriter(string path, int? decimals = null)
        : this(CreateFile(path), decimals, ownsWriter: true) { }

    /// <summary>Writes to <paramref name="writer"/> (not disposed by this writer).</summary>
    public CsvWriter(TextWriter writer, int? decimals = null) : this(writer, decimals, ownsWriter: false) { }

    private CsvWriter(TextWriter writer, int? decimals, bool ownsWriter)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (decimals is < 0 or > 15) throw new ArgumentOutOfRangeException(nameof(decimals), decimals, "decimals must be in [0, 15] (or null for round-trip).");
        _writer = writer;
        _ownsWriter = ownsWriter;
        Decimals = decimals;
    }

    /// <summary>Fixed decimals for doubles, or null for round-trip formatting.</summary>
    public int? Decimals { get; }

    /// <summary>Rows written so far (header excluded).</summary>
    public int RowCount { get; private set; }

    /// <summary>Writes the header; every later row must have the same number of fields.</summary>
    public void WriteHeader(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (RowCount > 0 || _fieldsInRow > 0 || _expectedFields >= 0) throw new InvalidOperationException("The header must be written first, once.");
        foreach (var name in names) Append(Quote(name));
        _writer.Write('\n');
        _expectedFields = names.Length;
        _fieldsInRow = 0;
    }

    /// <summary>Appends a text field (null is written as an empty field).</summary>
    public CsvWriter Field(string? value) { Append(Quote(value ?? "")); return this; }

    /// <summary>Appends a double: NaN is written as an empty field (missing); infinities as Infinity/-Infinity.</summary>
    public CsvWriter Field(double value) { Append(FormatDouble(value, Decimals)); return this; }

    /// <summary>Appends an integer.</summary>
    public CsvWriter Field(int value) { Append(value.ToString(CultureInfo.InvariantCulture)); return this; }

    /// <summary>Appends a long integer.</summary>
    public CsvWriter Field(long value) { Append(value.ToString(CultureInfo.InvariantCulture)); return this; }

    /// <summary>Appends a boolean as 1 or 0 (compact, and what models consume).</summary>
    public CsvWriter Field(bool value) { Append(value ? "1" : "0"); return this; }

    /// <summary>Appends a date/time as <c>yyyy-MM-dd HH:mm:ss</c> (sub-second parts are dropped).</summary>
    public CsvWriter Field(DateTime value) { Append(value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)); return this; }

    /// <summary>Ends the current row; throws when its field count differs from the header's.</summary>
    public void EndRow()
    {
        if (_expectedFields >= 0 && _fieldsInRow != _expectedFields)
            throw new InvalidOperationException($"Row {RowCount + 1} has {_fieldsInRow} fields but the header has {_expectedFields}.");
        _writer.Write('\n');
        _fieldsInRow = 0;
        RowCount++;
    }

    /// <summary>Writes one row from values of any supported type (string, double, float, int, long, bool, DateTime, null).</summary>
    public void WriteRow(params object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var v in values)
        {
            switch (v)
            {
                case null: Field((string?)null); break;
                case string s: Field(s); break;
                case double d: Field(d); break;
                case float f: Field((double)f); break;
                case int i: Field(i); break;
                case long l: Field(l); break;
                case bool b: Field(b); break;
                case DateTime t: Field(t); break;
                case IFormattable x: Field(x.ToString(null, CultureInfo.InvariantCulture)); break;
                default: Field(v.ToString()); break;
            }
        }
        EndRow();
    }

    /// <summary>
    /// Formats a double deterministically: NaN → "" (missing), ±∞ → "Infinity"/"-Infinity", otherwise "R"
    /// (shortest round-trip, invariant) or "F{decimals}" with negative zero written as zero.
    /// </summary>
    /// <example>FormatDouble(0.1, null) → "0.1"; FormatDouble(2.0 / 3, 4) → "0.6667"; FormatDouble(-0.00001, 2) → "0.00".</example>
    public static string FormatDouble(double value, int? decimals = null)
    {
        if (double.IsNaN(value)) return "";
        if (double.IsPositiveInfinity(value)) return "Infinity";
        if (double.IsNegativeInfinity(value)) return "-Infinity";
        if (decimals is null) return value.ToString("R", CultureInfo.InvariantCulture);
        string s = value.ToString("F" + decimals.Value.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return s[0] == '-' && s.AsSpan(1).IndexOfAnyExcept("0.") < 0 ? s[1..] : s;
    }

    /// <summary>Quotes a field when it holds a delimiter, quote, line break, or leading/trailing space (RFC 4180).</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        bool needs = value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (value.Length > 0 && (value[0] == ' ' || value[^1] == ' '));
        return needs ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    /// <summary>Flushes, and closes the file if this writer opened it.</summary>
    public void Dispose()
    {
        _writer.Flush();
        if (_ownsWriter) _writer.Dispose();
    }

    private void Append(string text)
    {
        if (_fieldsInRow > 0) _writer.Write(',');
        _writer.Write(text);
        _fieldsInRow++;
    }

    private static StreamWriter CreateFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        return new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };
    }
}
