namespace Mlsd.Data.Worlds;

// Generation: one stage per method, in a fixed order, each from its own forked sampler.
public sealed partial class ListingWorld
{
    private const int NearbyPool = 40;
    private const double TasteStrength = 2.0;
    private static readonly double[] s_regionWeights = [0.3, 0.1, 0.25, 0.1, 0.15, 0.1];
    private static readonly (double X, double Y)[] s_regionCentres = [(0, 0), (25, 10), (10, 300), (90, 290), (30, -220), (80, -120)];
    private static readonly double[] s_bandWeights = [0.3, 0.35, 0.25, 0.1];
    private static readonly double[] s_bandPrice = [60, 110, 190, 380];
    private static readonly double[] s_countryWeights = [0.15, 0.2, 0.2, 0.2, 0.15, 0.1];

    private readonly ListingTraits _listingTraits;
    private readonly GuestTraits _guestTraits;
    private readonly int[] _knownBy;               // per day: listings published by the end of that day
    private readonly int[][] _byRegion;            // per region: listing ids, ascending (so also by publication day)
    private readonly int[][] _nearby;              // per listing: same region and band, nearest first

    private ListingWorld(int seed, ListingWorldOptions options)
    {
        Seed = seed;
        Options = options;
        var root = new Sampler(seed);
        var neighbourhoodSampler = root.Fork();
        var listingSampler = root.Fork();
        var guestSampler = root.Fork();
        int logSeed = root.Fork().Next(int.MaxValue);

        var neighbourhoods = DrawNeighbourhoods(neighbourhoodSampler);
        (_listings, _listingTraits) = DrawListings(listingSampler, options, TotalDays, neighbourhoods);
        (_guests, _guestTraits) = DrawGuests(guestSampler, options);
        _knownBy = new int[TotalDays];
        for (int d = 0, n = 0; d < TotalDays; d++)
        {
            while (n < _listings.Length && _listings[n].CreatedDay <= d) n++;
            _knownBy[d] = n;
        }
        _byRegion = Enumerable.Range(0, Regions.Count)
            .Select(r => Enumerable.Range(0, _listings.Length).Where(l => _listingTraits.Region[l] == r).ToArray()).ToArray();
        _nearby = NearestOfKind();

        // Stage 4: the log — four weeks of sessions served by the old carousel (nearest of the same region and band).
        var log = SimulateCore(r => NearbyAt(r.ListingId, r.Day, options.Slots), 0, options.Days, logSeed, "the logging policy");
        (_sessions, _views, _impressions) = (log.Sessions, log.Views, log.Impressions);

        Guests = Array.AsReadOnly(_guests);
        Listings = Array.AsReadOnly(_listings);
        Sessions = Array.AsReadOnly(_sessions);
        Views = Array.AsReadOnly(_views);
        Impressions = Array.AsReadOnly(_impressions);
        Truth = new GroundTruth(this);
    }

    /// <summary>Stage 1: neighbourhoods — a centre a few km from the region's, and a style every listing there shares
    /// in part (old town, beach, vineyards…).</summary>
    private static (double X, double Y, double[] Style)[] DrawNeighbourhoods(Sampler s)
    {
        var result = new (double, double, double[])[Regions.Count * NeighbourhoodsPerRegion];
        for (int r = 0; r < Regions.Count; r++)
            for (int n = 0; n < NeighbourhoodsPerRegion; n++)
            {
                var style = new double[StyleDimension];
                for (int d = 0; d < StyleDimension; d++) style[d] = s.Normal(0, 0.9);
                result[r * NeighbourhoodsPerRegion + n] =
                    (s_regionCentres[r].X + s.Normal(0, 4), s_regionCentres[r].Y + s.Normal(0, 4), style);
            }
        return result;
    }

