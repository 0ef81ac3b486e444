using System.Globalization;
using System.Text;

namespace Mlsd.Data.Worlds;

public sealed partial class AdClickWorld
{
    /// <summary>
    /// Writes the tables as CSV files into <paramref name="directory"/> (created if missing): users.csv,
    /// advertisers.csv, campaigns.csv, ads.csv, sites.csv, requests.csv, impressions.csv. Snake-case headers,
    /// invariant culture, UTF-8 without BOM, '\n' line endings, booleans as 0/1, missing values empty, bids with
    /// two decimals and delays with three — so the same seed gives the same bytes on every machine.
    /// The ground truth is not written: files hold only what a real ad log would.
    /// </summary>
    /// <returns>The paths written, in the order above.</returns>
    public IReadOnlyList<string> WriteCsv(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        var paths = new List<string>();

        var inv = CultureInfo.InvariantCulture;
        Write(directory, "users.csv", "user_id,country,age_bucket,device_preference", _users,
            (w, u) => w.Append(inv, $"{u.UserId},{u.Country},{u.AgeBucket},{u.DevicePreference}"), paths);
        Write(directory, "advertisers.csv", "advertiser_id,name,category,home_country", _advertisers,
            (w, a) => w.Append(inv, $"{a.AdvertiserId},{a.Name},{a.Category},{a.HomeCountry}"), paths);
        Write(directory, "campaigns.csv",
            "campaign_id,advertiser_id,category,target_countries,target_age_buckets,target_devices,start_day,end_day", _campaigns,
            (w, c) => w.Append(inv, $"{c.CampaignId},{c.AdvertiserId},{c.Category},{c.TargetCountries},{c.TargetAgeBuckets},{c.TargetDevices},{c.StartDay},{c.EndDay}"),
            paths);
        Write(directory, "ads.csv", "ad_id,campaign_id,advertiser_id,category,format,bid_cpc,creation_day,end_day", _ads,
            (w, a) => w.Append(inv, $"{a.AdId},{a.CampaignId},{a.AdvertiserId},{a.Category},{a.Format},{a.BidCpc:0.00},{a.CreationDay},{a.EndDay}"), paths);
        Write(directory, "sites.csv", "site_id,name,topic", _sites,
            (w, s) => w.Append(inv, $"{s.SiteId},{s.Name},{s.Topic}"), paths);
        Write(directory, "requests.csv", "request_id,day,timestamp,hour,user_id,country,age_bucket,device,site_id", _requests,
            (w, r) => w.Append(inv, $"{r.RequestId},{r.Day},{r.Timestamp},{r.Hour},{r.UserId},{r.Country},{r.AgeBucket},{r.Device},{r.SiteId}"), paths);
        Write(directory, "impressions.csv",
            "impression_id,request_id,day,timestamp,hour,user_id,device,site_id,ad_id,position,clicked,click_delay_s,hidden,converted,conversion_delay_s",
            _impressions,
            (w, i) => w.Append(inv,
                $"{i.ImpressionId},{i.RequestId},{i.Day},{i.Timestamp},{i.Hour},{i.UserId},{i.Device},{i.SiteId},{i.AdId},{i.Position},{(i.Clicked ? 1 : 0)},{i.ClickDelaySeconds:0.###},{(i.Hidden ? 1 : 0)},{(i.Converted ? 1 : 0)},{i.ConversionDelaySeconds:0.###}"),
            paths);
        return paths;
    }

    private static void Write<T>(string directory, string name, string header, T[] rows, Action<StringBuilder, T> format, List<string> paths)
    {
        string path = Path.Combine(directory, name);
        var line = new StringBuilder(256);
        using (var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16))
        {
            writer.Write(header);
            writer.Write('\n');
            foreach (var row in rows)
            {
                line.Clear();
                format(line, row);
                line.Append('\n');
                writer.Write(line);
            }
        }
        paths.Add(path);
    }
}
