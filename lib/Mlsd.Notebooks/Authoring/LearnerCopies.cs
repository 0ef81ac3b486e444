using System.Text;
using System.Text.RegularExpressions;
using Mlsd.Notebooks.Format;

namespace Mlsd.Notebooks.Authoring;

/// <summary>
/// Generates the learner's notebooks (notebooks/NN-*.ipynb) from the full ones (notebooks/solutions/), in
/// nbgrader's manner: each worked answer between <c>// BEGIN SOLUTION</c> and <c>// END SOLUTION</c> lines
/// becomes a stub that throws <see cref="NotImplementedException"/> between <c>// BEGIN YOUR ANSWER</c> and
/// <c>// END YOUR ANSWER</c> (the markers the notebooks' "write it between the markers" means, indented like the
/// lines they replace), the library reference is re-pointed one folder up, and outputs are stripped. Generation is
/// deterministic, so an untouched copy is in sync when it is byte-identical to what would be generated now; a copy a
/// learner has worked in is merged, never overwritten (see <see cref="Plan"/>).
/// </summary>
public static partial class LearnerCopies
{
    /// <summary>The statement an answer is replaced with.</summary>
    public const string Stub = "throw new NotImplementedException(\"Exercise: your code here\");";

    /// <summary>The line that opens the learner's answer (in place of <c>// BEGIN SOLUTION</c>).</summary>
    public const string AnswerBegin = "// BEGIN YOUR ANSWER";

    /// <summary>The line that closes the learner's answer (in place of <c>// END SOLUTION</c>).</summary>
    public const string AnswerEnd = "// END YOUR ANSWER";

    /// <summary>The library reference prefix in solutions (two folders down from the root).</summary>
    public const string SolutionReference = "#r \"../../artifacts/";

    /// <summary>The same reference as seen from notebooks/.</summary>
    public const string LearnerReference = "#r \"../artifacts/";

    /// <summary>
    /// The learner copy of <paramref name="solution"/> (a new notebook; the argument is not changed), with a record of
    /// what was generated in its metadata (see <see cref="Plan"/>).
    /// </summary>
    /// <exception cref="FormatException">Unbalanced BEGIN/END SOLUTION markers; the message names the cell and line.</exception>
    public static Notebook CreateLearnerCopy(Notebook solution)
    {
        ArgumentNullException.ThrowIfNull(solution);
        var copy = solution.Clone();
        for (var i = 0; i < copy.Cells.Count; i++)
        {
            var cell = copy.Cells[i];
            if (cell.Kind != CellKind.Code) continue;
            var source = cell.Source;
            var learner = StripSolutions(source, $"{solution.DisplayName}, cell {i + 1}").Replace(SolutionReference, LearnerReference, StringComparison.Ordinal);
            if (learner != source) cell.Source = learner;
            cell.ClearOutputs();
        }
        LearnerCopyMerge.RecordGenerated(copy);
        return copy;
    }

