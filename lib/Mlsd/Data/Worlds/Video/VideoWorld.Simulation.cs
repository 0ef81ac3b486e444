namespace Mlsd.Data.Worlds;

public sealed partial class VideoWorld
{
    /// <summary>
    /// Serves a recommendation policy to the users on days <paramref name="day"/> … <paramref name="day"/> + <paramref name="days"/> − 1
    /// and draws what they do from the ground truth — the online half of an A/B test, without real users.
    /// </summary>
    /// <remarks>
    /// <para>Each (user, day) has its own random stream derived from (<paramref name="seed"/>, day, user): whether and how often the
    /// user visits, and the uniforms behind every slot's look/click/watch/like, are the same whichever policy is
    /// served. Comparing two policies with the same seed therefore compares them on identical visitors and luck
    /// (common random numbers), and the result does not depend on the order users are listed in.</para>
    /// <para>Each session calls <paramref name="policy"/> with the user id and shows the first
    /// <see cref="VideoWorldOptions.Slots"/> videos of the ranked list it returns, top first. A shorter list leaves
    /// slots empty. Recommending a video twice in one list, an unknown id, or a video not yet uploaded that day is an error.</para>
    /// </remarks>
    /// <param name="policy">user id → ranked video ids (best first).</param>
    /// <param name="day">First simulated day, in 0 … <see cref="TotalDays"/> − 1 (usually ≥ <see cref="Days"/>, after the log).</param>
    /// <param name="seed">Seed of the simulation's randomness: the arms of one test share it; repeats use others.</param>
    /// <param name="days">Number of consecutive days, at least 1, ending by <see cref="TotalDays"/>.</param>
    /// <param name="users">The users in this arm of the experiment (default: every user who has joined by the first day).
    /// Users who have not joined yet on a day do not visit that day.</param>
    public VideoSimulationResult Simulate(Func<int, IReadOnlyList<int>> policy, int day, int seed, int days = 1, IReadOnlyList<int>? users = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        WorldChecks.Day(day, TotalDays);
        if (days < 1 || day + days > TotalDays)
            throw new ArgumentOutOfRangeException(nameof(days), days, $"days must be in 1..{TotalDays - day} (the world ends on day {TotalDays - 1}).");
        int[] userIds = users is null ? UsersActiveOn(day) : WorldChecks.UserIds(users, _users.Length);

        var impressions = new List<VideoImpression>();
        var outcomes = new List<VideoUserOutcome>();
        var seen = new HashSet<int>();
        var watchedInSimulation = new HashSet<int>();
        int session = 0;
        int slots = Options.Slots;
        foreach (int u in userIds)
        {
            int sessions = 0, shown = 0, clicks = 0, relevant = 0;
            watchedInSimulation.Clear();
            double watch = 0;
            for (int d = day; d < day + days; d++)
            {
                if (_users[u].JoinDay > d) continue;
                int available = AvailableVideoCount(d);
                var sampler = new Sampler(SplitMix64.Seed(seed, d, u));
                int count = sampler.Poisson(_userTraits.Activity[u]);
                for (int s = 0; s < count; s++)
                {
                    var ranked = policy(u) ?? throw new InvalidOperationException($"The policy returned null for user {u}.");
                    seen.Clear();
                    for (int p = 0; p < slots; p++)
                    {
                        if (p >= ranked.Count)
                        {
                            for (int skip = 0; skip < 6; skip++) sampler.Uniform();
                            continue;
                        }
                        int v = ranked[p];
                        if ((uint)v >= (uint)_videos.Length)
                            throw new ArgumentException($"The policy recommended video {v} to user {u}, but ids run from 0 to {_videos.Length - 1}.", nameof(policy));
                        if (v >= available)
                            throw new ArgumentException($"The policy recommended video {v} to user {u} on day {d}, but it is only uploaded on day {_videoTraits.Upload[v]}.", nameof(policy));
                        if (!seen.Add(v))
                            throw new ArgumentException($"The policy recommended video {v} twice in one list for user {u}.", nameof(policy));
                        bool rewatch = WatchedInLogBefore(u, v, d) || watchedInSimulation.Contains(v);
                        var impression = Engage(sampler, session, d, u, v, p + 1, rewatch);
                        if (impression.Clicked) watchedInSimulation.Add(v);
                        impressions.Add(impression);
                        shown++;
                        if (impression.Clicked) clicks++;
                        if (impression.IsRelevant) relevant++;
                        watch += impression.WatchSeconds;
                    }
                    session++;
                    sessions++;
                }
            }
            if (sessions > 0) outcomes.Add(new VideoUserOutcome(u, sessions, shown, clicks, relevant, watch));
        }
        return new VideoSimulationResult(day, days, [.. impressions], [.. outcomes]);
    }
}
