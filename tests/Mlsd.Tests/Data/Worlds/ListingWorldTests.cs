using Mlsd.Data.Worlds;

namespace Mlsd.Tests.Data.Worlds;

public sealed class ListingWorldFixture
{
    public static readonly ListingWorldOptions Small = new()
    {
        Listings = 300, NewListingsPerDay = 3, Guests = 400, SessionsPerDay = 80, Days = 8, FutureDays = 4,
    };

    public ListingWorld World { get; } = ListingWorld.Generate(7, Small);
}

public class ListingWorldTests(ListingWorldFixture fixture) : IClassFixture<ListingWorldFixture>
{
    private readonly ListingWorld _world = fixture.World;
    private static readonly ListingWorldOptions Small = ListingWorldFixture.Small;

    [Fact]
    public void CsvIsReproducibleByteForByte() => WorldContract.CsvIsReproducible(
        (seed, dir) => ListingWorld.Generate(seed, Small).WriteCsv(dir),
        "guests.csv", "listings.csv", "sessions.csv", "views.csv", "impressions.csv");

    [Fact]
    public void TablesAreReadOnlyWithDenseIds()
    {
        WorldContract.TablesAreReadOnly(_world.Guests, _world.Listings, _world.Sessions, _world.Views, _world.Impressions);
        Assert.Equal(Small.Guests, _world.Guests.Count);
        Assert.Equal(Small.Listings, _world.Listings.Count(l => l.CreatedDay == 0));
        Assert.True(_world.Listings.Count > Small.Listings, "new listings arrive after day 0");
        Assert.All(_world.Guests, (g, i) => Assert.Equal(i, g.GuestId));
        Assert.All(_world.Listings, (l, i) => Assert.Equal(i, l.ListingId));
        Assert.All(_world.Sessions, (s, i) => Assert.Equal(i, s.SessionId));
        Assert.Equal(Small.Days + Small.FutureDays, _world.TotalDays);
        var result = _world.Simulate(r => _world.Nearby(r.ListingId, r.Day, 6), Small.Days, seed: 1);
        WorldContract.TablesAreReadOnly(result.Sessions, result.Views, result.Log, result.GuestOutcomes);
    }

    [Fact]
    public void RowsAreConsistent()
    {
        // Listings are in publication order, so "published by day d" is a prefix of the table.
        for (int l = 1; l < _world.Listings.Count; l++) Assert.True(_world.Listings[l - 1].CreatedDay <= _world.Listings[l].CreatedDay);
        var viewsOf = _world.Views.GroupBy(v => v.SessionId).ToDictionary(g => g.Key, g => g.ToArray());
        foreach (var s in _world.Sessions)
        {
            var views = viewsOf[s.SessionId];
            Assert.Equal(s.Views, views.Length);
            Assert.Equal(Enumerable.Range(0, s.Views), views.Select(v => v.Step));
            Assert.All(views, v => Assert.True(v.ListingId < _world.ListingsKnownBy(s.Day), "only published listings are viewed"));
            Assert.All(views, v => Assert.Contains(_world.Listings[v.ListingId].Region, new[] { s.Region, s.OtherRegion }));
            if (s.BookedListingId is int b) Assert.Contains(b, views.Select(v => v.ListingId));
            Assert.True(s.Day < Small.Days);
        }
        foreach (var carousel in _world.Impressions.GroupBy(i => (i.SessionId, i.Step)))
        {
            var rows = carousel.ToArray();
            Assert.Equal(Enumerable.Range(1, rows.Length), rows.Select(r => r.Position));
            Assert.True(rows.Count(r => r.Clicked) <= 1, "at most one click per carousel");
            var next = viewsOf[carousel.Key.SessionId][carousel.Key.Step + 1];
            Assert.Equal(viewsOf[carousel.Key.SessionId][carousel.Key.Step].ListingId, rows[0].QueryListingId);
            var click = rows.Where(r => r.Clicked).ToArray();
            Assert.Equal(click.Length == 1, next.FromCarousel);
            if (click.Length == 1) Assert.Equal(click[0].ListingId, next.ListingId);
        }
    }

