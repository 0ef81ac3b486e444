namespace Mlsd.Data.Worlds;

// Generation: one stage per method, in a fixed order, each from its own forked sampler.
public sealed partial class EventWorld
{
    private const long DaySeconds = 86_400;
    private static readonly double[] s_cityWeights = [0.4, 0.15, 0.3, 0.15];
    private static readonly (double X, double Y)[] s_cityCentres = [(0, 0), (20, 8), (10, 270), (45, 315)];
    private static readonly double[] s_ageWeights = [0.2, 0.3, 0.22, 0.16, 0.12];

    // Older users travel less far and mind prices less: an interaction of age with distance and price that a
    // linear model on the raw features cannot represent and trees can.
    private static readonly double[] s_distanceSensitivityByAge = [0.25, 0.4, 0.6, 0.85, 1.1];
    private static readonly double[] s_priceSensitivityByAge = [1.0, 0.7, 0.45, 0.3, 0.2];

    // Five words per category (in category order), then generic words any description may use.
    private static readonly string[] s_categoryWords =
    [
        "concert", "band", "live", "jazz", "dj",
        "match", "run", "football", "league", "fitness",
        "ai", "startup", "coding", "cloud", "hackathon",
        "tasting", "wine", "chef", "street-food", "brunch",
        "gallery", "painting", "exhibition", "photography", "theatre",
        "kids", "family", "workshop", "puppets", "picnic",
        "hike", "trail", "beach", "kayak", "camping",
        "meetup", "career", "founders", "mentoring", "talks",
    ];
    private static readonly string[] s_genericWords = ["weekend", "free", "tickets", "friends", "night", "city", "special", "open", "community", "new"];

    private readonly UserTraits _userTraits;
    private readonly EventTraits _eventTraits;
    private readonly int[][] _friends;
    private readonly Dictionary<long, long> _inviteTime;          // (event, user) → first invitation time
    private readonly Dictionary<int, long>[] _registeredAt;        // per event: user → registration time (log + organic)
    private readonly List<int>[] _usersByCity;
    private readonly long[] _publishTimes;

    private EventWorld(int seed, EventWorldOptions options)
    {
        Seed = seed;
        Options = options;
        var root = new Sampler(seed);
        var userSampler = root.Fork();
        var friendSampler = root.Fork();
        var eventSampler = root.Fork();
        var organicSampler = root.Fork();
        var logSampler = root.Fork();

        (_users, _userTraits, _usersByCity) = DrawUsers(userSampler, options);
        (_friends, _friendships) = DrawFriendships(friendSampler, options, _usersByCity);
        (_events, _eventTraits) = DrawEvents(eventSampler);
        _publishTimes = _events.Select(e => e.PublishTime).ToArray();
        _registeredAt = new Dictionary<int, long>[_events.Length];
        for (int e = 0; e < _registeredAt.Length; e++) _registeredAt[e] = [];
        (_invitations, _inviteTime) = DrawInvitationsAndOrganicRegistrations(organicSampler);
        (_visits, _impressions) = DrawLog(logSampler);
        _registrations = CollectRegistrations();

        Users = Array.AsReadOnly(_users);
        Events = Array.AsReadOnly(_events);
        Friendships = Array.AsReadOnly(_friendships);
        Invitations = Array.AsReadOnly(_invitations);
        Registrations = Array.AsReadOnly(_registrations);
        Visits = Array.AsReadOnly(_visits);
        Impressions = Array.AsReadOnly(_impressions);
        Truth = new GroundTruth(this);
    }

    private sealed record UserTraits(int[] City, double[,] Taste, double[] DistanceSensitivity, double[] PriceSensitivity,
        int[] PreferredBand, bool[] LikesWeekends, double[] Activity);

    private sealed record EventTraits(int[] City, int[] Category, double[] Quality);

