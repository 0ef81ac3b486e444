using System.Globalization;

namespace Mlsd.Data.Worlds;

/// <summary>How big a <see cref="SocialWorld"/> to generate. The defaults build every snapshot, feature table and model
/// of notebook 10 in seconds.</summary>
public sealed record SocialWorldOptions
{
    /// <summary>Number of users, including those who join during the log or after it (default 2,000).</summary>
    public int Users { get; init; } = 2000;

    /// <summary>Days of logged activity, day 0 … Days − 1 (default 70).</summary>
    public int Days { get; init; } = 70;

    /// <summary>Days after the log the simulator may serve, for online tests (default 28).</summary>
    public int FutureDays { get; init; } = 28;

    /// <summary>Days the network grew before the log starts; the users who exist on day 0 joined during them
    /// (default 90).</summary>
    public int WarmupDays { get; init; } = 90;

    /// <summary>Share of users who join on day 0 or later: the cold-start users of the log and of the
    /// simulations (default 0.3).</summary>
    public double NewUserShare { get; init; } = 0.3;

    /// <summary>Share of users who sign up, log in on their first day and never again (default 0.25).</summary>
    public double DormantShare { get; init; } = 0.25;

    /// <summary>Suggestions shown per visit: the people-you-may-know slots (default 5).</summary>
    public int Slots { get; init; } = 5;

    /// <summary>Mean friend-making attempts per visit outside the suggestions (meeting people, searching for them) of
    /// a user who joined more than a week ago (default 0.25); new users make eight times as many.</summary>
    public double OrganicAttemptsPerVisit { get; init; } = 0.25;

    internal void Validate()
    {
        WorldChecks.Option(Users >= 20, Users, nameof(Users), "at least 20");
        WorldChecks.Option(Days >= 1 && Days <= 365, Days, nameof(Days), "between 1 and 365");
        WorldChecks.Option(FutureDays >= 0 && FutureDays <= 365, FutureDays, nameof(FutureDays), "between 0 and 365");
        WorldChecks.Option(WarmupDays >= 1 && WarmupDays <= 365, WarmupDays, nameof(WarmupDays), "between 1 and 365");
        WorldChecks.Option(NewUserShare >= 0 && NewUserShare < 1, NewUserShare, nameof(NewUserShare), "in [0, 1)");
        WorldChecks.Option(DormantShare >= 0 && DormantShare < 1, DormantShare, nameof(DormantShare), "in [0, 1)");
        WorldChecks.Option(Slots >= 1 && Slots <= 50, Slots, nameof(Slots), "in [1, 50]");
        WorldChecks.Option(OrganicAttemptsPerVisit >= 0 && OrganicAttemptsPerVisit <= 10, OrganicAttemptsPerVisit,
            nameof(OrganicAttemptsPerVisit), "in [0, 10]");
    }
}

/// <summary>A member of the social network, with the profile the platform knows (the hidden traits are in
/// <see cref="SocialWorld.Truth"/>).</summary>
/// <param name="UserId">Row index in <see cref="SocialWorld.Users"/> (ids follow join day).</param>
/// <param name="City">One of <see cref="SocialWorld.Cities"/>.</param>
/// <param name="School">One of <see cref="SocialWorld.Schools"/>: where the user studied.</param>
/// <param name="Company">One of <see cref="SocialWorld.Companies"/>: where the user works.</param>
/// <param name="JoinDay">Sign-up day; negative for users who joined before the log starts.</param>
public sealed record SocialUser(int UserId, string City, string School, string Company, int JoinDay);

/// <summary>A connection between two users: the row of the friendship table (the graph's edges, with time).</summary>
/// <param name="FriendshipId">Row index in <see cref="SocialWorld.Friendships"/> (ids follow formation day).</param>
/// <param name="UserId">The user with the smaller id.</param>
/// <param name="FriendId">The user with the larger id.</param>
/// <param name="Day">The day the connection formed; it is part of the graph from day + 1 on.</param>
/// <param name="Source">How it formed, one of <see cref="SocialWorld.Sources"/>: "invited" (the user joined through
/// the friend's invitation), "organic" (found outside the suggestions) or "suggested" (a people-you-may-know
/// suggestion, sent and accepted).</param>
public sealed record Friendship(int FriendshipId, int UserId, int FriendId, int Day, string Source);

/// <summary>One user visiting the platform on one day.</summary>
/// <param name="Day">The day.</param>
/// <param name="UserId">Who logged in.</param>
public readonly record struct SocialLogin(int Day, int UserId);

/// <summary>One people-you-may-know suggestion shown in one slot, with what happened: the row of the suggestion log.</summary>
/// <param name="Day">Day of the visit.</param>
/// <param name="UserId">The user who saw the suggestion.</param>
/// <param name="CandidateId">The person suggested.</param>
/// <param name="Position">Slot, 1 = first; later slots are looked at less.</param>
/// <param name="RequestSent">Whether the user sent a friend request.</param>
/// <param name="RequestAccepted">Whether the candidate accepted it (the two are friends from the next day on).</param>
public readonly record struct Suggestion(int Day, int UserId, int CandidateId, int Position, bool RequestSent, bool RequestAccepted);

