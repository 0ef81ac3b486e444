using System.Globalization;

namespace Mlsd.Data.Worlds;

/// <summary>
/// A synthetic social feed (the world of chapter 10, personalised news feed) generated from a seed: users with their
/// friendships, authors (every user, and pages) that users follow, posts with text, hashtags and media, and ten days of
/// feed visits in which each shown post drew any of seven reactions — click, like, comment, share, friend request, hide,
/// block — and some dwell time, all from a known ground-truth model of who likes what.
/// </summary>
/// <remarks>
/// <para><b>Why synthetic, and the ground truth</b> (<see cref="Truth"/>). No open data set logs feed impressions with
/// every reaction; a simulation also knows the exact probability of each. A user's interest in a post is one hidden
/// number (<see cref="GroundTruth.Interest"/>): the user's affinity with the author (close friends most), the user's
/// taste for the post's topic, the post's quality and media, minus a decay with the post's age. Each reaction, given
/// that the user scrolled to the post, is a logistic function of it (<see cref="GroundTruth.ReactionProbabilities"/>);
/// hide and block fall as interest rises, and a hide or a block rules out every positive reaction. A third of users are
/// <b>passive</b>: they read as much as anyone but rarely react, so only their dwell time shows what they like; a post
/// on screen for less than <see cref="SkipThresholdSeconds"/> is a skip.</para>
/// <para><b>What drifts.</b> From <see cref="FeedWorldOptions.TrendStartDay"/> (by default three days after the log) a
/// topic trend starts: the weight of <see cref="TrendTopic"/> in every post's topic draw triples, so its share of posts
/// rises, and everyone's interest in it rises by 0.8. An optional change in the reaction mix
/// (<see cref="FeedWorldOptions.ReactionMixShiftDay"/>) moves engagement from likes to shares.</para>
/// <para><b>The log.</b> Days 0 … <see cref="Days"/> − 1 were served by the current system: a chronological feed of
/// the unseen posts of the last two days from followed authors, newest first — so the log carries its biases: fresh
/// posts sit on top, and lower slots are looked at less (<see cref="ExaminationProbability"/>). At the default size:
/// 1,000 users, 6,000 friendships, 40 pages, about 5,000 logged posts and 39,000 impressions.</para>
/// <para><b>Simulation.</b> <see cref="Simulate"/> serves any ranking policy on later days with common random numbers.
/// The same seed gives the same tables, byte for byte (<see cref="WriteCsv"/>). The shape every world follows is in
/// Data/Worlds/README.md.</para>
/// </remarks>
/// <example>
/// <code>
/// var world = FeedWorld.Generate(seed: 42);
/// var shown = world.Impressions[0];
/// double[] p = world.Truth.ReactionProbabilities(shown.UserId, shown.PostId, shown.PostAgeHours);
/// double score = world.Truth.ExpectedEngagement(shown.UserId, shown.PostId, shown.PostAgeHours); // Σ P × weight
/// </code>
/// </example>
public sealed partial class FeedWorld
{
    /// <summary>The reactions the log records, in the order every per-reaction array uses.</summary>
    public static IReadOnlyList<string> Reactions { get; } = ["click", "like", "comment", "share", "friend_request", "hide", "block"];

    /// <summary>The chapter's weights of the reactions, in the order of <see cref="Reactions"/>: click 1, like 5,
    /// comment 10, share 20, friend request 30, hide −20, block −50.</summary>
    public static IReadOnlyList<double> ReactionWeights { get; } = [1, 5, 10, 20, 30, -20, -50];

    /// <summary>Topics of posts (the hidden topic shows in the words and hashtags).</summary>
    public static IReadOnlyList<string> Topics { get; } = ["sports", "politics", "music", "tech", "food", "travel", "pets", "science"];

    /// <summary>Media types of posts.</summary>
    public static IReadOnlyList<string> MediaTypes { get; } = ["text", "image", "video"];

    /// <summary>Countries of users.</summary>
    public static IReadOnlyList<string> Countries { get; } = ["US", "IN", "BR", "GB", "DE", "NG"];

    /// <summary>Age groups of users.</summary>
    public static IReadOnlyList<string> AgeGroups { get; } = ["13-17", "18-24", "25-34", "35-49", "50+"];

    /// <summary>The topic that trends from <see cref="TrendStartDay"/> on.</summary>
    public static string TrendTopic => Topics[TrendTopicIndex];

    /// <summary>Dwell time under which a shown post counts as skipped (scrolled past): 0.5 s.</summary>
    public const double SkipThresholdSeconds = 0.5;

    /// <summary>Days back a candidate post may come from: the visit's day and the day before.</summary>
    public const int CandidateWindowDays = 2;

    private const int TrendTopicIndex = 7;

    private readonly FeedUser[] _users;
    private readonly FeedFriendship[] _friendships;
    private readonly FeedAuthor[] _authors;
    private readonly FeedFollow[] _follows;
    private readonly FeedPost[] _posts;           // every post of every day, logged and future
    private readonly int[] _postsBeforeDay;       // _postsBeforeDay[d] = posts created before day d (length TotalDays + 1)
    private readonly FeedImpression[] _impressions;

