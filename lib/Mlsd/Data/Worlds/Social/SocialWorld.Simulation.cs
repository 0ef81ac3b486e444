using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Mlsd.Data.Worlds;

public sealed partial class SocialWorld
{
    /// <summary>
    /// Serves a people-you-may-know policy on days <paramref name="day"/> … <paramref name="day"/> + <paramref name="days"/> − 1,
    /// draws who logs in, who sends a request and who accepts from the ground truth, and grows the network with the
    /// friendships that result — the online half of an A/B test, without real users.
    /// </summary>
    /// <remarks>
    /// <para>The run starts from the network at the start of <paramref name="day"/> (<see cref="GraphAsOf"/>). Every
    /// day, every user who has joined may log in and make friends outside the suggestions; users joining that day
    /// arrive with their invitations. A visit of a served user calls <paramref name="policy"/> and shows the first
    /// <see cref="SocialWorldOptions.Slots"/> people of the list it returns; users not in <paramref name="users"/>
    /// keep the platform's current suggestions (the log's policy) and are not reported. Friendships formed on a day
    /// join the network the next day.</para>
    /// <para>Common random numbers: each (user, day) has its own streams derived from (world seed,
    /// <paramref name="seed"/>, day, user) — one for the visit and organic friending, one with two draws per slot for
    /// the request and the acceptance — so two policies run with one seed meet the same visits and the same luck,
    /// whatever order they are compared in. (The networks of two runs drift apart as their suggestions differ;
    /// that is the effect being measured.)</para>
    /// <para>Showing someone who is already a friend wastes the slot (counted in <see cref="SocialUserOutcome.WastedSlots"/>).
    /// An unknown id, a user who has not joined yet, the user themself, or the same person twice in the shown slots is
    /// an error that names the policy's mistake.</para>
    /// </remarks>
    /// <param name="policy">A request (user, day, the network so far) → people to suggest, best first.</param>
    /// <param name="day">First simulated day, in 0 … <see cref="TotalDays"/> − 1 (usually ≥ <see cref="Days"/>).</param>
    /// <param name="seed">Seed of the simulation's randomness: the arms of one test share it; repeats use others.</param>
    /// <param name="days">Number of consecutive days, at least 1, ending by <see cref="TotalDays"/>.</param>
    /// <param name="users">The users the policy serves (default: everyone).</param>
    public SocialSimulationResult Simulate(Func<SuggestionRequest, IReadOnlyList<int>> policy, int day, int seed, int days = 1,
        IReadOnlyList<int>? users = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        WorldChecks.Day(day, TotalDays);
        if (days < 1 || day + days > TotalDays)
            throw new ArgumentOutOfRangeException(nameof(days), days, $"days must be in 1..{TotalDays - day} (the world ends on day {TotalDays - 1}).");
        var served = new bool[_users.Length];
        if (users is null) Array.Fill(served, true);
        else
            for (int i = 0; i < users.Count; i++)
            {
                WorldChecks.Id(users[i], _users.Length, $"users[{i}]");
                if (served[users[i]]) throw new ArgumentException($"users lists user {users[i]} twice.", nameof(users));
                served[users[i]] = true;
            }

        var index = new FriendIndex(_users.Length);
        int start = 0;
        while (start < _friendships.Length && _friendships[start].Day < day) start++;
        var run = new NetworkRun(this, index, SplitMix64.Seed(SplitMix64.Seed(Seed, seed), 0x504D4B), _friendships.Length, policy, served);
        for (int i = 0; i < start; i++) run.AddExisting(_friendships[i]);
        for (int d = day; d < day + days; d++) run.RunDay(d, record: true);

        var outcomes = new List<SocialUserOutcome>();
        for (int u = 0; u < _users.Length; u++)
            if (served[u] && run.Visits[u] > 0)
                outcomes.Add(new SocialUserOutcome(u, run.Visits[u], run.Shown[u], run.Sent[u], run.Accepted[u], run.Wasted[u]));
        return new SocialSimulationResult(day, days, [.. run.Suggestions], [.. run.Friendships], [.. outcomes]);
    }

    /// <summary>Friends of friends, schoolmates and colleagues of <paramref name="user"/> who have joined by
    /// <paramref name="day"/> and are not yet friends: the oracle's candidates, ascending.</summary>
    private int[] OracleCandidates(FriendIndex index, int user, int day)
    {
        int joined = UsersJoinedBy(day);
        var set = new HashSet<int>();
        for (int k = 0; k < index.Degree(user); k++)
        {
            int w = index.Friend(user, k);
            for (int j = 0; j < index.Degree(w); j++) set.Add(index.Friend(w, j));
        }
        foreach (var group in new[] { _schoolMembers[_traits.School[user]], _companyMembers[_traits.Company[user]] })
            foreach (int v in group)
            {
                if (v >= joined) break;
                set.Add(v);
            }
        set.Remove(user);
        set.RemoveWhere(v => index.AreFriends(user, v) || v >= joined);
        var result = set.ToArray();
        Array.Sort(result);
        return result;
    }

