namespace Mlsd.Design;

/// <summary>
/// Positions for an <see cref="ArchitectureDiagram"/>: a layered left-to-right layout with placeholder slots for
/// arrows that skip columns, groups as stacked horizontal bands, and return paths for feedback arrows.
/// </summary>
internal sealed class DiagramLayout
{
    public const double LabelFont = 13, DetailFont = 11, GroupFont = 12, TitleFont = 16, ArrowFont = 11;
    public const double PadX = 14, PadY = 10, LabelLine = 17, DetailLine = 14, StoreCap = 7;
    private const double MaxTextWidth = 180, MinBoxWidth = 110, MinBoxHeight = 40;
    private const double BaseGap = 64, StackGap = 18, DummyHeight = 8, GroupPad = 14, GroupLabelHeight = 24, BandGap = 30;
    private const double TopMargin = 14, TitleHeight = 32, SideMargin = 24, Channel = 8, LaneGap = 24;
    public const double ArrowLabelHeight = 16;

    public sealed record PlacedBox(ArchitectureDiagram.BoxSpec Spec, double X, double Y, double W, double H,
        IReadOnlyList<string> Lines, IReadOnlyList<string> DetailLines);

    public sealed record PlacedGroup(string Id, string Label, double X, double Y, double W, double H);

    public sealed record PlacedArrow(ArchitectureDiagram.ArrowSpec Spec, string PathData, double LabelX, double LabelY, double LabelW);

    public required IReadOnlyList<PlacedBox> Boxes { get; init; }
    public required IReadOnlyList<PlacedGroup> Groups { get; init; }
    public required IReadOnlyList<PlacedArrow> Arrows { get; init; }
    public required double Width { get; init; }
    public required double Height { get; init; }

    private sealed class Node
    {
        public ArchitectureDiagram.BoxSpec? Box;
        public int Band, Layer;
        public double W, H, X, Y, Pos;
        public List<string> Lines = [], DetailLines = [];
        public readonly List<Node> Preds = [], Succs = [];
        public double CenterY => Y + H / 2;
    }

    public static DiagramLayout Compute(ArchitectureDiagram diagram)
    {
        var specs = diagram.Boxes;
        int n = specs.Count;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < n; i++) index[specs[i].Id] = i;
        var all = diagram.Arrows;
        var forwardIndex = Enumerable.Range(0, all.Count).Where(i => !all[i].Feedback).ToList();
        var feedbackIndex = Enumerable.Range(0, all.Count).Where(i => all[i].Feedback).ToList();
        var forward = forwardIndex.Select(i => all[i]).ToList();
        var feedback = feedbackIndex.Select(i => all[i]).ToList();

        // 1. Layers: longest path from a source first.
        var succ = new List<int>[n];
        var pred = new List<int>[n];
        for (int i = 0; i < n; i++) { succ[i] = []; pred[i] = []; }
        foreach (var a in forward) { succ[index[a.From]].Add(index[a.To]); pred[index[a.To]].Add(index[a.From]); }
        var indegree = pred.Select(p => p.Count).ToArray();
        var ready = new SortedSet<int>(Enumerable.Range(0, n).Where(i => indegree[i] == 0));
        var order = new List<int>(n);
        while (ready.Count > 0)
        {
            int i = ready.Min;
            ready.Remove(i);
            order.Add(i);
            foreach (int s in succ[i]) if (--indegree[s] == 0) ready.Add(s);
        }
        if (order.Count != n) throw new InvalidOperationException("The arrows form a cycle; mark the arrow that closes it with feedback: true.");
        var layer = new int[n];
        foreach (int i in order) foreach (int s in succ[i]) layer[s] = Math.Max(layer[s], layer[i] + 1);
        // Then every box with slack moves right, next to its nearest successor, which keeps arrows short
        // (a request path that joins late no longer stretches across the whole diagram).
        for (int o = order.Count - 1; o >= 0; o--)
        {
            int i = order[o];
            if (succ[i].Count > 0) layer[i] = succ[i].Min(s => layer[s]) - 1;
        }
        int layers = layer.Max() + 1;

