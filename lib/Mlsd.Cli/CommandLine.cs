using Spectre.Console;

namespace Mlsd.Cli;

/// <summary>Parses the command line and dispatches to a command. Everything prints through one IAnsiConsole (tests pass their own).</summary>
internal static class CommandLine
{
    public const string Usage = """
        mlsd — run and maintain the C# notebooks of this repository

        Usage:
          mlsd run [paths…] [--continue] [--in-place] [--timeout <s>] [--notebook-timeout <s>] [--parallel <n>] [--kernel <k>]
              Run notebooks headlessly (default: notebooks/*.ipynb and notebooks/solutions/*.ipynb).
              Writes executed copies and HTML pages to artifacts/notebooks/ and artifacts/index.html.
              --continue          keep running a notebook after a failing cell (default: stop at the first error)
              --in-place          also write the outputs into the source notebooks (atomically)
              --timeout <s>       per-cell time limit in seconds (default 60)
              --notebook-timeout <s>  per-notebook time limit in seconds (default 300)
              --parallel <n>      notebooks run at once (default: one per core, at most 4)
              --kernel <k>        engine (default: ours, fast) or jupyter (the real .NET (C#) kernel through Jupyter,
                                  as VS Code and JupyterLab run it; needs python3-nbclient and the registered kernel)
          mlsd check <notebook> [--timeout <s>]
              Run a learner notebook to the end and report each exercise's checks.
          mlsd new NN-kebab-name
              Create notebooks/solutions/NN-kebab-name.ipynb from the conventions skeleton (never overwrites).
          mlsd learner [--check]
              Generate notebooks/NN-*.ipynb from notebooks/solutions/ (answers replaced by stubs);
              --check only reports copies that are out of sync (exit code 1 if any).
        Exit code: 0 on success, 1 when a notebook or check failed, 2 on a usage error.
        """;

    public static Task<int> RunAsync(string[] args) => RunAsync(args, CreateConsole(), Directory.GetCurrentDirectory());

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

    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, string workingDirectory)
    {
        try
        {
            return args switch
            {
                [] or ["help" or "--help" or "-h", ..] => Help(console, 0),
                _ when args.Contains("--help") || args.Contains("-h") => Help(console, 0),
                ["run", .. var rest] => await RunCommand.ExecuteAsync(Options.Parse(rest, RunCommand.Flags, RunCommand.Valued), console, workingDirectory),
                ["check", .. var rest] => await CheckCommand.ExecuteAsync(Options.Parse(rest, [], ["--timeout", "--notebook-timeout"]), console, workingDirectory),
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

    public int Integer(string name, int fallback)
    {
        if (!Values.TryGetValue(name, out var text)) return fallback;
        if (!int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) || n < 1)
            throw new UsageException($"{name} expects a positive integer (got '{text}').");
        return n;
    }
}
