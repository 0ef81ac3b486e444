using System.Globalization;
using Mlsd.Data.Worlds;

namespace Mlsd.Tests.Data.Worlds;

public class VideoWorldTests
{
    private static readonly VideoWorldOptions Small = new() { Users = 300, Videos = 200, Creators = 40, Days = 8, FutureDays = 4 };

    private static VideoWorld SmallWorld(int seed = 7) => VideoWorld.Generate(seed, Small);

    [Fact]
    public void CsvIsReproducibleByteForByte() => WorldContract.CsvIsReproducible(
        (seed, dir) => SmallWorld(seed).WriteCsv(dir), "users.csv", "videos.csv", "impressions.csv");

    [Fact]
    public void TablesAreReadOnly()
    {
        var world = SmallWorld();
        WorldContract.TablesAreReadOnly(world.Users, world.Videos, world.Impressions, world.Videos[0].Tags);
        var result = world.Simulate(_ => [0, 1, 2], Small.Days, seed: 1);
        WorldContract.TablesAreReadOnly(result.Log, result.UserOutcomes);
    }

    [Fact]
    public void DaysOutsideTheWorldAreRejected()
    {
        var world = SmallWorld();
        Assert.Equal(Small.Days + Small.FutureDays, world.TotalDays);
        var late = Assert.Throws<ArgumentOutOfRangeException>(() => world.Simulate(_ => [0], world.TotalDays, seed: 1));
        Assert.Contains("Days + FutureDays", late.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => world.Simulate(_ => [0], world.TotalDays - 1, seed: 1, days: 2));
        var option = Assert.Throws<ArgumentOutOfRangeException>(() => VideoWorld.Generate(1, Small with { FutureDays = -1 }));
        Assert.Contains("options.FutureDays", option.Message);
    }

