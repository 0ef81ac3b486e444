namespace Mlsd.Data.Worlds;

// The hidden model: the parameters, the formulas that turn them into probabilities, and GroundTruth, the only public
// door to them. The log generator, the simulator and GroundTruth all call these functions, so they cannot disagree.
public sealed partial class SocialWorld
{
    // Affinity of a pair: log-odds-like score that drives organic friending, sending and accepting.
    private const double AffinityBias = -1.0;
    private const double MutualWeight = 1.0;          // × ln(1 + mutual friends)
    private const double RecentMutualWeight = 0.6;    // × ln(1 + mutual friends weighted by how fresh the triangle is)
    private const double DegreeWeight = -0.35;        // × (ln(1 + friends of u) + ln(1 + friends of v)): busy people add fewer
    private const double SchoolWeight = 1.0, CompanyWeight = 0.8, CityWeight = 0.4;
    private const double PositionWeight = 1.0;        // × (hidden social position of u · that of v), in [−1, 1]
    private const double RecentHalfLifeDays = 10;     // a mutual tie formed this many days ago counts half

    private const double SendShift = -1.0;            // P(send | looked at) = σ(affinity − 1)
    private const double AcceptShift = 2.0;           // P(accept) = σ(affinity + 2) × responsiveness
    private const double DormantResponsiveness = 0.25;
    private const double ExaminationDecay = 0.5;      // P(slot p looked at) = p^−0.5
    private const double MeetViaFriend = 0.5, MeetViaGroup = 0.35;   // how an organic attempt picks someone (rest: anyone)
    private const int NewUserDays = 7;                // the first week: frequent visits, many friend-making attempts
    private const double NewUserLogin = 0.7, NewUserAttemptFactor = 8;

    private readonly record struct UserTraits(int[] City, int[] School, int[] Company, float[][] Position,
        double[] Sociability, double[] Login, bool[] Dormant, int[] JoinDay);

    /// <summary>The affinity of u and v given their mutual friends: the one formula behind every outcome.</summary>
    private double Affinity(int u, int v, MutualStats mutual)
    {
        var t = _traits;
        double z = AffinityBias + MutualWeight * Math.Log(1 + mutual.Count) + RecentMutualWeight * Math.Log(1 + mutual.Recent)
            + DegreeWeight * (Math.Log(1 + mutual.DegreeU) + Math.Log(1 + mutual.DegreeV));
        if (t.School[u] == t.School[v]) z += SchoolWeight;
        if (t.Company[u] == t.Company[v]) z += CompanyWeight;
        if (t.City[u] == t.City[v]) z += CityWeight;
        float dot = 0;
        for (int d = 0; d < t.Position[u].Length; d++) dot += t.Position[u][d] * t.Position[v][d];
        return z + PositionWeight * dot + t.Sociability[u] + t.Sociability[v];
    }

    private static double SendProbability(double affinity, int position) =>
        ExaminationProbability(position) * MathFunctions.Sigmoid(affinity + SendShift);

    private double AcceptProbability(int candidate, double affinity) =>
        MathFunctions.Sigmoid(affinity + AcceptShift) * (_traits.Dormant[candidate] ? DormantResponsiveness : 1);

    private static double OrganicProbability(double affinity) => MathFunctions.Sigmoid(affinity);

    /// <summary>P(the user logs in on the day): certain on the join day, frequent in the first week, then the user's
    /// own rate; dormant users never come back after signing up.</summary>
    private double LoginProbability(int u, int day)
    {
        int age = day - _traits.JoinDay[u];
        if (age < 0) return 0;
        if (age == 0) return 1;
        if (_traits.Dormant[u]) return 0;
        return age < NewUserDays ? Math.Max(_traits.Login[u], NewUserLogin) : _traits.Login[u];
    }

