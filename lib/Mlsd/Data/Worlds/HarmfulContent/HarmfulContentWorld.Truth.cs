namespace Mlsd.Data.Worlds;

// The ground truth: the hidden parameters, the formulas that turn them into a class prior and class-conditional
// likelihoods, and the nested GroundTruth that exposes them. Generation, the log and the simulator all call these.
public sealed partial class HarmfulContentWorld
{
    // Classes: 0 none, 1 spam, 2 hate, 3 violence, 4 nudity. Author types use the same indices (0 normal, 1 spammer, …).
    private const int ClassCount = 5;
    private const int Slur = 0, Gore = 1, Nsfw = 2, Code = 3, LexiconCount = 4;

    private static readonly string[][] s_lexicons =
    [
        Words("slur", 12), Words("gore", 10), Words("nsfw", 8), Words("code", 8),
    ];

    private static readonly double[] s_baseLogit = [0, -2.9, -3.7, -4.2, -4.2];
    private const double TypeBoost = 3.4;
    private const double TrendBoost = 0.7;

    // Surface effects on each class's logit (rows: feed, group, comment, marketplace).
    private static readonly double[,] s_surfaceEffect =
    {
        { 0, 0.0, 0.0, 0.0, 0.2 },
        { 0, -0.2, 0.4, 0.4, 0.0 },
        { 0, 0.5, 0.8, 0.0, -0.5 },
        { 0, 1.2, -0.6, -0.4, 0.0 },
    };

    private const double NightNudityEffect = 0.6;   // hours 0–5

    // Mean marker counts per post: rows = class, columns = slur, gore, nsfw lexicons.
    private static readonly double[][] s_markerRate =
    [
        [0.03, 0.03, 0.02],
        [0.02, 0.02, 0.15],
        [2.00, 0.30, 0.02],
        [0.20, 1.60, 0.02],
        [0.02, 0.02, 0.60],
    ];

    private const double CodedSlurRate = 0.1;        // a coded hate post keeps a few old words
    private const double CodeBackgroundRate = 0.02;  // others mention the new words now and then, once the trend is on

    private static readonly double[] s_imageShare = [0.45, 0.30, 0.40, 0.65, 0.95];
    private static readonly double[] s_imageSignal = [0, 1.0, 1.0, 1.6, 2.4];   // along latent dimension (class − 1)

    // First-hour reactions per view: likes, comments, shares, hides.
    private static readonly double[][] s_reactionRate =
    [
        [0.080, 0.020, 0.010, 0.003],
        [0.010, 0.005, 0.002, 0.040],
        [0.060, 0.070, 0.030, 0.030],
        [0.030, 0.030, 0.020, 0.050],
        [0.100, 0.030, 0.020, 0.030],
    ];

    private static readonly double[] s_virality = [1.0, 0.5, 1.6, 1.3, 1.4];
    private static readonly double[] s_reportRate = [0.00015, 0.010, 0.020, 0.016, 0.014];
    private const double PolarisingFactor = 6;
    private static readonly double[] s_benignReasons = [0.3, 0.4, 0.1, 0.2];
    private static readonly double[][] s_reasonProbability = BuildReasonProbabilities();
    private static readonly double[] s_appealProbability = [0.6, 0.1, 0.1, 0.1, 0.1];   // benign authors appeal more

    /// <summary>Per author: hidden type, per-class propensity (logit offsets) and whether benign posts attract false reports.</summary>
    private sealed record AuthorTraits(int[] Type, double[][] Propensity, bool[] Polarising, double[] ActivityCdf);

    /// <summary>The hidden side of a post, reached only through <see cref="GroundTruth"/>.</summary>
    /// <param name="Class">0 none, 1 spam, 2 hate, 3 violence, 4 nudity.</param>
    /// <param name="Markers">Marker words inserted per lexicon (slur, gore, nsfw, code).</param>
    /// <param name="Coded">Whether a hate post uses the trend's coded words.</param>
    /// <param name="Latent">The image embedding before rotation (null without image).</param>
    /// <param name="Source">Index of the e-mail in the corpus.</param>
    internal sealed record HiddenPost(int Class, int[] Markers, bool Coded, float[]? Latent, int Source);

    private readonly AuthorTraits _authorTraits;