        // 2. Nodes: one per box, plus a placeholder per skipped column on long arrows.
        var real = new Node[n];
        for (int i = 0; i < n; i++)
        {
            var spec = specs[i];
            var node = new Node { Box = spec, Band = spec.Band, Layer = layer[i] };
            node.Lines = TextMeasure.Wrap(spec.Label, LabelFont, MaxTextWidth);
            node.DetailLines = spec.Detail is null ? [] : TextMeasure.Wrap(spec.Detail, DetailFont, MaxTextWidth);
            double textWidth = Math.Max(
                node.Lines.Select(l => TextMeasure.Width(l, LabelFont)).DefaultIfEmpty(0).Max(),
                node.DetailLines.Select(l => TextMeasure.Width(l, DetailFont)).DefaultIfEmpty(0).Max());
            node.W = Math.Ceiling(Math.Max(MinBoxWidth, textWidth + 2 * PadX));
            node.H = Math.Max(MinBoxHeight, 2 * PadY + node.Lines.Count * LabelLine
                + (node.DetailLines.Count > 0 ? 2 + node.DetailLines.Count * DetailLine : 0)
                + (spec.Kind == BoxKind.Store ? StoreCap : 0));
            real[i] = node;
        }
        var chains = new List<Node>[forward.Count];
        var dummies = new List<Node>();
        for (int k = 0; k < forward.Count; k++)
        {
            var from = real[index[forward[k].From]];
            var to = real[index[forward[k].To]];
            var chain = new List<Node> { from };
            // Route through whichever band (source's or target's) has fewer boxes in the skipped columns.
            int Crowd(int band) => real.Count(r => r.Band == band && r.Layer > from.Layer && r.Layer < to.Layer);
            int via = Crowd(from.Band) < Crowd(to.Band) ? from.Band : to.Band;
            for (int l = from.Layer + 1; l < to.Layer; l++)
            {
                var dummy = new Node { Band = via, Layer = l, H = DummyHeight };
                dummies.Add(dummy);
                chain.Add(dummy);
            }
            chain.Add(to);
            for (int c = 1; c < chain.Count; c++) { chain[c - 1].Succs.Add(chain[c]); chain[c].Preds.Add(chain[c - 1]); }
            chains[k] = chain;
        }

        // 3. Order each (band, column) stack: declaration order, then barycentre sweeps to reduce crossings.
        var stacks = new SortedDictionary<(int Layer, int Band), List<Node>>();
        foreach (var node in real.Concat(dummies))
        {
            if (!stacks.TryGetValue((node.Layer, node.Band), out var list)) stacks[(node.Layer, node.Band)] = list = [];
            list.Add(node);
        }
        void Number(List<Node> stack) { for (int i = 0; i < stack.Count; i++) stack[i].Pos = stack[i].Band * 10_000 + i; }
        foreach (var stack in stacks.Values) Number(stack);
        for (int iteration = 0; iteration < 4; iteration++)
        {
            bool down = iteration % 2 == 0;
            var keys = down ? stacks.Keys.ToList() : stacks.Keys.Reverse().ToList();
            foreach (var key in keys)
            {
                var stack = stacks[key];
                var sorted = stack.OrderBy(node =>
                {
                    var neighbours = down ? node.Preds : node.Succs;
                    return neighbours.Count == 0 ? node.Pos : neighbours.Average(m => m.Pos);
                }).ThenBy(node => node.Pos).ToList();
                stacks[key] = sorted;
                Number(sorted);
            }
        }

        // 4. Columns: width of the widest box; gaps wide enough for arrow labels and return-path channels.
        var columnWidth = new double[layers];
        foreach (var node in real) columnWidth[node.Layer] = Math.Max(columnWidth[node.Layer], node.W);
        for (int l = 0; l < layers; l++) if (columnWidth[l] == 0) columnWidth[l] = 12;
        var rightChannels = new int[layers];
        var leftChannels = new int[layers];
        var feedbackRight = new int[feedback.Count];
        var feedbackLeft = new int[feedback.Count];
        for (int k = 0; k < feedback.Count; k++)
        {
            feedbackRight[k] = rightChannels[real[index[feedback[k].From]].Layer]++;
            feedbackLeft[k] = leftChannels[real[index[feedback[k].To]].Layer]++;
        }
        var gap = new double[layers];
        for (int l = 0; l < layers; l++)
            gap[l] = Math.Max(BaseGap, 36 + Channel * (rightChannels[l] + (l + 1 < layers ? leftChannels[l + 1] : 0)));
        for (int k = 0; k < forward.Count; k++)
        {
            if (forward[k].Label is not { } label) continue;
            int l = real[index[forward[k].From]].Layer;
            gap[l] = Math.Max(gap[l], Math.Ceiling(TextMeasure.Width(label, ArrowFont) + 8 + 28));
        }
        var columnX = new double[layers];
        columnX[0] = SideMargin + GroupPad + Channel * leftChannels[0];
        for (int l = 1; l < layers; l++) columnX[l] = columnX[l - 1] + columnWidth[l - 1] + gap[l - 1];

