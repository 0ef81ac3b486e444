using Mlsd.Data.Worlds;

namespace Mlsd.Tests.Data.Worlds;

public sealed class EventWorldFixture
{
    public static readonly EventWorldOptions Small = new() { Users = 300, EventsPerDay = 12, Days = 10, FutureDays = 6, HolidayStartDay = 13, HolidayDays = 3 };

    public EventWorld World { get; } = EventWorld.Generate(7, Small);
}

public class EventWorldTests(EventWorldFixture fixture) : IClassFixture<EventWorldFixture>
{
    private readonly EventWorld _world = fixture.World;
    private static readonly EventWorldOptions Small = EventWorldFixture.Small;

    [Fact]
    public void CsvIsReproducibleByteForByte() => WorldContract.CsvIsReproducible(
        (seed, dir) => EventWorld.Generate(seed, Small).WriteCsv(dir),
        "users.csv", "events.csv", "friendships.csv", "invitations.csv", "registrations.csv", "visits.csv", "impressions.csv");

    [Fact]
    public void TablesAreReadOnlyWithDenseIds()
    {
        WorldContract.TablesAreReadOnly(_world.Users, _world.Events, _world.Friendships, _world.Invitations,
            _world.Registrations, _world.Visits, _world.Impressions, _world.Users[0].Interests);
        Assert.Equal(Small.Users, _world.Users.Count);
        Assert.All(_world.Users, (u, i) => Assert.Equal(i, u.UserId));
        Assert.All(_world.Events, (e, i) => Assert.Equal(i, e.EventId));
        Assert.All(_world.Visits, (v, i) => Assert.Equal(i, v.VisitId));
        Assert.Equal(Small.Days + Small.FutureDays, _world.TotalDays);
        var result = _world.Simulate((v, c) => c, Small.Days, seed: 1);
        WorldContract.TablesAreReadOnly(result.Log, result.UserOutcomes, result.Visits);
    }

    [Fact]
    public void RowsAreConsistentInTime()
    {
        // Events are in publication order, so "published by t" is a prefix of the table.
        for (int e = 1; e < _world.Events.Count; e++) Assert.True(_world.Events[e - 1].PublishTime <= _world.Events[e].PublishTime);
        long end = Small.Days * 86_400L;
        foreach (var i in _world.Impressions)
        {
            var ev = _world.Events[i.EventId];
            Assert.True(ev.PublishTime < i.Timestamp && ev.StartTime > i.Timestamp, "an event is shown only while it is listed");
            Assert.True(_world.DistanceKm(i.UserId, i.EventId) <= Small.RadiusKm);
            Assert.InRange(i.Position, 1, Small.Slots);
            Assert.True(i.Timestamp < end);
        }
        Assert.All(_world.Registrations, r => Assert.True(r.Timestamp < end && r.Timestamp < _world.Events[r.EventId].StartTime));
        // Nobody registers twice for one event; a registration from the page matches a registered impression.
        Assert.Equal(_world.Registrations.Count, _world.Registrations.Select(r => (r.EventId, r.UserId)).Distinct().Count());
        var registeredImpressions = _world.Impressions.Where(i => i.Registered).Select(i => (i.EventId, i.UserId)).ToHashSet();
        Assert.Equal(registeredImpressions.Count, _world.Registrations.Count(r => r.FromFeed));
        Assert.All(_world.Registrations.Where(r => r.FromFeed), r => Assert.Contains((r.EventId, r.UserId), registeredImpressions));
        Assert.All(_world.Friendships, f => Assert.True(f.UserId < f.FriendId && _world.AreFriends(f.FriendId, f.UserId)));
    }

    [Fact]
    public void TheLogFollowsTheTruth()
    {
        var imps = _world.Impressions;
        double observed = imps.Count(i => i.Registered);
        double expected = imps.Sum(i => _world.Truth.RegistrationProbability(i));
        double sd = Math.Sqrt(imps.Sum(i => { double p = _world.Truth.RegistrationProbability(i); return p * (1 - p); }));
        Assert.InRange(observed, expected - 4 * sd, expected + 4 * sd);
        double Rate(int slot) => imps.Where(i => i.Position == slot).Average(i => i.Registered ? 1.0 : 0);
        Assert.True(Rate(1) > 2 * Rate(Small.Slots), "position bias: the top slot converts far more often than the last");
    }

    [Fact]
    public void FormulasMatchHandWorkedValues()
    {
        // Examination: position^−0.6; 4^−0.6 = e^(−0.6 · 1.386294) = 0.435275.
        Assert.Equal(1, EventWorld.ExaminationProbability(1), 12);
        Assert.Equal(0.435275, EventWorld.ExaminationProbability(4), 6);
        // P(register | examined) = σ(affinity − 2.5).
        var i = _world.Impressions[0];
        double a = _world.Truth.Affinity(i.UserId, i.EventId, i.Timestamp);
        Assert.Equal(1 / (1 + Math.Exp(-(a - 2.5))), _world.Truth.RegistrationProbability(i.UserId, i.EventId, i.Timestamp), 12);
        Assert.Equal(Math.Pow(i.Position, -0.6) / (1 + Math.Exp(-(a - 2.5))), _world.Truth.RegistrationProbability(i), 12);
        // Between two moments with no friend registration and no invitation in between, only the timing term moves:
        // −0.5 · |ln(hours until / 48)|. 96 h before: −0.5 · ln 2 = −0.346574; 48 h before: 0.
        var (user, ev) = QuietPair();
        long start = _world.Events[ev].StartTime;
        double at96 = _world.Truth.Affinity(user, ev, start - 96 * 3600), at48 = _world.Truth.Affinity(user, ev, start - 48 * 3600);
        Assert.Equal(0.346574, at48 - at96, 5);
    }