    /// <summary>Stage 1: users — a home near their city's centre, an age, hidden tastes and sensitivities, and two
    /// stated interests (their two highest tastes after noise).</summary>
    private static (EventUser[], UserTraits, List<int>[]) DrawUsers(Sampler s, EventWorldOptions o)
    {
        int n = o.Users, k = Categories.Count;
        var users = new EventUser[n];
        var traits = new UserTraits(new int[n], new double[n, k], new double[n], new double[n], new int[n], new bool[n], new double[n]);
        var byCity = Enumerable.Range(0, Cities.Count).Select(_ => new List<int>()).ToArray();
        for (int u = 0; u < n; u++)
        {
            int city = s.Categorical(s_cityWeights);
            double x = Math.Round(s_cityCentres[city].X + s.Normal(0, 4), 1), y = Math.Round(s_cityCentres[city].Y + s.Normal(0, 4), 1);
            int age = s.Categorical(s_ageWeights);
            var noisy = new double[k];
            for (int c = 0; c < k; c++)
            {
                traits.Taste[u, c] = s.Normal(0, 0.8);
                noisy[c] = traits.Taste[u, c] + s.Normal(0, 0.5);
            }
            var order = Enumerable.Range(0, k).OrderByDescending(c => noisy[c]).ThenBy(c => c).ToArray();
            traits.City[u] = city;
            traits.DistanceSensitivity[u] = s_distanceSensitivityByAge[age] + s.Uniform(-0.1, 0.1);
            traits.PriceSensitivity[u] = s_priceSensitivityByAge[age] + s.Uniform(-0.1, 0.1);
            traits.PreferredBand[u] = s.Bernoulli(0.35) ? 0 : 1;
            traits.LikesWeekends[u] = s.Bernoulli(0.5);
            traits.Activity[u] = Math.Exp(s.Normal(-0.125, 0.5));
            users[u] = new EventUser(u, Cities[city], x, y, AgeBuckets[age], [Categories[order[0]], Categories[order[1]]]);
            byCity[city].Add(u);
        }
        return (users, traits, byCity);
    }

    /// <summary>Stage 2: friendships — each user befriends about half their friend count, mostly in their own city.</summary>
    private static (int[][], EventFriendship[]) DrawFriendships(Sampler s, EventWorldOptions o, List<int>[] byCity)
    {
        var sets = Enumerable.Range(0, o.Users).Select(_ => new SortedSet<int>()).ToArray();
        var cityOf = new int[o.Users];
        for (int c = 0; c < byCity.Length; c++) foreach (int u in byCity[c]) cityOf[u] = c;
        for (int u = 0; u < o.Users; u++)
        {
            for (int f = 0; f < o.FriendsPerUser / 2; f++)
            {
                var pool = byCity[cityOf[u]];
                int other = s.Bernoulli(0.85) && pool.Count > 1 ? pool[s.Next(pool.Count)] : s.Next(o.Users);
                if (other == u) continue;
                sets[u].Add(other);
                sets[other].Add(u);
            }
        }
        var friends = sets.Select(set => set.ToArray()).ToArray();
        var edges = new List<EventFriendship>();
        for (int u = 0; u < friends.Length; u++) foreach (int f in friends[u]) if (u < f) edges.Add(new EventFriendship(u, f));
        return (friends, [.. edges]);
    }

