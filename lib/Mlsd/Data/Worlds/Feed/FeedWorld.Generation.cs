namespace Mlsd.Data.Worlds;

// Generation: the private constructor runs one stage per method, in a fixed order, each from its own forked sampler,
// so changing how the log is drawn leaves the users, the network and the posts alone.
public sealed partial class FeedWorld
{
    private static readonly double[] s_countryShare = [0.3, 0.25, 0.15, 0.1, 0.1, 0.1];
    private static readonly double[] s_ageShare = [0.08, 0.25, 0.3, 0.25, 0.12];
    private static readonly double[] s_mediaShare = [0.45, 0.4, 0.15];
    private static readonly double[] s_hourWeights =
        [1, 0.7, 0.5, 0.4, 0.4, 0.5, 0.8, 1.2, 1.5, 1.6, 1.6, 1.7, 1.8, 1.7, 1.6, 1.6, 1.7, 1.9, 2.1, 2.3, 2.4, 2.2, 1.8, 1.4];

    private static readonly string[][] s_topicWords =
    [
        ["match", "goal", "team", "season", "coach", "league", "score", "final", "player", "win"],
        ["vote", "election", "senate", "policy", "debate", "tax", "minister", "campaign", "law", "reform"],
        ["album", "concert", "song", "band", "tour", "guitar", "lyrics", "festival", "singer", "vinyl"],
        ["phone", "app", "startup", "laptop", "code", "chip", "update", "robot", "cloud", "gadget"],
        ["recipe", "dinner", "pasta", "bakery", "coffee", "vegan", "spicy", "brunch", "cake", "grill"],
        ["flight", "beach", "hotel", "island", "passport", "hike", "museum", "train", "roadtrip", "sunset"],
        ["puppy", "kitten", "dog", "cat", "vet", "leash", "adopt", "paws", "treats", "rescue"],
        ["nasa", "telescope", "study", "climate", "fossil", "vaccine", "physics", "genome", "rocket", "lab"],
    ];

    private static readonly string[][] s_topicHashtags =
    [
        ["#football", "#nba", "#worldcup"], ["#election", "#vote", "#politics"], ["#newmusic", "#concert", "#nowplaying"],
        ["#tech", "#ai", "#gadgets"], ["#foodie", "#recipe", "#yum"], ["#travel", "#wanderlust", "#vacation"],
        ["#dogsofinstagram", "#catlife", "#adoptdontshop"], ["#science", "#space", "#climate"],
    ];

    private static readonly string[] s_genericHashtags = ["#tbt", "#mood", "#weekend", "#love"];

    private static readonly string[] s_fillerWords =
        ["today", "just", "this", "great", "new", "my", "so", "really", "look", "check", "amazing", "finally", "week", "friends", "love", "out"];

    private const double PageDailyPosts = 3;
    private const double MeanUserDailyPosts = 0.4;
    private const double SameCountryFriendShare = 0.7;
    private const int FollowedCreators = 2;

    private readonly int[][] _followed;        // per user: followed author ids, ascending
    private readonly int[][] _postsByAuthor;   // per author: post ids, ascending (creation order)
    private readonly int _logSeed;

    private FeedWorld(int seed, FeedWorldOptions options)
    {
        Seed = seed;
        Options = options;
        var root = new Sampler(seed);
        var userSampler = root.Fork();
        var networkSampler = root.Fork();
        var authorSampler = root.Fork();
        var postSampler = root.Fork();
        _logSeed = root.Fork().Next(int.MaxValue);

        (_users, _userTraits) = DrawUsers(userSampler, options);
        _friendships = DrawFriendships(networkSampler, _users, options.MeanFriends);
        (_authors, _follows, _followed) = DrawAuthorsAndFollows(authorSampler);
        (_posts, _postTraits, _postsBeforeDay, _postsByAuthor) = DrawPosts(postSampler);
        _impressions = DrawLog();

        Users = Array.AsReadOnly(_users);
        Friendships = Array.AsReadOnly(_friendships);
        Authors = Array.AsReadOnly(_authors);
        Follows = Array.AsReadOnly(_follows);
        Posts = new ArraySegment<FeedPost>(_posts, 0, _postsBeforeDay[Days]).AsReadOnly();
        Impressions = Array.AsReadOnly(_impressions);
        Truth = new GroundTruth(this);
    }

