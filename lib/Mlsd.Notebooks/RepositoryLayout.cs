namespace Mlsd.Notebooks;

/// <summary>Where things live in the repository: the root (the folder holding Mlsd.slnx) and the notebook folders.</summary>
public static class RepositoryLayout
{
    /// <summary>The solution file that marks the repository root.</summary>
    public const string SolutionFile = "Mlsd.slnx";

    /// <summary>Walks up from <paramref name="start"/> to the folder holding Mlsd.slnx; null if there is none.</summary>
    public static string? TryFindRoot(string start)
    {
        ArgumentException.ThrowIfNullOrEmpty(start);
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile))) return dir.FullName;
        }
        return null;
    }

    /// <summary>Like <see cref="TryFindRoot"/>, but throws a clear error when not inside the repository.</summary>
    public static string FindRoot(string start) =>
        TryFindRoot(start) ?? throw new DirectoryNotFoundException(
            $"Not inside the repository: no {SolutionFile} in {Path.GetFullPath(start)} or any parent folder.");

    /// <summary>The learner copies folder (notebooks/).</summary>
    public static string LearnerFolder(string root) => Path.Combine(root, "notebooks");

    /// <summary>The solutions folder (notebooks/solutions/), the source the learner copies are generated from.</summary>
    public static string SolutionsFolder(string root) => Path.Combine(root, "notebooks", "solutions");

    /// <summary>
    /// Every committed notebook: learner copies (notebooks/*.ipynb) then solutions (notebooks/solutions/*.ipynb),
    /// each sorted by name. Checkpoint folders are ignored.
    /// </summary>
    public static IReadOnlyList<string> AllNotebooks(string root) =>
        [.. Notebooks(LearnerFolder(root)), .. Notebooks(SolutionsFolder(root))];

    /// <summary>The *.ipynb files directly in <paramref name="folder"/>, sorted ordinally (none if it is missing).</summary>
    public static IReadOnlyList<string> Notebooks(string folder) =>
        Directory.Exists(folder)
            ? [.. Directory.GetFiles(folder, "*.ipynb").Order(StringComparer.Ordinal)]
            : [];
}
