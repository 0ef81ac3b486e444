namespace Mlsd.Data.Worlds;

public sealed partial class FeedWorld
{
    /// <summary>
    /// Serves a feed-ranking policy on days <paramref name="day"/> … <paramref name="day"/> + <paramref name="days"/> − 1
    /// and draws, from the ground truth, who visits, how far they scroll, how they react and how long they dwell — the
    /// online half of an A/B test, without real users.
    /// </summary>
    /// <remarks>
    /// <para>Each day every served user visits with their own hidden probability, at an hour drawn from the daily
    /// curve. The visit's candidates are the unseen posts of followed authors created in the last
    /// <see cref="CandidateWindowDays"/> days before the visit (posts shown in the log's last day or earlier in the run
    /// count as seen). The policy returns candidate post ids best first — it may leave some out (a filter) — and the
    /// first <see cref="FeedWorldOptions.Slots"/> are shown. A slot is examined with
    /// <see cref="ExaminationProbability"/>; an examined post draws each reaction from
    /// <see cref="GroundTruth.ReactionProbabilities"/>; every shown post draws a dwell time (short if scrolled past).</para>
    /// <para>Common random numbers: each (user, day) has its own stream from (world seed, <paramref name="seed"/>, day,
    /// user) that draws the visit, the hour and then a fixed set of draws per slot, so two policies run with one seed
    /// meet the same visits and the same luck. A policy's unknown post id, a post that is not a candidate, or a
    /// duplicate is an error naming the policy's mistake.</para>
    /// </remarks>
    /// <param name="policy">A request (user, day, hour, candidates) → candidate post ids, best first.</param>
    /// <param name="day">First simulated day, in 0 … <see cref="TotalDays"/> − 1 (usually ≥ <see cref="Days"/>).</param>
    /// <param name="seed">Seed of the simulation's randomness: the arms of one test share it; repeats use others.</param>
    /// <param name="days">Number of consecutive days, at least 1, ending by <see cref="TotalDays"/>.</param>
    /// <param name="users">The users the policy serves (default: everyone); the others are not simulated.</param>
    public FeedSimulationResult Simulate(Func<FeedRequest, IReadOnlyList<int>> policy, int day, int seed, int days = 1,
        IReadOnlyList<int>? users = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        WorldChecks.Day(day, TotalDays);
        if (days < 1 || day + days > TotalDays)
            throw new ArgumentOutOfRangeException(nameof(days), days, $"days must be in 1..{TotalDays - day} (the world ends on day {TotalDays - 1}).");
        int[] served = users is null ? [.. Enumerable.Range(0, _users.Length)] : WorldChecks.UserIds(users, _users.Length);
        int runSeed = SplitMix64.Seed(Seed, seed);

        var seen = new Dictionary<int, HashSet<int>>();
        foreach (int u in served) seen[u] = [];
        foreach (var i in _impressions)
            if (i.Day >= day - CandidateWindowDays && seen.TryGetValue(i.UserId, out var set)) set.Add(i.PostId);

        var log = new List<FeedImpression>();
        var visits = new int[_users.Length];
        for (int d = day; d < day + days; d++)
            foreach (int u in served) visits[u] += ServeVisit(u, d, runSeed, policy, "policy", seen[u], log);

        var counts = new int[_users.Length][];
        var impressions = new int[_users.Length];
        var engagement = new double[_users.Length];
        var dwell = new double[_users.Length];
        foreach (var i in log)
        {
            var c = counts[i.UserId] ??= new int[Reactions.Count];
            impressions[i.UserId]++;
            engagement[i.UserId] += i.Engagement();
            dwell[i.UserId] += i.DwellSeconds;
            for (int r = 0; r < c.Length; r++) if (i.Reacted(Reactions[r])) c[r]++;
        }
        var outcomes = new List<FeedUserOutcome>();
        foreach (int u in served)
            if (visits[u] > 0)
                outcomes.Add(new FeedUserOutcome(u, visits[u], impressions[u], Array.AsReadOnly(counts[u] ?? new int[Reactions.Count]),
                    engagement[u], dwell[u]));
        return new FeedSimulationResult(day, days, [.. log], [.. outcomes]);
    }