    /// <summary>Stage 3: events — published every day from <see cref="EventWorldOptions.HorizonDays"/> before the log
    /// to its end and beyond, each starting within the horizon, at a venue in its host's city; holiday-season events
    /// lean to family and outdoor categories.</summary>
    private (EventListing[], EventTraits) DrawEvents(Sampler s)
    {
        var o = Options;
        var drafts = new List<(long Publish, EventListing Row, int City, int Category, double Quality)>();
        int family = IndexOf(Categories, "Family"), outdoors = IndexOf(Categories, "Outdoors");
        for (int day = -o.HorizonDays; day < TotalDays; day++)
        {
            int count = s.Poisson(o.EventsPerDay);
            for (int i = 0; i < count; i++)
            {
                long publish = day * DaySeconds + s.Next((int)DaySeconds);
                int startDay = day + s.Next(1, o.HorizonDays + 1);
                long start = startDay * DaySeconds + s.Next(9, 23) * 3_600L;
                int city = s.Categorical(s_cityWeights);
                var weights = Enumerable.Repeat(1.0, Categories.Count).ToArray();
                if (IsHoliday(startDay)) weights[family] = weights[outdoors] = 4;
                int category = s.Categorical(weights);
                double price = s.Bernoulli(0.4) ? 0 : Math.Round(Math.Exp(s.Normal(Math.Log(15), 0.7)));
                int capacity = s.Next(15, 151);
                var pool = _usersByCity[city];
                int host = pool.Count > 0 ? pool[s.Next(pool.Count)] : s.Next(o.Users);
                double x = Math.Round(s_cityCentres[city].X + s.Normal(0, 5), 1), y = Math.Round(s_cityCentres[city].Y + s.Normal(0, 5), 1);
                var words = new List<string>();
                while (words.Count < 3)
                {
                    string w = s_categoryWords[category * 5 + s.Next(5)];
                    if (!words.Contains(w)) words.Add(w);
                }
                words.Insert(s.Next(words.Count + 1), s_genericWords[s.Next(s_genericWords.Length)]);
                double quality = s.Normal(0, 0.6);
                drafts.Add((publish, new EventListing(0, host, Cities[city], x, y, Categories[category], price, capacity, publish, start,
                    string.Join(' ', words)), city, category, quality));
            }
        }
        var sorted = drafts.Select((d, i) => (d, i)).OrderBy(p => p.d.Publish).ThenBy(p => p.i).Select(p => p.d).ToArray();
        var rows = sorted.Select((d, id) => d.Row with { EventId = id }).ToArray();
        return (rows, new EventTraits(sorted.Select(d => d.City).ToArray(), sorted.Select(d => d.Category).ToArray(),
            sorted.Select(d => d.Quality).ToArray()));
    }

    /// <summary>Stage 4: invitations and organic registrations — hosts invite some friends after publishing; invitees
    /// and word-of-mouth visitors from the city register with a probability from their static affinity.</summary>
    private (Invitation[], Dictionary<long, long>) DrawInvitationsAndOrganicRegistrations(Sampler s)
    {
        var invitations = new List<Invitation>();
        var inviteTime = new Dictionary<long, long>();
        for (int e = 0; e < _events.Length; e++)
        {
            var ev = _events[e];
            foreach (int f in _friends[ev.HostId])
            {
                if (!s.Bernoulli(0.35)) continue;
                long t = ev.PublishTime + (long)s.Exponential(1 / (0.5 * DaySeconds));
                if (t >= ev.StartTime) continue;
                invitations.Add(new Invitation(e, f, t));
                inviteTime[Key(e, f)] = t;
                if (s.Bernoulli(MathFunctions.Sigmoid(StaticAffinity(f, e) + InvitedWeight - 2.5)))
                    Organic(e, f, t + (long)s.Exponential(1 / (0.5 * DaySeconds)));
            }
            var pool = _usersByCity[_eventTraits.City[e]];
            int walkIns = s.Poisson(3 * Math.Exp(_eventTraits.Quality[e]));
            for (int i = 0; i < walkIns && pool.Count > 0; i++)
            {
                int u = pool[s.Next(pool.Count)];
                long t = ev.PublishTime + (long)(s.Uniform() * (ev.StartTime - ev.PublishTime));
                if (s.Bernoulli(MathFunctions.Sigmoid(StaticAffinity(u, e) - 1))) Organic(e, u, t);
            }
        }
        return ([.. invitations.OrderBy(i => i.Timestamp).ThenBy(i => i.EventId).ThenBy(i => i.UserId)], inviteTime);
    }

    private void Organic(int e, int u, long t)
    {
        if (t >= _events[e].StartTime || _registeredAt[e].ContainsKey(u) || _registeredAt[e].Count >= _events[e].Capacity) return;
        _registeredAt[e][u] = t;
    }

