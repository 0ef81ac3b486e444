using System.Diagnostics;

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
        Notebook notebook;
        try
        {
            notebook = Notebook.Load(full);
        }
        catch (Exception e) when (e is NotebookFormatException or IOException or UnauthorizedAccessException)
        {
            return Refuse(full, e.Message, clock, progress);
        }
        if (PolyglotMetadata.OtherLanguage(notebook) is { } other)
            return Refuse(full, $"this notebook is for {other}; mlsd runs C# notebooks (kernelspec \".net-csharp\") only", clock, progress);
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

    private static NotebookRunResult Refuse(string path, string problem, Stopwatch clock, Action<RunProgress>? progress)
    {
        var failed = new NotebookRunResult(path, [], clock.Elapsed, problem, null);
        progress?.Invoke(new RunProgress(path, RunStage.NotebookFinished, 0, -1, Result: failed));
        return failed;
    }

    /// <summary>
    /// Runs several notebooks, <see cref="NotebookRunnerOptions.Parallelism"/> at a time; results come back in
    /// the order of <paramref name="notebookPaths"/> whatever order they finish in. Once
    /// <paramref name="cancellationToken"/> is cancelled, running kernels are killed and notebooks not yet started
    /// come back with the problem "the run was cancelled" (nothing throws).
    /// </summary>
    public async Task<IReadOnlyList<NotebookRunResult>> RunAllAsync(IReadOnlyList<string> notebookPaths, Action<RunProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notebookPaths);
        var results = new NotebookRunResult[notebookPaths.Count];
        using var gate = new SemaphoreSlim(Options.Parallelism);
        await Task.WhenAll(notebookPaths.Select(async (path, i) =>
        {
            try
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                results[i] = new NotebookRunResult(Path.GetFullPath(path), [], TimeSpan.Zero, "the run was cancelled", null);
                return;
            }
            try
            {
                results[i] = await RunAsync(path, progress, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
        return results;
    }
}
