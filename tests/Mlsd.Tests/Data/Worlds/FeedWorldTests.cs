using Mlsd.Data.Worlds;

namespace Mlsd.Tests.Data.Worlds;

/// <summary>One small feed world shared by the tests of a class (generating it is the slow part).</summary>
public sealed class FeedWorldFixture
{
    public static readonly FeedWorldOptions Small = new() { Users = 400, Pages = 15, Days = 6, FutureDays = 4, MeanFriends = 10 };

    public FeedWorld World { get; } = FeedWorld.Generate(7, Small);
}

/// <summary>The feed world follows the world template; its log agrees with its ground truth and its simulator is fair.</summary>
public sealed class FeedWorldTests(FeedWorldFixture fixture) : IClassFixture<FeedWorldFixture>
{
    private readonly FeedWorld _world = fixture.World;

    private static readonly string[] Positive = ["click", "like", "comment", "share", "friend_request"];

    [Fact]
    public void CsvIsReproducibleByteForByte() => WorldContract.CsvIsReproducible(
        (seed, dir) => FeedWorld.Generate(seed, FeedWorldFixture.Small with { Users = 60, Pages = 4, Days = 2, MeanFriends = 5 }).WriteCsv(dir),
        "users.csv", "friendships.csv", "authors.csv", "follows.csv", "posts.csv", "impressions.csv");