    /// <summary>
    /// Fills <paramref name="found"/> with the friends of friends of <paramref name="user"/> as of the start of
    /// <paramref name="day"/> (not the user, not friends) in walk order; <paramref name="scratch"/> (one int per user, all
    /// zero) counts each one's mutual friends and is zero again on return.
    /// </summary>
    [MethodImpl(Jit.Hot)]
    private void CollectFriendsOfFriends(FriendIndex index, int user, int day, int[] scratch, List<int> found)
    {
        found.Clear();
        int degree = index.Degree(user, day);
        for (int k = 0; k < degree; k++) scratch[index.Friend(user, k)] = -1;
        scratch[user] = -1;
        for (int k = 0; k < degree; k++)
        {
            int f = index.Friend(user, k);
            int friendsOfF = index.Degree(f, day);
            for (int j = 0; j < friendsOfF; j++)
            {
                int v = index.Friend(f, j);
                if (scratch[v] < 0) continue;
                if (scratch[v]++ == 0) found.Add(v);
            }
        }
        foreach (int v in found) scratch[v] = 0;
        for (int k = 0; k < degree; k++) scratch[index.Friend(user, k)] = 0;
        scratch[user] = 0;
    }

    /// <summary>
    /// The network as it grows: the day step shared by the log generator and the simulator — invitations, visits,
    /// organic friending and served suggestions, with the day's new friendships applied when the day ends.
    /// </summary>
    private sealed class NetworkRun
    {
        private readonly SocialWorld _world;
        private readonly FriendIndex _index;
        private readonly int _streamSeed;
        private readonly Func<SuggestionRequest, IReadOnlyList<int>>? _policy;
        private readonly bool[]? _served;
        private readonly List<GraphEdge> _edges = [];
        private readonly int[] _fofCount;
        private readonly List<int> _touched = [];
        private int _nextId;

        public NetworkRun(SocialWorld world, FriendIndex index, int streamSeed, int firstFriendshipId,
            Func<SuggestionRequest, IReadOnlyList<int>>? policy, bool[]? served)
        {
            _world = world;
            _index = index;
            _streamSeed = streamSeed;
            _nextId = firstFriendshipId;
            _policy = policy;
            _served = served;
            int n = world._users.Length;
            _fofCount = new int[n];
            Visits = new int[n];
            Shown = new int[n];
            Sent = new int[n];
            Accepted = new int[n];
            Wasted = new int[n];
        }

        public List<Friendship> Friendships { get; } = [];
        public List<SocialLogin> Logins { get; } = [];
        public List<Suggestion> Suggestions { get; } = [];
        public int[] Visits { get; }
        public int[] Shown { get; }
        public int[] Sent { get; }
        public int[] Accepted { get; }
        public int[] Wasted { get; }

        /// <summary>A friendship of the world's table that the run starts from (not reported as new).</summary>
        public void AddExisting(Friendship f)
        {
            _index.Add(f.UserId, f.FriendId, f.Day);
            _edges.Add(new GraphEdge(f.UserId, f.FriendId, 1, f.Day));
        }

        [MethodImpl(Jit.Hot)]
        public void RunDay(int day, bool record)
        {
            var w = _world;
            int joined = w.UsersJoinedBy(day);
            var pending = new List<(int U, int V, int Source)>();
            Graph? network = null;
            Graph Network() => network ??= new Graph($"social@{day}", w._nodeNames, _edges, isDirected: false, w._nodeAttributes);
            for (int u = 0; u < joined; u++)
            {
                if (w._traits.JoinDay[u] == day)
                    foreach (int inviter in w._inviters[u]) pending.Add((inviter, u, InvitedSource));
                var visit = new SplitMix64(SplitMix64.Seed(_streamSeed, day, 0), u);
                if (!(visit.Uniform() < w.LoginProbability(u, day))) continue;
                bool served = _policy is not null && _served![u];
                bool logged = record && (_served is null || _served[u]);
                if (logged)
                {
                    Logins.Add(new SocialLogin(day, u));
                    Visits[u]++;
                }
                MakeOrganicFriends(ref visit, u, day, joined, pending);

                var slots = new SplitMix64(SplitMix64.Seed(_streamSeed, day, 1), u);
                IReadOnlyList<int> ranked;
                if (served)
                {
                    var request = new SuggestionRequest(u, day, Network, v => _index.AreFriends(u, v)) { Index = _index };
                    ranked = _policy!(request) ?? throw new InvalidOperationException($"The policy returned null for user {u} on day {day}.");
                }
                else
                {
                    var noise = new SplitMix64(SplitMix64.Seed(_streamSeed, day, 2), u);
                    ranked = LoggingPolicy(ref noise, u);
                }
                ShowSuggestions(ref slots, u, day, joined, ranked, served, logged, pending);
            }

            foreach (var (a, b, source) in pending)
            {
                int lo = Math.Min(a, b), hi = Math.Max(a, b);
                if (!_index.Add(lo, hi, day)) continue;
                Friendships.Add(new Friendship(_nextId++, lo, hi, day, Sources[source]));
                _edges.Add(new GraphEdge(lo, hi, 1, day));
            }
        }

