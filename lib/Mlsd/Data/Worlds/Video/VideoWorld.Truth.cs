using System.Runtime.CompilerServices;

namespace Mlsd.Data.Worlds;

// The ground truth: the hidden parameters drawn at generation, the formulas that turn them into probabilities, and
// Engage, which draws one impression's outcome from them. Public access goes through Truth (GroundTruth below).
public sealed partial class VideoWorld
{
    private const double ExaminationDecay = 0.6;
    private const double ClickOffset = 2.0;
    private const double RewatchPenalty = 2.0;
    private const double LikeAfterAbandon = 0.01;

    /// <summary>Per user: the codes behind the table's strings, and the hidden taste, activity and main interest.</summary>
    private sealed record UserTraits(int[] Age, int[] Country, int[] Language, int[] Interest, float[][] Taste, double[] Activity);

    /// <summary>Per video: the codes behind the table's strings, and the hidden content vector, quality and length penalty (0.3·ln(duration / 400 s)).</summary>
    private sealed record VideoTraits(int[] Category, int[] Language, int[] Upload, int[][] Tags, float[][] Content, double[] Quality, double[] LengthPenalty);

    /// <summary>What the old recommender that served the log drew from: every video and each category's, most popular first.</summary>
    private sealed record LoggingPools(int[] ByPopularity, ZipfDistribution PopularityZipf, int[][] CategoryByPopularity, ZipfDistribution[] CategoryZipf);

    /// <summary>Per user, the videos clicked in the log (ascending id) and the day of each first click.</summary>
    private sealed record LoggedWatches(int[][] Videos, int[][] Days);

    private readonly UserTraits _userTraits;
    private readonly VideoTraits _videoTraits;
    private readonly LoggingPools _pools;
    private readonly LoggedWatches _loggedWatches;
    private readonly double[] _examination;   // index = position (1-based)

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double Affinity(int u, int v)
    {
        float[] taste = _userTraits.Taste[u], content = _videoTraits.Content[v];
        float dot = 0;
        for (int d = 0; d < taste.Length; d++) dot += taste[d] * content[d];
        int ul = _userTraits.Language[u], vl = _videoTraits.Language[v];
        double language = ul == vl ? 0.5 : vl == 0 ? -0.5 : -2.0;
        return dot + _videoTraits.Quality[v] + language;
    }

    private double FreshnessOf(int v, int day)
    {
        int age = day - _videoTraits.Upload[v];
        return age < 0 ? 0 : 0.8 * Math.Exp(-age / 5.0);
    }

    private double Engagement(int v, double score) => MathFunctions.Sigmoid(0.9 * score - 1.4 - _videoTraits.LengthPenalty[v]);

    /// <summary>Whether the user clicked the video in the log before <paramref name="day"/>.</summary>
    private bool WatchedInLogBefore(int user, int video, int day)
    {
        int k = Array.BinarySearch(_loggedWatches.Videos[user], video);
        return k >= 0 && _loggedWatches.Days[user][k] < day;
    }

