using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Mlsd.Notebooks.Execution;
using Mlsd.Notebooks.Jupyter;
using Mlsd.Notebooks.Format;
using Mlsd.Notebooks.Running;

namespace Mlsd.Notebooks.Tests;

/// <summary>
/// Learners run the notebooks under the real .NET Interactive C# kernel (VS Code, Jupyter), our tests under our engine:
/// every notebook must run clean under the real kernel too, and a fixture that touches each behaviour the notebooks
/// rely on must give the same outputs in both.
/// </summary>
public partial class KernelParityTests
{
    private static readonly string Root = TestNotebooks.RepositoryRoot;
    private static readonly string Fixture = Path.Combine(Root, "tests", "Mlsd.Notebooks.Tests", "Parity", "kernel-parity.ipynb");

    // Every notebook once on the real kernel, two at a time, the first time any case asks (as RepositoryTests does for ours).
    private static readonly Lazy<Task<Dictionary<string, Notebook>>> RealRuns = new(async () =>
    {
        var paths = RepositoryLayout.AllNotebooks(Root);
        using var gate = new SemaphoreSlim(2);
        var runs = await Task.WhenAll(paths.Select(async path =>
        {
            await gate.WaitAsync();
            try
            {
                return (Name: RepositoryTests.Relative(path), Executed: await RealKernel.RunAsync(path));
            }
            finally
            {
                gate.Release();
            }
        }));
        return runs.ToDictionary(r => r.Name, r => r.Executed, StringComparer.Ordinal);
    });

    private static readonly Lazy<Task<NotebookRunResult>> OurFixtureRun = new(() => new NotebookRunner().RunAsync(Fixture));

    [Theory]
    [MemberData(nameof(RepositoryTests.Notebooks), MemberType = typeof(RepositoryTests))]
    public async Task Notebook_runs_clean_under_the_real_kernel_with_our_engines_exercise_results(string notebook)
    {
        if (notebook == RepositoryTests.None)
        {
            Assert.Empty(RepositoryLayout.AllNotebooks(Root));
            return;
        }
        var real = (await RealRuns.Value)[notebook];
        var problems = KernelParity.Problems(real);
        Assert.True(problems.Count == 0, $"{notebook} under the real kernel:\n{string.Join("\n", problems)}");
        Assert.All(real.Cells.Where(c => c.Kind == CellKind.Code), c => Assert.NotNull(c.ExecutionCount));   // every cell ran
        var ours = (await RepositoryTests.Runs.Value)[notebook];
        Assert.Equal(KernelParity.ExerciseChecks(ours.ExecutedNotebook!), KernelParity.ExerciseChecks(real));
    }

