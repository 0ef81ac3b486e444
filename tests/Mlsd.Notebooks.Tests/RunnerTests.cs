using Mlsd.Notebooks.Execution;
using Mlsd.Notebooks.Format;
using Mlsd.Notebooks.Running;

namespace Mlsd.Notebooks.Tests;

/// <summary>Runs a batch of misbehaving notebooks once (kernel processes are slow to start) for the tests below.</summary>
public sealed class RunnerFixture : IAsyncLifetime
{
    public TempDir Dir { get; } = new();
    public Dictionary<string, NotebookRunResult> Results { get; } = [];
    public byte[] BrokenBytes { get; private set; } = [];
    public byte[] OkBytes { get; private set; } = [];
    public List<RunProgress> Events { get; } = [];

    public async Task InitializeAsync()
    {
        var hang = TestNotebooks.Write(Dir.Combine("hang.ipynb"),
            "var started = 1;",
            "Console.WriteLine(\"spinning\");\nwhile (true) { }",
            "started");
        var failFast = TestNotebooks.Write(Dir.Combine("failfast.ipynb"),
            "var x = 1;",
            "md:Crash on purpose",
            "Environment.FailFast(\"deliberate crash\");");
        var overflow = TestNotebooks.Write(Dir.Combine("overflow.ipynb"),
            "int Down(int n) => Down(n + 1) + 1;",
            "Down(0)");
        Directory.CreateDirectory(Dir.Combine("ok"));
        File.WriteAllText(Dir.Combine("ok", "data.txt"), "from the notebook folder");
        var ok = TestNotebooks.Write(Dir.Combine("ok", "ok.ipynb"),
            "md:# Fine",
            "Console.WriteLine(System.IO.File.ReadAllText(\"data.txt\"));",
            "display(6 * 7);\n\"done\"",
            // The real library, by absolute path: it must bind to itself, not to the CLI's `mlsd` assembly.
            $"#r \"{Path.Combine(TestNotebooks.RepositoryRoot, "artifacts", "bin", "Mlsd", "debug", "Mlsd.dll")}\"\n" +
            "typeof(Mlsd.Sampler).Assembly.GetName().Name + \" \" + new Mlsd.Sampler(1).Seed",
            // A chart displays as a chart: Plotly.NET and what it needs (Newtonsoft.Json) load in our kernel too.
            "Mlsd.Plots.Plot.Line(new double[] { 1, 2 }, new double[] { 3, 4 })");
        // Console text held back for batching is flushed by a timer thread while the cell keeps writing: the two
        // must not deadlock (they once did, on Console.Out's lock against the capture's).
        // At most a million writes: a fast machine would otherwise pass the 4-million-character output cap in 1.5 s.
        var chatty = TestNotebooks.Write(Dir.Combine("chatty.ipynb"),
            "var clock = System.Diagnostics.Stopwatch.StartNew();\nlong writes = 0;\n" +
            "while (clock.ElapsedMilliseconds < 1500 && writes < 1_000_000) { Console.Write(\"x\"); writes++; }\n" +
            "Console.WriteLine();\nwrites");
        var broken = Dir.Combine("broken.ipynb");
        File.WriteAllText(broken, "{ \"cells\": [ }");
        BrokenBytes = File.ReadAllBytes(broken);
        OkBytes = File.ReadAllBytes(ok);

        // A shorter limit for the hanging notebook: the others get room, as the test machine may be busy.
        // The hanging cell's limit covers its compilation and its first write too: 10 s leaves room on a loaded machine.
        var quick = new NotebookRunner(new NotebookRunnerOptions { CellTimeout = TimeSpan.FromSeconds(10) });
        var patient = new NotebookRunner(new NotebookRunnerOptions { CellTimeout = TimeSpan.FromSeconds(60), Parallelism = 2 });
        var rest = await patient.RunAllAsync([failFast, overflow, ok, broken], e => { lock (Events) Events.Add(e); });
        Results["hang"] = await quick.RunAsync(hang);
        Results["chatty"] = await new NotebookRunner(new NotebookRunnerOptions { CellTimeout = TimeSpan.FromSeconds(20) }).RunAsync(chatty);
        Results["failfast"] = rest[0];
        Results["overflow"] = rest[1];
        Results["ok"] = rest[2];
        Results["broken"] = rest[3];
    }

    public Task DisposeAsync()
    {
        Dir.Dispose();
        return Task.CompletedTask;
    }
}

[Collection(MisbehavingKernels.Name)]
public sealed class RunnerTests(RunnerFixture fixture) : IClassFixture<RunnerFixture>
{
    [Fact]
    public void Hanging_cell_is_stopped_by_the_cell_timeout_and_reported()
    {
        var r = fixture.Results["hang"];
        Assert.False(r.Succeeded);
        Assert.Equal([CellStatus.Succeeded, CellStatus.TimedOut, CellStatus.NotRun], r.Cells.Select(c => c.Status));
        var hung = r.FirstFailure!;
        Assert.Equal(2, hung.CellNumber);
        Assert.StartsWith("code cell 2 did not finish: timed out after 10 s (the per-cell limit)", hung.Error!.Message);
        // What the cell printed before hanging is kept, then the timeout error.
        Assert.Equal("spinning\n", hung.StandardOutput);
        var executed = r.ExecutedNotebook!;
        Assert.Equal(1, executed.Cells[0].ExecutionCount);
        Assert.Equal(2, executed.Cells[1].ExecutionCount);
        Assert.Null(executed.Cells[2].ExecutionCount);
        Assert.Equal("error", executed.Cells[1].Outputs![^1]!["output_type"]!.GetValue<string>());
    }

