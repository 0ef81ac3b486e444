namespace Mlsd.Data.Worlds;

// The ground truth: the hidden parameters, the interest formula and the reaction and dwell models, and the nested
// GroundTruth that exposes them. The log generator, the simulator and Truth all call these.
public sealed partial class FeedWorld
{
    private const double ScrollContinuation = 0.88;
    private const double AgeDecayPerHour = 0.02;
    private const double TrendInterestBoost = 0.8;
    private const double PassiveReactivity = -2.5;
    private const double UnfollowedAffinity = -0.5;
    private static readonly double[] s_mediaEffect = [0, 0.2, 0.3];
    private static readonly double[] s_mediaDwell = [0, 0.2, 0.7];

    // Reaction logits given the post was examined: intercept + slope × interest + reactivity × reactivityScale.
    // Order: click, like, comment, share, friend request, hide, block.
    private static readonly double[] s_intercept = [-1.0, -2.0, -3.6, -4.0, -1.8, -4.0, -5.5];
    private static readonly double[] s_slope = [1.0, 1.0, 0.9, 0.8, 0.8, -0.9, -0.8];
    private static readonly double[] s_reactivityScale = [1, 1, 1, 1, 1, 0.4, 0.4];
    private const double FriendCommentBoost = 0.7;
    private const double MixShift = 0.8;   // after ReactionMixShiftDay: like −0.8, share +0.8 on the logit
    private const int Click = 0, Comment = 2, FriendRequestReaction = 4, HideReaction = 5, BlockReaction = 6;

    // Dwell seconds: log-normal; examined posts ln 2.5 + 0.5 × interest + media, σ 0.6; scrolled past ln 0.25, σ 0.5.
    private static readonly double s_examinedLogDwell = Math.Log(2.5);
    private static readonly double s_passedLogDwell = Math.Log(0.25);
    private const double DwellInterestSlope = 0.5, ExaminedDwellSd = 0.6, PassedDwellSd = 0.5;

    /// <summary>Per user: topic tastes, whether passive, reactivity (logit offset of reactions), daily visit probability.</summary>
    private sealed record UserTraits(double[][] Taste, bool[] Passive, double[] Reactivity, double[] VisitProbability);

    /// <summary>Per post: hidden topic and quality, and the media index.</summary>
    private sealed record PostTraits(int[] Topic, double[] Quality, int[] Media);

    /// <summary>Per follow edge (key user × 2³² + author): hidden affinity and whether the two are friends.</summary>
    private readonly Dictionary<long, (double Affinity, bool Friend)> _followIndex = new();

    private UserTraits _userTraits = null!;
    private PostTraits _postTraits = null!;

    private static long FollowKey(int userId, int authorId) => ((long)userId << 32) | (uint)authorId;

    private double Affinity(int userId, int authorId) =>
        _followIndex.TryGetValue(FollowKey(userId, authorId), out var f) ? f.Affinity : UnfollowedAffinity;

    private bool AreFriends(int userId, int authorId) =>
        _followIndex.TryGetValue(FollowKey(userId, authorId), out var f) && f.Friend;

    /// <summary>Interest of <paramref name="userId"/> in post <paramref name="postId"/> at <paramref name="ageHours"/>.</summary>
    private double InterestOf(int userId, int postId, double ageHours)
    {
        var post = _posts[postId];
        int topic = _postTraits.Topic[postId];
        double z = Affinity(userId, post.AuthorId) + _userTraits.Taste[userId][topic] + _postTraits.Quality[postId]
                   + s_mediaEffect[_postTraits.Media[postId]] - AgeDecayPerHour * Math.Max(0, ageHours);
        if (topic == TrendTopicIndex && post.Day >= TrendStartDay) z += TrendInterestBoost;
        return z;
    }

    /// <summary>
    /// Fills <paramref name="raw"/> with the examined-post probability of each reaction drawn on its own (before a hide or
    /// block rules out the positive ones) and returns the interest.
    /// </summary>
    private double RawProbabilities(int userId, int postId, double ageHours, Span<double> raw)
    {
        double z = InterestOf(userId, postId, ageHours);
        int author = _posts[postId].AuthorId;
        bool friend = AreFriends(userId, author);
        double act = _userTraits.Reactivity[userId];
        for (int r = 0; r < raw.Length; r++)
            raw[r] = MathFunctions.Sigmoid(s_intercept[r] + s_slope[r] * z + s_reactivityScale[r] * act + (r == Comment && friend ? FriendCommentBoost : 0));
        int visitDay = _posts[postId].Day + (int)((_posts[postId].Hour + ageHours) / 24);
        if (Options.ReactionMixShiftDay is int shift && visitDay >= shift)
        {
            raw[1] = MathFunctions.Sigmoid(s_intercept[1] - MixShift + s_slope[1] * z + act);
            raw[3] = MathFunctions.Sigmoid(s_intercept[3] + MixShift + s_slope[3] * z + act);
        }
        bool canRequest = author < _users.Length && author != userId && !friend;
        if (!canRequest) raw[FriendRequestReaction] = 0;
        return z;
    }