    /// <summary>
    /// Draws what the user does with a video in a slot, always consuming exactly six uniforms so that two policies
    /// simulated with the same seed face the same random numbers slot by slot (common random numbers).
    /// </summary>
    private VideoImpression Engage(Sampler s, int session, int day, int user, int video, int position, bool rewatch)
    {
        double uLook = s.Uniform(), uClick = s.Uniform(), uEngage = s.Uniform(), uShare = s.Uniform(), uLike = s.Uniform(), uDislike = s.Uniform();
        double score = Affinity(user, video) + FreshnessOf(video, day) - (rewatch ? RewatchPenalty : 0);
        bool clicked = uLook < _examination[position] && uClick < MathFunctions.Sigmoid(score - ClickOffset);
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

    /// <summary>
    /// The hidden model of a <see cref="VideoWorld"/> (<see cref="Truth"/>): what the simulator knows and a real
    /// platform never does. Use it to check what a model has learned, to compute an oracle's ceiling, or to score a
    /// policy without sampling noise — never as a feature.
    /// </summary>
    public sealed class GroundTruth
    {
        private readonly VideoWorld _w;

        internal GroundTruth(VideoWorld world) => _w = world;

        /// <summary>
        /// The day-independent affinity of a user for a video: taste·content (in about [−3, 3]) + quality (higher for
        /// popular videos, about [−0.5, 1.7]) + language match (+0.5 same language, −0.5 an English video for a
        /// non-English speaker, −2 otherwise). Higher means more likely to click and to watch.
        /// </summary>
        public double Affinity(int userId, int videoId)
        {
            _w.CheckUser(userId);
            _w.CheckVideo(videoId);
            return _w.Affinity(userId, videoId);
        }

        /// <summary>The freshness bonus of a video on a day: 0.8·e^{−age/5} for age = day − upload day ≥ 0, else 0.</summary>
        public double Freshness(int videoId, int day)
        {
            _w.CheckVideo(videoId);
            return _w.FreshnessOf(videoId, day);
        }

        /// <summary>
        /// P(click) = ExaminationProbability(position) · σ(Affinity + Freshness − 2), for a video the user has not
        /// clicked before.
        /// </summary>
        public double ClickProbability(int userId, int videoId, int day, int position = 1)
        {
            _w.CheckUser(userId);
            _w.CheckVideo(videoId);
            return ExaminationProbability(position) * MathFunctions.Sigmoid(_w.Affinity(userId, videoId) + _w.FreshnessOf(videoId, day) - ClickOffset);
        }

        /// <summary>
        /// P(watched at least half | clicked) = σ(0.9·score − 1.4 − 0.3·ln(duration/400 s)) with score = Affinity + Freshness:
        /// good matches get watched, long videos get abandoned more.
        /// </summary>
        public double EngagementProbability(int userId, int videoId, int day)
        {
            _w.CheckUser(userId);
            _w.CheckVideo(videoId);
            return _w.Engagement(videoId, _w.Affinity(userId, videoId) + _w.FreshnessOf(videoId, day));
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
            return ClickProbability(userId, videoId, day, position) * (0.25 + 0.5 * m) * _w._videos[videoId].DurationSeconds;
        }

        /// <summary>The user's main interest (a category index).</summary>
        public int Interest(int userId)
        {
            _w.CheckUser(userId);
            return _w._userTraits.Interest[userId];
        }

        /// <summary>A copy of the user's taste vector.</summary>
        public float[] Taste(int userId)
        {
            _w.CheckUser(userId);
            return (float[])_w._userTraits.Taste[userId].Clone();
        }

        /// <summary>A copy of the video's content vector (unit length).</summary>
        public float[] Content(int videoId)
        {
            _w.CheckVideo(videoId);
            return (float[])_w._videoTraits.Content[videoId].Clone();
        }

        /// <summary>The user's mean number of homepage sessions per day (long-tailed across users).</summary>
        public double Activity(int userId)
        {
            _w.CheckUser(userId);
            return _w._userTraits.Activity[userId];
        }

        /// <summary>
        /// The best possible policy: for each user, the available videos in decreasing <see cref="RelevanceProbability"/>
        /// on <paramref name="day"/> (videos the user clicked in the log count as rewatches) — an upper bound for what a
        /// model can reach. Each user's list is computed once and then reused.
        /// </summary>
        public Func<int, IReadOnlyList<int>> OraclePolicy(int day, int k = 10)
        {
            if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be at least 1.");
            var w = _w;
            int available = w.AvailableVideoCount(day);
            var cache = new Dictionary<int, int[]>();
            return user =>
            {
                w.CheckUser(user);
                if (cache.TryGetValue(user, out var cached)) return cached;
                // Keep the k best in a small sorted buffer (insertion): O(videos · k) at worst, usually O(videos).
                int size = Math.Min(k, available);
                if (size == 0) return cache[user] = [];
                var bestIds = new int[size];
                var bestScores = new double[size];
                int filled = 0;
                for (int v = 0; v < available; v++)
                {
                    double s = w.Affinity(user, v) + w.FreshnessOf(v, day) - (w.WatchedInLogBefore(user, v, day) ? RewatchPenalty : 0);
                    double m = w.Engagement(v, s);
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
    }
}