    [Fact]
    public void A_cell_writing_nonstop_while_the_flush_timer_fires_does_not_deadlock()
    {
        var r = fixture.Results["chatty"];
        Assert.True(r.Succeeded, r.Describe());
        var cell = r.Cells[0];
        var writes = long.Parse(NotebookOutputs.GetText(r.ExecutedNotebook!.Cells[0].Outputs![^1]!.AsObject(), "text/plain")!);
        Assert.True(writes > 1_000, $"only {writes} writes in 1.5 s");
        Assert.Equal(new string('x', (int)writes) + "\n", cell.StandardOutput);
    }

    [Fact]
    public void FailFast_is_reported_as_a_crash_of_the_running_cell()
    {
        var r = fixture.Results["failfast"];
        Assert.Equal([CellStatus.Succeeded, CellStatus.Crashed], r.Cells.Select(c => c.Status));
        var crash = r.FirstFailure!;
        Assert.Equal(3, crash.CellNumber); // cell 2 is markdown
        Assert.StartsWith("code cell 2 did not finish: process crashed (exit code ", crash.Error!.Message);
        Assert.Contains("deliberate crash", string.Join("\n", crash.Error.Traceback));
        Assert.StartsWith("failfast.ipynb: code cell 2: KernelCrashed: code cell 2 did not finish: process crashed", r.Describe());
    }

    [Fact]
    public void Stack_overflow_is_reported_as_a_crash_of_the_running_cell()
    {
        var r = fixture.Results["overflow"];
        Assert.Equal([CellStatus.Succeeded, CellStatus.Crashed], r.Cells.Select(c => c.Status));
        Assert.StartsWith("code cell 2 did not finish: process crashed (exit code ", r.FirstFailure!.Error!.Message);
        Assert.Contains("Stack overflow", string.Join("\n", r.FirstFailure.Error.Traceback));
    }

    [Fact]
    public void Other_notebooks_still_run_in_their_own_folder()
    {
        var r = fixture.Results["ok"];
        Assert.True(r.Succeeded, r.Describe());
        Assert.Equal("from the notebook folder\n", r.Cells[0].StandardOutput);
        var executed = r.ExecutedNotebook!;
        Assert.Equal(1, executed.Cells[1].ExecutionCount);
        Assert.Equal(2, executed.Cells[2].ExecutionCount);
        var outputs = executed.Cells[2].Outputs!;
        Assert.Equal(2, outputs.Count);
        Assert.Equal("42", NotebookOutputs.GetText(outputs[0]!.AsObject(), "text/plain"));
        Assert.Equal("done", NotebookOutputs.GetText(outputs[1]!.AsObject(), "text/plain"));
        Assert.Equal("Mlsd 1", NotebookOutputs.GetText(executed.Cells[3].Outputs![0]!.AsObject(), "text/plain"));
        var chart = Assert.Single(executed.Cells[4].Outputs!)!.AsObject();
        Assert.Contains("Plotly.newPlot(id, figure.data", NotebookOutputs.GetText(chart, "text/html"));
        Assert.StartsWith("Line chart: 2 points", NotebookOutputs.GetText(chart, "text/plain"));
    }

    [Fact]
    public void Source_notebooks_are_never_modified_by_a_run()
    {
        Assert.Equal(fixture.OkBytes, File.ReadAllBytes(fixture.Dir.Combine("ok", "ok.ipynb")));
        Assert.Equal(fixture.BrokenBytes, File.ReadAllBytes(fixture.Dir.Combine("broken.ipynb")));
    }

    [Fact]
    public void Unreadable_notebook_is_a_clear_problem_not_an_exception()
    {
        var r = fixture.Results["broken"];
        Assert.False(r.Succeeded);
        Assert.Null(r.ExecutedNotebook);
        Assert.Contains("broken.ipynb(1,", r.Problem);
        Assert.Contains("malformed JSON", r.Problem);
    }

    [Fact]
    public void Progress_reports_each_cell_in_order_per_notebook()
    {
        List<RunProgress> events;
        lock (fixture.Events) events = [.. fixture.Events];
        var ok = events.Where(e => e.NotebookPath.EndsWith("ok.ipynb", StringComparison.Ordinal)).Select(e => (e.Stage, e.CodeCellIndex)).ToList();
        Assert.Equal(
            [(RunStage.NotebookStarted, -1), (RunStage.CellStarted, 0), (RunStage.CellFinished, 0), (RunStage.CellStarted, 1), (RunStage.CellFinished, 1),
             (RunStage.CellStarted, 2), (RunStage.CellFinished, 2), (RunStage.CellStarted, 3), (RunStage.CellFinished, 3),
             (RunStage.NotebookFinished, -1)],
            ok);
    }

    [Fact]
    public async Task Executed_copy_is_written_atomically_and_round_trips()
    {
        using var dir = new TempDir();
        var target = dir.Combine("out", "ok.ipynb");
        fixture.Results["ok"].SaveExecutedNotebook(target);
        Assert.Equal(["ok.ipynb"], Directory.GetFiles(dir.Combine("out")).Select(Path.GetFileName));
        var reread = Notebook.Load(target);
        Assert.Equal(File.ReadAllBytes(target), reread.ToBytes());
        Assert.Equal(2, reread.Cells[2].ExecutionCount);
        await Task.CompletedTask;
    }
}
