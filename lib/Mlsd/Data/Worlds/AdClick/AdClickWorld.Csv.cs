using System.Globalization;

namespace Mlsd.Data.Worlds;

public sealed partial class AdClickWorld
{
    /// <summary>
    /// Writes the tables as CSV files into <paramref name="directory"/> (created if missing): users.csv,
    /// advertisers.csv, campaigns.csv, ads.csv, sites.csv, requests.csv, impressions.csv. Snake-case headers,
    /// invariant culture, UTF-8 without BOM, '\n' line endings, booleans as 0/1, missing values empty, bids with
    /// two decimals and delays with up to three — so the same seed gives the same bytes on every machine.
    /// The ground truth is not written: files hold only what a real ad log would.
    /// </summary>
    /// <returns>The paths written, in the order above.</returns>
    public IReadOnlyList<string> WriteCsv(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        var inv = CultureInfo.InvariantCulture;
        string Delay(double? seconds) => seconds is double s ? s.ToString("0.###", inv) : "";
        return
        [
            WorldCsv.Write(directory, "users.csv", ["user_id", "country", "age_bucket", "device_preference"], _users,
                (w, u) => w.Field(u.UserId).Field(u.Country).Field(u.AgeBucket).Field(u.DevicePreference)),
            WorldCsv.Write(directory, "advertisers.csv", ["advertiser_id", "name", "category", "home_country"], _advertisers,
                (w, a) => w.Field(a.AdvertiserId).Field(a.Name).Field(a.Category).Field(a.HomeCountry)),
            WorldCsv.Write(directory, "campaigns.csv",
                ["campaign_id", "advertiser_id", "category", "target_countries", "target_age_buckets", "target_devices", "start_day", "end_day"],
                _campaigns,
                (w, c) => w.Field(c.CampaignId).Field(c.AdvertiserId).Field(c.Category).Field(c.TargetCountries)
                    .Field(c.TargetAgeBuckets).Field(c.TargetDevices).Field(c.StartDay).Field(c.EndDay)),
            WorldCsv.Write(directory, "ads.csv",
                ["ad_id", "campaign_id", "advertiser_id", "category", "format", "bid_cpc", "creation_day", "end_day"], _ads,
                (w, a) => w.Field(a.AdId).Field(a.CampaignId).Field(a.AdvertiserId).Field(a.Category).Field(a.Format)
                    .Field(a.BidCpc.ToString("0.00", inv)).Field(a.CreationDay).Field(a.EndDay)),
            WorldCsv.Write(directory, "sites.csv", ["site_id", "name", "topic"], _sites,
                (w, s) => w.Field(s.SiteId).Field(s.Name).Field(s.Topic)),
            WorldCsv.Write(directory, "requests.csv",
                ["request_id", "day", "timestamp", "hour", "user_id", "country", "age_bucket", "device", "site_id"], _requests,
                (w, r) => w.Field(r.RequestId).Field(r.Day).Field(r.Timestamp).Field(r.Hour).Field(r.UserId).Field(r.Country)
                    .Field(r.AgeBucket).Field(r.Device).Field(r.SiteId)),
            WorldCsv.Write(directory, "impressions.csv",
                ["impression_id", "request_id", "day", "timestamp", "hour", "user_id", "device", "site_id", "ad_id", "position",
                    "clicked", "click_delay_s", "hidden", "converted", "conversion_delay_s"],
                _impressions,
                (w, i) => w.Field(i.ImpressionId).Field(i.RequestId).Field(i.Day).Field(i.Timestamp).Field(i.Hour).Field(i.UserId)
                    .Field(i.Device).Field(i.SiteId).Field(i.AdId).Field(i.Position).Field(i.Clicked).Field(Delay(i.ClickDelaySeconds))
                    .Field(i.Hidden).Field(i.Converted).Field(Delay(i.ConversionDelaySeconds))),
        ];
    }
}
