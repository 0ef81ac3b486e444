using Mlsd.Notebooks.Execution;

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

    /// <summary>
    /// Characters of output kept per cell (default <see cref="OutputLimits.DefaultCellOutputCharacters"/>); the rest
    /// is left out with a note.
    /// </summary>
    public long CellOutputLimit { get; init; } = OutputLimits.DefaultCellOutputCharacters;

    /// <summary>
    /// Bytes of managed heap each kernel may use (default <see cref="DefaultMemoryLimit"/>; null for no limit). A cell
    /// that needs more fails with "code cell N exceeded the memory limit" instead of starving the notebooks running beside it.
    /// </summary>
    public long? MemoryLimit { get; init; } = DefaultMemoryLimit;

    /// <summary>The smallest memory limit accepted: the compiler alone needs about this much.</summary>
    public const long MinimumMemoryLimit = 256L << 20;

    /// <summary>
    /// A sixth of the memory this machine (or container) offers, at least 1 GiB, in whole 256 MiB: 4 GiB on 24 GiB, so
    /// four notebooks in parallel leave a third of the machine to everything else.
    /// </summary>
    public static long DefaultMemoryLimit { get; } = Math.Max(1L << 30, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 6 / (256L << 20) * (256L << 20));
}
