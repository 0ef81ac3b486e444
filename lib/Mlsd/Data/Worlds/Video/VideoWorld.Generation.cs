namespace Mlsd.Data.Worlds;

// Generation: the private constructor runs one stage per method, in a fixed order. The catalogue and the users come
// from one forked sampler, the logged sessions from another, so changing how the log is drawn leaves the tables alone.
public sealed partial class VideoWorld
{
    private const int TagsPerCategory = 5;

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

    private VideoWorld(int seed, VideoWorldOptions options)
    {
        Seed = seed;
        Options = options;
        var root = new Sampler(seed);
        var worldSampler = root.Fork();
        var logSampler = root.Fork();

        var centroids = DrawCategoryCentroids(worldSampler, options.TasteDimensions);
        var creators = DrawCreators(worldSampler, options.Creators);
        (_videos, _videoTraits, var byPopularity) = DrawVideos(worldSampler, options, centroids, creators);
        _pools = BuildLoggingPools(byPopularity, _videoTraits.Category);
        (_users, _userTraits) = DrawUsers(worldSampler, options, centroids);
        _examination = new double[options.Slots + 1];
        for (int p = 1; p <= options.Slots; p++) _examination[p] = ExaminationProbability(p);
        (_impressions, _loggedWatches) = DrawLog(logSampler);

        Users = Array.AsReadOnly(_users);
        Videos = Array.AsReadOnly(_videos);
        Impressions = Array.AsReadOnly(_impressions);
        Truth = new GroundTruth(this);
    }

    /// <summary>Stage 1: one random unit vector per category, the centre of a taste cluster.</summary>
    private static float[][] DrawCategoryCentroids(Sampler sampler, int dims)
    {
        var centroids = new float[Categories.Count][];
        for (int c = 0; c < centroids.Length; c++) centroids[c] = RandomUnitVector(sampler, dims);
        return centroids;
    }

    private readonly record struct Creator(int Category, int Language, double Quality);

    /// <summary>Stage 2: creators, each with a home category, a language and a quality offset.</summary>
    private static Creator[] DrawCreators(Sampler sampler, int count)
    {
        var creators = new Creator[count];
        for (int c = 0; c < count; c++)
        {
            int category = sampler.Next(Categories.Count);
            int language = sampler.Categorical(s_videoLanguageWeights);
            creators[c] = new Creator(category, language, sampler.Normal(0, 0.25));
        }
        return creators;
    }

    private readonly record struct VideoDraft(int Creator, int Category, int Language, int Seconds, int Upload, float[] Content, int[] Tags, double CreatorQuality, int Order);

