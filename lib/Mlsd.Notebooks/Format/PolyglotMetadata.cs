using System.Text.Json.Nodes;

namespace Mlsd.Notebooks.Format;

/// <summary>
/// The metadata our C# notebooks carry so they open highlighted as C# and run in VS Code under either the Jupyter
/// extension's ".NET (C#)" kernel or Polyglot Notebooks, and in JupyterLab, nbclient and papermill. Keys are in sorted
/// order, as Jupyter and VS Code write them. Why these keys and not others: lib/Mlsd.Notebooks/README.md.
/// </summary>
public static class PolyglotMetadata
{
    /// <summary>The Polyglot kernel name of C# cells.</summary>
    public const string CSharpKernel = "csharp";

    /// <summary>The only cell language VS Code may record for our code cells (when one is recorded at all).</summary>
    public const string CSharpLanguageId = "csharp";

    /// <summary>
    /// Notebook-level metadata: the kernelspec <c>dotnet interactive jupyter install</c> registers (Jupyter front ends
    /// pick the kernel by its name; Polyglot recognises .NET notebooks by the <c>.net-</c> prefix), language_info as that
    /// kernel reports it (VS Code derives the cells' language from its name, "C#" → csharp), and Polyglot's kernelInfo.
    /// </summary>
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

    /// <summary>
    /// Metadata on every C# code cell: Polyglot's <c>polyglot_notebook.kernelName</c>, and deliberately no
    /// <c>vscode.languageId</c>: VS Code then takes the cell language from language_info (csharp), which the Jupyter
    /// kernel accepts and highlights; "polyglot-notebook" there would leave cells unhighlighted and unrunnable without
    /// the Polyglot extension, which sets that language itself when it opens the notebook.
    /// </summary>
    public static JsonObject CreateCodeCellMetadata() => new()
    {
        ["polyglot_notebook"] = new JsonObject { ["kernelName"] = CSharpKernel },
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
    /// Problems that would keep <paramref name="notebook"/> from opening as C# and running under both the Jupyter .NET
    /// kernel and Polyglot (missing kernelspec/kernelInfo/language_info, a code cell without its kernel metadata or
    /// with a cell language other than C# — as Polyglot records when it saves, no cell ids). Empty when all is well.
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
            if ((cell.Metadata["vscode"] as JsonObject)?["languageId"]?.ToString() is { } language && language != CSharpLanguageId)
                problems.Add($"cell {i + 1}: metadata.vscode.languageId is \"{language}\": remove it (or make it \"{CSharpLanguageId}\"), " +
                             "or VS Code's Jupyter kernel will neither highlight nor run the cell");
        }
        return problems;
    }
}
