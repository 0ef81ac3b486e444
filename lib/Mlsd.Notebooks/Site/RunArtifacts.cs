using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mlsd.Notebooks.Authoring;
using Mlsd.Notebooks.Format;
using Mlsd.Notebooks.Running;

namespace Mlsd.Notebooks.Site;

/// <summary>
/// What a run left of one notebook, saved beside its executed copy so the site can be rebuilt from disk at any time:
/// which source it ran, how long, how far, and the first failure.
/// </summary>
/// <param name="Notebook">The source notebook, relative to the repository root with '/' separators.</param>
/// <param name="Seconds">Wall-clock time of the run, kernel start-up included.</param>
/// <param name="Cells">Code cells in the notebook.</param>
/// <param name="CellsRun">Code cells that ran (successfully or not).</param>
/// <param name="Succeeded">True when every code cell ran without error.</param>
/// <param name="Failure">The first failure in one line (cell, line, message), or null.</param>
/// <param name="Exercises">The exercise checks of the run.</param>
public sealed record RunRecord(string Notebook, double Seconds, int Cells, int CellsRun, bool Succeeded, string? Failure, ExerciseTally Exercises)
{
    /// <summary>The record of <paramref name="result"/>, whose source is <paramref name="notebook"/> (repository-relative).</summary>
    public static RunRecord From(NotebookRunResult result, string notebook)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new RunRecord(notebook, Math.Round(result.Elapsed.TotalSeconds, 2), result.Cells.Count, result.CellsRun, result.Succeeded,
            result.Problem ?? result.FirstFailure?.Describe(), ExerciseTally.FromOutputs(result.Cells.Select(c => c.StandardOutput)));
    }

    /// <summary>"✓ ran 41 of 41 code cells in 25.3 s" or "✗ failed: code cell 12, line 3: …".</summary>
    public string Describe() => Succeeded
        ? string.Create(CultureInfo.InvariantCulture, $"✓ ran {CellsRun} of {Cells} code cells in {Seconds:0.0} s")
        : $"✗ failed: {Failure}";

    internal JsonObject ToJson() => new()
    {
        ["notebook"] = Notebook,
        ["seconds"] = Seconds,
        ["cells"] = Cells,
        ["cellsRun"] = CellsRun,
        ["succeeded"] = Succeeded,
        ["failure"] = Failure,
        ["exercisesDone"] = Exercises.Done,
        ["exercisesTotal"] = Exercises.Total,
    };

    /// <summary>Reads a record written by <see cref="RunArtifacts.Save"/>; null when it is missing or unreadable.</summary>
    internal static RunRecord? TryLoad(string path)
    {
        try
        {
            if (!File.Exists(path) || JsonNode.Parse(File.ReadAllText(path)) is not JsonObject j) return null;
            return new RunRecord(
                j["notebook"]!.GetValue<string>(), j["seconds"]!.GetValue<double>(), j["cells"]!.GetValue<int>(), j["cellsRun"]!.GetValue<int>(),
                j["succeeded"]!.GetValue<bool>(), j["failure"]?.GetValue<string>(),
                new ExerciseTally(j["exercisesDone"]?.GetValue<int>() ?? 0, j["exercisesTotal"]?.GetValue<int>() ?? 0));
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or InvalidOperationException or NullReferenceException or FormatException)
        {
            return null;
        }
    }
}

/// <summary>
/// The layout of <c>artifacts/</c>: executed copies under <c>artifacts/notebooks/</c> (named after the source relative to
/// <c>notebooks/</c>, else to the repository root), each with its <see cref="RunRecord"/> (<c>.run.json</c>) beside it,
/// and the site under <c>artifacts/site/</c>.
/// </summary>
public static class RunArtifacts
{
    /// <summary>The record file's suffix, replacing <c>.ipynb</c>.</summary>
    public const string RecordExtension = ".run.json";

    /// <summary>artifacts/ under <paramref name="root"/>.</summary>
    public static string Folder(string root) => Path.Combine(root, "artifacts");

    /// <summary>Where executed copies live.</summary>
    public static string NotebooksFolder(string root) => Path.Combine(Folder(root), "notebooks");

    /// <summary>Where the site is built.</summary>
    public static string SiteFolder(string root) => Path.Combine(Folder(root), "site");

    /// <summary>notebooks/solutions/01-x.ipynb → solutions/01-x.ipynb (relative to notebooks/, else to the root, else other/NAME).</summary>
    public static string RelativeName(string root, string notebookPath)
    {
        var rel = Path.GetRelativePath(RepositoryLayout.LearnerFolder(root), notebookPath);
        if (IsOutside(rel)) rel = Path.GetRelativePath(root, notebookPath);
        if (IsOutside(rel)) rel = Path.Combine("other", Path.GetFileName(notebookPath));
        return rel.Replace('\\', '/');
    }

    /// <summary>The executed copy of <paramref name="notebookPath"/>.</summary>
    public static string ExecutedPath(string root, string notebookPath) => Path.Combine(NotebooksFolder(root), RelativeName(root, notebookPath));

    /// <summary>The run record beside <paramref name="executedPath"/>.</summary>
    public static string RecordPath(string executedPath) => Path.ChangeExtension(executedPath, null) + RecordExtension;

    /// <summary>
    /// Writes the executed copy (when there is one) and the run record of <paramref name="result"/>, atomically;
    /// with <paramref name="inPlace"/> the outputs also go into the source notebook. Returns the record.
    /// </summary>
    /// <exception cref="IOException">A file could not be written (a folder blocked by a file, a name too long …).</exception>
    /// <exception cref="UnauthorizedAccessException">No permission to write.</exception>
    public static RunRecord Save(string root, NotebookRunResult result, bool inPlace = false)
    {
        ArgumentNullException.ThrowIfNull(result);
        var executed = ExecutedPath(root, result.NotebookPath);
        var record = RunRecord.From(result, Path.GetRelativePath(root, result.NotebookPath).Replace('\\', '/'));
        if (result.ExecutedNotebook is { } notebook)
        {
            notebook.Save(executed);
            if (inPlace) notebook.Save(result.NotebookPath);
        }
        else if (File.Exists(executed))
        {
            File.Delete(executed); // an older copy would stand for a run that did not happen
        }
        AtomicFile.WriteAllText(RecordPath(executed), record.ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        return record;
    }

    /// <summary>Every run on disk: each record under artifacts/notebooks/ with its executed copy (null when the run had none).</summary>
    internal static IEnumerable<(RunRecord Record, string? ExecutedPath)> Load(string root)
    {
        var folder = NotebooksFolder(root);
        if (!Directory.Exists(folder)) yield break;
        foreach (var path in Directory.EnumerateFiles(folder, "*" + RecordExtension, SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (RunRecord.TryLoad(path) is not { } record) continue;
            var executed = path[..^RecordExtension.Length] + ".ipynb";
            yield return (record, File.Exists(executed) ? executed : null);
        }
    }

    private static bool IsOutside(string relative) => relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative);
}
