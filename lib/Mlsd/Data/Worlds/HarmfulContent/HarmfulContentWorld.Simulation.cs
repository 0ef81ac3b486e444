namespace Mlsd.Data.Worlds;

public sealed partial class HarmfulContentWorld
{
    /// <summary>
    /// Serves a moderation policy on <paramref name="days"/> days from <paramref name="day"/> and draws what happens to
    /// every post — views, user reports, reviews, removals, appeals — from the ground truth: the online half of an
    /// experiment, without users.
    /// </summary>
    /// <remarks>
    /// <para>Each day's posts come from <see cref="GeneratePosts"/>(day, postsPerDay, seed); the policy receives them all
    /// at once, one hour after upload (their first-hour views already happened), and returns one decision per post.
    /// <b>Remove</b>: no more views; the author may appeal (benign authors 60 % of the time, others 10 %), and a reviewer
    /// restores a benign post, which then gets half its remaining views back. <b>Demote and review</b>: the post gets
    /// <see cref="DemotionFactor"/> of its views; reviewers take up to <paramref name="reviewCapacityPerDay"/> of these
    /// posts a day, highest priority first, and remove the harmful ones after <see cref="ReviewLag"/> of their remaining
    /// (demoted) views, restoring the others. <b>Allow</b> (and demoted posts nobody reviewed): users report as they
    /// see it (<see cref="ReportRatePerView"/>); a reported post is reviewed (reports have their own review team, not
    /// limited here) and removed if harmful, after <see cref="ReviewLag"/> of its remaining views.</para>
    /// <para>Every post has its own random stream derived from (<paramref name="seed"/>, post id): its views, the users
    /// who would report it and its author's appeal are the same whichever policy is served — so two policies simulated
    /// with one seed face the same posts and the same luck (common random numbers). Restrict
    /// <paramref name="authors"/> to one arm of an experiment: the posts are drawn as for everyone and the others'
    /// dropped, so the arms of one seed split one population.</para>
    /// </remarks>
    /// <param name="policy">The day's posts → one decision per post, in order.</param>
    /// <param name="day">First simulated day (0 … TotalDays − 1; usually ≥ <see cref="Days"/>).</param>
    /// <param name="seed">Seed of the posts and of their lives: the arms of one test share it; repeats use others.</param>
    /// <param name="days">Consecutive days to serve, at least 1, ending by <see cref="TotalDays"/>.</param>
    /// <param name="postsPerDay">Posts drawn per day before any author filter (default <see cref="HarmfulContentWorldOptions.PostsPerDay"/>).</param>
    /// <param name="reviewCapacityPerDay">Demoted posts reviewers can take per day (0: none is reviewed).</param>
    /// <param name="authors">The authors in this arm (default: everyone).</param>
    public ModerationSimulationResult Simulate(Func<IReadOnlyList<Post>, IReadOnlyList<ModerationDecision>> policy, int day, int seed,
        int days = 1, int? postsPerDay = null, int reviewCapacityPerDay = 0, IReadOnlyList<int>? authors = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        CheckDay(day);
        if (days < 1 || day + days > TotalDays)
            throw new ArgumentOutOfRangeException(nameof(days), days, $"days must be in 1..{TotalDays - day} (the world ends on day {TotalDays - 1}).");
        int count = postsPerDay ?? Options.PostsPerDay;
        if (count is < 1 or > SimulatedPostsPerDayLimit)
            throw new ArgumentOutOfRangeException(nameof(postsPerDay), count, $"postsPerDay must be between 1 and {SimulatedPostsPerDayLimit:N0}.");
        if (reviewCapacityPerDay < 0)
            throw new ArgumentOutOfRangeException(nameof(reviewCapacityPerDay), reviewCapacityPerDay, "reviewCapacityPerDay must be 0 or more.");
        var inArm = ArmMask(authors);
        int outcomeSeed = SplitMix64.Seed(SplitMix64.Seed(Seed, seed), 7_000_003);

        var posts = new List<Post>();
        var outcomes = new List<PostOutcome>();
        var perAuthor = new SortedDictionary<int, ModerationAuthorOutcome>();
        for (int d = day; d < day + days; d++)
        {
            var served = GeneratePosts(d, count, seed).Where(p => inArm is null || inArm[p.AuthorId]).ToArray();
            if (served.Length == 0) continue;
            var decisions = CheckedDecisions(policy, served, d);
            var reviewed = QueueSelection(decisions, reviewCapacityPerDay);
            for (int i = 0; i < served.Length; i++)
            {
                var life = Live(served[i], decisions[i], reviewed[i], OutcomeSampler(outcomeSeed, served[i].PostId), out bool proactive);
                posts.Add(served[i]);
                outcomes.Add(life);
                perAuthor[life.AuthorId] = Add(perAuthor.GetValueOrDefault(life.AuthorId, new ModerationAuthorOutcome { AuthorId = life.AuthorId }),
                    served[i].Hidden!.Class != 0, life, proactive);
            }
        }
        return new ModerationSimulationResult(day, days, [.. posts], [.. outcomes], [.. perAuthor.Values]);
    }

