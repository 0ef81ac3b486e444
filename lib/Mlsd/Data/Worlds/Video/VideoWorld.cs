using System.Globalization;

namespace Mlsd.Data.Worlds;

/// <summary>
/// A synthetic video platform (the world of chapter 6, video recommendation) generated from a seed: users with
/// demographics and a hidden taste, videos with metadata and a hidden content vector, and a month of homepage
/// impressions with clicks, watch time, likes and dislikes drawn from a known ground-truth user model.
/// </summary>
/// <remarks>
/// <para><b>Ground truth</b> (<see cref="Truth"/>). Users fall into a few taste clusters (one per
/// <see cref="Categories">category</see>; which cluster is likely depends on age and country, so demographics help
/// with cold start). A user's affinity for a video is <c>taste·content + quality(popularity) + language match</c>
/// (<see cref="GroundTruth.Affinity"/>), plus a <see cref="GroundTruth.Freshness">freshness</see> bonus that fades
/// over days. A shown video is looked at with a probability that falls with its slot
/// (<see cref="ExaminationProbability"/>), clicked with σ(score − 2), and — once clicked — watched past half with a
/// probability that grows with the score and shrinks with length. Likes follow engaged views, dislikes follow
/// abandoned ones. A video the user has already clicked loses 2 from its score (people rarely rewatch), so
/// recommending what someone just saw is wasted space. Relevance is the chapter's rule: liked, or watched at least
/// half.</para>
/// <para><b>The log.</b> Days 0 … Days − 1 of sessions served by the platform's old recommender: a mix of
/// popular videos, videos of the user's main interest, fresh uploads and a little random exploration, mostly in
/// the user's language, never one they already clicked, in random slot order — so the log has popularity and
/// selection bias, like a real one. At the default size: 3,000 users, 2,000 videos, about 300,000 impressions,
/// 46,000 clicks and 27,000 relevant views over 30 days.</para>
/// <para><b>Cold start and the future.</b> Some users join and some videos appear during the log and after it
/// (<see cref="VideoWorldOptions.FutureDays"/>); those after it have no history at all. <see cref="Simulate"/>
/// serves any policy on those later days, drawing outcomes from the same ground truth, for online A/B tests.</para>
/// <para>Everything is drawn from <see cref="Sampler"/>s derived from the seed: the same seed gives the same
/// tables, byte for byte (<see cref="WriteCsv"/>). The shape every world follows is in Data/Worlds/README.md.</para>
/// </remarks>
/// <example>
/// <code>
/// var world = VideoWorld.Generate(seed: 42);
/// var relevant = world.Impressions.Where(i => i.IsRelevant).ToArray();
/// double p = world.Truth.ClickProbability(userId: 0, videoId: 10, day: 30);
/// </code>
/// </example>
public sealed partial class VideoWorld
{
    /// <summary>Age buckets of users.</summary>
    public static IReadOnlyList<string> AgeBuckets { get; } = ["13-17", "18-24", "25-34", "35-44", "45-54", "55+"];

    /// <summary>Countries of users (ISO 3166 codes).</summary>
    public static IReadOnlyList<string> Countries { get; } = ["US", "IN", "BR", "GB", "DE", "MX", "FR", "JP", "ES"];

    /// <summary>Languages of users and videos (ISO 639-1 codes).</summary>
    public static IReadOnlyList<string> Languages { get; } = ["en", "hi", "pt", "de", "es", "fr", "ja"];

    /// <summary>Video categories; each is also the centre of one taste cluster.</summary>
    public static IReadOnlyList<string> Categories { get; } = ["Gaming", "Music", "Comedy", "Sports", "News", "Cooking", "Education", "Travel"];

    /// <summary>Duration buckets used as a categorical video feature (upper bounds in seconds: 60, 240, 600, 1200, ∞).</summary>
    public static IReadOnlyList<string> DurationBuckets { get; } = ["<1m", "1-4m", "4-10m", "10-20m", "20m+"];