    /// <summary>The marginal probabilities given examination: a positive reaction needs no hide and no block.</summary>
    private double[] Marginals(int userId, int postId, double ageHours)
    {
        Span<double> raw = stackalloc double[Reactions.Count];
        RawProbabilities(userId, postId, ageHours, raw);
        double clean = (1 - raw[HideReaction]) * (1 - raw[BlockReaction]);
        var p = new double[Reactions.Count];
        for (int r = 0; r < HideReaction; r++) p[r] = clean * raw[r];
        p[HideReaction] = raw[HideReaction];
        p[BlockReaction] = raw[BlockReaction];
        return p;
    }

    /// <summary>Mean of the log-dwell of an examined post.</summary>
    private double ExaminedLogDwell(int postId, double interest) =>
        s_examinedLogDwell + DwellInterestSlope * interest + s_mediaDwell[_postTraits.Media[postId]];

    /// <summary>
    /// The hidden model of a <see cref="FeedWorld"/> (<see cref="Truth"/>): interests, reaction probabilities, dwell,
    /// tastes and passivity. Use it for the ceiling row, the oracle policy and checks — never as a feature.
    /// </summary>
    public sealed class GroundTruth
    {
        private readonly FeedWorld _w;

        internal GroundTruth(FeedWorld world) => _w = world;

        /// <summary>
        /// The user's hidden interest in the post at a given age: affinity with the author (friends ≈ 1, other followed
        /// users ≈ 0.2, pages ≈ 0, not followed −0.5) + topic taste + post quality + media (image 0.2, video 0.3)
        /// − 0.02 × age in hours (+ 0.8 for the trend topic once it trends).
        /// </summary>
        public double Interest(int userId, int postId, double ageHours)
        {
            Check(userId, postId, ageHours);
            return _w.InterestOf(userId, postId, ageHours);
        }

        /// <summary>
        /// P(each reaction | the user scrolled to the post), in the order of <see cref="Reactions"/>. Each reaction r is
        /// drawn with σ(a_r + b_r × interest + reactivity) — a passive user's reactivity is −2.5 — and a hide or a block
        /// rules out the positive ones, so P(like) = (1 − P(hide))(1 − P(block)) σ(…). A friend request is possible
        /// only to a user author who is not yet a friend. From <see cref="FeedWorldOptions.ReactionMixShiftDay"/> (the visit
        /// day is the post's creation time plus <paramref name="ageHours"/>) likes lose 0.8 and shares gain 0.8. Multiply by <see cref="ExaminationProbability"/> for a slot.
        /// </summary>
        public double[] ReactionProbabilities(int userId, int postId, double ageHours)
        {
            Check(userId, postId, ageHours);
            return _w.Marginals(userId, postId, ageHours);
        }

        /// <summary>One entry of <see cref="ReactionProbabilities"/>.</summary>
        public double ReactionProbability(int userId, int postId, double ageHours, string reaction) =>
            ReactionProbabilities(userId, postId, ageHours)[ReactionIndex(reaction)];

        /// <summary>
        /// Σ P(reaction | examined) × weight with the chapter's weights: the engagement score the feed should rank by,
        /// computed from the true probabilities — the oracle's ranking score and the ceiling of any model's.
        /// </summary>
        public double ExpectedEngagement(int userId, int postId, double ageHours) =>
            Serving.EngagementScore.Score(ReactionProbabilities(userId, postId, ageHours), ReactionWeights);

        /// <summary>Expected seconds on screen if the user scrolls to the post: exp(μ + σ²/2) of the log-normal with
        /// μ = ln 2.5 + 0.5 × interest + media (image 0.2, video 0.7) and σ = 0.6.</summary>
        public double ExpectedDwellSeconds(int userId, int postId, double ageHours)
        {
            Check(userId, postId, ageHours);
            double mu = _w.ExaminedLogDwell(postId, _w.InterestOf(userId, postId, ageHours));
            return Math.Exp(mu + ExaminedDwellSd * ExaminedDwellSd / 2);
        }

        /// <summary>Whether the user is passive: reads but rarely reacts (reactivity −2.5 on every positive reaction).</summary>
        public bool IsPassive(int userId)
        {
            _w.CheckUser(userId);
            return _w._userTraits.Passive[userId];
        }

        /// <summary>The user's hidden taste for each topic, in the order of <see cref="Topics"/>.</summary>
        public IReadOnlyList<double> TopicTaste(int userId)
        {
            _w.CheckUser(userId);
            return Array.AsReadOnly(_w._userTraits.Taste[userId]);
        }

        /// <summary>The hidden affinity of the user with the author: the strongest part of interest.</summary>
        public double Affinity(int userId, int authorId)
        {
            _w.CheckUser(userId);
            _w.CheckAuthor(authorId);
            return _w.Affinity(userId, authorId);
        }

        /// <summary>The post's hidden topic, one of <see cref="Topics"/>.</summary>
        public string PostTopic(int postId)
        {
            _w.CheckPost(postId);
            return Topics[_w._postTraits.Topic[postId]];
        }

        /// <summary>The post's hidden quality (a normal draw, σ 0.5).</summary>
        public double PostQuality(int postId)
        {
            _w.CheckPost(postId);
            return _w._postTraits.Quality[postId];
        }

        private void Check(int userId, int postId, double ageHours)
        {
            _w.CheckUser(userId);
            _w.CheckPost(postId);
            if (!(ageHours >= 0) || double.IsInfinity(ageHours))
                throw new ArgumentOutOfRangeException(nameof(ageHours), ageHours, "ageHours must be a finite number of hours, 0 or more.");
        }
    }
}