    /// <summary>Replaces every BEGIN/END SOLUTION block of one cell's source by the stub line between answer markers.</summary>
    /// <param name="source">Cell source.</param>
    /// <param name="where">Used in error messages, e.g. "07-ads.ipynb, cell 12".</param>
    /// <exception cref="FormatException">A BEGIN without END, an END without BEGIN, or nested BEGINs.</exception>
    public static string StripSolutions(string source, string where = "cell")
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!source.Contains("SOLUTION", StringComparison.Ordinal)) return source;
        var lines = NotebookText.SplitLines(source).ToList();
        var result = new StringBuilder(source.Length);
        int? beginLine = null;
        for (var n = 0; n < lines.Count; n++)
        {
            var line = lines[n];
            if (Begin().IsMatch(line))
            {
                if (beginLine is not null)
                    throw new FormatException($"{where}, line {n + 1}: '// BEGIN SOLUTION' inside the block opened at line {beginLine}; close it with '// END SOLUTION' first.");
                beginLine = n + 1;
                var indent = Indent(line);
                var ending = line.EndsWith("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
                result.Append(indent).Append(AnswerBegin).Append(ending).Append(indent).Append(Stub).Append(ending);
                continue;
            }
            if (End().IsMatch(line))
            {
                if (beginLine is null)
                    throw new FormatException($"{where}, line {n + 1}: '// END SOLUTION' without a matching '// BEGIN SOLUTION'.");
                beginLine = null;
                var end = line.TrimEnd('\r', '\n');
                result.Append(Indent(line)).Append(AnswerEnd).Append(line[end.Length..]);
                continue;
            }
            if (beginLine is null) result.Append(line);
        }
        if (beginLine is not null)
            throw new FormatException($"{where}, line {beginLine}: '// BEGIN SOLUTION' is never closed by '// END SOLUTION'.");
        return result.ToString();
    }

    /// <summary>
    /// Brings every learner copy under notebooks/ up to date with its solution without losing a learner's work (see
    /// <see cref="Plan"/>), writing atomically; returns what was done to each copy.
    /// </summary>
    public static IReadOnlyList<LearnerCopyPlan> Generate(string repositoryRoot)
    {
        var plans = Plan(repositoryRoot);
        foreach (var plan in plans)
        {
            if (plan.FreshCopy is not null && plan.FreshContent is not null) AtomicFile.WriteAllBytes(plan.FreshCopy, plan.FreshContent);
            if (plan.Content is not null) AtomicFile.WriteAllBytes(plan.Learner, plan.Content);
        }
        return plans;
    }

    /// <summary>
    /// What <see cref="Generate"/> would do to each learner copy, writing nothing. A learner's copy is merged cell by cell
    /// (by cell id): cells the learner has not touched take the solution's new version, cells the learner edited or
    /// added stay as they are, and where both sides changed a cell the learner's version is kept and a fresh copy is
    /// written beside it (under artifacts/learner-copies/). A copy that cannot be read is refused, never overwritten.
    /// What was generated is recorded in the copy's metadata (<c>mlsd.generated</c>: a hash per cell id), which is how
    /// an edit is told from an older version of the solution.
    /// </summary>
    public static IReadOnlyList<LearnerCopyPlan> Plan(string repositoryRoot)
    {
        var fresh = Path.Combine(repositoryRoot, "artifacts", "learner-copies");
        return [.. Pairs(repositoryRoot).Select(p => LearnerCopyMerge.Plan(p.Solution, p.Learner, Path.Combine(fresh, Path.GetFileName(p.Learner))))];
    }

    /// <summary>
    /// What is out of sync, strictly (for the repository's own tests): learner copies missing, different in any way
    /// from what would be generated now — a learner's edits included — or without a solution. Empty when in sync.
    /// </summary>
    public static IReadOnlyList<string> FindOutOfSync(string repositoryRoot)
    {
        var problems = new List<string>();
        var expected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var plan in Plan(repositoryRoot))
        {
            expected.Add(plan.Learner);
            var rel = Path.GetRelativePath(repositoryRoot, plan.Learner);
            if (plan.Problem is not null) problems.Add($"{rel}: {plan.Problem}");
            else if (plan.Action == LearnerCopyAction.Create) problems.Add($"{rel} is missing (run `mlsd learner`)");
            else if (plan.Action == LearnerCopyAction.Update) problems.Add($"{rel} is out of date with its solution (run `mlsd learner`)");
            else if (plan.KeptCells.Count > 0) problems.Add($"{rel} has edits that are not in its solution (cells {Numbers(plan.KeptCells)})");
        }
        foreach (var learner in RepositoryLayout.Notebooks(RepositoryLayout.LearnerFolder(repositoryRoot)))
        {
            if (!expected.Contains(learner))
                problems.Add($"{Path.GetRelativePath(repositoryRoot, learner)} has no solution notebook in notebooks/solutions/");
        }
        return problems;
    }

    /// <summary>
    /// One line per copy for a person: what <see cref="Generate"/> did (<paramref name="done"/>) or would do, naming
    /// the cells taken from the solution and the learner's cells kept.
    /// </summary>
    public static string Describe(LearnerCopyPlan plan, string repositoryRoot, bool done)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var rel = Path.GetRelativePath(repositoryRoot, plan.Learner);
        var fresh = plan.FreshCopy is null ? "" : $"; the generated copy {(done ? "is" : "would be written")} at {Path.GetRelativePath(repositoryRoot, plan.FreshCopy)}";
        if (plan.Action == LearnerCopyAction.Refuse) return $"{rel}: left as it is — {plan.Problem}{fresh}";
        if (plan.Action == LearnerCopyAction.Create) return $"{rel}: {(done ? "written" : "missing: would be written")}";
        var parts = new List<string>();
        if (plan.UpdatedCells.Count > 0) parts.Add($"{(done ? "updated" : "would update")} cells {Numbers(plan.UpdatedCells)} from the solution");
        if (plan.AddedCells.Count > 0) parts.Add($"{(done ? "added" : "would add")} new cells {Numbers(plan.AddedCells)}");
        if (plan.RemovedCells > 0) parts.Add($"{(done ? "removed" : "would remove")} {plan.RemovedCells} cell(s) the solution no longer has");
        if (plan.KeptCells.Count > 0) parts.Add($"{(done || plan.Action == LearnerCopyAction.UpToDate ? "kept" : "would keep")} your edits in cells {Numbers(plan.KeptCells)}");
        if (plan.ConflictingCells.Count > 0)
            parts.Add($"cells {Numbers(plan.ConflictingCells)} changed in the solution too: your version {(done ? "was" : "would be")} kept{fresh}");
        if (parts.Count == 0 && plan.Action == LearnerCopyAction.Update)
            parts.Add($"{(done ? "rewrote" : "would rewrite")} its notebook metadata and record of generated cells (no cell changes)");
        var what = parts.Count == 0 ? "up to date" : string.Join("; ", parts);
        return plan.Action == LearnerCopyAction.UpToDate && parts.Count > 0 ? $"{rel}: up to date ({what})" : $"{rel}: {what}";
    }

    private static string Numbers(IReadOnlyList<int> cells) =>
        string.Join(", ", cells.Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static IEnumerable<(string Solution, string Learner)> Pairs(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        foreach (var solution in RepositoryLayout.Notebooks(RepositoryLayout.SolutionsFolder(root)))
            yield return (solution, Path.Combine(RepositoryLayout.LearnerFolder(root), Path.GetFileName(solution)));
    }

    private static string Indent(string line) => line[..(line.Length - line.TrimStart().Length)];

    [GeneratedRegex(@"^\s*//\s*BEGIN SOLUTION\s*$")]
    private static partial Regex Begin();

    [GeneratedRegex(@"^\s*//\s*END SOLUTION\s*$")]
    private static partial Regex End();
}
