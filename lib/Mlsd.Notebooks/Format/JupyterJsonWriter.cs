using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mlsd.Notebooks.Format;

/// <summary>
/// Writes JSON the way Jupyter (Python <c>json.dumps(indent=1, ensure_ascii=False)</c>) and VS Code
/// (<c>JSON.stringify(…, 1)</c>) write notebooks, so a notebook we read and write back unchanged keeps its
/// exact bytes and diffs stay clean.
/// </summary>
/// <remarks>
/// Values read from a file keep their raw text (numbers like <c>1e-05</c>, strings with whatever escapes the
/// original writer chose). New strings are escaped as both writers do: <c>\"</c>, <c>\\</c>, the short
/// escapes <c>\b \f \n \r \t</c>, other control characters as lowercase <c>\u00xx</c>, and everything else
/// (non-ASCII included) written raw.
/// </remarks>
internal static class JupyterJsonWriter
{
    /// <summary>Serialises <paramref name="node"/> with the given indent unit and line ending.</summary>
    public static string Write(JsonNode? node, string indentUnit = " ", string newLine = "\n")
    {
        var sb = new StringBuilder(4096);
        WriteNode(sb, node, 0, indentUnit, newLine);
        return sb.ToString();
    }

    private static void WriteNode(StringBuilder sb, JsonNode? node, int depth, string indent, string nl)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject obj:
                if (obj.Count == 0) { sb.Append("{}"); break; }
                sb.Append('{');
                var first = true;
                foreach (var (key, value) in obj)
                {
                    if (!first) sb.Append(',');
                    first = false;
                    sb.Append(nl);
                    AppendIndent(sb, indent, depth + 1);
                    AppendString(sb, key);
                    sb.Append(": ");
                    WriteNode(sb, value, depth + 1, indent, nl);
                }
                sb.Append(nl);
                AppendIndent(sb, indent, depth);
                sb.Append('}');
                break;
            case JsonArray arr:
                if (arr.Count == 0) { sb.Append("[]"); break; }
                sb.Append('[');
                for (var i = 0; i < arr.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    sb.Append(nl);
                    AppendIndent(sb, indent, depth + 1);
                    WriteNode(sb, arr[i], depth + 1, indent, nl);
                }
                sb.Append(nl);
                AppendIndent(sb, indent, depth);
                sb.Append(']');
                break;
            case JsonValue value:
                WriteValue(sb, value);
                break;
        }
    }

    private static void WriteValue(StringBuilder sb, JsonValue value)
    {
        // Values parsed from a file are backed by a JsonElement: keep their exact original text.
        if (value.TryGetValue<JsonElement>(out var element))
        {
            sb.Append(element.GetRawText());
            return;
        }
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                AppendString(sb, value.GetValue<string>());
                break;
            case JsonValueKind.True:
                sb.Append("true");
                break;
            case JsonValueKind.False:
                sb.Append("false");
                break;
            case JsonValueKind.Null:
                sb.Append("null");
                break;
            default:
                // Numbers we create: System.Text.Json prints them invariantly and round-trippably.
                sb.Append(value.ToJsonString());
                break;
        }
    }

    private static void AppendIndent(StringBuilder sb, string indent, int depth)
    {
        for (var i = 0; i < depth; i++) sb.Append(indent);
    }

    /// <summary>Appends a JSON string literal using the escapes Python's json.dumps(ensure_ascii=False) uses.</summary>
    public static void AppendString(StringBuilder sb, string s)
    {
        sb.Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20)
                        sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    else if (char.IsSurrogate(c) && !IsPairedSurrogate(s, i))
                        // A lone surrogate cannot be written as UTF-8; escape it as JavaScript's JSON.stringify does.
                        sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    else
                        sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }

    private static bool IsPairedSurrogate(string s, int i) =>
        char.IsHighSurrogate(s[i]) ? i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])
                                   : i > 0 && char.IsHighSurrogate(s[i - 1]);
}
