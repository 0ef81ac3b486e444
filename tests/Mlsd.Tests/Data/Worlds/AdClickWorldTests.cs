using Mlsd.Data.Worlds;

namespace Mlsd.Tests.Data.Worlds;

/// <summary>One small world shared by the tests of a class (generation is the slow part).</summary>
public sealed class SmallAdWorld
{
    public static readonly AdClickWorldOptions Options = new()
    {
        Users = 3_000, Advertisers = 80, Sites = 60, Days = 5, FutureDays = 3, RequestsPerDay = 1_500,
    };

    public AdClickWorld World { get; } = AdClickWorld.Generate(7, Options);
}

public sealed class AdClickWorldTests(SmallAdWorld fixture) : IClassFixture<SmallAdWorld>
{
    private readonly AdClickWorld _world = fixture.World;

    [Fact]
    public void ExaminationProbabilityIsPositionToTheMinusPointSeven()
    {
        // 2^-0.7 = exp(-0.7 ln 2) = exp(-0.48520) = 0.61557; 3^-0.7 = exp(-0.76903) = 0.46346 (by hand).
        Assert.Equal(1.0, AdClickWorld.ExaminationProbability(1));
        Assert.Equal(0.61557, AdClickWorld.ExaminationProbability(2), 5);
        Assert.Equal(0.46346, AdClickWorld.ExaminationProbability(3), 5);
        Assert.Throws<ArgumentOutOfRangeException>(() => AdClickWorld.ExaminationProbability(0));
    }

    [Fact]
    public void TablesHaveTheConfiguredShape()
    {
        var o = SmallAdWorld.Options;
        Assert.Equal(o.Users, _world.Users.Count);
        Assert.Equal(o.Advertisers, _world.Advertisers.Count);
        Assert.Equal(o.Sites, _world.Sites.Count);
        Assert.Equal(o.Days * o.RequestsPerDay, _world.Requests.Count);
        // Every request finds at least SlotsPerRequest candidates, so every slot is filled.
        Assert.Equal(o.Days * o.RequestsPerDay * o.SlotsPerRequest, _world.Impressions.Count);
        Assert.Equal(o.Days + o.FutureDays, _world.TotalDays);
        for (int i = 0; i < _world.Ads.Count; i++) Assert.Equal(i, _world.Ads[i].AdId);
        for (int i = 0; i < _world.Impressions.Count; i++) Assert.Equal(i, _world.Impressions[i].ImpressionId);
    }

    [Fact]
    public void RequestsAreInTimeOrderWithConsistentDayAndHour()
    {
        long previous = long.MinValue;
        foreach (var r in _world.Requests)
        {
            Assert.True(r.Timestamp >= previous);
            previous = r.Timestamp;
            Assert.Equal(r.Timestamp / 86_400, r.Day);
            Assert.Equal(r.Timestamp % 86_400 / 3_600, r.Hour);
            var user = _world.Users[r.UserId];
            Assert.Equal(user.Country, r.Country);
            Assert.Equal(user.AgeBucket, r.AgeBucket);
        }
    }

    [Fact]
    public void EveryShownAdIsLiveAndTargetsItsRequest()
    {
        foreach (var imp in _world.Impressions)
        {
            var request = _world.Requests[imp.RequestId];
            var ad = _world.Ads[imp.AdId];
            var campaign = _world.Campaigns[ad.CampaignId];
            Assert.True(ad.IsLiveOn(imp.Day), $"ad {ad.AdId} not live on day {imp.Day}");
            Assert.True(Targets(campaign.TargetCountries, request.Country));
            Assert.True(Targets(campaign.TargetAgeBuckets, request.AgeBucket));
            Assert.True(Targets(campaign.TargetDevices, request.Device));
            Assert.InRange(imp.Position, 1, SmallAdWorld.Options.SlotsPerRequest);
        }
    }

    [Fact]
    public void CandidatesAreDistinctEligibleAndDeterministic()
    {
        var request = _world.Requests[123];
        var first = _world.Candidates(request);
        var second = _world.Candidates(request);
        Assert.Equal(first.Select(a => a.AdId), second.Select(a => a.AdId));
        Assert.Equal(SmallAdWorld.Options.CandidatesPerRequest, first.Length);
        Assert.Equal(first.Length, first.Select(a => a.AdId).Distinct().Count());
        var eligible = _world.EligibleAds(request.Country, request.AgeBucket, request.Device, request.Day).Select(a => a.AdId).ToHashSet();
        Assert.All(first, a => Assert.Contains(a.AdId, eligible));
        // The logged impressions of this request came from its candidate set.
        var shown = _world.Impressions.Where(i => i.RequestId == request.RequestId).Select(i => i.AdId);
        Assert.All(shown, id => Assert.Contains(id, first.Select(a => a.AdId)));
        Assert.Equal(5, _world.Candidates(request, 5).Length);
        // Asking for more than exist returns every eligible live ad.
        Assert.Equal(eligible.Order(), _world.Candidates(request, 100_000).Select(a => a.AdId).Order());
    }

