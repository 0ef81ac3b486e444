using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mlsd.Notebooks.Format;

/// <summary>A view over one cell's JSON object: reading or changing a property edits the document in place.</summary>
public sealed class NotebookCell
{
    internal NotebookCell(JsonObject json) => Json = json;

    /// <summary>The cell's JSON object (unknown fields live here untouched).</summary>
    public JsonObject Json { get; }

    /// <summary>Code, markdown or raw.</summary>
    public CellKind Kind => Json["cell_type"]!.GetValue<string>() switch
    {
        "code" => CellKind.Code,
        "markdown" => CellKind.Markdown,
        _ => CellKind.Raw,
    };

    /// <summary>The nbformat 4.5 cell id, if present.</summary>
    public string? Id => Json["id"]?.GetValue<string>();

    /// <summary>Cell metadata (for code cells: polyglot_notebook.kernelName, vscode.languageId …).</summary>
    public JsonObject Metadata => (JsonObject)Json["metadata"]!;

    /// <summary>
    /// The source text. Setting it keeps the stored form: a line array (as Jupyter writes) stays a line
    /// array, a single string stays a string.
    /// </summary>
    public string Source
    {
        get => JoinText(Json["source"]);
        set => Json["source"] = Json["source"] is JsonValue ? JsonValue.Create(value) : NotebookText.ToLineArray(value);
    }

    /// <summary>
    /// The kernel this cell is meant for according to its metadata (Polyglot's <c>polyglot_notebook.kernelName</c>,
    /// or the older <c>dotnet_interactive.language</c>), or null when the metadata does not say.
    /// </summary>
    public string? KernelName =>
        (Metadata["polyglot_notebook"] as JsonObject)?["kernelName"]?.GetValue<string>()
        ?? (Metadata["dotnet_interactive"] as JsonObject)?["language"]?.GetValue<string>();

    /// <summary>The outputs array of a code cell (null for markdown/raw cells).</summary>
    public JsonArray? Outputs => Json["outputs"] as JsonArray;

    /// <summary>The execution count of a code cell, null when it has not run.</summary>
    public int? ExecutionCount
    {
        get => Json["execution_count"] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<int>() : null;
        set
        {
            if (Kind == CellKind.Code) Json["execution_count"] = value is null ? null : JsonValue.Create(value.Value);
        }
    }

    /// <summary>Empties the outputs and execution count of a code cell (no-op for other cells).</summary>
    public void ClearOutputs()
    {
        if (Kind != CellKind.Code) return;
        if (Outputs is { Count: > 0 }) Json["outputs"] = new JsonArray();
        if (Json["execution_count"] is not null) Json["execution_count"] = null;
    }

    /// <summary>Replaces the outputs of a code cell with copies of <paramref name="outputs"/>.</summary>
    public void SetOutputs(IEnumerable<JsonObject> outputs)
    {
        var array = new JsonArray();
        foreach (var o in outputs) array.Add(o.Parent is null ? o : o.DeepClone());
        Json["outputs"] = array;
    }

    /// <summary>Joins a line array (or returns a single string) as nbformat stores multi-line text.</summary>
    internal static string JoinText(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v => v.GetValue<string>(),
        JsonArray a => string.Concat(a.Select(x => x?.GetValue<string>() ?? "")),
        _ => node.ToJsonString(),
    };

    internal static NotebookCell CreateMarkdown(string source, string id) => new(new JsonObject
    {
        ["cell_type"] = "markdown",
        ["id"] = id,
        ["metadata"] = new JsonObject(),
        ["source"] = NotebookText.ToLineArray(source),
    });

    internal static NotebookCell CreateCode(string source, string id) => new(new JsonObject
    {
        ["cell_type"] = "code",
        ["execution_count"] = null,
        ["id"] = id,
        ["metadata"] = PolyglotMetadata.CreateCodeCellMetadata(),
        ["outputs"] = new JsonArray(),
        ["source"] = NotebookText.ToLineArray(source),
    });

    /// <inheritdoc/>
    public override string ToString() => $"{Kind} cell {Id}: {Source.Split('\n')[0]}";
}
