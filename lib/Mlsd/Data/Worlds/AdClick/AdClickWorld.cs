using System.Globalization;

namespace Mlsd.Data.Worlds;

/// <summary>
/// A synthetic ad-serving world for the ad-click-prediction case study: users, advertisers → campaigns → ads,
/// publisher sites, and 14 days of logged ad requests with impressions, clicks (with delays), hides and
/// conversions — all drawn from a ground-truth click model that this object keeps, so notebooks can
/// compare a learned model with the truth and run simulated online A/B tests.
/// </summary>
/// <remarks>
/// <para><b>Why synthetic.</b> Open CTR logs (Criteo, Avazu) are large and anonymised, and this project does
/// not bundle them; more importantly they have no ground truth, so an online test cannot be simulated.
/// Here every number the chapter talks about can be checked against the model that generated the data.</para>
/// <para><b>Ground-truth click model</b> (<see cref="Truth"/>). An ad shown in slot <c>k</c> is examined with probability
/// <c>k^−0.7</c> (position bias, <see cref="ExaminationProbability"/>); if examined, it is clicked with
/// probability σ(z) where z sums: a base rate; a per-user click propensity; the user's latent interest in the ad's
/// category (user × category interaction; interests correlate with age and country, so the observable
/// profile carries signal); the ad's own quality minus its fatigue (it loses appeal with age, for half
/// of the ads); an advertiser effect; a device × hour-of-day table (mobile evenings, desktop office hours);
/// category × device and format × device tables; a bonus when the ad's category matches the site's topic;
/// a per-site effect; and a seasonal swing in each category's appeal. This is the "known model with feature interactions"
/// that lets a feature-cross model beat plain logistic regression for a reason one can state.</para>
/// <para><b>Drift.</b> Day by day user tastes move (5 % of the way per day towards a second taste profile
/// with one favourite category replaced), category appeal swings (periods of 20–40 days), ads fatigue,
/// and new campaigns launch (≈ 3 % of live ads are new each day, with unseen ids), so a model frozen on
/// week 1 loses accuracy on week 2 while daily fine-tuning keeps up.
/// <see cref="AdClickWorldOptions.Drift"/> = 0 switches all of this off.</para>
/// <para><b>Feedback.</b> About 92 % of clicks arrive within a minute; the rest come minutes to hours later
/// (a user returning to the tab), so the label "click within t seconds" misses some positives and a
/// day's last impressions may get their clicks after the day is over. Users also hide ads (more often
/// uninteresting, poor or fatigued ones), and about one click in ten converts.</para>
/// <para><b>Serving loop.</b> Each request's candidates come from campaign targeting (country, age bucket,
/// device) and liveness, then popularity-weighted sampling (<see cref="Candidates"/>); the logging policy
/// ranked them by bid with noise (so every slot sees varied ads) and showed the top
/// <see cref="AdClickWorldOptions.SlotsPerRequest"/>.</para>
/// <para>Ids are dense (0..n−1) so every table can be indexed by id, e.g. <c>world.Ads[imp.AdId]</c>.
/// Timestamps are seconds since the start of day 0. The shape every world follows is in Data/Worlds/README.md.</para>
/// </remarks>
public sealed partial class AdClickWorld
{
    /// <summary>Country codes users live in (and campaigns target).</summary>
    public static IReadOnlyList<string> Countries { get; } = ["US", "GB", "DE", "FR", "IN", "BR", "JP", "CA"];

    /// <summary>User age buckets.</summary>
    public static IReadOnlyList<string> AgeBuckets { get; } = ["18-24", "25-34", "35-44", "45-54", "55+"];

    /// <summary>Request devices.</summary>
    public static IReadOnlyList<string> Devices { get; } = ["mobile", "desktop", "tablet"];

    /// <summary>Product categories of ads (and topics of sites).</summary>
    public static IReadOnlyList<string> Categories { get; } =
        ["electronics", "fashion", "travel", "finance", "gaming", "food", "autos", "home", "health", "education", "sports", "beauty"];

    /// <summary>Creative formats.</summary>
    public static IReadOnlyList<string> Formats { get; } = ["image", "video", "text"];

    private const int SecondsPerDay = 86_400;
    private const int SimulatedRequestIdBase = 100_000_000;

    private readonly int _categoryCount = Categories.Count;
    private readonly int _candidateSeed;
    private readonly AdUser[] _users;
    private readonly Advertiser[] _advertisers;
    private readonly AdCampaign[] _campaigns;
    private readonly Ad[] _ads;
    private readonly AdSite[] _sites;
    private readonly AdRequest[] _requests;
    private readonly AdImpression[] _impressions;

    // Targeting index: combination (country, age, device) → eligible ads; per (combination, day) the live subset
    // with cumulative popularity weights, built on first use.
    private readonly int[][] _eligibleAds;
    private readonly LiveIndex?[] _liveIndex;

