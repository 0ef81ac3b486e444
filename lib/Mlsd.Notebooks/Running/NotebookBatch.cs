using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Mlsd.Notebooks.Format;

namespace Mlsd.Notebooks.Running;

/// <summary>What <see cref="NotebookRunner"/> and <see cref="Jupyter.JupyterRunner"/> do alike: read a notebook, run a batch a few at a time.</summary>
internal static class NotebookBatch
{
    /// <summary>
    /// Reads the notebook at <paramref name="fullPath"/>; when it cannot be read, or is written for another language's
    /// kernel, gives the failed run instead (reported to <paramref name="progress"/>).
    /// </summary>
    public static bool TryLoad(string fullPath, Stopwatch clock, Action<RunProgress>? progress,
        [NotNullWhen(true)] out Notebook? notebook, [NotNullWhen(false)] out NotebookRunResult? failed)
    {
        string problem;
        try
        {
            notebook = Notebook.Load(fullPath);
            if (PolyglotMetadata.OtherLanguage(notebook) is not { } other)
            {
                failed = null;
                return true;
            }
            problem = $"this notebook is for {other}; mlsd runs C# notebooks (kernelspec \".net-csharp\") only";
        }
        catch (Exception e) when (e is NotebookFormatException or IOException or UnauthorizedAccessException)
        {
            problem = e.Message;
        }
        notebook = null;
        failed = new NotebookRunResult(fullPath, [], clock.Elapsed, problem, null);
        progress?.Invoke(new RunProgress(fullPath, RunStage.NotebookFinished, 0, -1, Result: failed));
        return false;
    }

    /// <summary>
    /// Runs <paramref name="run"/> on each path, at most <paramref name="parallelism"/> at once; results in the order of the
    /// paths. Once <paramref name="cancellationToken"/> is cancelled, paths not yet started come back with the problem
    /// "the run was cancelled" (nothing throws).
    /// </summary>
    public static async Task<IReadOnlyList<NotebookRunResult>> RunAsync(IReadOnlyList<string> paths, int parallelism,
        Func<string, Task<NotebookRunResult>> run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var results = new NotebookRunResult[paths.Count];
        using var gate = new SemaphoreSlim(parallelism);
        await Task.WhenAll(paths.Select(async (path, i) =>
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
                results[i] = await run(path).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
        return results;
    }
}
