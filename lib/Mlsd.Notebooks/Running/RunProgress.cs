using Mlsd.Notebooks.Execution;

namespace Mlsd.Notebooks.Running;

/// <summary>What a progress event reports.</summary>
public enum RunStage
{
    /// <summary>The kernel process is starting.</summary>
    NotebookStarted,
    /// <summary>A code cell started (see <see cref="RunProgress.CodeCellIndex"/>).</summary>
    CellStarted,
    /// <summary>A code cell finished (see <see cref="RunProgress.Cell"/>).</summary>
    CellFinished,
    /// <summary>The notebook is done (see <see cref="RunProgress.Result"/>).</summary>
    NotebookFinished,
}

/// <summary>A progress event from <see cref="NotebookRunner"/>; may arrive on any thread.</summary>
/// <param name="NotebookPath">Which notebook.</param>
/// <param name="Stage">What happened.</param>
/// <param name="CodeCellCount">How many code cells the notebook has.</param>
/// <param name="CodeCellIndex">0-based index of the code cell concerned (-1 for notebook-level events).</param>
/// <param name="Cell">The finished cell's result (for <see cref="RunStage.CellFinished"/>).</param>
/// <param name="Result">The notebook's result (for <see cref="RunStage.NotebookFinished"/>).</param>
public sealed record RunProgress(string NotebookPath, RunStage Stage, int CodeCellCount, int CodeCellIndex,
    CellExecutionResult? Cell = null, NotebookRunResult? Result = null);
