namespace Mlsd.Design;

/// <summary>
/// Positions for an <see cref="ArchitectureDiagram"/> that fit a <see cref="MaxWidth"/> column: each group is laid out
/// in layered columns of its own, wrapped into rows when it is too wide; groups stack top to bottom.
/// </summary>
/// <remarks>
/// Arrows between neighbouring columns of one row are S-curves across the gap. Every other arrow — one that skips a
/// column, changes row or group, or closes a loop — is routed orthogonally: out of its box to a lane of its own in
/// the gap to the right, along a lane of its own in the channel between rows (and, to reach a row further away, a
/// lane of its own in the left margin), then through a lane of its own in the gap left of its target. Lanes are never
/// shared, so no two arrows run along the same segment and a reader can follow each one.
/// </remarks>
internal sealed class DiagramLayout
{
    public const double LabelFont = 13, DetailFont = 11, GroupFont = 12, TitleFont = 16, ArrowFont = 11;
    public const double PadX = 14, PadY = 10, LabelLine = 17, DetailLine = 14, StoreCap = 7;
    public const double ArrowLabelHeight = 16;

    /// <summary>The widest a diagram may be: a notebook page's text column.</summary>
    public const double MaxWidth = 960;

    private const double MaxTextWidth = 180, MinBoxWidth = 110, MinBoxHeight = 40;
    private const double BaseGap = 56, StackGap = 18, GroupPad = 14, GroupLabelHeight = 24, BandGap = 26, RowGap = 22;
    private const double TopMargin = 14, TitleHeight = 32, SideMargin = 24;
    private const double LaneStep = 8, LaneInset = 12, ChannelStep = 20;

    public sealed record PlacedBox(ArchitectureDiagram.BoxSpec Spec, double X, double Y, double W, double H,
        IReadOnlyList<string> Lines, IReadOnlyList<string> DetailLines);

    public sealed record PlacedGroup(string Id, string Label, double X, double Y, double W, double H);

    public sealed record PlacedArrow(ArchitectureDiagram.ArrowSpec Spec, string PathData, double LabelX, double LabelY, double LabelW);

    public required IReadOnlyList<PlacedBox> Boxes { get; init; }
    public required IReadOnlyList<PlacedGroup> Groups { get; init; }
    public required IReadOnlyList<PlacedArrow> Arrows { get; init; }
    public required double Width { get; init; }
    public required double Height { get; init; }

    public static DiagramLayout Compute(ArchitectureDiagram diagram)
    {
        // Wrap against a shrinking budget until the lanes the routes need fit too (two rounds at most in practice).
        double budget = MaxWidth - 2 * SideMargin - 2 * GroupPad;
        DiagramLayout layout;
        do
        {
            layout = new Builder(diagram, budget).Build();
            budget -= 60;
        } while (layout.Width > MaxWidth && budget > 2 * MinBoxWidth);
        return layout;
    }

    private sealed class Node(ArchitectureDiagram.BoxSpec box)
    {
        public readonly ArchitectureDiagram.BoxSpec Box = box;
        public int Layer, Row, Column;
        public double W, H, X, Y, Pos;
        public List<string> Lines = [], DetailLines = [];
        public readonly List<Node> Left = [], Right = [];   // neighbours joined by an S-curve
        public double CenterY => Y + H / 2;
    }

    /// <summary>One arrow's plan: an S-curve to the next column, or an orthogonal route through lanes.</summary>
    private sealed class Route(int arrow, Node from, Node to)
    {
        public readonly int Arrow = arrow;
        public readonly Node From = from, To = to;
        public bool Curve;
        public int OutLane, InLane, MarginLane = -1, FirstChannel, FirstLane, SecondChannel = -1, SecondLane;
        public double OutY, InY, Rx, Lx, Mx, Y1, Y2;