        private void MakeOrganicFriends(ref SplitMix64 rng, int u, int day, int joined, List<(int, int, int)> pending)
        {
            var w = _world;
            double attemptRate = w.AttemptsPerVisit(u, day);
            int attempts = attemptRate <= 0 ? 0 : rng.Poisson(attemptRate);
            for (int a = 0; a < attempts; a++)
            {
                int v = PickAcquaintance(ref rng, u, joined);
                if (v < 0 || v == u || _index.AreFriends(u, v)) continue;
                double affinity = w.Affinity(u, v, _index.Mutuals(u, v, day, RecentHalfLifeDays));
                if (rng.Uniform() < OrganicProbability(affinity)) pending.Add((u, v, OrganicSource));
            }
        }

        /// <summary>Someone the user meets outside the suggestions: half the time a friend's friend, then a schoolmate
        /// or colleague, now and then anyone.</summary>
        private int PickAcquaintance(ref SplitMix64 rng, int u, int joined)
        {
            var w = _world;
            double r = rng.Uniform();
            if (r < MeetViaFriend && _index.Degree(u) > 0)
            {
                int friend = _index.Friend(u, rng.Below(_index.Degree(u)));
                return _index.Degree(friend) > 0 ? _index.Friend(friend, rng.Below(_index.Degree(friend))) : -1;
            }
            if (r < MeetViaFriend + MeetViaGroup)
            {
                var group = rng.Uniform() < 0.5 ? w._schoolMembers[w._traits.School[u]] : w._companyMembers[w._traits.Company[u]];
                int count = SortedSearch.LowerBound<int>(group, joined);
                return count == 0 ? -1 : group[rng.Below(count)];
            }
            return rng.Below(joined);
        }

        [MethodImpl(Jit.Hot)]
        private void ShowSuggestions(ref SplitMix64 rng, int u, int day, int joined, IReadOnlyList<int> ranked, bool served,
            bool logged, List<(int, int, int)> pending)
        {
            var w = _world;
            int slots = w.Options.Slots;
            for (int p = 0; p < slots; p++)
            {
                double sendDraw = rng.Uniform(), acceptDraw = rng.Uniform();
                if (p >= ranked.Count) continue;
                int v = ranked[p];
                if (served) CheckSuggestion(ranked, p, u, day, joined);
                bool sent = false, accepted = false;
                if (_index.AreFriends(u, v))
                {
                    if (logged) Wasted[u]++;
                }
                else
                {
                    double affinity = w.Affinity(u, v, _index.Mutuals(u, v, day, RecentHalfLifeDays));
                    sent = sendDraw < SendProbability(affinity, p + 1);
                    accepted = sent && acceptDraw < w.AcceptProbability(v, affinity);
                    if (accepted) pending.Add((u, v, SuggestedSource));
                }
                if (!logged) continue;
                Suggestions.Add(new Suggestion(day, u, v, p + 1, sent, accepted));
                Shown[u]++;
                if (sent) Sent[u]++;
                if (accepted) Accepted[u]++;
            }
        }

        private void CheckSuggestion(IReadOnlyList<int> ranked, int p, int u, int day, int joined)
        {
            int v = ranked[p];
            int n = _world._users.Length;
            if ((uint)v >= (uint)n)
                throw new ArgumentException($"The policy suggested user {v} to user {u} on day {day}, but ids run from 0 to {n - 1}.", "policy");
            if (v >= joined)
                throw new ArgumentException($"The policy suggested user {v} to user {u} on day {day}, but user {v} only joins on day {_world._traits.JoinDay[v]}.", "policy");
            if (v == u) throw new ArgumentException($"The policy suggested user {u} to themself on day {day}.", "policy");
            for (int q = 0; q < p; q++)
                if (ranked[q] == v) throw new ArgumentException($"The policy suggested user {v} twice in one list for user {u} on day {day}.", "policy");
        }

