using Mlsd.Notebooks.Execution;
using Mlsd.Notebooks.Running;

namespace Mlsd.Notebooks.Tests;

/// <summary>
/// The runner's watchdog and protocol handling against scripted stand-in kernels (a shell script speaking the
/// event protocol), so misbehaviour is exact and cheap to produce.
/// </summary>
public sealed class FakeKernelTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _notebook;

    public FakeKernelTests() => _notebook = TestNotebooks.Write(_dir.Combine("n.ipynb"), "md:# T", "var a = 1;", "a");

    public void Dispose() => _dir.Dispose();

    private Task<NotebookRunResult> Run(string script, double notebookSeconds = 30, long outputLimit = OutputLimits.DefaultCellOutputCharacters) =>
        new NotebookRunner(new NotebookRunnerOptions
        {
            NotebookTimeout = TimeSpan.FromSeconds(notebookSeconds),
            CellOutputLimit = outputLimit,
            Kernel = new KernelCommand("/bin/sh", ["-c", script]),
        }).RunAsync(_notebook);

    // \036 is the record separator that starts every event line.
    private const string Ready = "printf '\\036{\"event\":\"ready\"}\\n'; ";

    [Fact]
    public async Task Notebook_time_limit_kills_a_kernel_that_never_starts_a_cell()
    {
        var r = await Run("exec sleep 60", notebookSeconds: 1);
        Assert.Equal("timed out: the notebook exceeded its limit of 1 s before code cell 1", r.Problem);
        Assert.Equal(RunLimit.NotebookTime, r.LimitReached);
        Assert.All(r.Cells, c => Assert.Equal(CellStatus.NotRun, c.Status));
        Assert.True(r.Elapsed < TimeSpan.FromSeconds(20), $"took {r.Elapsed}");
    }

    [Fact]
    public async Task Notebook_time_limit_holds_even_when_the_kernel_never_reads_a_large_request()
    {
        // 300 KB of source fills the stdin pipe; the runner must not wait on that write before watching the clock.
        var big = TestNotebooks.Write(_dir.Combine("big.ipynb"), "// " + new string('x', 300_000));
        var r = await new NotebookRunner(new NotebookRunnerOptions
        {
            NotebookTimeout = TimeSpan.FromSeconds(1),
            Kernel = new KernelCommand("/bin/sh", ["-c", "exec sleep 60"]),
        }).RunAsync(big);
        Assert.StartsWith("timed out: the notebook exceeded its limit of 1 s", r.Problem);
    }

    [Fact]
    public async Task Notebook_time_limit_inside_a_cell_is_reported_against_that_cell()
    {
        var r = await Run(Ready + "printf '\\036{\"event\":\"start\",\"cell\":1}\\n'; exec sleep 60", notebookSeconds: 1);
        Assert.Null(r.Problem);
        var c = r.FirstFailure!;
        Assert.Equal(CellStatus.TimedOut, c.Status);
        Assert.Equal("code cell 1 did not finish: timed out: the notebook exceeded its limit of 1 s", c.Error!.Message);
    }

    [Fact]
    public async Task Kernel_that_exits_mid_cell_is_reported_as_unexpected_exit()
    {
        var r = await Run(Ready + "printf '\\036{\"event\":\"start\",\"cell\":1}\\n'; exit 0");
        Assert.Equal([CellStatus.Crashed, CellStatus.NotRun], r.Cells.Select(c => c.Status));
        Assert.Equal("code cell 1 did not finish: the kernel process exited unexpectedly (exit code 0)", r.Cells[0].Error!.Message);
    }

    [Fact]
    public async Task Kernel_that_dies_before_any_cell_is_a_notebook_problem_quoting_stderr()
    {
        var r = await Run("echo 'cannot load runtime' >&2; exit 3");
        Assert.Equal("the kernel stopped (exit code 3) before code cell 1: cannot load runtime", r.Problem);
    }

    [Fact]
    public async Task Events_are_found_after_stray_text_on_the_same_line_and_outputs_assembled()
    {
        var script = "cat > /dev/null; " + Ready +
            "printf 'native noise\\036{\"event\":\"start\",\"cell\":1}\\n'; " +
            "printf '\\036{\"event\":\"output\",\"cell\":1,\"output\":{\"name\":\"stdout\",\"output_type\":\"stream\",\"text\":[\"x \\\\u003C y\\\\n\"]}}\\n'; " +
            "printf 'stray line\\n'; " +
            "printf '\\036{\"event\":\"end\",\"cell\":1,\"status\":\"Succeeded\",\"ms\":5,\"count\":1,\"error\":null}\\n'; " +
            "printf '\\036{\"event\":\"start\",\"cell\":2}\\n'; " +
            "printf '\\036{\"event\":\"end\",\"cell\":2,\"status\":\"Succeeded\",\"ms\":1,\"count\":2,\"error\":null}\\n'; " +
            "printf '\\036{\"event\":\"done\"}\\n'";
        var r = await Run(script);
        Assert.True(r.Succeeded, r.Describe());
        Assert.Equal("x < y\nstray line\n", r.Cells[0].StandardOutput);
        var json = r.ExecutedNotebook!.ToJson();
        Assert.Contains("\"x < y\\n\",", json); // written with Jupyter's escapes, not the wire's \u003C
        Assert.Equal([1, 2], r.ExecutedNotebook.Cells.Skip(1).Select(c => c.ExecutionCount ?? 0));
    }

    private const string Start1 = "printf '\\036{\"event\":\"start\",\"cell\":1}\\n'; ";
    private const string End1 = "printf '\\036{\"event\":\"end\",\"cell\":1,\"status\":\"Succeeded\",\"ms\":5,\"count\":1,\"error\":null}\\n'; ";

    [Fact]
    public async Task Stray_text_without_line_breaks_is_capped_and_an_event_after_it_still_counts()
    {
        // 3 MB of text with no newline (as a native library or a child process might write), then an event on the same line.
        var script = "cat > /dev/null; " + Ready + Start1 + "head -c 3000000 /dev/zero | tr '\\0' 'z'; " + End1 +
            "printf '\\036{\"event\":\"done\"}\\n'";
        var r = await Run(script, outputLimit: 10_000);
        Assert.Equal(CellStatus.Succeeded, r.Cells[0].Status);
        Assert.Equal(new string('z', 10_000), r.Cells[0].StandardOutput);
    }

    [Fact]
    public async Task A_kernel_done_with_its_cells_that_does_not_exit_is_stopped_and_flagged()
    {
        var script = "cat > /dev/null; " + Ready + Start1 + End1 +
            "printf '\\036{\"event\":\"start\",\"cell\":2}\\n'; " +
            "printf '\\036{\"event\":\"end\",\"cell\":2,\"status\":\"Succeeded\",\"ms\":1,\"count\":2,\"error\":null}\\n'; " +
            "printf '\\036{\"event\":\"done\"}\\n'; exec sleep 600";
        var r = await Run(script, notebookSeconds: 300);
        Assert.Equal([CellStatus.Succeeded, CellStatus.Succeeded], r.Cells.Select(c => c.Status));
        Assert.Equal("left a thread running after its last cell: the kernel had not exited 5 s later, so it was stopped", r.Problem);
        Assert.Null(r.LimitReached);
    }
}
