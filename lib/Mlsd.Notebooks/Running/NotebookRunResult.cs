using Mlsd.Notebooks.Execution;
using Mlsd.Notebooks.Format;

namespace Mlsd.Notebooks.Running;

/// <summary>A limit of <see cref="NotebookRunnerOptions"/> that stopped a run.</summary>
public enum RunLimit
{
    /// <summary>A cell ran longer than <see cref="NotebookRunnerOptions.CellTimeout"/>.</summary>
    CellTime,
    /// <summary>The notebook ran longer than <see cref="NotebookRunnerOptions.NotebookTimeout"/>.</summary>
    NotebookTime,
    /// <summary>A cell needed more than <see cref="NotebookRunnerOptions.MemoryLimit"/>.</summary>
    Memory,
}

/// <summary>The outcome of running one notebook out of process.</summary>
/// <param name="NotebookPath">The notebook that ran.</param>
/// <param name="Cells">One result per code cell, in order (cells that did not run have <see cref="CellStatus.NotRun"/>).</param>
/// <param name="Elapsed">Wall-clock time, kernel start-up included.</param>
/// <param name="Problem">A notebook-level failure (unreadable file, kernel failed to start …), or null.</param>
/// <param name="ExecutedNotebook">A copy of the notebook with the outputs and execution counts of this run (null if it could not be read).</param>
public sealed record NotebookRunResult(
    string NotebookPath,
    IReadOnlyList<CellExecutionResult> Cells,
    TimeSpan Elapsed,
    string? Problem,
    Notebook? ExecutedNotebook)
{
    /// <summary>The limit that stopped the run, if one did (so a caller can say how to raise it).</summary>
    public RunLimit? LimitReached { get; init; }

    /// <summary>True when the notebook could be run and every code cell succeeded.</summary>
    public bool Succeeded => Problem is null && Cells.All(c => c.Status == CellStatus.Succeeded);

    /// <summary>The first cell that failed, timed out or crashed, if any.</summary>
    public CellExecutionResult? FirstFailure => Cells.FirstOrDefault(c => c.Status is CellStatus.Failed or CellStatus.TimedOut or CellStatus.Crashed or CellStatus.Cancelled);

    /// <summary>How many code cells ran (successfully or not).</summary>
    public int CellsRun => Cells.Count(c => c.Status != CellStatus.NotRun);

    /// <summary>
    /// A one-line report naming the notebook, and for a failure the cell number, line and message — e.g.
    /// <c>01-ads.ipynb: code cell 2, line 3: System.InvalidOperationException: boom</c>.
    /// </summary>
    public string Describe()
    {
        var name = Path.GetFileName(NotebookPath);
        if (Problem is not null) return $"{name}: {Problem}";
        return FirstFailure is { } f ? $"{name}: {f.Describe()}" : $"{name}: ok ({Cells.Count} code cells)";
    }

    /// <summary>Writes <see cref="ExecutedNotebook"/> to <paramref name="path"/> atomically.</summary>
    /// <exception cref="InvalidOperationException">There is no executed notebook (the source could not be read).</exception>
    public void SaveExecutedNotebook(string path)
    {
        if (ExecutedNotebook is null) throw new InvalidOperationException($"{NotebookPath} has no executed copy: {Problem}");
        ExecutedNotebook.Save(path);
    }
}
