using Mlsd.Notebooks.Execution;
using Mlsd.Notebooks.Format;
using Mlsd.Notebooks.Running;

namespace Mlsd.Notebooks.Tests;

/// <summary>Runs the notebooks that misbehave on purpose once, in parallel (kernel processes are slow to start).</summary>
public sealed class RunnerLimitsFixture : IAsyncLifetime
{
    public const long OutputLimit = 100_000;
    public const long MemoryLimit = 512L << 20;

    public TempDir Dir { get; } = new();
    public Dictionary<string, NotebookRunResult> Results { get; } = [];

    public async Task InitializeAsync()
    {
        var limits = TestNotebooks.Write(Dir.Combine("limits.ipynb"),
            "GC.GetGCMemoryInfo().TotalAvailableMemoryBytes",
            "var line = new string('x', 999) + \"\\n\";\nfor (var i = 0; i < 10_000; i++) Console.Write(line);",
            // Straight to the stdout handle, as native code or a child process would: the runner caps it too.
            "using (var raw = Console.OpenStandardOutput()) raw.Write(System.Text.Encoding.ASCII.GetBytes(new string('r', 1_000_000) + \"\\n\"));",
            "new string('d', 1_000_000)",
            "throw new InvalidOperationException(new string('m', 5_000_000));",
            "var hoard = new List<byte[]>();\nwhile (true) hoard.Add(new byte[50_000_000]);",
            "\"still running\"");
        // A foreground thread never ends: the process would never exit (it once waited for the notebook's time limit, then passed).
        var thread = TestNotebooks.Write(Dir.Combine("thread.ipynb"),
            "new System.Threading.Thread(() => System.Threading.Thread.Sleep(System.Threading.Timeout.Infinite)).Start();", "1 + 1");
        var child = TestNotebooks.Write(Dir.Combine("child.ipynb"),
            "Console.WriteLine(System.Diagnostics.Process.Start(\"sleep\", \"431\").Id);", "2 + 2");
        var python = Dir.Combine("python.ipynb");
        File.WriteAllText(python, """
            {"cells": [{"cell_type": "code", "execution_count": null, "id": "a1", "metadata": {}, "outputs": [], "source": ["print('hi')"]}],
             "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
             "nbformat": 4, "nbformat_minor": 5}
            """);

        var patient = new NotebookRunnerOptions { CellTimeout = TimeSpan.FromSeconds(120), NotebookTimeout = TimeSpan.FromSeconds(240) };
        var runs = new Dictionary<string, Task<NotebookRunResult>>
        {
            ["limits"] = new NotebookRunner(patient with { CellOutputLimit = OutputLimit, MemoryLimit = MemoryLimit, ContinueOnError = true }).RunAsync(limits),
            ["thread"] = new NotebookRunner(patient).RunAsync(thread),
            ["child"] = new NotebookRunner(patient).RunAsync(child),
            ["python"] = new NotebookRunner(patient).RunAsync(python),
        };
        await Task.WhenAll(runs.Values);
        foreach (var (name, run) in runs) Results[name] = run.Result;
    }

    public Task DisposeAsync()
    {
        Dir.Dispose();
        return Task.CompletedTask;
    }
}

[Collection(MisbehavingKernels.Name)]
public sealed class RunnerLimitsTests(RunnerLimitsFixture fixture) : IClassFixture<RunnerLimitsFixture>
{
    private NotebookRunResult Limits => fixture.Results["limits"];

    [Fact]
    public void The_memory_limit_reaches_the_kernel_as_its_heap_limit()
    {
        var shown = NotebookOutputs.GetText(Limits.Cells[0].Outputs[0], "text/plain");
        Assert.Equal(RunnerLimitsFixture.MemoryLimit.ToString(System.Globalization.CultureInfo.InvariantCulture), shown);
    }

