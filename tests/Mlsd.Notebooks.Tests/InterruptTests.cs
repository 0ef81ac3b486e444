using System.Diagnostics;
using Mlsd.Notebooks.Execution;
using Mlsd.Notebooks.Running;

namespace Mlsd.Notebooks.Tests;

/// <summary>
/// Stopping a run midway ends its kernels and every process their cells started: by cancellation in process, and by a
/// signal to the `mlsd` command (what Ctrl+C, `kill`, `timeout` and a cancelled CI job send).
/// </summary>
[Collection(MisbehavingKernels.Name)]
public sealed class InterruptTests : IDisposable
{
    // The first cell records the kernel's process id and a child's, then the second waits until stopped.
    private const string StartChild =
        "var child = System.Diagnostics.Process.Start(\"sleep\", \"431\");\n" +
        "System.IO.File.WriteAllText(\"pids.tmp\", $\"{Environment.ProcessId} {child.Id}\");\n" +
        "System.IO.File.Move(\"pids.tmp\", \"pids.txt\");";

    private const string Forever = "System.Threading.Thread.Sleep(System.Threading.Timeout.Infinite);";

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private async Task<int[]> PidsAsync()
    {
        var path = _dir.Combine("pids.txt");
        for (var waited = 0; waited < 180_000 && !File.Exists(path); waited += 100) await Task.Delay(100);
        return Processes.Numbers(await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task Cancelling_a_run_ends_the_kernel_and_its_children_and_skips_queued_notebooks()
    {
        var spin = TestNotebooks.Write(_dir.Combine("spin.ipynb"), StartChild, Forever, "1");
        var queued = TestNotebooks.Write(_dir.Combine("queued.ipynb"), "1");
        using var cancel = new CancellationTokenSource();
        var runner = new NotebookRunner(new NotebookRunnerOptions { CellTimeout = TimeSpan.FromMinutes(5), NotebookTimeout = TimeSpan.FromMinutes(10) });
        var results = await runner.RunAllAsync([spin, queued], p =>
        {
            if (p.Stage == RunStage.CellStarted && p.CodeCellIndex == 1) cancel.Cancel();
        }, cancel.Token);

        var r = results[0];
        Assert.Equal([CellStatus.Succeeded, CellStatus.Cancelled, CellStatus.NotRun], r.Cells.Select(c => c.Status));
        Assert.Equal("the run was cancelled", r.Problem);
        Assert.Equal("code cell 2 did not finish: the run was cancelled", r.Cells[1].Error!.Message);
        foreach (var pid in await PidsAsync()) Assert.True(await Processes.DiesAsync(pid), $"process {pid} outlived the cancelled run");
        Assert.Equal("the run was cancelled", results[1].Problem);
        Assert.Empty(results[1].Cells);
    }

    [Theory]
    [InlineData(2, 130)]   // SIGINT: mlsd stops its kernels, then exits as the shell expects
    [InlineData(15, 143)]  // SIGTERM
    [InlineData(9, 137)]   // SIGKILL: mlsd cannot act, so each kernel notices its parent is gone and ends its group
    public async Task A_signal_to_mlsd_ends_its_kernels_and_their_children(int signal, int exitCode)
    {
        TestNotebooks.Write(_dir.Combine("spin.ipynb"), StartChild, Forever);
        var configuration = Path.GetFileName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var mlsd = Path.Combine(TestNotebooks.RepositoryRoot, "artifacts", "bin", "Mlsd.Cli", configuration, "mlsd.dll");
        var start = new ProcessStartInfo(KernelCommand.DotnetHost(), [mlsd, "run", "spin.ipynb", "--timeout", "600"])
        {
            WorkingDirectory = _dir.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["CI"] = "true";
        using var cli = Process.Start(start)!;
        var output = cli.StandardOutput.ReadToEndAsync();
        var errors = cli.StandardError.ReadToEndAsync();
        var pids = await PidsAsync();

        Processes.Signal(cli.Id, signal);
        using (var wait = new CancellationTokenSource(TimeSpan.FromMinutes(2))) await cli.WaitForExitAsync(wait.Token);
        Assert.Equal(exitCode, cli.ExitCode);
        foreach (var pid in pids) Assert.True(await Processes.DiesAsync(pid), $"process {pid} outlived mlsd");
        // Without a terminal mlsd prints one line per notebook, then why it failed.
        if (signal != 9) Assert.Matches(@"✗ spin\.ipynb · [0-9]/2 code cells · [0-9.]+ s\n\s+the run was cancelled\n", await output + await errors);
    }
}
