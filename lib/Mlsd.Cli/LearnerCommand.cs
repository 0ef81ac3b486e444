using Mlsd.Notebooks;
using Mlsd.Notebooks.Authoring;
using Spectre.Console;
using Mlsd.Notebooks.Format;

namespace Mlsd.Cli;

/// <summary><c>mlsd learner [--check]</c>: generate (or verify) the learner copies from notebooks/solutions/.</summary>
internal static class LearnerCommand
{
    public static int Execute(Options options, IAnsiConsole console, string workingDirectory)
    {
        if (options.Positional.Count > 0) throw new UsageException("`mlsd learner` takes no paths: it works on notebooks/solutions/.");
        var root = RepositoryLayout.FindRoot(workingDirectory);
        if (options.Has("--check"))
        {
            var problems = LearnerCopies.FindOutOfSync(root);
            foreach (var p in problems) console.MarkupLine($"[red]✗[/] {Markup.Escape(p)}");
            if (problems.Count == 0) console.MarkupLine("[green]✓[/] learner copies are in sync with notebooks/solutions/");
            return problems.Count == 0 ? 0 : 1;
        }
        try
        {
            var written = LearnerCopies.Generate(root);
            foreach (var w in written) console.WriteLine($"wrote {Path.GetRelativePath(root, w)}");
            if (written.Count == 0) console.MarkupLine("[green]✓[/] learner copies already up to date");
            return 0;
        }
        catch (Exception e) when (e is NotebookFormatException or FormatException)
        {
            console.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
            return 1;
        }
    }
}
