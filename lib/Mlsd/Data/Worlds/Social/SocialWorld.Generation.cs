using System.Globalization;

namespace Mlsd.Data.Worlds;

// Generation: the private constructor runs one stage per method, in a fixed order, each from its own forked sampler;
// the log is grown with the same day step the simulator uses.
public sealed partial class SocialWorld
{
    private static readonly double[] s_cityWeights = [0.26, 0.22, 0.18, 0.14, 0.11, 0.09];
    private const int SocialDimensions = 4;

    private readonly UserTraits _traits;
    private readonly int[][] _inviters;              // who invited each user (joined before them)
    private readonly int[][] _schoolMembers, _companyMembers;   // user ids by school / company, ascending
    private readonly string[] _nodeNames;
    private readonly Dictionary<string, string[]> _nodeAttributes;
    private readonly FriendIndex _tableIndex;        // every friendship of the table, for the truth
    private readonly int _logStreamSeed;

    private SocialWorld(int seed, SocialWorldOptions options)
    {
        Seed = seed;
        Options = options;
        var root = new Sampler(seed);
        var userSampler = root.Fork();
        var inviteSampler = root.Fork();
        var logSampler = root.Fork();

        (_users, _traits) = DrawUsers(userSampler, options);
        _inviters = DrawInvitations(inviteSampler, _traits);
        _schoolMembers = Members(_traits.School, Schools.Count);
        _companyMembers = Members(_traits.Company, Companies.Count);
        _nodeNames = [.. _users.Select(u => u.UserId.ToString(CultureInfo.InvariantCulture))];
        _nodeAttributes = new Dictionary<string, string[]>
        {
            ["city"] = [.. _users.Select(u => u.City)],
            ["school"] = [.. _users.Select(u => u.School)],
            ["company"] = [.. _users.Select(u => u.Company)],
        };
        _logStreamSeed = logSampler.Next(int.MaxValue);
        (_friendships, _logins, _suggestions) = GrowLog(_logStreamSeed);

        _tableIndex = new FriendIndex(_users.Length);
        foreach (var f in _friendships) _tableIndex.Add(f.UserId, f.FriendId, f.Day);
        Users = Array.AsReadOnly(_users);
        Friendships = Array.AsReadOnly(_friendships);
        Logins = Array.AsReadOnly(_logins);
        Suggestions = Array.AsReadOnly(_suggestions);
        Truth = new GroundTruth(this);
    }

    /// <summary>
    /// Stage 1: users. Join days spread over the warm-up (the founding members) and over the log and the future days
    /// (the newcomers); ids follow join day. Each user lives in a city, studied at one of its schools (or, one in five,
    /// elsewhere) and works at one of its companies (or, two in five, elsewhere). The hidden social position mixes the
    /// city's and the school's centres with personal noise, so the profile explains part of who befriends whom.
    /// </summary>
    private static (SocialUser[] Users, UserTraits Traits) DrawUsers(Sampler sampler, SocialWorldOptions options)
    {
        int n = options.Users, newcomers = (int)Math.Round(n * options.NewUserShare);
        int totalDays = options.Days + options.FutureDays;
        var cityCentre = Enumerable.Range(0, Cities.Count).Select(_ => RandomUnitVector(sampler)).ToArray();
        var schoolCentre = Enumerable.Range(0, Schools.Count).Select(_ => RandomUnitVector(sampler)).ToArray();
        var drafts = new (int Join, int City, int School, int Company, float[] Position, double Sociability, double Login, bool Dormant, int Order)[n];
        for (int i = 0; i < n; i++)
        {
            // The first two users found the network on the first warm-up day; nobody can invite them.
            int join = i < 2 ? -options.WarmupDays : i < n - newcomers ? sampler.Next(-options.WarmupDays, 0) : sampler.Next(totalDays);
            int city = sampler.Categorical(s_cityWeights);
            int school = sampler.Bernoulli(0.8) ? 2 * city + sampler.Next(2) : sampler.Next(Schools.Count);
            int company = sampler.Bernoulli(0.6) ? 2 * city + sampler.Next(2) : sampler.Next(Companies.Count);
            var noise = RandomUnitVector(sampler);
            var position = new float[SocialDimensions];
            for (int d = 0; d < SocialDimensions; d++)
                position[d] = cityCentre[city][d] + 0.8f * schoolCentre[school][d] + 0.9f * noise[d];
            Normalize(position);
            double sociability = sampler.Normal(0, 0.4);
            double login = Math.Clamp(Math.Exp(sampler.Normal(Math.Log(0.25), 0.7)), 0.02, 0.95);
            bool dormant = sampler.Bernoulli(options.DormantShare);
            drafts[i] = (join, city, school, company, position, sociability, login, dormant, i);
        }
        Array.Sort(drafts, (a, b) => a.Join != b.Join ? a.Join.CompareTo(b.Join) : a.Order.CompareTo(b.Order));

        var users = new SocialUser[n];
        var traits = new UserTraits(new int[n], new int[n], new int[n], new float[n][], new double[n], new double[n], new bool[n], new int[n]);
        for (int u = 0; u < n; u++)
        {
            var d = drafts[u];
            users[u] = new SocialUser(u, Cities[d.City], Schools[d.School], Companies[d.Company], d.Join);
            traits.City[u] = d.City;
            traits.School[u] = d.School;
            traits.Company[u] = d.Company;
            traits.Position[u] = d.Position;
            traits.Sociability[u] = d.Sociability;
            traits.Login[u] = d.Login;
            traits.Dormant[u] = d.Dormant;
            traits.JoinDay[u] = d.Join;
        }
        return (users, traits);
    }

