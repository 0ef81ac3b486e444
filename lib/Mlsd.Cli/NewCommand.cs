using System.CommandLine;
using Mlsd.Notebooks.Authoring;
using Spectre.Console;

namespace Mlsd.Cli;

/// <summary><c>mlsd new NN-kebab-name</c>: a solutions notebook from the conventions skeleton.</summary>
internal static class NewCommand
{
    public static Command Create(IAnsiConsole console, string workingDirectory)
    {
        var name = new Argument<string>("name") { Description = "NN-kebab-name, e.g. 08-similar-listings" };
        var command = new Command("new", "Create notebooks/solutions/NN-kebab-name.ipynb from the conventions skeleton (never overwrites).") { name };
        command.SetAction(parse => Execute(parse.GetValue(name)!, console, workingDirectory));
        return command;
    }

    public static int Execute(string name, IAnsiConsole console, string workingDirectory)
    {
        if (name.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase)) name = name[..^6];
        if (name.Length > NotebookSkeleton.MaxNameLength)
            throw new UsageException($"the name is {name.Length} characters long; keep it to {NotebookSkeleton.MaxNameLength} (it becomes file names under notebooks/ and artifacts/).");
        if (!NotebookSkeleton.IsValidName(name))
            throw new UsageException($"'{name}' is not NN-kebab-name (two digits, a dash, lower-case words joined by dashes).");
        var root = CommandLine.RepositoryRoot(workingDirectory);
        try
        {
            var path = NotebookSkeleton.CreateFile(root, name);
            console.MarkupLine($"[green]Created[/] {Markup.Escape(Path.GetRelativePath(root, path))}");
            console.WriteLine("Fill in the sections, then `mlsd learner` to generate the learner copy.");
            return CommandLine.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
            return CommandLine.Failure;
        }
    }
}