    /// <summary>Stage 5: the log — visits drawn per user and day, served in time order by the old ranker
    /// (registrations so far plus noise), registrations drawn from the truth and added as they happen.</summary>
    private (EventVisit[], EventImpression[]) DrawLog(Sampler s)
    {
        var drafts = new List<(long T, int U)>();
        for (int d = 0; d < Options.Days; d++)
            for (int u = 0; u < _users.Length; u++)
            {
                int count = s.Poisson(Options.VisitsPerUserDay * _userTraits.Activity[u]);
                for (int i = 0; i < count; i++) drafts.Add((d * DaySeconds + 7 * 3_600 + s.Next(17 * 3_600), u));
            }
        var ordered = drafts.OrderBy(v => v.T).ThenBy(v => v.U).ToArray();
        var visits = new EventVisit[ordered.Length];
        var impressions = new List<EventImpression>();
        for (int v = 0; v < ordered.Length; v++)
        {
            var (t, u) = ordered[v];
            int day = (int)(t / DaySeconds);
            visits[v] = new EventVisit(v, day, t, u);
            var candidates = CandidatesAt(u, t, null);
            var ranked = candidates.Select(e => (E: e, Score: Math.Log(1 + CountBefore(e, t)) + s.Normal()))
                .OrderByDescending(c => c.Score).ThenBy(c => c.E).Take(Options.Slots).ToArray();
            for (int p = 0; p < ranked.Length; p++)
            {
                int e = ranked[p].E;
                bool registered = s.Uniform() < ExaminationProbability(p + 1) * Probability(u, e, t);
                if (registered) _registeredAt[e][u] = t + 30 + (long)s.Exponential(1 / 300.0);
                impressions.Add(new EventImpression(v, day, t, u, e, p + 1, registered));
            }
        }
        return (visits, [.. impressions]);
    }

    private Registration[] CollectRegistrations()
    {
        var fromFeed = new HashSet<long>(_impressions.Where(i => i.Registered).Select(i => Key(i.EventId, i.UserId)));
        long end = Options.Days * DaySeconds;
        var rows = new List<Registration>();
        for (int e = 0; e < _registeredAt.Length; e++)
            foreach (var (u, t) in _registeredAt[e])
                if (t < end) rows.Add(new Registration(e, u, t, fromFeed.Contains(Key(e, u))));
        return [.. rows.OrderBy(r => r.Timestamp).ThenBy(r => r.EventId).ThenBy(r => r.UserId)];
    }

    private IReadOnlyList<int> CandidatesAt(int u, long t, HashSet<int>? alsoRegistered)
    {
        var o = Options;
        int from = SortedSearch.LowerBound(_publishTimes, t - (o.HorizonDays + 1) * DaySeconds);
        int to = SortedSearch.LowerBound(_publishTimes, t);
        var result = new List<int>();
        for (int e = from; e < to; e++)
        {
            var ev = _events[e];
            if (ev.StartTime <= t + 3_600 || ev.StartTime > t + o.HorizonDays * DaySeconds) continue;
            if (Distance(u, e) > o.RadiusKm) continue;
            if (_registeredAt[e].TryGetValue(u, out long at) && at < t) continue;
            if (alsoRegistered is not null && alsoRegistered.Contains(e)) continue;
            if (CountBefore(e, t) >= ev.Capacity) continue;
            result.Add(e);
        }
        return result;
    }

    private int CountBefore(int e, long t)
    {
        int n = 0;
        foreach (long at in _registeredAt[e].Values) if (at < t) n++;
        return n;
    }

    private double Distance(int u, int e)
    {
        double dx = _users[u].HomeX - _events[e].X, dy = _users[u].HomeY - _events[e].Y;
        return Math.Sqrt(dx * dx + dy * dy);
    }

    private long Key(int e, int u) => (long)e * _users.Length + u;

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++) if (names[i] == name) return i;
        throw new InvalidOperationException($"'{name}' is not in the vocabulary.");
    }
}
