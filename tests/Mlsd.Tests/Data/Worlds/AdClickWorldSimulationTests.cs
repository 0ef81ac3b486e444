using Mlsd.Data.Worlds;

namespace Mlsd.Tests.Data.Worlds;

public sealed class AdClickWorldSimulationTests(SmallAdWorld fixture) : IClassFixture<SmallAdWorld>
{
    private readonly AdClickWorld _world = fixture.World;

    [Fact]
    public void SimulationIsDeterministicAndCountsAddUp()
    {
        Func<AdRequest, Ad, double> byBid = (r, a) => a.BidCpc;
        var first = _world.Simulate(byBid, day: 6, requests: 400, seed: 3);
        var second = _world.Simulate(byBid, day: 6, requests: 400, seed: 3);
        Assert.Equal(first.Log, second.Log);
        Assert.Equal(first.Revenue, second.Revenue);
        Assert.Equal(400, first.Requests);
        Assert.Equal(400 * 3, first.Impressions);
        Assert.Equal(first.Requests, first.UserOutcomes.Sum(u => u.Requests));
        Assert.Equal(first.UserOutcomes.Select(u => u.UserId).Order(), first.UserOutcomes.Select(u => u.UserId));
        Assert.Equal(first.Log.GroupBy(i => i.UserId).Select(g => (g.Key, g.Count())).OrderBy(x => x.Key),
            first.UserOutcomes.Where(u => u.Impressions > 0).Select(u => (u.UserId, u.Impressions)));
        Assert.Equal(first.ExpectedRevenue, first.UserOutcomes.Sum(u => u.ExpectedRevenue), 9);
        Assert.Equal(first.Clicks, first.UserOutcomes.Sum(u => u.Clicks));
        Assert.Equal(first.Hides, first.UserOutcomes.Sum(u => u.Hides));
        Assert.Equal(first.Conversions, first.UserOutcomes.Sum(u => u.Conversions));
        Assert.Equal(first.Revenue, first.UserOutcomes.Sum(u => u.Revenue), 9);
        Assert.Equal(first.Clicks, first.Log.Count(i => i.Clicked));
        // Revenue is first-price CPC: the sum of the clicked ads' bids.
        Assert.Equal(first.Log.Where(i => i.Clicked).Sum(i => _world.Ads[i.AdId].BidCpc), first.Revenue, 9);
        Assert.Equal(first.Log.Sum(i => _world.Truth.ClickProbability(i)), first.ExpectedClicks, 9);
        Assert.All(first.Log, i => Assert.Equal(6, i.Day));
        Assert.Contains("CTR", first.ToString());
    }

    [Fact]
    public void PolicyShowsItsTopScoredCandidatesInOrder()
    {
        var result = _world.Simulate((r, a) => a.BidCpc, day: 5, requests: 50, seed: 9);
        var requests = _world.GenerateRequests(5, 50, 9);
        foreach (var group in result.Log.GroupBy(i => i.RequestId))
        {
            var request = requests.Single(r => r.RequestId == group.Key);
            var expected = _world.Candidates(request).Select((a, index) => (a, index))
                .OrderByDescending(x => x.a.BidCpc).ThenBy(x => x.index).Take(3).Select(x => x.a.AdId);
            Assert.Equal(expected, group.OrderBy(i => i.Position).Select(i => i.AdId));
        }
    }

    [Fact]
    public void GroundTruthOraclesBeatTheBidOnlyPolicy()
    {
        var bidOnly = _world.Simulate((r, a) => a.BidCpc, day: 6, requests: 600, seed: 2);
        var revenueOracle = _world.Simulate((r, a) => _world.Truth.ClickProbability(r, a) * a.BidCpc, day: 6, requests: 600, seed: 2);
        var clickOracle = _world.Simulate((r, a) => _world.Truth.ClickProbability(r, a), day: 6, requests: 600, seed: 2);
        Assert.True(revenueOracle.ExpectedRevenue > bidOnly.ExpectedRevenue);
        Assert.True(revenueOracle.ExpectedRevenue >= clickOracle.ExpectedRevenue);
        Assert.True(clickOracle.ExpectedClicks >= revenueOracle.ExpectedClicks);
        Assert.True(clickOracle.ClickThroughRate > bidOnly.ClickThroughRate);
    }

