using System.Globalization;

namespace Mlsd.Data.Worlds;

/// <summary>
/// A synthetic events platform (the world of chapter 7, event recommendation) generated from a seed: users with
/// homes, friends and hidden tastes; hosts publishing events with a place, a time, a price and a description;
/// invitations and registrations; and four weeks of visits to the events page with what each visitor registered for.
/// </summary>
/// <remarks>
/// <para><b>Ground truth</b> (<see cref="Truth"/>). A user registers for a shown event with probability
/// examination(slot) × σ(affinity − 2.5) (<see cref="GroundTruth.RegistrationProbability(int, int, long)"/>), where the
/// affinity adds the user's hidden taste for the category, a penalty growing with the log of the distance (stronger for
/// older users), a penalty for starting too soon or too late, a price penalty (stronger for younger users), a bonus
/// when the event's time of day is the one the user prefers and for weekends for users who like them, the social pull
/// (friends registered before now, an invitation, a host who is a friend) and the event's hidden quality. Events
/// happen once, so no event has history when it is published: every event is cold-start.</para>
/// <para><b>What drifts.</b> During the holiday season (<see cref="EventWorldOptions.HolidayStartDay"/>, after the log
/// by default) more family and outdoor events are published, users like them more, and distance matters a third as
/// much (people travel) — a seasonal shift a model trained on ordinary weeks has never seen.</para>
/// <para><b>The log.</b> Days 0 … Days − 1 of visits served by the platform's old ranker, which sorts the rule-filtered
/// candidates (<see cref="Candidates"/>) by registrations so far plus noise — popular events first, so the log has
/// popularity and position bias. Registrations also arrive organically (invitations, word of mouth) and appear in
/// <see cref="Registrations"/> next to those from the page. At the default size: 800 users, about 1,200 events,
/// 5,500 visits and 44,000 impressions.</para>
/// <para>Everything is drawn from <see cref="Sampler"/>s derived from the seed: the same seed gives the same tables,
/// byte for byte (<see cref="WriteCsv"/>). The shape every world follows is in Data/Worlds/README.md.</para>
/// </remarks>
/// <example>
/// <code>
/// var world = EventWorld.Generate(seed: 42);
/// var first = world.Impressions[0];
/// double p = world.Truth.RegistrationProbability(first); // examination × σ(affinity − 2.5)
/// </code>
/// </example>
public sealed partial class EventWorld
{
    /// <summary>Cities; two pairs lie close together (Lisbon–Sintra, Porto–Braga), so distance and city differ.</summary>
    public static IReadOnlyList<string> Cities { get; } = ["Lisbon", "Sintra", "Porto", "Braga"];

    /// <summary>Event categories.</summary>
    public static IReadOnlyList<string> Categories { get; } = ["Music", "Sports", "Tech", "Food", "Art", "Family", "Outdoors", "Networking"];

    /// <summary>Age buckets of users.</summary>
    public static IReadOnlyList<string> AgeBuckets { get; } = ["18-24", "25-34", "35-44", "45-54", "55+"];

    /// <summary>The platform's fee on a paid registration, as a share of the ticket price (0.1).</summary>
    public const double FeeRate = 0.1;

    private readonly EventUser[] _users;
    private readonly EventListing[] _events;
    private readonly EventFriendship[] _friendships;
    private readonly Invitation[] _invitations;
    private readonly Registration[] _registrations;
    private readonly EventVisit[] _visits;
    private readonly EventImpression[] _impressions;

    /// <summary>Generates the world; well under a second at the default size.</summary>
    /// <param name="seed">Fixes every random draw.</param>
    /// <param name="options">Sizes; null for the defaults.</param>
    public static EventWorld Generate(int seed = 42, EventWorldOptions? options = null)
    {
        options ??= new EventWorldOptions();
        options.Validate();
        return new EventWorld(seed, options);
    }

    /// <summary>The seed the world was generated from.</summary>
    public int Seed { get; }

    /// <summary>The sizes used.</summary>
    public EventWorldOptions Options { get; }

    /// <summary>Days of logged visits (0 … Days − 1).</summary>
    public int Days => Options.Days;

    /// <summary>Days the world is defined for: the log, then the future days simulations may serve.</summary>
    public int TotalDays => Options.Days + Options.FutureDays;

