using System.Globalization;
using System.Runtime.CompilerServices;
using Mlsd.Data;

namespace Mlsd.Retrieval;

/// <summary>A friend-of-friend candidate: a node two hops away and how many friends it shares with the user.</summary>
/// <param name="Node">The candidate.</param>
/// <param name="MutualFriends">Paths of length two from the user to it: the common neighbours.</param>
public readonly record struct FriendOfFriend(int Node, int MutualFriends);

/// <summary>How many of the edges that formed after a snapshot a friend-of-friend candidate generator would have
/// offered: the recall ceiling of every ranking model built on top of it.</summary>
/// <param name="NewEdges">Edges counted (both endpoints in the snapshot, not yet connected in it).</param>
/// <param name="AtDistanceTwo">Of those, pairs that had at least one friend in common in the snapshot.</param>
/// <param name="WithoutFriends">Pairs where at least one side had no friend at all in the snapshot (a newcomer):
/// no two-hop path can reach them.</param>
/// <param name="Farther">The rest: both had friends, but none in common.</param>
public sealed record FriendOfFriendCoverage(int NewEdges, int AtDistanceTwo, int WithoutFriends, int Farther)
{
    /// <summary>AtDistanceTwo / NewEdges (NaN when there are no new edges).</summary>
    public double Share => NewEdges == 0 ? double.NaN : (double)AtDistanceTwo / NewEdges;

    /// <summary>"93 new edges: 36 (38.7%) at distance two, 0 with a friendless endpoint, 57 farther".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{NewEdges:N0} new edges: {AtDistanceTwo:N0} ({Share:P1}) at distance two, {WithoutFriends:N0} with a friendless endpoint, {Farther:N0} farther");
}

/// <summary>
/// Candidate generation for people-you-may-know: the people two hops from a user (friends of friends), and how much of
/// future friendship formation that set covers.
/// </summary>
/// <remarks>
/// Friends of friends are the natural first stage because friendships close triangles (Rapoport 1953; Kossinets &amp;
/// Watts, "Empirical analysis of an evolving social network", Science 311 (2006), measured the effect of a shared
/// friend in a university e-mail network). The set is also the stage's cost: a user with d friends who each have d
/// friends has up to d² candidates, so large systems keep only the ones with the most mutual friends
/// (<c>maxCandidates</c>). The book reports that friends of friends cover 92 % of new connections on a large network.
/// </remarks>
public static class FriendsOfFriends
{
    /// <summary>
    /// Nodes at distance exactly two from <paramref name="user"/> (not the user, not already friends), with their
    /// number of mutual friends, best first: most mutual friends, then smallest id — which is also the classic
    /// "rank by mutual friends" baseline.
    /// </summary>
    /// <param name="graph">The snapshot (undirected view).</param>
    /// <param name="user">The user, a node of the graph.</param>
    /// <param name="maxCandidates">Keep only this many (at least 1); null keeps them all.</param>
    /// <example>Path a–b–c plus b–d: candidates of a are c and d, one mutual friend (b) each, in id order.</example>
    /// <exception cref="ArgumentException">A null graph, a node out of range, or maxCandidates &lt; 1.</exception>
    [MethodImpl(Jit.Hot)]
    public static FriendOfFriend[] Candidates(Graph graph, int user, int? maxCandidates = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        if ((uint)user >= (uint)graph.NodeCount) throw new ArgumentOutOfRangeException(nameof(user), user, $"user must be a node in [0, {graph.NodeCount}).");
        if (maxCandidates is < 1) throw new ArgumentOutOfRangeException(nameof(maxCandidates), maxCandidates, "maxCandidates must be at least 1 (or null for all).");
        var counts = new int[graph.NodeCount];
        var friends = graph.NeighborSpan(user);
        counts[user] = -1;
        foreach (int f in friends) counts[f] = -1;
        var touched = new List<int>();
        foreach (int f in friends)
            foreach (int c in graph.NeighborSpan(f))
            {
                if (counts[c] < 0) continue;
                if (counts[c]++ == 0) touched.Add(c);
            }
        var result = new FriendOfFriend[touched.Count];
        for (int i = 0; i < result.Length; i++) result[i] = new FriendOfFriend(touched[i], counts[touched[i]]);
        Array.Sort(result, (x, y) => x.MutualFriends != y.MutualFriends ? y.MutualFriends.CompareTo(x.MutualFriends) : x.Node.CompareTo(y.Node));
        return maxCandidates is int max && max < result.Length ? result[..max] : result;
    }

    /// <summary>
    /// Of the edges that formed after <paramref name="before"/> was taken, how many joined two nodes at distance two in
    /// it — the share of new friendships a friend-of-friend generator could have suggested.
    /// </summary>
    /// <param name="before">The snapshot at time t.</param>
    /// <param name="newEdges">Pairs that connected after t (each once; the order of the two nodes does not matter).</param>
    /// <example>Snapshot a–b, b–c, d isolated; new edges a–c and c–d → 2 edges: a–c at distance two, c–d has a
    /// friendless endpoint → share ½.</example>
    /// <exception cref="ArgumentException">A null argument, a node out of range, a self-pair, or a pair already
    /// connected in <paramref name="before"/> (its index is named).</exception>
    public static FriendOfFriendCoverage Coverage(Graph before, IEnumerable<(int U, int V)> newEdges)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(newEdges);
        int total = 0, two = 0, friendless = 0, farther = 0, index = 0;
        foreach (var (u, v) in newEdges)
        {
            if ((uint)u >= (uint)before.NodeCount || (uint)v >= (uint)before.NodeCount)
                throw new ArgumentOutOfRangeException(nameof(newEdges), $"newEdges[{index}] = ({u}, {v}) has a node outside [0, {before.NodeCount}).");
            if (u == v) throw new ArgumentException($"newEdges[{index}] = ({u}, {v}) joins a node to itself.", nameof(newEdges));
            if (before.HasEdge(u, v))
                throw new ArgumentException($"newEdges[{index}] = ({u}, {v}) is already an edge of '{before.Name}'; only new edges count.", nameof(newEdges));
            total++;
            if (before.Degree(u) == 0 || before.Degree(v) == 0) friendless++;
            else if (SharesNeighbor(before.NeighborSpan(u), before.NeighborSpan(v))) two++;
            else farther++;
            index++;
        }
        return new FriendOfFriendCoverage(total, two, friendless, farther);
    }

    private static bool SharesNeighbor(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        for (int i = 0, j = 0; i < a.Length && j < b.Length;)
        {
            if (a[i] == b[j]) return true;
            if (a[i] < b[j]) i++;
            else j++;
        }
        return false;
    }
}