    /// <summary>P(a befriends b on the day, from a's side): see <see cref="GroundTruth.FormationProbability"/>.</summary>
    private double DirectionalFormation(int a, int b, int day, double affinity, int mutualFriends, int degreeA, int friendsOfFriendsOfA)
    {
        double login = LoginProbability(a, day);
        if (login == 0) return 0;
        double suggested = 0;
        if (mutualFriends > 0)
        {
            double looks = 0;
            for (int p = 1; p <= Math.Min(Options.Slots, friendsOfFriendsOfA); p++) looks += ExaminationProbability(p);
            suggested = looks / friendsOfFriendsOfA * MathFunctions.Sigmoid(affinity + SendShift) * AcceptProbability(b, affinity);
        }
        double meet = 0;
        if (degreeA > 0)
            foreach (int w in _tableIndex.MutualFriends(a, b, day)) meet += MeetViaFriend / degreeA / _tableIndex.Degree(w, day);
        int joined = UsersJoinedBy(day);
        double viaGroup = degreeA > 0 ? MeetViaGroup : MeetViaFriend + MeetViaGroup;
        if (_traits.School[a] == _traits.School[b])
            meet += viaGroup / 2 / SortedSearch.LowerBound<int>(_schoolMembers[_traits.School[a]], joined);
        if (_traits.Company[a] == _traits.Company[b])
            meet += viaGroup / 2 / SortedSearch.LowerBound<int>(_companyMembers[_traits.Company[a]], joined);
        meet += (1 - MeetViaFriend - MeetViaGroup) / joined;
        double organic = 1 - Math.Exp(-AttemptsPerVisit(a, day) * meet * OrganicProbability(affinity));
        return login * (1 - (1 - suggested) * (1 - organic));
    }

    private double AttemptsPerVisit(int u, int day) =>
        Options.OrganicAttemptsPerVisit * (day - _traits.JoinDay[u] < NewUserDays ? NewUserAttemptFactor : 1);

    /// <summary>
    /// The hidden model behind the world: affinities, the probability of every logged outcome, the hidden traits a
    /// model could be compared with, and an oracle policy. Simulator-only: nothing here is observable on a real
    /// platform, so none of it may be used as a feature.
    /// </summary>
    /// <remarks>Probabilities are "as of the start of <c>day</c>" on the world's own trajectory: mutual friends count
    /// friendships formed before that day in <see cref="Friendships"/> (the log ends on day Days − 1, so later days
    /// see the network as the log left it).</remarks>
    public sealed class GroundTruth
    {
        private readonly SocialWorld _world;

        internal GroundTruth(SocialWorld world) => _world = world;

        /// <summary>Half-life, in days, of a mutual friendship's weight in the affinity: the recency the time-discounted
        /// mutual count should use to match the truth.</summary>
        public static double RecentMutualHalfLifeDays => RecentHalfLifeDays;

        /// <summary>
        /// The affinity of <paramref name="userId"/> and <paramref name="otherId"/> on <paramref name="day"/>:
        /// −1 + ln(1 + mutual friends) + 0.6 ln(1 + recency-weighted mutual friends) − 0.35 (ln(1 + friends of u) +
        /// ln(1 + friends of v)) + 1.0 [same school] + 0.8 [same company] + 0.4 [same city] + (hidden social positions'
        /// dot product) + both sociabilities.
        /// Every probability below is a logistic function of it, so ranking by affinity is the best possible order.
        /// </summary>
        public double Affinity(int userId, int otherId, int day)
        {
            CheckPair(userId, otherId, day);
            return _world.Affinity(userId, otherId, _world._tableIndex.Mutuals(userId, otherId, day, RecentHalfLifeDays));
        }

        /// <summary>P(<paramref name="userId"/> sends a request to <paramref name="candidateId"/> shown in slot
        /// <paramref name="position"/>) = position^−0.5 × σ(affinity − 1).</summary>
        public double RequestProbability(int userId, int candidateId, int day, int position)
        {
            WorldChecks.Position(position);
            return SendProbability(Affinity(userId, candidateId, day), position);
        }

        /// <summary>P(<paramref name="candidateId"/> accepts a request from <paramref name="userId"/>) = σ(affinity + 2),
        /// a quarter of that when the candidate is dormant (requests to people who never log in mostly go unanswered).</summary>
        public double AcceptProbability(int userId, int candidateId, int day) =>
            _world.AcceptProbability(candidateId, Affinity(userId, candidateId, day));

        /// <summary>P(a suggestion in slot <paramref name="position"/> turns into a friendship): request × acceptance.</summary>
        public double ConnectionProbability(int userId, int candidateId, int day, int position = 1)
        {
            WorldChecks.Position(position);
            double a = Affinity(userId, candidateId, day);
            return SendProbability(a, position) * _world.AcceptProbability(candidateId, a);
        }

