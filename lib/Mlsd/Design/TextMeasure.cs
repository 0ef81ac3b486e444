namespace Mlsd.Design;

/// <summary>
/// Approximate text widths for laying out SVG without a font engine: per-character advance widths of Arial
/// (measured from the metric-compatible Liberation Sans, in em), plus a safety margin for fallback fonts.
/// </summary>
internal static class TextMeasure
{
    /// <summary>Fonts the diagrams ask for; all share Arial's metrics.</summary>
    public const string FontFamily = "Arial, 'Liberation Sans', Helvetica, sans-serif";

    /// <summary>Fallback fonts (e.g. DejaVu Sans) run up to ~8 % wider than Arial.</summary>
    private const double Safety = 1.08;

    // Advance widths in em for ASCII 32 (space) to 126 (~).
    private static readonly double[] Regular =
    [
        0.28, 0.28, 0.35, 0.56, 0.56, 0.89, 0.67, 0.19, 0.33, 0.33, 0.39, 0.58, 0.28, 0.33, 0.28, 0.28,
        0.56, 0.56, 0.56, 0.56, 0.56, 0.56, 0.56, 0.56, 0.56, 0.56, 0.28, 0.28, 0.58, 0.58, 0.58, 0.56,
        1.02, 0.67, 0.67, 0.72, 0.72, 0.67, 0.61, 0.78, 0.72, 0.28, 0.50, 0.67, 0.56, 0.83, 0.72, 0.78,
        0.67, 0.78, 0.72, 0.67, 0.61, 0.72, 0.67, 0.94, 0.67, 0.67, 0.61, 0.28, 0.28, 0.28, 0.47, 0.56,
        0.33, 0.56, 0.56, 0.50, 0.56, 0.56, 0.28, 0.56, 0.56, 0.22, 0.22, 0.50, 0.22, 0.83, 0.56, 0.56,
        0.56, 0.56, 0.33, 0.50, 0.28, 0.56, 0.50, 0.72, 0.50, 0.50, 0.50, 0.33, 0.26, 0.33, 0.58,
    ];

    private static readonly double[] Bold =
    [
        0.28, 0.33, 0.47, 0.56, 0.56, 0.89, 0.72, 0.24, 0.33, 0.33, 0.39, 0.58, 0.28, 0.33, 0.28, 0.28,
        0.56, 0.56, 0.56, 0.56, 0.56, 0.56, 0.56, 0.56, 0.56, 0.56, 0.33, 0.33, 0.58, 0.58, 0.58, 0.61,
        0.98, 0.72, 0.72, 0.72, 0.72, 0.67, 0.61, 0.78, 0.72, 0.28, 0.56, 0.72, 0.61, 0.83, 0.72, 0.78,
        0.67, 0.78, 0.72, 0.67, 0.61, 0.72, 0.67, 0.94, 0.67, 0.67, 0.61, 0.33, 0.28, 0.33, 0.58, 0.56,
        0.33, 0.56, 0.61, 0.56, 0.61, 0.56, 0.33, 0.61, 0.61, 0.28, 0.28, 0.56, 0.28, 0.89, 0.61, 0.61,
        0.61, 0.61, 0.39, 0.56, 0.33, 0.61, 0.56, 0.78, 0.56, 0.56, 0.50, 0.39, 0.28, 0.39, 0.58,
    ];

    /// <summary>Width in pixels of <paramref name="text"/> at <paramref name="fontSize"/> px.</summary>
    public static double Width(string text, double fontSize, bool bold = false)
    {
        var table = bold ? Bold : Regular;
        double em = 0;
        foreach (char c in text)
        {
            if (c >= 32 && c <= 126) em += table[c - 32];
            else if (c >= 0x2E80) em += 1.0; // CJK and other full-width scripts
            else em += 0.62;
        }
        return em * fontSize * Safety;
    }

    /// <summary>Splits <paramref name="text"/> into lines no wider than <paramref name="maxWidth"/> (breaking at
    /// spaces; explicit newlines are kept; a single over-long word gets a line of its own).</summary>
    public static List<string> Wrap(string text, double fontSize, double maxWidth, bool bold = false)
    {
        var lines = new List<string>();
        foreach (string paragraph in text.Replace("\r\n", "\n").Split('\n'))
        {
            string current = "";
            foreach (string word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                string candidate = current.Length == 0 ? word : current + " " + word;
                if (current.Length > 0 && Width(candidate, fontSize, bold) > maxWidth)
                {
                    lines.Add(current);
                    current = word;
                }
                else current = candidate;
            }
            lines.Add(current);
        }
        return lines;
    }
}
