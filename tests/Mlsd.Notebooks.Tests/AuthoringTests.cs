using Mlsd.Notebooks.Authoring;
using Mlsd.Notebooks.Format;

namespace Mlsd.Notebooks.Tests;

public class AuthoringTests
{
    private const string Stub = "throw new NotImplementedException(\"Exercise: your code here\");";

    /// <summary>What a learner copy holds in place of a solution block: the stub between answer markers.</summary>
    private static string Answer(string indent) => $"{indent}// BEGIN YOUR ANSWER\n{indent}{Stub}\n{indent}// END YOUR ANSWER";

    [Fact]
    public void Solution_block_becomes_a_stub_indented_like_the_begin_line()
    {
        const string source = "double Mean(double[] xs)\n{\n    // BEGIN SOLUTION\n    var s = xs.Sum();\n    return s / xs.Length;\n    // END SOLUTION\n}\nExercise.Check(\"00.mean\", Mean);";
        var expected = "double Mean(double[] xs)\n{\n" + Answer("    ") + "\n}\nExercise.Check(\"00.mean\", Mean);";
        Assert.Equal(expected, LearnerCopies.StripSolutions(source));
    }

    [Fact]
    public void Several_blocks_and_a_block_ending_the_cell_are_handled()
    {
        const string source = "int A()\n{\n\t// BEGIN SOLUTION\n\treturn 1;\n\t// END SOLUTION\n}\n// BEGIN SOLUTION\nvar b = 2;\n// END SOLUTION";
        var expected = "int A()\n{\n" + Answer("\t") + "\n}\n" + Answer("");
        Assert.Equal(expected, LearnerCopies.StripSolutions(source));
    }

    [Theory]
    [InlineData("// BEGIN SOLUTION\nx", "line 1: '// BEGIN SOLUTION' is never closed")]
    [InlineData("x\n// END SOLUTION", "line 2: '// END SOLUTION' without a matching")]
    [InlineData("// BEGIN SOLUTION\n// BEGIN SOLUTION\n// END SOLUTION", "line 2: '// BEGIN SOLUTION' inside the block opened at line 1")]
    public void Unbalanced_markers_are_reported_with_cell_and_line(string source, string expected)
    {
        var e = Assert.Throws<FormatException>(() => LearnerCopies.StripSolutions(source, "07-x.ipynb, cell 3"));
        Assert.StartsWith("07-x.ipynb, cell 3, ", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Learner_copy_rewrites_the_library_reference_and_strips_outputs()
    {
        var nb = Notebook.CreatePolyglot();
        nb.AddMarkdownCell("# 00 · Framework\n// BEGIN SOLUTION stays in markdown");
        nb.AddCodeCell("#r \"../../artifacts/bin/Mlsd/debug/Mlsd.dll\"\nusing Mlsd.Data;");
        var answer = nb.AddCodeCell("int F()\n{\n  // BEGIN SOLUTION\n  return 4;\n  // END SOLUTION\n}");
        answer.SetOutputs([NotebookOutputs.Stream("stdout", "x")]);
        answer.ExecutionCount = 3;
        var learner = LearnerCopies.CreateLearnerCopy(nb);
        Assert.Equal("#r \"../artifacts/bin/Mlsd/debug/Mlsd.dll\"\nusing Mlsd.Data;", learner.Cells[1].Source);
        Assert.Equal("int F()\n{\n" + Answer("  ") + "\n}", learner.Cells[2].Source);
        Assert.Empty(learner.Cells[2].Outputs!);
        Assert.Null(learner.Cells[2].ExecutionCount);
        Assert.Equal(nb.Cells[0].Source, learner.Cells[0].Source);
        Assert.Equal(3, nb.Cells[2].ExecutionCount); // the solution itself is untouched
    }

    [Fact]
    public void Generate_then_check_reports_in_sync_and_detects_drift()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.Combine("Mlsd.slnx"), "<Solution />");
        TestNotebooks.Write(dir.Combine("notebooks", "solutions", "01-demo.ipynb"), "#r \"../../artifacts/x.dll\"", "// BEGIN SOLUTION\nvar a = 1;\n// END SOLUTION");
        var missing = LearnerCopies.FindOutOfSync(dir.Path);
        Assert.Equal([Path.Combine("notebooks", "01-demo.ipynb") + " is missing (run `mlsd learner`)"], missing);

        var plans = LearnerCopies.Generate(dir.Path);
        var path = dir.Combine("notebooks", "01-demo.ipynb");
        Assert.Equal([(path, LearnerCopyAction.Create)], plans.Select(p => (p.Learner, p.Action)));
        Assert.Empty(LearnerCopies.FindOutOfSync(dir.Path));
        Assert.Equal([LearnerCopyAction.UpToDate], LearnerCopies.Generate(dir.Path).Select(p => p.Action)); // nothing to rewrite
        Assert.Equal(Answer(""), Notebook.Load(path).Cells[1].Source);

        var learner = Notebook.Load(path);
        learner.Cells[1].Source = "var a = 1; // the learner's own answer, never committed";
        learner.Save(path);
        File.WriteAllText(dir.Combine("notebooks", "02-orphan.ipynb"), Notebook.CreatePolyglot().ToJson());
        // Strict, for the repository's own copies: a learner's edit is out of sync too.
        Assert.Equal(
            [Path.Combine("notebooks", "01-demo.ipynb") + " has edits that are not in its solution (cells 2)",
             Path.Combine("notebooks", "02-orphan.ipynb") + " has no solution notebook in notebooks/solutions/"],
            LearnerCopies.FindOutOfSync(dir.Path));
    }