    [Fact]
    public void TheLogFollowsTheTruth()
    {
        // Expected clicks: within a carousel, slot p is clicked if no earlier slot was and its own draw succeeds.
        var sessions = _world.Sessions;
        double expected = 0, variance = 0;
        foreach (var carousel in _world.Impressions.GroupBy(i => (i.SessionId, i.Step)))
        {
            var s = sessions[carousel.Key.SessionId];
            double noneYet = 1;
            foreach (var i in carousel)
            {
                string region = _world.Listings[i.ListingId].Region;
                double click = region == s.Region || region == s.OtherRegion
                    ? _world.Truth.ClickProbability(s.GuestId, i.ListingId, i.Position) : 0;
                expected += noneYet * click;
                noneYet *= 1 - click;
            }
            variance += (1 - noneYet) * noneYet;           // clicks per carousel are 0 or 1
        }
        double observed = _world.Impressions.Count(i => i.Clicked);
        Assert.InRange(observed, expected - 4 * Math.Sqrt(variance), expected + 4 * Math.Sqrt(variance));
        double Rate(int slot) => _world.Impressions.Where(i => i.Position == slot).Average(i => i.Clicked ? 1.0 : 0);
        Assert.True(Rate(1) > 2 * Rate(Small.Slots), "position bias: the first slot is clicked far more than the last");
        // Bookings: each session books its best viewed listing with σ(best utility − 3).
        var viewsOf = _world.Views.ToLookup(v => v.SessionId, v => v.ListingId);
        double[] p = sessions.Select(s => ListingWorld.GroundTruth.BookingProbability(
            viewsOf[s.SessionId].Max(l => _world.Truth.Utility(s.GuestId, l)))).ToArray();
        double booked = sessions.Count(s => s.BookedListingId.HasValue), sd = Math.Sqrt(p.Sum(x => x * (1 - x)));
        Assert.InRange(booked, p.Sum() - 4 * sd, p.Sum() + 4 * sd);
    }

    [Fact]
    public void FormulasMatchHandWorkedValues()
    {
        // Examination: position^−0.7; 4^−0.7 = e^(−0.7 · 1.386294) = 0.378929 (python3: 4 ** -0.7).
        Assert.Equal(1, ListingWorld.ExaminationProbability(1), 12);
        Assert.Equal(0.378929, ListingWorld.ExaminationProbability(4), 6);
        // Booking: σ(best utility − 3); at utility 3 it is one half.
        Assert.Equal(0.5, ListingWorld.GroundTruth.BookingProbability(3), 12);
        // Click: examination × σ(utility − 1.5).
        double u = _world.Truth.Utility(5, 17);
        Assert.Equal(ListingWorld.ExaminationProbability(2) / (1 + Math.Exp(-(u - 1.5))), _world.Truth.ClickProbability(5, 17, 2), 12);
        // Utility = taste · style + quality − |band − budget band|: style and quality are exposed, so the residual is
        // a dot product with the hidden taste plus the band term, which must be an integer distance in 0..3.
        var style = _world.Truth.Style(17);
        Assert.Equal(4, style.Length);
        Assert.Contains(_world.Truth.BudgetBand(5), ListingWorld.PriceBands);
    }

    [Fact]
    public void NearbyIsTheSameRegionAndBandNearestFirst()
    {
        int l = 3;
        var near = _world.Nearby(l, 0, 5);
        int sameKind = Enumerable.Range(0, _world.ListingsKnownBy(0)).Count(o => o != l
            && (_world.Listings[o].Region, _world.Listings[o].PriceBand) == (_world.Listings[l].Region, _world.Listings[l].PriceBand));
        Assert.Equal(Math.Min(5, sameKind), near.Count);
        Assert.True(near.Count > 0);
        Assert.DoesNotContain(l, near);
        Assert.All(near, o => Assert.Equal((_world.Listings[l].Region, _world.Listings[l].PriceBand),
            (_world.Listings[o].Region, _world.Listings[o].PriceBand)));
        var distances = near.Select(o => _world.DistanceKm(l, o)).ToArray();
        Assert.Equal(distances.Order(), distances);
        Assert.All(near, o => Assert.True(o < _world.ListingsKnownBy(0)));
    }