    private static Sampler OutcomeSampler(int seed, int postId) => new(SplitMix64.Seed(seed, postId));

    private bool[]? ArmMask(IReadOnlyList<int>? authors)
    {
        if (authors is null) return null;
        var mask = new bool[_authors.Length];
        for (int i = 0; i < authors.Count; i++)
        {
            if ((uint)authors[i] >= (uint)_authors.Length)
                throw new ArgumentOutOfRangeException(nameof(authors), authors[i], $"authors[{i}] = {authors[i]} must be an author id in 0..{_authors.Length - 1}.");
            if (mask[authors[i]]) throw new ArgumentException($"authors lists author {authors[i]} twice.", nameof(authors));
            mask[authors[i]] = true;
        }
        return mask;
    }

    private static ModerationDecision[] CheckedDecisions(Func<IReadOnlyList<Post>, IReadOnlyList<ModerationDecision>> policy, Post[] posts, int day)
    {
        var result = policy(posts) ?? throw new ArgumentException($"The policy returned null for day {day}; it must return one decision per post.", nameof(policy));
        if (result.Count != posts.Length)
            throw new ArgumentException($"The policy returned {result.Count} decisions for the {posts.Length} posts of day {day}; it must return one per post.", nameof(policy));
        var decisions = new ModerationDecision[posts.Length];
        for (int i = 0; i < decisions.Length; i++)
        {
            var d = result[i];
            if (!Enum.IsDefined(d.Action))
                throw new ArgumentException($"The policy returned the undefined action {(int)d.Action} for post {posts[i].PostId}.", nameof(policy));
            if (!double.IsFinite(d.Priority))
                throw new ArgumentException($"The policy returned the priority {d.Priority} for post {posts[i].PostId}; priorities must be finite.", nameof(policy));
            decisions[i] = d;
        }
        return decisions;
    }

    /// <summary>Which demoted posts reviewers take: the <paramref name="capacity"/> highest priorities (ties: upload order).</summary>
    private static bool[] QueueSelection(ModerationDecision[] decisions, int capacity)
    {
        var reviewed = new bool[decisions.Length];
        var queue = Enumerable.Range(0, decisions.Length).Where(i => decisions[i].Action == ModerationAction.DemoteAndReview)
            .OrderByDescending(i => decisions[i].Priority).ThenBy(i => i).Take(capacity);
        foreach (int i in queue) reviewed[i] = true;
        return reviewed;
    }

