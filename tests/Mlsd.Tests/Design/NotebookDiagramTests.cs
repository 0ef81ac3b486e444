using System.Text.Json;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using Mlsd.Design;

namespace Mlsd.Tests.Design;

/// <summary>Every notebook's architecture diagram, built by running its cell through the library: it fits the page and its arrows stay apart.</summary>
public class NotebookDiagramTests
{
    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(Path.Combine(RepositoryRoot(), "notebooks", "solutions"), "*.ipynb").Order())
            data.Add(Path.GetFileName(path));
        return data;
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task DiagramFitsTheColumnAndNoTwoArrowsShareASegment(string notebook)
    {
        string svg = (await DiagramOf(notebook)).ToSvg();
        double width = DiagramGeometry.Width(svg);
        Assert.True(width <= DiagramLayout.MaxWidth, $"{notebook}: the diagram is {width} px wide; the page column is {DiagramLayout.MaxWidth} px");
        Assert.Empty(DiagramGeometry.SharedSegments(svg));
    }

    /// <summary>Runs the notebook's code cell that builds an <see cref="ArchitectureDiagram"/> and returns the diagram.</summary>
    private static async Task<ArchitectureDiagram> DiagramOf(string notebook)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "notebooks", "solutions", notebook)));
        var cells = json.RootElement.GetProperty("cells").EnumerateArray()
            .Where(c => c.GetProperty("cell_type").GetString() == "code")
            .Select(c => string.Concat(c.GetProperty("source").EnumerateArray().Select(l => l.GetString())))
            .Where(s => s.Contains("new ArchitectureDiagram(", StringComparison.Ordinal))
            .ToList();
        var cell = Assert.Single(cells);
        var options = ScriptOptions.Default.WithReferences(typeof(ArchitectureDiagram).Assembly).WithImports("System", "System.Linq", "Mlsd.Design");
        var result = await CSharpScript.EvaluateAsync<object>(cell, options);
        return Assert.IsType<ArchitectureDiagram>(result);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Mlsd.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"No Mlsd.slnx above {AppContext.BaseDirectory}.");
    }
}
