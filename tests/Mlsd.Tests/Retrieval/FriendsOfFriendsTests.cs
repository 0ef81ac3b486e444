using Mlsd.Data;
using Mlsd.Retrieval;

namespace Mlsd.Tests.Retrieval;

/// <summary>Friend-of-friend candidates and coverage: small graphs by hand, the karate club against NetworkX 3.6.1
/// (python3-networkx: nodes with at least one common neighbour that are not neighbours, and their counts).</summary>
public sealed class FriendsOfFriendsTests
{
    [Fact]
    public void CandidatesOfAPathAndAStar()
    {
        // a–b–c plus b–d: a's candidates are c and d, one mutual friend (b) each, in id order.
        var g = new Graph("g", ["a", "b", "c", "d"], [new GraphEdge(0, 1), new GraphEdge(1, 2), new GraphEdge(1, 3)], isDirected: false);
        Assert.Equal([new FriendOfFriend(2, 1), new FriendOfFriend(3, 1)], FriendsOfFriends.Candidates(g, 0));
        Assert.Equal([new FriendOfFriend(2, 1)], FriendsOfFriends.Candidates(g, 0, maxCandidates: 1));
        Assert.Empty(FriendsOfFriends.Candidates(g, 1));      // b is everybody's friend: nobody at distance two
    }

    [Fact]
    public void KarateMatchesNetworkX()
    {
        var karate = Datasets.Graphs.Karate();
        // NetworkX: member 0 has 9 nodes at distance two; the most mutual friends: 33 (4), 32 (3), then 16, 28, 30 (2).
        var of0 = FriendsOfFriends.Candidates(karate, 0);
        Assert.Equal(9, of0.Length);
        Assert.Equal([new(33, 4), new(32, 3), new(16, 2), new(28, 2), new(30, 2)], of0[..5]);
        // Member 16: 0 (2 mutual friends), 4 and 10 (1 each).
        Assert.Equal([new(0, 2), new(4, 1), new(10, 1)], FriendsOfFriends.Candidates(karate, 16));
    }

    [Fact]
    public void CoverageByHand()
    {
        // Snapshot a–b, b–c, d alone; new edges a–c (distance two), c–d (d has no friend), and a–e where e–f is a
        // separate pair (farther): 3 edges, 1 at distance two → share 1/3.
        var g = new Graph("s", ["a", "b", "c", "d", "e", "f"],
            [new GraphEdge(0, 1), new GraphEdge(1, 2), new GraphEdge(4, 5)], isDirected: false);
        var c = FriendsOfFriends.Coverage(g, [(0, 2), (3, 2), (0, 4)]);
        Assert.Equal(new FriendOfFriendCoverage(3, 1, 1, 1), c);
        Assert.Equal(1.0 / 3, c.Share, 12);
        Assert.True(double.IsNaN(FriendsOfFriends.Coverage(g, []).Share));
    }

    [Fact]
    public void BadInputNamesTheArgument()
    {
        var g = new Graph("s", ["a", "b", "c"], [new GraphEdge(0, 1)], isDirected: false);
        Assert.Equal("user", Assert.Throws<ArgumentOutOfRangeException>(() => FriendsOfFriends.Candidates(g, 3)).ParamName);
        Assert.Equal("maxCandidates", Assert.Throws<ArgumentOutOfRangeException>(() => FriendsOfFriends.Candidates(g, 0, 0)).ParamName);
        var existing = Assert.Throws<ArgumentException>(() => FriendsOfFriends.Coverage(g, [(0, 2), (1, 0)]));
        Assert.Equal("newEdges", existing.ParamName);
        Assert.Contains("newEdges[1]", existing.Message);
        Assert.Equal("newEdges", Assert.Throws<ArgumentException>(() => FriendsOfFriends.Coverage(g, [(2, 2)])).ParamName);
    }
}
