using System.CommandLine;
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
    public const string Engine = "engine";
    public const string Jupyter = "jupyter";

    /// <summary>Runs the given notebooks, reporting progress, and returns their results in order.</summary>
    public delegate Task<IReadOnlyList<NotebookRunResult>> RunAll(IReadOnlyList<string> paths, Action<RunProgress>? progress,
        CancellationToken cancellationToken);

    /// <summary>The option, validated: anything but engine or jupyter is a usage error naming both.</summary>
    public static Option<string> Create()
    {
        var option = new Option<string>(Name)
        {
            Description = "engine (ours, fast; the default) or jupyter (the real .NET (C#) kernel through Jupyter, as VS Code and " +
                          "JupyterLab run it; needs python3-nbclient and the registered kernel)",
            DefaultValueFactory = _ => Engine,
        };
        option.Validators.Add(result =>
        {
            var value = result.Tokens.Count > 0 ? result.Tokens[0].Value : Engine;
            if (value is not (Engine or Jupyter))
                result.AddError($"{Name} expects '{Engine}' (ours, the default) or '{Jupyter}' (the real .NET (C#) kernel through Jupyter); got '{value}'.");
        });
        return option;
    }

    /// <summary>The runner <paramref name="kernel"/> names, with <paramref name="runnerOptions"/>.</summary>
    public static RunAll Runner(string kernel, NotebookRunnerOptions runnerOptions)
    {
        switch (kernel)
        {
            case Engine:
                var engine = new NotebookRunner(runnerOptions);
                return engine.RunAllAsync;
            case Jupyter:
                var jupyter = new JupyterRunner(runnerOptions);
                return jupyter.RunAllAsync;
            default:
                throw new UsageException($"{Name} expects '{Engine}' or '{Jupyter}'; got '{kernel}'.");
        }
    }
}
