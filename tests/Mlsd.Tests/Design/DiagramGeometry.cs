using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Mlsd.Tests.Design;

/// <summary>Reads the arrows of a rendered diagram back from its SVG, to check how they are drawn.</summary>
internal static partial class DiagramGeometry
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>An axis-aligned piece of an arrow (from H and V commands), or a whole curve (C) by its control points.</summary>
    public sealed record Piece(string Arrow, bool Curve, double X0, double Y0, double X1, double Y1, string Key = "");

    public static double Width(string svg) => double.Parse(XDocument.Parse(svg).Root!.Attribute("width")!.Value, CultureInfo.InvariantCulture);

    public static List<Piece> Pieces(string svg)
    {
        var pieces = new List<Piece>();
        foreach (var path in XDocument.Parse(svg).Descendants(Svg + "path").Where(p => p.Attribute("data-arrow") is not null))
        {
            string arrow = path.Attribute("data-arrow")!.Value;
            double x = 0, y = 0;
            foreach (Match m in Command().Matches(path.Attribute("d")!.Value))
            {
                var n = m.Groups[2].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
                switch (m.Groups[1].Value)
                {
                    case "M": (x, y) = (n[0], n[1]); break;
                    case "H": pieces.Add(new Piece(arrow, false, x, y, n[0], y)); x = n[0]; break;
                    case "V": pieces.Add(new Piece(arrow, false, x, y, x, n[0])); y = n[0]; break;
                    case "C":
                        pieces.Add(new Piece(arrow, true, x, y, n[4], n[5], string.Join(' ', n)));
                        (x, y) = (n[4], n[5]);
                        break;
                }
            }
        }
        return pieces;
    }

    /// <summary>Pairs of different arrows that run along the same stretch of line (more than half a pixel), or draw the same curve.</summary>
    public static List<string> SharedSegments(string svg)
    {
        var pieces = Pieces(svg);
        var shared = new List<string>();
        for (int i = 0; i < pieces.Count; i++)
            for (int j = i + 1; j < pieces.Count; j++)
            {
                Piece a = pieces[i], b = pieces[j];
                if (a.Arrow == b.Arrow) continue;
                bool same = a.Curve || b.Curve
                    ? a.Curve && b.Curve && a.X0 == b.X0 && a.Y0 == b.Y0 && a.Key == b.Key
                    : Overlap(a, b) > 0.5;
                if (same) shared.Add($"{a.Arrow} and {b.Arrow} at ({a.X0}, {a.Y0})–({a.X1}, {a.Y1})");
            }
        return shared;
    }

    private static double Overlap(Piece a, Piece b)
    {
        bool aH = a.Y0 == a.Y1, bH = b.Y0 == b.Y1;
        if (aH && bH && a.Y0 == b.Y0) return Math.Min(Math.Max(a.X0, a.X1), Math.Max(b.X0, b.X1)) - Math.Max(Math.Min(a.X0, a.X1), Math.Min(b.X0, b.X1));
        bool aV = a.X0 == a.X1, bV = b.X0 == b.X1;
        if (aV && bV && a.X0 == b.X0) return Math.Min(Math.Max(a.Y0, a.Y1), Math.Max(b.Y0, b.Y1)) - Math.Max(Math.Min(a.Y0, a.Y1), Math.Min(b.Y0, b.Y1));
        return 0;
    }

    [GeneratedRegex(@"([MHVC])\s*([-0-9. ]+)")]
    private static partial Regex Command();
}