    /// <summary>Stage 2: listings — the ones there before the log, then a Poisson number of new ones each day; each in
    /// a neighbourhood, with a style near the neighbourhood's, a quality, a price band and a price.</summary>
    private static (Listing[], ListingTraits) DrawListings(Sampler s, ListingWorldOptions o, int totalDays,
        (double X, double Y, double[] Style)[] neighbourhoods)
    {
        var rows = new List<Listing>();
        var style = new List<double>();
        var quality = new List<double>();
        var region = new List<int>();
        var band = new List<int>();
        void Add(int day)
        {
            int r = s.Categorical(s_regionWeights), n = s.Next(NeighbourhoodsPerRegion), b = s.Categorical(s_bandWeights);
            var hood = neighbourhoods[r * NeighbourhoodsPerRegion + n];
            for (int d = 0; d < StyleDimension; d++) style.Add(hood.Style[d] + s.Normal(0, 0.5));
            quality.Add(s.Normal(0, 0.6));
            int bedrooms = 1 + s.Categorical([0.35, 0.35, 0.2, 0.1]);
            double price = Math.Round(s_bandPrice[b] * Math.Exp(s.Normal(0, 0.15)) * (0.85 + 0.15 * bedrooms), 2);
            rows.Add(new Listing(rows.Count, Regions[r], $"{Regions[r]} {n}", Math.Round(hood.X + s.Normal(0, 1), 2),
                Math.Round(hood.Y + s.Normal(0, 1), 2), PriceBands[b], price, bedrooms, day));
            region.Add(r);
            band.Add(b);
        }
        for (int i = 0; i < o.Listings; i++) Add(0);
        for (int day = 1; day < totalDays; day++)
            for (int k = s.Poisson(o.NewListingsPerDay); k > 0; k--) Add(day);
        return ([.. rows], new ListingTraits([.. style], [.. quality], [.. region], [.. band]));
    }

    /// <summary>Stage 3: guests — a country, a hidden taste over styles and a budget band.</summary>
    private static (ListingGuest[], GuestTraits) DrawGuests(Sampler s, ListingWorldOptions o)
    {
        var guests = new ListingGuest[o.Guests];
        var taste = new double[o.Guests * StyleDimension];
        var band = new int[o.Guests];
        for (int g = 0; g < o.Guests; g++)
        {
            guests[g] = new ListingGuest(g, Countries[s.Categorical(s_countryWeights)]);
            // A direction in style space of fixed length: every guest cares about style as much, about different styles.
            double norm = 0;
            for (int d = 0; d < StyleDimension; d++) norm += Math.Pow(taste[g * StyleDimension + d] = s.Normal(), 2);
            for (int d = 0; d < StyleDimension; d++) taste[g * StyleDimension + d] *= TasteStrength / Math.Sqrt(norm);
            band[g] = s.Categorical(s_bandWeights);
        }
        return (guests, new GuestTraits(taste, band));
    }

    private double Distance(int a, int b)
    {
        double dx = _listings[a].X - _listings[b].X, dy = _listings[a].Y - _listings[b].Y;
        return Math.Sqrt(dx * dx + dy * dy);
    }

    /// <summary>For each listing, the <see cref="NearbyPool"/> nearest listings of its region and band (any day).</summary>
    private int[][] NearestOfKind()
    {
        var result = new int[_listings.Length][];
        for (int l = 0; l < _listings.Length; l++)
        {
            int r = _listingTraits.Region[l], b = _listingTraits.Band[l];
            result[l] = _byRegion[r].Where(o => o != l && _listingTraits.Band[o] == b)
                .OrderBy(o => Distance(l, o)).ThenBy(o => o).Take(NearbyPool).ToArray();
        }
        return result;
    }

    private int[] NearbyAt(int listingId, int day, int k)
    {
        int known = _knownBy[day];
        var result = new List<int>(k);
        foreach (int o in _nearby[listingId])
        {
            if (o >= known) continue;
            result.Add(o);
            if (result.Count == k) break;
        }
        return [.. result];
    }
}