    /// <summary>The user table, indexed by id.</summary>
    public IReadOnlyList<EventUser> Users { get; }

    /// <summary>The event table, indexed by id, in publication order (including events published after the log).</summary>
    public IReadOnlyList<EventListing> Events { get; }

    /// <summary>The friendship edges, each once.</summary>
    public IReadOnlyList<EventFriendship> Friendships { get; }

    /// <summary>Invitations from hosts to their friends, in time order (including after the log).</summary>
    public IReadOnlyList<Invitation> Invitations { get; }

    /// <summary>Registrations up to the end of the log, in time order: organic ones and those from logged visits.</summary>
    public IReadOnlyList<Registration> Registrations { get; }

    /// <summary>Visits of the events page, in time order.</summary>
    public IReadOnlyList<EventVisit> Visits { get; }

    /// <summary>The impression log, in visit then slot order.</summary>
    public IReadOnlyList<EventImpression> Impressions { get; }

    /// <summary>The hidden model the log was drawn from: for ceilings and simulations, never as a feature.</summary>
    public GroundTruth Truth { get; }

    /// <summary>P(a user looks at slot <paramref name="position"/>) = position^−0.6 (1 at the top, ≈0.29 at slot 8).</summary>
    public static double ExaminationProbability(int position)
    {
        WorldChecks.Position(position);
        return Math.Pow(position, -ExaminationDecay);
    }

    /// <summary>Straight-line distance in km between a user's home and an event's venue.</summary>
    public double DistanceKm(int userId, int eventId)
    {
        CheckUser(userId);
        CheckEvent(eventId);
        return Distance(userId, eventId);
    }

    /// <summary>Whether two users are friends.</summary>
    public bool AreFriends(int userId, int otherId)
    {
        CheckUser(userId);
        CheckUser(otherId);
        return Array.BinarySearch(_friends[userId], otherId) >= 0;
    }

    /// <summary>The user's friends, ascending id.</summary>
    public IReadOnlyList<int> FriendsOf(int userId)
    {
        CheckUser(userId);
        return Array.AsReadOnly(_friends[userId]);
    }

    /// <summary>Whether <paramref name="day"/> falls in the holiday season.</summary>
    public bool IsHoliday(int day) => day >= Options.HolidayStart && day < Options.HolidayStart + Options.HolidayDays;

    /// <summary>
    /// The rule filter in front of ranking: events published before <paramref name="timestamp"/> that start between
    /// one hour and <see cref="EventWorldOptions.HorizonDays"/> days later, within
    /// <see cref="EventWorldOptions.RadiusKm"/> of the user's home, not full (registrations in the log before then),
    /// and that the user has not registered for. Ascending id.
    /// </summary>
    public IReadOnlyList<int> Candidates(int userId, long timestamp)
    {
        CheckUser(userId);
        if (timestamp < 0 || timestamp >= TotalDays * DaySeconds)
            throw new ArgumentOutOfRangeException(nameof(timestamp), timestamp, $"timestamp must be in 0..{TotalDays * DaySeconds - 1} (the world's days).");
        return CandidatesAt(userId, timestamp, null);
    }

    /// <summary>Registrations for <paramref name="eventId"/> known strictly before <paramref name="timestamp"/> (organic and logged).</summary>
    public int RegistrationsBefore(int eventId, long timestamp)
    {
        CheckEvent(eventId);
        return CountBefore(eventId, timestamp);
    }

    /// <summary>"EventWorld seed 42: 800 users, 1,000 events, 5,500 visits, 44,000 impressions over 28 days (…)".</summary>
    public override string ToString()
    {
        int registered = _impressions.Count(i => i.Registered);
        return string.Create(CultureInfo.InvariantCulture,
            $"EventWorld seed {Seed}: {_users.Length:N0} users, {_events.Length:N0} events, {_visits.Length:N0} visits, {_impressions.Length:N0} impressions over {Days} days ({registered:N0} registrations from the page, {_registrations.Length - registered:N0} organic)");
    }

    private void CheckUser(int userId) => WorldChecks.Id(userId, _users.Length, nameof(userId));

    private void CheckEvent(int eventId) => WorldChecks.Id(eventId, _events.Length, nameof(eventId));
}
