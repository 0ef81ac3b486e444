using System.Globalization;

namespace Mlsd.Data.Worlds;

/// <summary>How big a <see cref="ListingWorld"/> to generate. The defaults train three embedding models in about a second.</summary>
public sealed record ListingWorldOptions
{
    /// <summary>Listings on the platform before the log starts, spread over the regions (default 1,200).</summary>
    public int Listings { get; init; } = 1_200;

    /// <summary>Mean number of new listings published per day from day 1 on, across all regions (default 6).</summary>
    public double NewListingsPerDay { get; init; } = 6;

    /// <summary>Number of guests who search (default 3,000).</summary>
    public int Guests { get; init; } = 3_000;

    /// <summary>Mean search sessions per day (default 300).</summary>
    public double SessionsPerDay { get; init; } = 300;

    /// <summary>Mean listings viewed per session, the first included (default 6; at most 20).</summary>
    public double MeanViewsPerSession { get; init; } = 6;

    /// <summary>Share of sessions that weigh two neighbouring regions against each other (default 0.2).</summary>
    public double CrossRegionShare { get; init; } = 0.2;

    /// <summary>Listings shown in the "similar listings" carousel under a viewed listing (default 6).</summary>
    public int Slots { get; init; } = 6;

    /// <summary>Days of logged sessions, day 0 … Days − 1 (default 28).</summary>
    public int Days { get; init; } = 28;

    /// <summary>Days after the log that <see cref="ListingWorld.Simulate"/> may serve (default 14).</summary>
    public int FutureDays { get; init; } = 14;

    internal const int MaxViews = 20;

    internal void Validate()
    {
        WorldChecks.Option(Listings >= 60 && Listings <= 200_000, Listings, nameof(Listings), "in [60, 200000]");
        WorldChecks.Option(NewListingsPerDay >= 0 && NewListingsPerDay <= 1_000, NewListingsPerDay, nameof(NewListingsPerDay), "in [0, 1000]");
        WorldChecks.Option(Guests >= 10, Guests, nameof(Guests), "at least 10");
        WorldChecks.Option(SessionsPerDay >= 1 && SessionsPerDay <= 100_000, SessionsPerDay, nameof(SessionsPerDay), "in [1, 100000]");
        WorldChecks.Option(MeanViewsPerSession >= 1 && MeanViewsPerSession <= MaxViews, MeanViewsPerSession, nameof(MeanViewsPerSession), $"in [1, {MaxViews}]");
        WorldChecks.Option(CrossRegionShare >= 0 && CrossRegionShare <= 1, CrossRegionShare, nameof(CrossRegionShare), "in [0, 1]");
        WorldChecks.Option(Slots >= 1 && Slots <= 20, Slots, nameof(Slots), "in [1, 20]");
        WorldChecks.Option(Days >= 1 && Days <= 365, Days, nameof(Days), "between 1 and 365");
        WorldChecks.Option(FutureDays >= 0 && FutureDays <= 365, FutureDays, nameof(FutureDays), "between 0 and 365");
    }
}

/// <summary>A guest who searches for a stay (tastes and budget are hidden).</summary>
/// <param name="GuestId">Row index in <see cref="ListingWorld.Guests"/>.</param>
/// <param name="Country">Where the guest lives, one of <see cref="ListingWorld.Countries"/>.</param>
public sealed record ListingGuest(int GuestId, string Country);

/// <summary>A listing: what the platform knows about it (its style and quality are hidden).</summary>
/// <param name="ListingId">Row index in <see cref="ListingWorld.Listings"/> (ids follow publication day).</param>
/// <param name="Region">One of <see cref="ListingWorld.Regions"/>.</param>
/// <param name="Neighbourhood">Neighbourhood within the region, e.g. "Lisbon 2".</param>
/// <param name="X">Location, km east of the map origin (0.01 km precision).</param>
/// <param name="Y">Location, km north of the map origin.</param>
/// <param name="PriceBand">One of <see cref="ListingWorld.PriceBands"/>.</param>
/// <param name="Price">Nightly price.</param>
/// <param name="Bedrooms">1–4.</param>
/// <param name="CreatedDay">Day it was published: 0 for listings there before the log, later for new ones.</param>
public sealed record Listing(int ListingId, string Region, string Neighbourhood, double X, double Y, string PriceBand,
    double Price, int Bedrooms, int CreatedDay)
{
    /// <summary>"Listing 17: mid in Lisbon 2, 104.00 a night, 2 bedrooms, since day 0".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"Listing {ListingId}: {PriceBand} in {Neighbourhood}, {Price:0.00} a night, {Bedrooms} bedrooms, since day {CreatedDay}");
}

