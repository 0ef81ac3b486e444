using System.Text.Json.Nodes;

namespace Mlsd.Notebooks.Format;

/// <summary>Multi-line text the way nbformat stores it: an array of lines, each but the last keeping its "\n".</summary>
public static class NotebookText
{
    /// <summary>Splits text into nbformat's line array ("a\nb" → ["a\n", "b"]; "" → []).</summary>
    public static JsonArray ToLineArray(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var array = new JsonArray();
        foreach (var line in SplitLines(text)) array.Add(line);
        return array;
    }

    /// <summary>Splits text after each "\n", keeping the newline on each piece.</summary>
    public static IEnumerable<string> SplitLines(string text)
    {
        var start = 0;
        while (start < text.Length)
        {
            var nl = text.IndexOf('\n', start);
            if (nl < 0) { yield return text[start..]; yield break; }
            yield return text[start..(nl + 1)];
            start = nl + 1;
        }
    }
}
