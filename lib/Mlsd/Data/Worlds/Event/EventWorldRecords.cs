using System.Globalization;

namespace Mlsd.Data.Worlds;

/// <summary>How big an <see cref="EventWorld"/> to generate. The defaults train a ranker ladder in a few seconds.</summary>
public sealed record EventWorldOptions
{
    /// <summary>Number of users (default 800).</summary>
    public int Users { get; init; } = 800;

    /// <summary>Mean number of events published per day, across all cities (default 24).</summary>
    public double EventsPerDay { get; init; } = 24;

    /// <summary>Days of logged visits, day 0 … Days − 1; day 0 is a Monday (default 28).</summary>
    public int Days { get; init; } = 28;

    /// <summary>Days after the log that <see cref="EventWorld.Simulate"/> may serve (default 14).</summary>
    public int FutureDays { get; init; } = 14;

    /// <summary>Events shown per visit of the events page (default 8).</summary>
    public int Slots { get; init; } = 8;

    /// <summary>Mean visits of the events page per user per day (default 0.25).</summary>
    public double VisitsPerUserDay { get; init; } = 0.25;

    /// <summary>Mean number of friends per user (default 8).</summary>
    public int FriendsPerUser { get; init; } = 8;

    /// <summary>Rule filter: only events within this many km of the user's home are candidates (default 40).</summary>
    public double RadiusKm { get; init; } = 40;

    /// <summary>Rule filter: only events starting within this many days are candidates; events are published at most
    /// this long before they start (default 7).</summary>
    public int HorizonDays { get; init; } = 7;

    /// <summary>First day of the holiday season, when tastes and the event mix shift (default Days + 7; a value ≥
    /// <c>Days + FutureDays</c> means no holiday).</summary>
    public int? HolidayStartDay { get; init; }

    /// <summary>Length of the holiday season in days (default 7).</summary>
    public int HolidayDays { get; init; } = 7;

    internal int HolidayStart => HolidayStartDay ?? Days + 7;

    internal void Validate()
    {
        WorldChecks.Option(Users >= 20, Users, nameof(Users), "at least 20");
        WorldChecks.Option(EventsPerDay >= 1 && EventsPerDay <= 10_000, EventsPerDay, nameof(EventsPerDay), "in [1, 10000]");
        WorldChecks.Option(Days >= 1 && Days <= 365, Days, nameof(Days), "between 1 and 365");
        WorldChecks.Option(FutureDays >= 0 && FutureDays <= 365, FutureDays, nameof(FutureDays), "between 0 and 365");
        WorldChecks.Option(Slots >= 1 && Slots <= 40, Slots, nameof(Slots), "in [1, 40]");
        WorldChecks.Option(VisitsPerUserDay > 0 && VisitsPerUserDay <= 10, VisitsPerUserDay, nameof(VisitsPerUserDay), "in (0, 10]");
        WorldChecks.Option(FriendsPerUser >= 0 && FriendsPerUser < Users / 2, FriendsPerUser, nameof(FriendsPerUser), "in [0, Users / 2)");
        WorldChecks.Option(RadiusKm > 0, RadiusKm, nameof(RadiusKm), "positive");
        WorldChecks.Option(HorizonDays >= 1 && HorizonDays <= 60, HorizonDays, nameof(HorizonDays), "in [1, 60]");
        WorldChecks.Option(HolidayStart >= 0, HolidayStart, nameof(HolidayStartDay), "non-negative");
        WorldChecks.Option(HolidayDays >= 0 && HolidayDays <= 60, HolidayDays, nameof(HolidayDays), "in [0, 60]");
    }
}

/// <summary>A user of the events platform: what the platform knows (tastes and sensitivities are hidden).</summary>
/// <param name="UserId">Row index in <see cref="EventWorld.Users"/>.</param>
/// <param name="City">Home city, one of <see cref="EventWorld.Cities"/>.</param>
/// <param name="HomeX">Home, km east of the map origin (0.1 km precision).</param>
/// <param name="HomeY">Home, km north of the map origin.</param>
/// <param name="AgeBucket">One of <see cref="EventWorld.AgeBuckets"/>.</param>
/// <param name="Interests">Two categories the user ticked at sign-up (a noisy view of their taste).</param>
public sealed record EventUser(int UserId, string City, double HomeX, double HomeY, string AgeBucket, IReadOnlyList<string> Interests);