    [Fact]
    public void Exercise_report_parses_check_lines_and_their_hints()
    {
        const string stdout = "training…\n✓ [07.nce] 3 of 3 public checks passed\n✗ [07.calibration] 1 of 3 public checks passed\n  Hint: the bins must cover [0, 1].\n  Check 2 of 3 failed.\n[07.x] 1 of 2 public checks passed\n";
        var results = ExerciseReport.Parse(stdout);
        Assert.Equal(2, results.Count);
        Assert.Equal(new ExerciseResult("07.nce", 3, 3, true, []), results[0] with { Details = [] });
        Assert.Empty(results[0].Details);
        Assert.Equal(("07.calibration", 1, 3, false), (results[1].Id, results[1].Passed, results[1].Total, results[1].Success));
        Assert.Equal(["  Hint: the bins must cover [0, 1].", "  Check 2 of 3 failed.", "[07.x] 1 of 2 public checks passed"], results[1].Details);
        Assert.Equal("✗ [07.calibration] 1 of 3 public checks passed", results[1].ToString());
    }

    [Fact]
    public void Skeleton_follows_the_notebook_conventions()
    {
        var nb = NotebookSkeleton.Create("07-ad-click-prediction");
        var headings = nb.Cells.Where(c => c.Kind == CellKind.Markdown).Select(c => c.Source.Split('\n')[0]).ToList();
        Assert.Equal(
            ["# 07 · Ad click prediction", "## 1 · Clarify requirements", "## 2 · Frame as an ML task", "## 3 · Data preparation",
             "## 4 · Model development", "## 5 · Evaluation", "## 6 · Serving", "## 7 · Monitoring & maintenance",
             "## Failure modes", "## Architecture", "## Interview cheat sheet", "## Exercises"],
            headings);
        Assert.Equal("#r \"../../artifacts/bin/Mlsd/debug/Mlsd.dll\"", nb.Cells[1].Source.Split('\n')[0]);
        Assert.Empty(PolyglotMetadata.FindProblems(nb));
        Assert.Equal(nb.Cells.Count, nb.Cells.Select(c => c.Id).Distinct().Count());
    }

    [Theory]
    [InlineData("7-ads")]
    [InlineData("07_ads")]
    [InlineData("07-Ads")]
    [InlineData("07-")]
    public void Skeleton_rejects_names_that_are_not_NN_kebab(string name) =>
        Assert.Throws<ArgumentException>(() => NotebookSkeleton.Create(name));

    [Fact]
    public void Skeleton_file_is_created_once_and_never_overwritten()
    {
        using var dir = new TempDir();
        var path = NotebookSkeleton.CreateFile(dir.Path, "03-video-search");
        Assert.Equal(dir.Combine("notebooks", "solutions", "03-video-search.ipynb"), path);
        File.AppendAllText(path, " ");
        var before = File.ReadAllBytes(path);
        Assert.Throws<IOException>(() => NotebookSkeleton.CreateFile(dir.Path, "03-video-search"));
        Assert.Equal(before, File.ReadAllBytes(path));
    }
}
