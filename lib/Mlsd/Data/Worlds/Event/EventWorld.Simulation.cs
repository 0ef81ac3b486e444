namespace Mlsd.Data.Worlds;

public sealed partial class EventWorld
{
    /// <summary>
    /// Serves a ranking policy to the users on days <paramref name="day"/> … <paramref name="day"/> + <paramref name="days"/> − 1
    /// and draws their registrations from the ground truth — the online half of an A/B test, without real users.
    /// </summary>
    /// <remarks>
    /// <para>Each (user, day) has its own random stream from (<paramref name="seed"/>, day, user): how many visits,
    /// when, and one uniform per slot of each visit are the same whichever policy is served (common random numbers),
    /// and the result does not depend on the order users are listed in.</para>
    /// <para>Each visit calls <paramref name="policy"/> with the visit and its rule-filtered candidates
    /// (<see cref="Candidates"/>, minus events the user registered for earlier in this simulation) and shows the first
    /// <see cref="EventWorldOptions.Slots"/> ids of the ranked list it returns. An id that is not a candidate, or one
    /// listed twice, is an error. Friends' registrations are those of the world (log and organic); registrations drawn
    /// here do not change other users' probabilities, so users stay independent.</para>
    /// </remarks>
    /// <param name="policy">(visit, candidate ids) → ranked event ids, best first.</param>
    /// <param name="day">First simulated day, in 0 … <see cref="TotalDays"/> − 1.</param>
    /// <param name="seed">Seed of the simulation: the arms of one test share it; repeats use others.</param>
    /// <param name="days">Consecutive days, at least 1, ending by <see cref="TotalDays"/>.</param>
    /// <param name="users">The users in this run (default: all), ascending or not; each at most once.</param>
    public EventSimulationResult Simulate(Func<EventVisit, IReadOnlyList<int>, IReadOnlyList<int>> policy, int day, int seed,
        int days = 1, IReadOnlyList<int>? users = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        WorldChecks.Day(day, TotalDays);
        if (days < 1 || day + days > TotalDays)
            throw new ArgumentOutOfRangeException(nameof(days), days, $"days must be in 1..{TotalDays - day} (the world ends on day {TotalDays - 1}).");
        int[] ids = users is null ? Enumerable.Range(0, _users.Length).ToArray() : WorldChecks.UserIds(users, _users.Length);
        var visits = new List<EventVisit>();
        var log = new List<EventImpression>();
        var outcomes = new List<EventUserOutcome>();
        var registered = new HashSet<int>();
        var shown = new HashSet<int>();
        int slots = Options.Slots;
        foreach (int u in ids)
        {
            registered.Clear();
            int nVisits = 0, nShown = 0, nRegistered = 0;
            double revenue = 0;
            for (int d = day; d < day + days; d++)
            {
                var rng = new SplitMix64(SplitMix64.Seed(seed, d, u), u);
                int count = rng.Poisson(Options.VisitsPerUserDay * _userTraits.Activity[u]);
                var times = new long[count];
                for (int i = 0; i < count; i++) times[i] = d * DaySeconds + 7 * 3_600 + rng.Below(17 * 3_600);
                Array.Sort(times);
                foreach (long t in times)
                {
                    var visit = new EventVisit(visits.Count, d, t, u);
                    visits.Add(visit);
                    nVisits++;
                    var candidates = CandidatesAt(u, t, registered);
                    var ranked = policy(visit, candidates) ?? throw new InvalidOperationException($"The policy returned null for visit {visit.VisitId} (user {u}, day {d}).");
                    shown.Clear();
                    for (int p = 0; p < slots; p++)
                    {
                        double draw = rng.Uniform();
                        if (p >= ranked.Count) continue;
                        int e = ranked[p];
                        if (!shown.Add(e))
                            throw new ArgumentException($"The policy listed event {e} twice for visit {visit.VisitId} (user {u}).", nameof(policy));
                        if (!ContainsSorted(candidates, e))
                            throw new ArgumentException($"The policy ranked event {e} for user {u} at {t}, but it is not among the {candidates.Count} rule-filtered candidates.", nameof(policy));
                        bool yes = draw < ExaminationProbability(p + 1) * Probability(u, e, t);
                        log.Add(new EventImpression(visit.VisitId, d, t, u, e, p + 1, yes));
                        nShown++;
                        if (!yes) continue;
                        registered.Add(e);
                        nRegistered++;
                        revenue += FeeRate * _events[e].Price;
                    }
                }
            }
            if (nVisits > 0) outcomes.Add(new EventUserOutcome(u, nVisits, nShown, nRegistered, revenue));
        }
        return new EventSimulationResult(day, days, [.. visits], [.. log], [.. outcomes]);
    }

    private static bool ContainsSorted(IReadOnlyList<int> sorted, int value)
    {
        int lo = 0, hi = sorted.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] == value) return true;
            if (sorted[mid] < value) lo = mid + 1; else hi = mid - 1;
        }
        return false;
    }
}
