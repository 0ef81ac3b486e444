using System.CommandLine;
using Mlsd.Notebooks.Site;
using Spectre.Console;

namespace Mlsd.Cli;

/// <summary><c>mlsd site</c>: rebuild the course site (artifacts/site/) from every executed notebook on disk, running nothing.</summary>
internal static class SiteCommand
{
    public static Command Create(IAnsiConsole console, string workingDirectory)
    {
        var repository = CliOptions.Repository();
        var command = new Command("site", "Rebuild the course site in artifacts/site/ from the notebooks' last runs (mlsd run does this too).") { repository };
        command.SetAction(parse =>
        {
            var root = CommandLine.RepositoryRoot(workingDirectory);
            var result = TryBuild(console, root, parse.GetValue(repository));
            if (result is null) return CommandLine.Failure;
            console.WriteLine($"Course site: {Path.GetRelativePath(Path.GetFullPath(workingDirectory), result.IndexPath)} ({result.Pages.Count} notebook pages)");
            return CommandLine.Success;
        });
        return command;
    }

    /// <summary>Builds the site and prints its warnings; on failure prints why and returns null.</summary>
    public static SiteBuildResult? TryBuild(IAnsiConsole console, string root, string? repository)
    {
        try
        {
            var result = CourseSite.Build(root, new SiteOptions { Repository = repository });
            foreach (var warning in result.Warnings) console.MarkupLine($"[yellow]note:[/] {Markup.Escape(warning)}");
            return result;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.MarkupLine($"[red]mlsd: could not build the site: {Markup.Escape(e.Message)}[/]");
            return null;
        }
    }
}
