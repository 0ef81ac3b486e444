using Mlsd.Notebooks.Running;
using Spectre.Console;

namespace Mlsd.Cli;

/// <summary>Parses the command line and dispatches to a command. Everything prints through one IAnsiConsole (tests pass their own).</summary>
internal static class CommandLine
{
    public const string Usage = """
        mlsd — run and maintain the C# notebooks of this repository

        Usage:
          mlsd run [paths…] [--continue] [--in-place] [--timeout <s>] [--notebook-timeout <s>] [--parallel <n>] [--memory-limit <GiB>]
              Run notebooks headlessly (default: notebooks/*.ipynb and notebooks/solutions/*.ipynb).
              Writes executed copies and HTML pages to artifacts/notebooks/ and artifacts/index.html.
              --continue          keep running a notebook after a failing cell (default: stop at the first error)
              --in-place          also write the outputs into the source notebooks (atomically)
              --timeout <s>       per-cell time limit in seconds (default 60)
              --notebook-timeout <s>  per-notebook time limit in seconds (default 300)
              --parallel <n>      notebooks run at once (default: one per core, at most 4)
              --memory-limit <GiB>  managed memory each notebook may use (default: a sixth of this machine's, at least 1)
          mlsd check <notebook> [--timeout <s>] [--memory-limit <GiB>]
              Run a learner notebook to the end and report each exercise's checks.
          mlsd new NN-kebab-name
              Create notebooks/solutions/NN-kebab-name.ipynb from the conventions skeleton (never overwrites).
          mlsd learner [--check]
              Generate notebooks/NN-*.ipynb from notebooks/solutions/ (answers replaced by stubs);
              Cells you edited are never overwritten: the rest is updated cell by cell.
              --check only reports what it would do (exit code 1 if it would change anything).
        Exit code: 0 on success, 1 when a notebook or check failed, 2 on a usage error.
        """;

    public static Task<int> RunAsync(string[] args, CancellationToken cancellationToken) =>
        RunAsync(args, CreateConsole(), Directory.GetCurrentDirectory(), cancellationToken);

    /// <summary>The terminal console, or — when output is redirected or in CI — a plain one: no colours, no wrapping at 80.</summary>
    private static IAnsiConsole CreateConsole()
    {
        if (!Console.IsOutputRedirected && Environment.GetEnvironmentVariable("CI") is null) return AnsiConsole.Console;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(Console.Out),
        });
        console.Profile.Width = 200;
        return console;
    }

    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, string workingDirectory, CancellationToken cancellationToken = default)
    {
        try
        {
            return args switch
            {
                [] or ["help" or "--help" or "-h", ..] => Help(console, 0),
                _ when args.Contains("--help") || args.Contains("-h") => Help(console, 0),
                ["run", .. var rest] => await RunCommand.ExecuteAsync(Options.Parse(rest, RunCommand.Flags, RunCommand.Valued), console, workingDirectory, cancellationToken),
                ["check", .. var rest] => await CheckCommand.ExecuteAsync(Options.Parse(rest, [], ["--timeout", "--notebook-timeout", "--memory-limit"]), console, workingDirectory, cancellationToken),
                ["new", .. var rest] => NewCommand.Execute(Options.Parse(rest, [], []), console, workingDirectory),
                ["learner", .. var rest] => LearnerCommand.Execute(Options.Parse(rest, ["--check"], []), console, workingDirectory),
                [var other, ..] => Fail(console, $"unknown command '{other}'."),
            };
        }
        catch (UsageException e)
        {
            return Fail(console, e.Message);
        }
    }

    private static int Help(IAnsiConsole console, int code)
    {
        console.WriteLine(Usage);
        return code;
    }

    private static int Fail(IAnsiConsole console, string message)
    {
        console.MarkupLine($"[red]mlsd: {Markup.Escape(message)}[/]");
        console.WriteLine("Run `mlsd help` for usage.");
        return 2;
    }
}

/// <summary>A command line that does not make sense; reported with exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>Positional arguments plus --flags and --name value options.</summary>
internal sealed record Options(IReadOnlyList<string> Positional, IReadOnlySet<string> Flags, IReadOnlyDictionary<string, string> Values)
{
    public static Options Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> flags, IReadOnlyCollection<string> valued)
    {
        var positional = new List<string>();
        var set = new HashSet<string>(StringComparer.Ordinal);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (!a.StartsWith("--", StringComparison.Ordinal)) { positional.Add(a); continue; }
            var eq = a.IndexOf('=');
            var name = eq > 0 ? a[..eq] : a;
            if (flags.Contains(name)) { set.Add(name); continue; }
            if (!valued.Contains(name)) throw new UsageException($"unknown option '{name}'.");
            if (eq > 0) values[name] = a[(eq + 1)..];
            else if (i + 1 < args.Count) values[name] = args[++i];
            else throw new UsageException($"option '{name}' needs a value.");
        }
        return new Options(positional, set, values);
    }

    public bool Has(string flag) => Flags.Contains(flag);

    public double Seconds(string name, double fallback)
    {
        if (!Values.TryGetValue(name, out var text)) return fallback;
        if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var s) || s <= 0)
            throw new UsageException($"{name} expects a positive number of seconds (got '{text}').");
        return s;
    }

    /// <summary>--memory-limit in GiB as bytes, or the runner's default.</summary>
    public long? MemoryLimit()
    {
        if (!Values.TryGetValue("--memory-limit", out var text)) return NotebookRunnerOptions.DefaultMemoryLimit;
        var minimum = NotebookRunnerOptions.MinimumMemoryLimit / (double)(1L << 30);
        if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var gib)
            || !double.IsFinite(gib) || gib < minimum || gib > 1 << 20)
            throw new UsageException($"--memory-limit expects a number of GiB from {minimum} up (got '{text}').");
        return (long)(gib * (1L << 30));
    }

    public int Integer(string name, int fallback)
    {
        if (!Values.TryGetValue(name, out var text)) return fallback;
        if (!int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) || n < 1)
            throw new UsageException($"{name} expects a positive integer (got '{text}').");
        return n;
    }
}