    /// <summary>
    /// Generates the world; well under a second at the default size. The same <paramref name="seed"/> and options give
    /// identical tables (and identical <see cref="WriteCsv"/> bytes).
    /// </summary>
    /// <param name="seed">Fixes every random draw.</param>
    /// <param name="options">Sizes; null for the defaults.</param>
    public static FeedWorld Generate(int seed = 42, FeedWorldOptions? options = null)
    {
        options ??= new FeedWorldOptions();
        options.Validate();
        return new FeedWorld(seed, options);
    }

    /// <summary>The seed the world was generated from.</summary>
    public int Seed { get; }

    /// <summary>The sizes used.</summary>
    public FeedWorldOptions Options { get; }

    /// <summary>Days of logged feed visits (day 0 … Days − 1).</summary>
    public int Days => Options.Days;

    /// <summary>Days the world is defined for: the log, then the future days <see cref="Simulate"/> serves.</summary>
    public int TotalDays => Options.Days + Options.FutureDays;

    /// <summary>The first day of the topic trend.</summary>
    public int TrendStartDay => Options.ResolvedTrendStart;

    /// <summary>The users, indexed by id.</summary>
    public IReadOnlyList<FeedUser> Users { get; }

    /// <summary>The friendships, ordered by (user, friend).</summary>
    public IReadOnlyList<FeedFriendship> Friendships { get; }

    /// <summary>The authors, indexed by id: users 0 … Users − 1 (author id = user id), then the pages.</summary>
    public IReadOnlyList<FeedAuthor> Authors { get; }

    /// <summary>Who follows whom, ordered by (user, author): the sources of each user's feed.</summary>
    public IReadOnlyList<FeedFollow> Follows { get; }

    /// <summary>The posts of the logged days, indexed by id, in creation order (later posts continue the ids).</summary>
    public IReadOnlyList<FeedPost> Posts { get; }

    /// <summary>The impression log of days 0 … Days − 1, in visit then slot order.</summary>
    public IReadOnlyList<FeedImpression> Impressions { get; }

    /// <summary>The hidden model: for ceilings, oracles and checks, never as a feature.</summary>
    public GroundTruth Truth { get; }

    /// <summary>
    /// P(a user scrolls to slot <paramref name="position"/>) = 0.88^(position − 1): 1 at the top, 0.88 for the second
    /// slot, 0.88⁷ ≈ 0.41 for the eighth — the position bias of the log.
    /// </summary>
    public static double ExaminationProbability(int position)
    {
        WorldChecks.Position(position);
        return Math.Pow(ScrollContinuation, position - 1);
    }

    /// <summary>The chapter's weight of <paramref name="reaction"/> (one of <see cref="Reactions"/>): e.g. share → 20.</summary>
    /// <exception cref="ArgumentException">An unknown reaction name.</exception>
    public static double ReactionWeight(string reaction) => ReactionWeights[ReactionIndex(reaction)];

    /// <summary>
    /// Every post created before the end of <paramref name="day"/> (logged and future days), indexed by id: the
    /// prefix of the post table a system knows that day.
    /// </summary>
    public IReadOnlyList<FeedPost> PostsThrough(int day)
    {
        WorldChecks.Day(day, TotalDays);
        return new ArraySegment<FeedPost>(_posts, 0, _postsBeforeDay[day + 1]).AsReadOnly();
    }

    /// <summary>"FeedWorld seed 42: 1,000 users, 6,000 friendships, 40 pages, 3,000 posts, 40,000 impressions over 10 days (…)".</summary>
    public override string ToString()
    {
        int clicks = 0;
        double engagement = 0;
        foreach (var i in _impressions)
        {
            if (i.Click) clicks++;
            engagement += i.Engagement();
        }
        int n = Math.Max(1, _impressions.Length);
        return string.Create(CultureInfo.InvariantCulture,
            $"FeedWorld seed {Seed}: {_users.Length:N0} users, {_friendships.Length:N0} friendships, {Options.Pages:N0} pages, " +
            $"{Posts.Count:N0} posts, {_impressions.Length:N0} impressions over {Days} days (CTR {clicks / (double)n:P1}, " +
            $"engagement {engagement / n:N2} per impression)");
    }

    /// <summary>Index of a reaction in <see cref="Reactions"/>.</summary>
    internal static int ReactionIndex(string reaction, string argument = "reaction")
    {
        for (int r = 0; r < Reactions.Count; r++) if (Reactions[r] == reaction) return r;
        throw new ArgumentException($"{argument} must be one of {string.Join(", ", Reactions)} (got '{reaction}').", argument);
    }

    /// <summary>Hours between a post's creation and a visit on (day, hour).</summary>
    internal static double AgeHours(FeedPost post, int day, int hour) => (day - post.Day) * 24 + hour - post.Hour;

    private void CheckUser(int userId, string name = "userId") => WorldChecks.Id(userId, _users.Length, name);

    private void CheckPost(int postId, string name = "postId") => WorldChecks.Id(postId, _posts.Length, name);

    private void CheckAuthor(int authorId, string name = "authorId") => WorldChecks.Id(authorId, _authors.Length, name);
}