        /// <summary>The vertical pieces at the two ends of an orthogonal route: (x, from y, to y, is the source end).</summary>
        public IEnumerable<(double X, double Top, double Bottom, bool Source)> EndVerticals()
        {
            yield return (Rx, Math.Min(OutY, Y1), Math.Max(OutY, Y1), true);
            double last = SecondChannel >= 0 ? Y2 : Y1;
            yield return (Lx, Math.Min(last, InY), Math.Max(last, InY), false);
        }
    }

    private sealed class Builder(ArchitectureDiagram diagram, double budget)
    {
        private readonly List<Node> _nodes = [];
        private readonly Dictionary<string, Node> _byId = new(StringComparer.Ordinal);
        private readonly List<Route> _routes = [];
        private int _rows;
        private readonly List<int> _rowBand = [];
        private readonly List<List<double>> _columnWidth = [];   // per row, per column
        private readonly List<List<double>> _columnX = [];
        private readonly List<int[]> _outLanes = [], _inLanes = [];   // per row, per column: lanes right / left of it
        private int[] _channelLanes = [];                              // channel r lies above row r; channel _rows below the last
        private int _marginLanes;
        private double[] _rowTop = [], _rowHeight = [], _channelTop = [];

        public DiagramLayout Build()
        {
            MeasureBoxes();
            AssignLayers();
            WrapIntoRows();
            PlanRoutes();
            OrderStacks();
            PlaceColumns();
            PlaceRows();
            AssignPorts();
            PlaceLanes();
            return Draw();
        }

        /// <summary>Stage 1: each box's text, wrapped to fit, and the box size it needs.</summary>
        private void MeasureBoxes()
        {
            foreach (var spec in diagram.Boxes)
            {
                var node = new Node(spec)
                {
                    Lines = TextMeasure.Wrap(spec.Label, LabelFont, MaxTextWidth),
                    DetailLines = spec.Detail is null ? [] : TextMeasure.Wrap(spec.Detail, DetailFont, MaxTextWidth),
                };
                double textWidth = Math.Max(
                    node.Lines.Select(l => TextMeasure.Width(l, LabelFont)).DefaultIfEmpty(0).Max(),
                    node.DetailLines.Select(l => TextMeasure.Width(l, DetailFont)).DefaultIfEmpty(0).Max());
                node.W = Math.Ceiling(Math.Max(MinBoxWidth, textWidth + 2 * PadX));
                node.H = Math.Max(MinBoxHeight, 2 * PadY + node.Lines.Count * LabelLine
                    + (node.DetailLines.Count > 0 ? 2 + node.DetailLines.Count * DetailLine : 0)
                    + (spec.Kind == BoxKind.Store ? StoreCap : 0));
                _nodes.Add(node);
                _byId[spec.Id] = node;
            }
        }

        /// <summary>
        /// Stage 2: layers inside each group — longest path along the group's own forward arrows, then every box with
        /// slack moves right next to its nearest successor, which keeps arrows short.
        /// </summary>
        private void AssignLayers()
        {
            var inside = diagram.Arrows.Where(a => !a.Feedback && _byId[a.From].Box.Band == _byId[a.To].Box.Band).ToList();
            var succ = _nodes.ToDictionary(n => n, _ => new List<Node>());
            var indegree = _nodes.ToDictionary(n => n, _ => 0);
            foreach (var a in inside) { succ[_byId[a.From]].Add(_byId[a.To]); indegree[_byId[a.To]]++; }
            var ready = new SortedSet<int>(_nodes.Where(n => indegree[n] == 0).Select(n => n.Box.Order));
            var order = new List<Node>();
            while (ready.Count > 0)
            {
                var node = _nodes[ready.Min];
                ready.Remove(ready.Min);
                order.Add(node);
                foreach (var s in succ[node]) if (--indegree[s] == 0) ready.Add(s.Box.Order);
            }
            foreach (var node in order) foreach (var s in succ[node]) s.Layer = Math.Max(s.Layer, node.Layer + 1);
            for (int o = order.Count - 1; o >= 0; o--)
                if (succ[order[o]].Count > 0) order[o].Layer = succ[order[o]].Min(s => s.Layer) - 1;
        }

