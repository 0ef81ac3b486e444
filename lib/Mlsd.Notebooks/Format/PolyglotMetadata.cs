using System.Text.Json.Nodes;

namespace Mlsd.Notebooks;

/// <summary>
/// The metadata VS Code's Polyglot Notebooks extension writes for a C# notebook, so notebooks we create open
/// cleanly there and Jupyter still highlights them as C#. Keys are in sorted order, as both writers emit them.
/// </summary>
public static class PolyglotMetadata
{
    /// <summary>The Polyglot kernel name of C# cells.</summary>
    public const string CSharpKernel = "csharp";

    /// <summary>Notebook-level metadata: kernelspec, language_info and polyglot_notebook.kernelInfo.</summary>
    public static JsonObject CreateNotebookMetadata() => new()
    {
        ["kernelspec"] = new JsonObject
        {
            ["display_name"] = ".NET (C#)",
            ["language"] = "C#",
            ["name"] = ".net-csharp",
        },
        ["language_info"] = new JsonObject
        {
            ["file_extension"] = ".cs",
            ["mimetype"] = "text/x-csharp",
            ["name"] = "C#",
            ["pygments_lexer"] = "csharp",
            ["version"] = "13.0",
        },
        ["polyglot_notebook"] = new JsonObject
        {
            ["kernelInfo"] = new JsonObject
            {
                ["defaultKernelName"] = CSharpKernel,
                ["items"] = new JsonArray
                {
                    new JsonObject { ["aliases"] = new JsonArray(), ["name"] = CSharpKernel },
                },
            },
        },
    };

    /// <summary>Metadata on every C# code cell: polyglot_notebook.kernelName and vscode.languageId.</summary>
    public static JsonObject CreateCodeCellMetadata() => new()
    {
        ["polyglot_notebook"] = new JsonObject { ["kernelName"] = CSharpKernel },
        ["vscode"] = new JsonObject { ["languageId"] = "polyglot-notebook" },
    };

    /// <summary>
    /// The kernel a notebook is written for, when it is not C# — e.g. <c>'python3' (Python 3, language python)</c> — from
    /// its kernelspec, else from language_info; null for a C# notebook or one whose metadata does not say.
    /// </summary>
    public static string? OtherLanguage(Notebook notebook)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        var spec = notebook.Metadata["kernelspec"] as JsonObject;
        var name = Text(spec?["name"]);
        var language = Text(spec?["language"]) ?? Text((notebook.Metadata["language_info"] as JsonObject)?["name"]);
        if (name is null && language is null) return null;
        if (IsCSharp(language) || (language is null && name!.EndsWith("csharp", StringComparison.OrdinalIgnoreCase))) return null;
        var display = Text(spec?["display_name"]);
        var details = string.Join(", ", new[] { display, language is null ? null : $"language {language}" }.OfType<string>());
        return $"the '{name ?? language}' kernel" + (details.Length > 0 ? $" ({details})" : "");
    }

    private static bool IsCSharp(string? language) =>
        language is not null && (language.Equals("C#", StringComparison.OrdinalIgnoreCase) || language.Equals("csharp", StringComparison.OrdinalIgnoreCase));

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) && s.Trim().Length > 0 ? s.Trim() : null;

    /// <summary>
    /// Problems that would keep VS Code from opening <paramref name="notebook"/> as a clean C# Polyglot notebook
    /// (missing kernelspec/kernelInfo/language_info, a code cell without its kernel metadata, no cell ids).
    /// Empty when all is well.
    /// </summary>
    public static IReadOnlyList<string> FindProblems(Notebook notebook)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        var problems = new List<string>();
        var meta = notebook.Metadata;
        var spec = meta["kernelspec"] as JsonObject;
        if (spec?["name"]?.ToString() != ".net-csharp" || spec["language"]?.ToString() != "C#")
            problems.Add("metadata.kernelspec must be {display_name \".NET (C#)\", language \"C#\", name \".net-csharp\"}");
        if ((meta["language_info"] as JsonObject)?["name"]?.ToString() != "C#")
            problems.Add("metadata.language_info.name must be \"C#\"");
        if ((meta["polyglot_notebook"] as JsonObject)?["kernelInfo"] is not JsonObject info
            || info["defaultKernelName"]?.ToString() != CSharpKernel)
            problems.Add("metadata.polyglot_notebook.kernelInfo.defaultKernelName must be \"csharp\"");
        if (notebook.FormatMinor < 5) problems.Add($"nbformat_minor must be >= 5 (cell ids); got {notebook.FormatMinor}");
        for (var i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            if (string.IsNullOrEmpty(cell.Id)) problems.Add($"cell {i + 1} has no id");
            if (cell.Kind != CellKind.Code) continue;
            if (cell.KernelName != CSharpKernel)
                problems.Add($"cell {i + 1}: metadata.polyglot_notebook.kernelName must be \"csharp\"");
            if ((cell.Metadata["vscode"] as JsonObject)?["languageId"]?.ToString() != "polyglot-notebook")
                problems.Add($"cell {i + 1}: metadata.vscode.languageId must be \"polyglot-notebook\"");
        }
        return problems;
    }
}
