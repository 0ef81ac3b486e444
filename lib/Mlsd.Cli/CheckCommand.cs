using Mlsd.Notebooks;
using Mlsd.Notebooks.Authoring;
using Mlsd.Notebooks.Execution;
using Mlsd.Notebooks.Running;
using Spectre.Console;

namespace Mlsd.Cli;

/// <summary><c>mlsd check &lt;notebook&gt;</c>: run a learner notebook to the end and report each exercise.</summary>
internal static class CheckCommand
{
    public static async Task<int> ExecuteAsync(Options options, IAnsiConsole console, string workingDirectory, CancellationToken cancellationToken = default)
    {
        if (options.Positional is not [var path])
            throw new UsageException("`mlsd check` takes one notebook, e.g. `mlsd check notebooks/07-ad-click-prediction.ipynb`.");
        var full = Path.GetFullPath(path, workingDirectory);
        if (!File.Exists(full)) throw new UsageException($"no such notebook: {path}");
        var runner = new NotebookRunner(new NotebookRunnerOptions
        {
            ContinueOnError = true,
            CellTimeout = TimeSpan.FromSeconds(options.Seconds("--timeout", 60)),
            NotebookTimeout = TimeSpan.FromSeconds(options.Seconds("--notebook-timeout", 300)),
            MemoryLimit = options.MemoryLimit(),
        });
        console.WriteLine($"Running {Path.GetFileName(full)} …");
        var result = await runner.RunAsync(full, cancellationToken: cancellationToken);
        if (result.Problem is not null)
        {
            console.MarkupLine($"[red]{Markup.Escape(result.Problem)}[/]");
            RunCommand.PrintLimitHint(console, [result]);
            return 1;
        }
        var exercises = Collect(result);
        Report(console, result, exercises);
        return exercises.Count > 0 && exercises.All(e => e.Result.Success) ? 0 : 1;
    }

    /// <summary>Every exercise check line of the run, with the cell it came from.</summary>
    internal static IReadOnlyList<(CellExecutionResult Cell, ExerciseResult Result)> Collect(NotebookRunResult result) =>
        [.. result.Cells.SelectMany(c => ExerciseReport.Parse(c.StandardOutput).Select(e => (c, e)))];

    private static void Report(IAnsiConsole console, NotebookRunResult result, IReadOnlyList<(CellExecutionResult Cell, ExerciseResult Result)> exercises)
    {
        if (exercises.Count == 0)
        {
            console.MarkupLine("[yellow]No exercise checks found in this notebook[/] (check cells print lines like `✓ [07.nce] 3 of 3 public checks passed`).");
        }
        else
        {
            var table = new Table().Border(TableBorder.Rounded).Title($"Exercises in {Markup.Escape(Path.GetFileName(result.NotebookPath))}");
            table.AddColumn("Exercise").AddColumn("Cell").AddColumn("Result").AddColumn("Checks").AddColumn("Hints");
            foreach (var (cell, e) in exercises)
            {
                table.AddRow(
                    new Text(e.Id),
                    new Text(cell.CellNumber.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    new Markup(e.Success ? "[green]✓ done[/]" : "[red]✗ not yet[/]"),
                    new Text($"{e.Passed} of {e.Total} public checks passed"),
                    new Text(string.Join('\n', e.Details.Select(d => d.Trim()))));
            }
            console.Write(table);
            var done = exercises.Count(e => e.Result.Success);
            console.MarkupLine($"{done} of {exercises.Count} exercise(s) done.");
        }
        foreach (var cell in result.Cells.Where(c => c.Status is CellStatus.Failed or CellStatus.TimedOut or CellStatus.Crashed or CellStatus.Cancelled))
            console.MarkupLine($"[yellow]note:[/] {Markup.Escape(cell.Describe())}");
        RunCommand.PrintLimitHint(console, [result]);
    }
}
