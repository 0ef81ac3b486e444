using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mlsd.Plots;

/// <summary>Turns .NET values into the JSON Plotly expects (invariant culture; NaN and infinities become null,
/// which Plotly draws as gaps).</summary>
internal static class Json
{
    public static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };
    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static JsonArray Array<T>(IEnumerable<T> values, string argumentName, out int count)
    {
        if (values is null) throw new ArgumentNullException(argumentName);
        var array = new JsonArray();
        count = 0;
        foreach (var value in values)
        {
            array.Add(Value(value));
            count++;
        }
        return array;
    }

    public static JsonNode? Value(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        double d => double.IsFinite(d) ? JsonValue.Create(d) : null,
        float f => float.IsFinite(f) ? JsonValue.Create(f) : null,
        decimal m => JsonValue.Create(m),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        short s => JsonValue.Create(s),
        byte b => JsonValue.Create(b),
        uint u => JsonValue.Create(u),
        ulong u => JsonValue.Create(u),
        bool b => JsonValue.Create(b),
        string s => JsonValue.Create(s),
        DateOnly d => JsonValue.Create(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        DateTime t => JsonValue.Create(t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.')),
        DateTimeOffset t => JsonValue.Create(t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.')),
        IFormattable f => JsonValue.Create(f.ToString(null, CultureInfo.InvariantCulture)),
        _ => JsonValue.Create(value.ToString()),
    };

    public static JsonArray Matrix(double[,] z)
    {
        var rows = new JsonArray();
        for (int r = 0; r < z.GetLength(0); r++)
        {
            var row = new JsonArray();
            for (int c = 0; c < z.GetLength(1); c++) row.Add(Value(z[r, c]));
            rows.Add(row);
        }
        return rows;
    }

    public static JsonObject Title(string text) => new() { ["text"] = text };

    /// <summary>Gets <paramref name="key"/> as an object, creating it when missing.</summary>
    public static JsonObject Obj(this JsonObject parent, string key)
    {
        if (parent[key] is JsonObject existing) return existing;
        var created = new JsonObject();
        parent[key] = created;
        return created;
    }
}
