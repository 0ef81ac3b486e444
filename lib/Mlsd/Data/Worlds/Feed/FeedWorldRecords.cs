using System.Globalization;

namespace Mlsd.Data.Worlds;

/// <summary>How big a <see cref="FeedWorld"/> to generate. The defaults give about 40,000 logged impressions: enough
/// shares and comments for per-reaction models and confidence intervals, small enough that notebook 09 trains several
/// models in seconds.</summary>
public sealed record FeedWorldOptions
{
    /// <summary>Number of users; every user is also an author (ids 0 … Users − 1 in both tables) (default 1,000).</summary>
    public int Users { get; init; } = 1_000;

    /// <summary>Number of pages (news outlets, clubs, brands): authors Users … Users + Pages − 1 (default 40).</summary>
    public int Pages { get; init; } = 40;

    /// <summary>Days of logged feed visits, day 0 … Days − 1 (default 10).</summary>
    public int Days { get; init; } = 10;

    /// <summary>Days after the log the simulator may serve, for online tests (default 7).</summary>
    public int FutureDays { get; init; } = 7;

    /// <summary>Mean number of friends per user (default 12).</summary>
    public double MeanFriends { get; init; } = 12;

    /// <summary>Share of passive users, who read but rarely react (default 0.3).</summary>
    public double PassiveShare { get; init; } = 0.3;

    /// <summary>Posts shown per feed visit: the slots (default 8).</summary>
    public int Slots { get; init; } = 8;

    /// <summary>
    /// The first day of a topic trend: from this day on the weight of <see cref="FeedWorld.TrendTopic"/> in every post's
    /// topic draw triples, so its share of posts rises, and everyone likes it more (default Days + 3, inside the future
    /// days; past the last day: off).
    /// </summary>
    public int? TrendStartDay { get; init; }

    /// <summary>
    /// The first day of a change in the reaction mix (a redesigned share button): from this visit day on the logit of a
    /// like drops by 0.8 and that of a share rises by 0.8 (default null: no change). The monitoring step sets it.
    /// </summary>
    public int? ReactionMixShiftDay { get; init; }

    /// <summary>The trend's first day with the default resolved.</summary>
    internal int ResolvedTrendStart => TrendStartDay ?? Days + 3;

    internal void Validate()
    {
        WorldChecks.Option(Users >= 20, Users, nameof(Users), "at least 20");
        WorldChecks.Option(Pages >= 1 && Pages <= 10_000, Pages, nameof(Pages), "between 1 and 10,000");
        WorldChecks.Option(Days >= 1 && Days <= 365, Days, nameof(Days), "between 1 and 365");
        WorldChecks.Option(FutureDays >= 0 && FutureDays <= 365, FutureDays, nameof(FutureDays), "between 0 and 365");
        WorldChecks.Option(MeanFriends >= 1 && MeanFriends <= Users / 2.0, MeanFriends, nameof(MeanFriends), "between 1 and Users / 2");
        WorldChecks.Option(PassiveShare >= 0 && PassiveShare < 1, PassiveShare, nameof(PassiveShare), "in [0, 1)");
        WorldChecks.Option(Slots >= 1 && Slots <= 50, Slots, nameof(Slots), "in [1, 50]");
        WorldChecks.Option(ReactionMixShiftDay is null or >= 0, ReactionMixShiftDay ?? 0, nameof(ReactionMixShiftDay), "0 or more");
        WorldChecks.Option(TrendStartDay is null or >= 0, TrendStartDay ?? 0, nameof(TrendStartDay), "0 or more");
    }
}

/// <summary>A user of the feed, with what the platform knows (tastes and passivity are in <see cref="FeedWorld.Truth"/>).</summary>
/// <param name="UserId">Row index in <see cref="FeedWorld.Users"/>; the same number is the user's <c>AuthorId</c>.</param>
/// <param name="Country">One of <see cref="FeedWorld.Countries"/>.</param>
/// <param name="AgeGroup">One of <see cref="FeedWorld.AgeGroups"/>.</param>
/// <param name="AccountAgeDays">Days since sign-up, on day 0.</param>
public sealed record FeedUser(int UserId, string Country, string AgeGroup, int AccountAgeDays);

/// <summary>A mutual friendship (formed before the log; the network does not change during it).</summary>
/// <param name="FriendshipId">Row index in <see cref="FeedWorld.Friendships"/>.</param>
/// <param name="UserId">The user with the smaller id.</param>
/// <param name="FriendId">The user with the larger id.</param>
public sealed record FeedFriendship(int FriendshipId, int UserId, int FriendId);