    [Fact]
    public void EligibleAdsMatchTargetingRulesExactly()
    {
        var expected = _world.Ads.Where(a => a.IsLiveOn(2))
            .Where(a => Targets(_world.Campaigns[a.CampaignId].TargetCountries, "DE")
                && Targets(_world.Campaigns[a.CampaignId].TargetAgeBuckets, "55+")
                && Targets(_world.Campaigns[a.CampaignId].TargetDevices, "tablet"))
            .Select(a => a.AdId).ToArray();
        Assert.Equal(expected, _world.EligibleAds("DE", "55+", "tablet", 2).Select(a => a.AdId).ToArray());
        var error = Assert.Throws<ArgumentException>(() => _world.EligibleAds("XX", "55+", "tablet", 2));
        Assert.Contains("country", error.Message);
    }

    [Fact]
    public void FeedbackIsConsistent()
    {
        foreach (var imp in _world.Impressions)
        {
            Assert.Equal(imp.Clicked, imp.ClickDelaySeconds.HasValue);
            Assert.False(imp.Clicked && imp.Hidden, "a click and a hide on one impression");
            Assert.True(!imp.Converted || imp.Clicked, "conversion without click");
            Assert.Equal(imp.Converted, imp.ConversionDelaySeconds.HasValue);
            if (imp.ClickDelaySeconds is double d) Assert.True(d > 0);
        }
        int clicks = _world.Impressions.Count(i => i.Clicked);
        // Most clicks arrive within a minute, but some arrive after 10 minutes (late labels).
        Assert.InRange(_world.Impressions.Count(i => i.ClickedWithin(60)), clicks * 0.8, clicks * 0.97);
        Assert.True(_world.Impressions.Count(i => i.Clicked && i.ClickDelaySeconds > 600) > 0);
        Assert.True(_world.Impressions.Count(i => i.Hidden) > 0);
        Assert.True(_world.Impressions.Count(i => i.Converted) > 0);
    }

    [Fact]
    public void ClickedWithinAndLabelsFollowTheDelay()
    {
        var imp = new AdImpression(0, 0, 0, 100, 0, 0, "mobile", 0, 0, 1, true, 12.5, false, false, null);
        Assert.True(imp.ClickedWithin(12.5));
        Assert.False(imp.ClickedWithin(12.4));
        Assert.Equal(112.5, imp.ClickTimestamp);
        var none = imp with { Clicked = false, ClickDelaySeconds = null };
        Assert.False(none.ClickedWithin(1e9));
        Assert.Null(none.ClickTimestamp);
        Assert.Equal([1, 0, 0], AdClickWorld.ClickLabels([imp, imp with { ClickDelaySeconds = 70 }, none], 60));
        Assert.Throws<ArgumentOutOfRangeException>(() => AdClickWorld.ClickLabels([imp], -1));
    }

    [Fact]
    public void EmpiricalCtrMatchesTheGroundTruthAndShowsPositionBias()
    {
        var imps = _world.Impressions;
        double ctr = imps.Average(i => i.Clicked ? 1.0 : 0.0);
        double truth = imps.Average(i => _world.Truth.ClickProbability(i));
        double standardError = Math.Sqrt(truth * (1 - truth) / imps.Count);
        Assert.InRange(ctr, 0.02, 0.05);
        Assert.InRange(ctr, truth - 4 * standardError, truth + 4 * standardError);
        double top = imps.Where(i => i.Position == 1).Average(i => i.Clicked ? 1.0 : 0.0);
        double third = imps.Where(i => i.Position == 3).Average(i => i.Clicked ? 1.0 : 0.0);
        Assert.True(top > 1.5 * third, $"top-slot CTR {top} should clearly exceed slot-3 CTR {third}");
    }

