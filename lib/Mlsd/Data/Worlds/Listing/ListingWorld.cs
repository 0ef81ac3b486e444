using System.Globalization;

namespace Mlsd.Data.Worlds;

/// <summary>
/// A synthetic vacation-rental platform (the world of chapter 9, similar listings) generated from a seed: listings in
/// six regions, each in a neighbourhood with a price band; guests who search; and four weeks of search sessions —
/// the listings each guest viewed, in order, the "similar listings" carousel shown under each one, and the booking
/// that ended a share of the sessions.
/// </summary>
/// <remarks>
/// <para><b>Ground truth</b> (<see cref="Truth"/>). Every listing has a hidden style (a short vector, close to its
/// neighbourhood's) and a hidden quality; every guest a hidden taste and a budget band. The guest's utility for a
/// listing is taste · style + quality − |price band − budget band| (<see cref="GroundTruth.Utility"/>), and only
/// listings in the regions the session searches count. Search picks a listing with probability ∝ e^utility; a carousel
/// slot p is looked at with probability p^−0.7 and clicked with σ(utility − 1.5), one click at most; a session ends
/// with the best listing viewed booked with probability σ(best utility − 3). Sessions are therefore runs of listings
/// that one guest found alike — the signal session-based embeddings learn from.</para>
/// <para><b>What changes.</b> New listings are published every day (ids after the old ones), with no history: the
/// cold-start problem of the chapter. A fifth of the sessions weigh two neighbouring regions (Lisbon–Sintra,
/// Porto–Douro, Algarve–Alentejo), the only place where listings of two regions meet in one session.</para>
/// <para><b>The log.</b> Days 0 … Days − 1, served by the platform's old carousel: the nearest listings of the same
/// region and price band (<see cref="Nearby"/>) — plausible, but blind to style and quality, so the log carries its
/// bias. At the default size: 1,200 listings (plus about 6 a day), 3,000 guests, about 8,300 sessions, 48,000 views and
/// 240,000 carousel impressions.</para>
/// <para>Everything is drawn from <see cref="Sampler"/>s derived from the seed: the same seed gives the same tables,
/// byte for byte (<see cref="WriteCsv"/>). The shape every world follows is in Data/Worlds/README.md.</para>
/// </remarks>
/// <example>
/// <code>
/// var world = ListingWorld.Generate(seed: 42);
/// var s = world.Sessions[0];
/// double u = world.Truth.Utility(s.GuestId, world.Views[0].ListingId);   // simulator-only
/// </code>
/// </example>
public sealed partial class ListingWorld
{
    /// <summary>Regions, in neighbouring pairs: (Lisbon, Sintra), (Porto, Douro), (Algarve, Alentejo).</summary>
    public static IReadOnlyList<string> Regions { get; } = ["Lisbon", "Sintra", "Porto", "Douro", "Algarve", "Alentejo"];

    /// <summary>Price bands, cheapest first.</summary>
    public static IReadOnlyList<string> PriceBands { get; } = ["budget", "mid", "upscale", "luxury"];

    /// <summary>Guests' countries.</summary>
    public static IReadOnlyList<string> Countries { get; } = ["PT", "ES", "FR", "DE", "UK", "US"];

    /// <summary>Neighbourhoods per region ("Lisbon 0" … "Lisbon 3").</summary>
    public const int NeighbourhoodsPerRegion = 4;

    private readonly ListingGuest[] _guests;
    private readonly Listing[] _listings;
    private readonly ListingSession[] _sessions;
    private readonly ListingView[] _views;
    private readonly CarouselImpression[] _impressions;

    /// <summary>Generates the world; well under a second at the default size.</summary>
    /// <param name="seed">Fixes every random draw.</param>
    /// <param name="options">Sizes; null for the defaults.</param>
    public static ListingWorld Generate(int seed = 42, ListingWorldOptions? options = null)
    {
        options ??= new ListingWorldOptions();
        options.Validate();
        return new ListingWorld(seed, options);
    }

    /// <summary>The seed the world was generated from.</summary>
    public int Seed { get; }

    /// <summary>The sizes used.</summary>
    public ListingWorldOptions Options { get; }

    /// <summary>Days of logged sessions (0 … Days − 1).</summary>
    public int Days => Options.Days;

    /// <summary>Days the world is defined for: the log, then the future days simulations may serve.</summary>
    public int TotalDays => Options.Days + Options.FutureDays;

    /// <summary>The guest table, indexed by id.</summary>
    public IReadOnlyList<ListingGuest> Guests { get; }

    /// <summary>The listing table, indexed by id, in publication order (including listings published after the log).</summary>
    public IReadOnlyList<Listing> Listings { get; }

    /// <summary>The logged search sessions, in day order.</summary>
    public IReadOnlyList<ListingSession> Sessions { get; }

    /// <summary>Listings viewed in the logged sessions, in session then step order.</summary>
    public IReadOnlyList<ListingView> Views { get; }

    /// <summary>The old carousel's impressions, in session, step and slot order.</summary>
    public IReadOnlyList<CarouselImpression> Impressions { get; }

    /// <summary>The hidden model the log was drawn from: for ceilings and simulations, never as a feature.</summary>
    public GroundTruth Truth { get; }

    /// <summary>P(a guest looks at carousel slot <paramref name="position"/>) = position^−0.7 (1 at the top, ≈0.285 at slot 6).</summary>
    public static double ExaminationProbability(int position)
    {
        WorldChecks.Position(position);
        return Math.Pow(position, -ExaminationDecay);
    }

    /// <summary>Number of listings published by the end of <paramref name="day"/>: they are ids 0 … count − 1.</summary>
    public int ListingsKnownBy(int day)
    {
        WorldChecks.Day(day, TotalDays);
        return _knownBy[day];
    }

    /// <summary>Straight-line distance in km between two listings.</summary>
    public double DistanceKm(int listingId, int otherId)
    {
        CheckListing(listingId);
        CheckListing(otherId);
        return Distance(listingId, otherId);
    }

    /// <summary>
    /// The old carousel's rule, and the cold-start neighbour of a new listing: up to <paramref name="k"/> listings of
    /// the same region and price band published by <paramref name="day"/>, nearest first (ties by id), without the
    /// listing itself. Looks among the 40 nearest of its kind.
    /// </summary>
    public IReadOnlyList<int> Nearby(int listingId, int day, int k)
    {
        CheckListing(listingId);
        WorldChecks.Day(day, TotalDays);
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be at least 1.");
        return NearbyAt(listingId, day, k);
    }

    /// <summary>"ListingWorld seed 42: 1,200 + 264 new listings, 3,000 guests, 8,260 sessions (…) over 28 days".</summary>
    public override string ToString()
    {
        int booked = _sessions.Count(s => s.BookedListingId.HasValue);
        return string.Create(CultureInfo.InvariantCulture,
            $"ListingWorld seed {Seed}: {Options.Listings:N0} + {_listings.Length - Options.Listings:N0} new listings, {_guests.Length:N0} guests, {_sessions.Length:N0} sessions ({booked:N0} booked), {_views.Length:N0} views, {_impressions.Length:N0} carousel impressions over {Days} days");
    }

    private void CheckListing(int listingId) => WorldChecks.Id(listingId, _listings.Length, nameof(listingId));

    private void CheckGuest(int guestId) => WorldChecks.Id(guestId, _guests.Length, nameof(guestId));
}