    /// <summary>
    /// Stage 1: users — a profile (country, age group, account age), hidden topic tastes (normal, σ 0.6), whether the
    /// user is passive, a reactivity (passive −2.5, others a normal draw with σ 0.3) and a daily visit probability.
    /// </summary>
    private static (FeedUser[] Users, UserTraits Traits) DrawUsers(Sampler sampler, FeedWorldOptions options)
    {
        int n = options.Users;
        var users = new FeedUser[n];
        var taste = new double[n][];
        var passive = new bool[n];
        var reactivity = new double[n];
        var visit = new double[n];
        for (int u = 0; u < n; u++)
        {
            string country = Countries[sampler.Categorical(s_countryShare)];
            string age = AgeGroups[sampler.Categorical(s_ageShare)];
            int accountAge = 1 + (int)sampler.Exponential(1.0 / 700);
            users[u] = new FeedUser(u, country, age, accountAge);
            taste[u] = new double[Topics.Count];
            for (int t = 0; t < taste[u].Length; t++) taste[u][t] = sampler.Normal(0, 0.6);
            passive[u] = sampler.Bernoulli(options.PassiveShare);
            reactivity[u] = passive[u] ? PassiveReactivity : sampler.Normal(0, 0.3);
            visit[u] = MathFunctions.Sigmoid(sampler.Normal(0, 1));
        }
        return (users, new UserTraits(taste, passive, reactivity, visit));
    }

    /// <summary>
    /// Stage 2: the friendship network — Users × MeanFriends / 2 distinct pairs, each drawn from a uniform user and a
    /// friend from the same country 70 % of the time (anyone otherwise), ordered by (user, friend).
    /// </summary>
    private static FeedFriendship[] DrawFriendships(Sampler sampler, FeedUser[] users, double meanFriends)
    {
        var byCountry = Countries.Select(c => users.Where(u => u.Country == c).Select(u => u.UserId).ToArray()).ToArray();
        var countryOf = users.Select(u => Countries.ToList().IndexOf(u.Country)).ToArray();
        int target = (int)Math.Round(users.Length * meanFriends / 2);
        var pairs = new HashSet<long>();
        var ordered = new List<(int, int)>(target);
        for (int attempt = 0; ordered.Count < target && attempt < 20 * target; attempt++)
        {
            int u = sampler.Next(users.Length);
            var pool = byCountry[countryOf[u]];
            int v = sampler.Bernoulli(SameCountryFriendShare) && pool.Length > 1 ? pool[sampler.Next(pool.Length)] : sampler.Next(users.Length);
            if (u == v) continue;
            (int a, int b) = u < v ? (u, v) : (v, u);
            if (pairs.Add(FollowKey(a, b))) ordered.Add((a, b));
        }
        ordered.Sort();
        return [.. ordered.Select((p, i) => new FeedFriendship(i, p.Item1, p.Item2))];
    }

    /// <summary>
    /// Stage 3: authors and follows — every user is an author whose main topic is their favourite; pages get a random
    /// topic. Each user follows every friend (affinity ≈ 1, σ 1.1), two popular creators who are not friends (≈ 0.2,
    /// σ 0.5, chosen by a long-tailed popularity), and each page with probability σ(−2.5 + 1.5 × taste for its topic)
    /// (≈ 0, σ 0.5).
    /// </summary>
    private (FeedAuthor[] Authors, FeedFollow[] Follows, int[][] Followed) DrawAuthorsAndFollows(Sampler sampler)
    {
        int users = _users.Length, pages = Options.Pages;
        var mainTopic = new int[users + pages];
        for (int u = 0; u < users; u++) mainTopic[u] = ArgMax(_userTraits.Taste[u]);
        for (int p = 0; p < pages; p++) mainTopic[users + p] = sampler.Next(Topics.Count);
        var popularity = new double[users];
        double total = 0;
        for (int u = 0; u < users; u++) popularity[u] = total += Math.Exp(sampler.Normal(0, 1.2));

        var followed = new SortedDictionary<int, (double, bool)>[users];
        for (int u = 0; u < users; u++) followed[u] = [];
        foreach (var f in _friendships)
        {
            followed[f.UserId][f.FriendId] = (sampler.Normal(1.0, 1.1), true);
            followed[f.FriendId][f.UserId] = (sampler.Normal(1.0, 1.1), true);
        }
        for (int u = 0; u < users; u++)
        {
            for (int k = 0; k < FollowedCreators; k++)
            {
                int c = Math.Min(SortedSearch.UpperBound<double>(popularity, sampler.Uniform() * total), users - 1);
                if (c != u && !followed[u].ContainsKey(c)) followed[u][c] = (sampler.Normal(0.2, 0.5), false);
            }
            for (int p = 0; p < pages; p++)
                if (sampler.Bernoulli(MathFunctions.Sigmoid(-2.5 + 1.5 * _userTraits.Taste[u][mainTopic[users + p]])))
                    followed[u][users + p] = (sampler.Normal(0, 0.5), false);
        }

        var follows = new List<FeedFollow>();
        var followers = new int[users + pages];
        var lists = new int[users][];
        for (int u = 0; u < users; u++)
        {
            foreach (var (a, (affinity, friend)) in followed[u])
            {
                follows.Add(new FeedFollow(u, a, friend));
                _followIndex[FollowKey(u, a)] = (affinity, friend);
                followers[a]++;
            }
            lists[u] = [.. followed[u].Keys];
        }
        var authors = new FeedAuthor[users + pages];
        for (int a = 0; a < authors.Length; a++)
            authors[a] = new FeedAuthor(a, a < users ? "user" : "page", a < users ? a : null, Topics[mainTopic[a]], followers[a]);
        return (authors, [.. follows], lists);
    }

