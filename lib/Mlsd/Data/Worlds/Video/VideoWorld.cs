using System.Globalization;
using System.Runtime.CompilerServices;

namespace Mlsd.Data.Worlds;

/// <summary>
/// A synthetic video platform (the world of chapter 6, video recommendation) generated from a seed: users with
/// demographics and a hidden taste, videos with metadata and a hidden content vector, and a month of homepage
/// impressions with clicks, watch time, likes and dislikes drawn from a known ground-truth user model.
/// </summary>
/// <remarks>
/// <para><b>Ground truth.</b> Users fall into a few taste clusters (one per <see cref="Categories">category</see>;
/// which cluster is likely depends on age and country, so demographics help with cold start). A user's
/// affinity for a video is
/// <c>taste·content + quality(popularity) + language match</c> (<see cref="TrueAffinity"/>), plus a
/// <see cref="Freshness">freshness</see> bonus that fades over days. A shown video is looked at with a probability
/// that falls with its slot (<see cref="PositionBias"/>), clicked with σ(score − 2), and — once clicked — watched
/// past half with a probability that grows with the score and shrinks with length. Likes follow engaged views,
/// dislikes follow abandoned ones. A video the user has already clicked loses 2 from its score (people rarely
/// rewatch), so recommending what someone just saw is wasted space. Relevance is the chapter's rule: liked, or
/// watched at least half.</para>
/// <para><b>The log.</b> Days 0 … Days − 1 of sessions served by the platform's old recommender: a mix of
/// popular videos, videos of the user's main interest, fresh uploads and a little random exploration, mostly in
/// the user's language, never one they already clicked, in random slot order — so the log has popularity and
/// selection bias, like a real one. At the default size: 3,000 users, 2,000 videos, about 300,000 impressions,
/// 46,000 clicks and 27,000 relevant views over 30 days.</para>
/// <para><b>Cold start and the future.</b> Some users join and some videos appear during the log and after it
/// (<see cref="VideoWorldOptions.FutureDays"/>); those after it have no history at all. <see cref="Simulate"/>
/// serves any policy on those later days, drawing outcomes from the same ground truth, for online A/B tests.</para>
/// <para>Everything is drawn from <see cref="Sampler"/>s derived from the seed: the same seed gives the same
/// tables, byte for byte (<see cref="WriteCsv"/>).</para>
/// </remarks>
/// <example>
/// <code>
/// var world = new VideoWorld(seed: 42);
/// var relevant = world.Impressions.Where(i => i.IsRelevant).ToArray();
/// double p = world.ClickProbability(userId: 0, videoId: 10, day: 30);
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

    private const int TagsPerCategory = 5;
    private const double ClickOffset = 2.0;
    private const double RewatchPenalty = 2.0;
    private const double LikeAfterAbandon = 0.01;

    private static readonly double[] s_ageWeights = [0.10, 0.22, 0.26, 0.18, 0.13, 0.11];
    private static readonly double[] s_countryWeights = [0.30, 0.18, 0.12, 0.08, 0.08, 0.08, 0.06, 0.05, 0.05];
    private static readonly int[] s_countryLanguage = [0, 1, 2, 0, 3, 4, 5, 6, 4];
    private static readonly double[] s_videoLanguageWeights = [0.45, 0.12, 0.10, 0.07, 0.12, 0.07, 0.07];
    private static readonly double[] s_medianDuration = [900, 240, 300, 420, 360, 600, 720, 660];

    // Log-odds of each category being a user's main interest, by age bucket (rows) — hand-set so that age is
    // informative but not decisive: teenagers lean to gaming and music, older users to news, cooking and travel.
    private static readonly double[,] s_interestByAge =
    {
        //  Gam  Mus  Com  Spo  New  Coo  Edu  Tra
        { 2.0, 1.6, 1.4, 0.4, -1.0, -0.6, 0.6, -0.6 },
        { 1.5, 1.4, 1.4, 0.9, -0.5, 0.0, 0.6, 0.4 },
        { 0.6, 0.8, 0.8, 1.0, 0.5, 0.8, 0.8, 0.8 },
        { 0.0, 0.4, 0.4, 1.0, 1.0, 1.1, 0.6, 0.9 },
        { -0.6, 0.2, 0.0, 0.8, 1.5, 1.3, 0.3, 1.1 },
        { -1.2, 0.6, -0.2, 0.4, 1.9, 1.3, 0.2, 1.3 },
    };

    private readonly VideoUser[] _users;
    private readonly Video[] _videos;
    private readonly VideoImpression[] _impressions;

    // Hidden ground truth.
    private readonly float[][] _taste;       // users × TasteDimensions
    private readonly float[][] _content;     // videos × TasteDimensions
    private readonly double[] _quality;      // videos
    private readonly double[] _activity;     // users: mean sessions per day
    private readonly int[] _cluster;         // users: main interest (category index)
    private readonly int[] _userLanguage;
    private readonly int[] _userAge;
    private readonly int[] _userCountry;
    private readonly int[] _videoLanguage;
    private readonly int[] _videoCategory;
    private readonly int[] _videoUpload;
    private readonly int[][] _videoTags;
    private readonly double[] _lengthPenalty;   // videos: 0.3·ln(duration / 400 s)
    private readonly double[] _positionBias;    // index = position (1-based)
    private int[][] _loggedWatch = [];      // users: videos clicked in the log, ascending id
    private int[][] _loggedWatchDay = [];   // users: day of the first click, aligned with _loggedWatch

    // Candidate pools of the logging policy.
    private readonly int[] _byPopularity;            // video ids, most popular first
    private readonly ZipfDistribution _popularityZipf;
    private readonly int[][] _categoryByPopularity;  // per category, most popular first
    private readonly ZipfDistribution[] _categoryZipf;

    /// <summary>Generates the world. Well under a second at the default size.</summary>
    /// <param name="seed">Fixes every random draw: the same seed gives the same world.</param>
    /// <param name="options">Sizes; null for the defaults.</param>
    public VideoWorld(int seed = 42, VideoWorldOptions? options = null)
    {
        Options = options ?? new VideoWorldOptions();
        ValidateOptions(Options);
        Seed = seed;
        var root = new Sampler(seed);
        var worldSampler = root.Fork();
        var logSampler = root.Fork();

        int dims = Options.TasteDimensions, categories = Categories.Count;
        var centroids = new float[categories][];
        for (int c = 0; c < categories; c++) centroids[c] = RandomUnitVector(worldSampler, dims);

        // Creators: a home category, a language and a quality offset.
        var creatorCategory = new int[Options.Creators];
        var creatorLanguage = new int[Options.Creators];
        var creatorQuality = new double[Options.Creators];
        for (int c = 0; c < Options.Creators; c++)
        {
            creatorCategory[c] = worldSampler.Next(categories);
            creatorLanguage[c] = worldSampler.Categorical(s_videoLanguageWeights);
            creatorQuality[c] = worldSampler.Normal(0, 0.25);
        }

        // Videos: drawn, then sorted by upload day so that ids grow with time (new videos have the largest ids).
        int nv = Options.Videos;
        var creatorZipf = new ZipfDistribution(Options.Creators, 0.8);
        var drafts = new VideoDraft[nv];
        int loggedAndFuture = Options.Days + Options.FutureDays;
        for (int i = 0; i < nv; i++)
        {
            int creator = creatorZipf.Sample(worldSampler);
            int category = worldSampler.Bernoulli(0.8) ? creatorCategory[creator] : worldSampler.Next(categories);
            int upload = worldSampler.Bernoulli(Options.NewVideoShare) ? worldSampler.Next(loggedAndFuture) : -worldSampler.Next(1, 181);
            double duration = s_medianDuration[category] * Math.Exp(worldSampler.Normal(0, 0.6));
            int seconds = (int)Math.Clamp(Math.Round(duration), 15, 5400);
            var content = new float[dims];
            var noise = RandomUnitVector(worldSampler, dims);
            for (int d = 0; d < dims; d++) content[d] = centroids[category][d] + 0.45f * noise[d];
            Normalize(content);
            int tagCount = worldSampler.Next(2, 4);
            var tags = new List<int>();
            while (tags.Count < tagCount)
            {
                int t = category * TagsPerCategory + worldSampler.Next(TagsPerCategory);
                if (!tags.Contains(t)) tags.Add(t);
            }
            if (worldSampler.Bernoulli(0.3)) tags.Add(categories * TagsPerCategory + worldSampler.Next(TagsPerCategory));
            tags.Sort();
            drafts[i] = new VideoDraft(creator, category, creatorLanguage[creator], seconds, upload, content, tags.ToArray(), creatorQuality[creator], i);
        }
        Array.Sort(drafts, (a, b) => a.Upload != b.Upload ? a.Upload.CompareTo(b.Upload) : a.Order.CompareTo(b.Order));

        // Popularity: a random Zipf rank per video; quality (the part of appeal everyone shares) falls with rank.
        var rank = new int[nv];
        for (int i = 0; i < nv; i++) rank[i] = i;
        worldSampler.Shuffle(rank);
        _videos = new Video[nv];
        _content = new float[nv][];
        _quality = new double[nv];
        _videoLanguage = new int[nv];
        _videoCategory = new int[nv];
        _videoUpload = new int[nv];
        _videoTags = new int[nv][];
        _byPopularity = new int[nv];
        double logN = Math.Log(nv + 1);
        for (int v = 0; v < nv; v++)
        {
            var d = drafts[v];
            _videos[v] = new Video(v, d.Creator, Categories[d.Category], Languages[d.Language], d.Seconds, d.Upload, Array.ConvertAll(d.Tags, t => Tags[t]));
            _content[v] = d.Content;
            _quality[v] = 1.2 * (1 - Math.Log(rank[v] + 1) / logN) + d.CreatorQuality;
            _videoLanguage[v] = d.Language;
            _videoCategory[v] = d.Category;
            _videoUpload[v] = d.Upload;
            _videoTags[v] = d.Tags;
            _byPopularity[rank[v]] = v;
        }
        _popularityZipf = new ZipfDistribution(nv, 0.9);
        _categoryByPopularity = new int[categories][];
        _categoryZipf = new ZipfDistribution[categories];
        for (int c = 0; c < categories; c++)
        {
            _categoryByPopularity[c] = Array.FindAll(_byPopularity, v => _videoCategory[v] == c);
            _categoryZipf[c] = new ZipfDistribution(Math.Max(1, _categoryByPopularity[c].Length), 0.7);
        }

        // Countries nudge interests too (a random but fixed offset per country and category).
        var countryEffect = new double[Countries.Count, categories];
        for (int k = 0; k < Countries.Count; k++)
            for (int c = 0; c < categories; c++) countryEffect[k, c] = worldSampler.Normal(0, 0.7);

        // Users: demographics → main interest → taste vector; long-tailed activity; sorted by join day.
        int nu = Options.Users;
        var userDrafts = new UserDraft[nu];
        var logits = new double[categories];
        for (int i = 0; i < nu; i++)
        {
            int age = worldSampler.Categorical(s_ageWeights);
            int country = worldSampler.Categorical(s_countryWeights);
            int language = country == 1 && worldSampler.Bernoulli(0.4) ? 0 : s_countryLanguage[country];
            if (language != 0 && worldSampler.Bernoulli(0.1)) language = 0;
            double max = double.NegativeInfinity;
            for (int c = 0; c < categories; c++) max = Math.Max(max, logits[c] = 1.5 * s_interestByAge[age, c] + countryEffect[country, c]);
            var weights = new double[categories];
            for (int c = 0; c < categories; c++) weights[c] = Math.Exp(logits[c] - max);
            int main = worldSampler.Categorical(weights);
            int second = worldSampler.Categorical(weights);
            double strength = worldSampler.Uniform(2.0, 3.0);
            var noise = RandomUnitVector(worldSampler, dims);
            var taste = new float[dims];
            for (int d = 0; d < dims; d++) taste[d] = 0.8f * centroids[main][d] + 0.35f * centroids[second][d] + 0.35f * noise[d];
            Normalize(taste);
            for (int d = 0; d < dims; d++) taste[d] *= (float)strength;
            double activity = Options.SessionsPerUserDay * Math.Exp(worldSampler.Normal(0, 1) - 0.5);
            int join = worldSampler.Bernoulli(Options.NewUserShare) ? worldSampler.Next(1, loggedAndFuture) : -worldSampler.Next(0, 366);
            userDrafts[i] = new UserDraft(age, country, language, main, taste, activity, join, i);
        }
        Array.Sort(userDrafts, (a, b) => a.Join != b.Join ? a.Join.CompareTo(b.Join) : a.Order.CompareTo(b.Order));
        _users = new VideoUser[nu];
        _taste = new float[nu][];
        _activity = new double[nu];
        _cluster = new int[nu];
        _userLanguage = new int[nu];
        _userAge = new int[nu];
        _userCountry = new int[nu];
        for (int u = 0; u < nu; u++)
        {
            var d = userDrafts[u];
            _users[u] = new VideoUser(u, AgeBuckets[d.Age], Countries[d.Country], Languages[d.Language], d.Join);
            _taste[u] = d.Taste;
            _activity[u] = d.Activity;
            _cluster[u] = d.Main;
            _userLanguage[u] = d.Language;
            _userAge[u] = d.Age;
            _userCountry[u] = d.Country;
        }

        _lengthPenalty = new double[nv];
        for (int v = 0; v < nv; v++) _lengthPenalty[v] = 0.3 * Math.Log(_videos[v].DurationSeconds / 400.0);
        _positionBias = new double[Options.Slots + 1];
        for (int p = 1; p <= Options.Slots; p++) _positionBias[p] = PositionBias(p);
        _impressions = GenerateLog(logSampler);
    }

    /// <summary>The seed the world was generated from.</summary>
    public int Seed { get; }

    /// <summary>The sizes used.</summary>
    public VideoWorldOptions Options { get; }

    /// <summary>Days of logged impressions (the log covers days 0 … Days − 1).</summary>
    public int Days => Options.Days;

    /// <summary>The user table (id = index). The world's own array: read it, don't modify it.</summary>
    public VideoUser[] Users => _users;

    /// <summary>The video table (id = index). The world's own array: read it, don't modify it.</summary>
    public Video[] Videos => _videos;

    /// <summary>The impression log, in session order (days 0 … Days − 1). The world's own array: read it, don't modify it.</summary>
    public VideoImpression[] Impressions => _impressions;

    /// <summary>Ids of the videos that can be shown on <paramref name="day"/> (uploaded on or before it).</summary>
    public int[] VideosAvailableOn(int day)
    {
        int count = UpperBound(_videoUpload, day);
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
        return [_userAge[userId], _userCountry[userId], _userLanguage[userId]];
    }

    /// <summary>The video's categorical features as indices: [category, language, duration bucket, creator].</summary>
    public int[] VideoFeatureCodes(int videoId)
    {
        CheckVideo(videoId);
        int seconds = _videos[videoId].DurationSeconds;
        int bucket = seconds < 60 ? 0 : seconds < 240 ? 1 : seconds < 600 ? 2 : seconds < 1200 ? 3 : 4;
        return [_videoCategory[videoId], _videoLanguage[videoId], bucket, _videos[videoId].CreatorId];
    }

    /// <summary>The video's tags as indices into <see cref="Tags"/>.</summary>
    public int[] VideoTagCodes(int videoId)
    {
        CheckVideo(videoId);
        return (int[])_videoTags[videoId].Clone();
    }

    // ----- ground truth -----

    /// <summary>
    /// The hidden, day-independent affinity of a user for a video: taste·content (in about [−3, 3]) + quality
    /// (higher for popular videos, about [−0.5, 1.7]) + language match (+0.5 same language, −0.5 an English video
    /// for a non-English speaker, −2 otherwise). Higher means more likely to click and to watch.
    /// </summary>
    public double TrueAffinity(int userId, int videoId)
    {
        CheckUser(userId);
        CheckVideo(videoId);
        return Affinity(userId, videoId);
    }

    /// <summary>The freshness bonus of a video on a day: 0.8·e^{−age/5} for age = day − upload day ≥ 0, else 0.</summary>
    public double Freshness(int videoId, int day)
    {
        CheckVideo(videoId);
        return FreshnessOf(videoId, day);
    }

    /// <summary>P(a user even looks at slot <paramref name="position"/>) = position^−0.6 (1 at the top, ≈0.29 at slot 8).</summary>
    public static double PositionBias(int position)
    {
        if (position < 1) throw new ArgumentOutOfRangeException(nameof(position), position, "position must be at least 1 (1 = top slot).");
        return Math.Pow(position, -0.6);
    }

    /// <summary>P(click) = PositionBias(position) · σ(TrueAffinity + Freshness − 2), for a video the user has not clicked before.</summary>
    public double ClickProbability(int userId, int videoId, int day, int position = 1)
    {
        CheckUser(userId);
        CheckVideo(videoId);
        return PositionBias(position) * MathFunctions.Sigmoid(Affinity(userId, videoId) + FreshnessOf(videoId, day) - ClickOffset);
    }

    /// <summary>
    /// P(watched at least half | clicked) = σ(0.9·score − 1.4 − 0.3·ln(duration/400 s)) with score = TrueAffinity + Freshness:
    /// good matches get watched, long videos get abandoned more.
    /// </summary>
    public double EngagementProbability(int userId, int videoId, int day)
    {
        CheckUser(userId);
        CheckVideo(videoId);
        return Engagement(videoId, Affinity(userId, videoId) + FreshnessOf(videoId, day));
    }

    /// <summary>
    /// P(relevant) for a video shown at <paramref name="position"/>: P(click) · [m + (1 − m)·0.01], with m the
    /// <see cref="EngagementProbability"/> (relevant = watched ≥ half, or liked after abandoning, which happens 1% of the time).
    /// </summary>
    public double RelevanceProbability(int userId, int videoId, int day, int position = 1)
    {
        double m = EngagementProbability(userId, videoId, day);
        return ClickProbability(userId, videoId, day, position) * (m + (1 - m) * LikeAfterAbandon);
    }

    /// <summary>
    /// Expected seconds watched when the video is shown at <paramref name="position"/>: P(click) · E[fraction | click] · duration,
    /// with E[fraction | click] = 0.25 + 0.5·m (an engaged view watches a uniform share in [0.5, 1], an abandoned one in [0, 0.5)).
    /// </summary>
    public double ExpectedWatchSeconds(int userId, int videoId, int day, int position = 1)
    {
        double m = EngagementProbability(userId, videoId, day);
        return ClickProbability(userId, videoId, day, position) * (0.25 + 0.5 * m) * _videos[videoId].DurationSeconds;
    }

    /// <summary>The user's hidden main interest (a category index) — for checking what a model has learned, never as a feature.</summary>
    public int TrueInterest(int userId)
    {
        CheckUser(userId);
        return _cluster[userId];
    }

    /// <summary>A copy of the user's hidden taste vector.</summary>
    public float[] TrueTaste(int userId)
    {
        CheckUser(userId);
        return (float[])_taste[userId].Clone();
    }

    /// <summary>A copy of the video's hidden content vector (unit length).</summary>
    public float[] TrueContent(int videoId)
    {
        CheckVideo(videoId);
        return (float[])_content[videoId].Clone();
    }

    /// <summary>The user's mean number of homepage sessions per day (long-tailed across users).</summary>
    public double Activity(int userId)
    {
        CheckUser(userId);
        return _activity[userId];
    }

    /// <summary>
    /// The best possible policy: for each user, the available videos in decreasing <see cref="RelevanceProbability"/>
    /// on <paramref name="day"/> (videos the user clicked in the log count as rewatches) — an upper bound for what a
    /// model can reach. Each user's list is computed once and then reused.
    /// </summary>
    public Func<int, IReadOnlyList<int>> OraclePolicy(int day, int k = 10)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be at least 1.");
        int available = UpperBound(_videoUpload, day);
        var cache = new Dictionary<int, int[]>();
        return user =>
        {
            CheckUser(user);
            if (cache.TryGetValue(user, out var cached)) return cached;
            // Keep the k best in a small sorted buffer (insertion): O(videos · k) at worst, usually O(videos).
            int size = Math.Min(k, available);
            if (size == 0) return cache[user] = [];
            var bestIds = new int[size];
            var bestScores = new double[size];
            int filled = 0;
            for (int v = 0; v < available; v++)
            {
                double s = Affinity(user, v) + FreshnessOf(v, day) - (WatchedInLogBefore(user, v, day) ? RewatchPenalty : 0);
                double m = Engagement(v, s);
                double relevance = MathFunctions.Sigmoid(s - ClickOffset) * (m + (1 - m) * LikeAfterAbandon);
                if (filled == size && relevance <= bestScores[size - 1]) continue;
                int j = filled < size ? filled++ : size - 1;
                while (j > 0 && bestScores[j - 1] < relevance)
                {
                    bestScores[j] = bestScores[j - 1];
                    bestIds[j] = bestIds[j - 1];
                    j--;
                }
                bestScores[j] = relevance;
                bestIds[j] = v;
            }
            return cache[user] = bestIds;
        };
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

    // ----- internals -----

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double Affinity(int u, int v)
    {
        float[] taste = _taste[u], content = _content[v];
        float dot = 0;
        for (int d = 0; d < taste.Length; d++) dot += taste[d] * content[d];
        int ul = _userLanguage[u], vl = _videoLanguage[v];
        double language = ul == vl ? 0.5 : vl == 0 ? -0.5 : -2.0;
        return dot + _quality[v] + language;
    }

    private double FreshnessOf(int v, int day)
    {
        int age = day - _videoUpload[v];
        return age < 0 ? 0 : 0.8 * Math.Exp(-age / 5.0);
    }

    private double Engagement(int v, double score) => MathFunctions.Sigmoid(0.9 * score - 1.4 - _lengthPenalty[v]);

    /// <summary>
    /// Draws what the user does with a video in a slot, always consuming exactly six uniforms so that two policies
    /// simulated with the same seed face the same random numbers slot by slot (common random numbers).
    /// </summary>
    private VideoImpression Engage(Sampler s, int session, int day, int user, int video, int position, bool rewatch)
    {
        double uLook = s.Uniform(), uClick = s.Uniform(), uEngage = s.Uniform(), uShare = s.Uniform(), uLike = s.Uniform(), uDislike = s.Uniform();
        double score = Affinity(user, video) + FreshnessOf(video, day) - (rewatch ? RewatchPenalty : 0);
        bool clicked = uLook < _positionBias[position] && uClick < MathFunctions.Sigmoid(score - ClickOffset);
        if (!clicked) return new VideoImpression(session, day, user, video, position, false, 0f, 0, false, false);
        bool engaged = uEngage < Engagement(video, score);
        double fraction = engaged ? 0.5 + 0.5 * uShare : 0.5 * uShare;
        fraction = Math.Round(fraction, 3);
        if (!engaged && fraction >= 0.5) fraction = 0.499;
        bool liked = engaged ? uLike < MathFunctions.Sigmoid(0.7 * score - 3.8) : uLike < LikeAfterAbandon;
        bool disliked = !engaged && !liked && uDislike < MathFunctions.Sigmoid(-2.2 - 0.9 * score);
        float stored = (float)fraction;
        int seconds = (int)Math.Round((double)stored * _videos[video].DurationSeconds);
        return new VideoImpression(session, day, user, video, position, true, stored, seconds, liked, disliked);
    }

    private VideoImpression[] GenerateLog(Sampler sampler)
    {
        var log = new List<VideoImpression>(Options.Users * Options.Days / 2 * Options.Slots);
        var watched = new Dictionary<int, int>[_users.Length];   // video → day of first click
        for (int u = 0; u < watched.Length; u++) watched[u] = [];
        int session = 0;
        var slate = new int[Options.Slots];
        for (int day = 0; day < Options.Days; day++)
        {
            int available = UpperBound(_videoUpload, day);
            int freshStart = LowerBound(_videoUpload, day - 6);
            for (int u = 0; u < _users.Length && _users[u].JoinDay <= day; u++)
            {
                int sessions = sampler.Poisson(_activity[u]);
                for (int s = 0; s < sessions; s++)
                {
                    FillLoggedSlate(sampler, u, available, freshStart, watched[u], slate);
                    for (int p = 0; p < slate.Length; p++)
                    {
                        var impression = Engage(sampler, session, day, u, slate[p], p + 1, rewatch: false);
                        log.Add(impression);
                        if (impression.Clicked) watched[u].TryAdd(slate[p], day);
                    }
                    session++;
                }
            }
        }
        _loggedWatch = new int[_users.Length][];
        _loggedWatchDay = new int[_users.Length][];
        for (int u = 0; u < _users.Length; u++)
        {
            var videos = watched[u].Keys.ToArray();
            var days = watched[u].Values.ToArray();
            Array.Sort(videos, days);
            _loggedWatch[u] = videos;
            _loggedWatchDay[u] = days;
        }
        return log.ToArray();
    }

    /// <summary>
    /// The old recommender: 30% popular, 45% the user's main interest, 15% uniformly random (exploration),
    /// 10% fresh; mostly in the user's language or English; never a video the user already clicked; distinct;
    /// random order.
    /// </summary>
    private void FillLoggedSlate(Sampler sampler, int user, int available, int freshStart, Dictionary<int, int> watched, int[] slate)
    {
        int filled = 0, attempts = 0;
        while (filled < slate.Length)
        {
            attempts++;
            double r = sampler.Uniform();
            int video;
            if (attempts > 200 || r < 0.15)
            {
                video = sampler.Next(available);
            }
            else if (r < 0.25)
            {
                if (freshStart >= available) continue;
                video = sampler.Next(freshStart, available);
            }
            else if (r < 0.70)
            {
                int c = _cluster[user];
                var pool = _categoryByPopularity[c];
                if (pool.Length == 0) continue;
                video = pool[_categoryZipf[c].Sample(sampler)];
            }
            else
            {
                video = _byPopularity[_popularityZipf.Sample(sampler)];
            }
            if (video >= available || watched.ContainsKey(video) || Array.IndexOf(slate, video, 0, filled) >= 0) continue;
            int language = _videoLanguage[video];
            if (language != _userLanguage[user] && language != 0 && attempts <= 200 && sampler.Bernoulli(0.8)) continue;
            slate[filled++] = video;
        }
        sampler.Shuffle(slate);
    }

    /// <summary>Whether the user clicked the video in the log before <paramref name="day"/>.</summary>
    private bool WatchedInLogBefore(int user, int video, int day)
    {
        int k = Array.BinarySearch(_loggedWatch[user], video);
        return k >= 0 && _loggedWatchDay[user][k] < day;
    }

    private static void ValidateOptions(VideoWorldOptions o)
    {
        if (o.Users < 10) throw new ArgumentOutOfRangeException(nameof(o.Users), o.Users, "options.Users must be at least 10.");
        if (o.Videos < 50) throw new ArgumentOutOfRangeException(nameof(o.Videos), o.Videos, "options.Videos must be at least 50.");
        if (o.Creators < 1 || o.Creators > o.Videos) throw new ArgumentOutOfRangeException(nameof(o.Creators), o.Creators, "options.Creators must be in [1, Videos].");
        if (o.Days < 1) throw new ArgumentOutOfRangeException(nameof(o.Days), o.Days, "options.Days must be at least 1.");
        if (o.FutureDays < 0) throw new ArgumentOutOfRangeException(nameof(o.FutureDays), o.FutureDays, "options.FutureDays must be non-negative.");
        if (o.Slots < 1 || o.Slots > 40) throw new ArgumentOutOfRangeException(nameof(o.Slots), o.Slots, "options.Slots must be in [1, 40].");
        if (!(o.SessionsPerUserDay > 0 && o.SessionsPerUserDay <= 10)) throw new ArgumentOutOfRangeException(nameof(o.SessionsPerUserDay), o.SessionsPerUserDay, "options.SessionsPerUserDay must be in (0, 10].");
        if (o.TasteDimensions < 4) throw new ArgumentOutOfRangeException(nameof(o.TasteDimensions), o.TasteDimensions, "options.TasteDimensions must be at least 4.");
        if (!(o.NewUserShare >= 0 && o.NewUserShare < 1)) throw new ArgumentOutOfRangeException(nameof(o.NewUserShare), o.NewUserShare, "options.NewUserShare must be in [0, 1).");
        if (!(o.NewVideoShare >= 0 && o.NewVideoShare < 1)) throw new ArgumentOutOfRangeException(nameof(o.NewVideoShare), o.NewVideoShare, "options.NewVideoShare must be in [0, 1).");
    }

    private void CheckUser(int userId)
    {
        if ((uint)userId >= (uint)_users.Length) throw new ArgumentOutOfRangeException(nameof(userId), userId, $"userId must be in [0, {_users.Length}).");
    }

    private void CheckVideo(int videoId)
    {
        if ((uint)videoId >= (uint)_videos.Length) throw new ArgumentOutOfRangeException(nameof(videoId), videoId, $"videoId must be in [0, {_videos.Length}).");
    }

    private static float[] RandomUnitVector(Sampler sampler, int dims)
    {
        var v = new float[dims];
        for (int d = 0; d < dims; d++) v[d] = (float)sampler.Normal();
        Normalize(v);
        return v;
    }

    private static void Normalize(float[] v)
    {
        double sum = 0;
        foreach (float x in v) sum += x * x;
        float norm = (float)Math.Sqrt(sum);
        if (norm > 0)
            for (int d = 0; d < v.Length; d++) v[d] /= norm;
    }

    /// <summary>Number of entries ≤ value in an ascending array.</summary>
    private static int UpperBound(int[] sorted, int value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>Index of the first entry ≥ value in an ascending array.</summary>
    private static int LowerBound(int[] sorted, int value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private readonly record struct VideoDraft(int Creator, int Category, int Language, int Seconds, int Upload, float[] Content, int[] Tags, double CreatorQuality, int Order);

    private readonly record struct UserDraft(int Age, int Country, int Language, int Main, float[] Taste, double Activity, int Join, int Order);
}
