using System.CommandLine;
using Mlsd.Notebooks.Authoring;
using Mlsd.Notebooks.Format;
using Spectre.Console;

namespace Mlsd.Cli;

/// <summary><c>mlsd learner [--check]</c>: generate (or verify) the learner copies from notebooks/solutions/.</summary>
internal static class LearnerCommand
{
    public static Command Create(IAnsiConsole console, string workingDirectory)
    {
        var check = new Option<bool>("--check") { Description = "Only report learner copies that are out of sync (exit code 1 if any); write nothing" };
        var command = new Command("learner", "Generate the learner copies notebooks/NN-*.ipynb from notebooks/solutions/ (answers replaced by stubs).") { check };
        command.SetAction(parse => Execute(parse.GetValue(check), console, CommandLine.RepositoryRoot(workingDirectory)));
        return command;
    }

    /// <summary>The command's logic, for the repository at <paramref name="root"/>.</summary>
    public static int Execute(bool check, IAnsiConsole console, string root)
    {
        if (check)
        {
            var problems = LearnerCopies.FindOutOfSync(root);
            foreach (var p in problems) console.MarkupLine($"[red]✗[/] {Markup.Escape(p)}");
            if (problems.Count == 0) console.MarkupLine("[green]✓[/] learner copies are in sync with notebooks/solutions/");
            return problems.Count == 0 ? CommandLine.Success : CommandLine.Failure;
        }
        try
        {
            var written = LearnerCopies.Generate(root);
            foreach (var w in written) console.WriteLine($"wrote {Path.GetRelativePath(root, w)}");
            if (written.Count == 0) console.MarkupLine("[green]✓[/] learner copies already up to date");
            return CommandLine.Success;
        }
        catch (Exception e) when (e is NotebookFormatException or FormatException or IOException or UnauthorizedAccessException)
        {
            console.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
            return CommandLine.Failure;
        }
    }
}
