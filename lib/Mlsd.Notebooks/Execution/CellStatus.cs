namespace Mlsd.Notebooks.Execution;

/// <summary>How a code cell's execution ended.</summary>
public enum CellStatus
{
    /// <summary>Ran to the end without an error.</summary>
    Succeeded,
    /// <summary>Did not compile, threw, or could not run here (other kernel, NuGet reference).</summary>
    Failed,
    /// <summary>Exceeded the per-cell or per-notebook time limit; the kernel process was killed.</summary>
    TimedOut,
    /// <summary>The kernel process died while the cell ran (FailFast, exit, stack overflow …).</summary>
    Crashed,
    /// <summary>Stopped because the run was cancelled (Ctrl+C, SIGTERM, a cancelled token); the kernel process was killed.</summary>
    Cancelled,
    /// <summary>Not run: an earlier cell failed (stop-on-first-error) or the kernel was gone.</summary>
    NotRun,
}
