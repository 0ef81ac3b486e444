using System.Globalization;
using System.Text.Json.Nodes;

namespace Mlsd.Notebooks.Execution;

/// <summary>
/// How much of what a cell produces is kept. A notebook that prints in a loop or throws an exception with a huge
/// message must not fill the disk, the terminal or the memory of the process collecting its outputs: past the limit
/// the rest is counted and left out, with a note saying so.
/// </summary>
public static class OutputLimits
{
    /// <summary>Characters of output (stream text and displayed values) kept per cell by default: 4 million, about 4 MB.</summary>
    public const int DefaultCellOutputCharacters = 4_000_000;

    /// <summary>Longest error message kept (an exception's or the compiler's).</summary>
    public const int MessageCharacters = 2_000;

    /// <summary>Most lines kept of a traceback (the first and the last half).</summary>
    public const int TracebackLines = 200;

    /// <summary>
    /// <paramref name="text"/> cut to at most <paramref name="max"/> characters, ending with a note of how many were
    /// left out (so clipping twice changes nothing).
    /// </summary>
    public static string Clip(string text, int max = MessageCharacters)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 64);
        if (text.Length <= max) return text;
        // The note's length depends on the count, which depends on the cut: size it for the largest count.
        var room = max - Note(text.Length).Length;
        var cut = SafeCut(text, room);
        return text[..cut] + Note(text.Length - cut);
    }

    private static string Note(long leftOut) => string.Create(CultureInfo.InvariantCulture, $"… [{leftOut:N0} more characters left out]");

    /// <summary>Each line clipped, and at most <see cref="TracebackLines"/> lines (the first and the last half).</summary>
    public static IReadOnlyList<string> ClipLines(IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        IEnumerable<string> kept = lines;
        if (lines.Count > TracebackLines)
        {
            var half = TracebackLines / 2;
            kept = [.. lines.Take(half), string.Create(CultureInfo.InvariantCulture, $"… [{lines.Count - 2 * half:N0} lines left out]"),
                .. lines.Skip(lines.Count - half)];
        }
        return [.. kept.Select(l => Clip(l))];
    }

    /// <summary>How many characters of text an output carries (stream text, or every value of a display's data).</summary>
    internal static long Size(JsonObject output)
    {
        if (output["text"] is { } text) return Length(text);
        return output["data"] is JsonObject data ? data.Sum(kv => Length(kv.Value)) : 0;
    }

    /// <summary>The note that ends a cell's outputs when some were left out.</summary>
    internal static string ElisionNote(long produced, long leftOut, long limit) => string.Create(CultureInfo.InvariantCulture,
        $"\n[output limit: this cell produced {produced:N0} characters of output; {leftOut:N0} were left out (the limit is {limit:N0} per cell)]\n");

    /// <summary>A cut position at or below <paramref name="max"/> that does not split a surrogate pair.</summary>
    internal static int SafeCut(string text, int max) =>
        max > 0 && max < text.Length && char.IsHighSurrogate(text[max - 1]) ? max - 1 : Math.Min(max, text.Length);

    private static long Length(JsonNode? node) => node switch
    {
        JsonArray a => a.Sum(Length),
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length,
        null => 0,
        _ => node.ToJsonString().Length,
    };
}