    [Fact]
    public void CsvRowsMatchTheTablesAndTheRelevanceRule()
    {
        var world = SmallWorld();
        string dir = Path.Combine(Path.GetTempPath(), "mlsd-videoworld-" + Guid.NewGuid().ToString("N"));
        try
        {
            world.WriteCsv(dir);
            var lines = File.ReadAllLines(Path.Combine(dir, "impressions.csv"));
            Assert.Equal("session_id,day,user_id,video_id,position,clicked,watch_fraction,watch_seconds,liked,disliked", lines[0]);
            Assert.Equal(world.Impressions.Count + 1, lines.Length);
            int relevantFromCsv = 0;
            for (int r = 1; r < lines.Length; r++)
            {
                var c = lines[r].Split(',');
                // The chapter's rule, applied to the written columns: an explicit like, or at least half watched.
                bool relevant = c[8] == "1" || double.Parse(c[6], CultureInfo.InvariantCulture) >= 0.5;
                if (relevant) relevantFromCsv++;
                var i = world.Impressions[r - 1];
                Assert.Equal(i.IsRelevant, relevant);
                Assert.Equal(i.VideoId, int.Parse(c[3], CultureInfo.InvariantCulture));
            }
            Assert.True(relevantFromCsv > 0);
            var users = File.ReadAllLines(Path.Combine(dir, "users.csv"));
            Assert.Equal(world.Users.Count + 1, users.Length);
            var u0 = world.Users[0];
            Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"0,{u0.AgeBucket},{u0.Country},{u0.Language},{u0.JoinDay}"), users[1]);
            Assert.Equal(world.Videos.Count + 1, File.ReadAllLines(Path.Combine(dir, "videos.csv")).Length);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData(true, 0.7f, false, true)]    // watched 70% → relevant
    [InlineData(true, 0.5f, false, true)]    // exactly half counts
    [InlineData(true, 0.499f, false, false)] // just under half, no like → not relevant
    [InlineData(true, 0.1f, true, true)]     // liked after a short watch → relevant
    [InlineData(false, 0f, false, false)]    // not clicked → not relevant
    public void RelevanceRuleWorkedExamples(bool clicked, float fraction, bool liked, bool expected)
    {
        var impression = new VideoImpression(0, 0, 0, 0, 1, clicked, fraction, 0, liked, false);
        Assert.Equal(expected, impression.IsRelevant);
    }

    [Fact]
    public void GeneratedRowsAreConsistent()
    {
        var world = SmallWorld();
        Assert.NotEmpty(world.Impressions);
        foreach (var i in world.Impressions)
        {
            Assert.InRange(i.Position, 1, Small.Slots);
            Assert.InRange(i.Day, 0, Small.Days - 1);
            Assert.True(world.Users[i.UserId].JoinDay <= i.Day, "no impressions before a user joins");
            Assert.True(world.Videos[i.VideoId].UploadDay <= i.Day, "no video shown before its upload");
            Assert.False(i.Liked && i.Disliked);
            if (!i.Clicked)
            {
                Assert.Equal(0f, i.WatchFraction);
                Assert.False(i.Liked || i.Disliked || i.IsRelevant);
            }
            Assert.InRange(i.WatchFraction, 0f, 1f);
            Assert.Equal((int)Math.Round((double)i.WatchFraction * world.Videos[i.VideoId].DurationSeconds), i.WatchSeconds);
        }
        Assert.True(world.Users.Zip(world.Users.Skip(1)).All(p => p.First.JoinDay <= p.Second.JoinDay), "user ids follow join day");
        Assert.True(world.Videos.Zip(world.Videos.Skip(1)).All(p => p.First.UploadDay <= p.Second.UploadDay), "video ids follow upload day");
        Assert.Contains(world.Users, u => u.JoinDay >= Small.Days);     // cold-start users arrive after the log
        Assert.Contains(world.Videos, v => v.UploadDay >= Small.Days);  // and cold-start videos
    }

    [Fact]
    public void TheGroundTruthDrivesBehaviour()
    {
        var world = VideoWorld.Generate(3, Small with { Days = 20 });
        var scored = world.Impressions.Select(i => (i, a: world.Truth.Affinity(i.UserId, i.VideoId))).OrderBy(t => t.a).ToArray();
        int q = scored.Length / 4;
        double low = scored.Take(q).Average(t => t.i.IsRelevant ? 1.0 : 0);
        double high = scored.Skip(3 * q).Average(t => t.i.IsRelevant ? 1.0 : 0);
        Assert.True(high > 3 * low, $"relevant rate: top affinity quartile {high:P1}, bottom {low:P1}");
        double ctrTop = world.Impressions.Where(i => i.Position == 1).Average(i => i.Clicked ? 1.0 : 0);
        double ctrBottom = world.Impressions.Where(i => i.Position == Small.Slots).Average(i => i.Clicked ? 1.0 : 0);
        Assert.True(ctrTop > 1.8 * ctrBottom, $"CTR slot 1 {ctrTop:P1} vs slot {Small.Slots} {ctrBottom:P1}");
    }

    [Fact]
    public void TheLogIsCalibratedToTheTruth()
    {
        // The log never shows a video the user clicked before, so each impression's click chance is exactly
        // Truth.ClickProbability: the empirical CTR must sit within 4 standard errors of its mean.
        var world = SmallWorld();
        var imps = world.Impressions;
        double ctr = imps.Average(i => i.Clicked ? 1.0 : 0.0);
        double truth = imps.Average(i => world.Truth.ClickProbability(i.UserId, i.VideoId, i.Day, i.Position));
        double standardError = Math.Sqrt(truth * (1 - truth) / imps.Count);
        Assert.InRange(ctr, truth - 4 * standardError, truth + 4 * standardError);
    }

    [Fact]
    public void GroundTruthFormulasByHand()
    {
        Assert.Equal(1.0, VideoWorld.ExaminationProbability(1), 1e-12);
        Assert.Equal(0.435275, VideoWorld.ExaminationProbability(4), 1e-6);  // 4^−0.6 = e^(−0.6·ln 4)
        var world = SmallWorld();
        var v = world.Videos.First(x => x.UploadDay >= 0);
        Assert.Equal(0.8 * Math.Exp(-1), world.Truth.Freshness(v.VideoId, v.UploadDay + 5), 1e-12);  // 0.8·e^(−5/5)
        Assert.Equal(0.0, world.Truth.Freshness(v.VideoId, v.UploadDay - 1), 1e-12);
        double s = world.Truth.Affinity(5, v.VideoId) + world.Truth.Freshness(v.VideoId, 9);
        Assert.Equal(VideoWorld.ExaminationProbability(3) / (1 + Math.Exp(-(s - 2))), world.Truth.ClickProbability(5, v.VideoId, 9, 3), 1e-12);
        double m = world.Truth.EngagementProbability(5, v.VideoId, 9);
        Assert.Equal(world.Truth.ClickProbability(5, v.VideoId, 9) * (0.25 + 0.5 * m) * v.DurationSeconds, world.Truth.ExpectedWatchSeconds(5, v.VideoId, 9), 1e-9);
        Assert.Equal(world.Truth.ClickProbability(5, v.VideoId, 9) * (m + (1 - m) * 0.01), world.Truth.RelevanceProbability(5, v.VideoId, 9), 1e-12);
    }

    [Fact]
    public void FeatureCodesIndexTheVocabularies()
    {
        var world = SmallWorld();
        var u = world.Users[17];
        var codes = world.UserFeatureCodes(17);
        Assert.Equal(u.AgeBucket, VideoWorld.AgeBuckets[codes[0]]);
        Assert.Equal(u.Country, VideoWorld.Countries[codes[1]]);
        Assert.Equal(u.Language, VideoWorld.Languages[codes[2]]);
        var v = world.Videos[23];
        var vc = world.VideoFeatureCodes(23);
        Assert.Equal(v.Category, VideoWorld.Categories[vc[0]]);
        Assert.Equal(v.Language, VideoWorld.Languages[vc[1]]);
        Assert.Equal(v.CreatorId, vc[3]);
        Assert.Equal(v.Tags, world.VideoTagCodes(23).Select(t => VideoWorld.Tags[t]));
        Assert.Equal(world.VideoFieldCardinalities.Count, vc.Length);
        Assert.Equal([6, 9, 7], world.UserFieldCardinalities);
        Assert.Equal([8, 7, 5, 40], world.VideoFieldCardinalities);
    }

    [Fact]
    public void SimulationIsSeededAndFairBetweenPolicies()
    {
        var world = SmallWorld();
        int day = Small.Days;
        var available = world.VideosAvailableOn(day);
        IReadOnlyList<int> First(int u) => available.Take(10).ToArray();
        IReadOnlyList<int> Last(int u) => available.Reverse().Take(10).ToArray();
        var a1 = world.Simulate(First, day, seed: 5, days: 3);
        var a2 = world.Simulate(First, day, seed: 5, days: 3);
        var b = world.Simulate(Last, day, seed: 5, days: 3);
        Assert.Equal(a1.Log, a2.Log);
        Assert.Equal(a1.UserOutcomes, a2.UserOutcomes);
        // Common random numbers: the same users visit the same number of times under either policy.
        Assert.Equal(a1.UserOutcomes.Select(u => (u.UserId, u.Sessions)), b.UserOutcomes.Select(u => (u.UserId, u.Sessions)));
        Assert.Equal(a1.Sessions * Small.Slots, a1.Impressions);
        Assert.NotEqual(a1.Clicks, world.Simulate(First, day, seed: 6, days: 3).Clicks);
    }

    [Fact]
    public void TheOracleBeatsARandomPolicy()
    {
        var world = SmallWorld();
        int day = Small.Days;
        var random = new Mlsd.Sampler(1);
        var available = world.VideosAvailableOn(day);
        IReadOnlyList<int> Random(int u) => available.OrderBy(_ => random.Uniform()).Take(8).ToArray();
        var oracle = world.Simulate(world.Truth.OraclePolicy(day), day, seed: 3, days: 2);
        var baseline = world.Simulate(Random, day, seed: 3, days: 2);
        Assert.True(oracle.RelevantPerSession > 2 * baseline.RelevantPerSession, $"oracle {oracle} vs random {baseline}");
        Assert.True(oracle.WatchSecondsPerSession > baseline.WatchSecondsPerSession);
    }

    [Fact]
    public void SimulatingABrokenPolicyFailsClearly()
    {
        var world = SmallWorld();
        int day = Small.Days;
        int future = world.Videos.First(v => v.UploadDay > day + 1).VideoId;
        var tooEarly = Assert.Throws<ArgumentException>(() => world.Simulate(_ => [future], day, seed: 0));
        Assert.Contains($"video {future}", tooEarly.Message);
        Assert.Contains("uploaded on day", tooEarly.Message);
        Assert.Throws<ArgumentException>(() => world.Simulate(_ => [0, 0], day, seed: 0));
        Assert.Throws<ArgumentException>(() => world.Simulate(_ => [world.Videos.Count], day, seed: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => world.Simulate(_ => [0], day, seed: 0, users: [world.Users.Count]));
        Assert.Throws<ArgumentException>(() => world.Simulate(_ => [0], day, seed: 0, users: [1, 1]));
        var subset = world.Simulate(_ => [0, 1, 2], day, seed: 0, days: 4, users: [0, 1, 2, 3, 4]);
        Assert.All(subset.UserOutcomes, u => Assert.InRange(u.UserId, 0, 4));
    }

    [Fact]
    public void RelevantPairsAndHistoriesFollowTheLog()
    {
        var world = SmallWorld();
        var pairs = world.RelevantPairs(0, 5);
        var expected = world.Impressions.Where(i => i.Day < 5 && i.IsRelevant).Select(i => (i.UserId, i.VideoId)).Distinct().ToArray();
        Assert.Equal(expected, pairs);
        var histories = world.RelevantHistories(beforeDay: 5, maxLength: 3);
        int u = pairs[0].UserId;
        var all = expected.Where(p => p.UserId == u).Select(p => p.VideoId).ToArray();
        Assert.Equal(all.Skip(Math.Max(0, all.Length - 3)), histories[u]);
        Assert.All(histories, h => Assert.True(h.Length <= 3));
    }

    [Fact]
    public void BadOptionsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => VideoWorld.Generate(1, Small with { Users = 5 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => VideoWorld.Generate(1, Small with { Creators = 500 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => VideoWorld.Generate(1, Small with { NewUserShare = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => SmallWorld().Truth.Affinity(-1, 0));
    }

    [Fact]
    public void TheDefaultWorldHasTheAdvertisedSize()
    {
        var world = VideoWorld.Generate(42);
        Assert.Equal(3000, world.Users.Count);
        Assert.Equal(2000, world.Videos.Count);
        Assert.InRange(world.Impressions.Count, 200_000, 400_000);
        int relevant = world.Impressions.Count(i => i.IsRelevant);
        Assert.InRange(relevant, 15_000, 60_000);
        Assert.Equal(29, world.Impressions[^1].Day);
    }
}
