using Mlsd.Notebooks.Jupyter;
using Mlsd.Notebooks.Running;

namespace Mlsd.Cli;

/// <summary>
/// <c>mlsd run --kernel engine|jupyter</c>: which kernel runs the notebooks. <c>engine</c> (the default) is ours, fast and
/// headless; <c>jupyter</c> is the real .NET Interactive kernel (".NET (C#)") through Jupyter's own client, the path a
/// learner takes in VS Code's Jupyter extension or JupyterLab — one command to check that a notebook runs there too.
/// </summary>
internal static class KernelOption
{
    public const string Name = "--kernel";

    /// <summary>Runs the given notebooks, reporting progress, and returns their results in order.</summary>
    public delegate Task<IReadOnlyList<NotebookRunResult>> RunAll(IReadOnlyList<string> paths, Action<RunProgress>? progress);

    /// <summary>The runner <paramref name="options"/> asks for.</summary>
    /// <exception cref="UsageException">The value is neither engine nor jupyter.</exception>
    public static RunAll Create(Options options, NotebookRunnerOptions runnerOptions)
    {
        var kernel = options.Values.GetValueOrDefault(Name) ?? "engine";
        switch (kernel)
        {
            case "engine":
                var engine = new NotebookRunner(runnerOptions);
                return (paths, progress) => engine.RunAllAsync(paths, progress);
            case "jupyter":
                var jupyter = new JupyterRunner(runnerOptions);
                return (paths, progress) => jupyter.RunAllAsync(paths, progress);
            default:
                throw new UsageException($"{Name} expects 'engine' (ours, the default) or 'jupyter' (the real .NET (C#) kernel through Jupyter); got '{kernel}'.");
        }
    }
}