        /// <summary>Stage 3: each group's columns fill rows of at most <c>budget</c> pixels, top to bottom, groups in declaration order.</summary>
        private void WrapIntoRows()
        {
            for (int band = 0; band < diagram.Bands.Count; band++)
            {
                var members = _nodes.Where(n => n.Box.Band == band).ToList();
                int layers = members.Max(n => n.Layer) + 1;
                var width = new double[layers];
                foreach (var n in members) width[n.Layer] = Math.Max(width[n.Layer], n.W);
                var rowOfLayer = new int[layers];
                var columnOfLayer = new int[layers];
                double used = 0;
                StartRow(band);
                for (int l = 0; l < layers; l++)
                {
                    if (width[l] == 0) { rowOfLayer[l] = -1; continue; }   // a layer emptied by the slack pass
                    if (used > 0 && used + BaseGap + width[l] > budget) { StartRow(band); used = 0; }
                    used += (used > 0 ? BaseGap : 0) + width[l];
                    rowOfLayer[l] = _rows - 1;
                    columnOfLayer[l] = _columnWidth[^1].Count;
                    _columnWidth[^1].Add(width[l]);
                }
                foreach (var n in members) { n.Row = rowOfLayer[n.Layer]; n.Column = columnOfLayer[n.Layer]; }
            }
        }

        private void StartRow(int band)
        {
            _rows++;
            _rowBand.Add(band);
            _columnWidth.Add([]);
        }

        /// <summary>
        /// Stage 4: which arrows are S-curves (forward, same row, next column) and, for the others, the lanes they
        /// own: right of the source's column, in one or two channels between rows, in the left margin, left of the target.
        /// </summary>
        private void PlanRoutes()
        {
            for (int r = 0; r < _rows; r++)
            {
                _outLanes.Add(new int[_columnWidth[r].Count]);
                _inLanes.Add(new int[_columnWidth[r].Count]);
            }
            _channelLanes = new int[_rows + 1];
            for (int a = 0; a < diagram.Arrows.Count; a++)
            {
                var spec = diagram.Arrows[a];
                var route = new Route(a, _byId[spec.From], _byId[spec.To]);
                _routes.Add(route);
                Node from = route.From, to = route.To;
                if (!spec.Feedback && from.Row == to.Row && to.Column == from.Column + 1)
                {
                    route.Curve = true;
                    from.Right.Add(to);
                    to.Left.Add(from);
                    continue;
                }
                route.OutLane = _outLanes[from.Row][from.Column]++;
                route.InLane = _inLanes[to.Row][to.Column]++;
                if (to.Row == from.Row)
                {
                    route.FirstChannel = from.Row + 1;                       // under the row, back or forward
                }
                else if (to.Row > from.Row)
                {
                    route.FirstChannel = from.Row + 1;
                    if (to.Row > from.Row + 1) route.SecondChannel = to.Row;
                }
                else
                {
                    route.FirstChannel = from.Row;
                    if (to.Row < from.Row - 1) route.SecondChannel = to.Row + 1;
                }
                route.FirstLane = _channelLanes[route.FirstChannel]++;
                if (route.SecondChannel >= 0)
                {
                    route.SecondLane = _channelLanes[route.SecondChannel]++;
                    route.MarginLane = _marginLanes++;
                }
            }
        }