        // 5. Bands top to bottom; each stack centred in its band.
        var bands = diagram.Bands;
        var bandHeight = new double[bands.Count];
        foreach (var ((_, band), stack) in stacks)
            bandHeight[band] = Math.Max(bandHeight[band], stack.Sum(s => s.H) + StackGap * (stack.Count - 1));
        var contentTop = new double[bands.Count];
        var groups = new List<PlacedGroup>();
        double y = TopMargin + TitleHeight;
        var groupTop = new double[bands.Count];
        for (int b = 0; b < bands.Count; b++)
        {
            groupTop[b] = y;
            contentTop[b] = bands[b].GroupId is null ? y : y + GroupLabelHeight;
            y = contentTop[b] + bandHeight[b] + (bands[b].GroupId is null ? 0 : GroupPad) + BandGap;
        }
        double contentBottom = y - BandGap;
        foreach (var ((l, band), stack) in stacks)
        {
            double height = stack.Sum(s => s.H) + StackGap * (stack.Count - 1);
            double top = contentTop[band] + (bandHeight[band] - height) / 2;
            foreach (var node in stack)
            {
                node.Y = top;
                top += node.H + StackGap;
                if (node.Box is null) { node.X = columnX[l]; node.W = columnWidth[l]; }
                else node.X = columnX[l] + (columnWidth[l] - node.W) / 2;
            }
        }
        double right = columnX[layers - 1] + columnWidth[layers - 1];
        for (int b = 0; b < bands.Count; b++)
        {
            if (bands[b].GroupId is not { } groupId) continue;
            var members = real.Where(r => r.Band == b).ToList();
            double x0 = members.Min(m => columnX[m.Layer]) - GroupPad;
            double x1 = members.Max(m => columnX[m.Layer] + columnWidth[m.Layer]) + GroupPad;
            x1 = Math.Max(x1, x0 + TextMeasure.Width(bands[b].Label ?? "", GroupFont, bold: true) + 24);
            right = Math.Max(right, x1);
            groups.Add(new PlacedGroup(groupId, bands[b].Label ?? "", x0, groupTop[b], x1 - x0,
                GroupLabelHeight + bandHeight[b] + GroupPad));
        }

        // 6. Ports: arrows leaving or entering a box spread along its side, ordered by where they come from or go.
        var outPort = new Dictionary<(Node, int), double>();
        var inPort = new Dictionary<(Node, int), double>();
        const int FeedbackOffset = 1_000_000;
        foreach (var node in real)
        {
            var outgoing = new List<(int Key, double Toward)>();
            var incoming = new List<(int Key, double From)>();
            for (int k = 0; k < forward.Count; k++)
            {
                if (chains[k][0] == node) outgoing.Add((k, chains[k][1].CenterY));
                if (chains[k][^1] == node) incoming.Add((k, chains[k][^2].CenterY));
            }
            for (int k = 0; k < feedback.Count; k++)
            {
                if (real[index[feedback[k].From]] == node) outgoing.Add((FeedbackOffset + k, double.MaxValue));
                if (real[index[feedback[k].To]] == node) incoming.Add((FeedbackOffset + k, double.MaxValue));
            }
            Spread(node, outgoing.OrderBy(o => o.Toward).ThenBy(o => o.Key).Select(o => o.Key).ToList(), outPort);
            Spread(node, incoming.OrderBy(o => o.From).ThenBy(o => o.Key).Select(o => o.Key).ToList(), inPort);
        }

        // 7. Forward arrows: horizontal inside columns, S-curves across gaps (so they never pass through a box).
        var arrows = new List<PlacedArrow>();
        var labelsByGap = new Dictionary<int, List<int>>();
        var labelY = new double[diagram.Arrows.Count];
        var labelX = new double[diagram.Arrows.Count];
        var paths = new string[diagram.Arrows.Count];
        for (int k = 0; k < forward.Count; k++)
        {
            var chain = chains[k];
            var first = chain[0];
            double x = first.X + first.W, py = outPort[(first, k)];
            var d = new PathBuilder(x, py);
            double columnRight = columnX[first.Layer] + columnWidth[first.Layer];
            if (columnRight > x + 0.01) d.H(columnRight);
            double curX = columnRight, curY = py;
            double firstGapMidX = 0, firstGapMidY = 0;
            for (int c = 1; c < chain.Count; c++)
            {
                var next = chain[c];
                double nx = columnX[next.Layer];
                double ny = next.Box is null ? next.CenterY : inPort[(next, k)];
                if (c == 1) { firstGapMidX = (curX + nx) / 2; firstGapMidY = (curY + ny) / 2; }
                d.Curve(curX, curY, nx, ny);
                if (next.Box is null)
                {
                    d.H(nx + columnWidth[next.Layer]);
                    curX = nx + columnWidth[next.Layer];
                }
                else if (next.X > nx + 0.01) d.H(next.X);
                curY = ny;
            }
            int a = forwardIndex[k];
            paths[a] = d.ToString();
            labelX[a] = firstGapMidX;
            labelY[a] = firstGapMidY;
            if (forward[k].Label is not null)
            {
                if (!labelsByGap.TryGetValue(first.Layer, out var list)) labelsByGap[first.Layer] = list = [];
                list.Add(a);
            }
        }
        // Labels sharing a gap must not sit on top of each other: push later ones down.
        foreach (var list in labelsByGap.Values)
        {
            list.Sort((p, q) => labelY[p].CompareTo(labelY[q]));
            for (int i = 1; i < list.Count; i++)
                labelY[list[i]] = Math.Max(labelY[list[i]], labelY[list[i - 1]] + ArrowLabelHeight + 2);
        }