    private static ModerationAuthorOutcome Add(ModerationAuthorOutcome a, bool harmful, PostOutcome o, bool proactive)
    {
        bool removed = o.Removal != RemovalPath.None;
        return a with
        {
            Posts = a.Posts + 1,
            HarmfulPosts = a.HarmfulPosts + (harmful ? 1 : 0),
            Views = a.Views + o.Views,
            HarmfulViews = a.HarmfulViews + (harmful ? o.Views : 0),
            Removals = a.Removals + (o.Action == ModerationAction.Remove ? 1 : 0),
            Appeals = a.Appeals + (o.Appealed ? 1 : 0),
            ValidAppeals = a.ValidAppeals + (o.AppealUpheld ? 1 : 0),
            HarmfulRemoved = a.HarmfulRemoved + (harmful && removed ? 1 : 0),
            HarmfulRemovedProactively = a.HarmfulRemovedProactively + (proactive ? 1 : 0),
            Reviews = a.Reviews + (o.Reviewed ? 1 : 0),
        };
    }

    private PostOutcome Live(Post post, ModerationDecision decision, bool reviewedFromQueue, Sampler s) =>
        Live(post, decision, reviewedFromQueue, s, out _);

    /// <summary>
    /// The life of one post after its decision. Draws in a fixed order — later views, first-hour reports, the appeal,
    /// the distance to the first later report — before anything the decision changes, so the same stream gives the same
    /// post the same luck under any policy; the reasons of the reports come last.
    /// </summary>
    private PostOutcome Live(Post post, ModerationDecision decision, bool reviewedFromQueue, Sampler s, out bool proactive)
    {
        var h = post.Hidden!;
        int c = h.Class;
        bool harmful = c != 0;
        double rho = s_reportRate[c] * (c == 0 && _authorTraits.Polarising[post.AuthorId] ? PolarisingFactor : 1);
        double later = s.Poisson(post.EarlyViews * 8 * Math.Exp(s.Normal(0, 0.6)) * s_virality[c]);
        int earlyReports = s.Poisson(post.EarlyViews * rho);
        bool reportedBefore = earlyReports > 0;
        bool appealed = decision.Action == ModerationAction.Remove && s.Uniform() < s_appealProbability[c];
        double firstLaterReport = reportedBefore ? 0 : s.Exponential(1) / rho;   // in views shown after the decision

        double shown;
        bool reviewed = false, upheld = false;
        var removal = RemovalPath.None;
        proactive = false;
        if (decision.Action == ModerationAction.Remove)
        {
            upheld = appealed && !harmful;
            reviewed = appealed;
            shown = upheld ? 0.5 * later : 0;
            removal = upheld ? RemovalPath.None : RemovalPath.Automatic;
            proactive = harmful && !reportedBefore;
        }
        else if (decision.Action == ModerationAction.DemoteAndReview && reviewedFromQueue)
        {
            double wait = ReviewLag * later * DemotionFactor;
            reviewed = true;
            shown = harmful ? wait : wait + (1 - ReviewLag) * later;
            if (harmful) removal = RemovalPath.ReviewQueue;
            proactive = harmful && !reportedBefore && firstLaterReport >= wait;
        }
        else
        {
            double full = later * (decision.Action == ModerationAction.DemoteAndReview ? DemotionFactor : 1);
            shown = full;
            if (firstLaterReport < full || reportedBefore)
            {
                reviewed = true;
                if (harmful)
                {
                    shown = firstLaterReport + ReviewLag * (full - firstLaterReport);
                    removal = RemovalPath.UserReport;
                }
            }
        }

        int laterReports = reportedBefore ? s.Poisson(shown * rho)
            : firstLaterReport < shown ? 1 + s.Poisson((shown - firstLaterReport) * rho) : 0;
        var reasons = new int[HarmClasses.Count];
        var reasonWeights = s_reasonProbability[c];
        for (int r = 0; r < earlyReports + laterReports; r++) reasons[s.Categorical(reasonWeights)]++;
        string? verdict = reviewed ? (harmful ? HarmClasses[c - 1] : NoHarm) : null;
        return new PostOutcome(post.PostId, post.Day, post.AuthorId, decision.Action, post.EarlyViews + (int)Math.Round(shown),
            Array.AsReadOnly(reasons), reportedBefore, reviewed, verdict, removal, appealed, upheld);
    }
}
