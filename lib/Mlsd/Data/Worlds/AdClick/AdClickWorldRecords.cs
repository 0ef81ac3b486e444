namespace Mlsd.Data.Worlds;

/// <summary>
/// Size and drift knobs of an <see cref="AdClickWorld"/>. The defaults give about 210,000 logged impressions
/// over 14 days: enough that a better model's log-loss gain is statistically clear, small enough that a
/// notebook trains several models in seconds.
/// </summary>
public sealed record AdClickWorldOptions
{
    /// <summary>Number of users (ids 0..Users−1). Activity is Zipf-distributed, so most users are rarely seen.</summary>
    public int Users { get; init; } = 20_000;

    /// <summary>Number of advertisers; each runs 1–5 campaigns of 1–7 ads, so about 12× as many ads.</summary>
    public int Advertisers { get; init; } = 400;

    /// <summary>Number of publisher sites (pages) where ads are shown.</summary>
    public int Sites { get; init; } = 300;

    /// <summary>Days of logged traffic (days 0..Days−1) in <see cref="AdClickWorld.Impressions"/>.</summary>
    public int Days { get; init; } = 14;

    /// <summary>Further days the simulator can serve after the log ends (campaigns keep launching, tastes keep drifting).</summary>
    public int ExtraDays { get; init; } = 7;

    /// <summary>Ad requests (page views with an ad block) per logged day.</summary>
    public int RequestsPerDay { get; init; } = 5_000;

    /// <summary>Ad slots per request; slot 1 is the most visible (see <see cref="AdClickWorld.ExaminationProbability"/>).</summary>
    public int SlotsPerRequest { get; init; } = 3;

    /// <summary>Candidates retrieved per request by targeting + popularity before ranking.</summary>
    public int CandidatesPerRequest { get; init; } = 20;

    /// <summary>
    /// Multiplies every day-by-day change (taste drift, category trends, ad fatigue). 0 gives a stationary
    /// world — a useful control when showing that a frozen model decays only because the world moves.
    /// </summary>
    public double Drift { get; init; } = 1.0;
}

/// <summary>A user: observable profile only (the latent interests stay inside the world, see <see cref="AdClickWorld.TrueInterests"/>).</summary>
/// <param name="UserId">Dense id 0..Users−1 (index into <see cref="AdClickWorld.Users"/>).</param>
/// <param name="Country">ISO-like country code, one of <see cref="AdClickWorld.Countries"/>.</param>
/// <param name="AgeBucket">One of <see cref="AdClickWorld.AgeBuckets"/>.</param>
/// <param name="DevicePreference">The device the user uses most, one of <see cref="AdClickWorld.Devices"/>.</param>
public sealed record AdUser(int UserId, string Country, string AgeBucket, string DevicePreference);

/// <summary>An advertiser (the paying customer); owns campaigns.</summary>
/// <param name="AdvertiserId">Dense id.</param>
/// <param name="Name">Display name, e.g. "adv-0042".</param>
/// <param name="Category">Main business category, one of <see cref="AdClickWorld.Categories"/>.</param>
/// <param name="HomeCountry">Country the advertiser mostly targets.</param>
public sealed record Advertiser(int AdvertiserId, string Name, string Category, string HomeCountry);

/// <summary>
/// A campaign: a flight of ads with targeting rules. Targeting is how candidate generation works in ads:
/// a request is eligible for an ad only if the user's country, age bucket and device match its campaign.
/// </summary>
/// <param name="CampaignId">Dense id.</param>
/// <param name="AdvertiserId">Owner.</param>
/// <param name="Category">Category of the advertised product.</param>
/// <param name="TargetCountries">"*" (all) or '|'-separated country codes.</param>
/// <param name="TargetAgeBuckets">"*" (all) or '|'-separated age buckets.</param>
/// <param name="TargetDevices">"*" (all) or '|'-separated devices.</param>
/// <param name="StartDay">First day the campaign serves (negative = started before the log).</param>
/// <param name="EndDay">First day it no longer serves (exclusive).</param>
public sealed record AdCampaign(int CampaignId, int AdvertiserId, string Category, string TargetCountries,
    string TargetAgeBuckets, string TargetDevices, int StartDay, int EndDay);

/// <summary>An ad creative. Ads are the high-cardinality items whose ids a CTR model must learn (or hash).</summary>
/// <param name="AdId">Dense id.</param>
/// <param name="CampaignId">Campaign (targeting comes from it).</param>
/// <param name="AdvertiserId">Advertiser.</param>
/// <param name="Category">Product category, one of <see cref="AdClickWorld.Categories"/>.</param>
/// <param name="Format">Creative format, one of <see cref="AdClickWorld.Formats"/>.</param>
/// <param name="BidCpc">Price the advertiser pays per click (the world charges first price: revenue = BidCpc per click).</param>
/// <param name="CreationDay">First day the ad serves; ads created inside the log are the cold-start items.</param>
/// <param name="EndDay">First day it no longer serves (exclusive).</param>
public sealed record Ad(int AdId, int CampaignId, int AdvertiserId, string Category, string Format, double BidCpc,
    int CreationDay, int EndDay)
{
    /// <summary>True if the ad serves on <paramref name="day"/> (CreationDay ≤ day &lt; EndDay).</summary>
    public bool IsLiveOn(int day) => CreationDay <= day && day < EndDay;
}

/// <summary>A publisher site (page context).</summary>
/// <param name="SiteId">Dense id.</param>
/// <param name="Name">Display name, e.g. "site-017".</param>
/// <param name="Topic">The site's topic, one of <see cref="AdClickWorld.Categories"/>; ads matching it do better.</param>
public sealed record AdSite(int SiteId, string Name, string Topic);