/// <summary>Someone whose posts can appear in a feed: a user (AuthorId = UserId) or a page.</summary>
/// <param name="AuthorId">Row index in <see cref="FeedWorld.Authors"/>: users first, then pages.</param>
/// <param name="Kind">"user" or "page".</param>
/// <param name="UserId">The user behind the author; null for a page.</param>
/// <param name="MainTopic">The topic the author posts about most, one of <see cref="FeedWorld.Topics"/>.</param>
/// <param name="Followers">Users who follow the author (friends count as followers).</param>
public sealed record FeedAuthor(int AuthorId, string Kind, int? UserId, string MainTopic, int Followers);

/// <summary>A user following an author: the source of the user's feed candidates. Friends follow each other.</summary>
/// <param name="UserId">The follower.</param>
/// <param name="AuthorId">The author followed.</param>
/// <param name="IsFriend">Whether the author is a user who is the follower's friend.</param>
public readonly record struct FeedFollow(int UserId, int AuthorId, bool IsFriend);

/// <summary>A post. Its topic is not a column: the text and hashtags reveal it, as in a real feed.</summary>
/// <param name="PostId">Row index in <see cref="FeedWorld.Posts"/> (ids follow creation time).</param>
/// <param name="AuthorId">Who posted it.</param>
/// <param name="Day">Creation day.</param>
/// <param name="Hour">Creation hour, 0 … 23.</param>
/// <param name="Media">"text", "image" or "video".</param>
/// <param name="Text">A few words of the post.</param>
/// <param name="Hashtags">Hashtags, space-separated, each starting with '#'.</param>
public sealed record FeedPost(int PostId, int AuthorId, int Day, int Hour, string Media, string Text, string Hashtags);

/// <summary>
/// One post shown in one slot of one feed visit, with what the user did: the row of the impression log. A user may
/// react in several ways to one post (click and like and share); a hide or a block excludes every positive reaction.
/// </summary>
/// <param name="Day">Day of the visit.</param>
/// <param name="Hour">Hour of the visit.</param>
/// <param name="UserId">The viewer.</param>
/// <param name="PostId">The post shown.</param>
/// <param name="Position">Slot, 1 = top; lower slots are scrolled to less often.</param>
/// <param name="PostAgeHours">Hours between the post's creation and the visit.</param>
/// <param name="Click">Opened the post (link, photo, "see more").</param>
/// <param name="Like">Liked it.</param>
/// <param name="Comment">Commented.</param>
/// <param name="Share">Shared it.</param>
/// <param name="FriendRequest">Sent the author a friend request (only possible for a user author who is not a friend).</param>
/// <param name="Hide">Hid the post.</param>
/// <param name="Block">Blocked the author.</param>
/// <param name="DwellSeconds">Seconds the post was on screen.</param>
public readonly record struct FeedImpression(int Day, int Hour, int UserId, int PostId, int Position, double PostAgeHours,
    bool Click, bool Like, bool Comment, bool Share, bool FriendRequest, bool Hide, bool Block, double DwellSeconds)
{
    /// <summary>Scrolled past: on screen for less than <see cref="FeedWorld.SkipThresholdSeconds"/> (0.5 s).</summary>
    public bool Skipped => DwellSeconds < FeedWorld.SkipThresholdSeconds;

    /// <summary>The reaction named <paramref name="reaction"/> (one of <see cref="FeedWorld.Reactions"/>).</summary>
    /// <exception cref="ArgumentException">An unknown reaction name.</exception>
    public bool Reacted(string reaction) => FeedWorld.ReactionIndex(reaction) switch
    {
        0 => Click,
        1 => Like,
        2 => Comment,
        3 => Share,
        4 => FriendRequest,
        5 => Hide,
        _ => Block,
    };

    /// <summary>Σ weight × reaction with the chapter's weights (<see cref="FeedWorld.ReactionWeight"/>): the engagement
    /// the impression earned, e.g. click + like = 1 + 5 = 6.</summary>
    public double Engagement()
    {
        double total = 0;
        for (int r = 0; r < FeedWorld.Reactions.Count; r++) if (Reacted(FeedWorld.Reactions[r])) total += FeedWorld.ReactionWeights[r];
        return total;
    }
}

/// <summary>
/// What the platform knows when a user opens the feed: who, when, and the unseen candidate posts from the authors the
/// user follows (created in the last two days, before the visit, not shown to the user before). A policy returns the
/// candidates' post ids, best first; the first <see cref="FeedWorldOptions.Slots"/> are shown.
/// </summary>
public sealed class FeedRequest
{
    internal FeedRequest(int userId, int day, int hour, FeedPost[] candidates)
    {
        UserId = userId;
        Day = day;
        Hour = hour;
        Candidates = Array.AsReadOnly(candidates);
    }

