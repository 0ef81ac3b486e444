using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Reflection;
using Mlsd.Notebooks;
using Spectre.Console;

namespace Mlsd.Cli;

/// <summary>
/// The <c>mlsd</c> command line on System.CommandLine: one <see cref="Command"/> per verb, each wired to a method that holds
/// its logic (<see cref="RunCommand.ExecuteAsync"/>, <see cref="LearnerCommand.Execute"/> …). Everything prints through one
/// <see cref="IAnsiConsole"/> (tests pass their own); no exception reaches the user as a stack trace.
/// </summary>
internal static class CommandLine
{
    /// <summary>Everything ran and every check passed.</summary>
    public const int Success = 0;

    /// <summary>A notebook failed, an exercise is not done yet, learner copies are out of sync, or a file could not be written.</summary>
    public const int Failure = 1;

    /// <summary>The command line does not make sense, or the command needs the repository and is run outside it.</summary>
    public const int UsageError = 2;

    /// <summary>mlsd itself failed: a bug to report.</summary>
    public const int InternalError = 3;

    /// <summary>The exit codes as --help shows them.</summary>
    public const string ExitCodes = """
        Exit codes:
          0  success
          1  a notebook failed, an exercise is not done, learner copies are out of sync, or a file could not be written
          2  usage error: unknown command or option, a bad value, no such notebook, or not inside the repository
          3  internal error in mlsd (please report it)
        """;

    /// <summary>Runs mlsd; <paramref name="cancellationToken"/> is cancelled by SIGINT/SIGTERM (see Program.cs).</summary>
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
        ArgumentNullException.ThrowIfNull(args);
        var root = Create(console, workingDirectory);
        var parsed = root.Parse(args);
        var output = console.Profile.Out.Writer;
        if (parsed.Action is ParseErrorAction)
        {
            foreach (var error in parsed.Errors.Select(e => e.Message).Distinct()) Fail(console, error);
            var command = parsed.CommandResult.Command;
            output.WriteLine($"Run `{(command == root ? "mlsd" : "mlsd " + command.Name)} --help` for usage.");
            return UsageError;
        }
        try
        {
            // Signals are Program.cs's: it cancels the token, so the kernels are stopped, and exits with 128 + the signal.
            var configuration = new InvocationConfiguration
            {
                Output = output, Error = output, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null,
            };
            return await parsed.InvokeAsync(configuration, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Failure; // stopped by a signal: Program.cs exits with 128 + its number
        }
        catch (UsageException e)
        {
            Fail(console, e.Message);
            output.WriteLine("Run `mlsd --help` for usage.");
            return UsageError;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Fail(console, e.Message);
            return Failure;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug in mlsd: one line for the user, the type and message for the report; no stack trace on the console.
            Fail(console, $"internal error ({e.GetType().FullName}): {e.Message}");
            output.WriteLine("This is a bug in mlsd; please report it with the command you ran.");
            return InternalError;
        }
    }

    /// <summary>The command tree.</summary>
    internal static Command Create(IAnsiConsole console, string workingDirectory)
    {
        var help = new HelpOption();
        var defaultHelp = (HelpAction)help.Action!;
        defaultHelp.MaxWidth = 110;
        help.Action = new HelpWithExitCodes(defaultHelp);
        var version = new VersionOption();
        version.Action = new PrintVersion();
        var root = new Command("mlsd", "Run and maintain the C# notebooks of ML System Design, in runnable C#, and build the course site.")
        {
            help,
            version,
            RunCommand.Create(console, workingDirectory),
            CheckCommand.Create(console, workingDirectory),
            SiteCommand.Create(console, workingDirectory),
            LearnerCommand.Create(console, workingDirectory),
            NewCommand.Create(console, workingDirectory),
        };
        root.SetAction(parse => ((SynchronousCommandLineAction)help.Action).Invoke(parse)); // `mlsd` alone: the overview
        return root;
    }

    /// <summary>The repository root above <paramref name="workingDirectory"/>, or a usage error saying there is none.</summary>
    public static string RepositoryRoot(string workingDirectory) =>
        RepositoryLayout.TryFindRoot(workingDirectory) ?? throw new UsageException(
            $"not inside the repository: no {RepositoryLayout.SolutionFile} in {Path.GetFullPath(workingDirectory)} or any folder above it. " +
            "Run mlsd from the repository's folder (or one below it).");

    /// <summary>Prints "mlsd: message" in red.</summary>
    public static void Fail(IAnsiConsole console, string message) => console.MarkupLine($"[red]mlsd: {Markup.Escape(message)}[/]");

    /// <summary>mlsd's version: the CLI assembly's informational version (with the commit it was built from, when known).</summary>
    public static string Version =>
        typeof(CommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(CommandLine).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>System.CommandLine's help, then the exit codes (every command's help ends with them).</summary>
    private sealed class HelpWithExitCodes(HelpAction help) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            help.Invoke(parseResult);
            parseResult.InvocationConfiguration.Output.WriteLine(ExitCodes);
            return Success;
        }
    }

    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine($"mlsd {Version}");
            return Success;
        }
    }
}

/// <summary>A command line that does not make sense; reported with exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