/// <summary>An ad request: a user loads a page with an ad block. Country and age are copied from the user so targeting needs no join.</summary>
/// <param name="RequestId">Unique id (logged requests 0..N−1 in time order; simulated requests from 100,000,000 up).</param>
/// <param name="Day">Day index (Timestamp / 86,400).</param>
/// <param name="Timestamp">Seconds since the start of day 0.</param>
/// <param name="Hour">Hour of day 0–23.</param>
/// <param name="UserId">The user.</param>
/// <param name="Country">The user's country.</param>
/// <param name="AgeBucket">The user's age bucket.</param>
/// <param name="Device">Device of this request (usually the user's preferred one).</param>
/// <param name="SiteId">Site the page belongs to.</param>
public sealed record AdRequest(int RequestId, int Day, long Timestamp, int Hour, int UserId, string Country,
    string AgeBucket, string Device, int SiteId);

/// <summary>
/// One ad shown in one slot of one request, with everything that happened afterwards. The label of the
/// book's framing — "clicked within t seconds" — is <see cref="ClickedWithin"/>; late clicks exist, so the
/// choice of t trades label freshness against false negatives.
/// </summary>
/// <param name="ImpressionId">Unique id (logged impressions 0..N−1).</param>
/// <param name="RequestId">The request it was shown for.</param>
/// <param name="Day">Day index.</param>
/// <param name="Timestamp">Seconds since the start of day 0 (same as the request).</param>
/// <param name="Hour">Hour of day.</param>
/// <param name="UserId">The user.</param>
/// <param name="Device">Request device.</param>
/// <param name="SiteId">Request site.</param>
/// <param name="AdId">The ad shown.</param>
/// <param name="Position">Slot, 1 = top. Lower slots are examined less often (position bias).</param>
/// <param name="Clicked">Whether a click ever arrived.</param>
/// <param name="ClickDelaySeconds">Seconds from impression to click, or null without a click.</param>
/// <param name="Hidden">Whether the user hid the ad (negative feedback; never together with a click).</param>
/// <param name="Converted">Whether the click led to a conversion (purchase, sign-up).</param>
/// <param name="ConversionDelaySeconds">Seconds from click to conversion, or null.</param>
public sealed record AdImpression(int ImpressionId, int RequestId, int Day, long Timestamp, int Hour, int UserId,
    string Device, int SiteId, int AdId, int Position, bool Clicked, double? ClickDelaySeconds, bool Hidden,
    bool Converted, double? ConversionDelaySeconds)
{
    /// <summary>The training label "clicked within <paramref name="seconds"/> seconds of the impression".</summary>
    public bool ClickedWithin(double seconds) => ClickDelaySeconds is double d && d <= seconds;

    /// <summary>Timestamp of the click (seconds since day 0), or null.</summary>
    public double? ClickTimestamp => ClickDelaySeconds is double d ? Timestamp + d : null;
}

/// <summary>
/// Outcome of serving one ranking policy for a number of requests on one day (see
/// <see cref="AdClickWorld.Simulate(Func{AdRequest, Ad, double}, int, int, int)"/>). Counts are drawn from the
/// ground truth; the Expected… figures are the noiseless sums of true probabilities, handy for comparing
/// policies without sampling noise. Per-request arrays feed a lift/confidence-interval computation.
/// </summary>
/// <param name="Day">Day simulated.</param>
/// <param name="Requests">Requests served.</param>
/// <param name="Impressions">Ads shown.</param>
/// <param name="Clicks">Clicks drawn.</param>
/// <param name="Hides">Hides drawn.</param>
/// <param name="Conversions">Conversions drawn.</param>
/// <param name="Revenue">Sum of BidCpc over clicked ads.</param>
/// <param name="ExpectedClicks">Sum of true click probabilities of the shown ads.</param>
/// <param name="ExpectedRevenue">Sum of true click probability × BidCpc of the shown ads.</param>
/// <param name="RequestClicks">Clicks per request (index = request order).</param>
/// <param name="RequestRevenue">Revenue per request.</param>
/// <param name="RequestHides">Hides per request.</param>
/// <param name="RequestConversions">Conversions per request.</param>
/// <param name="Log">The impressions the policy produced (for training on the policy's own data).</param>
public sealed record AdSimulationResult(int Day, int Requests, int Impressions, int Clicks, int Hides,
    int Conversions, double Revenue, double ExpectedClicks, double ExpectedRevenue, int[] RequestClicks,
    double[] RequestRevenue, int[] RequestHides, int[] RequestConversions, IReadOnlyList<AdImpression> Log)
{
    /// <summary>Clicks per impression.</summary>
    public double Ctr => Impressions == 0 ? 0 : (double)Clicks / Impressions;

    /// <summary>Hides per impression.</summary>
    public double HideRate => Impressions == 0 ? 0 : (double)Hides / Impressions;

    /// <summary>Conversions per click.</summary>
    public double ConversionRate => Clicks == 0 ? 0 : (double)Conversions / Clicks;

    /// <summary>Revenue per thousand requests (RPM), the usual publisher yardstick.</summary>
    public double RevenuePerThousandRequests => Requests == 0 ? 0 : 1000 * Revenue / Requests;

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"day {Day}: {Requests} requests, {Impressions} impressions, CTR {Ctr:P2}, {Clicks} clicks " +
            $"(expected {ExpectedClicks:F1}), revenue {Revenue:F2} (expected {ExpectedRevenue:F2}), " +
            $"RPM {RevenuePerThousandRequests:F2}, hide rate {HideRate:P2}, conversions {Conversions} ({ConversionRate:P1} of clicks)");
}
