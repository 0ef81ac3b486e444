using System.Runtime.CompilerServices;
using Mlsd.Data;

namespace Mlsd.Features;

/// <summary>
/// Pair features for link prediction ("will u and v become friends?") computed from a graph snapshot: how many
/// friends they share, that overlap relative to their circles, shared friends weighted by how selective they are,
/// and shared friends weighted by how recently each triangle closed.
/// </summary>
/// <remarks>
/// <para>All of them are neighbourhood heuristics: they look only at the two nodes' friend lists, which is why they
/// are cheap enough to compute for every friend-of-friend candidate, and why they say nothing about a pair with no
/// friend in common (a new user, someone from another circle) — there, profile features (same school, same company)
/// must carry the model. Liben-Nowell &amp; Kleinberg, "The link-prediction problem for social networks", JASIST 58
/// (2007), compare them on co-authorship graphs.</para>
/// <para>Friends are the graph's undirected view (<see cref="Graph.Neighbors"/>); both nodes must differ. The values
/// match NetworkX's <c>common_neighbors</c>, <c>jaccard_coefficient</c> and <c>adamic_adar_index</c>.</para>
/// </remarks>
public static class LinkFeatures
{
    /// <summary>Number of common neighbours |N(u) ∩ N(v)| — "mutual friends", the chapter's strongest single signal.</summary>
    /// <example>Karate club, members 0 and 33 (the two leaders): 4 mutual friends.</example>
    /// <exception cref="ArgumentException">A null graph, a node out of range, or u = v.</exception>
    public static int CommonNeighbors(Graph graph, int u, int v)
    {
        CheckPair(graph, u, v);
        return Intersect(graph.NeighborSpan(u), graph.NeighborSpan(v));
    }

    /// <summary>
    /// Jaccard coefficient |N(u) ∩ N(v)| / |N(u) ∪ N(v)|: the share of their combined friends that they share, 0 when
    /// neither has a friend. Unlike the raw count it does not grow just because both are popular.
    /// </summary>
    /// <example>Karate club, members 0 (16 friends) and 33 (17 friends), 4 in common: 4 / (16 + 17 − 4) = 4/29 = 0.1379.</example>
    /// <remarks>Reference: Liben-Nowell &amp; Kleinberg (2007); NetworkX <c>jaccard_coefficient</c>.</remarks>
    /// <exception cref="ArgumentException">A null graph, a node out of range, or u = v.</exception>
    public static double JaccardCoefficient(Graph graph, int u, int v)
    {
        CheckPair(graph, u, v);
        var a = graph.NeighborSpan(u);
        var b = graph.NeighborSpan(v);
        int common = Intersect(a, b), union = a.Length + b.Length - common;
        return union == 0 ? 0 : (double)common / union;
    }

    /// <summary>
    /// Adamic–Adar index Σ_{w ∈ N(u) ∩ N(v)} 1 / ln |N(w)|: each mutual friend counts, but one with few friends
    /// counts more — sharing a friend who knows everybody says little about you.
    /// </summary>
    /// <example>Karate club, members 5 and 16: their one mutual friend, member 6, has 4 friends → 1 / ln 4 = 0.7213.</example>
    /// <remarks>Reference: Adamic &amp; Adar, "Friends and neighbors on the Web", Social Networks 25 (2003);
    /// NetworkX <c>adamic_adar_index</c>. A common neighbour has at least two friends (u and v), so ln |N(w)| &gt; 0.</remarks>
    /// <exception cref="ArgumentException">A null graph, a node out of range, or u = v.</exception>
    [MethodImpl(Jit.Hot)]
    public static double AdamicAdarIndex(Graph graph, int u, int v)
    {
        CheckPair(graph, u, v);
        var a = graph.NeighborSpan(u);
        var b = graph.NeighborSpan(v);
        double sum = 0;
        for (int i = 0, j = 0; i < a.Length && j < b.Length;)
        {
            if (a[i] < b[j]) i++;
            else if (a[i] > b[j]) j++;
            else
            {
                sum += 1 / Math.Log(graph.Degree(a[i]));
                i++;
                j++;
            }
        }
        return sum;
    }

    /// <summary>
    /// Time-discounted common neighbours Σ_{w ∈ N(u) ∩ N(v)} 2^(−(now − max(t(u,w), t(v,w))) / halfLife): a mutual
    /// friend counts 1 when both friendships with them are new, ½ when the later of the two is
    /// <paramref name="halfLife"/> old, and fades after that. A triangle that just opened (you and I each befriended
    /// Ann this week) predicts a new friendship better than one that has stood open for years.
    /// </summary>
    /// <param name="graph">A snapshot whose edges carry <see cref="GraphEdge.Time"/>.</param>
    /// <param name="u">One node.</param>
    /// <param name="v">The other node.</param>
    /// <param name="now">The time of the snapshot, in the edges' unit (e.g. days).</param>
    /// <param name="halfLife">Age at which a mutual friend counts half, positive, same unit.</param>
    /// <example>u–w formed at day 8, v–w at day 2 (w is their one mutual friend); now = 10, halfLife = 4 → the later
    /// friendship is 2 days old → 2^(−2/4) = 0.7071.</example>
    /// <exception cref="ArgumentException">A null graph, a node out of range, u = v, a half-life that is not positive,
    /// a non-finite <paramref name="now"/>, or a mutual friendship without a time.</exception>
    [MethodImpl(Jit.Hot)]
    public static double TimeDiscountedCommonNeighbors(Graph graph, int u, int v, double now, double halfLife)
    {
        CheckPair(graph, u, v);
        if (!double.IsFinite(now)) throw new ArgumentOutOfRangeException(nameof(now), now, "now must be a finite time.");
        if (!(halfLife > 0) || double.IsInfinity(halfLife))
            throw new ArgumentOutOfRangeException(nameof(halfLife), halfLife, "halfLife must be positive and finite.");
        var a = graph.NeighborSpan(u);
        var b = graph.NeighborSpan(v);
        var ta = graph.NeighborTimes(u);
        var tb = graph.NeighborTimes(v);
        double sum = 0, rate = -Math.Log(2) / halfLife;
        for (int i = 0, j = 0; i < a.Length && j < b.Length;)
        {
            if (a[i] < b[j]) i++;
            else if (a[i] > b[j]) j++;
            else
            {
                double later = Math.Max(ta[i], tb[j]);
                if (double.IsNaN(later))
                    throw new ArgumentException($"graph '{graph.Name}' has no time on the edges of {u} or {v} with {a[i]}; build it from edges with a Time.", nameof(graph));
                sum += Math.Exp(rate * (now - later));
                i++;
                j++;
            }
        }
        return sum;
    }