    [Fact]
    public void CsvHoldsTheLogNotTheTruth()
    {
        string dir = Path.Combine(Path.GetTempPath(), "mlsd-feed-" + Guid.NewGuid().ToString("N"));
        try
        {
            var paths = _world.WriteCsv(dir);
            var authors = File.ReadAllLines(paths[2]);
            Assert.Equal("author_id,kind,user_id,main_topic,followers", authors[0]);
            Assert.StartsWith("400,page,,", authors[401]);                  // a page has no user: an empty field
            var impressions = File.ReadAllLines(paths[5]);
            Assert.Equal("day,hour,user_id,post_id,position,post_age_hours,click,like,comment,share,friend_request,"
                         + "hide,block,dwell_seconds", impressions[0]);
            Assert.Equal(_world.Impressions.Count + 1, impressions.Length);
            Assert.DoesNotContain("topic", File.ReadAllLines(paths[4])[0]);  // the post's topic is hidden
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void TablesAreReadOnlyAndSizedAsConfigured()
    {
        WorldContract.TablesAreReadOnly(_world.Users, _world.Friendships, _world.Authors, _world.Follows, _world.Posts, _world.Impressions);
        var result = _world.Simulate(Chronological, _world.Days, seed: 1);
        WorldContract.TablesAreReadOnly(result.Log, result.UserOutcomes);
        Assert.Equal(400, _world.Users.Count);
        Assert.Equal(415, _world.Authors.Count);
        Assert.Equal(2_000, _world.Friendships.Count);   // 400 users × 10 friends / 2
        Assert.All(_world.Users, (u, i) => Assert.Equal(i, u.UserId));
        Assert.All(_world.Authors, (a, i) => Assert.Equal(i, a.AuthorId));
        Assert.All(_world.Posts, (p, i) => Assert.Equal(i, p.PostId));
        Assert.All(_world.Friendships, (f, i) => Assert.Equal(i, f.FriendshipId));
        Assert.All(_world.Authors, a => Assert.Equal(a.AuthorId < 400 ? a.AuthorId : null, a.UserId));
        // Posts known by a day are a prefix; the logged table ends with the log.
        Assert.All(_world.Posts, p => Assert.InRange(p.Day, 0, _world.Days - 1));
        Assert.Equal(_world.Posts.Count, _world.PostsThrough(_world.Days - 1).Count);
        Assert.True(_world.PostsThrough(_world.TotalDays - 1).Count > _world.Posts.Count);
    }

    [Fact]
    public void NetworkFollowsAndPostsAreConsistent()
    {
        var friends = _world.Friendships.Select(f => (f.UserId, f.FriendId)).ToHashSet();
        Assert.Equal(_world.Friendships.Count, friends.Count);
        Assert.All(_world.Friendships, f => Assert.True(f.UserId < f.FriendId));
        // Friends follow each other, flagged as friends; nobody else is flagged.
        Assert.Equal(2 * friends.Count, _world.Follows.Count(f => f.IsFriend));
        Assert.All(_world.Follows.Where(f => f.IsFriend), f =>
            Assert.Contains((Math.Min(f.UserId, f.AuthorId), Math.Max(f.UserId, f.AuthorId)), friends));
        Assert.All(_world.Follows, f => Assert.NotEqual(f.UserId, f.AuthorId));
        var followers = _world.Follows.GroupBy(f => f.AuthorId).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(_world.Authors, a => Assert.Equal(followers.GetValueOrDefault(a.AuthorId), a.Followers));
        Assert.All(_world.Posts, p => Assert.InRange(p.Hour, 0, 23));
        Assert.All(_world.Posts, p => Assert.All(p.Hashtags.Split(' ', StringSplitOptions.RemoveEmptyEntries), t => Assert.StartsWith("#", t)));
        Assert.All(_world.Posts, p => Assert.Contains(p.Media, FeedWorld.MediaTypes));
    }

    [Fact]
    public void ImpressionsAreConsistent()
    {
        var follows = _world.Follows.Select(f => (f.UserId, f.AuthorId)).ToHashSet();
        var friendFollows = _world.Follows.Where(f => f.IsFriend).Select(f => (f.UserId, f.AuthorId)).ToHashSet();
        Assert.NotEmpty(_world.Impressions);
        foreach (var i in _world.Impressions)
        {
            var post = _world.Posts[i.PostId];
            Assert.Contains((i.UserId, post.AuthorId), follows);                  // only followed authors' posts
            Assert.InRange(i.PostAgeHours, 1, FeedWorld.CandidateWindowDays * 24);  // created before the visit, fresh
            Assert.Equal((i.Day - post.Day) * 24 + i.Hour - post.Hour, i.PostAgeHours);
            Assert.InRange(i.Position, 1, FeedWorldFixture.Small.Slots);
            Assert.True(i.DwellSeconds > 0);
            if (i.Hide || i.Block) Assert.DoesNotContain(Positive, r => i.Reacted(r));   // a hide rules out the rest
            if (i.FriendRequest) Assert.True(post.AuthorId < _world.Users.Count && !friendFollows.Contains((i.UserId, post.AuthorId)));
        }
        // Nobody sees a post twice; every visit fills slots 1, 2, … without gaps.
        Assert.Equal(_world.Impressions.Count, _world.Impressions.Select(i => (i.UserId, i.PostId)).Distinct().Count());
        foreach (var visit in _world.Impressions.GroupBy(i => (i.Day, i.UserId)))
            Assert.Equal(Enumerable.Range(1, visit.Count()), visit.Select(i => i.Position));
    }

    [Fact]
    public void LogFollowsTheTruth()
    {
        var log = _world.Impressions;
        for (int r = 0; r < FeedWorld.Reactions.Count; r++)
        {
            string reaction = FeedWorld.Reactions[r];
            double expected = log.Average(i => FeedWorld.ExaminationProbability(i.Position)
                                               * _world.Truth.ReactionProbabilities(i.UserId, i.PostId, i.PostAgeHours)[r]);
            double observed = log.Average(i => i.Reacted(reaction) ? 1.0 : 0.0);
            double se = Math.Sqrt(expected * (1 - expected) / log.Count);
            Assert.True(Math.Abs(observed - expected) < 4 * se + 1e-9,
                $"{reaction}: observed {observed:F5}, truth {expected:F5}, 4 SE = {4 * se:F5}");
        }
        // Position bias shows: the top slot is clicked more than the last one.
        double Ctr(int position) => log.Where(i => i.Position == position).Average(i => i.Click ? 1.0 : 0.0);
        Assert.True(Ctr(1) > 1.3 * Ctr(FeedWorldFixture.Small.Slots), $"slot 1 CTR {Ctr(1):P1}, last slot {Ctr(8):P1}");
    }

    [Fact]
    public void PassiveUsersReactRarelyButTheirDwellStillShowsInterest()
    {
        var passive = _world.Impressions.Where(i => _world.Truth.IsPassive(i.UserId)).ToArray();
        var active = _world.Impressions.Where(i => !_world.Truth.IsPassive(i.UserId)).ToArray();
        double Likes(FeedImpression[] rows) => rows.Average(i => i.Like ? 1.0 : 0.0);
        Assert.True(Likes(passive) < 0.3 * Likes(active), $"passive {Likes(passive):P2}, active {Likes(active):P2}");
        // Among a passive user's impressions, posts they find more interesting are skipped less.
        var byInterest = passive.OrderBy(i => _world.Truth.Interest(i.UserId, i.PostId, i.PostAgeHours)).ToArray();
        int half = byInterest.Length / 2;
        double SkipRate(IEnumerable<FeedImpression> rows) => rows.Average(i => i.Skipped ? 1.0 : 0.0);
        Assert.True(SkipRate(byInterest.Take(half)) > SkipRate(byInterest.Skip(half)));
        double Dwell(IEnumerable<FeedImpression> rows) => rows.Average(i => i.DwellSeconds);
        Assert.True(Dwell(byInterest.Skip(half)) > 1.2 * Dwell(byInterest.Take(half)));
    }

    [Fact]
    public void StaticFactsMatchTheChapter()
    {
        // 0.88^(k−1): 1, 0.88, 0.88² = 0.7744.
        Assert.Equal(1, FeedWorld.ExaminationProbability(1));
        Assert.Equal(0.88, FeedWorld.ExaminationProbability(2), 12);
        Assert.Equal(0.7744, FeedWorld.ExaminationProbability(3), 12);
        // The chapter's weights.
        Assert.Equal([1.0, 5, 10, 20, 30, -20, -50], FeedWorld.ReactionWeights);
        Assert.Equal(20, FeedWorld.ReactionWeight("share"));
        // A click and a like earn 1 + 5 = 6; a hide and a block −20 − 50 = −70.
        var clickLike = new FeedImpression(0, 9, 0, 0, 1, 2, Click: true, Like: true, false, false, false, false, false, 3.0);
        Assert.Equal(6, clickLike.Engagement());
        var hideBlock = new FeedImpression(0, 9, 0, 0, 1, 2, false, false, false, false, false, Hide: true, Block: true, 0.2);
        Assert.Equal(-70, hideBlock.Engagement());
        Assert.True(hideBlock.Skipped);
        Assert.False(clickLike.Skipped);
    }

    [Fact]
    public void TruthFormulasAsDocumented()
    {
        // Recompute the documented formulas from the truth's parts for a passive user (reactivity exactly −2.5).
        int user = Enumerable.Range(0, _world.Users.Count).First(u => _world.Truth.IsPassive(u));
        var post = _world.Posts.First(p => p.AuthorId < _world.Users.Count && p.AuthorId != user);
        double age = 5;
        int topic = FeedWorld.Topics.ToList().IndexOf(_world.Truth.PostTopic(post.PostId));
        double media = post.Media switch { "image" => 0.2, "video" => 0.3, _ => 0 };
        double z = _world.Truth.Affinity(user, post.AuthorId) + _world.Truth.TopicTaste(user)[topic]
                   + _world.Truth.PostQuality(post.PostId) + media - 0.02 * age;
        Assert.Equal(z, _world.Truth.Interest(user, post.PostId, age), 12);

        static double S(double x) => 1 / (1 + Math.Exp(-x));
        double a = -2.5;
        double hide = S(-4.0 - 0.9 * z + 0.4 * a), block = S(-5.5 - 0.8 * z + 0.4 * a);
        double click = (1 - hide) * (1 - block) * S(-1.0 + z + a);
        var p = _world.Truth.ReactionProbabilities(user, post.PostId, age);
        Assert.Equal(click, p[0], 12);
        Assert.Equal(hide, p[5], 12);
        Assert.Equal(block, p[6], 12);
        Assert.Equal(p.Zip(FeedWorld.ReactionWeights, (x, w) => x * w).Sum(), _world.Truth.ExpectedEngagement(user, post.PostId, age), 12);
        double mediaDwell = post.Media switch { "image" => 0.2, "video" => 0.7, _ => 0 };
        Assert.Equal(Math.Exp(Math.Log(2.5) + 0.5 * z + mediaDwell + 0.18), _world.Truth.ExpectedDwellSeconds(user, post.PostId, age), 9);
        // Friend requests go only to user authors who are not friends yet: never to a page or a friend.
        var page = _world.Posts.First(q => q.AuthorId >= _world.Users.Count);
        Assert.Equal(0, _world.Truth.ReactionProbability(user, page.PostId, age, "friend_request"));
        var friend = _world.Follows.First(f => f.IsFriend);
        var friendPost = _world.Posts.FirstOrDefault(q => q.AuthorId == friend.AuthorId);
        if (friendPost is not null) Assert.Equal(0, _world.Truth.ReactionProbability(friend.UserId, friendPost.PostId, age, "friend_request"));
    }

    [Fact]
    public void TheTopicTrendStartsOnItsDay()
    {
        var all = _world.PostsThrough(_world.TotalDays - 1);
        double Share(IEnumerable<FeedPost> posts) => posts.Average(p => _world.Truth.PostTopic(p.PostId) == FeedWorld.TrendTopic ? 1.0 : 0.0);
        double before = Share(all.Where(p => p.Day < _world.TrendStartDay)), after = Share(all.Where(p => p.Day >= _world.TrendStartDay));
        Assert.True(after > 1.3 * before, $"trend topic share {before:P1} before, {after:P1} after");
    }

    [Fact]
    public void TheReactionMixShiftMovesLikesToShares()
    {
        var shifted = FeedWorld.Generate(7, FeedWorldFixture.Small with { ReactionMixShiftDay = _world.Days + 1 });
        var post = shifted.PostsThrough(_world.Days).First(p => p.Day == _world.Days && p.Hour < 20);
        int user = _world.Follows.First(f => f.AuthorId == post.AuthorId).UserId;
        // The same post seen 2 hours after creation (day Days) and 26 hours after (day Days + 1, after the shift).
        double before = 2, after = 26;
        var p0 = shifted.Truth.ReactionProbabilities(user, post.PostId, before);
        var p1 = shifted.Truth.ReactionProbabilities(user, post.PostId, after);
        var q1 = _world.Truth.ReactionProbabilities(user, post.PostId, after);   // the same world without the shift
        Assert.Equal(p0, _world.Truth.ReactionProbabilities(user, post.PostId, before));
        Assert.True(p1[1] < q1[1] && p1[3] > q1[3], "after the shift likes fall and shares rise");
        Assert.Equal(q1[0], p1[0], 12);   // clicks do not move
    }

    [Fact]
    public void SimulationIsReproducibleFairAndTheOracleWins()
    {
        var a = _world.Simulate(Chronological, _world.Days, seed: 3, days: 2);
        var b = _world.Simulate(Chronological, _world.Days, seed: 3, days: 2);
        Assert.Equal(a.Log, b.Log);
        Assert.Equal(a.UserOutcomes.Select(u => (u.UserId, u.Visits, u.Engagement)), b.UserOutcomes.Select(u => (u.UserId, u.Visits, u.Engagement)));
        var oracle = _world.Simulate(Oracle, _world.Days, seed: 3, days: 2);
        // Common random numbers: the same users visit the same number of times under both policies.
        Assert.Equal(a.UserOutcomes.Select(u => (u.UserId, u.Visits)), oracle.UserOutcomes.Select(u => (u.UserId, u.Visits)));
        Assert.True(oracle.EngagementPerVisit > 1.3 * a.EngagementPerVisit, $"oracle {oracle}; chronological {a}");
        Assert.Equal(a.Log.Sum(i => i.Engagement()), a.Engagement, 9);
        Assert.Equal(a.Log.Count(i => i.Click), a.ReactionCounts[0]);
        // An arm of users is simulated alone and reported in ascending order.
        var arm = _world.Simulate(Chronological, _world.Days, seed: 3, users: [5, 3, 1]);
        Assert.All(arm.Log, i => Assert.Contains(i.UserId, new[] { 1, 3, 5 }));
        Assert.Equal(arm.UserOutcomes.Select(u => u.UserId).Order(), arm.UserOutcomes.Select(u => u.UserId));
    }

    [Fact]
    public void BadInputIsNamed()
    {
        var option = Assert.Throws<ArgumentOutOfRangeException>(() => FeedWorld.Generate(1, FeedWorldFixture.Small with { Users = 5 }));
        Assert.Equal("options.Users", option.ParamName);
        Assert.Equal("options.PassiveShare",
            Assert.Throws<ArgumentOutOfRangeException>(() => FeedWorld.Generate(1, FeedWorldFixture.Small with { PassiveShare = 1 })).ParamName);
        Assert.Equal("day", Assert.Throws<ArgumentOutOfRangeException>(() => _world.Simulate(Chronological, _world.TotalDays, seed: 1)).ParamName);
        Assert.Equal("days", Assert.Throws<ArgumentOutOfRangeException>(() => _world.Simulate(Chronological, _world.Days, seed: 1, days: 99)).ParamName);
        var notCandidate = Assert.Throws<ArgumentException>(() => _world.Simulate(_ => [0], _world.Days, seed: 1));
        Assert.Equal("policy", notCandidate.ParamName);
        Assert.Contains("not one of its candidates", notCandidate.Message);
        var twice = Assert.Throws<ArgumentException>(() =>
            _world.Simulate(r => [r.Candidates[0].PostId, r.Candidates[0].PostId], _world.Days, seed: 1));
        Assert.Contains("twice", twice.Message);
        Assert.Equal("users", Assert.Throws<ArgumentException>(() => _world.Simulate(Chronological, _world.Days, seed: 1, users: [2, 2])).ParamName);
        Assert.Equal("userId", Assert.Throws<ArgumentOutOfRangeException>(() => _world.Truth.Interest(-1, 0, 1)).ParamName);
        Assert.Equal("postId", Assert.Throws<ArgumentOutOfRangeException>(() => _world.Truth.Interest(0, int.MaxValue, 1)).ParamName);
        Assert.Equal("ageHours", Assert.Throws<ArgumentOutOfRangeException>(() => _world.Truth.Interest(0, 0, double.NaN)).ParamName);
        Assert.Equal("reaction", Assert.Throws<ArgumentException>(() => FeedWorld.ReactionWeight("love")).ParamName);
        Assert.Equal("position", Assert.Throws<ArgumentOutOfRangeException>(() => FeedWorld.ExaminationProbability(0)).ParamName);
    }

    private static IReadOnlyList<int> Chronological(FeedRequest r) => [.. r.Candidates.Select(p => p.PostId)];

    private IReadOnlyList<int> Oracle(FeedRequest r) =>
        [.. r.Candidates.OrderByDescending(p => _world.Truth.ExpectedEngagement(r.UserId, p.PostId, r.AgeHours(p))).Select(p => p.PostId)];
}
