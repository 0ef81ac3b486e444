using System.Globalization;
using System.Text.RegularExpressions;

namespace Mlsd.Notebooks.Authoring;

/// <summary>One exercise check line, as printed by <c>Exercise.Check</c>.</summary>
/// <param name="Id">The exercise id, e.g. "07.nce".</param>
/// <param name="Passed">Public checks passed.</param>
/// <param name="Total">Public checks run.</param>
/// <param name="Success">True for a ✓ line.</param>
/// <param name="Details">The friendly lines printed after the check line (hints), up to the next check line.</param>
public sealed record ExerciseResult(string Id, int Passed, int Total, bool Success, IReadOnlyList<string> Details)
{
    /// <summary>"✓ [07.nce] 3 of 3 public checks passed".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{(Success ? '✓' : '✗')} [{Id}] {Passed} of {Total} public checks passed");
}

/// <summary>
/// Parses what <c>Mlsd.Exercises.Exercise.Check</c> prints (lib/Mlsd/Exercises/Exercise.cs states the format): a first
/// line <c>✓ [07.nce] 3 of 3 public checks passed</c> or <c>✗ [07.nce] 1 of 3 public checks passed</c>, then hints.
/// </summary>
public static partial class ExerciseReport
{
    /// <summary>Finds every check line in <paramref name="text"/> (typically a cell's stdout), with its detail lines.</summary>
    public static IReadOnlyList<ExerciseResult> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var results = new List<ExerciseResult>();
        string? id = null;
        var passed = 0;
        var total = 0;
        var success = false;
        var details = new List<string>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var m = CheckLine().Match(line);
            if (m.Success)
            {
                if (id is not null) results.Add(new ExerciseResult(id, passed, total, success, [.. details]));
                id = m.Groups["id"].Value;
                passed = int.Parse(m.Groups["passed"].Value, CultureInfo.InvariantCulture);
                total = int.Parse(m.Groups["total"].Value, CultureInfo.InvariantCulture);
                success = m.Groups["mark"].Value == "✓";
                details.Clear();
            }
            else if (id is not null && line.Trim().Length > 0)
                details.Add(line);
        }
        if (id is not null) results.Add(new ExerciseResult(id, passed, total, success, [.. details]));
        return results;
    }

    [GeneratedRegex(@"^(?<mark>✓|✗) \[(?<id>[^\]]+)\] (?<passed>\d+) of (?<total>\d+) public checks passed")]
    private static partial Regex CheckLine();
}

/// <summary>How many of a notebook's exercises are done: <c>k of n done</c>, never "passed" for work not attempted.</summary>
/// <param name="Done">Exercises whose last check passed every public check.</param>
/// <param name="Total">Exercises the notebook checked (each id counted once, by its last check).</param>
public sealed record ExerciseTally(int Done, int Total)
{
    /// <summary>No exercises.</summary>
    public static ExerciseTally None { get; } = new(0, 0);

    /// <summary>Tallies the check lines in <paramref name="standardOutputs"/> (each code cell's stdout, in order).</summary>
    public static ExerciseTally FromOutputs(IEnumerable<string> standardOutputs)
    {
        ArgumentNullException.ThrowIfNull(standardOutputs);
        var last = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var result in standardOutputs.SelectMany(ExerciseReport.Parse)) last[result.Id] = result.Success;
        return new ExerciseTally(last.Values.Count(done => done), last.Count);
    }

    /// <summary>"3 of 4 done", or "" when the notebook has no exercises.</summary>
    public override string ToString() => Total == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"{Done} of {Total} done");
}
