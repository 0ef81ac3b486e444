using System.Globalization;

namespace Mlsd.Data.Worlds;

/// <summary>
/// A synthetic social network (the world of chapter 11, people you may know) generated from a seed: users with a
/// city, a school and a company, the friendships between them with the day each formed, who logged in when, and
/// ten weeks of people-you-may-know suggestions with the friend requests sent and accepted — all drawn from a known
/// ground-truth model of who befriends whom.
/// </summary>
/// <remarks>
/// <para><b>Why synthetic, and the ground truth</b> (<see cref="Truth"/>). No open data set logs suggestions and
/// requests; a simulation also knows the answer. Every pair of users has an affinity
/// (<see cref="GroundTruth.Affinity"/>): mutual friends (more so when the triangle is recent), the same school,
/// company or city, closeness of hidden social positions (which the profile only partly reveals) and each user's
/// sociability. Organic friending, sending a request from a suggestion and accepting it are logistic functions of
/// it; later slots are looked at less (<see cref="ExaminationProbability"/>).</para>
/// <para><b>What grows.</b> Users join every day through a friend's invitation, log in often in their first week
/// and make many friends then, and a quarter of them sign up and never return — requests to them mostly go
/// unanswered. The network densifies as it ages: the mutual-friend counts a model saw at training time keep
/// growing afterwards.</para>
/// <para><b>The log.</b> The network grew for <see cref="SocialWorldOptions.WarmupDays"/> days before day 0; from day
/// 0 to <see cref="Days"/> − 1 every visit is logged, with the suggestions of the platform's current system: friends
/// of friends ranked by mutual friends with a little noise, padded with schoolmates — so the friendships it caused
/// carry its bias towards pairs with many mutual friends. At the default size: 2,000 users, about 17,000
/// friendships, 25,000 visits and 125,000 suggestions.</para>
/// <para><b>Simulation.</b> <see cref="Simulate"/> serves any policy on later days, with common random numbers, and
/// grows the network with what the policy's suggestions cause. Everything is drawn from samplers derived from the
/// seed; the same seed gives the same tables, byte for byte (<see cref="WriteCsv"/>). The shape every world follows
/// is in Data/Worlds/README.md.</para>
/// </remarks>
/// <example>
/// <code>
/// var world = SocialWorld.Generate(seed: 42);
/// Graph before = world.GraphAsOf(49);                  // the network at the start of day 49
/// var formed = world.FriendshipsFormed(49, 56);        // the labels: who befriended whom that week
/// double a = world.Truth.Affinity(userId: 3, otherId: 17, day: 49);
/// </code>
/// </example>
public sealed partial class SocialWorld
{
    /// <summary>Cities of users.</summary>
    public static IReadOnlyList<string> Cities { get; } = ["Ashford", "Brookline", "Carver", "Dunmore", "Elmstead", "Fairview"];

    /// <summary>Schools; the first two belong to the first city, the next two to the second, and so on.</summary>
    public static IReadOnlyList<string> Schools { get; } =
    [
        "Ashford High", "St Anne's", "Brookline High", "Riverside Academy", "Carver High", "Hillcrest School",
        "Dunmore High", "Lakeview School", "Elmstead High", "Northgate Academy", "Fairview High", "Westfield School",
    ];

    /// <summary>Companies; as with schools, two per city in city order.</summary>
    public static IReadOnlyList<string> Companies { get; } =
    [
        "Apex Labs", "Bluefin Bank", "Cobalt Retail", "Delta Health", "Ember Games", "Fjord Logistics",
        "Granite Build", "Harbor Media", "Ion Energy", "Juniper Foods", "Keystone Law", "Lumen Software",
    ];

    /// <summary>How a friendship formed: through an invitation at sign-up, found organically, or from a suggestion.</summary>
    public static IReadOnlyList<string> Sources { get; } = ["invited", "organic", "suggested"];

    private const int InvitedSource = 0, OrganicSource = 1, SuggestedSource = 2;

    private readonly SocialUser[] _users;
    private readonly Friendship[] _friendships;
    private readonly SocialLogin[] _logins;
    private readonly Suggestion[] _suggestions;

    /// <summary>
    /// Generates the world; well under a second at the default size. The same <paramref name="seed"/> and options give
    /// identical tables (and identical <see cref="WriteCsv"/> bytes).
    /// </summary>
    /// <param name="seed">Fixes every random draw.</param>
    /// <param name="options">Sizes; null for the defaults.</param>
    public static SocialWorld Generate(int seed = 42, SocialWorldOptions? options = null)
    {
        options ??= new SocialWorldOptions();
        options.Validate();
        return new SocialWorld(seed, options);
    }

    /// <summary>The seed the world was generated from.</summary>
    public int Seed { get; }

    /// <summary>The sizes used.</summary>
    public SocialWorldOptions Options { get; }

