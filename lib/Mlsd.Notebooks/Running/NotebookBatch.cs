namespace Mlsd.Notebooks.Running;

/// <summary>Runs a batch of notebooks a few at a time, for <see cref="NotebookRunner"/> and <see cref="Jupyter.JupyterRunner"/> alike.</summary>
internal static class NotebookBatch
{
    /// <summary>Runs <paramref name="run"/> on each path, at most <paramref name="parallelism"/> at once; results in the order of the paths.</summary>
    public static async Task<IReadOnlyList<NotebookRunResult>> RunAsync(IReadOnlyList<string> paths, int parallelism,
        Func<string, Task<NotebookRunResult>> run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var results = new NotebookRunResult[paths.Count];
        using var gate = new SemaphoreSlim(parallelism);
        await Task.WhenAll(paths.Select(async (path, i) =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
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
