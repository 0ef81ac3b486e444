using System.Text.Json.Nodes;
using Mlsd.Notebooks.Format;

namespace Mlsd.Notebooks.Execution;

/// <summary>The result of running one code cell.</summary>
/// <param name="CellIndex">0-based index over all cells of the notebook.</param>
/// <param name="CodeCellIndex">0-based index over the code cells only.</param>
/// <param name="Status">How it ended.</param>
/// <param name="Outputs">nbformat outputs in order (an error output included when it failed).</param>
/// <param name="Error">Why it failed, or null.</param>
/// <param name="Elapsed">Wall-clock time of the cell.</param>
/// <param name="ExecutionCount">The Jupyter execution count given to the cell, or null when it did not run.</param>
public sealed record CellExecutionResult(
    int CellIndex,
    int CodeCellIndex,
    CellStatus Status,
    IReadOnlyList<JsonObject> Outputs,
    CellError? Error,
    TimeSpan Elapsed,
    int? ExecutionCount)
{
    /// <summary>1-based cell number over all cells (what a person counts in the editor).</summary>
    public int CellNumber => CellIndex + 1;

    /// <summary>1-based number among code cells.</summary>
    public int CodeCellNumber => CodeCellIndex + 1;

    /// <summary>True when the cell ran without error.</summary>
    public bool Succeeded => Status == CellStatus.Succeeded;

    /// <summary>All stdout text of the cell, concatenated.</summary>
    public string StandardOutput => string.Concat(Outputs
        .Where(o => o["output_type"]?.GetValue<string>() == "stream" && o["name"]?.GetValue<string>() == "stdout")
        .Select(o => NotebookOutputs.GetText(o)));

    /// <summary>
    /// A one-line report such as <c>code cell 2, line 3: CompilationError: (3,1): error CS0103 …</c>, or
    /// <c>code cell 2: succeeded</c>. Code cells are numbered 1, 2, 3 … skipping markdown: the numbers the HTML pages,
    /// <c>mlsd run</c> and <c>mlsd check</c> show.
    /// </summary>
    public string Describe()
    {
        var where = $"code cell {CodeCellNumber}";
        if (Error is null) return $"{where}: {Status.ToString().ToLowerInvariant()}";
        var line = Error.Line is int l ? $", line {l}" : "";
        return $"{where}{line}: {Error}";
    }
}
