using System.CommandLine;
using System.Globalization;
using Mlsd.Notebooks;
using Mlsd.Notebooks.Authoring;
using Mlsd.Notebooks.Running;
using Mlsd.Notebooks.Site;
using Spectre.Console;

namespace Mlsd.Cli;

/// <summary>What <c>mlsd run</c> was asked to do.</summary>
/// <param name="Paths">Notebooks or folders (none: every notebook of the repository).</param>
/// <param name="Runner">Limits and stop-on-error.</param>
/// <param name="InPlace">Also write outputs into the source notebooks.</param>
/// <param name="Repository">owner/name for the site's GitHub links, or null.</param>
/// <param name="Kernel">engine (ours) or jupyter (the real .NET (C#) kernel through Jupyter); see <see cref="KernelOption"/>.</param>
internal sealed record RunSettings(IReadOnlyList<string> Paths, NotebookRunnerOptions Runner, bool InPlace, string? Repository,
    string Kernel = KernelOption.Engine);

/// <summary>One notebook's line in the summary: its run, and whether its executed copy could be saved.</summary>
internal sealed record RunRow(NotebookRunResult Result, string Name, ExerciseTally Exercises, string? SaveProblem)
{
    /// <summary>The run succeeded and its artifacts were saved.</summary>
    public bool Succeeded => Result.Succeeded && SaveProblem is null;

    /// <summary>Why the row failed, in one line; null when it succeeded.</summary>
    public string? Problem => Result.Problem ?? Result.FirstFailure?.Describe() ?? SaveProblem;
}

/// <summary>
/// <c>mlsd run</c>: run notebooks out of process, save each executed copy and its run record under artifacts/notebooks/
/// as soon as it finishes, rebuild the site (artifacts/site/) from every run on disk, print a summary.
/// </summary>
internal static class RunCommand
{
    public static Command Create(IAnsiConsole console, string workingDirectory)
    {
        var paths = CliOptions.Paths<string[]>("paths", "Notebooks or folders to run (default: notebooks/*.ipynb and notebooks/solutions/*.ipynb)");
        var keepGoing = new Option<bool>("--continue") { Description = "Keep running a notebook after a failing cell (default: stop at the first error)" };
        var inPlace = new Option<bool>("--in-place") { Description = "Also write the outputs into the source notebooks (atomically)" };
        var timeout = CliOptions.CellTimeout();
        var notebookTimeout = CliOptions.NotebookTimeout();
        var parallel = CliOptions.Parallel();
        var memoryLimit = CliOptions.MemoryLimit();
        var repository = CliOptions.Repository();
        var kernel = KernelOption.Create();
        var command = new Command("run", "Run notebooks headlessly; save executed copies under artifacts/notebooks/ and build the course site in artifacts/site/.")
        {
            paths, keepGoing, inPlace, timeout, notebookTimeout, parallel, memoryLimit, repository, kernel,
        };
        command.SetAction((parse, cancellationToken) => ExecuteAsync(new RunSettings(
            parse.GetValue(paths) ?? [],
            new NotebookRunnerOptions
            {
                ContinueOnError = parse.GetValue(keepGoing),
                CellTimeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
                NotebookTimeout = TimeSpan.FromSeconds(parse.GetValue(notebookTimeout)),
                Parallelism = parse.GetValue(parallel),
                MemoryLimit = CliOptions.MemoryLimitBytes(parse.GetValue(memoryLimit)),
            },
            parse.GetValue(inPlace),
            parse.GetValue(repository),
            parse.GetValue(kernel)!), console, workingDirectory, cancellationToken));
        return command;
    }

    public static async Task<int> ExecuteAsync(RunSettings settings, IAnsiConsole console, string workingDirectory,
        CancellationToken cancellationToken = default)
    {
        var root = RepositoryLayout.TryFindRoot(workingDirectory);
        var paths = ResolvePaths(settings.Paths, root, workingDirectory);
        if (paths.Count == 0)
        {
            console.MarkupLine("[yellow]No notebooks found[/] (looked in notebooks/ and notebooks/solutions/).");
            return CommandLine.Success;
        }
        var baseDir = root ?? Path.GetFullPath(workingDirectory);
        var runAll = KernelOption.Runner(settings.Kernel, settings.Runner);
        var rows = await RunReporter.RunAsync(console, runAll, paths, baseDir, result => Save(baseDir, result, settings.InPlace), cancellationToken);

        var site = SiteCommand.TryBuild(console, baseDir, settings.Repository);
        RunReporter.PrintSummary(console, rows);
        PrintLimitHint(console, rows.Select(r => r.Result));
        if (site is not null)
            console.WriteLine($"Course site: {Path.GetRelativePath(Path.GetFullPath(workingDirectory), site.IndexPath)}");
        return rows.All(r => r.Succeeded) && site is not null ? CommandLine.Success : CommandLine.Failure;
    }

    /// <summary>Saves the executed copy and run record of <paramref name="result"/>; a failure to write becomes the row's problem.</summary>
    internal static RunRow Save(string root, NotebookRunResult result, bool inPlace)
    {
        var name = Path.GetRelativePath(root, result.NotebookPath).Replace('\\', '/');
        var exercises = ExerciseTally.FromOutputs(result.Cells.Select(c => c.StandardOutput));
        try
        {
            RunArtifacts.Save(root, result, inPlace);
            return new RunRow(result, name, exercises, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new RunRow(result, name, exercises, $"could not save the executed copy: {e.Message}");
        }
    }

    internal static IReadOnlyList<string> ResolvePaths(IReadOnlyList<string> args, string? root, string workingDirectory)
    {
        if (args.Count == 0)
        {
            if (root is null) CommandLine.RepositoryRoot(workingDirectory); // throws the usage error
            return RepositoryLayout.AllNotebooks(root!);
        }
        var paths = new List<string>();
        foreach (var a in args)
        {
            var full = Path.GetFullPath(a, workingDirectory);
            if (Directory.Exists(full))
            {
                if (full.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase))
                    throw new UsageException($"{a} is a folder, not a notebook.");
                var found = Directory.GetFiles(full, "*.ipynb", SearchOption.AllDirectories)
                    .Where(p => !p.Contains(".ipynb_checkpoints", StringComparison.Ordinal) && !p.Contains($"{Path.DirectorySeparatorChar}artifacts{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                    .Order(StringComparer.Ordinal).ToList();
                if (found.Count == 0) throw new UsageException($"no notebooks (*.ipynb) in the folder {a}.");
                paths.AddRange(found);
            }
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

    /// <summary>Seconds as the summary prints them.</summary>
    internal static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
}