    /// <summary>All tags: five per category (in category order), then five generic ones.</summary>
    public static IReadOnlyList<string> Tags { get; } =
    [
        "minecraft", "speedrun", "esports", "walkthrough", "retro",
        "cover", "live", "lyrics", "remix", "concert",
        "sketch", "standup", "prank", "parody", "memes",
        "football", "highlights", "basketball", "tennis", "workout",
        "politics", "world", "tech-news", "finance", "weather",
        "recipe", "baking", "vegan", "street-food", "quick-meals",
        "math", "science", "history", "coding", "language-learning",
        "vlog", "city-guide", "hiking", "budget-travel", "food-tour",
        "shorts", "tutorial", "4k", "review", "behind-the-scenes",
    ];

    private readonly VideoUser[] _users;
    private readonly Video[] _videos;
    private readonly VideoImpression[] _impressions;

    /// <summary>
    /// Generates the world; well under a second at the default size. The same <paramref name="seed"/> and options
    /// give identical tables (and identical <see cref="WriteCsv"/> bytes).
    /// </summary>
    /// <param name="seed">Fixes every random draw.</param>
    /// <param name="options">Sizes; null for the defaults.</param>
    public static VideoWorld Generate(int seed = 42, VideoWorldOptions? options = null)
    {
        options ??= new VideoWorldOptions();
        options.Validate();
        return new VideoWorld(seed, options);
    }

    /// <summary>The seed the world was generated from.</summary>
    public int Seed { get; }

    /// <summary>The sizes used.</summary>
    public VideoWorldOptions Options { get; }

    /// <summary>Days of logged impressions (the log covers days 0 … Days − 1).</summary>
    public int Days => Options.Days;

    /// <summary>Days the world is defined for: the log, then <see cref="VideoWorldOptions.FutureDays"/> for simulations (0 … TotalDays − 1).</summary>
    public int TotalDays => Options.Days + Options.FutureDays;

    /// <summary>The user table, indexed by id (ids follow join day).</summary>
    public IReadOnlyList<VideoUser> Users { get; }

    /// <summary>The video table, indexed by id (ids follow upload day).</summary>
    public IReadOnlyList<Video> Videos { get; }

    /// <summary>The impression log, in session order (days 0 … Days − 1).</summary>
    public IReadOnlyList<VideoImpression> Impressions { get; }

    /// <summary>The hidden model the log was drawn from: for checking what a model learned and for oracles, never as a feature.</summary>
    public GroundTruth Truth { get; }

    /// <summary>
    /// P(a user even looks at slot <paramref name="position"/>) = position^−0.6 (1 at the top, ≈0.29 at slot 8): the
    /// examination curve of the position-based click model, and so the position bias of the log.
    /// </summary>
    public static double ExaminationProbability(int position)
    {
        WorldChecks.Position(position);
        return Math.Pow(position, -ExaminationDecay);
    }

    /// <summary>Ids of the videos that can be shown on <paramref name="day"/> (uploaded on or before it).</summary>
    public int[] VideosAvailableOn(int day)
    {
        int count = AvailableVideoCount(day);
        var ids = new int[count];
        for (int v = 0; v < count; v++) ids[v] = v;
        return ids;
    }

    /// <summary>Ids of the users who exist on <paramref name="day"/> (joined on or before it).</summary>
    public int[] UsersActiveOn(int day)
    {
        int count = 0;
        while (count < _users.Length && _users[count].JoinDay <= day) count++;
        var ids = new int[count];
        for (int u = 0; u < count; u++) ids[u] = u;
        return ids;
    }

    /// <summary>
    /// Distinct (user, video) pairs with a relevant impression on days [<paramref name="fromDay"/>, <paramref name="toDay"/>),
    /// in order of first occurrence — the positives of a feedback matrix or of two-tower training.
    /// </summary>
    public (int UserId, int VideoId)[] RelevantPairs(int fromDay, int toDay)
    {
        var seen = new HashSet<(int, int)>();
        var pairs = new List<(int, int)>();
        foreach (var i in _impressions)
            if (i.Day >= fromDay && i.Day < toDay && i.IsRelevant && seen.Add((i.UserId, i.VideoId))) pairs.Add((i.UserId, i.VideoId));
        return [.. pairs];
    }

