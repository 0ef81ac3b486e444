using System.Globalization;

namespace Mlsd.Data.Worlds;

/// <summary>
/// A synthetic social platform for the harmful-content case study (chapter 5): authors with a history, and posts
/// whose <b>text is real</b> — e-mails of the SpamAssassin public corpus — while everything around the text (who posts,
/// where, the image, the reactions, which posts violate which policy, who reports them) is drawn from a seeded model
/// this object keeps, so a detector can be compared with the truth and an enforcement policy tested online.
/// </summary>
/// <remarks>
/// <para><b>Real and synthetic.</b> Real: the words. A spam post's text is a spam e-mail of the corpus and every
/// other post's text is a non-spam ("ham") e-mail; each distinct e-mail is assigned to one day, so no text crosses
/// from one day to another (a time split leaks no text). Synthetic: the other harm classes — hate, violence, nudity —
/// are written into the real ham text by a stated rule: a post of such a class gets a Poisson number of the class's
/// marker words (<see cref="MarkerWords"/>: placeholder tokens such as <c>slur04</c> standing for words we do not
/// print) inserted between its words; benign posts carry them now and then too (quotes, counter-speech), and a harmful
/// post may carry none (implicit harm only other signals reveal). Images are embedding vectors whose distribution
/// depends on the class; reactions, authors and reports are synthetic throughout.</para>
/// <para><b>Ground truth</b> (<see cref="Truth"/>). Each post has one class — none, spam, hate, violence or nudity —
/// drawn from a softmax over logits that add a base rate, the author's hidden propensity (a few authors are spammers,
/// haters, gore or explicit posters), the surface (comments attract hate, the marketplace attracts spam) and the hour.
/// Given the class: the text (spam e-mail or ham with markers), whether there is an image and its embedding (a class
/// direction plus Gaussian noise, rotated), and the first hour's likes, comments, shares and hides (Poisson, rates per
/// class). <see cref="GroundTruth.HarmProbability"/> is the exact posterior of the class given everything observable
/// plus the author's hidden propensity — a ceiling no model can beat on average.</para>
/// <para><b>Noisy natural labels.</b> Users report posts: each view of a post of class c is reported with probability
/// <see cref="ReportRatePerView"/>(c) (a benign post by a polarising author 6× more often), and each report names a reason:
/// the true class 80 % of the time, another class otherwise; reports on benign posts name reasons at random. So "was
/// reported for hate" misses hate that few people saw and includes benign posts that annoyed someone.</para>
/// <para><b>The log and the future.</b> Days 0 … Days − 1 were served by the old, purely reactive system: nothing is
/// removed until a user reports it; a reviewer then removes it if it is harmful. <see cref="Simulate"/> serves any
/// policy (allow / demote and review / remove) on the days after the log, with a review queue of limited capacity,
/// appeals, and user reports as the backstop. From <see cref="HarmfulContentWorldOptions.TrendStartDay"/> a new harm
/// trend starts: hate becomes more common and a growing share of it uses new coded words (<see cref="TrendWords"/>).
/// At the default size: 2,500 authors and 8,400 logged posts, about one in five harmful.</para>
/// <para>The same seed gives the same tables byte for byte (<see cref="WriteCsv"/>). The shape every world follows is
/// in Data/Worlds/README.md.</para>
/// </remarks>
/// <example>
/// <code>
/// var world = HarmfulContentWorld.Generate(seed: 4);
/// int[] hate = world.Truth.Labels(world.Posts, "hate");                   // clean labels, for evaluation
/// bool[] reported = world.Outcomes.Select(o => o.ReportedFor("hate")).ToArray();   // noisy natural labels
/// </code>
/// </example>
public sealed partial class HarmfulContentWorld
{
    /// <summary>The harm classes a detector scores, in the order every per-class array uses.</summary>
    public static IReadOnlyList<string> HarmClasses { get; } = ["spam", "hate", "violence", "nudity"];

    /// <summary>Where a post can appear.</summary>
    public static IReadOnlyList<string> Surfaces { get; } = ["feed", "group", "comment", "marketplace"];

    /// <summary>Countries of authors.</summary>
    public static IReadOnlyList<string> Countries { get; } = ["US", "IN", "BR", "GB", "DE", "PH", "NG", "ID"];

    /// <summary>The verdict a reviewer gives a post that violates nothing.</summary>
    public const string NoHarm = "none";

    /// <summary>Share of its views a demoted post still gets.</summary>
    public const double DemotionFactor = 0.25;

    /// <summary>Share of a post's remaining views that happen while a reviewer gets to it (queue or report).</summary>
    public const double ReviewLag = 0.2;

    private const int SimulatedPostIdBase = 100_000_000;
    private const int SimulatedPostsPerDayLimit = 100_000;

    private readonly PostAuthor[] _authors;
    private readonly Post[] _posts;
    private readonly PostOutcome[] _outcomes;

    /// <summary>
    /// Generates the world (loads the bundled SpamAssassin corpus first). The same <paramref name="seed"/> and options
    /// give identical tables and <see cref="WriteCsv"/> bytes; well under a second at the default size.
    /// </summary>
    /// <param name="seed">Seed of every random draw.</param>
    /// <param name="options">Sizes; null for the defaults.</param>
    public static HarmfulContentWorld Generate(int seed = 42, HarmfulContentWorldOptions? options = null)
    {
        options ??= new HarmfulContentWorldOptions();
        options.Validate();
        return new HarmfulContentWorld(seed, options, Datasets.SpamAssassin.Load());
    }

    /// <summary>The seed the world was generated from.</summary>
    public int Seed { get; }

