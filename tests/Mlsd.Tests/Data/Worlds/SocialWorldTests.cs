using Mlsd.Data.Worlds;
using Mlsd.Retrieval;

namespace Mlsd.Tests.Data.Worlds;

/// <summary>The social world follows the world template; its snapshots, labels and simulator agree with its tables.</summary>
public sealed class SocialWorldTests
{
    private static readonly SocialWorldOptions Small = new() { Users = 200, Days = 14, FutureDays = 7, WarmupDays = 30 };

    private static SocialWorld SmallWorld(int seed = 7) => SocialWorld.Generate(seed, Small);

    [Fact]
    public void CsvIsReproducibleByteForByte() => WorldContract.CsvIsReproducible(
        (seed, dir) => SmallWorld(seed).WriteCsv(dir), "users.csv", "friendships.csv", "logins.csv", "suggestions.csv");

    [Fact]
    public void TablesAreReadOnly()
    {
        var world = SmallWorld();
        WorldContract.TablesAreReadOnly(world.Users, world.Friendships, world.Logins, world.Suggestions);
        var result = world.Simulate(r => FriendsOfFriends.Candidates(r.Network, r.UserId, 5).Select(c => c.Node).ToArray(),
            Small.Days, seed: 1);
        WorldContract.TablesAreReadOnly(result.Log, result.UserOutcomes);
    }

    [Fact]
    public void SnapshotsAndLabelsAgreeWithTheFriendshipTable()
    {
        var world = SmallWorld();
        Assert.All(world.Users, (u, i) => Assert.Equal(i, u.UserId));
        var before = world.GraphAsOf(7);
        int formedBefore = world.Friendships.Count(f => f.Day < 7);
        Assert.Equal(formedBefore, before.UndirectedEdgeCount);
        var labels = world.FriendshipsFormed(7, 14);
        Assert.Equal(world.Friendships.Count(f => f.Day >= 7 && f.Day < 14), labels.Length);
        Assert.All(labels, p => Assert.False(before.HasEdge(p.UserId, p.FriendId)));
        Assert.All(labels, p => Assert.True(p.UserId < p.FriendId));
        Assert.Equal(world.GraphAsOf(world.Days).UndirectedEdgeCount, world.Friendships.Count);
        // Edge times are formation days, and a snapshot holds only the past.
        Assert.All(before.Edges, e => Assert.True(e.Time < 7));
        Assert.Equal(["city", "company", "school"], before.AttributeNames.Order());
    }

    [Fact]
    public void ExaminationFollowsTheStatedCurve()
    {
        // position^−0.5: 1, 1/√2, 1/2 at the fourth slot.
        Assert.Equal(1, SocialWorld.ExaminationProbability(1));
        Assert.Equal(0.5, SocialWorld.ExaminationProbability(4), 12);
        Assert.Equal(1 / Math.Sqrt(2), SocialWorld.ExaminationProbability(2), 12);
    }

    [Fact]
    public void SimulationIsReproducibleAndNamesPolicyMistakes()
    {
        var world = SmallWorld();
        IReadOnlyList<int> Policy(SuggestionRequest r) =>
            FriendsOfFriends.Candidates(r.Network, r.UserId, 5).Select(c => c.Node).ToArray();
        var a = world.Simulate(Policy, Small.Days, seed: 3, days: 3);
        var b = world.Simulate(Policy, Small.Days, seed: 3, days: 3);
        Assert.Equal(a.Log, b.Log);
        Assert.Equal(a.UserOutcomes, b.UserOutcomes);
        Assert.True(a.Visits > 0);
        Assert.Equal(0, a.WastedSlots);    // friends of friends are never friends already
        Assert.Throws<ArgumentException>(() => world.Simulate(r => [r.UserId], Small.Days, seed: 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => world.Simulate(Policy, world.TotalDays, seed: 3));
        var option = Assert.Throws<ArgumentOutOfRangeException>(() => SocialWorld.Generate(1, Small with { Users = 5 }));
        Assert.Contains("Users", option.Message);
    }
}