    /// <summary>The viewer.</summary>
    public int UserId { get; }

    /// <summary>Day of the visit.</summary>
    public int Day { get; }

    /// <summary>Hour of the visit.</summary>
    public int Hour { get; }

    /// <summary>The unseen posts that may be shown, newest first.</summary>
    public IReadOnlyList<FeedPost> Candidates { get; }

    /// <summary>Hours between <paramref name="post"/>'s creation and this visit.</summary>
    public double AgeHours(FeedPost post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return FeedWorld.AgeHours(post, Day, Hour);
    }

    /// <summary>"user 42 on day 10 at 18h: 14 candidates".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"user {UserId} on day {Day} at {Hour}h: {Candidates.Count} candidates");
}

/// <summary>What one user did in the feed during a simulated period: the unit of an A/B test.</summary>
/// <param name="UserId">The user.</param>
/// <param name="Visits">Feed visits.</param>
/// <param name="Impressions">Posts shown.</param>
/// <param name="Reactions">Count of each reaction, in the order of <see cref="FeedWorld.Reactions"/>.</param>
/// <param name="Engagement">Σ weight × reaction over the user's impressions.</param>
/// <param name="DwellSeconds">Time spent on the shown posts.</param>
public sealed record FeedUserOutcome(int UserId, int Visits, int Impressions, IReadOnlyList<int> Reactions, double Engagement,
    double DwellSeconds);

/// <summary>The outcome of serving a feed policy (<see cref="FeedWorld.Simulate"/>): the impressions, per-user totals and
/// the headline rates.</summary>
public sealed class FeedSimulationResult
{
    internal FeedSimulationResult(int firstDay, int days, FeedImpression[] log, FeedUserOutcome[] users)
    {
        FirstDay = firstDay;
        Days = days;
        Log = Array.AsReadOnly(log);
        UserOutcomes = Array.AsReadOnly(users);
        var counts = new int[FeedWorld.Reactions.Count];
        foreach (var u in users)
        {
            Visits += u.Visits;
            Engagement += u.Engagement;
            DwellSeconds += u.DwellSeconds;
            for (int r = 0; r < counts.Length; r++) counts[r] += u.Reactions[r];
        }
        ReactionCounts = Array.AsReadOnly(counts);
    }

    /// <summary>The first day served.</summary>
    public int FirstDay { get; }

    /// <summary>The number of consecutive days served.</summary>
    public int Days { get; }

    /// <summary>Every impression, in visit then slot order — rows like <see cref="FeedWorld.Impressions"/>.</summary>
    public IReadOnlyList<FeedImpression> Log { get; }

    /// <summary>One row per served user with at least one visit, ascending id.</summary>
    public IReadOnlyList<FeedUserOutcome> UserOutcomes { get; }

    /// <summary>Feed visits.</summary>
    public int Visits { get; }

    /// <summary>Count of each reaction, in the order of <see cref="FeedWorld.Reactions"/>.</summary>
    public IReadOnlyList<int> ReactionCounts { get; }

    /// <summary>Σ weight × reaction over every impression.</summary>
    public double Engagement { get; }

    /// <summary>Seconds spent on shown posts.</summary>
    public double DwellSeconds { get; }

    /// <summary>Reactions of kind <paramref name="reaction"/> per impression.</summary>
    public double ReactionRate(string reaction) => Log.Count == 0 ? 0 : (double)ReactionCounts[FeedWorld.ReactionIndex(reaction)] / Log.Count;

    /// <summary>Clicks per impression.</summary>
    public double ClickThroughRate => ReactionRate("click");

    /// <summary>Engagement (Σ weight × reaction) per visit.</summary>
    public double EngagementPerVisit => Visits == 0 ? 0 : Engagement / Visits;

    /// <summary>Seconds spent on posts per visit.</summary>
    public double TimeSpentPerVisit => Visits == 0 ? 0 : DwellSeconds / Visits;

    /// <summary>"5,000 visits, 40,000 impressions: CTR 12.3%, engagement 4.1 per visit, 31.2 s per visit".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Visits:N0} visits, {Log.Count:N0} impressions: CTR {ClickThroughRate:P1}, engagement {EngagementPerVisit:N2} per visit, " +
        $"{TimeSpentPerVisit:N1} s per visit");
}