/// <summary>An event: published once, happens once — every event is new, so every event is cold-start.</summary>
/// <param name="EventId">Row index in <see cref="EventWorld.Events"/> (ids follow publication time).</param>
/// <param name="HostId">The user who hosts it.</param>
/// <param name="City">One of <see cref="EventWorld.Cities"/>.</param>
/// <param name="X">Venue, km east of the map origin.</param>
/// <param name="Y">Venue, km north of the map origin.</param>
/// <param name="Category">One of <see cref="EventWorld.Categories"/>.</param>
/// <param name="Price">Ticket price (0 = free).</param>
/// <param name="Capacity">Registrations the venue takes.</param>
/// <param name="PublishTime">Seconds since the start of day 0 when it was published (negative: before the log).</param>
/// <param name="StartTime">Seconds since the start of day 0 when it starts.</param>
/// <param name="Description">The host's text: words of the category and generic words.</param>
public sealed record EventListing(int EventId, int HostId, string City, double X, double Y, string Category, double Price,
    int Capacity, long PublishTime, long StartTime, string Description)
{
    /// <summary>Day the event starts (may be after the log).</summary>
    public int StartDay => (int)Math.Floor(StartTime / 86_400.0);

    /// <summary>Hour of day the event starts, 0–23.</summary>
    public int StartHour => (int)(((StartTime % 86_400) + 86_400) % 86_400 / 3_600);

    /// <summary>"Event 17: Music in Lisbon, day 12 at 20h, 15.00, host 3".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"Event {EventId}: {Category} in {City}, day {StartDay} at {StartHour}h, price {Price:0.00}, host {HostId}");
}

/// <summary>An undirected friendship, stored once with <c>UserId &lt; FriendId</c>.</summary>
public sealed record EventFriendship(int UserId, int FriendId);

/// <summary>A host invited a friend to an event at <paramref name="Timestamp"/> (seconds since day 0).</summary>
public sealed record Invitation(int EventId, int UserId, long Timestamp);

/// <summary>A registration: <paramref name="FromFeed"/> when it came from a visit of the events page (a logged
/// impression), otherwise organic (an invitation, word of mouth).</summary>
public sealed record Registration(int EventId, int UserId, long Timestamp, bool FromFeed);

/// <summary>One visit of the events page: the unit a ranking is computed for (a query group).</summary>
/// <param name="VisitId">Row index in <see cref="EventWorld.Visits"/> (in time order); in a simulation, its own counter.</param>
/// <param name="Day">Day of the visit.</param>
/// <param name="Timestamp">Seconds since the start of day 0.</param>
/// <param name="UserId">The visitor.</param>
public readonly record struct EventVisit(int VisitId, int Day, long Timestamp, int UserId);

/// <summary>One event shown in one slot of a visit, and whether the user registered from it: the log row.</summary>
public readonly record struct EventImpression(int VisitId, int Day, long Timestamp, int UserId, int EventId, int Position, bool Registered);

/// <summary>What one user did during a simulated period.</summary>
/// <param name="UserId">The user.</param>
/// <param name="Visits">Visits of the events page.</param>
/// <param name="Impressions">Events shown.</param>
/// <param name="Registrations">Registrations from the page.</param>
/// <param name="Revenue">The platform's fee on paid registrations: <see cref="EventWorld.FeeRate"/> × price.</param>
public readonly record struct EventUserOutcome(int UserId, int Visits, int Impressions, int Registrations, double Revenue);

/// <summary>The outcome of serving a ranking policy (<see cref="EventWorld.Simulate"/>).</summary>
public sealed class EventSimulationResult
{
    internal EventSimulationResult(int firstDay, int days, EventVisit[] visits, EventImpression[] log, EventUserOutcome[] outcomes)
    {
        FirstDay = firstDay;
        Days = days;
        Visits = Array.AsReadOnly(visits);
        Log = Array.AsReadOnly(log);
        UserOutcomes = Array.AsReadOnly(outcomes);
    }

    /// <summary>First simulated day.</summary>
    public int FirstDay { get; }

    /// <summary>Number of simulated days.</summary>
    public int Days { get; }

    /// <summary>The simulated visits, in user then time order.</summary>
    public IReadOnlyList<EventVisit> Visits { get; }

    /// <summary>The impressions served, rows of the same type as the world's log.</summary>
    public IReadOnlyList<EventImpression> Log { get; }

    /// <summary>One row per user with at least one visit, ascending id.</summary>
    public IReadOnlyList<EventUserOutcome> UserOutcomes { get; }

    /// <summary>Registrations per impression.</summary>
    public double ConversionRate => Log.Count == 0 ? 0 : Log.Count(i => i.Registered) / (double)Log.Count;

    /// <summary>Total fee revenue.</summary>
    public double Revenue => UserOutcomes.Sum(u => u.Revenue);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Visits.Count:N0} visits, {Log.Count:N0} impressions, conversion {ConversionRate:P2}, revenue {Revenue:N2} over {Days} day(s) from day {FirstDay}");
}
