using System.Diagnostics;
using Mlsd.Notebooks.Format;

namespace Mlsd.Notebooks.Running;

/// <summary>
/// Runs notebooks headlessly, each in its own kernel process (cwd = the notebook's folder), with per-cell and
/// per-notebook time limits. A cell that hangs or a kernel that crashes (FailFast, exit, stack overflow) is
/// reported against the cell that was running, the outputs of the cells that finished are kept, and the
/// other notebooks still run. The source notebook is only read; see <see cref="NotebookRunResult.ExecutedNotebook"/>.
/// </summary>
public sealed class NotebookRunner
{
    /// <summary>Creates a runner; <paramref name="options"/> defaults to 60 s per cell, 300 s per notebook, stop on first error.</summary>
    public NotebookRunner(NotebookRunnerOptions? options = null)
    {
        Options = options ?? new NotebookRunnerOptions();
        if (Options.CellTimeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(options), $"CellTimeout must be positive (got {Options.CellTimeout}).");
        if (Options.NotebookTimeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(options), $"NotebookTimeout must be positive (got {Options.NotebookTimeout}).");
        if (Options.Parallelism < 1)
            throw new ArgumentOutOfRangeException(nameof(options), $"Parallelism must be at least 1 (got {Options.Parallelism}).");
        if (Options.CellOutputLimit < 1)
            throw new ArgumentOutOfRangeException(nameof(options), $"CellOutputLimit must be positive (got {Options.CellOutputLimit}).");
        if (Options.MemoryLimit < NotebookRunnerOptions.MinimumMemoryLimit)
            throw new ArgumentOutOfRangeException(nameof(options),
                $"MemoryLimit must be at least {NotebookRunnerOptions.MinimumMemoryLimit >> 20} MiB, or null for none (got {Options.MemoryLimit} bytes).");
    }

    /// <summary>The limits in force.</summary>
    public NotebookRunnerOptions Options { get; }

    /// <summary>Runs one notebook; never throws for problems in the notebook (they are in the result).</summary>
    public async Task<NotebookRunResult> RunAsync(string notebookPath, Action<RunProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(notebookPath);
        var full = Path.GetFullPath(notebookPath);
        var clock = Stopwatch.StartNew();
        if (!NotebookBatch.TryLoad(full, clock, progress, out var notebook, out var failed)) return failed;
        KernelCommand kernel;
        try
        {
            kernel = Options.Kernel ?? KernelCommand.Default();
        }
        catch (FileNotFoundException e)
        {
            return new NotebookRunResult(full, [], clock.Elapsed, e.Message, null);
        }
        var session = new KernelSession(full, notebook, Options, kernel, progress, clock);
        var result = await session.RunAsync(cancellationToken).ConfigureAwait(false);
        progress?.Invoke(new RunProgress(full, RunStage.NotebookFinished, result.Cells.Count, -1, Result: result));
        return result;
    }

    /// <summary>
    /// Runs several notebooks, <see cref="NotebookRunnerOptions.Parallelism"/> at a time; results come back in
    /// the order of <paramref name="notebookPaths"/> whatever order they finish in. Once
    /// <paramref name="cancellationToken"/> is cancelled, running kernels are killed and notebooks not yet started
    /// come back with the problem "the run was cancelled" (nothing throws).
    /// </summary>
    public Task<IReadOnlyList<NotebookRunResult>> RunAllAsync(IReadOnlyList<string> notebookPaths, Action<RunProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        NotebookBatch.RunAsync(notebookPaths, Options.Parallelism, path => RunAsync(path, progress, cancellationToken), cancellationToken);
}
