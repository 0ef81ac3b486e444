using System.CommandLine;
using Mlsd.Notebooks.Authoring;
using Mlsd.Notebooks.Format;
using Spectre.Console;

namespace Mlsd.Cli;

/// <summary><c>mlsd learner [--check]</c>: bring the learner copies up to date with notebooks/solutions/ (or say what that would do).</summary>
internal static class LearnerCommand
{
    public static Command Create(IAnsiConsole console, string workingDirectory)
    {
        var check = new Option<bool>("--check")
        {
            Description = "Only report what `mlsd learner` would do (exit code 1 if it would change anything or refuse a copy); write nothing",
        };
        var command = new Command("learner",
            "Generate the learner copies notebooks/NN-*.ipynb from notebooks/solutions/ (answers replaced by stubs). " +
            "Cells you edited are never overwritten: the rest is updated cell by cell.") { check };
        command.SetAction(parse => Execute(parse.GetValue(check), console, CommandLine.RepositoryRoot(workingDirectory)));
        return command;
    }

    /// <summary>The command's logic, for the repository at <paramref name="root"/>.</summary>
    public static int Execute(bool check, IAnsiConsole console, string root)
    {
        IReadOnlyList<LearnerCopyPlan> plans;
        try
        {
            // --check reports what `mlsd learner` would do; a learner's edits are never overwritten (Authoring merges by cell id).
            plans = check ? LearnerCopies.Plan(root) : LearnerCopies.Generate(root);
        }
        catch (Exception e) when (e is NotebookFormatException or FormatException or IOException or UnauthorizedAccessException)
        {
            console.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
            return CommandLine.Failure;
        }
        foreach (var plan in plans.Where(p => p.Action != LearnerCopyAction.UpToDate || p.KeptCells.Count > 0))
        {
            var mark = plan.Action == LearnerCopyAction.Refuse ? "[red]✗[/]" : check && plan.Writes ? "[yellow]•[/]" : "[green]✓[/]";
            console.MarkupLine($"{mark} {Markup.Escape(LearnerCopies.Describe(plan, root, done: !check))}");
        }
        var pending = plans.Count(p => p.Writes || p.Action == LearnerCopyAction.Refuse);
        if (plans.All(p => p.Action == LearnerCopyAction.UpToDate))
            console.MarkupLine("[green]✓[/] learner copies are in sync with notebooks/solutions/");
        else if (check)
            console.WriteLine($"{pending} learner cop{(pending == 1 ? "y" : "ies")} out of sync: `mlsd learner` would do the above.");
        return plans.Any(p => p.Action == LearnerCopyAction.Refuse) || (check && pending > 0) ? CommandLine.Failure : CommandLine.Success;
    }
}