        /// <summary>Stage 5: order each (row, column) stack — declaration order, then barycentre sweeps over the S-curves to reduce crossings.</summary>
        private void OrderStacks()
        {
            var stacks = Stacks();
            foreach (var stack in stacks.Values) Number(stack);
            for (int iteration = 0; iteration < 4; iteration++)
            {
                bool down = iteration % 2 == 0;
                var keys = down ? stacks.Keys.ToList() : stacks.Keys.Reverse().ToList();
                foreach (var key in keys)
                {
                    var sorted = stacks[key].OrderBy(node =>
                    {
                        var neighbours = down ? node.Left : node.Right;
                        return neighbours.Count == 0 ? node.Pos : neighbours.Average(m => m.Pos);
                    }).ThenBy(node => node.Pos).ToList();
                    stacks[key] = sorted;
                    Number(sorted);
                }
            }
            foreach (var (key, stack) in stacks) _stacks[key] = stack;

            static void Number(List<Node> stack) { for (int i = 0; i < stack.Count; i++) stack[i].Pos = i; }
        }

        private readonly SortedDictionary<(int Row, int Column), List<Node>> _stacks = [];

        private SortedDictionary<(int Row, int Column), List<Node>> Stacks()
        {
            var stacks = new SortedDictionary<(int Row, int Column), List<Node>>();
            foreach (var node in _nodes)
            {
                if (!stacks.TryGetValue((node.Row, node.Column), out var list)) stacks[(node.Row, node.Column)] = list = [];
                list.Add(node);
            }
            return stacks;
        }

        /// <summary>Stage 6: column x positions per row; gaps wide enough for the lanes in them and the curve labels across them.</summary>
        private void PlaceColumns()
        {
            double left = SideMargin + (_marginLanes > 0 ? LaneInset + LaneStep * _marginLanes : 0) + GroupPad;
            for (int r = 0; r < _rows; r++)
            {
                var widths = _columnWidth[r];
                var gap = new double[widths.Count];
                for (int c = 0; c + 1 < widths.Count; c++)
                    gap[c] = Math.Max(BaseGap, 2 * LaneInset + LaneStep * (_outLanes[r][c] + _inLanes[r][c + 1]) + 12);
                foreach (var route in _routes.Where(x => x.Curve && x.From.Row == r && diagram.Arrows[x.Arrow].Label is not null))
                    gap[route.From.Column] = Math.Max(gap[route.From.Column],
                        Math.Ceiling(TextMeasure.Width(diagram.Arrows[route.Arrow].Label!, ArrowFont) + 8 + 28));
                var xs = new List<double> { left + (_inLanes[r][0] > 0 ? LaneInset + LaneStep * _inLanes[r][0] : 0) };
                for (int c = 1; c < widths.Count; c++) xs.Add(xs[c - 1] + widths[c - 1] + gap[c - 1]);
                _columnX.Add(xs);
            }
            foreach (var node in _nodes) node.X = _columnX[node.Row][node.Column] + (_columnWidth[node.Row][node.Column] - node.W) / 2;
        }

        /// <summary>Stage 7: rows and the channels between them top to bottom; each stack centred in its row.</summary>
        private void PlaceRows()
        {
            _rowTop = new double[_rows];
            _rowHeight = new double[_rows];
            _channelTop = new double[_rows + 1];
            foreach (var ((row, _), stack) in _stacks)
                _rowHeight[row] = Math.Max(_rowHeight[row], stack.Sum(s => s.H) + StackGap * (stack.Count - 1));
            double y = TopMargin + TitleHeight;
            for (int r = 0; r <= _rows; r++)
            {
                bool newBand = r == 0 || r == _rows || _rowBand[r] != _rowBand[r - 1];
                double minimum = r == 0 ? 0 : newBand ? BandGap : RowGap;
                _channelTop[r] = y;
                y += Math.Max(minimum, ChannelStep * (_channelLanes[r] + (_channelLanes[r] > 0 ? 1 : 0)));
                if (r == _rows) break;
                if (newBand && diagram.Bands[_rowBand[r]].GroupId is not null) y += GroupLabelHeight;
                _rowTop[r] = y;
                y += _rowHeight[r];
                bool lastOfBand = r + 1 == _rows || _rowBand[r + 1] != _rowBand[r];
                if (lastOfBand && diagram.Bands[_rowBand[r]].GroupId is not null) y += GroupPad;
            }
            foreach (var ((row, _), stack) in _stacks)
            {
                double top = _rowTop[row] + (_rowHeight[row] - (stack.Sum(s => s.H) + StackGap * (stack.Count - 1))) / 2;
                foreach (var node in stack)
                {
                    node.Y = top;
                    top += node.H + StackGap;
                }
            }
        }