    /// <summary>Column names of <see cref="PairRows"/> for the given shared attributes.</summary>
    /// <example><c>PairNames(["school"])</c> → mutual friends, mutual friends (recent), Jaccard, Adamic–Adar,
    /// friends of u, friends of v, same school.</example>
    public static string[] PairNames(IReadOnlyList<string> sharedAttributes)
    {
        ArgumentNullException.ThrowIfNull(sharedAttributes);
        return ["mutual friends", "mutual friends (recent)", "Jaccard", "Adamic–Adar", "friends of u", "friends of v",
            .. sharedAttributes.Select(a => "same " + a)];
    }

    /// <summary>
    /// The feature table of link prediction, one row per pair: <see cref="CommonNeighbors"/>,
    /// <see cref="TimeDiscountedCommonNeighbors"/>, <see cref="JaccardCoefficient"/>, <see cref="AdamicAdarIndex"/>,
    /// both degrees, then 1/0 for each node attribute the two share (school, company…). Columns as in
    /// <see cref="PairNames"/>.
    /// </summary>
    /// <param name="graph">The snapshot; its edges carry times, its nodes the attributes named.</param>
    /// <param name="pairs">The pairs, u ≠ v.</param>
    /// <param name="now">Time of the snapshot, for the time-discounted count.</param>
    /// <param name="halfLife">Half-life of the time-discounted count.</param>
    /// <param name="sharedAttributes">Node attributes compared for equality (an empty value never matches).</param>
    /// <example>Path a–b–c, edges at times 1 and 3, now = 3, half-life 2, attribute "school" = x, y, x: the pair
    /// (a, c) gives [1, 2^(−0/2) = 1, 1/1 = 1, 1/ln 2 = 1.4427, 1, 1, 1].</example>
    /// <exception cref="ArgumentException">As the single features, or an attribute the graph does not have
    /// (the argument names the missing one).</exception>
    public static float[][] PairRows(Graph graph, IReadOnlyList<(int U, int V)> pairs, double now, double halfLife,
        IReadOnlyList<string> sharedAttributes)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(sharedAttributes);
        var attributes = new string[sharedAttributes.Count][];
        for (int a = 0; a < attributes.Length; a++)
        {
            if (!graph.AttributeNames.Contains(sharedAttributes[a]))
                throw new ArgumentException($"sharedAttributes[{a}] = '{sharedAttributes[a]}' is not an attribute of graph " +
                    $"'{graph.Name}' (it has: {string.Join(", ", graph.AttributeNames)}).", nameof(sharedAttributes));
            attributes[a] = graph.Attribute(sharedAttributes[a]);
        }
        var rows = new float[pairs.Count][];
        for (int i = 0; i < rows.Length; i++)
        {
            var (u, v) = pairs[i];
            var row = new float[6 + attributes.Length];
            row[0] = CommonNeighbors(graph, u, v);
            row[1] = (float)TimeDiscountedCommonNeighbors(graph, u, v, now, halfLife);
            row[2] = (float)JaccardCoefficient(graph, u, v);
            row[3] = (float)AdamicAdarIndex(graph, u, v);
            row[4] = graph.Degree(u);
            row[5] = graph.Degree(v);
            for (int a = 0; a < attributes.Length; a++)
                row[6 + a] = attributes[a][u].Length > 0 && attributes[a][u] == attributes[a][v] ? 1 : 0;
            rows[i] = row;
        }
        return rows;
    }

    private static int Intersect(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        int count = 0;
        for (int i = 0, j = 0; i < a.Length && j < b.Length;)
        {
            if (a[i] < b[j]) i++;
            else if (a[i] > b[j]) j++;
            else
            {
                count++;
                i++;
                j++;
            }
        }
        return count;
    }

    private static void CheckPair(Graph graph, int u, int v)
    {
        ArgumentNullException.ThrowIfNull(graph);
        if ((uint)u >= (uint)graph.NodeCount) throw new ArgumentOutOfRangeException(nameof(u), u, $"u must be a node in [0, {graph.NodeCount}).");
        if ((uint)v >= (uint)graph.NodeCount) throw new ArgumentOutOfRangeException(nameof(v), v, $"v must be a node in [0, {graph.NodeCount}).");
        if (u == v) throw new ArgumentException($"v must differ from u ({u}): a pair feature needs two nodes.", nameof(v));
    }
}
