using System.Globalization;

namespace Mlsd.Data.Synthetic;

/// <summary>
/// A synthetic social network grown over time, with each edge's formation step recorded — so "the graph at t"
/// and "edges formed between t and t + 1" (the people-you-may-know label) come from one object.
/// </summary>
public sealed class SocialGraph
{
    internal SocialGraph(Graph graph, int[] community, int[] edgeTime, int steps)
    {
        Graph = graph;
        Community = community;
        EdgeTime = edgeTime;
        Steps = steps;
    }

    /// <summary>The final graph (undirected); edges are in formation order.</summary>
    public Graph Graph { get; }

    /// <summary>Community (school, company, city…) of each user.</summary>
    public int[] Community { get; }

    /// <summary>The step at which each edge of <see cref="Graph"/> formed (non-decreasing).</summary>
    public int[] EdgeTime { get; }

    /// <summary>Number of steps simulated (user i joins at step i).</summary>
    public int Steps { get; }

    /// <summary>The graph as it was before step <paramref name="time"/>: all users, only edges with EdgeTime &lt; time.</summary>
    public Graph Snapshot(int time)
    {
        var edges = new List<GraphEdge>();
        for (int e = 0; e < EdgeTime.Length && EdgeTime[e] < time; e++) edges.Add(Graph.Edges[e]);
        return new Graph($"{Graph.Name}@{time}", Graph.Nodes, edges, isDirected: false, Attributes());
    }

    /// <summary>Edges that formed at steps in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public GraphEdge[] EdgesFormed(int from, int to)
    {
        var edges = new List<GraphEdge>();
        for (int e = 0; e < EdgeTime.Length; e++) if (EdgeTime[e] >= from && EdgeTime[e] < to) edges.Add(Graph.Edges[e]);
        return edges.ToArray();
    }

    /// <summary>A summary of size and communities.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"social graph: {Graph.NodeCount:N0} users, {Graph.EdgeCount:N0} edges over {Steps:N0} steps, {Community.Distinct().Count()} communities");

    private Dictionary<string, string[]> Attributes() =>
        new() { ["community"] = Community.Select(c => c.ToString(CultureInfo.InvariantCulture)).ToArray() };
}

/// <summary>
/// Grows a social graph with the three forces that make real friendship networks what they are: preferential
/// attachment (popular people gain friends faster; Barabási &amp; Albert 1999), homophily (friends share a
/// school or workplace: most links stay inside a community), and triadic closure (friends of friends become
/// friends; Rapoport 1953) — the last being why friend-of-friend candidate generation covers most new edges.
/// </summary>
/// <remarks>
/// Users join one per step; the newcomer makes <see cref="EdgesPerNewUser"/> links, then
/// <see cref="ExtraEdgesPerStep"/> links form among existing users (which link prediction must anticipate).
/// Degree-proportional picks use the endpoint-list trick (each edge lists both ends), so growth is O(edges).
/// </remarks>
public sealed class SocialGraphGenerator
{
    /// <summary>Number of users.</summary>
    public int Users { get; init; } = 500;

    /// <summary>Number of communities, assigned uniformly at random.</summary>
    public int Communities { get; init; } = 8;

    /// <summary>Links each newcomer makes (the initial users form a clique of this size + 1).</summary>
    public int EdgesPerNewUser { get; init; } = 3;

    /// <summary>Links formed among existing users at every step.</summary>
    public int ExtraEdgesPerStep { get; init; } = 1;

    /// <summary>Probability a non-closure link stays inside the user's community.</summary>
    public double WithinCommunity { get; init; } = 0.8;

    /// <summary>Probability a link closes a triangle (goes to a friend of a friend) when one is available.</summary>
    public double TriadicClosure { get; init; } = 0.6;

    /// <summary>Grows the graph with <paramref name="seed"/>.</summary>
    public SocialGraph Generate(int seed)
    {
        int m = EdgesPerNewUser;
        if (m < 1) throw new ArgumentOutOfRangeException(nameof(EdgesPerNewUser), m, "EdgesPerNewUser must be at least 1.");
        if (Users < m + 2) throw new ArgumentOutOfRangeException(nameof(Users), Users, $"Users must be at least EdgesPerNewUser + 2 ({m + 2}).");
        if (Communities < 1) throw new ArgumentOutOfRangeException(nameof(Communities), Communities, "Communities must be at least 1.");
        var sampler = new Sampler(seed);
        var community = new int[Users];
        for (int i = 0; i < Users; i++) community[i] = sampler.Next(Communities);

        var adjacency = new List<int>[Users];
        for (int i = 0; i < Users; i++) adjacency[i] = [];
        var endpoints = new List<int>();
        var communityEndpoints = new List<int>[Communities];
        for (int c = 0; c < Communities; c++) communityEndpoints[c] = [];
        var pairs = new HashSet<long>();
        var edges = new List<GraphEdge>();
        var times = new List<int>();

        bool Add(int u, int v, int t)
        {
            if (u == v || !pairs.Add(u < v ? ((long)u << 32) | (uint)v : ((long)v << 32) | (uint)u)) return false;
            adjacency[u].Add(v);
            adjacency[v].Add(u);
            endpoints.Add(u);
            endpoints.Add(v);
            communityEndpoints[community[u]].Add(u);
            communityEndpoints[community[v]].Add(v);
            edges.Add(new GraphEdge(u, v));
            times.Add(t);
            return true;
        }

        int Attach(int u)
        {
            var pool = sampler.Bernoulli(WithinCommunity) && communityEndpoints[community[u]].Count > 0 ? communityEndpoints[community[u]] : endpoints;
            return pool[sampler.Next(pool.Count)];
        }

        int FriendOfFriend(int via)
        {
            var friends = adjacency[via];
            if (friends.Count == 0) return -1;
            return friends[sampler.Next(friends.Count)];
        }

        for (int i = 0; i <= m; i++)
            for (int j = i + 1; j <= m; j++) Add(i, j, 0);

        for (int t = m + 1; t < Users; t++)
        {
            var chosen = new List<int>();
            for (int attempt = 0; chosen.Count < m && attempt < 20 * m; attempt++)
            {
                int v = chosen.Count > 0 && sampler.Bernoulli(TriadicClosure) ? FriendOfFriend(chosen[sampler.Next(chosen.Count)]) : Attach(t);
                if (v >= 0 && v != t && !chosen.Contains(v)) chosen.Add(v);
            }
            foreach (int v in chosen) Add(t, v, t);

            for (int k = 0; k < ExtraEdgesPerStep; k++)
                for (int attempt = 0; attempt < 20; attempt++)
                {
                    int u = endpoints[sampler.Next(endpoints.Count)];
                    int v = sampler.Bernoulli(TriadicClosure) && FriendOfFriend(u) is int w && w >= 0 ? FriendOfFriend(w) : Attach(u);
                    if (v >= 0 && Add(u, v, t)) break;
                }
        }

        var names = Enumerable.Range(0, Users).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var attributes = new Dictionary<string, string[]> { ["community"] = community.Select(c => c.ToString(CultureInfo.InvariantCulture)).ToArray() };
        var graph = new Graph("social", names, edges, isDirected: false, attributes);
        return new SocialGraph(graph, community, times.ToArray(), Users);
    }
}
