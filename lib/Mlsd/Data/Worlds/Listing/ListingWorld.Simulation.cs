namespace Mlsd.Data.Worlds;

public sealed partial class ListingWorld
{
    private sealed record SessionTables(ListingSession[] Sessions, ListingView[] Views, CarouselImpression[] Impressions,
        ListingGuestOutcome[] Outcomes);

    /// <summary>
    /// Serves a "similar listings" policy to the search sessions of days <paramref name="day"/> … <paramref name="day"/> +
    /// <paramref name="days"/> − 1 and draws what guests view, click and book from the ground truth — the online half of
    /// an A/B test, without real guests.
    /// </summary>
    /// <remarks>
    /// <para>Session k of day d has its own random stream from (<paramref name="seed"/>, d, k): the guest, the regions,
    /// the length, the search picks and one uniform per carousel slot are drawn the same way whichever policy is served
    /// (common random numbers), so two policies meet the same guests with the same coin flips.</para>
    /// <para>Under every viewed listing but the last, <paramref name="policy"/> is called with a
    /// <see cref="CarouselRequest"/> (no guest: the carousel is not personalised) and the first
    /// <see cref="ListingWorldOptions.Slots"/> ids it returns are shown. The guest clicks at most one; a click is the next
    /// view, otherwise the next view comes from search. Listings outside the regions the session searches are never
    /// clicked. An id not yet published on that day, the viewed listing itself, or an id listed twice is an error.</para>
    /// </remarks>
    /// <param name="policy">(request) → listing ids, best first. It must not depend on the guest beyond choosing an arm.</param>
    /// <param name="day">First simulated day, in 0 … <see cref="TotalDays"/> − 1.</param>
    /// <param name="seed">Seed of the simulation: the arms of one test share it; repeats use others.</param>
    /// <param name="days">Consecutive days, at least 1, ending by <see cref="TotalDays"/>.</param>
    public ListingSimulationResult Simulate(Func<CarouselRequest, IReadOnlyList<int>> policy, int day, int seed, int days = 1)
    {
        ArgumentNullException.ThrowIfNull(policy);
        WorldChecks.Day(day, TotalDays);
        if (days < 1 || day + days > TotalDays)
            throw new ArgumentOutOfRangeException(nameof(days), days, $"days must be in 1..{TotalDays - day} (the world ends on day {TotalDays - 1}).");
        var t = SimulateCore(policy, day, days, seed, "The policy");
        return new ListingSimulationResult(day, days, t.Sessions, t.Views, t.Impressions, t.Outcomes);
    }

