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

/// <summary>Parses the output contract of <c>Mlsd.Exercises.Exercise.Check</c> (see CONTRACTS.md).</summary>
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
