using System.Globalization;
using System.Text.RegularExpressions;
using Mlsd.Notebooks.Format;

namespace Mlsd.Notebooks.Authoring;

/// <summary>
/// The conventions skeleton of a case-study notebook (DESIGN.md "Notebook conventions"): title cell, setup cell
/// referencing the library, the seven steps, then failure modes, architecture, cheat sheet and exercises.
/// </summary>
public static partial class NotebookSkeleton
{
    /// <summary>The seven step headings, in order.</summary>
    public static IReadOnlyList<string> Steps { get; } =
    [
        "1 · Clarify requirements",
        "2 · Frame as an ML task",
        "3 · Data preparation",
        "4 · Model development",
        "5 · Evaluation",
        "6 · Serving",
        "7 · Monitoring & maintenance",
    ];

    /// <summary>The sections after the seven steps, in order.</summary>
    public static IReadOnlyList<string> Closing { get; } = ["Failure modes", "Architecture", "Interview cheat sheet", "Exercises"];

    /// <summary>The setup cell's library reference, as seen from notebooks/solutions/.</summary>
    public const string LibraryReference = "#r \"../../artifacts/bin/Mlsd/debug/Mlsd.dll\"";

    /// <summary>
    /// The setup cell's statement after its usings: it runs the library once, before any cell touches a chart,
    /// so Plotly.NET and FSharp.Core load the way the library arranges (one copy, the version Plotly.NET needs; see
    /// Mlsd's DependencyLoading) under the real .NET Interactive kernel as in ours, and charts and DataFrames display.
    /// </summary>
    public const string SetupLines = "Mlsd.Formatting.NotebookFormatters.Register();   // charts and DataFrames display richly";

    /// <summary>The longest name accepted: it becomes file names under notebooks/ and artifacts/ (with suffixes for temporary
    /// files and run records), and most file systems stop at 255 bytes a name.</summary>
    public const int MaxNameLength = 100;

    /// <summary>True for names like <c>07-ad-click-prediction</c>: two digits, a dash, lower-case kebab words, at most
    /// <see cref="MaxNameLength"/> characters.</summary>
    public static bool IsValidName(string name) => name is not null && name.Length <= MaxNameLength && NamePattern().IsMatch(name);

    /// <summary>Builds the skeleton notebook for <paramref name="name"/> (e.g. "07-ad-click-prediction").</summary>
    /// <exception cref="ArgumentException">The name is not NN-kebab-name.</exception>
    public static Notebook Create(string name)
    {
        if (!IsValidName(name))
            throw new ArgumentException($"name must look like NN-kebab-name, e.g. 07-ad-click-prediction (got \"{name}\").", nameof(name));
        var number = name[..2];
        var title = string.Join(' ', name[3..].Split('-').Select((w, i) => i == 0 ? CultureInfo.InvariantCulture.TextInfo.ToTitleCase(w) : w));
        var nb = Notebook.CreatePolyglot();
        nb.AddMarkdownCell(
            $"# {number} · {title}\n\n" +
            "**What you build:** …\n\n" +
            "**What you learn:** …\n\n" +
            "**Time:** about 45 minutes.");
        nb.AddCodeCell(LibraryReference + "\n// using Mlsd.…; as the notebook needs\n" + SetupLines);
        foreach (var step in Steps)
        {
            nb.AddMarkdownCell($"## {step}\n\n…");
            nb.AddCodeCell($"// {step[4..]}: compute something here (every step computes something).");
        }
        foreach (var section in Closing)
            nb.AddMarkdownCell($"## {section}\n\n…");
        nb.AddCodeCell(
            "// Exercise template (the learner copy replaces the answer by a stub):\n" +
            "// double MyAnswer(double[] xs)\n" +
            "// {\n" +
            "//     // BEGIN SOLUTION\n" +
            "//     return xs.Average();\n" +
            "//     // END SOLUTION\n" +
            "// }\n" +
            "// Exercise.Check(\"" + number + ".my-answer\", …);");
        return nb;
    }

    /// <summary>
    /// Writes notebooks/solutions/<paramref name="name"/>.ipynb under <paramref name="repositoryRoot"/>; returns its path.
    /// </summary>
    /// <exception cref="IOException">The notebook already exists (it is never overwritten).</exception>
    public static string CreateFile(string repositoryRoot, string name)
    {
        var nb = Create(name);
        var path = Path.Combine(RepositoryLayout.SolutionsFolder(repositoryRoot), name + ".ipynb");
        if (File.Exists(path)) throw new IOException($"{path} already exists; refusing to overwrite it.");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // CreateNew: fail rather than overwrite if it appeared in the meantime.
        using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
            stream.Write(nb.ToBytes());
        return path;
    }

    [GeneratedRegex("^[0-9]{2}-[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex NamePattern();
}