    /// <summary>The options the world was generated with.</summary>
    public HarmfulContentWorldOptions Options { get; }

    /// <summary>Days of logged posts (days 0 … Days − 1).</summary>
    public int Days => Options.Days;

    /// <summary>Days the world is defined for: the log, then the future days <see cref="Simulate"/> serves.</summary>
    public int TotalDays => Options.Days + Options.FutureDays;

    /// <summary>The first day of the new harm trend (see <see cref="HarmfulContentWorldOptions.TrendStartDay"/>).</summary>
    public int TrendStartDay => Options.ResolvedTrendStart;

    /// <summary>Authors, indexed by id.</summary>
    public IReadOnlyList<PostAuthor> Authors { get; }

    /// <summary>Logged posts in time order, indexed by id.</summary>
    public IReadOnlyList<Post> Posts { get; }

    /// <summary>What happened to each logged post under the old reactive system (same index as <see cref="Posts"/>).</summary>
    public IReadOnlyList<PostOutcome> Outcomes { get; }

    /// <summary>The hidden model: for evaluation and ceilings, never as a feature.</summary>
    public GroundTruth Truth { get; }

    /// <summary>The placeholder words the world writes into posts of <paramref name="harmClass"/> (hate, violence or
    /// nudity): <c>slur01</c>…, <c>gore01</c>…, <c>nsfw01</c>…. Spam has none: its text is real spam.</summary>
    /// <exception cref="ArgumentException"><paramref name="harmClass"/> is not hate, violence or nudity.</exception>
    public static IReadOnlyList<string> MarkerWords(string harmClass) => harmClass switch
    {
        "hate" => s_lexicons[Slur],
        "violence" => s_lexicons[Gore],
        "nudity" => s_lexicons[Nsfw],
        _ => throw new ArgumentException($"harmClass must be hate, violence or nudity (spam has no marker words; got '{harmClass}').", nameof(harmClass)),
    };

    /// <summary>The new coded words of the hate trend (<c>code01</c>…): unseen before <see cref="TrendStartDay"/>.</summary>
    public static IReadOnlyList<string> TrendWords => s_lexicons[Code];

    /// <summary>
    /// Probability that one view of a post whose true class is <paramref name="trueClass"/> produces a user report:
    /// none 0.00015 (×6 for a polarising author), spam 0.010, hate 0.020, violence 0.016, nudity 0.014.
    /// </summary>
    public static double ReportRatePerView(string trueClass) => s_reportRate[ClassIndex(trueClass, nameof(trueClass))];

    /// <summary>
    /// Probability that a report on a post of <paramref name="trueClass"/> gives <paramref name="reason"/>: a harmful
    /// post's report names its class with probability 0.8 and each other harm class with 0.2 / 3; a benign post's names
    /// spam 0.3, hate 0.4, violence 0.1, nudity 0.2.
    /// </summary>
    public static double ReportReasonProbability(string trueClass, string reason) =>
        s_reasonProbability[ClassIndex(trueClass, nameof(trueClass))][HarmIndex(reason, nameof(reason))];

    /// <summary>
    /// Fresh posts for <paramref name="day"/> (any day in 0..TotalDays−1), drawn like the logged ones — texts from the
    /// day's share of the corpus, so a simulated day can hold many reposts of the same e-mail. Ids start at
    /// 100,000,000 + day × 100,000. The same (world, day, count, seed) give the same posts.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A day outside the world, or count outside 1..100,000.</exception>
    public Post[] GeneratePosts(int day, int count, int seed)
    {
        CheckDay(day);
        if (count is < 1 or > SimulatedPostsPerDayLimit)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"count must be between 1 and {SimulatedPostsPerDayLimit:N0}.");
        var sampler = new Sampler(SplitMix64.Seed(SplitMix64.Seed(Seed, seed), day));
        return DrawPosts(sampler, day, count, SimulatedPostIdBase + day * SimulatedPostsPerDayLimit);
    }

    /// <summary>"HarmfulContentWorld (seed 4): 2,500 authors, 8,400 posts over 28 days (…% harmful …)".</summary>
    public override string ToString()
    {
        var counts = new int[ClassCount];
        foreach (var p in _posts) counts[p.Hidden!.Class]++;
        int n = Math.Max(1, _posts.Length);
        var parts = Enumerable.Range(1, ClassCount - 1).Select(c => $"{HarmClasses[c - 1]} {counts[c] / (double)n:P1}");
        int reported = _outcomes.Count(o => o.Reports > 0);
        return string.Create(CultureInfo.InvariantCulture,
            $"HarmfulContentWorld (seed {Seed}): {_authors.Length:N0} authors, {_posts.Length:N0} posts over {Days} days " +
            $"({string.Join(", ", parts)}); {reported / (double)n:P1} of posts reported at least once");
    }

    /// <summary>Index of a harm class in <see cref="HarmClasses"/>.</summary>
    internal static int HarmIndex(string harmClass, string argument = "harmClass")
    {
        for (int k = 0; k < HarmClasses.Count; k++) if (HarmClasses[k] == harmClass) return k;
        throw new ArgumentException($"{argument} must be one of {string.Join(", ", HarmClasses)} (got '{harmClass}').", argument);
    }

    /// <summary>Index of a class including "none" (0 = none, 1.. = <see cref="HarmClasses"/>).</summary>
    private static int ClassIndex(string trueClass, string argument) =>
        trueClass == NoHarm ? 0 : 1 + HarmIndex(trueClass ?? "", argument);

    private void CheckDay(int day) => WorldChecks.Day(day, TotalDays);

    private void CheckAuthor(int authorId) => WorldChecks.Id(authorId, _authors.Length, nameof(authorId));
}
