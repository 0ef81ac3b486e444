using Mlsd.Notebooks;
using Mlsd.Notebooks.Authoring;
using Spectre.Console;

namespace Mlsd.Cli;

/// <summary><c>mlsd learner [--check]</c>: generate (or verify) the learner copies from notebooks/solutions/.</summary>
internal static class LearnerCommand
{
    public static int Execute(Options options, IAnsiConsole console, string workingDirectory)
    {
        if (options.Positional.Count > 0) throw new UsageException("`mlsd learner` takes no paths: it works on notebooks/solutions/.");
        var root = RepositoryLayout.FindRoot(workingDirectory);
        // --check reports what `mlsd learner` would do; a learner's edits are never overwritten (Authoring merges by cell id).
        var check = options.Has("--check");
        var plans = check ? LearnerCopies.Plan(root) : LearnerCopies.Generate(root);
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
        return plans.Any(p => p.Action == LearnerCopyAction.Refuse) || (check && pending > 0) ? 1 : 0;
    }
}