        /// <summary>Stage 8: ports — the arrows leaving (right side) or entering (left side) a box spread along it, ordered by where they go or come from.</summary>
        private void AssignPorts()
        {
            foreach (var node in _nodes)
            {
                var outgoing = _routes.Where(r => r.From == node).OrderBy(r => r.To.Row).ThenBy(r => r.To.CenterY).ThenBy(r => r.Arrow).ToList();
                var incoming = _routes.Where(r => r.To == node).OrderBy(r => r.From.Row).ThenBy(r => r.From.CenterY).ThenBy(r => r.Arrow).ToList();
                for (int i = 0; i < outgoing.Count; i++) outgoing[i].OutY = Spread(node, i, outgoing.Count);
                for (int i = 0; i < incoming.Count; i++) incoming[i].InY = Spread(node, i, incoming.Count);
            }

            static double Spread(Node node, int i, int count)
            {
                double step = count == 1 ? 0 : Math.Min(12, node.H * 0.6 / (count - 1));
                return node.CenterY + (i - (count - 1) / 2.0) * step;
            }
        }

        private double ChannelY(int channel, int lane) => _channelTop[channel] + ChannelStep * (lane + 1);

        /// <summary>
        /// Stage 9: the lanes' coordinates. Lanes are unique within a gap and a channel, but columns of two rows can line
        /// up, so a lane entering a channel from above may sit at the x of one entering it from below: such a lane moves
        /// 3 px aside until no two vertical pieces share a stretch of line.
        /// </summary>
        private void PlaceLanes()
        {
            var routes = _routes.Where(r => !r.Curve).ToList();
            foreach (var route in routes)
            {
                route.Rx = ColumnRight(route.From) + LaneInset + LaneStep * route.OutLane;
                route.Lx = _columnX[route.To.Row][route.To.Column] - LaneInset - LaneStep * route.InLane;
                route.Y1 = ChannelY(route.FirstChannel, route.FirstLane);
                if (route.SecondChannel >= 0)
                {
                    route.Y2 = ChannelY(route.SecondChannel, route.SecondLane);
                    route.Mx = SideMargin + LaneStep * route.MarginLane;
                }
            }
            for (int round = 0; round < 50; round++)
            {
                bool moved = false;
                foreach (var a in routes)
                    foreach (var b in routes)
                    {
                        if (a.Arrow >= b.Arrow) continue;
                        foreach (var va in a.EndVerticals())
                            foreach (var vb in b.EndVerticals())
                            {
                                if (Math.Abs(va.X - vb.X) > 0.5 || Math.Min(va.Bottom, vb.Bottom) - Math.Max(va.Top, vb.Top) <= 0.5) continue;
                                if (vb.Source) b.Rx += 3; else b.Lx += 3;
                                moved = true;
                            }
                    }
                if (!moved) return;
            }
        }

        private double ColumnRight(Node node) => _columnX[node.Row][node.Column] + _columnWidth[node.Row][node.Column];

