using System.Globalization;
using Mlsd.Notebooks;
using Mlsd.Notebooks.Export;
using Mlsd.Notebooks.Running;
using Spectre.Console;

namespace Mlsd.Cli;

/// <summary><c>mlsd run</c>: run notebooks out of process, write executed copies + HTML under artifacts/, print a summary.</summary>
internal static class RunCommand
{
    public static readonly string[] Flags = ["--continue", "--in-place"];
    public static readonly string[] Valued = ["--timeout", "--notebook-timeout", "--parallel", "--memory-limit"];

    public static async Task<int> ExecuteAsync(Options options, IAnsiConsole console, string workingDirectory, CancellationToken cancellationToken = default)
    {
        var runnerOptions = new NotebookRunnerOptions
        {
            ContinueOnError = options.Has("--continue"),
            CellTimeout = TimeSpan.FromSeconds(options.Seconds("--timeout", 60)),
            NotebookTimeout = TimeSpan.FromSeconds(options.Seconds("--notebook-timeout", 300)),
            Parallelism = options.Integer("--parallel", Math.Clamp(Environment.ProcessorCount, 1, 4)),
            MemoryLimit = options.MemoryLimit(),
        };
        var root = RepositoryLayout.TryFindRoot(workingDirectory);
        var paths = ResolvePaths(options.Positional, root, workingDirectory);
        if (paths.Count == 0)
        {
            console.MarkupLine("[yellow]No notebooks found[/] (looked in notebooks/ and notebooks/solutions/).");
            return 0;
        }
        var runner = new NotebookRunner(runnerOptions);
        var baseDir = root ?? Path.GetFullPath(workingDirectory);
        var results = await RunReporter.RunAsync(console, runner, paths, baseDir, cancellationToken);

        var artifacts = Path.Combine(baseDir, "artifacts");
        var exporter = new HtmlExporter(PlotlyAsset.Locate(root));
        var index = new List<(string, string, NotebookRunResult)>();
        foreach (var r in results)
        {
            var rel = RelativeName(baseDir, r.NotebookPath);
            var executedPath = Path.Combine(artifacts, "notebooks", rel);
            var htmlPath = Path.ChangeExtension(executedPath, ".html");
            if (r.ExecutedNotebook is { } executed)
            {
                executed.Save(executedPath);
                AtomicFile.WriteAllText(htmlPath, exporter.Export(executed, Path.GetFileNameWithoutExtension(rel), r));
                if (options.Has("--in-place")) executed.Save(r.NotebookPath);
            }
            index.Add((rel.Replace('\\', '/'), Path.GetRelativePath(artifacts, htmlPath).Replace('\\', '/'), r));
        }
        AtomicFile.WriteAllText(Path.Combine(artifacts, "index.html"), HtmlExporter.ExportIndex(index));
        PrintSummary(console, results, baseDir);
        PrintLimitHint(console, results);
        if (exporter.Plotly.ScriptPath is null)
            console.MarkupLine("[yellow]note:[/] node_modules/plotly.js-dist-min is missing (run `npm ci`); pages with charts load plotly.js from a CDN.");
        console.WriteLine($"Executed copies and HTML: {Path.GetRelativePath(Directory.GetCurrentDirectory(), Path.Combine(artifacts, "index.html"))}");
        return results.All(r => r.Succeeded) ? 0 : 1;
    }

    internal static IReadOnlyList<string> ResolvePaths(IReadOnlyList<string> args, string? root, string workingDirectory)
    {
        if (args.Count == 0)
        {
            if (root is null) throw new UsageException($"not inside the repository (no {RepositoryLayout.SolutionFile} above {workingDirectory}); pass notebook paths.");
            return RepositoryLayout.AllNotebooks(root);
        }
        var paths = new List<string>();
        foreach (var a in args)
        {
            var full = Path.GetFullPath(a, workingDirectory);
            if (Directory.Exists(full))
                paths.AddRange(Directory.GetFiles(full, "*.ipynb", SearchOption.AllDirectories)
                    .Where(p => !p.Contains(".ipynb_checkpoints", StringComparison.Ordinal) && !p.Contains($"{Path.DirectorySeparatorChar}artifacts{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                    .Order(StringComparer.Ordinal));
            else if (File.Exists(full)) paths.Add(full);
            else throw new UsageException($"no such notebook or folder: {a}");
        }
        return [.. paths.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>How to raise a limit that stopped a notebook: the engine names the limit, the command line its option.</summary>
    internal static void PrintLimitHint(IAnsiConsole console, IEnumerable<NotebookRunResult> results)
    {
        foreach (var limit in results.Select(r => r.LimitReached).OfType<RunLimit>().Distinct().Order())
        {
            console.MarkupLine("[yellow]note:[/] " + Markup.Escape(limit switch
            {
                RunLimit.CellTime => "a cell reached the per-cell time limit; raise it with --timeout <seconds>.",
                RunLimit.NotebookTime => "a notebook reached its time limit; raise it with --notebook-timeout <seconds>.",
                _ => "a notebook reached its memory limit; raise it with --memory-limit <GiB>.",
            }));
        }
    }

    /// <summary>notebooks/solutions/01-x.ipynb → solutions/01-x.ipynb (relative to notebooks/, else to the root).</summary>
    internal static string RelativeName(string root, string notebookPath)
    {
        var rel = Path.GetRelativePath(Path.Combine(root, "notebooks"), notebookPath);
        if (rel.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(rel)) rel = Path.GetRelativePath(root, notebookPath);
        if (rel.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(rel)) rel = Path.Combine("other", Path.GetFileName(notebookPath));
        return rel;
    }

    private static void PrintSummary(IAnsiConsole console, IReadOnlyList<NotebookRunResult> results, string root)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Summary");
        table.AddColumn("Notebook").AddColumn(new TableColumn("Cells").RightAligned()).AddColumn(new TableColumn("Seconds").RightAligned())
            .AddColumn("Result").AddColumn("First failing cell");
        foreach (var r in results)
        {
            var failure = r.Problem ?? r.FirstFailure?.Describe() ?? "";
            if (failure.Length > 300) failure = failure[..300] + "…";
            table.AddRow(
                new Text(RelativeName(root, r.NotebookPath)),
                new Text($"{r.CellsRun}/{r.Cells.Count}"),
                new Text(r.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)),
                new Markup(r.Succeeded ? "[green]✓ passed[/]" : "[red]✗ failed[/]"),
                new Text(failure, new Style(Color.Red)));
        }
        console.Write(table);
        foreach (var r in results.Where(r => r.FirstFailure?.Error is { Traceback.Count: > 0 }))
        {
            // The details of each notebook's first failure, for logs where there is no HTML page to open.
            var f = r.FirstFailure!;
            console.Profile.Out.Writer.WriteLine($"{RelativeName(root, r.NotebookPath)}, cell {f.CellNumber} (code cell {f.CodeCellNumber}):");
            foreach (var line in f.Error!.Traceback.Take(12)) console.Profile.Out.Writer.WriteLine("    " + line);
        }
        var failed = results.Count(r => !r.Succeeded);
        console.MarkupLine(failed == 0
            ? $"[green]{results.Count} notebook(s) passed.[/]"
            : $"[red]{failed} of {results.Count} notebook(s) failed.[/]");
    }
}
