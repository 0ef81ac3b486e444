using System.Collections.Concurrent;
using System.Globalization;
using Mlsd.Notebooks.Execution;
using Mlsd.Notebooks.Running;
using Spectre.Console;

namespace Mlsd.Cli;

/// <summary>Shows run progress: live bars per notebook on a terminal, plain lines when output is redirected or in CI.</summary>
internal static class RunReporter
{
    public static bool Interactive(IAnsiConsole console) =>
        console.Profile.Capabilities.Interactive && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("CI") is null;

    public static async Task<IReadOnlyList<NotebookRunResult>> RunAsync(IAnsiConsole console, NotebookRunner runner, IReadOnlyList<string> paths, string root,
        CancellationToken cancellationToken = default)
    {
        if (!Interactive(console))
        {
            var gate = new object();
            return await runner.RunAllAsync(paths, p =>
            {
                lock (gate) console.Profile.Out.Writer.WriteLine(PlainLine(p, root));
            }, cancellationToken);
        }
        IReadOnlyList<NotebookRunResult> results = [];
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var tasks = new ConcurrentDictionary<string, ProgressTask>(StringComparer.Ordinal);
                foreach (var p in paths) tasks[p] = ctx.AddTask(Markup.Escape(Path.GetFileName(p)), autoStart: false, maxValue: 1);
                results = await runner.RunAllAsync(paths, p =>
                {
                    if (!tasks.TryGetValue(p.NotebookPath, out var task)) return;
                    var name = Markup.Escape(Path.GetFileName(p.NotebookPath));
                    switch (p.Stage)
                    {
                        case RunStage.NotebookStarted:
                            task.MaxValue = Math.Max(1, p.CodeCellCount);
                            task.StartTask();
                            break;
                        case RunStage.CellStarted:
                            task.Description = $"{name} [grey]· cell {p.CodeCellIndex + 1}/{p.CodeCellCount}[/]";
                            break;
                        case RunStage.CellFinished when p.Cell is { } c:
                            task.Increment(1);
                            if (!c.Succeeded) task.Description = $"{name} [red]· ✗ cell {c.CellNumber}[/]";
                            break;
                        case RunStage.NotebookFinished when p.Result is { } r:
                            task.Value = task.MaxValue;
                            task.Description = r.Succeeded ? $"[green]✓[/] {name}" : $"[red]✗[/] {name}";
                            task.StopTask();
                            break;
                    }
                }, cancellationToken);
            });
        return results;
    }

    private static string PlainLine(RunProgress p, string root)
    {
        var name = Path.GetRelativePath(root, p.NotebookPath);
        return p.Stage switch
        {
            RunStage.NotebookStarted => $"▶ {name} ({p.CodeCellCount} code cells)",
            RunStage.CellStarted => $"  {name}: code cell {p.CodeCellIndex + 1}/{p.CodeCellCount} …",
            RunStage.CellFinished when p.Cell is { } c => c.Succeeded
                ? $"  {name}: code cell {c.CodeCellNumber}/{p.CodeCellCount} ✓ {Seconds(c.Elapsed)}"
                : $"  {name}: ✗ {c.Describe()}",
            RunStage.NotebookFinished when p.Result is { } r =>
                $"{(r.Succeeded ? "✓" : "✗")} {name} in {Seconds(r.Elapsed)}{(r.Succeeded ? "" : " — " + (r.Problem ?? r.FirstFailure?.Describe()))}",
            _ => $"  {name}: {p.Stage}",
        };
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";
}