    [Fact]
    public void SimulatorIsDeterministic_SharesDraws_AndAnOracleBeatsTheRule()
    {
        IReadOnlyList<int> Rule(CarouselRequest r) => _world.Nearby(r.ListingId, r.Day, Small.Slots);
        IReadOnlyList<int> Oracle(CarouselRequest r)                 // simulator-only: knows the guest's utility
        {
            string region = _world.Listings[r.ListingId].Region;
            return Enumerable.Range(0, _world.ListingsKnownBy(r.Day))
                .Where(l => l != r.ListingId && _world.Listings[l].Region == region)
                .OrderByDescending(l => _world.Truth.Utility(r.GuestId, l)).Take(Small.Slots).ToArray();
        }
        var a = _world.Simulate(Rule, Small.Days, seed: 3, days: 2);
        var b = _world.Simulate(Rule, Small.Days, seed: 3, days: 2);
        var oracle = _world.Simulate(Oracle, Small.Days, seed: 3, days: 2);
        Assert.Equal(a.Log, b.Log);
        Assert.Equal(a.Sessions.Select(s => (s.GuestId, s.Region, s.OtherRegion, s.Views)),
            oracle.Sessions.Select(s => (s.GuestId, s.Region, s.OtherRegion, s.Views)));
        Assert.Equal(a.Views.Where(v => v.Step == 0), oracle.Views.Where(v => v.Step == 0));
        Assert.True(oracle.ClickThroughRate > 1.2 * a.ClickThroughRate, $"oracle {oracle}, rule {a}");
        Assert.True(oracle.SessionBookRate >= a.SessionBookRate);
        Assert.Equal(a.GuestOutcomes.Select(o => o.GuestId).Order(), a.GuestOutcomes.Select(o => o.GuestId));
    }

    [Fact]
    public void BadInputFailsNamingTheArgument()
    {
        Assert.Contains("options.Listings", Assert.Throws<ArgumentOutOfRangeException>(
            () => ListingWorld.Generate(1, new ListingWorldOptions { Listings = 10 })).Message);
        Assert.Contains("options.Slots", Assert.Throws<ArgumentOutOfRangeException>(
            () => ListingWorld.Generate(1, new ListingWorldOptions { Slots = 0 })).Message);
        Assert.Equal("day", Assert.Throws<ArgumentOutOfRangeException>(() => _world.Simulate(r => [], _world.TotalDays, 1)).ParamName);
        Assert.Equal("days", Assert.Throws<ArgumentOutOfRangeException>(() => _world.Simulate(r => [], Small.Days, 1, days: 99)).ParamName);
        Assert.Equal("listingId", Assert.Throws<ArgumentOutOfRangeException>(() => _world.Nearby(-1, 0, 3)).ParamName);
        Assert.Equal("k", Assert.Throws<ArgumentOutOfRangeException>(() => _world.Nearby(0, 0, 0)).ParamName);
        Assert.Equal("guestId", Assert.Throws<ArgumentOutOfRangeException>(() => _world.Truth.Utility(99_999, 0)).ParamName);
        var unpublished = Assert.Throws<ArgumentException>(() => _world.Simulate(r => [_world.Listings.Count - 1], 0, 1));
        Assert.Equal("policy", unpublished.ParamName);
        Assert.Contains("published", unpublished.Message);
        Assert.Contains("under itself", Assert.Throws<ArgumentException>(() => _world.Simulate(r => [r.ListingId], 0, 1)).Message);
        Assert.Contains("twice", Assert.Throws<ArgumentException>(
            () => _world.Simulate(r => [(r.ListingId + 1) % 50, (r.ListingId + 1) % 50], 0, 1)).Message);
        Assert.Throws<InvalidOperationException>(() => _world.Simulate(r => null!, 0, 1));
    }
}
