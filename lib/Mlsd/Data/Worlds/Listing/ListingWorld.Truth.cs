namespace Mlsd.Data.Worlds;

// The hidden model: every formula of the world lives here; the log, the simulator and Truth all call it.
public sealed partial class ListingWorld
{
    private const int StyleDimension = 4;
    private const double ExaminationDecay = 0.7;
    private const double ClickOffset = 1.5;
    private const double BookOffset = 3.0;
    private const double BandPenalty = 1.0;

    /// <summary>Hidden listing traits: style (row-major, <see cref="StyleDimension"/> per listing), quality, and
    /// integer codes of region, neighbourhood and band.</summary>
    private sealed record ListingTraits(double[] Style, double[] Quality, int[] Region, int[] Band);

    /// <summary>Hidden guest traits: taste (row-major) and budget band.</summary>
    private sealed record GuestTraits(double[] Taste, int[] Band);

    /// <summary>taste · style + quality − |band − budget band|: the one formula behind search, clicks and bookings.</summary>
    private double UtilityOf(int g, int l)
    {
        double dot = 0;
        for (int d = 0; d < StyleDimension; d++)
            dot += _guestTraits.Taste[g * StyleDimension + d] * _listingTraits.Style[l * StyleDimension + d];
        return dot + _listingTraits.Quality[l] - BandPenalty * Math.Abs(_listingTraits.Band[l] - _guestTraits.Band[g]);
    }

    private double ClickProbabilityOf(int g, int l, int position) =>
        ExaminationProbability(position) * MathFunctions.Sigmoid(UtilityOf(g, l) - ClickOffset);

    private static double BookProbabilityOf(double bestUtility) => MathFunctions.Sigmoid(bestUtility - BookOffset);

    /// <summary>
    /// The world's hidden model, for ceilings and checks only. A model never sees it; a notebook that calls
    /// <c>world.Truth…</c> says "simulator-only" at a glance.
    /// </summary>
    public sealed class GroundTruth
    {
        private readonly ListingWorld _w;

        internal GroundTruth(ListingWorld world) => _w = world;

        /// <summary>The guest's utility for the listing: taste · style + quality − |price band − budget band|
        /// (listings outside the regions a session searches are never clicked, whatever this says).</summary>
        public double Utility(int guestId, int listingId)
        {
            _w.CheckGuest(guestId);
            _w.CheckListing(listingId);
            return _w.UtilityOf(guestId, listingId);
        }

        /// <summary>P(click) on a listing of a searched region shown in carousel slot <paramref name="position"/>:
        /// position^−0.7 × σ(utility − 1.5).</summary>
        public double ClickProbability(int guestId, int listingId, int position)
        {
            _w.CheckGuest(guestId);
            _w.CheckListing(listingId);
            WorldChecks.Position(position);
            return _w.ClickProbabilityOf(guestId, listingId, position);
        }

        /// <summary>P(a session books) given the best utility among the listings it viewed: σ(best − 3).</summary>
        public static double BookingProbability(double bestUtility) => BookProbabilityOf(bestUtility);

        /// <summary>The listing's hidden style vector (a copy).</summary>
        public double[] Style(int listingId)
        {
            _w.CheckListing(listingId);
            return _w._listingTraits.Style.AsSpan(listingId * StyleDimension, StyleDimension).ToArray();
        }

        /// <summary>The listing's hidden quality.</summary>
        public double Quality(int listingId)
        {
            _w.CheckListing(listingId);
            return _w._listingTraits.Quality[listingId];
        }

        /// <summary>The guest's hidden budget band, one of <see cref="PriceBands"/>.</summary>
        public string BudgetBand(int guestId)
        {
            _w.CheckGuest(guestId);
            return PriceBands[_w._guestTraits.Band[guestId]];
        }
    }
}