    [Fact]
    public void BatchAndPointwisePoliciesAgreeAndCommonRandomNumbersPairArms()
    {
        var pointwise = _world.Simulate((r, a) => -a.AdId, day: 4, requests: 300, seed: 5);
        var batch = _world.Simulate((r, ads) => ads.Select(a => (double)-a.AdId).ToArray(), day: 4, requests: 300, seed: 5);
        Assert.Equal(pointwise.Log, batch.Log);
        // Same requests and coin flips for any policy: the same ad in the same slot gets the same outcome.
        var other = _world.Simulate((r, a) => a.BidCpc, day: 4, requests: 300, seed: 5);
        var outcomes = pointwise.Log.ToDictionary(i => (i.RequestId, i.AdId, i.Position));
        int shared = 0;
        foreach (var imp in other.Log)
            if (outcomes.TryGetValue((imp.RequestId, imp.AdId, imp.Position), out var same))
            {
                shared++;
                Assert.Equal(same.Clicked, imp.Clicked);
                Assert.Equal(same.Hidden, imp.Hidden);
            }
        Assert.True(shared > 0);
        var reseeded = _world.Simulate((r, a) => -a.AdId, day: 4, requests: 300, seed: 6);
        Assert.NotEqual(pointwise.Log.Select(i => i.UserId), reseeded.Log.Select(i => i.UserId));
    }

    [Fact]
    public void PagePoliciesShowExactlyTheirPageInSlotOrder()
    {
        // A page of the top three by bid is the score policy "by bid": the same log, coin flips included.
        var byScore = _world.Simulate((r, a) => a.BidCpc, day: 5, requests: 200, seed: 4);
        var byPage = _world.SimulatePages((r, ads) => Enumerable.Range(0, ads.Count)
            .OrderByDescending(i => ads[i].BidCpc).ThenBy(i => i).Take(3).ToArray(), day: 5, requests: 200, seed: 4);
        Assert.Equal(byScore.Log, byPage.Log);
        // A rule that leaves slots empty: only the second candidate, in slot 1, and nothing for odd request ids.
        var requests = _world.GenerateRequests(5, 200, 4);
        var sparse = _world.SimulatePages((r, ads) => r.RequestId % 2 == 1 || ads.Count < 2 ? [] : new[] { 1 },
            day: 5, requests: 200, seed: 4);
        int expectedShown = requests.Count(r => r.RequestId % 2 == 0 && _world.Candidates(r).Length >= 2);
        Assert.Equal(expectedShown, sparse.Impressions);
        Assert.Equal(200, sparse.Requests);
        Assert.All(sparse.Log, i => Assert.Equal(1, i.Position));
        Assert.All(sparse.Log, i => Assert.Equal(
            _world.Candidates(requests.Single(r => r.RequestId == i.RequestId))[1].AdId, i.AdId));
        // Outcomes are the common random numbers of the score policies: same ad, same slot, same coin flips.
        var shared = byScore.Log.ToDictionary(i => (i.RequestId, i.AdId, i.Position));
        Assert.All(sparse.Log.Where(i => shared.ContainsKey((i.RequestId, i.AdId, i.Position))),
            i => Assert.Equal(shared[(i.RequestId, i.AdId, i.Position)].Clicked, i.Clicked));
    }

    [Theory]
    [InlineData("long", "ads for 3 slots")]
    [InlineData("repeat", "twice")]
    [InlineData("range", "has candidates 0..")]
    [InlineData("null", "returned null")]
    public void BadPagesFailNamingThePage(string kind, string expected)
    {
        Func<AdRequest, IReadOnlyList<Ad>, IReadOnlyList<int>> page = kind switch
        {
            "long" => (r, ads) => [0, 1, 2, 3],
            "repeat" => (r, ads) => [0, 0],
            "range" => (r, ads) => [ads.Count],
            _ => (r, ads) => null!,
        };
        var e = Assert.Throws<ArgumentException>(() => _world.SimulatePages(page, day: 1, seed: 0, requests: 5));
        Assert.Equal("page", e.ParamName);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void BadPoliciesAndDaysFailClearly()
    {
        var wrongCount = Assert.Throws<ArgumentException>(() => _world.Simulate((r, ads) => new double[1], day: 1, seed: 0, requests: 5));
        Assert.Contains("one score per candidate", wrongCount.Message);
        Assert.Throws<InvalidOperationException>(() => _world.Simulate((r, a) => double.NaN, day: 1, seed: 0, requests: 5));
        var day = Assert.Throws<ArgumentOutOfRangeException>(() => _world.Simulate((r, a) => 0, day: 8, seed: 0, requests: 5));
        Assert.Contains("day", day.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => _world.GenerateRequests(0, 0, 1));
    }

    [Fact]
    public void GeneratedRequestsUseTheirOwnIdRangeAndDay()
    {
        var requests = _world.GenerateRequests(7, 100, 1);
        Assert.Equal(100_000_000 + 7 * 1_000_000, requests[0].RequestId);
        Assert.All(requests, r => Assert.Equal(7, r.Day));
        Assert.Equal(requests.OrderBy(r => r.Timestamp).Select(r => r.RequestId), requests.Select(r => r.RequestId));
        Assert.Equal(requests, _world.GenerateRequests(7, 100, 1));
    }
}
