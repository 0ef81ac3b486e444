using System.Globalization;
using System.Text;
using Mlsd.Formatting;

namespace Mlsd.Design;

/// <summary>How a box is drawn, so the kind of component reads at a glance.</summary>
public enum BoxKind
{
    /// <summary>A service or pipeline step (blue rounded rectangle).</summary>
    Service,

    /// <summary>Storage: logs, a feature store, a database, an index (purple cylinder).</summary>
    Store,

    /// <summary>A trained model or model registry (orange).</summary>
    Model,

    /// <summary>Something outside the system: users, clients, third parties (grey pill).</summary>
    External,
}

/// <summary>Adds boxes to one group of an <see cref="ArchitectureDiagram"/> (see
/// <see cref="ArchitectureDiagram.Group(string, string, Action{DiagramGroup})"/>).</summary>
public sealed class DiagramGroup
{
    private readonly ArchitectureDiagram _diagram;
    private readonly int _band;

    internal DiagramGroup(ArchitectureDiagram diagram, int band, string id, string label)
    {
        _diagram = diagram;
        _band = band;
        Id = id;
        Label = label;
    }

    /// <summary>The group's id.</summary>
    public string Id { get; }

    /// <summary>The caption drawn on the group's dashed region.</summary>
    public string Label { get; }

    /// <summary>Adds a box to this group; <paramref name="detail"/> is a smaller second line (a technology, a size).</summary>
    public DiagramGroup Box(string id, string label, string? detail = null, BoxKind kind = BoxKind.Service)
    {
        _diagram.AddBox(id, label, detail, kind, _band);
        return this;
    }
}

/// <summary>
/// An architecture diagram from a small declarative description, laid out automatically and drawn as SVG:
/// boxes flow left to right in the order the arrows impose, groups (online/offline…) become labelled dashed bands.
/// </summary>
/// <remarks>
/// <code>
/// new ArchitectureDiagram("Ad click prediction")
///     .Group("offline", "Offline", g => g
///         .Box("logs", "Impression logs", "Kafka → S3", BoxKind.Store)
///         .Box("train", "Training pipeline"))
///     .Group("online", "Online", g => g
///         .Box("serve", "Ranking service"))
///     .Arrow("logs", "train", "daily")
///     .Arrow("train", "serve", "model")
///     .Arrow("serve", "logs", "impressions", feedback: true)
/// </code>
/// Layout is layered (Sugiyama-style): each box's column is its longest distance from a source along the arrows;
/// arrows that skip columns travel through placeholder slots so they never cross a box; a barycentre pass orders
/// each column to reduce crossings. Groups are horizontal bands stacked top to bottom in declaration order, so
/// they cannot overlap. The arrows must not form a cycle — ML systems do have loops (serving logs feed the next
/// training run), so mark the arrow that closes a loop with <c>feedback: true</c>; it is drawn as a return path
/// beneath the diagram. Text is measured with Arial's character widths and wrapped to fit its box.
/// </remarks>
[TypeFormatterSource(typeof(HtmlRenderableFormatterSource))]
public sealed class ArchitectureDiagram : IHtmlRenderable
{
    internal sealed record BoxSpec(string Id, string Label, string? Detail, BoxKind Kind, int Band, int Order);
    internal sealed record ArrowSpec(string From, string To, string? Label, bool Feedback);
    internal sealed record BandSpec(string? GroupId, string? Label);

    private readonly List<BoxSpec> _boxes = [];
    private readonly Dictionary<string, BoxSpec> _byId = new(StringComparer.Ordinal);
    private readonly List<ArrowSpec> _arrows = [];
    private readonly List<BandSpec> _bands = [];

    /// <summary>Starts an empty diagram with a title.</summary>
    public ArchitectureDiagram(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        Title = title;
    }

    /// <summary>The title drawn at the top.</summary>
    public string Title { get; }

    /// <summary>The ids of all boxes, in declaration order.</summary>
    public IReadOnlyList<string> BoxIds => _boxes.Select(b => b.Id).ToArray();

    internal IReadOnlyList<BoxSpec> Boxes => _boxes;
    internal IReadOnlyList<ArrowSpec> Arrows => _arrows;
    internal IReadOnlyList<BandSpec> Bands => _bands;

    /// <summary>Adds a box outside any group.</summary>
    public ArchitectureDiagram Box(string id, string label, string? detail = null, BoxKind kind = BoxKind.Service)
    {
        if (_bands.Count == 0 || _bands[^1].GroupId is not null) _bands.Add(new BandSpec(null, null));
        AddBox(id, label, detail, kind, _bands.Count - 1);
        return this;
    }