    /// <summary>
    /// The unseen candidates of a visit: posts of followed authors created in the window before (day, hour), newest
    /// first (ties: higher id first).
    /// </summary>
    private FeedPost[] Candidates(int userId, int day, int hour, HashSet<int> seen)
    {
        var list = new List<FeedPost>();
        foreach (int a in _followed[userId])
            foreach (int id in _postsByAuthor[a])
            {
                var p = _posts[id];
                if (p.Day > day) break;
                double age = AgeHours(p, day, hour);
                if (age > 0 && age <= CandidateWindowDays * 24 && !seen.Contains(id)) list.Add(p);
            }
        list.Sort((x, y) => x.Day != y.Day ? y.Day.CompareTo(x.Day) : x.Hour != y.Hour ? y.Hour.CompareTo(x.Hour) : y.PostId.CompareTo(x.PostId));
        return [.. list];
    }

    /// <summary>The policy's ranking, checked: distinct ids of candidates only.</summary>
    private static int[] CheckedRanking(Func<FeedRequest, IReadOnlyList<int>> policy, string policyName, FeedRequest request)
    {
        var ranked = policy(request) ?? throw new ArgumentException($"The {policyName} returned null for {request}; it must return candidate post ids.", nameof(policy));
        var allowed = new HashSet<int>(request.Candidates.Select(p => p.PostId));
        var used = new HashSet<int>();
        var result = new int[ranked.Count];
        for (int i = 0; i < result.Length; i++)
        {
            int id = ranked[i];
            if (!allowed.Contains(id))
                throw new ArgumentException($"The {policyName} ranked post {id} for {request}, which is not one of its candidates.", nameof(policy));
            if (!used.Add(id)) throw new ArgumentException($"The {policyName} ranked post {id} twice for {request}.", nameof(policy));
            result[i] = id;
        }
        return result;
    }

    /// <summary>
    /// One (user, day): draws whether the user visits and when, builds the request, asks the policy, shows the slots
    /// and draws what the user does. Returns 1 if the user visited (even with nothing to show), else 0.
    /// </summary>
    private int ServeVisit(int userId, int day, int streamSeed, Func<FeedRequest, IReadOnlyList<int>> policy, string policyName,
        HashSet<int> seen, List<FeedImpression> output)
    {
        var s = new Sampler(SplitMix64.Seed(streamSeed, day, userId));
        if (s.Uniform() >= _userTraits.VisitProbability[userId]) return 0;
        int hour = s.Categorical(s_hourWeights);
        var candidates = Candidates(userId, day, hour, seen);
        if (candidates.Length == 0) return 1;
        var request = new FeedRequest(userId, day, hour, candidates);
        var ranked = CheckedRanking(policy, policyName, request);
        Span<double> raw = stackalloc double[Reactions.Count];
        Span<bool> drawn = stackalloc bool[Reactions.Count];
        Span<double> uniform = stackalloc double[Reactions.Count];
        int shown = Math.Min(Options.Slots, ranked.Length);
        for (int k = 0; k < shown; k++)
        {
            var post = _posts[ranked[k]];
            double age = AgeHours(post, day, hour);
            seen.Add(post.PostId);
            // A fixed set of draws per slot, whatever is shown: examination, one uniform per reaction, one normal for dwell.
            bool examined = s.Uniform() < ExaminationProbability(k + 1);
            for (int r = 0; r < uniform.Length; r++) uniform[r] = s.Uniform();
            double noise = s.Normal();
            double z = RawProbabilities(userId, post.PostId, age, raw);
            bool hide = examined && uniform[HideReaction] < raw[HideReaction];
            bool block = examined && uniform[BlockReaction] < raw[BlockReaction];
            for (int r = 0; r < HideReaction; r++) drawn[r] = examined && !hide && !block && uniform[r] < raw[r];
            drawn[HideReaction] = hide;
            drawn[BlockReaction] = block;
            double dwell = examined ? Math.Exp(ExaminedLogDwell(post.PostId, z) + ExaminedDwellSd * noise)
                                    : Math.Exp(s_passedLogDwell + PassedDwellSd * noise);
            output.Add(new FeedImpression(day, hour, userId, post.PostId, k + 1, age,
                drawn[0], drawn[1], drawn[2], drawn[3], drawn[4], drawn[5], drawn[6], dwell));
        }
        return 1;
    }
}
