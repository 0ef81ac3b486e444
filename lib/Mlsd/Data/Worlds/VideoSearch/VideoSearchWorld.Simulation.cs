namespace Mlsd.Data.Worlds;

public sealed partial class VideoSearchWorld
{
    /// <summary>
    /// Serves a search policy to the searches of days <paramref name="day"/> … <paramref name="day"/> +
    /// <paramref name="days"/> − 1 and draws what users play and how long they watch from the ground truth — the online
    /// half of an A/B test, without real users.
    /// </summary>
    /// <remarks>
    /// <para>Search k of day d has its own random stream from (<paramref name="seed"/>, d, k): the user, the intended
    /// video, the query text and three uniforms per result slot (look, play, watch) are drawn the same way whichever
    /// policy is served (common random numbers), so two policies meet the same users typing the same queries.</para>
    /// <para>The first <see cref="Slots"/> ids <paramref name="policy"/> returns are shown; slot p is looked at with
    /// probability p^−0.8, a looked-at video played with probability 0.9 × relevance and watched relevance × (0.5 + U)
    /// × 600 seconds. An id outside the catalogue or listed twice is an error.</para>
    /// </remarks>
    /// <param name="policy">(request) → video ids, best first. It sees the query text, never the intended video.</param>
    /// <param name="day">First simulated day, in 0 … <see cref="TotalDays"/> − 1.</param>
    /// <param name="seed">Seed of the simulation: the arms of one test share it; repeats use others.</param>
    /// <param name="days">Consecutive days, at least 1, ending by <see cref="TotalDays"/>.</param>
    public SearchSimulationResult Simulate(Func<SearchRequest, IReadOnlyList<int>> policy, int day, int seed, int days = 1)
    {
        ArgumentNullException.ThrowIfNull(policy);
        WorldChecks.Day(day, TotalDays);
        if (days < 1 || day + days > TotalDays)
            throw new ArgumentOutOfRangeException(nameof(days), days, $"days must be in 1..{TotalDays - day} (the world ends on day {TotalDays - 1}).");
        int count = days * Options.QueriesPerDay;
        var searches = new SearchOutcome[count];
        var intents = new int[count];
        var perUser = new SortedDictionary<int, SearchUserOutcome>();
        var seen = new HashSet<int>();
        int id = 0;
        for (int d = day; d < day + days; d++)
            for (int k = 0; k < Options.QueriesPerDay; k++, id++)
            {
                var rng = new SplitMix64(SplitMix64.Seed(seed, d, k), k);
                int user = rng.Below(Options.Users);
                int video = rng.Below(_videos.Length);
                string text = DrawQuery(ref rng, d, video, out _);
                var request = new SearchRequest(id, d, user, text);
                var ranked = policy(request) ?? throw new InvalidOperationException($"The policy returned null for search {id} (day {d}, \"{text}\").");
                int shown = Math.Min(Slots, ranked.Count);
                seen.Clear();
                int clicks = 0, longest = -1;
                double watch = 0, best = 0;
                for (int p = 1; p <= Slots; p++)
                {
                    double look = rng.Uniform(), play = rng.Uniform(), length = rng.Uniform();
                    if (p > shown) continue;
                    int v = ranked[p - 1];
                    if ((uint)v >= (uint)_videos.Length)
                        throw new InvalidOperationException($"The policy returned video {v} for search {id} (day {d}, \"{text}\"): ids must be in 0..{_videos.Length - 1}.");
                    if (!seen.Add(v))
                        throw new InvalidOperationException($"The policy listed video {v} twice for search {id} (day {d}, \"{text}\").");
                    double r = RelevanceOf(video, v);
                    if (look >= ExaminationProbability(p) || play >= PlayProbability(r)) continue;
                    double seconds = WatchSeconds(r, length);
                    clicks++;
                    watch += seconds;
                    if (seconds > best) (best, longest) = (seconds, v);
                }
                searches[id] = new SearchOutcome(id, d, user, text, shown, clicks, watch, longest >= 0 ? longest : null);
                intents[id] = video;
                var o = perUser.GetValueOrDefault(user) ?? new SearchUserOutcome(user, 0, 0, 0);
                perUser[user] = o with { Searches = o.Searches + 1, Clicks = o.Clicks + clicks, WatchSeconds = o.WatchSeconds + watch };
            }
        return new SearchSimulationResult(day, days, searches, intents, [.. perUser.Values]);
    }
}