/// <summary>One search session: a guest looking for a stay in one region (or weighing two neighbouring ones).</summary>
/// <param name="SessionId">Row index in <see cref="ListingWorld.Sessions"/> (in day order); in a simulation, its own counter.</param>
/// <param name="Day">Day of the session.</param>
/// <param name="GuestId">Who searched.</param>
/// <param name="Region">The region searched.</param>
/// <param name="OtherRegion">The neighbouring region also considered, or null.</param>
/// <param name="Views">Listings viewed, the first from search included.</param>
/// <param name="BookedListingId">The listing booked at the end, or null when the session ended without a booking.</param>
public sealed record ListingSession(int SessionId, int Day, int GuestId, string Region, string? OtherRegion, int Views,
    int? BookedListingId);

/// <summary>One listing viewed in a session, in order: the row skip-gram training reads.</summary>
/// <param name="SessionId">The session.</param>
/// <param name="Day">Its day.</param>
/// <param name="Step">0-based position in the session.</param>
/// <param name="ListingId">The listing viewed.</param>
/// <param name="FromCarousel">Whether the guest came from the "similar listings" carousel (else from search).</param>
public readonly record struct ListingView(int SessionId, int Day, int Step, int ListingId, bool FromCarousel);

/// <summary>One listing shown in one slot of the carousel under a viewed listing, and whether it was clicked.</summary>
/// <param name="SessionId">The session.</param>
/// <param name="Day">Its day.</param>
/// <param name="Step">The step whose viewed listing the carousel was shown under.</param>
/// <param name="QueryListingId">The viewed listing (the query of "similar listings").</param>
/// <param name="Position">Slot, 1 = first.</param>
/// <param name="ListingId">The listing shown.</param>
/// <param name="Clicked">Whether the guest clicked it (at most one click per carousel).</param>
public readonly record struct CarouselImpression(int SessionId, int Day, int Step, int QueryListingId, int Position,
    int ListingId, bool Clicked);

/// <summary>What the platform knows when it fills the carousel. The carousel is not personalised: the guest id is
/// there only so an experiment can assign the guest to an arm.</summary>
/// <param name="SessionId">The session.</param>
/// <param name="Day">Its day.</param>
/// <param name="Step">Step of the viewed listing.</param>
/// <param name="ListingId">The viewed listing.</param>
/// <param name="GuestId">The guest, for experiment assignment only.</param>
public readonly record struct CarouselRequest(int SessionId, int Day, int Step, int ListingId, int GuestId);

/// <summary>What one guest did during a simulated period.</summary>
/// <param name="GuestId">The guest.</param>
/// <param name="Sessions">Search sessions.</param>
/// <param name="Impressions">Listings shown in carousels.</param>
/// <param name="Clicks">Carousel clicks.</param>
/// <param name="Bookings">Sessions that ended in a booking.</param>
public readonly record struct ListingGuestOutcome(int GuestId, int Sessions, int Impressions, int Clicks, int Bookings);

/// <summary>The outcome of serving a carousel policy (<see cref="ListingWorld.Simulate"/>).</summary>
public sealed class ListingSimulationResult
{
    internal ListingSimulationResult(int firstDay, int days, ListingSession[] sessions, ListingView[] views,
        CarouselImpression[] log, ListingGuestOutcome[] outcomes)
    {
        FirstDay = firstDay;
        Days = days;
        Sessions = Array.AsReadOnly(sessions);
        Views = Array.AsReadOnly(views);
        Log = Array.AsReadOnly(log);
        GuestOutcomes = Array.AsReadOnly(outcomes);
    }

    /// <summary>First simulated day.</summary>
    public int FirstDay { get; }

    /// <summary>Number of simulated days.</summary>
    public int Days { get; }

    /// <summary>The simulated sessions, in day order.</summary>
    public IReadOnlyList<ListingSession> Sessions { get; }

    /// <summary>Listings viewed, in session then step order.</summary>
    public IReadOnlyList<ListingView> Views { get; }

    /// <summary>Carousel impressions, rows of the same type as the world's log.</summary>
    public IReadOnlyList<CarouselImpression> Log { get; }

    /// <summary>One row per guest with at least one session, ascending id.</summary>
    public IReadOnlyList<ListingGuestOutcome> GuestOutcomes { get; }

    /// <summary>Carousel clicks per carousel impression.</summary>
    public double ClickThroughRate => Log.Count == 0 ? 0 : Log.Count(i => i.Clicked) / (double)Log.Count;

    /// <summary>Sessions that ended in a booking, per session.</summary>
    public double SessionBookRate => Sessions.Count == 0 ? 0 : Sessions.Count(s => s.BookedListingId.HasValue) / (double)Sessions.Count;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Sessions.Count:N0} sessions, {Log.Count:N0} carousel impressions, CTR {ClickThroughRate:P2}, session book rate {SessionBookRate:P1} over {Days} day(s) from day {FirstDay}");
}