    [Fact]
    public async Task Fixture_gives_the_same_outputs_in_our_engine_and_the_real_kernel()
    {
        var ours = await OurFixture();
        var real = await RealKernel.RunAsync(Fixture);
        AssertExercisesEveryBehaviour(real);
        var differences = KernelParity.Differences(ours, real);
        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    [JupyterFact]
    public async Task Fixture_gives_the_same_outputs_in_our_engine_and_the_real_kernel_through_jupyter()
    {
        Assert.Null(JupyterEnvironment.Missing());
        var ours = await OurFixture();
        var jupyter = await new JupyterRunner(new NotebookRunnerOptions { CellTimeout = TimeSpan.FromMinutes(2), NotebookTimeout = TimeSpan.FromMinutes(5) })
            .RunAsync(Fixture);
        Assert.True(jupyter.Problem is null, jupyter.Problem);
        var real = jupyter.ExecutedNotebook!;
        AssertExercisesEveryBehaviour(real);
        var differences = KernelParity.Differences(ours, real);
        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    [Fact]
    public async Task Both_kernels_compile_cells_as_the_same_csharp_version()
    {
        using var dir = new TempDir();
        var path = TestNotebooks.Write(dir.Combine("version.ipynb"), "#error version");
        var ours = (await new NotebookRunner().RunAsync(path)).ExecutedNotebook!.ToJson();
        var real = (await RealKernel.RunAsync(path)).ToJson();
        // error CS8304: "Compiler version: '…'. Language version: 14.0." (ours, pinned) or "latest (14.0)" (the real kernel's)
        var ourVersion = LanguageVersion().Match(ours);
        var realVersion = LanguageVersion().Match(real);
        Assert.True(ourVersion.Success && realVersion.Success, $"no CS8304 version report in:\n{ours}\n{real}");
        Assert.Equal(realVersion.Groups[1].Value, ourVersion.Groups[1].Value);
    }

    [Fact]
    public async Task The_jupyter_runner_reports_a_python_it_cannot_start_and_runs_no_cell()
    {
        using var dir = new TempDir();
        var path = TestNotebooks.Write(dir.Combine("x.ipynb"), "1 + 1");
        var result = await new JupyterRunner(python: dir.Combine("no-such-python")).RunAsync(path);
        Assert.False(result.Succeeded);
        Assert.Contains("could not start", result.Problem);
        Assert.Equal(CellStatus.NotRun, Assert.Single(result.Cells).Status);
    }

    [GeneratedRegex(@"Language version: (?:latest \()?(\d+\.\d+)")]
    private static partial Regex LanguageVersion();

    private static async Task<Notebook> OurFixture()
    {
        var run = await OurFixtureRun.Value;
        var last = run.Cells[^1];
        Assert.True(run.Cells.Take(run.Cells.Count - 1).All(c => c.Succeeded) && last.Status == CellStatus.Failed, run.Describe());
        return run.ExecutedNotebook!;
    }

    /// <summary>A run that failed early, or a kernel that printed nothing, must not pass as "the same".</summary>
    private static void AssertExercisesEveryBehaviour(Notebook real)
    {
        var text = string.Join("\n", real.Cells.Where(c => c.Kind == CellKind.Code).SelectMany(c => c.Outputs!.OfType<JsonObject>())
            .SelectMany(o => (o["data"] as JsonObject)?.Select(d => NotebookOutputs.GetText(o, d.Key))
                             ?? [NotebookOutputs.GetText(o) ?? o["evalue"]?.GetValue<string>()]));
        foreach (var expected in new[] { "to stderr", "stdout again", "shown by the extension method", "<pre>1.5</pre>", "<pre>42</pre>",
                     "Offline metrics", "warning CS8632", "&lt;null&gt;", "boom" })
            Assert.Contains(expected, text);
    }
}

/// <summary>The comparison itself: what it lets through and what it reports.</summary>
public class KernelParityComparisonTests
{
    private static Notebook With(params JsonObject[] outputs)
    {
        var nb = Notebook.CreatePolyglot();
        nb.AddCodeCell("x").SetOutputs(outputs);
        return nb;
    }

    private static JsonObject Html(string html, bool plainToo = false, bool result = true)
    {
        var data = new List<KeyValuePair<string, string>> { new("text/html", html) };
        if (plainToo) data.Add(new("text/plain", "plain"));
        return result ? NotebookOutputs.ExecuteResult(data, 1) : NotebookOutputs.DisplayData(data);
    }

    [Fact]
    public void Our_text_plain_beside_html_and_split_stream_chunks_are_the_same()
    {
        var ours = With(NotebookOutputs.Stream("stdout", "a\nb\n"), Html("<b>1</b>", plainToo: true),
            NotebookOutputs.Error("System.InvalidOperationException", "boom", ["at cell 1"]));
        var real = With(NotebookOutputs.Stream("stdout", "a\n"), NotebookOutputs.Stream("stdout", "b\n"), Html("<b>1</b>"),
            NotebookOutputs.Error("Error", "System.InvalidOperationException: boom\n   at Submission#3", []));
        Assert.Empty(KernelParity.Differences(ours, real));
    }

    [Fact]
    public void Different_content_kinds_streams_and_errors_are_reported()
    {
        Assert.Single(KernelParity.Differences(With(Html("<b>1</b>")), With(Html("<b>2</b>"))));
        Assert.Single(KernelParity.Differences(With(Html("<b>1</b>", result: false)), With(Html("<b>1</b>"))));
        Assert.Single(KernelParity.Differences(With(), With(NotebookOutputs.Stream("stderr", "\nwarning CS8632\n\n"))));
        Assert.Single(KernelParity.Differences(With(NotebookOutputs.Error("System.Exception", "a", [])), With(NotebookOutputs.Error("Error", "System.Exception: b", []))));
        // text/plain alone in ours, where the real kernel sent HTML, is not "beside" anything
        Assert.Single(KernelParity.Differences(With(NotebookOutputs.ExecuteResult([new("text/plain", "1")], 1)), With(Html("<b>1</b>"))));
    }

    [Fact]
    public void Problems_are_errors_and_anything_on_stderr()
    {
        Assert.Empty(KernelParity.Problems(With(NotebookOutputs.Stream("stdout", "fine"), Html("<b>1</b>"))));
        Assert.Equal(2, KernelParity.Problems(With(NotebookOutputs.Stream("stderr", "\n(1,7): warning CS8632: …\n\n"),
            NotebookOutputs.Error("Error", "compilation error", []))).Count);
    }
}
