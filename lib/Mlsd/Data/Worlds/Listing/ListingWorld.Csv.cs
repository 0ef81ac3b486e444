namespace Mlsd.Data.Worlds;

public sealed partial class ListingWorld
{
    /// <summary>
    /// Writes guests.csv, listings.csv, sessions.csv, views.csv and impressions.csv into <paramref name="directory"/>
    /// (created if missing), with <see cref="WorldCsv"/>'s format — the same seed gives the same bytes. The ground truth
    /// is not written.
    /// </summary>
    /// <returns>The paths written, in the order above.</returns>
    public IReadOnlyList<string> WriteCsv(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        return
        [
            WorldCsv.Write(directory, "guests.csv", ["guest_id", "country"], _guests, (w, g) => w.Field(g.GuestId).Field(g.Country)),
            WorldCsv.Write(directory, "listings.csv",
                ["listing_id", "region", "neighbourhood", "x", "y", "price_band", "price", "bedrooms", "created_day"], _listings,
                (w, l) => w.Field(l.ListingId).Field(l.Region).Field(l.Neighbourhood).Field(l.X).Field(l.Y).Field(l.PriceBand)
                    .Field(l.Price).Field(l.Bedrooms).Field(l.CreatedDay)),
            WorldCsv.Write(directory, "sessions.csv", ["session_id", "day", "guest_id", "region", "other_region", "views", "booked_listing_id"],
                _sessions, (w, s) => w.Field(s.SessionId).Field(s.Day).Field(s.GuestId).Field(s.Region).Field(s.OtherRegion)
                    .Field(s.Views).Field(s.BookedListingId?.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            WorldCsv.Write(directory, "views.csv", ["session_id", "day", "step", "listing_id", "from_carousel"], _views,
                (w, v) => w.Field(v.SessionId).Field(v.Day).Field(v.Step).Field(v.ListingId).Field(v.FromCarousel)),
            WorldCsv.Write(directory, "impressions.csv", ["session_id", "day", "step", "query_listing_id", "position", "listing_id", "clicked"],
                _impressions, (w, i) => w.Field(i.SessionId).Field(i.Day).Field(i.Step).Field(i.QueryListingId).Field(i.Position)
                    .Field(i.ListingId).Field(i.Clicked)),
        ];
    }
}