    /// <summary>A (user, event) with no friend registered and no invitation at all, published over 96 h before it starts.</summary>
    private (int User, int Event) QuietPair()
    {
        var invited = _world.Invitations.Select(x => (x.UserId, x.EventId)).ToHashSet();
        foreach (var ev in _world.Events.Where(e => e.StartTime - e.PublishTime > 96 * 3600))
            foreach (var u in _world.Users)
            {
                bool friendRegistered = _world.Registrations.Any(r => r.EventId == ev.EventId && _world.AreFriends(r.UserId, u.UserId));
                if (!invited.Contains((u.UserId, ev.EventId)) && !friendRegistered) return (u.UserId, ev.EventId);
            }
        throw new InvalidOperationException("no quiet pair in the test world");
    }

    [Fact]
    public void SimulationIsDeterministicWithCommonRandomNumbers()
    {
        var first = _world.Simulate((v, c) => c, Small.Days, seed: 3, days: 2);
        var again = _world.Simulate((v, c) => c, Small.Days, seed: 3, days: 2);
        Assert.Equal(first.Log, again.Log);
        // Another policy meets the same visitors at the same moments.
        var reversed = _world.Simulate((v, c) => c.Reverse().ToArray(), Small.Days, seed: 3, days: 2);
        Assert.Equal(first.Visits, reversed.Visits);
        // Users are independent: simulating a subset gives those users the same outcomes.
        var some = first.UserOutcomes.Take(20).Select(o => o.UserId).ToArray();
        var subset = _world.Simulate((v, c) => c, Small.Days, seed: 3, days: 2, users: some);
        Assert.Equal(first.UserOutcomes.Take(20), subset.UserOutcomes);
    }

    [Fact]
    public void AnOracleBeatsANaivePolicy()
    {
        var naive = _world.Simulate((v, c) => c, Small.Days, seed: 5, days: 3);
        var oracle = _world.Simulate((v, c) => c.OrderByDescending(e => _world.Truth.Affinity(v.UserId, e, v.Timestamp)).ToArray(),
            Small.Days, seed: 5, days: 3);
        Assert.True(oracle.ConversionRate > 1.5 * naive.ConversionRate, $"{oracle} vs {naive}");
        Assert.Equal(oracle.Log.Count(i => i.Registered), oracle.UserOutcomes.Sum(o => o.Registrations));
    }

    [Fact]
    public void HolidaysShiftTheEventMix()
    {
        var world = EventWorld.Generate(11, Small with { EventsPerDay = 40 });
        double FamilyShare(Func<EventListing, bool> which)
        {
            var events = world.Events.Where(which).ToArray();
            return events.Count(e => e.Category is "Family" or "Outdoors") / (double)events.Length;
        }
        Assert.True(world.IsHoliday(13) && !world.IsHoliday(12) && !world.IsHoliday(16));
        Assert.True(FamilyShare(e => world.IsHoliday(e.StartDay)) > 1.5 * FamilyShare(e => !world.IsHoliday(e.StartDay)));
    }

    [Fact]
    public void BadInputFailsNamingTheArgument()
    {
        var users = Assert.Throws<ArgumentOutOfRangeException>(() => EventWorld.Generate(1, Small with { Users = 5 }));
        Assert.Contains("options.Users", users.Message);
        var radius = Assert.Throws<ArgumentOutOfRangeException>(() => EventWorld.Generate(1, Small with { RadiusKm = 0 }));
        Assert.Contains("options.RadiusKm", radius.Message);
        Assert.Contains("userId", Assert.Throws<ArgumentOutOfRangeException>(() => _world.DistanceKm(-1, 0)).Message);
        Assert.Contains("eventId", Assert.Throws<ArgumentOutOfRangeException>(() => _world.Truth.Quality(_world.Events.Count)).Message);
        Assert.Contains("timestamp", Assert.Throws<ArgumentOutOfRangeException>(() => _world.Candidates(0, -5)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => _world.Simulate((v, c) => c, _world.TotalDays, seed: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => _world.Simulate((v, c) => c, _world.TotalDays - 1, seed: 1, days: 2));
        var notCandidate = Assert.Throws<ArgumentException>(() => _world.Simulate((v, c) => [_world.Events.Count - 1], Small.Days, seed: 1));
        Assert.Contains("not among", notCandidate.Message);
        var twice = Assert.Throws<ArgumentException>(() => _world.Simulate((v, c) => c.Count > 0 ? [c[0], c[0]] : [], Small.Days, seed: 1));
        Assert.Contains("twice", twice.Message);
        Assert.Equal("policy", twice.ParamName);
    }
}