    /// <summary>
    /// Stage 2: invitations. Everyone but the two founders joined through one to a few people already on the platform
    /// (a schoolmate, a colleague, a neighbour, now and then anyone), who become their first friends on the join day.
    /// </summary>
    private static int[][] DrawInvitations(Sampler sampler, UserTraits traits)
    {
        int n = traits.JoinDay.Length;
        var inviters = new int[n][];
        for (int u = 0; u < n; u++)
        {
            if (u < 2)
            {
                inviters[u] = u == 1 ? [0] : [];
                continue;
            }
            int wanted = Math.Min(u, 1 + sampler.Poisson(1.2));
            var chosen = new List<int>(wanted);
            for (int attempt = 0; chosen.Count < wanted && attempt < 200; attempt++)
            {
                int v = sampler.Next(u);
                double r = sampler.Uniform();
                bool fits = r < 0.4 ? traits.School[v] == traits.School[u]
                    : r < 0.7 ? traits.Company[v] == traits.Company[u]
                    : r < 0.9 ? traits.City[v] == traits.City[u]
                    : true;
                if (fits && !chosen.Contains(v)) chosen.Add(v);
            }
            if (chosen.Count == 0) chosen.Add(sampler.Next(u));
            chosen.Sort();
            inviters[u] = [.. chosen];
        }
        return inviters;
    }

    /// <summary>
    /// Stage 3: the log. The network grows day by day from the first warm-up day, every visit served by the platform's
    /// current suggestions (friends of friends by mutual friends); visits and suggestions are recorded from day 0 on.
    /// </summary>
    private (Friendship[] Friendships, SocialLogin[] Logins, Suggestion[] Suggestions) GrowLog(int streamSeed)
    {
        var run = new NetworkRun(this, new FriendIndex(_users.Length), streamSeed, firstFriendshipId: 0, policy: null, served: null);
        for (int day = -Options.WarmupDays; day < Days; day++) run.RunDay(day, record: day >= 0);
        return ([.. run.Friendships], [.. run.Logins], [.. run.Suggestions]);
    }

    private static int[][] Members(int[] group, int groups)
    {
        var lists = new List<int>[groups];
        for (int g = 0; g < groups; g++) lists[g] = [];
        for (int u = 0; u < group.Length; u++) lists[group[u]].Add(u);
        return [.. lists.Select(l => l.ToArray())];
    }

    private static float[] RandomUnitVector(Sampler sampler)
    {
        var v = new float[SocialDimensions];
        for (int d = 0; d < v.Length; d++) v[d] = (float)sampler.Normal();
        Normalize(v);
        return v;
    }

    private static void Normalize(float[] v)
    {
        double norm = 0;
        foreach (float x in v) norm += x * x;
        norm = Math.Sqrt(norm);
        if (norm == 0) return;
        for (int d = 0; d < v.Length; d++) v[d] = (float)(v[d] / norm);
    }
}
