using System.Text;
using System.Text.RegularExpressions;
using Mlsd.Notebooks.Format;

namespace Mlsd.Notebooks.Authoring;

/// <summary>
/// Generates the learner's notebooks (notebooks/NN-*.ipynb) from the full ones (notebooks/solutions/), in
/// nbgrader's manner: each worked answer between <c>// BEGIN SOLUTION</c> and <c>// END SOLUTION</c> lines
/// becomes a stub that throws <see cref="NotImplementedException"/> between <c>// BEGIN YOUR ANSWER</c> and
/// <c>// END YOUR ANSWER</c> (the markers the notebooks' "write it between the markers" means, indented like the
/// lines they replace), the library reference is re-pointed one folder up, and outputs are stripped. Generation is deterministic, so
/// "in sync" simply means "byte-identical to what would be generated now".
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

    /// <summary>The learner copy of <paramref name="solution"/> (a new notebook; the argument is not changed).</summary>
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

    /// <summary>Writes every learner copy under notebooks/ (atomically); returns the paths written.</summary>
    public static IReadOnlyList<string> Generate(string repositoryRoot)
    {
        var written = new List<string>();
        foreach (var (solution, learner) in Pairs(repositoryRoot))
        {
            var bytes = CreateLearnerCopy(Notebook.Load(solution)).ToBytes();
            if (File.Exists(learner) && File.ReadAllBytes(learner).AsSpan().SequenceEqual(bytes)) continue;
            AtomicFile.WriteAllBytes(learner, bytes);
            written.Add(learner);
        }
        return written;
    }

    /// <summary>
    /// What is out of sync: learner copies missing, different from what <see cref="Generate"/> would write, or
    /// without a solution. Empty when everything is in sync.
    /// </summary>
    public static IReadOnlyList<string> FindOutOfSync(string repositoryRoot)
    {
        var problems = new List<string>();
        var expected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (solution, learner) in Pairs(repositoryRoot))
        {
            expected.Add(learner);
            var rel = Path.GetRelativePath(repositoryRoot, learner);
            byte[] bytes;
            try
            {
                bytes = CreateLearnerCopy(Notebook.Load(solution)).ToBytes();
            }
            catch (Exception e) when (e is NotebookFormatException or FormatException)
            {
                problems.Add($"{Path.GetRelativePath(repositoryRoot, solution)}: {e.Message}");
                continue;
            }
            if (!File.Exists(learner)) problems.Add($"{rel} is missing (run `mlsd learner`)");
            else if (!File.ReadAllBytes(learner).AsSpan().SequenceEqual(bytes)) problems.Add($"{rel} is out of date with its solution (run `mlsd learner`)");
        }
        foreach (var learner in RepositoryLayout.Notebooks(RepositoryLayout.LearnerFolder(repositoryRoot)))
        {
            if (!expected.Contains(learner))
                problems.Add($"{Path.GetRelativePath(repositoryRoot, learner)} has no solution notebook in notebooks/solutions/");
        }
        return problems;
    }

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