    /// <summary>
    /// Stage 3: videos, drawn then sorted by upload day so that ids grow with time (new videos have the largest ids);
    /// a random Zipf popularity rank per video, with quality (the appeal everyone shares) falling with rank.
    /// </summary>
    private static (Video[] Videos, VideoTraits Traits, int[] ByPopularity) DrawVideos(Sampler sampler, VideoWorldOptions options,
        float[][] centroids, Creator[] creators)
    {
        int nv = options.Videos, dims = options.TasteDimensions, categories = Categories.Count;
        var creatorZipf = new ZipfDistribution(creators.Length, 0.8);
        var drafts = new VideoDraft[nv];
        int totalDays = options.Days + options.FutureDays;
        for (int i = 0; i < nv; i++)
        {
            int creator = creatorZipf.Sample(sampler);
            int category = sampler.Bernoulli(0.8) ? creators[creator].Category : sampler.Next(categories);
            int upload = sampler.Bernoulli(options.NewVideoShare) ? sampler.Next(totalDays) : -sampler.Next(1, 181);
            double duration = s_medianDuration[category] * Math.Exp(sampler.Normal(0, 0.6));
            int seconds = (int)Math.Clamp(Math.Round(duration), 15, 5400);
            var content = new float[dims];
            var noise = RandomUnitVector(sampler, dims);
            for (int d = 0; d < dims; d++) content[d] = centroids[category][d] + 0.45f * noise[d];
            Normalize(content);
            int tagCount = sampler.Next(2, 4);
            var tags = new List<int>();
            while (tags.Count < tagCount)
            {
                int t = category * TagsPerCategory + sampler.Next(TagsPerCategory);
                if (!tags.Contains(t)) tags.Add(t);
            }
            if (sampler.Bernoulli(0.3)) tags.Add(categories * TagsPerCategory + sampler.Next(TagsPerCategory));
            tags.Sort();
            drafts[i] = new VideoDraft(creator, category, creators[creator].Language, seconds, upload, content, [.. tags],
                creators[creator].Quality, i);
        }
        Array.Sort(drafts, (a, b) => a.Upload != b.Upload ? a.Upload.CompareTo(b.Upload) : a.Order.CompareTo(b.Order));

        var rank = sampler.Permutation(nv);
        var videos = new Video[nv];
        var traits = new VideoTraits(new int[nv], new int[nv], new int[nv], new int[nv][], new float[nv][], new double[nv], new double[nv]);
        var byPopularity = new int[nv];
        double logN = Math.Log(nv + 1);
        for (int v = 0; v < nv; v++)
        {
            var d = drafts[v];
            videos[v] = new Video(v, d.Creator, Categories[d.Category], Languages[d.Language], d.Seconds, d.Upload,
                Array.AsReadOnly(Array.ConvertAll(d.Tags, t => Tags[t])));
            traits.Content[v] = d.Content;
            traits.Quality[v] = 1.2 * (1 - Math.Log(rank[v] + 1) / logN) + d.CreatorQuality;
            traits.Language[v] = d.Language;
            traits.Category[v] = d.Category;
            traits.Upload[v] = d.Upload;
            traits.Tags[v] = d.Tags;
            traits.LengthPenalty[v] = 0.3 * Math.Log(d.Seconds / 400.0);
            byPopularity[rank[v]] = v;
        }
        return (videos, traits, byPopularity);
    }

    /// <summary>Stage 4: the candidate pools of the old recommender that served the log — overall and per category, most popular first.</summary>
    private static LoggingPools BuildLoggingPools(int[] byPopularity, int[] videoCategory)
    {
        int categories = Categories.Count;
        var categoryByPopularity = new int[categories][];
        var categoryZipf = new ZipfDistribution[categories];
        for (int c = 0; c < categories; c++)
        {
            categoryByPopularity[c] = Array.FindAll(byPopularity, v => videoCategory[v] == c);
            categoryZipf[c] = new ZipfDistribution(Math.Max(1, categoryByPopularity[c].Length), 0.7);
        }
        return new LoggingPools(byPopularity, new ZipfDistribution(byPopularity.Length, 0.9), categoryByPopularity, categoryZipf);
    }

    private readonly record struct UserDraft(int Age, int Country, int Language, int Main, float[] Taste, double Activity, int Join, int Order);

