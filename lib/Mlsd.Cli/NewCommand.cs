using Mlsd.Notebooks;
using Mlsd.Notebooks.Authoring;
using Spectre.Console;

namespace Mlsd.Cli;

/// <summary><c>mlsd new NN-kebab-name</c>: a solutions notebook from the conventions skeleton.</summary>
internal static class NewCommand
{
    public static int Execute(Options options, IAnsiConsole console, string workingDirectory)
    {
        if (options.Positional is not [var name])
            throw new UsageException("`mlsd new` takes exactly one name, e.g. `mlsd new 07-ad-click-prediction`.");
        if (name.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase)) name = name[..^6];
        if (!NotebookSkeleton.IsValidName(name))
            throw new UsageException($"'{name}' is not NN-kebab-name (two digits, a dash, lower-case words joined by dashes).");
        var root = RepositoryLayout.FindRoot(workingDirectory);
        try
        {
            var path = NotebookSkeleton.CreateFile(root, name);
            console.MarkupLine($"[green]Created[/] {Markup.Escape(Path.GetRelativePath(root, path))}");
            console.WriteLine("Fill in the sections, then `mlsd learner` to generate the learner copy.");
            return 0;
        }
        catch (IOException e)
        {
            console.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
            return 1;
        }
    }
}