    [Fact]
    public void Console_output_past_the_limit_is_left_out_with_a_note()
    {
        var cell = Limits.Cells[1];
        Assert.Equal(CellStatus.Succeeded, cell.Status);
        Assert.Equal(RunnerLimitsFixture.OutputLimit, cell.StandardOutput.Length);
        Assert.Equal(new string('x', 999) + "\n", cell.StandardOutput[..1000]);
        var note = NotebookOutputs.GetText(cell.Outputs[^1])!;
        Assert.Equal("stderr", cell.Outputs[^1]["name"]!.GetValue<string>());
        Assert.Equal("\n[output limit: this cell produced 10,000,000 characters of output; 9,900,000 were left out (the limit is 100,000 per cell)]\n", note);
    }

    [Fact]
    public void Text_written_straight_to_the_stdout_handle_is_capped_by_the_runner()
    {
        var cell = Limits.Cells[2];
        Assert.Equal(CellStatus.Succeeded, cell.Status);
        Assert.Equal(new string('r', (int)RunnerLimitsFixture.OutputLimit), cell.StandardOutput);
    }

    [Fact]
    public void A_displayed_value_over_the_limit_is_left_out_with_a_note()
    {
        var cell = Limits.Cells[3];
        var only = Assert.Single(cell.Outputs);
        Assert.Equal("\n[output limit: this cell produced 1,000,000 characters of output; 1,000,000 were left out (the limit is 100,000 per cell)]\n", NotebookOutputs.GetText(only));
    }

    [Fact]
    public void A_huge_exception_message_is_clipped_in_the_error_and_its_traceback()
    {
        var error = Limits.Cells[4].Error!;
        Assert.Equal("System.InvalidOperationException", error.Name);
        // 1,962 characters and a 38-character note: "… [4,998,038 more characters left out]".
        Assert.Equal(new string('m', 1_962) + "… [4,998,038 more characters left out]", error.Message);
        Assert.All(error.Traceback, line => Assert.True(line.Length <= OutputLimits.MessageCharacters, $"a traceback line of {line.Length} characters"));
        Assert.Contains(error.Traceback, l => l.Contains("cell 5:line 1", StringComparison.Ordinal));
    }

    [Fact]
    public void A_cell_over_the_memory_limit_is_reported_as_such_and_the_kernel_goes_on()
    {
        var cell = Limits.Cells[5];
        Assert.Equal(CellStatus.Failed, cell.Status);
        Assert.Equal("MemoryLimitExceeded", cell.Error!.Name);
        Assert.StartsWith("code cell 6 exceeded the memory limit of 512 MiB (System.OutOfMemoryException", cell.Error.Message);
        Assert.Equal(RunLimit.Memory, Limits.LimitReached);
        Assert.Equal("still running", NotebookOutputs.GetText(Limits.Cells[6].Outputs[0], "text/plain"));
    }

    [Fact]
    public void A_foreground_thread_left_running_is_stopped_and_flagged_not_passed()
    {
        var r = fixture.Results["thread"];
        Assert.Equal([CellStatus.Succeeded, CellStatus.Succeeded], r.Cells.Select(c => c.Status));
        Assert.False(r.Succeeded);
        Assert.Equal("left a thread running after its last cell: the kernel had not exited 5 s later, so it was stopped", r.Problem);
    }

    [Fact]
    public async Task A_child_process_left_running_is_ended_and_flagged()
    {
        var r = fixture.Results["child"];
        Assert.Equal([CellStatus.Succeeded, CellStatus.Succeeded], r.Cells.Select(c => c.Status));
        var sleep = Processes.Numbers(r.Cells[0].StandardOutput).Single();
        Assert.Equal($"left a process ({sleep} sleep) running after its last cell: stopped", r.Problem);
        Assert.True(await Processes.DiesAsync(sleep), $"sleep ({sleep}) is still running");
    }

    [Fact]
    public void A_notebook_for_another_kernel_is_refused_naming_it()
    {
        var r = fixture.Results["python"];
        Assert.Empty(r.Cells);
        Assert.Null(r.ExecutedNotebook);
        Assert.Equal("this notebook is for the 'python3' kernel (Python 3, language python); mlsd runs C# notebooks (kernelspec \".net-csharp\") only", r.Problem);
    }
}