    [Fact]
    public void TrueClickProbabilityScalesWithExaminationAndHonoursAsOfDay()
    {
        var request = _world.Requests[10];
        var ad = _world.Candidates(request)[0];
        double p1 = _world.Truth.ClickProbability(request, ad, 1);
        Assert.InRange(p1, 0, 1);
        Assert.Equal(p1 * AdClickWorld.ExaminationProbability(3), _world.Truth.ClickProbability(request, ad, 3), 12);
        Assert.Equal(p1, _world.Truth.ClickProbability(request, ad.AdId, 1, request.Day), 15);
        var imp = _world.Impressions[30];
        Assert.Equal(_world.Truth.ClickProbability(_world.Requests[imp.RequestId], imp.AdId, imp.Position), _world.Truth.ClickProbability(imp), 15);
        Assert.Throws<ArgumentOutOfRangeException>(() => _world.Truth.ClickProbability(request, ad, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => _world.Truth.ClickProbability(request, 999_999));
    }

    [Fact]
    public void WithoutDriftTheTruthDoesNotDependOnTheDay()
    {
        var still = AdClickWorld.Generate(3, SmallAdWorld.Options with { Drift = 0, Days = 1, RequestsPerDay = 50 });
        var request = still.Requests[0];
        foreach (var ad in still.Candidates(request))
            Assert.Equal(still.Truth.ClickProbability(request, ad, 1, 0), still.Truth.ClickProbability(request, ad, 1, 6), 15);
        var drifting = _world.Requests[0];
        Assert.Contains(_world.Candidates(drifting),
            ad => _world.Truth.ClickProbability(drifting, ad, 1, 0) != _world.Truth.ClickProbability(drifting, ad, 1, 6));
        Assert.Equal(still.Truth.Interests(5, 0), still.Truth.Interests(5, 7));
        Assert.NotEqual(_world.Truth.Interests(5, 0), _world.Truth.Interests(5, 7));
    }

    [Fact]
    public void NewAdsLaunchDuringTheLog()
    {
        int launched = _world.Ads.Count(a => a.CreationDay >= 1 && a.CreationDay < _world.Days);
        Assert.True(launched > 0);
        Assert.Contains(_world.Impressions, i => _world.Ads[i.AdId].CreationDay >= 1);
    }

    [Fact]
    public void SameSeedGivesSameWorldAndOtherSeedDiffers()
    {
        var options = SmallAdWorld.Options with { Users = 500, Days = 2, RequestsPerDay = 300 };
        var a = AdClickWorld.Generate(11, options);
        var b = AdClickWorld.Generate(11, options);
        var c = AdClickWorld.Generate(12, options);
        Assert.Equal(a.Impressions, b.Impressions);
        Assert.Equal(a.Ads, b.Ads);
        Assert.NotEqual(a.Impressions.Select(i => i.AdId), c.Impressions.Select(i => i.AdId));
    }

    [Fact]
    public void WriteCsvIsByteForByteReproducible() => WorldContract.CsvIsReproducible(
        (seed, dir) => AdClickWorld.Generate(seed, SmallAdWorld.Options with { Users = 800, Days = 2, RequestsPerDay = 400 }).WriteCsv(dir),
        "users.csv", "advertisers.csv", "campaigns.csv", "ads.csv", "sites.csv", "requests.csv", "impressions.csv");

    [Fact]
    public void TablesAreReadOnly()
    {
        WorldContract.TablesAreReadOnly(_world.Users, _world.Advertisers, _world.Campaigns, _world.Ads, _world.Sites,
            _world.Requests, _world.Impressions);
        var result = _world.Simulate((r, a) => a.BidCpc, day: 6, seed: 1, requests: 20);
        WorldContract.TablesAreReadOnly(result.Log, result.UserOutcomes);
    }

    [Fact]
    public void CsvRowsMatchTheTables()
    {
        var options = SmallAdWorld.Options with { Users = 800, Days = 2, RequestsPerDay = 400 };
        string root = Path.Combine(Path.GetTempPath(), "mlsd-adworld-" + Guid.NewGuid().ToString("N"));
        try
        {
            var world = AdClickWorld.Generate(5, options);
            world.WriteCsv(root);
            var lines = File.ReadAllLines(Path.Combine(root, "impressions.csv"));
            Assert.Equal("impression_id,request_id,day,timestamp,hour,user_id,device,site_id,ad_id,position,clicked,click_delay_s,hidden,converted,conversion_delay_s", lines[0]);
            Assert.Equal(2 * 400 * 3 + 1, lines.Length);
            // A clicked row round-trips its delay; an unclicked row has empty delay fields.
            var clicked = world.Impressions.First(i => i.Clicked);
            var fields = lines[clicked.ImpressionId + 1].Split(',');
            Assert.Equal("1", fields[10]);
            Assert.Equal(clicked.ClickDelaySeconds!.Value, double.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture));
            var plain = lines[world.Impressions.First(i => !i.Clicked).ImpressionId + 1].Split(',');
            Assert.Equal("", plain[11]);
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void BadOptionsAreRejectedWithTheirName()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => AdClickWorld.Generate(1, new AdClickWorldOptions { SlotsPerRequest = 0 }));
        Assert.Contains("SlotsPerRequest", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => AdClickWorld.Generate(1, new AdClickWorldOptions { CandidatesPerRequest = 2 }));
    }

    private static bool Targets(string rule, string value) => rule == "*" || rule.Split('|').Contains(value);
}
