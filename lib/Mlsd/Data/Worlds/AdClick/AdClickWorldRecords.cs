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

    /// <summary>Days after the log that the simulator can serve (campaigns keep launching, tastes keep drifting).</summary>
    public int FutureDays { get; init; } = 7;

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

    internal void Validate()
    {
        WorldChecks.Option(Users >= 10, Users, nameof(Users), "at least 10");
        WorldChecks.Option(Advertisers >= 1, Advertisers, nameof(Advertisers), "at least 1");
        WorldChecks.Option(Sites >= 1, Sites, nameof(Sites), "at least 1");
        WorldChecks.Option(Days >= 1 && Days <= 365, Days, nameof(Days), "between 1 and 365");
        WorldChecks.Option(FutureDays >= 0 && FutureDays <= 365, FutureDays, nameof(FutureDays), "between 0 and 365");
        WorldChecks.Option(RequestsPerDay >= 1 && RequestsPerDay <= 200_000, RequestsPerDay, nameof(RequestsPerDay), "between 1 and 200,000");
        WorldChecks.Option(SlotsPerRequest >= 1 && SlotsPerRequest <= 10, SlotsPerRequest, nameof(SlotsPerRequest), "between 1 and 10");
        WorldChecks.Option(CandidatesPerRequest >= SlotsPerRequest && CandidatesPerRequest <= 500, CandidatesPerRequest,
            nameof(CandidatesPerRequest), "between SlotsPerRequest and 500");
        WorldChecks.Option(Drift >= 0 && Drift <= 10, Drift, nameof(Drift), "between 0 and 10");
    }
}

/// <summary>A user: observable profile only (the latent interests stay inside the world, see <see cref="AdClickWorld.GroundTruth.Interests"/>).</summary>
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

/// <summary>What one user did during a simulated day (see <see cref="AdSimulationResult.UserOutcomes"/>).</summary>
/// <param name="UserId">The user.</param>
/// <param name="Requests">Ad requests served.</param>
/// <param name="Impressions">Ads shown.</param>
/// <param name="Clicks">Clicks drawn.</param>
/// <param name="Hides">Hides drawn.</param>
/// <param name="Conversions">Conversions drawn.</param>
/// <param name="Revenue">Sum of BidCpc over clicked ads.</param>
/// <param name="ExpectedClicks">Sum of the true click probabilities of the ads shown.</param>
/// <param name="ExpectedRevenue">Sum of true click probability × BidCpc of the ads shown.</param>
public readonly record struct AdUserOutcome(int UserId, int Requests, int Impressions, int Clicks, int Hides, int Conversions,
    double Revenue, double ExpectedClicks, double ExpectedRevenue);

/// <summary>
/// Outcome of serving one ranking policy for a number of requests on one day (see
/// <see cref="AdClickWorld.Simulate(Func{AdRequest, Ad, double}, int, int, int)"/>). Counts are drawn from the
/// ground truth; the Expected… figures are the noiseless sums of true probabilities, handy for comparing
/// policies without sampling noise. Per-user outcomes (the unit experiments randomise) feed a lift and its
/// confidence interval.
/// </summary>
public sealed class AdSimulationResult
{
    internal AdSimulationResult(int day, int requests, int clicks, int hides, int conversions, double revenue,
        double expectedClicks, double expectedRevenue, AdImpression[] log, AdUserOutcome[] userOutcomes)
    {
        Day = day;
        Requests = requests;
        Clicks = clicks;
        Hides = hides;
        Conversions = conversions;
        Revenue = revenue;
        ExpectedClicks = expectedClicks;
        ExpectedRevenue = expectedRevenue;
        Log = Array.AsReadOnly(log);
        UserOutcomes = Array.AsReadOnly(userOutcomes);
    }

    /// <summary>Day simulated.</summary>
    public int Day { get; }

    /// <summary>Requests served.</summary>
    public int Requests { get; }

    /// <summary>Ads shown.</summary>
    public int Impressions => Log.Count;

    /// <summary>Clicks drawn.</summary>
    public int Clicks { get; }

    /// <summary>Hides drawn.</summary>
    public int Hides { get; }

    /// <summary>Conversions drawn.</summary>
    public int Conversions { get; }

    /// <summary>Sum of BidCpc over clicked ads.</summary>
    public double Revenue { get; }

    /// <summary>Sum of true click probabilities of the shown ads.</summary>
    public double ExpectedClicks { get; }

    /// <summary>Sum of true click probability × BidCpc of the shown ads.</summary>
    public double ExpectedRevenue { get; }

    /// <summary>The impressions the policy produced, in request order (for training on the policy's own data).</summary>
    public IReadOnlyList<AdImpression> Log { get; }

    /// <summary>One row per user who sent at least one request, ascending id.</summary>
    public IReadOnlyList<AdUserOutcome> UserOutcomes { get; }

    /// <summary>Clicks per impression.</summary>
    public double ClickThroughRate => Impressions == 0 ? 0 : (double)Clicks / Impressions;

    /// <summary>Hides per impression.</summary>
    public double HideRate => Impressions == 0 ? 0 : (double)Hides / Impressions;

    /// <summary>Conversions per click.</summary>
    public double ConversionRate => Clicks == 0 ? 0 : (double)Conversions / Clicks;

    /// <summary>Revenue per thousand requests (RPM), the usual publisher yardstick.</summary>
    public double RevenuePerThousandRequests => Requests == 0 ? 0 : 1000 * Revenue / Requests;

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"day {Day}: {Requests} requests, {Impressions} impressions, CTR {ClickThroughRate:P2}, {Clicks} clicks " +
            $"(expected {ExpectedClicks:F1}), revenue {Revenue:F2} (expected {ExpectedRevenue:F2}), " +
            $"RPM {RevenuePerThousandRequests:F2}, hide rate {HideRate:P2}, conversions {Conversions} ({ConversionRate:P1} of clicks)");
}
