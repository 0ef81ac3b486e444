namespace Mlsd.Notebooks.Execution;

/// <summary>A code cell to run: its 0-based index over all cells of the notebook, its source, and the kernel its metadata names.</summary>
internal readonly record struct CodeCell(int Index, string Source, string? KernelName);

/// <summary>What <see cref="NotebookExecutor.ExecuteCellsAsync"/> reports as it goes; every member is optional.</summary>
/// <param name="Ready">The compiler is warm; the first cell is about to start.</param>
/// <param name="CellStarted">A cell (by its index over all cells) starts.</param>
/// <param name="Output">A running cell produced or replaced an output.</param>
/// <param name="CellFinished">A cell's result, including cells not run.</param>
internal sealed record CellLoopEvents(
    Action? Ready = null,
    Action<int>? CellStarted = null,
    Action<int, OutputEvent>? Output = null,
    Action<CellExecutionResult>? CellFinished = null);
