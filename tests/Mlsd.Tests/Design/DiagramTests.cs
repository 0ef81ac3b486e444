using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Mlsd.Design;

namespace Mlsd.Tests.Design;

public class DiagramTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    internal static ArchitectureDiagram AdClick() => new ArchitectureDiagram("Ad click prediction")
        .Box("user", "User", kind: BoxKind.External)
        .Group("offline", "Offline", g => g
            .Box("logs", "Impression & click logs", "Kafka → object store", BoxKind.Store)
            .Box("join", "Label joiner", "attribution window 1 h")
            .Box("features", "Feature pipeline")
            .Box("train", "Training", "daily fine-tune")
            .Box("registry", "Model registry", kind: BoxKind.Model))
        .Group("online", "Online", g => g
            .Box("fstore", "Feature store", kind: BoxKind.Store)
            .Box("candidates", "Candidate ads")
            .Box("rank", "Ranking service with a deliberately long name to force wrapping", "GBDT + LR")
            .Box("auction", "Auction"))
        .Arrow("logs", "join")
        .Arrow("join", "features", "labelled events")
        .Arrow("features", "train")
        .Arrow("features", "fstore", "hourly")
        .Arrow("train", "registry", "model")
        .Arrow("registry", "rank", "deploy")
        .Arrow("user", "candidates", "request")
        .Arrow("candidates", "rank")
        .Arrow("fstore", "rank", "features")
        .Arrow("rank", "auction", "pCTR")
        .Arrow("logs", "auction")
        .Arrow("auction", "user", "ad", feedback: true)
        .Arrow("auction", "logs", "impressions", feedback: true);

    private sealed record Rect(string Id, double X, double Y, double W, double H)
    {
        public bool Overlaps(Rect o) => X < o.X + o.W && o.X < X + W && Y < o.Y + o.H && o.Y < Y + H;
        public bool ContainsStrictly(double px, double py) => px > X + 1 && px < X + W - 1 && py > Y + 1 && py < Y + H - 1;
    }

    private static double D(XElement e, string attribute) => double.Parse(e.Attribute(attribute)!.Value, CultureInfo.InvariantCulture);

    private static List<Rect> Boxes(XDocument doc) => doc.Descendants(Svg + "g").Where(g => g.Attribute("data-box") is not null)
        .Select(g => new Rect(g.Attribute("data-box")!.Value, D(g, "data-x"), D(g, "data-y"), D(g, "data-width"), D(g, "data-height"))).ToList();

    [Fact]
    public void SvgIsWellFormedAndHasEveryBoxAndArrow()
    {
        var diagram = AdClick();
        var doc = XDocument.Parse(diagram.ToSvg());
        Assert.Equal(Svg + "svg", doc.Root!.Name);
        Assert.Equal(diagram.BoxIds.OrderBy(x => x), Boxes(doc).Select(b => b.Id).OrderBy(x => x));
        var arrows = doc.Descendants(Svg + "path").Select(p => p.Attribute("data-arrow")?.Value).Where(a => a is not null).ToList();
        Assert.Equal(13, arrows.Count);
        Assert.Contains("auction->logs", arrows);
        Assert.All(doc.Descendants(Svg + "path").Where(p => p.Attribute("data-arrow") is not null),
            p => Assert.StartsWith("url(#", p.Attribute("marker-end")!.Value));
        var labels = doc.Descendants(Svg + "g").Where(g => g.Attribute("data-arrow-label") is not null).Select(g => g.Value).ToList();
        Assert.Equal(new[] { "labelled events", "hourly", "model", "deploy", "request", "features", "pCTR", "ad", "impressions" }.OrderBy(x => x), labels.OrderBy(x => x));
        Assert.Equal(new[] { "Offline", "Online" }, doc.Descendants(Svg + "g").Where(g => g.Attribute("data-group") is not null).Select(g => g.Value));
        // Box outlines are drawn where the layout says.
        var registry = doc.Descendants(Svg + "g").Single(g => g.Attribute("data-box")?.Value == "registry");
        Assert.Equal(D(registry, "data-x"), D(registry.Element(Svg + "rect")!, "x"));
        Assert.Equal(D(registry, "data-width"), D(registry.Element(Svg + "rect")!, "width"));
    }

    [Fact]
    public void NoTwoBoxesOverlapAndGroupsHoldOnlyTheirBoxes()
    {
        var doc = XDocument.Parse(AdClick().ToSvg());
        var boxes = Boxes(doc);
        for (int i = 0; i < boxes.Count; i++)
            for (int j = i + 1; j < boxes.Count; j++)
                Assert.False(boxes[i].Overlaps(boxes[j]), $"{boxes[i].Id} overlaps {boxes[j].Id}");
        var groups = doc.Descendants(Svg + "g").Where(g => g.Attribute("data-group") is not null)
            .ToDictionary(g => g.Attribute("data-group")!.Value, g => g.Element(Svg + "rect")!);
        var members = new Dictionary<string, string[]>
        {
            ["offline"] = ["logs", "join", "features", "train", "registry"],
            ["online"] = ["fstore", "candidates", "rank", "auction"],
        };
        foreach (var (group, rectElement) in groups)
        {
            var rect = new Rect(group, D(rectElement, "x"), D(rectElement, "y"), D(rectElement, "width"), D(rectElement, "height"));
            foreach (var box in boxes)
            {
                bool inside = box.X >= rect.X && box.Y >= rect.Y && box.X + box.W <= rect.X + rect.W && box.Y + box.H <= rect.Y + rect.H;
                if (members[group].Contains(box.Id)) Assert.True(inside, $"{box.Id} should lie inside group {group}");
                else Assert.False(box.Overlaps(rect), $"{box.Id} should lie outside group {group}");
            }
        }
    }

    [Fact]
    public void ArrowsFlowForwardEnterFromTheLeftAndNeverCrossABox()
    {
        var diagram = AdClick();
        var doc = XDocument.Parse(diagram.ToSvg());
        var boxes = Boxes(doc).ToDictionary(b => b.Id);
        foreach (var path in doc.Descendants(Svg + "path").Where(p => p.Attribute("data-arrow") is not null))
        {
            string[] ends = path.Attribute("data-arrow")!.Value.Split("->");
            bool feedback = path.Attribute("stroke-dasharray") is not null;
            Rect from = boxes[ends[0]], to = boxes[ends[1]];
            // Reading order: a forward arrow goes to a box further right in its row, or to a later row.
            if (!feedback) Assert.True(from.X + from.W < to.X || to.Y >= from.Y + from.H, $"{ends[0]} should come before {ends[1]}");
            // Every arrow ends travelling right into the left side of its target.
            var last = DiagramGeometry.Pieces(doc.ToString()).Where(p => p.Arrow == $"{ends[0]}->{ends[1]}").Last();
            Assert.Equal(to.X, last.X1, 0.05);
            Assert.True(last.X0 < last.X1, $"{ends[0]}->{ends[1]} should enter {ends[1]} from the left");
            foreach (var (x, y) in Sample(path.Attribute("d")!.Value))
                foreach (var box in boxes.Values)
                    Assert.False(box.ContainsStrictly(x, y), $"arrow {ends[0]}->{ends[1]} passes through {box.Id} at ({x:0.#}, {y:0.#})");
        }
        foreach (var label in doc.Descendants(Svg + "g").Where(g => g.Attribute("data-arrow-label") is not null))
        {
            var r = label.Element(Svg + "rect")!;
            var rect = new Rect("label", D(r, "x"), D(r, "y"), D(r, "width"), D(r, "height"));
            foreach (var box in boxes.Values) Assert.False(rect.Overlaps(box), $"label '{label.Value}' overlaps {box.Id}");
        }
    }

    [Fact]
    public void AWideGroupWrapsIntoRowsWithinTheColumnAndArrowsStayApart()
    {
        var chain = new ArchitectureDiagram("Ten steps in a row").Group("pipeline", "Pipeline", g =>
        {
            for (int i = 0; i < 10; i++) g.Box($"s{i}", $"Step number {i}", "a detail line");
        });
        for (int i = 0; i < 9; i++) chain.Arrow($"s{i}", $"s{i + 1}", i % 3 == 0 ? "data" : null);
        chain.Arrow("s9", "s0", "retrain", feedback: true).Arrow("s8", "s1", "skip back", feedback: true).Arrow("s0", "s5").Arrow("s2", "s9");
        string svg = chain.ToSvg();
        Assert.InRange(DiagramGeometry.Width(svg), 400, DiagramLayout.MaxWidth);
        Assert.Empty(DiagramGeometry.SharedSegments(svg));
        var rows = Boxes(XDocument.Parse(svg)).Select(b => b.Y).Distinct().Count();
        Assert.True(rows >= 2, "ten boxes cannot fit one 960 px row");
        Assert.Empty(DiagramGeometry.SharedSegments(AdClick().ToSvg()));
        Assert.True(DiagramGeometry.Width(AdClick().ToSvg()) <= DiagramLayout.MaxWidth);
    }

    [Fact]
    public void SharedSegmentsAreFound()
    {
        // The check itself: two arrows drawn along the same line are reported; crossing ones are not.
        const string svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">
            <path data-arrow="a->b" d="M0 10 H50 V80"/><path data-arrow="c->d" d="M20 10 H30"/><path data-arrow="e->f" d="M50 0 V100"/>
            </svg>
            """;
        Assert.Equal(["a->b and c->d at (0, 10)–(50, 10)", "a->b and e->f at (50, 10)–(50, 80)"], DiagramGeometry.SharedSegments(svg));
        Assert.Empty(DiagramGeometry.SharedSegments(svg.Replace("M20 10 H30", "M20 0 V30").Replace("M50 0 V100", "M60 0 V100")));
    }

    [Fact]
    public void TextFitsItsBoxAndLongLabelsWrap()
    {
        var doc = XDocument.Parse(AdClick().ToSvg());
        foreach (var g in doc.Descendants(Svg + "g").Where(g => g.Attribute("data-box") is not null))
        {
            double width = D(g, "data-width");
            foreach (var text in g.Elements(Svg + "text"))
            {
                double measured = TextMeasure.Width(text.Value, D(text, "font-size"));
                Assert.True(measured <= width - 2 * DiagramLayout.PadX + 0.5, $"'{text.Value}' ({measured:0} px) does not fit a {width} px box");
            }
        }
        var rank = doc.Descendants(Svg + "g").Single(g => g.Attribute("data-box")?.Value == "rank");
        Assert.True(rank.Elements(Svg + "text").Count() >= 3, "the long ranking-service label should wrap onto two lines plus its detail line");
    }

    [Fact]
    public void CyclesFailAndPointToFeedback()
    {
        var diagram = new ArchitectureDiagram("loop").Box("a", "A").Box("b", "B").Box("c", "C").Arrow("a", "b").Arrow("b", "c");
        var ex = Assert.Throws<ArgumentException>(() => diagram.Arrow("c", "a"));
        Assert.Contains("closes a cycle (a → b → c → a)", ex.Message);
        Assert.Contains("feedback: true", ex.Message);
        diagram.Arrow("c", "a", "retrain", feedback: true);
        var doc = XDocument.Parse(diagram.ToSvg());
        Assert.Equal("5 3", doc.Descendants(Svg + "path").Single(p => p.Attribute("data-arrow")?.Value == "c->a").Attribute("stroke-dasharray")!.Value);
    }

    [Fact]
    public void UnknownDuplicateAndSelfReferencesFailClearly()
    {
        var diagram = new ArchitectureDiagram("d").Box("a", "A").Box("b", "B");
        var ex = Assert.Throws<ArgumentException>(() => diagram.Arrow("a", "z"));
        Assert.Equal("to", ex.ParamName);
        Assert.Contains("No box has id \"z\". Known boxes: a, b.", ex.Message);
        Assert.Contains("already exists", Assert.Throws<ArgumentException>(() => diagram.Box("a", "again")).Message);
        Assert.Contains("itself", Assert.Throws<ArgumentException>(() => diagram.Arrow("a", "a")).Message);
        Assert.Contains("has no boxes", Assert.Throws<ArgumentException>(() => diagram.Group("g", "G", _ => { })).Message);
        Assert.Throws<InvalidOperationException>(() => new ArchitectureDiagram("empty").ToSvg());
    }

    [Fact]
    public void OutputIsDeterministicAndHasATextOutline()
    {
        Assert.Equal(AdClick().ToSvg(), AdClick().ToSvg());
        var simple = new ArchitectureDiagram("Two stages").Box("gen", "Candidates").Box("rank", "Ranker").Arrow("gen", "rank", "1k items");
        Assert.Equal("Architecture 'Two stages': 2 boxes, 1 arrow\n  Candidates, Ranker\n  gen → rank (1k items)", simple.ToString());
        Assert.StartsWith("<div class=\"mlsd-diagram\"", simple.ToHtml());
        Assert.Contains("<svg", simple.ToHtml());
    }

    /// <summary>Points along an SVG path made of M, H, V and C commands (absolute), as the renderer writes them.</summary>
    private static IEnumerable<(double X, double Y)> Sample(string d)
    {
        var tokens = Regex.Matches(d, @"[MHVC]|-?\d+(\.\d+)?").Select(m => m.Value).ToList();
        double x = 0, y = 0;
        int i = 0;
        double Next() => double.Parse(tokens[i++], CultureInfo.InvariantCulture);
        while (i < tokens.Count)
        {
            string command = tokens[i++];
            switch (command)
            {
                case "M": x = Next(); y = Next(); yield return (x, y); break;
                case "H":
                {
                    double x1 = Next();
                    for (int s = 1; s <= 40; s++) yield return (x + (x1 - x) * s / 40, y);
                    x = x1;
                    break;
                }
                case "V":
                {
                    double y1 = Next();
                    for (int s = 1; s <= 40; s++) yield return (x, y + (y1 - y) * s / 40);
                    y = y1;
                    break;
                }
                case "C":
                {
                    double c1x = Next(), c1y = Next(), c2x = Next(), c2y = Next(), ex = Next(), ey = Next();
                    for (int s = 1; s <= 40; s++)
                    {
                        double t = s / 40.0, u = 1 - t;
                        yield return (u * u * u * x + 3 * u * u * t * c1x + 3 * u * t * t * c2x + t * t * t * ex,
                                      u * u * u * y + 3 * u * u * t * c1y + 3 * u * t * t * c2y + t * t * t * ey);
                    }
                    x = ex; y = ey;
                    break;
                }
                default: throw new FormatException($"Unexpected path command {command} in {d}");
            }
        }
    }
}
