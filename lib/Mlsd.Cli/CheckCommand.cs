using System.CommandLine;
using System.Globalization;
using Mlsd.Notebooks.Authoring;
using Mlsd.Notebooks.Execution;
using Mlsd.Notebooks.Running;
using Spectre.Console;

namespace Mlsd.Cli;

/// <summary><c>mlsd check &lt;notebook&gt;</c>: run a learner notebook to the end and report each exercise.</summary>
internal static class CheckCommand
{
    public static Command Create(IAnsiConsole console, string workingDirectory)
    {
        var notebook = CliOptions.Paths<string>("notebook", "The notebook to check, e.g. notebooks/07-ad-click-prediction.ipynb");
        var timeout = CliOptions.CellTimeout();
        var notebookTimeout = CliOptions.NotebookTimeout();
        var memoryLimit = CliOptions.MemoryLimit();
        var command = new Command("check", "Run a learner notebook to the end and report each exercise: k of n done, with hints.")
        {
            notebook, timeout, notebookTimeout, memoryLimit,
        };
        command.SetAction((parse, cancellationToken) => ExecuteAsync(parse.GetValue(notebook)!, new NotebookRunnerOptions
        {
            ContinueOnError = true,
            CellTimeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
            NotebookTimeout = TimeSpan.FromSeconds(parse.GetValue(notebookTimeout)),
            MemoryLimit = CliOptions.MemoryLimitBytes(parse.GetValue(memoryLimit)),
        }, console, workingDirectory, cancellationToken));
        return command;
    }

    public static async Task<int> ExecuteAsync(string path, NotebookRunnerOptions options, IAnsiConsole console, string workingDirectory,
        CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(path, workingDirectory);
        if (Directory.Exists(full)) throw new UsageException($"{path} is a folder; `mlsd check` takes one notebook.");
        if (!File.Exists(full)) throw new UsageException($"no such notebook: {path}");
        var runner = new NotebookRunner(options);
        console.WriteLine($"Running {Path.GetFileName(full)} …");
        var result = await runner.RunAsync(full, cancellationToken: cancellationToken);
        if (result.Problem is not null)
        {
            console.MarkupLine($"[red]{Markup.Escape(result.Describe())}[/]");
            RunCommand.PrintLimitHint(console, [result]);
            return CommandLine.Failure;
        }
        var exercises = Collect(result);
        Report(console, result, exercises);
        return exercises.Count > 0 && exercises.All(e => e.Result.Success) ? CommandLine.Success : CommandLine.Failure;
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
            table.AddColumn("Exercise").AddColumn("Code cell").AddColumn("Result").AddColumn("Checks").AddColumn("Hints");
            foreach (var (cell, e) in exercises)
            {
                table.AddRow(
                    new Text(e.Id),
                    new Text(cell.CodeCellNumber.ToString(CultureInfo.InvariantCulture)),
                    new Markup(e.Success ? "[green]✓ done[/]" : "[red]✗ not yet[/]"),
                    new Text($"{e.Passed} of {e.Total} public checks passed"),
                    new Text(string.Join('\n', e.Details.Select(d => d.Trim()))));
            }
            console.Write(table);
            var tally = ExerciseTally.FromOutputs(result.Cells.Select(c => c.StandardOutput));
            console.MarkupLine($"{tally.Done} of {tally.Total} exercise(s) done.");
        }
        foreach (var cell in result.Cells.Where(c => c.Status is CellStatus.Failed or CellStatus.TimedOut or CellStatus.Crashed or CellStatus.Cancelled))
            console.MarkupLine($"[yellow]note:[/] {Markup.Escape(cell.Describe())}");
        RunCommand.PrintLimitHint(console, [result]);
    }
}