    private static string[] Words(string stem, int count) =>
        Enumerable.Range(1, count).Select(i => stem + i.ToString("00", System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    private static double[][] BuildReasonProbabilities()
    {
        var table = new double[ClassCount][];
        table[0] = (double[])s_benignReasons.Clone();
        for (int c = 1; c < ClassCount; c++)
        {
            table[c] = new double[HarmClasses.Count];
            for (int k = 0; k < table[c].Length; k++) table[c][k] = k == c - 1 ? 0.8 : 0.2 / 3;
        }
        return table;
    }

    /// <summary>Share of hate posts on <paramref name="day"/> that use the coded words: 0 before the trend, then 0.3, 0.6, 0.8.</summary>
    private double CodedShare(int day) => day < TrendStartDay ? 0 : Math.Min(0.8, 0.3 * (day - TrendStartDay + 1));

    /// <summary>The class logits of a post by <paramref name="author"/> on a surface, hour and day.</summary>
    private void PriorLogits(int author, int surface, int hour, int day, Span<double> logits)
    {
        var propensity = _authorTraits.Propensity[author];
        for (int c = 0; c < ClassCount; c++) logits[c] = s_baseLogit[c] + propensity[c] + s_surfaceEffect[surface, c];
        if (hour < 6) logits[4] += NightNudityEffect;
        if (day >= TrendStartDay) logits[2] += TrendBoost;
    }

    /// <summary>Mean number of words from <paramref name="lexicon"/> in a post of class <paramref name="c"/> (coded or not) on a day.</summary>
    private double MarkerRate(int c, int lexicon, bool coded, int day)
    {
        if (lexicon == Code) return coded ? s_markerRate[2][Slur] : day >= TrendStartDay ? CodeBackgroundRate : 0;
        if (coded && lexicon == Slur) return CodedSlurRate;
        return s_markerRate[c][lexicon];
    }

    /// <summary>
    /// The exact posterior over the five classes given what the platform observes (text, image, first-hour reactions,
    /// surface, hour, day) and the author's hidden propensity: prior × likelihood of each channel, normalised.
    /// </summary>
    private double[] Posterior(Post post)
    {
        var h = post.Hidden ?? throw new ArgumentException("This post was not generated by a world (it has no ground truth).", nameof(post));
        Span<double> log = stackalloc double[ClassCount];
        PriorLogits(post.AuthorId, SurfaceIndex(post.Surface), post.Hour, post.Day, log);
        bool spamText = _corpusIsSpam[h.Source];
        double share = CodedShare(post.Day);
        for (int c = 0; c < ClassCount; c++)
        {
            if ((c == 1) != spamText) { log[c] = double.NegativeInfinity; continue; }   // the text is spam iff the class is spam
            double markers = 0;
            for (int l = Slur; l <= Nsfw; l++) if (l != Slur || c != 2) markers += LogPoisson(h.Markers[l], MarkerRate(c, l, false, post.Day));
            markers += c == 2
                ? LogMix(share, LogPoisson(h.Markers[Slur], CodedSlurRate) + LogPoisson(h.Markers[Code], MarkerRate(2, Code, true, post.Day)),
                    LogPoisson(h.Markers[Slur], s_markerRate[2][Slur]) + LogPoisson(h.Markers[Code], MarkerRate(2, Code, false, post.Day)))
                : LogPoisson(h.Markers[Code], MarkerRate(c, Code, false, post.Day));
            log[c] += markers + ImageLogLikelihood(c, h.Latent) + ReactionLogLikelihood(c, post);
        }
        double max = double.NegativeInfinity;
        foreach (double v in log) max = Math.Max(max, v);
        var p = new double[ClassCount];
        double total = 0;
        for (int c = 0; c < ClassCount; c++) total += p[c] = double.IsNegativeInfinity(log[c]) ? 0 : Math.Exp(log[c] - max);
        for (int c = 0; c < ClassCount; c++) p[c] /= total;
        return p;
    }

    private static double ImageLogLikelihood(int c, float[]? latent)
    {
        if (latent is null) return Math.Log(1 - s_imageShare[c]);
        double ll = Math.Log(s_imageShare[c]);
        // Only the class's own latent dimension has a shifted mean; the common −½‖u‖² cancels between classes.
        if (c > 0) ll += s_imageSignal[c] * latent[c - 1] - 0.5 * s_imageSignal[c] * s_imageSignal[c];
        return ll;
    }

    private static double ReactionLogLikelihood(int c, Post post)
    {
        var rate = s_reactionRate[c];
        double views = post.EarlyViews;
        return LogPoisson(post.EarlyLikes, views * rate[0]) + LogPoisson(post.EarlyComments, views * rate[1])
             + LogPoisson(post.EarlyShares, views * rate[2]) + LogPoisson(post.EarlyHides, views * rate[3]);
    }

    /// <summary>ln P(k | Poisson(mean)) without the ln k! term, which is the same for every class.</summary>
    private static double LogPoisson(int k, double mean) =>
        mean <= 0 ? (k == 0 ? 0 : double.NegativeInfinity) : k * Math.Log(mean) - mean;

    /// <summary>ln(w·e^a + (1 − w)·e^b), stable.</summary>
    private static double LogMix(double w, double a, double b)
    {
        if (w <= 0) return b;
        if (w >= 1) return a;
        double x = Math.Log(w) + a, y = Math.Log(1 - w) + b;
        double m = Math.Max(x, y);
        return double.IsNegativeInfinity(m) ? m : m + Math.Log(Math.Exp(x - m) + Math.Exp(y - m));
    }

    private static int SurfaceIndex(string surface)
    {
        for (int s = 0; s < Surfaces.Count; s++) if (Surfaces[s] == surface) return s;
        throw new ArgumentException($"surface must be one of {string.Join(", ", Surfaces)} (got '{surface}').", nameof(surface));
    }

    /// <summary>
    /// The hidden model of a <see cref="HarmfulContentWorld"/> (<see cref="Truth"/>): each post's true class, the author
    /// types, and the Bayes posterior. Use it for clean evaluation labels (in production: expert reviewers on a sample)
    /// and for the ceiling row — never as a feature.
    /// </summary>
    public sealed class GroundTruth
    {
        private readonly HarmfulContentWorld _w;

        internal GroundTruth(HarmfulContentWorld world) => _w = world;

        /// <summary>The post's true class: "none" or one of <see cref="HarmClasses"/>.</summary>
        /// <exception cref="ArgumentException">The post was not generated by a world.</exception>
        public string HarmClass(Post post)
        {
            int c = Hidden(post).Class;
            return c == 0 ? NoHarm : HarmClasses[c - 1];
        }

        /// <summary>Whether the post violates any policy.</summary>
        public bool IsHarmful(Post post) => Hidden(post).Class != 0;

        /// <summary>Clean 0/1 labels of <paramref name="harmClass"/> for each post (or of any harm, when null).</summary>
        public int[] Labels(IReadOnlyList<Post> posts, string? harmClass = null)
        {
            ArgumentNullException.ThrowIfNull(posts);
            int target = harmClass is null ? -1 : 1 + HarmIndex(harmClass);
            var y = new int[posts.Count];
            for (int i = 0; i < y.Length; i++)
            {
                int c = Hidden(posts[i]).Class;
                y[i] = (target < 0 ? c != 0 : c == target) ? 1 : 0;
            }
            return y;
        }

        /// <summary>
        /// P(the post is <paramref name="harmClass"/> | everything observable and the author's hidden propensity): the
        /// Bayes posterior, exact under the world's model. A spam post's text is a spam e-mail and no other post's is,
        /// so for spam it is 0 or 1; for the other classes it weighs marker words, image, reactions and context.
        /// </summary>
        public double HarmProbability(Post post, string harmClass)
        {
            ArgumentNullException.ThrowIfNull(post);
            int c = 1 + HarmIndex(harmClass);
            return _w.Posterior(post)[c];
        }

        /// <summary><see cref="HarmProbability"/> for many posts.</summary>
        public double[] HarmProbabilities(IReadOnlyList<Post> posts, string harmClass)
        {
            ArgumentNullException.ThrowIfNull(posts);
            int c = 1 + HarmIndex(harmClass);
            var p = new double[posts.Count];
            for (int i = 0; i < p.Length; i++) p[i] = _w.Posterior(posts[i])[c];
            return p;
        }

        /// <summary>The author's hidden type: "normal", "spammer", "hater", "violent" or "explicit".</summary>
        public string AuthorType(int authorId)
        {
            _w.CheckAuthor(authorId);
            return s_authorTypes[_w._authorTraits.Type[authorId]];
        }

        /// <summary>Whether the author's benign posts draw false reports (6× the usual rate).</summary>
        public bool IsPolarising(int authorId)
        {
            _w.CheckAuthor(authorId);
            return _w._authorTraits.Polarising[authorId];
        }

        /// <summary>Whether a hate post uses the trend's coded words instead of the known ones.</summary>
        public bool IsCoded(Post post) => Hidden(post).Coded;

        /// <summary>Share of hate posts using the coded words on <paramref name="day"/>: 0 before the trend, then 0.3, 0.6, 0.8.</summary>
        public double CodedShare(int day)
        {
            _w.CheckDay(day);
            return _w.CodedShare(day);
        }

        private static HiddenPost Hidden(Post post)
        {
            ArgumentNullException.ThrowIfNull(post);
            return post.Hidden ?? throw new ArgumentException("This post was not generated by a world (it has no ground truth).", nameof(post));
        }
    }

    private static readonly string[] s_authorTypes = ["normal", "spammer", "hater", "violent", "explicit"];
}
