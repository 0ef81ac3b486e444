using System.Globalization;
using System.Text;

namespace Mlsd.Features;

/// <summary>
/// NFKD decomposition with combining marks removed ("café" → "cafe", "ﬁ" → "fi", full-width "Ａ" → "A"),
/// from a table generated off the Unicode database. We carry our own table because this project runs with
/// InvariantGlobalization, where <see cref="string.Normalize(NormalizationForm)"/> has no ICU data and is a no-op —
/// and a fixed table also gives identical tokens on every machine.
/// </summary>
internal static partial class AccentFolding
{
    private static readonly Dictionary<char, string> s_map = Build();

    /// <summary>Folds <paramref name="text"/> into <paramref name="output"/>: table mapping, then drops combining marks.</summary>
    public static void Fold(ReadOnlySpan<char> text, StringBuilder output)
    {
        foreach (char c in text)
        {
            if (c < 0x80) { output.Append(c); continue; }
            if (s_map.TryGetValue(c, out var mapped)) { output.Append(mapped); continue; }
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.SpacingCombiningMark) continue;
            output.Append(c);
        }
    }

    private static Dictionary<char, string> Build()
    {
        var map = new Dictionary<char, string>(1500);
        int start = 0;
        while (start < Table.Length)
        {
            int end = Table.IndexOf('\u0001', start);
            map[Table[start]] = Table.Substring(start + 1, end - start - 1);
            start = end + 1;
        }
        return map;
    }
}