    /// <summary>
    /// Each user's relevant videos before <paramref name="beforeDay"/>, oldest first, distinct, keeping the most recent
    /// <paramref name="maxLength"/> — the watch history a user tower pools. Users with none get an empty array.
    /// </summary>
    public int[][] RelevantHistories(int beforeDay, int maxLength = 50)
    {
        if (maxLength < 1) throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "maxLength must be at least 1.");
        var lists = new List<int>[_users.Length];
        var seen = new HashSet<(int, int)>();
        foreach (var i in _impressions)
        {
            if (i.Day >= beforeDay || !i.IsRelevant || !seen.Add((i.UserId, i.VideoId))) continue;
            (lists[i.UserId] ??= []).Add(i.VideoId);
        }
        var result = new int[_users.Length][];
        for (int u = 0; u < result.Length; u++)
        {
            var list = lists[u];
            result[u] = list is null ? [] : list.Count <= maxLength ? [.. list] : list.GetRange(list.Count - maxLength, maxLength).ToArray();
        }
        return result;
    }

    // ----- features in model-ready form -----

    /// <summary>Cardinalities of <see cref="UserFeatureCodes"/>: age bucket, country, language.</summary>
    public IReadOnlyList<int> UserFieldCardinalities => [AgeBuckets.Count, Countries.Count, Languages.Count];

    /// <summary>Cardinalities of <see cref="VideoFeatureCodes"/>: category, language, duration bucket, creator.</summary>
    public IReadOnlyList<int> VideoFieldCardinalities => [Categories.Count, Languages.Count, DurationBuckets.Count, Options.Creators];

    /// <summary>The user's categorical features as indices: [age bucket, country, language] into the vocabularies above.</summary>
    public int[] UserFeatureCodes(int userId)
    {
        CheckUser(userId);
        var u = _userTraits;
        return [u.Age[userId], u.Country[userId], u.Language[userId]];
    }

    /// <summary>The video's categorical features as indices: [category, language, duration bucket, creator].</summary>
    public int[] VideoFeatureCodes(int videoId)
    {
        CheckVideo(videoId);
        int seconds = _videos[videoId].DurationSeconds;
        int bucket = seconds < 60 ? 0 : seconds < 240 ? 1 : seconds < 600 ? 2 : seconds < 1200 ? 3 : 4;
        return [_videoTraits.Category[videoId], _videoTraits.Language[videoId], bucket, _videos[videoId].CreatorId];
    }

    /// <summary>The video's tags as indices into <see cref="Tags"/>.</summary>
    public int[] VideoTagCodes(int videoId)
    {
        CheckVideo(videoId);
        return (int[])_videoTraits.Tags[videoId].Clone();
    }

    /// <summary>"VideoWorld seed 42: 4,000 users, 2,500 videos, 300,000 impressions over 30 days (…)".</summary>
    public override string ToString()
    {
        int clicks = 0, relevant = 0;
        foreach (var i in _impressions)
        {
            if (i.Clicked) clicks++;
            if (i.IsRelevant) relevant++;
        }
        return string.Create(CultureInfo.InvariantCulture,
            $"VideoWorld seed {Seed}: {_users.Length:N0} users, {_videos.Length:N0} videos, {_impressions.Length:N0} impressions over {Days} days ({clicks:N0} clicks, {relevant:N0} relevant)");
    }

    /// <summary>How many videos are uploaded by <paramref name="day"/>: ids are in upload order, so they are 0 … count − 1.</summary>
    private int AvailableVideoCount(int day) => SortedSearch.UpperBound<int>(_videoTraits.Upload, day);

    private void CheckUser(int userId) => WorldChecks.Id(userId, _users.Length, nameof(userId));

    private void CheckVideo(int videoId) => WorldChecks.Id(videoId, _videos.Length, nameof(videoId));
}
