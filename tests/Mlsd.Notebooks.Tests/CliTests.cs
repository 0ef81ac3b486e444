using Mlsd.Cli;
using Spectre.Console;

namespace Mlsd.Notebooks.Tests;

/// <summary>The mlsd command, called in process against a throw-away repository (kernels still run out of process).</summary>
public sealed class CliTests : IDisposable
{
    private readonly TempDir _repo = new();
    private readonly StringWriter _out = new();
    private readonly IAnsiConsole _console;

    public CliTests()
    {
        File.WriteAllText(_repo.Combine("Mlsd.slnx"), "<Solution />");
        _console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(_out),
        });
        _console.Profile.Width = 250;
    }

    public void Dispose() => _repo.Dispose();

    private Task<int> Mlsd(params string[] args) => CommandLine.RunAsync(args, _console, _repo.Path);

    [Fact]
    public async Task Run_writes_executed_copies_html_and_index_and_leaves_sources_alone()
    {
        var solution = TestNotebooks.Write(_repo.Combine("notebooks", "solutions", "01-demo.ipynb"), "md:# 01 · Demo", "Console.WriteLine(\"hi\");", "1 + 1");
        Assert.Equal(0, await Mlsd("learner"));
        var learner = _repo.Combine("notebooks", "01-demo.ipynb");
        var sourceBytes = File.ReadAllBytes(solution);
        var learnerBytes = File.ReadAllBytes(learner);

        Assert.Equal(0, await Mlsd("run", "--timeout", "60", "--parallel", "2"));

        var text = _out.ToString();
        Assert.Contains("✓ notebooks/01-demo.ipynb", text);
        Assert.Contains("✓ notebooks/solutions/01-demo.ipynb", text);
        Assert.Contains("2 notebook(s) passed.", text);
        Assert.Equal(sourceBytes, File.ReadAllBytes(solution));
        Assert.Equal(learnerBytes, File.ReadAllBytes(learner));
        var executed = Notebook.Load(_repo.Combine("artifacts", "notebooks", "solutions", "01-demo.ipynb"));
        Assert.Equal([1, 2], executed.Cells.Skip(1).Select(c => c.ExecutionCount ?? 0));
        Assert.Equal("hi\n", NotebookOutputs.GetText(executed.Cells[1].Outputs![0]!.AsObject()));
        var page = File.ReadAllText(_repo.Combine("artifacts", "notebooks", "solutions", "01-demo.html"));
        Assert.Contains(">01 · Demo</h1>", page);
        Assert.Contains("<pre class=\"output stdout\">hi\n</pre>", page);
        var index = File.ReadAllText(_repo.Combine("artifacts", "index.html"));
        Assert.Contains("<a href=\"notebooks/01-demo.html\">01-demo.ipynb</a>", index);
        Assert.Contains("<a href=\"notebooks/solutions/01-demo.html\">solutions/01-demo.ipynb</a>", index);
    }

    [Fact]
    public async Task Run_in_place_with_continue_writes_outputs_into_the_source_and_fails_the_exit_code()
    {
        var path = TestNotebooks.Write(_repo.Combine("work", "02-fail.ipynb"), "var a = 1;", "a + undefinedName", "a + 41");
        Assert.Equal(1, await Mlsd("run", "work/02-fail.ipynb", "--in-place", "--continue"));
        var text = _out.ToString();
        Assert.Contains("cell 2 (code cell 2), line 1: CompilationError: (1,5): error CS0103", text);
        Assert.Contains("1 of 1 notebook(s) failed.", text);
        var inPlace = Notebook.Load(path);
        Assert.Equal([1, 2, 3], inPlace.Cells.Select(c => c.ExecutionCount ?? 0));
        Assert.Equal("error", inPlace.Cells[1].Outputs![0]!["output_type"]!.GetValue<string>());
        Assert.Equal("42", NotebookOutputs.GetText(inPlace.Cells[2].Outputs![0]!.AsObject(), "text/plain"));
    }

    [Fact]
    public async Task Check_prints_a_per_exercise_report()
    {
        var path = TestNotebooks.Write(_repo.Combine("notebooks", "03-ex.ipynb"),
            "Console.WriteLine(\"✓ [03.mean] 2 of 2 public checks passed\");",
            "throw new NotImplementedException(\"Exercise: your code here\");",
            "Console.WriteLine(\"✗ [03.median] 0 of 3 public checks passed\\n  Hint: sort first.\");");
        Assert.Equal(1, await Mlsd("check", path));
        var text = _out.ToString();
        Assert.Matches(@"03\.mean\s*│\s*1\s*│\s*✓ done\s*│\s*2 of 2 public checks passed", text);
        Assert.Matches(@"03\.median\s*│\s*3\s*│\s*✗ not yet\s*│\s*0 of 3 public checks passed\s*│\s*Hint: sort first\.", text);
        Assert.Contains("1 of 2 exercise(s) done.", text);
        Assert.Contains("note: cell 2 (code cell 2), line 1: System.NotImplementedException: Exercise: your code here", text);
    }

    [Fact]
    public async Task New_creates_the_skeleton_and_refuses_to_overwrite()
    {
        Assert.Equal(0, await Mlsd("new", "04-harmful-content"));
        var path = _repo.Combine("notebooks", "solutions", "04-harmful-content.ipynb");
        Assert.StartsWith("# 04 · Harmful content", Notebook.Load(path).Cells[0].Source);
        Assert.Equal(1, await Mlsd("new", "04-harmful-content"));
        Assert.Contains("already exists", _out.ToString());
        Assert.Equal(2, await Mlsd("new", "harmful"));
    }

    [Fact]
    public async Task Learner_check_fails_when_out_of_sync()
    {
        TestNotebooks.Write(_repo.Combine("notebooks", "solutions", "05-x.ipynb"), "var a = 1;");
        Assert.Equal(1, await Mlsd("learner", "--check"));
        Assert.Equal(0, await Mlsd("learner"));
        Assert.Equal(0, await Mlsd("learner", "--check"));
        Assert.Contains("learner copies are in sync", _out.ToString());
    }

    [Fact]
    public async Task Learner_check_says_what_learner_will_do_and_learner_keeps_the_learners_edits()
    {
        var solution = TestNotebooks.Write(_repo.Combine("notebooks", "solutions", "06-x.ipynb"),
            "var k = 10;", "int Answer()\n{\n    // BEGIN SOLUTION\n    return k;\n    // END SOLUTION\n}");
        Assert.Equal(0, await Mlsd("learner"));
        var learner = _repo.Combine("notebooks", "06-x.ipynb");
        var copy = Notebook.Load(learner);
        copy.Cells[1].Source = "int Answer() => 42; // mine";
        copy.Save(learner);
        var solutionNotebook = Notebook.Load(solution);
        solutionNotebook.Cells[0].Source = "var k = 20;";
        solutionNotebook.Save(solution);
        var edited = File.ReadAllBytes(learner);

        Assert.Equal(1, await Mlsd("learner", "--check"));
        Assert.Contains("notebooks/06-x.ipynb: would update cells 1 from the solution; would keep your edits in cells 2", _out.ToString().Replace('\\', '/'));
        Assert.Equal(edited, File.ReadAllBytes(learner));

        Assert.Equal(0, await Mlsd("learner"));
        Assert.Contains("notebooks/06-x.ipynb: updated cells 1 from the solution; kept your edits in cells 2", _out.ToString().Replace('\\', '/'));
        var merged = Notebook.Load(learner);
        Assert.Equal(["var k = 20;", "int Answer() => 42; // mine"], merged.Cells.Select(c => c.Source));

        Assert.Equal(0, await Mlsd("learner", "--check")); // nothing left to do; the edit stays
        Assert.Contains("notebooks/06-x.ipynb: up to date (kept your edits in cells 2)", _out.ToString().Replace('\\', '/'));
    }

    [Fact]
    public async Task Run_refuses_a_notebook_for_another_kernel_and_hints_at_the_option_of_a_limit_reached()
    {
        File.WriteAllText(_repo.Combine("py.ipynb"), """
            {"cells": [], "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}}, "nbformat": 4, "nbformat_minor": 5}
            """);
        TestNotebooks.Write(_repo.Combine("slow.ipynb"), "System.Threading.Thread.Sleep(60_000);");
        Assert.Equal(1, await Mlsd("run", "py.ipynb", "slow.ipynb", "--timeout", "1"));
        var text = _out.ToString();
        Assert.Contains("this notebook is for the 'python3' kernel (Python 3, language python)", text);
        Assert.Contains("cell 1 did not finish: timed out after 1 s (the per-cell limit)", text);
        Assert.Contains("note: a cell reached the per-cell time limit; raise it with --timeout <seconds>.", text);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("run", "--memory-limit", "0.01")]
    [InlineData("run", "--memory-limit", "NaN")]
    [InlineData("run", "--timeout", "-3")]
    [InlineData("run", "--bogus")]
    [InlineData("check")]
    [InlineData("run", "no/such.ipynb")]
    public async Task Usage_errors_exit_with_2(params string[] args)
    {
        Assert.Equal(2, await Mlsd(args));
        Assert.Contains("mlsd: ", _out.ToString());
    }
}