    /// <summary>
    /// Generates the world. Same <paramref name="seed"/> and options → identical tables (and identical
    /// <see cref="WriteCsv"/> bytes). Takes a few hundred milliseconds with the defaults.
    /// </summary>
    /// <param name="seed">Seed of every random draw.</param>
    /// <param name="options">Sizes and drift; null for the defaults.</param>
    public static AdClickWorld Generate(int seed = 42, AdClickWorldOptions? options = null)
    {
        options ??= new AdClickWorldOptions();
        options.Validate();
        return new AdClickWorld(seed, options);
    }

    /// <summary>The seed the world was generated from.</summary>
    public int Seed { get; }

    /// <summary>The options the world was generated with.</summary>
    public AdClickWorldOptions Options { get; }

    /// <summary>Days of logged traffic.</summary>
    public int Days => Options.Days;

    /// <summary>Days the world is defined for (logged days + future days for simulations); valid day indices are 0..TotalDays−1.</summary>
    public int TotalDays => Options.Days + Options.FutureDays;

    /// <summary>Users, indexed by id.</summary>
    public IReadOnlyList<AdUser> Users { get; }

    /// <summary>Advertisers, indexed by id.</summary>
    public IReadOnlyList<Advertiser> Advertisers { get; }

    /// <summary>Campaigns, indexed by id.</summary>
    public IReadOnlyList<AdCampaign> Campaigns { get; }

    /// <summary>Ads, indexed by id.</summary>
    public IReadOnlyList<Ad> Ads { get; }

    /// <summary>Publisher sites, indexed by id.</summary>
    public IReadOnlyList<AdSite> Sites { get; }

    /// <summary>Logged requests in time order, indexed by id.</summary>
    public IReadOnlyList<AdRequest> Requests { get; }

    /// <summary>Logged impressions in time order (slot order within a request), indexed by id.</summary>
    public IReadOnlyList<AdImpression> Impressions { get; }

    /// <summary>The hidden click model the log was drawn from: for oracles and for checking what a model learned, never as a feature.</summary>
    public GroundTruth Truth { get; }

    /// <summary>
    /// Binary labels "clicked within <paramref name="withinSeconds"/> seconds" for a list of impressions
    /// (1 = click arrived in time). Clicks arriving later count as negatives — the label-delay trade-off.
    /// </summary>
    public static int[] ClickLabels(IReadOnlyList<AdImpression> impressions, double withinSeconds = double.PositiveInfinity)
    {
        ArgumentNullException.ThrowIfNull(impressions);
        if (!(withinSeconds >= 0)) throw new ArgumentOutOfRangeException(nameof(withinSeconds), withinSeconds, "withinSeconds must be non-negative.");
        var labels = new int[impressions.Count];
        for (int i = 0; i < labels.Length; i++) labels[i] = impressions[i].ClickedWithin(withinSeconds) ? 1 : 0;
        return labels;
    }

    /// <summary>
    /// The probability that the ad in slot <paramref name="position"/> is looked at: <c>position^−0.7</c>
    /// (1, 0.62, 0.46, 0.38, …). Clicks are only possible on examined ads, so this is the multiplicative
    /// position bias of the position-based click model.
    /// </summary>
    public static double ExaminationProbability(int position)
    {
        WorldChecks.Position(position);
        return Math.Pow(position, -PositionDecay);
    }

    /// <summary>
    /// All ads a request could show on <paramref name="day"/> under campaign targeting: the campaign targets the
    /// user's country, age bucket and device, and the ad is live that day. This is candidate generation by
    /// targeting, before any model is involved.
    /// </summary>
    public IReadOnlyList<Ad> EligibleAds(string country, string ageBucket, string device, int day)
    {
        CheckDay(day);
        var live = Live(Combo(CountryIndex(country), AgeIndex(ageBucket), DeviceIndex(device)), day);
        var result = new Ad[live.Ads.Length];
        for (int i = 0; i < result.Length; i++) result[i] = _ads[live.Ads[i]];
        return result;
    }