    /// <summary>Adds a group — a labelled dashed region such as "Offline" or "Online" — and its boxes.</summary>
    public ArchitectureDiagram Group(string id, string label, Action<DiagramGroup> boxes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(boxes);
        if (_bands.Any(b => b.GroupId == id))
            throw new ArgumentException($"A group with id \"{id}\" already exists.", nameof(id));
        _bands.Add(new BandSpec(id, label));
        int band = _bands.Count - 1;
        int before = _boxes.Count;
        boxes(new DiagramGroup(this, band, id, label));
        if (!_boxes.Skip(before).Any(b => b.Band == band))
            throw new ArgumentException($"Group \"{id}\" has no boxes; add them with g => g.Box(...).", nameof(boxes));
        return this;
    }

    /// <summary>
    /// Adds an arrow from box <paramref name="from"/> to box <paramref name="to"/>, optionally labelled (what flows:
    /// "features", "model", "hourly"). Set <paramref name="feedback"/> for the arrow that closes a loop.
    /// </summary>
    public ArchitectureDiagram Arrow(string from, string to, string? label = null, bool feedback = false)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (!_byId.ContainsKey(from)) throw UnknownBox(from, nameof(from));
        if (!_byId.ContainsKey(to)) throw UnknownBox(to, nameof(to));
        if (from == to) throw new ArgumentException($"An arrow from \"{from}\" to itself is not drawable; describe the loop in the box's detail instead.", nameof(to));
        if (!feedback && PathBetween(to, from) is { } path)
            throw new ArgumentException(
                $"The arrow {from} → {to} closes a cycle ({string.Join(" → ", path)} → {to}). " +
                "Diagrams flow left to right, so mark the arrow that closes the loop with feedback: true; it is then drawn as a return path.",
                nameof(to));
        _arrows.Add(new ArrowSpec(from, to, label, feedback));
        return this;
    }

    internal void AddBox(string id, string label, string? detail, BoxKind kind, int band)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(label);
        if (_byId.ContainsKey(id)) throw new ArgumentException($"A box with id \"{id}\" already exists.", nameof(id));
        var box = new BoxSpec(id, label, detail, kind, band, _boxes.Count);
        _boxes.Add(box);
        _byId[id] = box;
    }

    private ArgumentException UnknownBox(string id, string argument) => new(
        $"No box has id \"{id}\". Known boxes: {(_boxes.Count == 0 ? "(none yet; declare boxes before arrows)" : string.Join(", ", _boxes.Select(b => b.Id)))}.",
        argument);

    /// <summary>A path of forward arrows from <paramref name="start"/> to <paramref name="goal"/>, or null.</summary>
    private List<string>? PathBetween(string start, string goal)
    {
        var previous = new Dictionary<string, string?> { [start] = null };
        var queue = new Queue<string>();
        queue.Enqueue(start);
        while (queue.Count > 0)
        {
            string current = queue.Dequeue();
            if (current == goal)
            {
                var path = new List<string>();
                for (string? at = goal; at is not null; at = previous[at]) path.Add(at);
                path.Reverse();
                return path;
            }
            foreach (var arrow in _arrows)
            {
                if (arrow.Feedback || arrow.From != current || previous.ContainsKey(arrow.To)) continue;
                previous[arrow.To] = current;
                queue.Enqueue(arrow.To);
            }
        }
        return null;
    }

    /// <summary>The diagram as a standalone SVG document (white background, so it reads on dark themes too).</summary>
    public string ToSvg()
    {
        if (_boxes.Count == 0) throw new InvalidOperationException("The diagram has no boxes; add some with Box(...) or Group(...).");
        return DiagramRenderer.Render(this, DiagramLayout.Compute(this));
    }

    /// <inheritdoc />
    public string ToHtml() => "<div class=\"mlsd-diagram\" style=\"overflow-x:auto\">" + ToSvg() + "</div>";

    /// <summary>A text outline: groups with their boxes, then the arrows.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("Architecture '").Append(Title).Append("': ").Append(_boxes.Count).Append(_boxes.Count == 1 ? " box, " : " boxes, ")
          .Append(_arrows.Count).Append(_arrows.Count == 1 ? " arrow" : " arrows");
        for (int b = 0; b < _bands.Count; b++)
        {
            var names = _boxes.Where(x => x.Band == b).Select(x => x.Label.Replace('\n', ' '));
            sb.Append("\n  ").Append(_bands[b].Label is { } label ? label + ": " : "").Append(string.Join(", ", names));
        }
        foreach (var a in _arrows)
        {
            sb.Append("\n  ").Append(a.From).Append(a.Feedback ? " ⤺ " : " → ").Append(a.To);
            if (a.Label is not null) sb.Append(" (").Append(a.Label).Append(')');
        }
        return sb.ToString();
    }
}