    private SessionTables SimulateCore(Func<CarouselRequest, IReadOnlyList<int>> policy, int day, int days, int seed, string who)
    {
        var sessions = new List<ListingSession>();
        var views = new List<ListingView>();
        var log = new List<CarouselImpression>();
        var perGuest = new SortedDictionary<int, ListingGuestOutcome>();
        var candidates = new List<int>();
        var cumulative = new List<double>();
        var viewed = new List<int>();
        var shown = new HashSet<int>();
        double stay = 1 - 1 / Options.MeanViewsPerSession;
        for (int d = day; d < day + days; d++)
        {
            var dayStream = new SplitMix64(SplitMix64.Seed(seed, d, -1), d);
            int count = Math.Max(0, (int)Math.Round(Options.SessionsPerDay + Math.Sqrt(Options.SessionsPerDay) * dayStream.Normal()));
            int known = _knownBy[d];
            for (int k = 0; k < count; k++)
            {
                var rng = new SplitMix64(SplitMix64.Seed(seed, d, k), k);
                int guest = rng.Below(_guests.Length);
                int region = PickIndex(s_regionWeights, rng.Uniform());
                int other = rng.Uniform() < Options.CrossRegionShare ? region ^ 1 : -1;
                double u = rng.Uniform();
                int length = stay <= 0 ? 1 : Math.Min(ListingWorldOptions.MaxViews, 1 + (int)Math.Floor(Math.Log(1 - u) / Math.Log(stay)));
                SearchCandidates(guest, region, other, known, candidates, cumulative);
                int sessionId = sessions.Count, clicks = 0, impressions = 0;
                viewed.Clear();
                int current = candidates[PickCumulative(cumulative, rng.Uniform())];
                viewed.Add(current);
                views.Add(new ListingView(sessionId, d, 0, current, false));
                for (int step = 1; step < length; step++)
                {
                    var request = new CarouselRequest(sessionId, d, step - 1, current, guest);
                    var ranked = policy(request) ?? throw new InvalidOperationException($"{who} returned null for session {sessionId}, step {step - 1} (listing {current}).");
                    shown.Clear();
                    int clicked = -1;
                    for (int p = 1; p <= Options.Slots; p++)
                    {
                        double draw = rng.Uniform();
                        if (p > ranked.Count) continue;
                        int l = ranked[p - 1];
                        CheckShown(l, known, current, shown, request, who);
                        int r = _listingTraits.Region[l];
                        bool yes = clicked < 0 && (r == region || r == other) && draw < ClickProbabilityOf(guest, l, p);
                        if (yes) clicked = l;
                        log.Add(new CarouselImpression(sessionId, d, step - 1, current, p, l, yes));
                        impressions++;
                    }
                    double searchDraw = rng.Uniform();
                    current = clicked >= 0 ? clicked : candidates[PickCumulative(cumulative, searchDraw)];
                    if (clicked >= 0) clicks++;
                    viewed.Add(current);
                    views.Add(new ListingView(sessionId, d, step, current, clicked >= 0));
                }
                int best = viewed[0];
                foreach (int l in viewed) if (UtilityOf(guest, l) > UtilityOf(guest, best)) best = l;
                bool booked = rng.Uniform() < BookProbabilityOf(UtilityOf(guest, best));
                sessions.Add(new ListingSession(sessionId, d, guest, Regions[region], other < 0 ? null : Regions[other],
                    length, booked ? best : null));
                var o = perGuest.GetValueOrDefault(guest, new ListingGuestOutcome(guest, 0, 0, 0, 0));
                perGuest[guest] = o with { Sessions = o.Sessions + 1, Impressions = o.Impressions + impressions,
                    Clicks = o.Clicks + clicks, Bookings = o.Bookings + (booked ? 1 : 0) };
            }
        }
        return new SessionTables([.. sessions], [.. views], [.. log], [.. perGuest.Values]);
    }

    /// <summary>Listings of the searched regions published by now, and the cumulative weights e^utility of search.</summary>
    private void SearchCandidates(int guest, int region, int other, int known, List<int> candidates, List<double> cumulative)
    {
        candidates.Clear();
        cumulative.Clear();
        double total = 0;
        foreach (int r in other < 0 ? [region] : new[] { region, other })
            foreach (int l in _byRegion[r])
            {
                if (l >= known) break;
                candidates.Add(l);
                total += Math.Exp(UtilityOf(guest, l));
                cumulative.Add(total);
            }
    }

    private void CheckShown(int l, int known, int current, HashSet<int> shown, CarouselRequest request, string who)
    {
        if ((uint)l >= (uint)known)
            throw new ArgumentException($"{who} showed listing {l} under listing {current} in session {request.SessionId} on day {request.Day}, but only listings 0..{known - 1} are published by then.", "policy");
        if (l == current)
            throw new ArgumentException($"{who} showed listing {l} under itself in session {request.SessionId}.", "policy");
        if (!shown.Add(l))
            throw new ArgumentException($"{who} listed listing {l} twice under listing {current} in session {request.SessionId}.", "policy");
    }

    /// <summary>Inverse CDF over weights: the first index whose running total exceeds u × total.</summary>
    private static int PickIndex(IReadOnlyList<double> weights, double u)
    {
        double target = u * weights.Sum(), running = 0;
        for (int i = 0; i < weights.Count; i++)
        {
            running += weights[i];
            if (running > target) return i;
        }
        return weights.Count - 1;
    }

    /// <summary>Inverse CDF over running totals: the first index whose total exceeds u × the last (binary search).</summary>
    private static int PickCumulative(List<double> cumulative, double u)
    {
        double target = u * cumulative[^1];
        int lo = 0, hi = cumulative.Count - 1;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > target) hi = mid; else lo = mid + 1;
        }
        return lo;
    }
}