    /// <summary>
    /// The candidate set the ad server retrieves for <paramref name="request"/>: up to
    /// <paramref name="count"/> (default <see cref="AdClickWorldOptions.CandidatesPerRequest"/>) distinct
    /// eligible ads (see <see cref="EligibleAds"/>), sampled in proportion to their Zipf popularity (budget).
    /// Deterministic per request id, so the logging policy, a notebook and the simulator all see the same set.
    /// </summary>
    public Ad[] Candidates(AdRequest request, int? count = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        int k = count ?? Options.CandidatesPerRequest;
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(count), k, "count must be at least 1.");
        CheckDay(request.Day);
        var live = Live(Combo(CountryIndex(request.Country), AgeIndex(request.AgeBucket), DeviceIndex(request.Device)), request.Day);
        var ads = live.Ads;
        var cdf = live.Cdf;
        if (k >= ads.Length)
        {
            var all = new Ad[ads.Length];
            for (int i = 0; i < all.Length; i++) all[i] = _ads[ads[i]];
            return all;
        }
        Span<int> chosen = k <= 256 ? stackalloc int[k] : new int[k];
        int found = 0;
        var rng = new SplitMix64(_candidateSeed, request.RequestId);
        double total = cdf[^1];
        // Popularity-weighted sampling without replacement (redraw duplicates); after many duplicates, fall
        // back to the eligible list's order so a tiny eligible set cannot loop for long.
        for (int attempt = 0; attempt < 20 * k && found < k; attempt++)
        {
            int a = ads[Math.Min(SortedSearch.UpperBound<double>(cdf, rng.Uniform() * total), cdf.Length - 1)];
            if (!chosen[..found].Contains(a)) chosen[found++] = a;
        }
        for (int i = 0; i < ads.Length && found < k; i++)
            if (!chosen[..found].Contains(ads[i])) chosen[found++] = ads[i];
        var result = new Ad[found];
        for (int i = 0; i < found; i++) result[i] = _ads[chosen[i]];
        return result;
    }

    /// <summary>
    /// Fresh requests for <paramref name="day"/> (any day in 0..TotalDays−1), drawn like the logged traffic
    /// (Zipf user activity, diurnal hours, preferred device 75 % of the time, Zipf site traffic), in time order.
    /// Ids start at 100,000,000 + day × 1,000,000 so they never collide with logged requests.
    /// </summary>
    public AdRequest[] GenerateRequests(int day, int count, int seed)
    {
        CheckDay(day);
        if (count is < 1 or > 1_000_000) throw new ArgumentOutOfRangeException(nameof(count), count, "count must be between 1 and 1,000,000.");
        var rng = new Sampler(SplitMix64.Seed(SplitMix64.Seed(Seed, seed), day));
        return DrawRequests(day, count, rng, SimulatedRequestIdBase + day * 1_000_000);
    }

    /// <summary>Headline numbers of the world.</summary>
    public override string ToString()
    {
        int clicks = 0, hides = 0, conversions = 0, newAds = 0;
        foreach (var imp in _impressions)
        {
            if (imp.Clicked) clicks++;
            if (imp.Hidden) hides++;
            if (imp.Converted) conversions++;
        }
        foreach (var ad in _ads) if (ad.CreationDay >= 0 && ad.CreationDay < Days) newAds++;
        int n = Math.Max(1, _impressions.Length);
        return string.Create(CultureInfo.InvariantCulture,
            $"AdClickWorld (seed {Seed}): {_users.Length:N0} users, {_advertisers.Length:N0} advertisers, {_campaigns.Length:N0} campaigns, " +
            $"{_ads.Length:N0} ads ({newAds:N0} launched during the log), {_sites.Length:N0} sites; {Days} days, " +
            $"{_requests.Length:N0} requests, {_impressions.Length:N0} impressions, CTR {(double)clicks / n:P2}, " +
            $"hide rate {(double)hides / n:P2}, {conversions:N0} conversions");
    }

    private sealed record LiveIndex(int[] Ads, double[] Cdf);

    /// <summary>The live eligible ads of a targeting combination on a day, with cumulative popularity (cached; thread-safe).</summary>
    private LiveIndex Live(int combo, int day)
    {
        ref var slot = ref _liveIndex[combo * TotalDays + day];
        if (Volatile.Read(ref slot) is { } cached) return cached;
        var eligible = _eligibleAds[combo];
        var ads = new List<int>(eligible.Length);
        foreach (int a in eligible) if (_adTraits.Creation[a] <= day && day < _adTraits.End[a]) ads.Add(a);
        var cdf = new double[ads.Count];
        double total = 0;
        for (int i = 0; i < cdf.Length; i++) cdf[i] = total += _adTraits.Popularity[ads[i]];
        var built = new LiveIndex([.. ads], cdf);
        Interlocked.CompareExchange(ref slot, built, null);
        return slot!;
    }

    private static int Combo(int country, int age, int device) => (country * AgeBuckets.Count + age) * Devices.Count + device;

    private static int IndexOf(IReadOnlyList<string> names, string value, string argument)
    {
        for (int i = 0; i < names.Count; i++) if (names[i] == value) return i;
        throw new ArgumentException($"{argument} must be one of {string.Join(", ", names)} (got '{value}').", argument);
    }

    private static int CountryIndex(string country) => country switch
    {
        "US" => 0,
        "GB" => 1,
        "DE" => 2,
        "FR" => 3,
        "IN" => 4,
        "BR" => 5,
        "JP" => 6,
        "CA" => 7,
        _ => IndexOf(Countries, country, "country"),
    };

    private static int AgeIndex(string ageBucket) => ageBucket switch
    {
        "18-24" => 0,
        "25-34" => 1,
        "35-44" => 2,
        "45-54" => 3,
        "55+" => 4,
        _ => IndexOf(AgeBuckets, ageBucket, "ageBucket"),
    };

    private static int DeviceIndex(string device) => device switch
    {
        "mobile" => 0,
        "desktop" => 1,
        "tablet" => 2,
        _ => IndexOf(Devices, device, "device"),
    };

    private void CheckIds(int userId, int adId, int siteId)
    {
        WorldChecks.Id(userId, _users.Length, nameof(userId));
        WorldChecks.Id(adId, _ads.Length, nameof(adId));
        WorldChecks.Id(siteId, _sites.Length, nameof(siteId));
    }

    private void CheckDay(int day) => WorldChecks.Day(day, TotalDays);
}