        /// <summary>
        /// The platform's current suggestions, which drew the log: up to <see cref="SocialWorldOptions.Slots"/> friends of
        /// friends picked uniformly at random, in random order. A user with no friend of a friend gets none.
        /// </summary>
        [MethodImpl(Jit.Hot)]
        private int[] LoggingPolicy(ref SplitMix64 rng, int u)
        {
            int slots = _world.Options.Slots;
            _world.CollectFriendsOfFriends(_index, u, int.MaxValue, _fofCount, _touched);
            int shown = Math.Min(slots, _touched.Count);
            for (int i = 0; i < shown; i++)   // a partial Fisher–Yates shuffle: the first `shown` are a uniform sample
            {
                int j = i + rng.Below(_touched.Count - i);
                (_touched[i], _touched[j]) = (_touched[j], _touched[i]);
            }
            return [.. _touched.GetRange(0, shown)];
        }
    }
}

/// <summary>Mutual friends of a pair — how many, and how many weighted by how recently each triangle closed — and
/// each side's number of friends.</summary>
internal readonly record struct MutualStats(int Count, double Recent, int DegreeU, int DegreeV);

/// <summary>
/// Friend lists in the order the friendships formed, with their days, plus a per-user lookup: every walk over them is
/// deterministic, and "as of a day" is a prefix of each list. The world's truth indexes its whole table with one; the
/// log and the simulator grow one (friendships must be added in non-decreasing day order).
/// </summary>
internal sealed class FriendIndex
{
    private readonly List<int>[] _friends;
    private readonly List<int>[] _days;
    private readonly Dictionary<int, int>[] _dayOf;

    public FriendIndex(int users)
    {
        _friends = new List<int>[users];
        _days = new List<int>[users];
        _dayOf = new Dictionary<int, int>[users];
        for (int u = 0; u < users; u++)
        {
            _friends[u] = [];
            _days[u] = [];
            _dayOf[u] = [];
        }
    }

    /// <summary>Friends of u, all of them.</summary>
    public int Degree(int u) => _friends[u].Count;

    /// <summary>Friends of u made before <paramref name="beforeDay"/>.</summary>
    public int Degree(int u, int beforeDay) => SortedSearch.LowerBound<int>(CollectionsMarshal.AsSpan(_days[u]), beforeDay);

    public int Friend(int u, int k) => _friends[u][k];

    /// <summary>The friends u and v had in common before <paramref name="beforeDay"/>, in u's list order.</summary>
    public List<int> MutualFriends(int u, int v, int beforeDay)
    {
        var common = new List<int>();
        int degree = Degree(u, beforeDay);
        for (int k = 0; k < degree; k++)
            if (AreFriends(v, _friends[u][k], beforeDay)) common.Add(_friends[u][k]);
        return common;
    }

    /// <summary>Whether u and v became friends before <paramref name="beforeDay"/>.</summary>
    public bool AreFriends(int u, int v, int beforeDay = int.MaxValue) => _dayOf[u].TryGetValue(v, out int d) && d < beforeDay;

    /// <summary>Adds the friendship; false when the two are already friends.</summary>
    public bool Add(int u, int v, int day)
    {
        if (!_dayOf[u].TryAdd(v, day)) return false;
        _dayOf[v][u] = day;
        _friends[u].Add(v);
        _friends[v].Add(u);
        _days[u].Add(day);
        _days[v].Add(day);
        return true;
    }

    /// <summary>
    /// Mutual friends of u and v counting friendships formed before <paramref name="beforeDay"/>; each also weighs
    /// 2^(−age / halfLife), where age = beforeDay − the day the later of its two friendships formed. The shorter list
    /// is walked (the lower id's on a tie), so the sum is the same whichever way round the pair is given.
    /// </summary>
    [MethodImpl(Jit.Hot)]
    public MutualStats Mutuals(int u, int v, int beforeDay, double halfLife)
    {
        int degreeU = Degree(u, beforeDay), degreeV = Degree(v, beforeDay);
        bool uFirst = degreeU < degreeV || (degreeU == degreeV && u < v);
        var (a, b, degreeA) = uFirst ? (u, v, degreeU) : (v, u, degreeV);
        var friendsA = CollectionsMarshal.AsSpan(_friends[a]);
        var daysA = CollectionsMarshal.AsSpan(_days[a]);
        var daysB = _dayOf[b];
        int count = 0;
        double recent = 0, decay = -Math.Log(2) / halfLife;
        for (int k = 0; k < degreeA; k++)
        {
            if (!daysB.TryGetValue(friendsA[k], out int t2) || t2 >= beforeDay) continue;
            count++;
            recent += Math.Exp(decay * (beforeDay - Math.Max(daysA[k], t2)));
        }
        return new MutualStats(count, recent, degreeU, degreeV);
    }
}