/// <summary>
/// What the platform knows when a user opens the people-you-may-know module: who, which day, and the network as it
/// stands at the start of that day (in a simulation, including what earlier simulated days added). A policy reads
/// this and returns the candidates to show, best first.
/// </summary>
public sealed class SuggestionRequest
{
    private readonly Func<Graph> _network;
    private readonly Func<int, bool> _isFriend;

    internal SuggestionRequest(int userId, int day, Func<Graph> network, Func<int, bool> isFriend)
    {
        UserId = userId;
        Day = day;
        _network = network;
        _isFriend = isFriend;
    }

    /// <summary>The user asking.</summary>
    public int UserId { get; }

    /// <summary>The day of the visit.</summary>
    public int Day { get; }

    /// <summary>The friendship graph at the start of the day (built once per day and shared by every request).</summary>
    public Graph Network => _network();

    /// <summary>Whether <paramref name="userId"/> is already a friend of the user asking (cheap: no graph is built).</summary>
    public bool IsFriend(int userId) => _isFriend(userId);

    /// <summary>The simulator's friend lists, for the ground truth's oracle only (policies see <see cref="Network"/>).</summary>
    internal FriendIndex? Index { get; init; }

    /// <summary>"user 42 on day 70".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"user {UserId} on day {Day}");
}

/// <summary>What one user did with the suggestions during a simulated period.</summary>
/// <param name="UserId">The user.</param>
/// <param name="Visits">Days the user logged in.</param>
/// <param name="Shown">Suggestions shown.</param>
/// <param name="RequestsSent">Friend requests sent from a suggestion.</param>
/// <param name="RequestsAccepted">Of those, accepted.</param>
/// <param name="WastedSlots">Slots that showed someone who was already a friend (nothing can come of them).</param>
public readonly record struct SocialUserOutcome(int UserId, int Visits, int Shown, int RequestsSent, int RequestsAccepted, int WastedSlots);

/// <summary>
/// The outcome of serving a people-you-may-know policy to simulated users (<see cref="SocialWorld.Simulate"/>): the
/// suggestions shown, the friendships that formed (through suggestions or otherwise), per-user totals (the unit of
/// an A/B test) and the headline rates.
/// </summary>
public sealed class SocialSimulationResult
{
    internal SocialSimulationResult(int firstDay, int days, Suggestion[] log, Friendship[] friendships, SocialUserOutcome[] userOutcomes)
    {
        FirstDay = firstDay;
        Days = days;
        Log = Array.AsReadOnly(log);
        Friendships = Array.AsReadOnly(friendships);
        UserOutcomes = Array.AsReadOnly(userOutcomes);
        foreach (var u in userOutcomes)
        {
            Visits += u.Visits;
            RequestsSent += u.RequestsSent;
            RequestsAccepted += u.RequestsAccepted;
            WastedSlots += u.WastedSlots;
        }
    }

    /// <summary>The first day served.</summary>
    public int FirstDay { get; }

    /// <summary>The number of consecutive days served.</summary>
    public int Days { get; }

    /// <summary>Every suggestion shown to the served users, in visit order — a log like <see cref="SocialWorld.Suggestions"/>.</summary>
    public IReadOnlyList<Suggestion> Log { get; }

    /// <summary>Every friendship that formed during the simulation, among all users and through any source (ids
    /// continue after the world's table).</summary>
    public IReadOnlyList<Friendship> Friendships { get; }

    /// <summary>One row per served user who visited at least once, ascending id.</summary>
    public IReadOnlyList<SocialUserOutcome> UserOutcomes { get; }

    /// <summary>Visits of the served users.</summary>
    public int Visits { get; }

    /// <summary>Suggestions shown.</summary>
    public int Shown => Log.Count;

    /// <summary>Friend requests sent from suggestions.</summary>
    public int RequestsSent { get; }

    /// <summary>Requests accepted.</summary>
    public int RequestsAccepted { get; }

    /// <summary>Slots spent on people who were already friends.</summary>
    public int WastedSlots { get; }

    /// <summary>Requests sent per suggestion shown.</summary>
    public double RequestRate => Shown == 0 ? 0 : (double)RequestsSent / Shown;

    /// <summary>Requests accepted per request sent.</summary>
    public double AcceptanceRate => RequestsSent == 0 ? 0 : (double)RequestsAccepted / RequestsSent;

    /// <summary>"1,234 visits, 6,170 suggestions: 5.1% sent a request, 81% of requests accepted, 0 wasted slots".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Visits:N0} visits, {Shown:N0} suggestions: {RequestRate:P1} sent a request, {AcceptanceRate:P0} of requests accepted, {WastedSlots:N0} wasted slots");
}
