using System.Collections.Concurrent;
using System.Globalization;
using Mlsd.Notebooks.Running;
using Spectre.Console;

namespace Mlsd.Cli;

/// <summary>
/// Shows a run: live bars per notebook on a terminal; without one (a log, CI) one line per notebook as it finishes, with
/// its failure in full, each written whole so parallel notebooks never interleave.
/// </summary>
internal static class RunReporter
{
    public static bool Interactive(IAnsiConsole console) =>
        console.Profile.Capabilities.Interactive && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("CI") is null;

    /// <summary>Runs <paramref name="paths"/>; <paramref name="finish"/> turns each result into its row (saving its artifacts) as
    /// soon as the notebook ends. Rows come back in the order of <paramref name="paths"/>.</summary>
    public static async Task<IReadOnlyList<RunRow>> RunAsync(IAnsiConsole console, KernelOption.RunAll runAll, IReadOnlyList<string> paths, string root,
        Func<NotebookRunResult, RunRow> finish, CancellationToken cancellationToken = default)
    {
        var rows = new ConcurrentDictionary<string, RunRow>(StringComparer.Ordinal);
        RunRow Finish(NotebookRunResult r) => rows.GetOrAdd(r.NotebookPath, _ => finish(r));
        IReadOnlyList<NotebookRunResult> results;
        if (!Interactive(console))
        {
            var gate = new object();
            results = await runAll(paths, p =>
            {
                if (p is not { Stage: RunStage.NotebookFinished, Result: { } r }) return;
                var row = Finish(r);
                lock (gate) WritePlain(console.Profile.Out.Writer, row);
            }, cancellationToken);
            // A notebook whose kernel could not even start reports no progress: its line comes now.
            foreach (var r in results.Where(r => !rows.ContainsKey(r.NotebookPath))) WritePlain(console.Profile.Out.Writer, Finish(r));
        }
        else
        {
            results = await RunWithProgressBars(console, runAll, paths, root, r => Finish(r), cancellationToken);
        }
        return [.. results.Select(Finish)];
    }

    private static async Task<IReadOnlyList<NotebookRunResult>> RunWithProgressBars(IAnsiConsole console, KernelOption.RunAll runAll, IReadOnlyList<string> paths,
        string root, Action<NotebookRunResult> finished, CancellationToken cancellationToken)
    {
        IReadOnlyList<NotebookRunResult> results = [];
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var tasks = new ConcurrentDictionary<string, ProgressTask>(StringComparer.Ordinal);
                string Name(string path) => Markup.Escape(Path.GetRelativePath(root, path).Replace('\\', '/'));
                foreach (var p in paths) tasks[p] = ctx.AddTask(Name(p), autoStart: false, maxValue: 1);
                results = await runAll(paths, p =>
                {
                    if (!tasks.TryGetValue(p.NotebookPath, out var task)) return;
                    var name = Name(p.NotebookPath);
                    switch (p.Stage)
                    {
                        case RunStage.NotebookStarted:
                            task.MaxValue = Math.Max(1, p.CodeCellCount);
                            task.StartTask();
                            break;
                        case RunStage.CellStarted:
                            task.Description = $"{name} [grey]· code cell {p.CodeCellIndex + 1}/{p.CodeCellCount}[/]";
                            break;
                        case RunStage.CellFinished when p.Cell is { } c:
                            task.Increment(1);
                            if (!c.Succeeded) task.Description = $"{name} [red]· ✗ code cell {c.CodeCellNumber}[/]";
                            break;
                        case RunStage.NotebookFinished when p.Result is { } r:
                            finished(r);
                            task.Value = task.MaxValue;
                            task.Description = r.Succeeded ? $"[green]✓[/] {name}" : $"[red]✗[/] {name}";
                            task.StopTask();
                            break;
                    }
                }, cancellationToken);
            });
        return results;
    }

    /// <summary>"✓ notebooks/07-x.ipynb · 41/41 code cells · 8.1 s · exercises 0 of 4 done", then for a failure every line of it.</summary>
    private static void WritePlain(TextWriter writer, RunRow row)
    {
        var r = row.Result;
        var line = $"{(row.Succeeded ? "✓" : "✗")} {row.Name} · {r.CellsRun}/{r.Cells.Count} code cells · {RunCommand.Seconds(r.Elapsed)}";
        if (row.Exercises.Total > 0) line += $" · exercises {row.Exercises}";
        var text = new System.Text.StringBuilder(line).Append('\n');
        if (!row.Succeeded) AppendFailure(text, row, int.MaxValue);
        writer.Write(text.ToString());
        writer.Flush();
    }

    /// <summary>The failure of a row: what and where, then the traceback (at most <paramref name="maxLines"/> lines).</summary>
    private static void AppendFailure(System.Text.StringBuilder text, RunRow row, int maxLines)
    {
        text.Append("    ").Append(row.Problem).Append('\n');
        if (row.Result.Problem is null && row.Result.FirstFailure?.Error is { } error)
        {
            var lines = error.Traceback.Where(l => l != error.ToString() && l != error.Message).ToList();
            foreach (var l in lines.Take(maxLines)) text.Append("      ").Append(l).Append('\n');
            if (lines.Count > maxLines) text.Append("      … (").Append(lines.Count - maxLines).Append(" more lines in the HTML page)\n");
        }
        if (row.SaveProblem is not null && row.Result.Problem is null && row.Result.FirstFailure is not null)
            text.Append("    ").Append(row.SaveProblem).Append('\n');
    }

    /// <summary>The end of a run: a table on a terminal (the plain lines already said everything else), and the count.</summary>
    public static void PrintSummary(IAnsiConsole console, IReadOnlyList<RunRow> rows)
    {
        if (Interactive(console))
        {
            var table = new Table().Border(TableBorder.Rounded).Title("Summary");
            table.AddColumn("Notebook").AddColumn(new TableColumn("Code cells").RightAligned()).AddColumn(new TableColumn("Seconds").RightAligned())
                .AddColumn("Result").AddColumn("Exercises").AddColumn("First failure");
            foreach (var row in rows)
            {
                var failure = row.Problem ?? "";
                if (failure.Length > 300) failure = failure[..300] + "…";
                table.AddRow(
                    new Text(row.Name),
                    new Text($"{row.Result.CellsRun}/{row.Result.Cells.Count}"),
                    new Text(row.Result.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)),
                    new Markup(row.Succeeded ? "[green]✓ ran[/]" : "[red]✗ failed[/]"),
                    new Text(row.Exercises.ToString(), new Style(row.Exercises.Done < row.Exercises.Total ? Color.Yellow : Color.Default)),
                    new Text(failure, new Style(Color.Red)));
            }
            console.Write(table);
            foreach (var row in rows.Where(r => !r.Succeeded))
            {
                var text = new System.Text.StringBuilder().Append(row.Name).Append(":\n");
                AppendFailure(text, row, 12);
                console.Profile.Out.Writer.Write(text.ToString());
            }
        }
        var failed = rows.Count(r => !r.Succeeded);
        console.MarkupLine(failed == 0
            ? $"[green]{rows.Count} notebook(s) ran without errors.[/]"
            : $"[red]{failed} of {rows.Count} notebook(s) failed.[/]");
    }
}