        /// <summary>
        /// P(<paramref name="userId"/> and <paramref name="otherId"/> become friends on <paramref name="day"/>) under the
        /// world's own process, given the network at the start of the day: either may log in, and then meet the other
        /// among the current suggestions (a uniform pick of friends of friends) or organically. 0 for existing friends.
        /// This is the ceiling of offline link prediction on the log: the exact chance, which no model knows.
        /// </summary>
        /// <remarks>For one direction a → b: P = L_a × (1 − (1 − S)(1 − O)), where L_a is a's login probability,
        /// S = (1 / N_a) Σ_{p ≤ min(slots, N_a)} p^−0.5 σ(z − 1) A_b when b is one of a's N_a friends of friends (each
        /// slot holds b with probability 1 / N_a), and O = 1 − exp(−λ_a π_ab σ(z)), with λ_a a's friend-making attempts
        /// per visit and π_ab the chance one attempt meets b (half the attempts walk to a random friend's random friend,
        /// the next 35 % pick a random schoolmate or colleague — 85 % for a user with no friends — the rest anyone). The
        /// two directions are independent: P = 1 − (1 − P_uv)(1 − P_vu).</remarks>
        public double FormationProbability(int userId, int otherId, int day)
        {
            CheckPair(userId, otherId, day);
            var w = _world;
            if (w._tableIndex.AreFriends(userId, otherId, day)) return 0;
            var mutual = w._tableIndex.Mutuals(userId, otherId, day, RecentHalfLifeDays);
            double z = w.Affinity(userId, otherId, mutual);
            double forward = w.DirectionalFormation(userId, otherId, day, z, mutual.Count, mutual.DegreeU, FriendOfFriendCount(userId, day));
            double backward = w.DirectionalFormation(otherId, userId, day, z, mutual.Count, mutual.DegreeV, FriendOfFriendCount(otherId, day));
            return 1 - (1 - forward) * (1 - backward);
        }

        private readonly Dictionary<int, int[]> _friendOfFriendCounts = [];

        private int FriendOfFriendCount(int userId, int day)
        {
            lock (_friendOfFriendCounts)
            {
                if (!_friendOfFriendCounts.TryGetValue(day, out var counts))
                {
                    var w = _world;
                    counts = new int[w._users.Length];
                    var scratch = new int[w._users.Length];
                    var found = new List<int>();
                    for (int u = 0; u < counts.Length; u++)
                    {
                        w.CollectFriendsOfFriends(w._tableIndex, u, day, scratch, found);
                        counts[u] = found.Count;
                    }
                    _friendOfFriendCounts[day] = counts;
                }
                return counts[userId];
            }
        }

        /// <summary>P(<paramref name="userId"/> logs in on <paramref name="day"/>): 1 on the join day, at least 0.7 in
        /// the first week, the user's own rate later, 0 for dormant users after their first day.</summary>
        public double LoginProbability(int userId, int day)
        {
            _world.CheckUser(userId);
            WorldChecks.Day(day, _world.TotalDays);
            return _world.LoginProbability(userId, day);
        }

        /// <summary>Whether the user signed up and never came back.</summary>
        public bool IsDormant(int userId)
        {
            _world.CheckUser(userId);
            return _world._traits.Dormant[userId];
        }

        /// <summary>The user's hidden position in social space (a unit-length vector; a copy).</summary>
        public float[] SocialPosition(int userId)
        {
            _world.CheckUser(userId);
            return (float[])_world._traits.Position[userId].Clone();
        }

        /// <summary>
        /// The best possible policy: friends of friends and people from the same school or company, ranked by the
        /// true <see cref="ConnectionProbability"/> on the simulated network of the request's day.
        /// </summary>
        public Func<SuggestionRequest, IReadOnlyList<int>> OraclePolicy()
        {
            var world = _world;
            return request =>
            {
                var index = request.Index ?? throw new ArgumentException("The oracle serves only requests made by SocialWorld.Simulate.", nameof(request));
                var candidates = world.OracleCandidates(index, request.UserId, request.Day);
                var scores = new double[candidates.Length];
                for (int i = 0; i < candidates.Length; i++)
                {
                    double a = world.Affinity(request.UserId, candidates[i], index.Mutuals(request.UserId, candidates[i], request.Day, RecentHalfLifeDays));
                    scores[i] = SendProbability(a, 1) * world.AcceptProbability(candidates[i], a);
                }
                return [.. candidates.Select((c, i) => (c, s: scores[i])).OrderByDescending(x => x.s).ThenBy(x => x.c)
                    .Take(world.Options.Slots).Select(x => x.c)];
            };
        }

        private void CheckPair(int userId, int otherId, int day)
        {
            _world.CheckUser(userId);
            _world.CheckUser(otherId, nameof(otherId));
            if (userId == otherId) throw new ArgumentException($"otherId must differ from userId ({userId}).", nameof(otherId));
            WorldChecks.Day(day, _world.TotalDays);
        }
    }
}