    /// <summary>
    /// Stage 4: posts of every day, logged and future — users post Poisson(rate) a day (rates long-tailed, mean 0.25),
    /// pages Poisson(2). A post's topic is the author's main topic 60 % of the time (the trend topic weighs 3× once it
    /// trends); its words mix topic words (45 %) with filler, its hashtags are mostly the topic's; quality is hidden.
    /// </summary>
    private (FeedPost[], PostTraits, int[], int[][]) DrawPosts(Sampler sampler)
    {
        int users = _users.Length;
        var rate = new double[_authors.Length];
        for (int a = 0; a < rate.Length; a++)
            rate[a] = a < users ? MeanUserDailyPosts * Math.Exp(sampler.Normal(-0.5, 1.0)) : PageDailyPosts;
        var drawn = new List<(FeedPost Post, int Topic, double Quality, int Media)>();
        var before = new int[TotalDays + 1];
        var topicWeights = new double[Topics.Count];
        for (int d = 0; d < TotalDays; d++)
        {
            var day = new List<(FeedPost Post, int Topic, double Quality, int Media)>();
            for (int a = 0; a < rate.Length; a++)
            {
                int count = sampler.Poisson(rate[a]);
                for (int k = 0; k < count; k++)
                {
                    int main = Array.IndexOf(Topics.ToArray(), _authors[a].MainTopic);
                    for (int t = 0; t < topicWeights.Length; t++)
                        topicWeights[t] = (t == main ? 0.6 : 0.4 / (Topics.Count - 1)) * (t == TrendTopicIndex && d >= TrendStartDay ? 3 : 1);
                    int topic = sampler.Categorical(topicWeights);
                    int media = sampler.Categorical(s_mediaShare);
                    int hour = sampler.Categorical(s_hourWeights);
                    var post = new FeedPost(0, a, d, hour, MediaTypes[media], PostText(sampler, topic), PostHashtags(sampler, topic));
                    day.Add((post, topic, sampler.Normal(0, 0.5), media));
                }
            }
            // Creation order within a day: by hour, then by draw order (a stable sort).
            drawn.AddRange(day.OrderBy(p => p.Post.Hour));
            before[d + 1] = drawn.Count;
        }
        var posts = new FeedPost[drawn.Count];
        var traits = new PostTraits(new int[drawn.Count], new double[drawn.Count], new int[drawn.Count]);
        var byAuthor = new List<int>[_authors.Length];
        for (int a = 0; a < byAuthor.Length; a++) byAuthor[a] = [];
        for (int i = 0; i < posts.Length; i++)
        {
            posts[i] = drawn[i].Post with { PostId = i };
            (traits.Topic[i], traits.Quality[i], traits.Media[i]) = (drawn[i].Topic, drawn[i].Quality, drawn[i].Media);
            byAuthor[posts[i].AuthorId].Add(i);
        }
        return (posts, traits, before, [.. byAuthor.Select(l => l.ToArray())]);
    }

    private static string PostText(Sampler sampler, int topic)
    {
        int length = 6 + sampler.Next(5);
        var words = new string[length];
        for (int w = 0; w < length; w++)
            words[w] = sampler.Bernoulli(0.45) ? s_topicWords[topic][sampler.Next(s_topicWords[topic].Length)]
                : s_fillerWords[sampler.Next(s_fillerWords.Length)];
        return string.Join(' ', words);
    }

    private static string PostHashtags(Sampler sampler, int topic)
    {
        int count = sampler.Poisson(1.2);
        var tags = new List<string>(count);
        for (int k = 0; k < count; k++)
        {
            string tag = sampler.Bernoulli(0.8) ? s_topicHashtags[topic][sampler.Next(s_topicHashtags[topic].Length)]
                : s_genericHashtags[sampler.Next(s_genericHashtags.Length)];
            if (!tags.Contains(tag)) tags.Add(tag);
        }
        return string.Join(' ', tags);
    }

    /// <summary>Stage 5: the log — every user's visits of days 0 … Days − 1 served by the current chronological feed.</summary>
    private FeedImpression[] DrawLog()
    {
        var log = new List<FeedImpression>();
        var seen = new HashSet<int>[_users.Length];
        for (int u = 0; u < seen.Length; u++) seen[u] = [];
        for (int d = 0; d < Days; d++)
            for (int u = 0; u < _users.Length; u++)
                ServeVisit(u, d, _logSeed, Chronological, "the logging policy", seen[u], log);
        return [.. log];
    }

    /// <summary>The current system: the candidates newest first (they arrive that way).</summary>
    private static IReadOnlyList<int> Chronological(FeedRequest request) => [.. request.Candidates.Select(p => p.PostId)];

    private static int ArgMax(double[] values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return best;
    }
}