        /// <summary>Stage 10: the paths, the labels (S-curve labels mid-gap, pushed apart; the others on their channel lane) and the groups.</summary>
        private DiagramLayout Draw()
        {
            var arrows = new PlacedArrow[_routes.Count];
            var curveLabels = new Dictionary<(int Row, int Column), List<(Route Route, double Y)>>();
            double right = 0;
            foreach (var route in _routes)
            {
                var spec = diagram.Arrows[route.Arrow];
                double labelW = spec.Label is null ? 0 : Math.Ceiling(TextMeasure.Width(spec.Label, ArrowFont) + 8);
                Node from = route.From, to = route.To;
                var d = new PathBuilder(from.X + from.W, route.OutY);
                double labelX, labelY;
                if (route.Curve)
                {
                    double x0 = ColumnRight(from), x1 = _columnX[to.Row][to.Column];
                    if (x0 > from.X + from.W + 0.01) d.H(x0);
                    d.Curve(x0, route.OutY, x1, route.InY);
                    if (to.X > x1 + 0.01) d.H(to.X);
                    labelX = (x0 + x1) / 2;
                    labelY = (route.OutY + route.InY) / 2;
                    if (spec.Label is not null)
                    {
                        if (!curveLabels.TryGetValue((from.Row, from.Column), out var list)) curveLabels[(from.Row, from.Column)] = list = [];
                        list.Add((route, labelY));
                    }
                }
                else
                {
                    d.H(route.Rx).V(route.Y1);
                    if (route.SecondChannel >= 0) d.H(route.Mx).V(route.Y2);
                    d.H(route.Lx).V(route.InY).H(to.X);
                    labelX = (route.Rx + (route.SecondChannel >= 0 ? route.Mx : route.Lx)) / 2;
                    labelY = route.Y1;
                    right = Math.Max(right, route.Rx);
                }
                right = Math.Max(right, Math.Max(labelX + labelW / 2, ColumnRight(from)));
                arrows[route.Arrow] = new PlacedArrow(spec, d.ToString(), labelX, labelY, labelW);
            }
            // Labels sharing a gap must not sit on top of each other: push later ones down.
            foreach (var list in curveLabels.Values)
            {
                list.Sort((p, q) => p.Y.CompareTo(q.Y));
                double previous = double.NegativeInfinity;
                foreach (var (route, y) in list)
                {
                    double placed = Math.Max(y, previous + ArrowLabelHeight + 2);
                    arrows[route.Arrow] = arrows[route.Arrow] with { LabelY = placed };
                    previous = placed;
                }
            }

            var groups = new List<PlacedGroup>();
            for (int band = 0; band < diagram.Bands.Count; band++)
            {
                if (diagram.Bands[band].GroupId is not { } groupId) continue;
                var rows = Enumerable.Range(0, _rows).Where(r => _rowBand[r] == band).ToList();
                var members = _nodes.Where(n => n.Box.Band == band).ToList();
                double x0 = rows.Min(r => _columnX[r][0] - (_inLanes[r][0] > 0 ? LaneInset + LaneStep * _inLanes[r][0] : 0)) - GroupPad;
                double x1 = rows.Max(r => _columnX[r][^1] + _columnWidth[r][^1]
                    + (_outLanes[r][^1] > 0 ? LaneInset + LaneStep * _outLanes[r][^1] : 0)) + GroupPad;
                x1 = Math.Max(x1, x0 + TextMeasure.Width(diagram.Bands[band].Label ?? "", GroupFont, bold: true) + 24);
                double y0 = _rowTop[rows[0]] - GroupLabelHeight;
                double y1 = _rowTop[rows[^1]] + _rowHeight[rows[^1]] + GroupPad;
                groups.Add(new PlacedGroup(groupId, diagram.Bands[band].Label ?? "", x0, y0, x1 - x0, y1 - y0));
                right = Math.Max(right, x1);
            }
            double width = Math.Max(right + SideMargin, 2 * SideMargin + TextMeasure.Width(diagram.Title, TitleFont, bold: true));
            double bottom = _channelTop[_rows] + (_channelLanes[_rows] > 0 ? ChannelStep * (_channelLanes[_rows] + 1) : 0);
            return new DiagramLayout
            {
                Boxes = _nodes.Select(n => new PlacedBox(n.Box, n.X, n.Y, n.W, n.H, n.Lines, n.DetailLines)).ToList(),
                Groups = groups,
                Arrows = arrows,
                Width = Math.Ceiling(width),
                Height = Math.Ceiling(bottom + 8),
            };
        }
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
