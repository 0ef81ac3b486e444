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
