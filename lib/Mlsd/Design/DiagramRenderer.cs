using System.Text;
using Mlsd.Formatting;
using static Mlsd.Design.DiagramLayout;

namespace Mlsd.Design;

/// <summary>Draws a computed <see cref="DiagramLayout"/> as SVG.</summary>
internal static class DiagramRenderer
{
    private sealed record Style(string Fill, string Stroke);

    private static Style StyleOf(BoxKind kind) => kind switch
    {
        BoxKind.Store => new("#f3effa", "#7a5cb8"),
        BoxKind.Model => new("#fff3e0", "#d9822b"),
        BoxKind.External => new("#f2f2f2", "#8a8a8a"),
        _ => new("#eaf2fb", "#3d73b3"),
    };

    public static string Render(ArchitectureDiagram diagram, DiagramLayout layout)
    {
        // Marker ids are global in an HTML page: derive one from the content so several diagrams can coexist.
        string marker = "mlsd-arrowhead-" + StableHash(diagram.ToString()).ToString("x8");
        var sb = new StringBuilder();
        sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(F(layout.Width)).Append("\" height=\"").Append(F(layout.Height))
          .Append("\" viewBox=\"0 0 ").Append(F(layout.Width)).Append(' ').Append(F(layout.Height))
          .Append("\" font-family=\"").Append(TextMeasure.FontFamily).Append("\" role=\"img\" aria-label=\"").Append(Html.Escape(diagram.Title)).Append("\">\n");
        sb.Append("<title>").Append(Html.Escape(diagram.Title)).Append("</title>\n");
        sb.Append("<defs><marker id=\"").Append(marker).Append("\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">")
          .Append("<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#4a4a4a\"/></marker></defs>\n");
        sb.Append("<rect x=\"0\" y=\"0\" width=\"").Append(F(layout.Width)).Append("\" height=\"").Append(F(layout.Height)).Append("\" fill=\"#ffffff\"/>\n");
        sb.Append("<text x=\"24\" y=\"30\" font-size=\"").Append(F(TitleFont)).Append("\" font-weight=\"bold\" fill=\"#1f2933\">")
          .Append(Html.Escape(diagram.Title)).Append("</text>\n");

        foreach (var g in layout.Groups)
        {
            sb.Append("<g data-group=\"").Append(Html.Escape(g.Id)).Append("\">")
              .Append("<rect x=\"").Append(F(g.X)).Append("\" y=\"").Append(F(g.Y)).Append("\" width=\"").Append(F(g.W)).Append("\" height=\"").Append(F(g.H))
              .Append("\" rx=\"10\" fill=\"#fafbfc\" stroke=\"#9aa5b1\" stroke-width=\"1.2\" stroke-dasharray=\"6 4\"/>")
              .Append("<text x=\"").Append(F(g.X + 12)).Append("\" y=\"").Append(F(g.Y + 17)).Append("\" font-size=\"").Append(F(GroupFont))
              .Append("\" font-weight=\"bold\" fill=\"#52606d\">").Append(Html.Escape(g.Label)).Append("</text></g>\n");
        }

        foreach (var a in layout.Arrows)
        {
            sb.Append("<path data-arrow=\"").Append(Html.Escape(a.Spec.From)).Append("->").Append(Html.Escape(a.Spec.To))
              .Append("\" d=\"").Append(a.PathData).Append("\" fill=\"none\" stroke=\"#4a4a4a\" stroke-width=\"1.4\"");
            if (a.Spec.Feedback) sb.Append(" stroke-dasharray=\"5 3\"");
            sb.Append(" marker-end=\"url(#").Append(marker).Append(")\"/>\n");
        }
        foreach (var a in layout.Arrows)
        {
            if (a.Spec.Label is null) continue;
            sb.Append("<g data-arrow-label=\"").Append(Html.Escape(a.Spec.From)).Append("->").Append(Html.Escape(a.Spec.To)).Append("\">")
              .Append("<rect x=\"").Append(F(a.LabelX - a.LabelW / 2)).Append("\" y=\"").Append(F(a.LabelY - ArrowLabelHeight / 2))
              .Append("\" width=\"").Append(F(a.LabelW)).Append("\" height=\"").Append(F(ArrowLabelHeight))
              .Append("\" rx=\"3\" fill=\"#ffffff\" fill-opacity=\"0.92\"/>")
              .Append("<text x=\"").Append(F(a.LabelX)).Append("\" y=\"").Append(F(a.LabelY + 4)).Append("\" font-size=\"").Append(F(ArrowFont))
              .Append("\" text-anchor=\"middle\" fill=\"#3e4c59\">").Append(Html.Escape(a.Spec.Label)).Append("</text></g>\n");
        }

        foreach (var b in layout.Boxes)
        {
            var style = StyleOf(b.Spec.Kind);
            sb.Append("<g data-box=\"").Append(Html.Escape(b.Spec.Id)).Append("\" data-x=\"").Append(F(b.X)).Append("\" data-y=\"").Append(F(b.Y))
              .Append("\" data-width=\"").Append(F(b.W)).Append("\" data-height=\"").Append(F(b.H)).Append("\">");
            string common = $" fill=\"{style.Fill}\" stroke=\"{style.Stroke}\" stroke-width=\"1.5\"";
            double top = b.Y;
            switch (b.Spec.Kind)
            {
                case BoxKind.Store:
                {
                    // A cylinder: body with rounded bottom, plus the visible rim of the top cap.
                    double rx = b.W / 2, ry = StoreCap / 2 + 1;
                    sb.Append("<path d=\"M").Append(F(b.X)).Append(' ').Append(F(b.Y + ry))
                      .Append(" A").Append(F(rx)).Append(' ').Append(F(ry)).Append(" 0 0 1 ").Append(F(b.X + b.W)).Append(' ').Append(F(b.Y + ry))
                      .Append(" V").Append(F(b.Y + b.H - ry))
                      .Append(" A").Append(F(rx)).Append(' ').Append(F(ry)).Append(" 0 0 1 ").Append(F(b.X)).Append(' ').Append(F(b.Y + b.H - ry))
                      .Append(" Z\"").Append(common).Append("/>");
                    sb.Append("<path d=\"M").Append(F(b.X)).Append(' ').Append(F(b.Y + ry))
                      .Append(" A").Append(F(rx)).Append(' ').Append(F(ry)).Append(" 0 0 0 ").Append(F(b.X + b.W)).Append(' ').Append(F(b.Y + ry))
                      .Append("\" fill=\"none\" stroke=\"").Append(style.Stroke).Append("\" stroke-width=\"1.5\"/>");
                    top += StoreCap;
                    break;
                }
                case BoxKind.External:
                    sb.Append("<rect x=\"").Append(F(b.X)).Append("\" y=\"").Append(F(b.Y)).Append("\" width=\"").Append(F(b.W)).Append("\" height=\"").Append(F(b.H))
                      .Append("\" rx=\"").Append(F(Math.Min(b.H / 2, 18))).Append('"').Append(common).Append(" stroke-dasharray=\"4 2\"/>");
                    break;
                default:
                    sb.Append("<rect x=\"").Append(F(b.X)).Append("\" y=\"").Append(F(b.Y)).Append("\" width=\"").Append(F(b.W)).Append("\" height=\"").Append(F(b.H))
                      .Append("\" rx=\"6\"").Append(common).Append("/>");
                    break;
            }
            double textHeight = b.Lines.Count * LabelLine + (b.DetailLines.Count > 0 ? 2 + b.DetailLines.Count * DetailLine : 0);
            double baseline = top + (b.Y + b.H - top - textHeight) / 2 + LabelLine - 4.5;
            double cx = b.X + b.W / 2;
            foreach (string line in b.Lines)
            {
                sb.Append("<text x=\"").Append(F(cx)).Append("\" y=\"").Append(F(baseline)).Append("\" font-size=\"").Append(F(LabelFont))
                  .Append("\" text-anchor=\"middle\" fill=\"#1f2933\">").Append(Html.Escape(line)).Append("</text>");
                baseline += LabelLine;
            }
            if (b.DetailLines.Count > 0) baseline += 2 - (LabelLine - DetailLine);
            foreach (string line in b.DetailLines)
            {
                sb.Append("<text x=\"").Append(F(cx)).Append("\" y=\"").Append(F(baseline)).Append("\" font-size=\"").Append(F(DetailFont))
                  .Append("\" text-anchor=\"middle\" fill=\"#616e7c\">").Append(Html.Escape(line)).Append("</text>");
                baseline += DetailLine;
            }
            sb.Append("</g>\n");
        }
        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>FNV-1a over UTF-16 code units: stable across runs and platforms (string.GetHashCode is not).</summary>
    private static uint StableHash(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text) { hash ^= c; hash *= 16777619; }
        return hash;
    }
}
