using Mlsd.Cli;
using Mlsd.Notebooks.Authoring;
using Mlsd.Notebooks.Format;
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
        _console = PlainConsole(_out);
    }

    public void Dispose() => _repo.Dispose();

    /// <summary>A console as a log or CI sees it: no colours, not interactive.</summary>
    private static IAnsiConsole PlainConsole(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 250;
        return console;
    }

    private Task<int> Mlsd(params string[] args) => CommandLine.RunAsync(args, _console, _repo.Path);

    private string Output => _out.ToString();

    [Fact]
    public async Task Run_writes_executed_copies_and_the_site_and_leaves_sources_alone()
    {
        var solution = TestNotebooks.Write(_repo.Combine("notebooks", "solutions", "01-demo.ipynb"), "md:# 01 · Demo", "Console.WriteLine(\"hi\");", "1 + 1");
        Assert.Equal(0, await Mlsd("learner"));
        var learner = _repo.Combine("notebooks", "01-demo.ipynb");
        var sourceBytes = File.ReadAllBytes(solution);
        var learnerBytes = File.ReadAllBytes(learner);

        Assert.Equal(0, await Mlsd("run", "--timeout", "60", "--parallel", "2", "--repository", "octo/mlsd"));

        Assert.Contains("✓ notebooks/01-demo.ipynb · 2/2 code cells · ", Output);
        Assert.Contains("✓ notebooks/solutions/01-demo.ipynb · 2/2 code cells · ", Output);
        Assert.Contains("2 notebook(s) ran without errors.", Output);
        Assert.Contains("Course site: " + Path.Combine("artifacts", "site", "index.html"), Output);
        Assert.Equal(sourceBytes, File.ReadAllBytes(solution));
        Assert.Equal(learnerBytes, File.ReadAllBytes(learner));
        var executed = Notebook.Load(_repo.Combine("artifacts", "notebooks", "solutions", "01-demo.ipynb"));
        Assert.Equal([1, 2], executed.Cells.Skip(1).Select(c => c.ExecutionCount ?? 0));
        Assert.Equal("hi\n", NotebookOutputs.GetText(executed.Cells[1].Outputs![0]!.AsObject()));
        var page = File.ReadAllText(_repo.Combine("artifacts", "site", "01-demo.html"));
        Assert.Contains(">01 · Demo</h1>", page);
        Assert.Contains("<pre class=\"output stdout\">hi\n</pre>", page);
        Assert.Contains("href=\"https://codespaces.new/octo/mlsd?quickstart=1\"", page);
        var index = File.ReadAllText(_repo.Combine("artifacts", "site", "index.html"));
        Assert.Contains("<a href=\"01-demo.html\">01 · Demo</a>", index);
        Assert.Contains("<a href=\"exercises/01-demo.html\">", index);
    }

    [Fact]
    public async Task Run_in_place_with_continue_writes_outputs_into_the_source_and_reports_the_failure_in_full_once()
    {
        var path = TestNotebooks.Write(_repo.Combine("work", "02-fail.ipynb"), "var a = 1;", "a + undefinedName", "a + 41");
        Assert.Equal(1, await Mlsd("run", "work/02-fail.ipynb", "--in-place", "--continue"));
        var lines = Output.Split('\n');
        // Without a terminal: one line per notebook, then its failure in full; no per-cell progress lines.
        Assert.Single(lines, l => l.StartsWith("✗ work/02-fail.ipynb · 3/3 code cells · ", StringComparison.Ordinal));
        Assert.Contains("    code cell 2, line 1: CompilationError: (1,5): error CS0103", Output);
        Assert.DoesNotContain("code cell 1/3", Output);
        Assert.Contains("1 of 1 notebook(s) failed.", Output);
        var inPlace = Notebook.Load(path);
        Assert.Equal([1, 2, 3], inPlace.Cells.Select(c => c.ExecutionCount ?? 0));
        Assert.Equal("error", inPlace.Cells[1].Outputs![0]!["output_type"]!.GetValue<string>());
        Assert.Equal("42", NotebookOutputs.GetText(inPlace.Cells[2].Outputs![0]!.AsObject(), "text/plain"));
        Assert.True(File.Exists(_repo.Combine("artifacts", "site", "other", "work", "02-fail.html")));
    }

    [Fact]
    public async Task Check_prints_a_per_exercise_report_numbered_by_code_cell()
    {
        var path = TestNotebooks.Write(_repo.Combine("notebooks", "03-ex.ipynb"),
            "md:# 03 · Exercises",
            "Console.WriteLine(\"✓ [03.mean] 2 of 2 public checks passed\");",
            "throw new NotImplementedException(\"Exercise: your code here\");",
            "md:Exercise 2",
            "Console.WriteLine(\"✗ [03.median] 0 of 3 public checks passed\\n  Hint: sort first.\");");
        Assert.Equal(1, await Mlsd("check", path));
        Assert.Matches(@"03\.mean\s*│\s*1\s*│\s*✓ done\s*│\s*2 of 2 public checks passed", Output);
        Assert.Matches(@"03\.median\s*│\s*3\s*│\s*✗ not yet\s*│\s*0 of 3 public checks passed\s*│\s*Hint: sort first\.", Output);
        Assert.Contains("1 of 2 exercise(s) done.", Output);
        Assert.Contains("note: code cell 2, line 1: System.NotImplementedException: Exercise: your code here", Output);
    }

    [Fact]
    public async Task Learner_copies_show_exercise_status_never_passed()
    {
        // The check cell behaves like Exercise.Check: a stub that throws is a ✗ line, not a failed run.
        TestNotebooks.Write(_repo.Combine("notebooks", "solutions", "04-ex.ipynb"), "md:# 04 · Exercises",
            "int Two()\n{\n    // BEGIN SOLUTION\n    return 2;\n    // END SOLUTION\n}",
            "bool ok; try { ok = Two() == 2; } catch (NotImplementedException) { ok = false; }\n" +
            "Console.WriteLine(ok ? \"✓ [04.two] 1 of 1 public checks passed\" : \"✗ [04.two] 0 of 1 public checks passed\");");
        Assert.Equal(0, await Mlsd("learner"));
        Assert.Equal(0, await Mlsd("run"));
        Assert.Contains("✓ notebooks/solutions/04-ex.ipynb · 2/2 code cells · ", Output);
        Assert.Matches(@"✓ notebooks/04-ex\.ipynb · 2/2 code cells · [0-9.]+ s · exercises 0 of 1 done", Output);
        Assert.Matches(@"✓ notebooks/solutions/04-ex\.ipynb · 2/2 code cells · [0-9.]+ s · exercises 1 of 1 done", Output);
        Assert.DoesNotContain("passed", Output);
        var learnerPage = File.ReadAllText(_repo.Combine("artifacts", "site", "exercises", "04-ex.html"));
        Assert.Contains("// BEGIN YOUR ANSWER", learnerPage);
        Assert.Contains("exercises 0 of 1 done", learnerPage);
        Assert.DoesNotContain("passed", learnerPage.Replace("public checks passed", "", StringComparison.Ordinal));
        var index = File.ReadAllText(_repo.Combine("artifacts", "site", "index.html"));
        Assert.Contains(">0 of 1 done</span>", index);
        Assert.DoesNotContain("passed", index);
    }

    [Fact]
    public async Task New_creates_the_skeleton_refuses_to_overwrite_and_refuses_overlong_names()
    {
        Assert.Equal(0, await Mlsd("new", "04-harmful-content"));
        var path = _repo.Combine("notebooks", "solutions", "04-harmful-content.ipynb");
        Assert.StartsWith("# 04 · Harmful content", Notebook.Load(path).Cells[0].Source);
        Assert.Equal(1, await Mlsd("new", "04-harmful-content"));
        Assert.Contains("already exists", Output);
        Assert.Equal(2, await Mlsd("new", "harmful"));
        var longName = "09-" + string.Join('-', Enumerable.Repeat("word", 60));
        Assert.Equal(2, await Mlsd("new", longName));
        Assert.Contains($"keep it to {NotebookSkeleton.MaxNameLength}", Output);
        Assert.False(File.Exists(_repo.Combine("notebooks", "solutions", longName + ".ipynb")));
    }

    [Fact]
    public async Task Learner_check_fails_when_out_of_sync()
    {
        TestNotebooks.Write(_repo.Combine("notebooks", "solutions", "05-x.ipynb"), "var a = 1;");
        Assert.Equal(1, await Mlsd("learner", "--check"));
        Assert.Equal(0, await Mlsd("learner"));
        Assert.Equal(0, await Mlsd("learner", "--check"));
        Assert.Contains("learner copies are in sync", Output);
    }

    [Fact]
    public async Task Help_is_per_command_and_states_the_exit_codes()
    {
        Assert.Equal(0, await Mlsd("run", "--help"));
        Assert.Contains("mlsd run [<paths>...] [options]", Output);
        Assert.Contains("--notebook-timeout <seconds>", Output);
        Assert.Contains("[default: 60]", Output); // the engine's default, not a number of the CLI's own
        Assert.DoesNotContain("--check", Output);
        Assert.Contains("Exit codes:", Output);
        _out.GetStringBuilder().Clear();

        Assert.Equal(0, await Mlsd("--help"));
        foreach (var command in new[] { "run", "check", "site", "learner", "new" }) Assert.Matches($@"\n\s+{command}\b", Output);
        Assert.Contains("2  usage error", Output);
        _out.GetStringBuilder().Clear();

        Assert.Equal(0, await Mlsd("--version"));
        Assert.Matches(@"^mlsd \d+\.\d+", Output);
    }

    [Fact]
    public async Task Outside_a_repository_commands_that_need_one_say_so_without_a_stack_trace()
    {
        using var elsewhere = new TempDir();
        foreach (var args in new[] { new[] { "learner", "--check" }, ["learner"], ["run"], ["site"], ["new", "06-events"] })
        {
            _out.GetStringBuilder().Clear();
            Assert.Equal(2, await CommandLine.RunAsync(args, _console, elsewhere.Path));
            Assert.Contains("mlsd: not inside the repository: no Mlsd.slnx in ", Output);
            Assert.DoesNotContain("   at ", Output);
            Assert.DoesNotContain("Exception", Output);
        }
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
    [InlineData("run", "--timeout", "NaN")]
    [InlineData("run", "--timeout", "Infinity")]
    [InlineData("run", "--timeout", "1e12")]
    [InlineData("run", "--notebook-timeout", "0")]
    [InlineData("run", "--timeout", "abc")]
    [InlineData("run", "--parallel", "0")]
    [InlineData("run", "--parallel", "100000")]
    [InlineData("run", "--repository", "not a repo")]
    [InlineData("check", "--timeout", "NaN", "x.ipynb")]
    [InlineData("run", "--bogus")]
    [InlineData("check")]
    [InlineData("run", "no/such.ipynb")]
    [InlineData("run", "--kernel", "polyglot")]
    public async Task Usage_errors_exit_with_2_naming_the_problem(params string[] args)
    {
        Assert.Equal(2, await Mlsd(args));
        Assert.Contains("mlsd: ", Output);
        Assert.Contains("--help` for usage.", Output);
        Assert.DoesNotContain("   at ", Output);
        var option = args.FirstOrDefault(a => a.StartsWith("--", StringComparison.Ordinal));
        if (option is not null) Assert.Contains(option, Output);
    }

    [Fact]
    public async Task A_folder_named_like_a_notebook_is_a_usage_error_not_an_empty_run()
    {
        Directory.CreateDirectory(_repo.Combine("x.ipynb"));
        Directory.CreateDirectory(_repo.Combine("empty"));
        Assert.Equal(2, await Mlsd("run", "x.ipynb"));
        Assert.Contains("x.ipynb is a folder, not a notebook", Output);
        Assert.Equal(2, await Mlsd("check", "x.ipynb"));
        Assert.Equal(2, await Mlsd("run", "empty"));
        Assert.Contains("no notebooks (*.ipynb) in the folder empty", Output);
    }

    [Fact]
    public async Task A_notebook_with_a_duplicate_key_fails_in_its_row_while_the_others_run_and_export()
    {
        var good = TestNotebooks.Write(_repo.Combine("notebooks", "solutions", "01-good.ipynb"), "md:# 01 · Good", "6 * 7");
        var duplicate = _repo.Combine("notebooks", "solutions", "02-duplicate.ipynb");
        File.WriteAllText(duplicate, "{\"cells\": [], \"cells\": [], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}");

        Assert.Equal(1, await Mlsd("run", good, duplicate));
        Assert.Contains("✓ notebooks/solutions/01-good.ipynb", Output);
        Assert.Contains("✗ notebooks/solutions/02-duplicate.ipynb", Output);
        Assert.Contains("Duplicate property 'cells'", Output);
        Assert.Contains("1 of 2 notebook(s) failed.", Output);
        Assert.True(File.Exists(_repo.Combine("artifacts", "site", "01-good.html")));
        var index = File.ReadAllText(_repo.Combine("artifacts", "site", "index.html"));
        Assert.Contains("✗ failed", index);

        _out.GetStringBuilder().Clear();
        Assert.Equal(1, await Mlsd("check", duplicate));
        Assert.Contains("Duplicate property 'cells'", Output);
        Assert.DoesNotContain("   at ", Output);
    }

    [Fact]
    public async Task An_artifacts_folder_blocked_by_a_file_is_reported_per_notebook_and_for_the_site()
    {
        var path = TestNotebooks.Write(_repo.Combine("notebooks", "solutions", "01-good.ipynb"), "6 * 7");
        File.WriteAllText(_repo.Combine("artifacts"), "not a folder");
        Assert.Equal(1, await Mlsd("run", path));
        Assert.Contains("✗ notebooks/solutions/01-good.ipynb", Output);
        Assert.Contains("could not save the executed copy", Output);
        Assert.Contains("mlsd: could not build the site", Output);
        Assert.Contains("1 of 1 notebook(s) failed.", Output);
        Assert.DoesNotContain("   at ", Output);
        Assert.Equal(1, await Mlsd("site"));
    }

    [Fact]
    public async Task An_overlong_notebook_name_is_reported_cleanly_by_learner_and_run()
    {
        // Made by hand: `mlsd new` refuses such names. 240 characters fit a file name, but not the temporary files beside it.
        var name = "01-" + new string('a', 237);
        var path = _repo.Combine("notebooks", "solutions", name + ".ipynb");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var notebook = Notebook.CreatePolyglot();
        notebook.AddCodeCell("6 * 7");
        File.WriteAllText(path, notebook.ToJson()); // not atomically: the temporary file's name would be too long
        var other = TestNotebooks.Write(_repo.Combine("notebooks", "solutions", "02-short.ipynb"), "1");

        Assert.Equal(1, await Mlsd("learner"));
        Assert.Contains("too long", Output);
        Assert.DoesNotContain("   at ", Output);

        _out.GetStringBuilder().Clear();
        Assert.Equal(1, await Mlsd("run", path, other));
        Assert.Contains($"✗ notebooks/solutions/{name}.ipynb", Output);
        Assert.Contains("could not save the executed copy", Output);
        Assert.Contains("✓ notebooks/solutions/02-short.ipynb", Output);
        Assert.True(File.Exists(_repo.Combine("artifacts", "site", "02-short.html")));
        Assert.DoesNotContain("   at ", Output);
    }

    [Fact]
    public async Task Two_runs_at_once_of_different_notebooks_both_end_up_in_the_site()
    {
        var a = TestNotebooks.Write(_repo.Combine("notebooks", "solutions", "01-a.ipynb"), "md:# 01 · A", "1");
        var b = TestNotebooks.Write(_repo.Combine("notebooks", "solutions", "02-b.ipynb"), "md:# 02 · B", "2");
        using var outA = new StringWriter();
        using var outB = new StringWriter();
        var codes = await Task.WhenAll(
            CommandLine.RunAsync(["run", a], PlainConsole(outA), _repo.Path),
            CommandLine.RunAsync(["run", b], PlainConsole(outB), _repo.Path));
        Assert.Equal([0, 0], codes);
        var index = File.ReadAllText(_repo.Combine("artifacts", "site", "index.html"));
        Assert.Contains("<a href=\"01-a.html\">01 · A</a>", index);
        Assert.Contains("<a href=\"02-b.html\">02 · B</a>", index);
        Assert.True(File.Exists(_repo.Combine("artifacts", "site", "01-a.html")));
        Assert.True(File.Exists(_repo.Combine("artifacts", "site", "02-b.html")));
    }
}
