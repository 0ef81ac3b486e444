namespace Mlsd.Notebooks.Running;

/// <summary>Limits and behaviour of <see cref="NotebookRunner"/>.</summary>
public sealed record NotebookRunnerOptions
{
    /// <summary>Longest a single cell may run before the kernel is killed (default 60 s).</summary>
    public TimeSpan CellTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest a whole notebook may run, kernel start-up included (default 300 s).</summary>
    public TimeSpan NotebookTimeout { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>Run the remaining cells after a failing one (default: stop at the first error).</summary>
    public bool ContinueOnError { get; init; }

    /// <summary>How many notebooks run at once in <see cref="NotebookRunner.RunAllAsync"/> (default 1).</summary>
    public int Parallelism { get; init; } = 1;

    /// <summary>How to start the kernel process; null means <see cref="KernelCommand.Default"/>.</summary>
    public KernelCommand? Kernel { get; init; }
}