    /// <summary>
    /// Stage 5: users — demographics → main interest → taste vector, long-tailed activity — sorted by join day.
    /// Countries nudge interests too (a random but fixed offset per country and category).
    /// </summary>
    private static (VideoUser[] Users, UserTraits Traits) DrawUsers(Sampler sampler, VideoWorldOptions options, float[][] centroids)
    {
        int categories = Categories.Count, dims = options.TasteDimensions, nu = options.Users;
        var countryEffect = new double[Countries.Count, categories];
        for (int k = 0; k < Countries.Count; k++)
            for (int c = 0; c < categories; c++) countryEffect[k, c] = sampler.Normal(0, 0.7);

        var drafts = new UserDraft[nu];
        var logits = new double[categories];
        int totalDays = options.Days + options.FutureDays;
        for (int i = 0; i < nu; i++)
        {
            int age = sampler.Categorical(s_ageWeights);
            int country = sampler.Categorical(s_countryWeights);
            int language = country == 1 && sampler.Bernoulli(0.4) ? 0 : s_countryLanguage[country];
            if (language != 0 && sampler.Bernoulli(0.1)) language = 0;
            double max = double.NegativeInfinity;
            for (int c = 0; c < categories; c++) max = Math.Max(max, logits[c] = 1.5 * s_interestByAge[age, c] + countryEffect[country, c]);
            var weights = new double[categories];
            for (int c = 0; c < categories; c++) weights[c] = Math.Exp(logits[c] - max);
            int main = sampler.Categorical(weights);
            int second = sampler.Categorical(weights);
            double strength = sampler.Uniform(2.0, 3.0);
            var noise = RandomUnitVector(sampler, dims);
            var taste = new float[dims];
            for (int d = 0; d < dims; d++) taste[d] = 0.8f * centroids[main][d] + 0.35f * centroids[second][d] + 0.35f * noise[d];
            Normalize(taste);
            for (int d = 0; d < dims; d++) taste[d] *= (float)strength;
            double activity = options.SessionsPerUserDay * Math.Exp(sampler.Normal(0, 1) - 0.5);
            int join = sampler.Bernoulli(options.NewUserShare) ? sampler.Next(1, totalDays) : -sampler.Next(0, 366);
            drafts[i] = new UserDraft(age, country, language, main, taste, activity, join, i);
        }
        Array.Sort(drafts, (a, b) => a.Join != b.Join ? a.Join.CompareTo(b.Join) : a.Order.CompareTo(b.Order));

        var users = new VideoUser[nu];
        var traits = new UserTraits(new int[nu], new int[nu], new int[nu], new int[nu], new float[nu][], new double[nu]);
        for (int u = 0; u < nu; u++)
        {
            var d = drafts[u];
            users[u] = new VideoUser(u, AgeBuckets[d.Age], Countries[d.Country], Languages[d.Language], d.Join);
            traits.Taste[u] = d.Taste;
            traits.Activity[u] = d.Activity;
            traits.Interest[u] = d.Main;
            traits.Language[u] = d.Language;
            traits.Age[u] = d.Age;
            traits.Country[u] = d.Country;
        }
        return (users, traits);
    }

    /// <summary>
    /// Stage 6: the logged sessions, days 0 … Days − 1: every user who has joined visits a Poisson number of times a
    /// day and is shown a slate of the old recommender (<see cref="FillLoggedSlate"/>); the ground truth decides what
    /// they do. Also returns each user's clicked videos, so later simulations know what would be a rewatch.
    /// </summary>
    private (VideoImpression[] Log, LoggedWatches Watches) DrawLog(Sampler sampler)
    {
        var log = new List<VideoImpression>(Options.Users * Options.Days / 2 * Options.Slots);
        var watched = new Dictionary<int, int>[_users.Length];   // video → day of first click
        for (int u = 0; u < watched.Length; u++) watched[u] = [];
        int session = 0;
        var slate = new int[Options.Slots];
        for (int day = 0; day < Options.Days; day++)
        {
            int available = AvailableVideoCount(day);
            int freshStart = SortedSearch.LowerBound<int>(_videoTraits.Upload, day - 6);
            for (int u = 0; u < _users.Length && _users[u].JoinDay <= day; u++)
            {
                int sessions = sampler.Poisson(_userTraits.Activity[u]);
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
        var videos = new int[_users.Length][];
        var days = new int[_users.Length][];
        for (int u = 0; u < _users.Length; u++)
        {
            videos[u] = [.. watched[u].Keys];
            days[u] = [.. watched[u].Values];
            Array.Sort(videos[u], days[u]);
        }
        return ([.. log], new LoggedWatches(videos, days));
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
                int c = _userTraits.Interest[user];
                var pool = _pools.CategoryByPopularity[c];
                if (pool.Length == 0) continue;
                video = pool[_pools.CategoryZipf[c].Sample(sampler)];
            }
            else
            {
                video = _pools.ByPopularity[_pools.PopularityZipf.Sample(sampler)];
            }
            if (video >= available || watched.ContainsKey(video) || Array.IndexOf(slate, video, 0, filled) >= 0) continue;
            int language = _videoTraits.Language[video];
            if (language != _userTraits.Language[user] && language != 0 && attempts <= 200 && sampler.Bernoulli(0.8)) continue;
            slate[filled++] = video;
        }
        sampler.Shuffle(slate);
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
}
