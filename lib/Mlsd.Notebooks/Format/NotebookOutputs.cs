using System.Text.Json.Nodes;

namespace Mlsd.Notebooks.Format;

/// <summary>Builds nbformat output objects with keys in the order Jupyter writes them.</summary>
public static class NotebookOutputs
{
    /// <summary>A <c>stream</c> output; <paramref name="name"/> is "stdout" or "stderr".</summary>
    public static JsonObject Stream(string name, string text) => new()
    {
        ["name"] = name,
        ["output_type"] = "stream",
        ["text"] = NotebookText.ToLineArray(text),
    };

    /// <summary>A <c>display_data</c> output from mime type → content (text types stored as line arrays).</summary>
    public static JsonObject DisplayData(IEnumerable<KeyValuePair<string, string>> data) => new()
    {
        ["data"] = Bundle(data),
        ["metadata"] = new JsonObject(),
        ["output_type"] = "display_data",
    };

    /// <summary>
    /// An <c>execute_result</c> output: a cell's trailing value, as Jupyter kernels (the .NET one included) send it,
    /// numbered with the cell's execution count.
    /// </summary>
    public static JsonObject ExecuteResult(IEnumerable<KeyValuePair<string, string>> data, int executionCount) => new()
    {
        ["data"] = Bundle(data),
        ["execution_count"] = executionCount,
        ["metadata"] = new JsonObject(),
        ["output_type"] = "execute_result",
    };

    /// <summary>An <c>error</c> output.</summary>
    public static JsonObject Error(string ename, string evalue, IEnumerable<string> traceback)
    {
        var tb = new JsonArray();
        foreach (var line in traceback) tb.Add(line);
        return new JsonObject
        {
            ["ename"] = ename,
            ["evalue"] = evalue,
            ["output_type"] = "error",
            ["traceback"] = tb,
        };
    }

    /// <summary>The text of a stream output, or of one mime type of a display output (null if absent).</summary>
    public static string? GetText(JsonObject output, string? mimeType = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (mimeType is null) return output["text"] is { } t ? NotebookCell.JoinText(t) : null;
        return (output["data"] as JsonObject)?[mimeType] is { } d ? NotebookCell.JoinText(d) : null;
    }

    private static JsonObject Bundle(IEnumerable<KeyValuePair<string, string>> data)
    {
        var bundle = new JsonObject();
        foreach (var (mime, content) in data.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            bundle[mime] = IsLineSplit(mime) ? NotebookText.ToLineArray(content) : JsonValue.Create(content);
        return bundle;
    }

    private static bool IsLineSplit(string mime) =>
        mime.StartsWith("text/", StringComparison.Ordinal) || mime == "image/svg+xml";
}