    /// <summary>Days of logged activity (the log covers days 0 … Days − 1).</summary>
    public int Days => Options.Days;

    /// <summary>Days the world is defined for: the log, then <see cref="SocialWorldOptions.FutureDays"/> the simulator may
    /// serve (0 … TotalDays − 1).</summary>
    public int TotalDays => Options.Days + Options.FutureDays;

    /// <summary>The user table, indexed by id (ids follow join day, so the users who exist on a day are a prefix).</summary>
    public IReadOnlyList<SocialUser> Users { get; }

    /// <summary>Every friendship, from the warm-up to the last logged day, in order of formation (days are negative
    /// before the log).</summary>
    public IReadOnlyList<Friendship> Friendships { get; }

    /// <summary>Who logged in on each logged day, in day then user order.</summary>
    public IReadOnlyList<SocialLogin> Logins { get; }

    /// <summary>The suggestion log of days 0 … Days − 1, in day, user, slot order.</summary>
    public IReadOnlyList<Suggestion> Suggestions { get; }

    /// <summary>The hidden model the tables were drawn from: for ceilings, oracles and checks, never as a feature.</summary>
    public GroundTruth Truth { get; }

    /// <summary>
    /// P(a user looks at suggestion slot <paramref name="position"/>) = position^−0.5: 1 for the first slot, 0.5 for the
    /// fourth — the position bias of the suggestion log.
    /// </summary>
    public static double ExaminationProbability(int position)
    {
        WorldChecks.Position(position);
        return Math.Pow(position, -ExaminationDecay);
    }

    /// <summary>Number of users who have joined by <paramref name="day"/> (join day ≤ day): they are users 0 … count − 1.</summary>
    public int UsersJoinedBy(int day) => SortedSearch.UpperBound<int>(_traits.JoinDay, day);

    /// <summary>
    /// The friendship graph at the start of <paramref name="day"/>: every user as a node (named by id, with the
    /// attributes "city", "school" and "company"), every friendship formed before that day as an edge whose
    /// <see cref="GraphEdge.Time"/> is its formation day. Day <see cref="Days"/> gives the network the log ends with.
    /// </summary>
    public Graph GraphAsOf(int day)
    {
        if (day < -Options.WarmupDays || day > Days)
            throw new ArgumentOutOfRangeException(nameof(day), day, $"day must be in {-Options.WarmupDays}..{Days} (the warm-up and the log; Days is the end of the log).");
        int count = 0;
        while (count < _friendships.Length && _friendships[count].Day < day) count++;
        var edges = new GraphEdge[count];
        for (int i = 0; i < count; i++)
        {
            var f = _friendships[i];
            edges[i] = new GraphEdge(f.UserId, f.FriendId, 1, f.Day);
        }
        return new Graph(string.Create(CultureInfo.InvariantCulture, $"social@{day}"), _nodeNames, edges, isDirected: false, _nodeAttributes);
    }

    /// <summary>
    /// Friendships formed on days [<paramref name="fromDay"/>, <paramref name="toDay"/>) as (smaller id, larger id)
    /// pairs in formation order — the labels of link prediction from the snapshot <c>GraphAsOf(fromDay)</c>.
    /// </summary>
    public (int UserId, int FriendId)[] FriendshipsFormed(int fromDay, int toDay)
    {
        if (fromDay > toDay) throw new ArgumentException($"fromDay ({fromDay}) must not be after toDay ({toDay}).", nameof(fromDay));
        return [.. _friendships.Where(f => f.Day >= fromDay && f.Day < toDay).Select(f => (f.UserId, f.FriendId))];
    }

    /// <summary>Cardinalities of <see cref="UserFeatureCodes"/>: city, school, company.</summary>
    public IReadOnlyList<int> UserFieldCardinalities => [Cities.Count, Schools.Count, Companies.Count];

    /// <summary>The user's profile as indices into the vocabularies: [city, school, company].</summary>
    public int[] UserFeatureCodes(int userId)
    {
        CheckUser(userId);
        return [_traits.City[userId], _traits.School[userId], _traits.Company[userId]];
    }

    /// <summary>"SocialWorld seed 42: 2,000 users, 17,000 friendships (…), 25,000 visits, 125,000 suggestions over 70 days".</summary>
    public override string ToString()
    {
        int sent = 0, accepted = 0;
        foreach (var s in _suggestions)
        {
            if (s.RequestSent) sent++;
            if (s.RequestAccepted) accepted++;
        }
        return string.Create(CultureInfo.InvariantCulture,
            $"SocialWorld seed {Seed}: {_users.Length:N0} users, {_friendships.Length:N0} friendships, {_logins.Length:N0} visits, " +
            $"{_suggestions.Length:N0} suggestions ({sent:N0} requests sent, {accepted:N0} accepted) over {Days} days");
    }

    private void CheckUser(int userId, string name = "userId") => WorldChecks.Id(userId, _users.Length, name);
}
