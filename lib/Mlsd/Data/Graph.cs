using System.Globalization;

namespace Mlsd.Data;

/// <summary>An edge between node indices <paramref name="Source"/> and <paramref name="Target"/> with a weight (1 when
/// unweighted) and, for a graph that grows, the <paramref name="Time"/> it formed (NaN when unknown).</summary>
public readonly record struct GraphEdge(int Source, int Target, double Weight = 1.0, double Time = double.NaN);

/// <summary>
/// A small graph over named nodes: an edge list plus an adjacency view built once, which is all the
/// people-you-may-know features need (neighbours, mutual friends, degrees).
/// </summary>
/// <remarks>
/// For a directed graph (friendship nominations), <see cref="Edges"/> keeps the direction while
/// <see cref="Neighbors"/> and <see cref="HasEdge"/> use the undirected view ("u and v are connected"),
/// which is what friend-of-friend candidate generation walks.
/// </remarks>
public sealed class Graph
{
    private readonly int[][] _neighbors;
    private readonly double[][] _neighborTimes;   // _neighborTimes[u][k]: when u and _neighbors[u][k] connected
    private readonly Dictionary<string, int> _index;
    private readonly HashSet<long> _pairs;
    private readonly Dictionary<string, string[]> _attributes;

    /// <summary>Builds the graph; edges must reference nodes by index in [0, nodes.Count).</summary>
    public Graph(string name, IReadOnlyList<string> nodes, IReadOnlyList<GraphEdge> edges, bool isDirected,
        IReadOnlyDictionary<string, string[]>? nodeAttributes = null)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(edges);
        Name = name;
        Nodes = nodes.ToArray();
        Edges = edges.ToArray();
        IsDirected = isDirected;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < Nodes.Length; i++)
            if (!_index.TryAdd(Nodes[i], i)) throw new ArgumentException($"node names must be unique ('{Nodes[i]}' appears twice).", nameof(nodes));
        _attributes = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (nodeAttributes is not null)
            foreach (var (key, values) in nodeAttributes)
            {
                if (values.Length != Nodes.Length)
                    throw new ArgumentException($"attribute '{key}' has {values.Length} values for {Nodes.Length} nodes.", nameof(nodeAttributes));
                _attributes[key] = values;
            }

        var lists = new List<(int Node, double Time)>[Nodes.Length];
        for (int i = 0; i < lists.Length; i++) lists[i] = [];
        _pairs = [];
        foreach (var e in Edges)
        {
            if ((uint)e.Source >= (uint)Nodes.Length || (uint)e.Target >= (uint)Nodes.Length)
                throw new ArgumentException($"edge ({e.Source}, {e.Target}) references a node outside [0, {Nodes.Length}).", nameof(edges));
            if (e.Source == e.Target) continue;
            if (_pairs.Add(Key(e.Source, e.Target)))
            {
                lists[e.Source].Add((e.Target, e.Time));   // a pair listed twice keeps its first time
                lists[e.Target].Add((e.Source, e.Time));
            }
        }
        _neighbors = new int[Nodes.Length][];
        _neighborTimes = new double[Nodes.Length][];
        for (int i = 0; i < lists.Length; i++)
        {
            lists[i].Sort((a, b) => a.Node.CompareTo(b.Node));
            _neighbors[i] = lists[i].Select(x => x.Node).ToArray();
            _neighborTimes[i] = lists[i].Select(x => x.Time).ToArray();
        }
    }

    /// <summary>A short name (e.g. "karate").</summary>
    public string Name { get; }

    /// <summary>Node names, indexed 0..NodeCount−1.</summary>
    public string[] Nodes { get; }

    /// <summary>Edges as given (direction kept for directed graphs).</summary>
    public GraphEdge[] Edges { get; }

    /// <summary>Whether <see cref="Edges"/> are directed (e.g. "i named j as a friend").</summary>
    public bool IsDirected { get; }

    /// <summary>Number of nodes.</summary>
    public int NodeCount => Nodes.Length;

    /// <summary>Number of edges as given.</summary>
    public int EdgeCount => Edges.Length;

    /// <summary>Number of distinct unordered connected pairs (the undirected view).</summary>
    public int UndirectedEdgeCount => _pairs.Count;

    /// <summary>Names of the per-node attributes (e.g. "club" for the karate graph).</summary>
    public IReadOnlyCollection<string> AttributeNames => _attributes.Keys;

    /// <summary>Index of the node called <paramref name="name"/>.</summary>
    public int IndexOf(string name) =>
        _index.TryGetValue(name, out int i) ? i : throw new ArgumentException($"graph '{Name}' has no node '{name}'.", nameof(name));

    /// <summary>Sorted distinct neighbours of <paramref name="node"/> in the undirected view.</summary>
    public IReadOnlyList<int> Neighbors(int node) => _neighbors[CheckNode(node)];

    /// <summary>Number of distinct neighbours in the undirected view.</summary>
    public int Degree(int node) => _neighbors[CheckNode(node)].Length;

    /// <summary>Sorted distinct neighbours of <paramref name="node"/> as a span: the allocation-free form that
    /// pair features walk in their inner loops.</summary>
    public ReadOnlySpan<int> NeighborSpan(int node) => _neighbors[CheckNode(node)];

    /// <summary>When each neighbour in <see cref="NeighborSpan"/> connected to <paramref name="node"/>, in the same
    /// order (NaN where the edge carried no time).</summary>
    public ReadOnlySpan<double> NeighborTimes(int node) => _neighborTimes[CheckNode(node)];

    /// <summary>When <paramref name="u"/> and <paramref name="v"/> connected (<see cref="GraphEdge.Time"/>; NaN
    /// when the edge carried none).</summary>
    /// <exception cref="ArgumentException">The two nodes are not connected.</exception>
    public double EdgeTime(int u, int v)
    {
        int k = Array.BinarySearch(_neighbors[CheckNode(u)], CheckNode(v));
        if (k < 0) throw new ArgumentException($"graph '{Name}' has no edge between {u} and {v}.", nameof(v));
        return _neighborTimes[u][k];
    }

    /// <summary>Whether <paramref name="u"/> and <paramref name="v"/> are connected (either direction).</summary>
    public bool HasEdge(int u, int v) => _pairs.Contains(Key(CheckNode(u), CheckNode(v)));

    /// <summary>The values of node attribute <paramref name="name"/>, one per node.</summary>
    public string[] Attribute(string name) =>
        _attributes.TryGetValue(name, out var values) ? values
        : throw new ArgumentException($"graph '{Name}' has no node attribute '{name}' (it has: {string.Join(", ", _attributes.Keys)}).", nameof(name));

    /// <summary>A summary such as <c>karate: 34 nodes, 78 edges (undirected, weighted)</c>.</summary>
    public override string ToString()
    {
        bool weighted = Edges.Any(e => e.Weight != 1.0);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Name}: {NodeCount} nodes, {EdgeCount} edges ({(IsDirected ? "directed" : "undirected")}{(weighted ? ", weighted" : "")})");
    }

    private int CheckNode(int node) =>
        (uint)node < (uint)Nodes.Length ? node : throw new ArgumentOutOfRangeException(nameof(node), node, $"node must be in [0, {Nodes.Length}).");

    private static long Key(int u, int v) => u < v ? ((long)u << 32) | (uint)v : ((long)v << 32) | (uint)u;
}