        // 8. Feedback arrows: out to the gap on the right, down to a lane beneath everything, back along it, and up
        //    through the gap left of the target.
        double bottom = contentBottom;
        for (int k = 0; k < feedback.Count; k++)
        {
            var from = real[index[feedback[k].From]];
            var to = real[index[feedback[k].To]];
            double lane = contentBottom + LaneGap + k * LaneGap;
            double rx = columnX[from.Layer] + columnWidth[from.Layer] + 14 + Channel * feedbackRight[k];
            double lx = columnX[to.Layer] - 14 - Channel * feedbackLeft[k];
            double py = outPort[(from, FeedbackOffset + k)], qy = inPort[(to, FeedbackOffset + k)];
            var d = new PathBuilder(from.X + from.W, py);
            d.H(rx).V(lane).H(lx).V(qy).H(to.X);
            int a = feedbackIndex[k];
            paths[a] = d.ToString();
            labelX[a] = (rx + lx) / 2;
            labelY[a] = lane;
            bottom = lane;
            right = Math.Max(right, rx);
        }

        for (int a = 0; a < diagram.Arrows.Count; a++)
        {
            var spec = diagram.Arrows[a];
            double w = spec.Label is null ? 0 : Math.Ceiling(TextMeasure.Width(spec.Label, ArrowFont) + 8);
            arrows.Add(new PlacedArrow(spec, paths[a], labelX[a], labelY[a], w));
        }
        double width = Math.Max(right + SideMargin + 8, 2 * SideMargin + TextMeasure.Width(diagram.Title, TitleFont, bold: true));
        foreach (var a in arrows) if (a.LabelW > 0) width = Math.Max(width, a.LabelX + a.LabelW / 2 + 8);
        return new DiagramLayout
        {
            Boxes = real.Select(r => new PlacedBox(r.Box!, r.X, r.Y, r.W, r.H, r.Lines, r.DetailLines)).ToList(),
            Groups = groups,
            Arrows = arrows,
            Width = Math.Ceiling(width),
            Height = Math.Ceiling(bottom + (feedback.Count > 0 ? ArrowLabelHeight : 0) + 16),
        };
    }

    private static void Spread(Node node, List<int> keys, Dictionary<(Node, int), double> ports)
    {
        if (keys.Count == 0) return;
        double usable = node.H * 0.6;
        double step = keys.Count == 1 ? 0 : Math.Min(12, usable / (keys.Count - 1));
        for (int i = 0; i < keys.Count; i++) ports[(node, keys[i])] = node.CenterY + (i - (keys.Count - 1) / 2.0) * step;
    }

    /// <summary>Builds SVG path data with invariant, rounded coordinates.</summary>
    private sealed class PathBuilder
    {
        private readonly System.Text.StringBuilder _d = new();

        public PathBuilder(double x, double y) => _d.Append('M').Append(F(x)).Append(' ').Append(F(y));

        public PathBuilder H(double x) { _d.Append(" H").Append(F(x)); return this; }

        public PathBuilder V(double y) { _d.Append(" V").Append(F(y)); return this; }

        /// <summary>A cubic curve leaving and arriving horizontally, staying inside [x0, x1].</summary>
        public PathBuilder Curve(double x0, double y0, double x1, double y1)
        {
            if (Math.Abs(y1 - y0) < 0.5) return H(x1);
            double mid = (x1 - x0) / 2;
            _d.Append(" C").Append(F(x0 + mid)).Append(' ').Append(F(y0)).Append(' ')
              .Append(F(x1 - mid)).Append(' ').Append(F(y1)).Append(' ').Append(F(x1)).Append(' ').Append(F(y1));
            return this;
        }

        public override string ToString() => _d.ToString();
    }

    public static string F(double v) => Math.Round(v, 1).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
}
