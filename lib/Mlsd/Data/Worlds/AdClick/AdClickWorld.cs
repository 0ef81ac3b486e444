using System.Runtime.CompilerServices;
using System.Diagnostics;
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
/// <para><b>Ground-truth click model.</b> An ad shown in slot <c>k</c> is examined with probability
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
/// Timestamps are seconds since the start of day 0.</para>
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
    private const double BaseLogit = -3.3;
    private const double InterestWeight = 0.8;
    private const double TopicMatchBonus = 0.35;
    private const double MaxFatigue = 1.2;
    private const double TasteShiftPerDay = 0.05;
    private const double PositionDecay = 0.7;
    private const double HideBaseLogit = -4.6;
    private const double ConversionBaseLogit = -2.5;
    private const double LateClickShare = 0.08;

    private static readonly double[] ExaminationTable = [.. Enumerable.Range(0, 11).Select(p => p == 0 ? 0 : Math.Pow(p, -PositionDecay))];

    private static readonly double[] CountryWeights = [0.30, 0.10, 0.10, 0.08, 0.16, 0.12, 0.08, 0.06];
    private static readonly double[] AgeWeights = [0.18, 0.28, 0.24, 0.17, 0.13];
    private static readonly double[] DevicePreferenceWeights = [0.6, 0.3, 0.1];
    private static readonly double[] FormatWeights = [0.55, 0.25, 0.20];
    private static readonly double[] HourWeights =
        [0.9, 0.6, 0.4, 0.3, 0.3, 0.4, 0.8, 1.4, 1.8, 1.9, 1.9, 2.0, 2.2, 2.0, 1.9, 1.9, 2.0, 2.2, 2.6, 3.0, 3.2, 3.0, 2.3, 1.5];

    // device × hour band (night 0–5, morning 6–11, afternoon 12–17, evening 18–23): phones in the evening
    // and at night, desktops in office hours.
    private static readonly double[,] DeviceHourEffect =
    {
        { 0.25, -0.10, -0.15, 0.30 },
        { -0.30, 0.20, 0.25, -0.20 },
        { 0.00, -0.20, 0.00, 0.35 },
    };

    // format × device: video works on phones and tablets, text on desktops.
    private static readonly double[,] FormatDeviceEffect =
    {
        { 0.00, 0.00, 0.00 },
        { 0.25, -0.10, 0.15 },
        { -0.20, 0.10, -0.10 },
    };

    private readonly int _seed;
    private readonly int _candidateSeed;
    private readonly int _categoryCount = Categories.Count;

    // users
    private readonly int[] _userCountry, _userAge, _userDevice;
    private readonly double[] _userBias, _interestBase, _interestTarget;
    private readonly ZipfDistribution _userActivity;
    private readonly int[] _userByActivityRank;

    // ads and their owners
    private readonly int[] _adCategory, _adFormat, _adAdvertiser, _adCreation, _adEnd;
    private readonly double[] _adQuality, _adFatigue, _adLogBid;
    private readonly double[] _advertiserEffect, _advertiserConversion;
    private readonly double[] _categoryDevice, _trendAmplitude, _trendFrequency, _trendPhase, _trendTable;

    // sites
    private readonly int[] _siteTopic;
    private readonly double[] _siteEffect;
    private readonly ZipfDistribution _siteTraffic;
    private readonly int[] _siteByTrafficRank;

    // targeting index: combination (country, age, device) → eligible ads; per (combination, day) the live
    // subset with cumulative popularity weights, built on first use.
    private readonly int[][] _eligibleAds;
    private readonly double[] _popularity;
    private readonly LiveIndex?[] _liveIndex;

    private readonly AdUser[] _users;
    private readonly Advertiser[] _advertisers;
    private readonly AdCampaign[] _campaigns;
    private readonly Ad[] _ads;
    private readonly AdSite[] _sites;
    private readonly AdRequest[] _requests;
    private readonly AdImpression[] _impressions;

    private AdClickWorld(int seed, AdClickWorldOptions options)
    {
        var clock = Stopwatch.StartNew();
        _seed = seed;
        Options = options;
        int C = _categoryCount;
        var root = new Sampler(seed);
        var worldRng = root.Fork();
        var userRng = root.Fork();
        var adRng = root.Fork();
        var siteRng = root.Fork();
        var logRng = root.Fork();
        _candidateSeed = root.Fork().Next(int.MaxValue);

        // Category-level structure: which ages / countries like what, device affinities, slow trends.
        var ageCategory = new double[AgeBuckets.Count * C];
        for (int i = 0; i < ageCategory.Length; i++) ageCategory[i] = worldRng.Normal(0, 0.35);
        var countryCategory = new double[Countries.Count * C];
        for (int i = 0; i < countryCategory.Length; i++) countryCategory[i] = worldRng.Normal(0, 0.3);
        _categoryDevice = new double[C * Devices.Count];
        for (int i = 0; i < _categoryDevice.Length; i++) _categoryDevice[i] = worldRng.Normal(0, 0.2);
        // Category seasonality: each category's appeal swings with its own period (20–40 days), bounded so
        // the world changes without running away; zero on day 0.
        _trendAmplitude = new double[C];
        _trendFrequency = new double[C];
        _trendPhase = new double[C];
        for (int c = 0; c < C; c++)
        {
            _trendAmplitude[c] = worldRng.Uniform(0.2, 0.6) * options.Drift;
            _trendFrequency[c] = 2 * Math.PI / worldRng.Uniform(20, 40);
            _trendPhase[c] = worldRng.Uniform(0, 2 * Math.PI);
        }
        _trendTable = new double[TotalDays * C];
        for (int d = 0; d < TotalDays; d++)
            for (int c = 0; c < C; c++)
                _trendTable[d * C + c] = _trendAmplitude[c] * (Math.Sin(_trendFrequency[c] * d + _trendPhase[c]) - Math.Sin(_trendPhase[c]));
        var categoryBid = new double[C];
        for (int c = 0; c < C; c++) categoryBid[c] = 0.8 * Math.Exp(worldRng.Normal(0, 0.4));

        // Users.
        int nUsers = options.Users;
        _userCountry = new int[nUsers];
        _userAge = new int[nUsers];
        _userDevice = new int[nUsers];
        _userBias = new double[nUsers];
        _interestBase = new double[nUsers * C];
        _interestTarget = new double[nUsers * C];
        _users = new AdUser[nUsers];
        for (int u = 0; u < nUsers; u++)
        {
            int country = userRng.Categorical(CountryWeights), age = userRng.Categorical(AgeWeights);
            int device = userRng.Categorical(DevicePreferenceWeights);
            _userCountry[u] = country;
            _userAge[u] = age;
            _userDevice[u] = device;
            _userBias[u] = userRng.Normal(0, 0.4);
            // Today's tastes, and the tastes the user drifts towards (one favourite kept, one replaced).
            int favourite1 = userRng.Next(C), favourite2 = userRng.Next(C), newFavourite = userRng.Next(C);
            for (int c = 0; c < C; c++)
            {
                double profile = ageCategory[age * C + c] + countryCategory[country * C + c];
                double now = profile + userRng.Normal(0, 0.5) + (c == favourite1 || c == favourite2 ? 0.8 : 0);
                double later = profile + userRng.Normal(0, 0.5) + (c == favourite1 || c == newFavourite ? 0.8 : 0);
                _interestBase[u * C + c] = now - 0.15;
                _interestTarget[u * C + c] = later - 0.15;
            }
            _users[u] = new AdUser(u, Countries[country], AgeBuckets[age], Devices[device]);
        }
        _userActivity = new ZipfDistribution(nUsers, 0.6);
        _userByActivityRank = Permutation(nUsers, userRng);

        // Sites.
        int nSites = options.Sites;
        _siteTopic = new int[nSites];
        _siteEffect = new double[nSites];
        _sites = new AdSite[nSites];
        for (int s = 0; s < nSites; s++)
        {
            _siteTopic[s] = siteRng.Next(C);
            _siteEffect[s] = siteRng.Normal(0, 0.2);
            _sites[s] = new AdSite(s, $"site-{s:D3}", Categories[_siteTopic[s]]);
        }
        _siteTraffic = new ZipfDistribution(nSites, 1.0);
        _siteByTrafficRank = Permutation(nSites, siteRng);

        // Advertisers → campaigns → ads.
        int nAdvertisers = options.Advertisers, totalDays = TotalDays;
        _advertisers = new Advertiser[nAdvertisers];
        _advertiserEffect = new double[nAdvertisers];
        _advertiserConversion = new double[nAdvertisers];
        var campaigns = new List<AdCampaign>();
        var campaignMasks = new List<(int Countries, int Ages, int Devices)>();
        var ads = new List<Ad>();
        var quality = new List<double>();
        var fatigue = new List<double>();
        var formats = new List<int>();
        var categories = new List<int>();
        for (int v = 0; v < nAdvertisers; v++)
        {
            int category = adRng.Next(C), home = adRng.Categorical(CountryWeights);
            _advertisers[v] = new Advertiser(v, $"adv-{v:D4}", Categories[category], Countries[home]);
            _advertiserEffect[v] = adRng.Normal(0, 0.25);
            _advertiserConversion[v] = adRng.Normal(0, 0.5);
            int nCampaigns = Math.Min(5, 1 + adRng.Poisson(2));
            for (int k = 0; k < nCampaigns; k++)
            {
                int campaignId = campaigns.Count;
                int campaignCategory = adRng.Bernoulli(0.9) ? category : adRng.Next(C);
                int countryMask = AllBits(Countries.Count), ageMask = AllBits(AgeBuckets.Count), deviceMask = AllBits(Devices.Count);
                if (adRng.Bernoulli(0.5))
                {
                    countryMask = 1 << home;
                    int extra = adRng.Next(3);
                    for (int e = 0; e < extra; e++) countryMask |= 1 << adRng.Next(Countries.Count);
                }
                if (adRng.Bernoulli(0.45))
                {
                    int length = adRng.Next(1, 4), start = adRng.Next(AgeBuckets.Count - length + 1);
                    ageMask = ((1 << length) - 1) << start;
                }
                double deviceDraw = adRng.Uniform();
                if (deviceDraw < 0.2) deviceMask = 1 << 0;
                else if (deviceDraw < 0.3) deviceMask = (1 << 1) | (1 << 2);
                int startDay, endDay;
                if (adRng.Bernoulli(0.6))
                {
                    startDay = -adRng.Next(1, 31);
                    endDay = adRng.Next(1, totalDays + 30);
                }
                else
                {
                    startDay = adRng.Next(0, totalDays);
                    endDay = startDay + adRng.Next(7, 61);
                }
                double campaignBid = categoryBid[campaignCategory] * Math.Exp(adRng.Normal(0, 0.3));
                campaigns.Add(new AdCampaign(campaignId, v, Categories[campaignCategory], MaskToText(countryMask, Countries),
                    MaskToText(ageMask, AgeBuckets), MaskToText(deviceMask, Devices), startDay, endDay));
                campaignMasks.Add((countryMask, ageMask, deviceMask));
                int adsInCampaign = Math.Min(8, 1 + adRng.Poisson(3));
                for (int a = 0; a < adsInCampaign; a++)
                {
                    int creation = a == 0 ? startDay : startDay + adRng.Next(0, Math.Min(11, endDay - startDay));
                    int format = adRng.Categorical(FormatWeights);
                    double bid = Math.Max(0.05, Math.Round(campaignBid * Math.Exp(adRng.Normal(0, 0.1)), 2));
                    ads.Add(new Ad(ads.Count, campaignId, v, Categories[campaignCategory], Formats[format], bid, creation, endDay));
                    quality.Add(adRng.Normal(0, 0.6));
                    fatigue.Add(adRng.Bernoulli(0.5) ? adRng.Uniform(0.04, 0.12) * options.Drift : 0);
                    formats.Add(format);
                    categories.Add(campaignCategory);
                }
            }
        }
        _campaigns = [.. campaigns];
        _ads = [.. ads];
        int nAds = _ads.Length;
        _adCategory = [.. categories];
        _adFormat = [.. formats];
        _adQuality = [.. quality];
        _adFatigue = [.. fatigue];
        _adAdvertiser = new int[nAds];
        _adCreation = new int[nAds];
        _adEnd = new int[nAds];
        _adLogBid = new double[nAds];
        for (int a = 0; a < nAds; a++)
        {
            _adAdvertiser[a] = _ads[a].AdvertiserId;
            _adCreation[a] = _ads[a].CreationDay;
            _adEnd[a] = _ads[a].EndDay;
            _adLogBid[a] = Math.Log(_ads[a].BidCpc);
        }

        // Popularity (how much budget/traffic an ad wins) is Zipf over a random order of ads.
        var popularity = new ZipfDistribution(nAds, 0.8);
        var adRank = Permutation(nAds, adRng);
        _popularity = new double[nAds];
        for (int r = 0; r < nAds; r++) _popularity[adRank[r]] = popularity.Probability(r);

        // Targeting index.
        int combos = Countries.Count * AgeBuckets.Count * Devices.Count;
        _eligibleAds = new int[combos][];
        _liveIndex = new LiveIndex?[combos * TotalDays];
        var buffer = new List<int>();
        for (int combo = 0; combo < combos; combo++)
        {
            int device = combo % Devices.Count, age = combo / Devices.Count % AgeBuckets.Count;
            int country = combo / (Devices.Count * AgeBuckets.Count);
            buffer.Clear();
            for (int a = 0; a < nAds; a++)
            {
                var m = campaignMasks[_ads[a].CampaignId];
                if ((m.Countries >> country & 1) != 0 && (m.Ages >> age & 1) != 0 && (m.Devices >> device & 1) != 0) buffer.Add(a);
            }
            _eligibleAds[combo] = buffer.ToArray();
        }

        // The logged traffic.
        var requests = new List<AdRequest>(options.Days * options.RequestsPerDay);
        var impressions = new List<AdImpression>(options.Days * options.RequestsPerDay * options.SlotsPerRequest);
        var scores = new double[options.CandidatesPerRequest];
        var order = new int[options.CandidatesPerRequest];
        for (int day = 0; day < options.Days; day++)
        {
            foreach (var request in GenerateRequests(day, options.RequestsPerDay, logRng, requests.Count))
            {
                requests.Add(request);
                var candidates = Candidates(request);
                // Logging policy: rank by bid with log-normal noise — a bid-only auction with exploration.
                for (int i = 0; i < candidates.Length; i++)
                {
                    scores[i] = _adLogBid[candidates[i].AdId] + logRng.Normal(0, 0.8);
                    order[i] = i;
                }
                SortByScoreDescending(order, scores, candidates.Length);
                int shown = Math.Min(options.SlotsPerRequest, candidates.Length);
                int deviceIndex = DeviceIndex(request.Device);
                for (int k = 0; k < shown; k++)
                {
                    var ad = candidates[order[k]];
                    int position = k + 1;
                    double pClick = ClickProbability(request.UserId, ad.AdId, deviceIndex, request.Hour, request.SiteId, position, day);
                    double pHide = HideProbability(request.UserId, ad.AdId, position, day);
                    double pConvert = ConversionProbability(request.UserId, ad.AdId, day);
                    bool clicked = logRng.Uniform() < pClick;
                    double? clickDelay = clicked ? ClickDelay(logRng.Uniform(), logRng.Normal()) : null;
                    bool hidden = !clicked && logRng.Uniform() < pHide;
                    bool converted = clicked && logRng.Uniform() < pConvert;
                    double? conversionDelay = converted ? Math.Round(logRng.Exponential(1.0 / 14_400), 3) : null;
                    impressions.Add(new AdImpression(impressions.Count, request.RequestId, day, request.Timestamp, request.Hour,
                        request.UserId, request.Device, request.SiteId, ad.AdId, position, clicked, clickDelay, hidden,
                        converted, conversionDelay));
                }
            }
        }
        _requests = [.. requests];
        _impressions = [.. impressions];
        GenerationTime = clock.Elapsed;
    }

    /// <summary>
    /// Generates the world. Same <paramref name="seed"/> and options → identical tables (and identical
    /// <see cref="WriteCsv"/> bytes). Takes a few hundred milliseconds with the defaults.
    /// </summary>
    /// <param name="seed">Seed of every random draw.</param>
    /// <param name="options">Sizes and drift; null for the defaults.</param>
    public static AdClickWorld Generate(int seed = 42, AdClickWorldOptions? options = null)
    {
        options ??= new AdClickWorldOptions();
        Require(options.Users >= 10, options.Users, "options.Users", "at least 10");
        Require(options.Advertisers >= 1, options.Advertisers, "options.Advertisers", "at least 1");
        Require(options.Sites >= 1, options.Sites, "options.Sites", "at least 1");
        Require(options.Days >= 1 && options.Days <= 365, options.Days, "options.Days", "between 1 and 365");
        Require(options.ExtraDays >= 0 && options.ExtraDays <= 365, options.ExtraDays, "options.ExtraDays", "between 0 and 365");
        Require(options.RequestsPerDay >= 1 && options.RequestsPerDay <= 200_000, options.RequestsPerDay, "options.RequestsPerDay", "between 1 and 200,000");
        Require(options.SlotsPerRequest >= 1 && options.SlotsPerRequest <= 10, options.SlotsPerRequest, "options.SlotsPerRequest", "between 1 and 10");
        Require(options.CandidatesPerRequest >= options.SlotsPerRequest && options.CandidatesPerRequest <= 500,
            options.CandidatesPerRequest, "options.CandidatesPerRequest", "between SlotsPerRequest and 500");
        Require(options.Drift >= 0 && options.Drift <= 10, options.Drift, "options.Drift", "between 0 and 10");
        return new AdClickWorld(seed, options);
    }

    /// <summary>The seed the world was generated from.</summary>
    public int Seed => _seed;

    /// <summary>The options the world was generated with.</summary>
    public AdClickWorldOptions Options { get; }

    /// <summary>Days of logged traffic.</summary>
    public int Days => Options.Days;

    /// <summary>Days the world is defined for (logged days + extra simulation days); valid day indices are 0..TotalDays−1.</summary>
    public int TotalDays => Options.Days + Options.ExtraDays;

    /// <summary>Wall-clock time the generation took (for display only: it varies run to run).</summary>
    public TimeSpan GenerationTime { get; }

    /// <summary>Users, indexed by id.</summary>
    public IReadOnlyList<AdUser> Users => _users;

    /// <summary>Advertisers, indexed by id.</summary>
    public IReadOnlyList<Advertiser> Advertisers => _advertisers;

    /// <summary>Campaigns, indexed by id.</summary>
    public IReadOnlyList<AdCampaign> Campaigns => _campaigns;

    /// <summary>Ads, indexed by id.</summary>
    public IReadOnlyList<Ad> Ads => _ads;

    /// <summary>Publisher sites, indexed by id.</summary>
    public IReadOnlyList<AdSite> Sites => _sites;

    /// <summary>Logged requests in time order, indexed by id.</summary>
    public IReadOnlyList<AdRequest> Requests => _requests;

    /// <summary>Logged impressions in time order (slot order within a request), indexed by id.</summary>
    public IReadOnlyList<AdImpression> Impressions => _impressions;

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
        if (position < 1) throw new ArgumentOutOfRangeException(nameof(position), position, "position must be 1 or more (slot 1 = top).");
        return Math.Pow(position, -PositionDecay);
    }

    /// <summary>The ground-truth probability that this logged (or simulated) impression is clicked.</summary>
    public double TrueClickProbability(AdImpression impression)
    {
        ArgumentNullException.ThrowIfNull(impression);
        CheckIds(impression.UserId, impression.AdId, impression.SiteId);
        return ClickProbability(impression.UserId, impression.AdId, DeviceIndex(impression.Device), impression.Hour,
            impression.SiteId, impression.Position, impression.Day);
    }

    /// <summary>
    /// The ground-truth probability that <paramref name="ad"/>, shown in slot <paramref name="position"/> for
    /// <paramref name="request"/>, is clicked.
    /// </summary>
    /// <param name="request">Who, where, when.</param>
    /// <param name="ad">Which ad.</param>
    /// <param name="position">Slot (1 = top).</param>
    /// <param name="asOfDay">Evaluate the drifting parts (tastes, trends, fatigue) as of this day instead of
    /// the request's day — e.g. an oracle frozen on day 7, to measure how fast the world moves.</param>
    public double TrueClickProbability(AdRequest request, Ad ad, int position = 1, int? asOfDay = null)
    {
        ArgumentNullException.ThrowIfNull(ad);
        return TrueClickProbability(request, ad.AdId, position, asOfDay);
    }

    /// <summary>As <see cref="TrueClickProbability(AdRequest, Ad, int, int?)"/>, with the ad given by id.</summary>
    public double TrueClickProbability(AdRequest request, int adId, int position = 1, int? asOfDay = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        CheckIds(request.UserId, adId, request.SiteId);
        if (position < 1) throw new ArgumentOutOfRangeException(nameof(position), position, "position must be 1 or more (slot 1 = top).");
        if (request.Hour is < 0 or > 23) throw new ArgumentOutOfRangeException(nameof(request), request.Hour, "request.Hour must be 0–23.");
        return ClickProbability(request.UserId, adId, DeviceIndex(request.Device), request.Hour, request.SiteId, position,
            asOfDay ?? request.Day);
    }

    /// <summary>
    /// Ground-truth probability that the user hides the ad in <paramref name="position"/> if they do not click
    /// it (negative feedback: low interest, low quality and fatigued ads get hidden more).
    /// </summary>
    public double TrueHideProbability(AdRequest request, Ad ad, int position = 1)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(ad);
        CheckIds(request.UserId, ad.AdId, request.SiteId);
        if (position < 1) throw new ArgumentOutOfRangeException(nameof(position), position, "position must be 1 or more (slot 1 = top).");
        return HideProbability(request.UserId, ad.AdId, position, request.Day);
    }

    /// <summary>Ground-truth probability that a click on <paramref name="ad"/> by <paramref name="userId"/> on <paramref name="day"/> converts.</summary>
    public double TrueConversionProbability(int userId, Ad ad, int day)
    {
        ArgumentNullException.ThrowIfNull(ad);
        CheckIds(userId, ad.AdId, 0);
        return ConversionProbability(userId, ad.AdId, day);
    }

    /// <summary>
    /// The user's latent interest in each of <see cref="Categories"/> on <paramref name="day"/> (log-odds
    /// contributions before the 0.9 weight). Hidden from the tables: a model must infer it from behaviour.
    /// </summary>
    public double[] TrueInterests(int userId, int day)
    {
        CheckIds(userId, 0, 0);
        var result = new double[_categoryCount];
        for (int c = 0; c < result.Length; c++) result[c] = Interest(userId, c, day);
        return result;
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
        var rng = new RequestStream(_candidateSeed, request.RequestId);
        double total = cdf[^1];
        // Popularity-weighted sampling without replacement (redraw duplicates); after many duplicates, fall
        // back to the eligible list's order so a tiny eligible set cannot loop for long.
        for (int attempt = 0; attempt < 20 * k && found < k; attempt++)
        {
            int a = ads[UpperBound(cdf, rng.Uniform() * total)];
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
    public AdRequest[] GenerateRequests(int day, int count, int seed = 1)
    {
        CheckDay(day);
        if (count is < 1 or > 1_000_000) throw new ArgumentOutOfRangeException(nameof(count), count, "count must be between 1 and 1,000,000.");
        var rng = new Sampler(MixSeed(MixSeed(_seed, seed), day));
        return GenerateRequests(day, count, rng, SimulatedRequestIdBase + day * 1_000_000);
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
            $"AdClickWorld (seed {_seed}): {_users.Length:N0} users, {_advertisers.Length:N0} advertisers, {_campaigns.Length:N0} campaigns, " +
            $"{_ads.Length:N0} ads ({newAds:N0} launched during the log), {_sites.Length:N0} sites; {Days} days, " +
            $"{_requests.Length:N0} requests, {_impressions.Length:N0} impressions, CTR {(double)clicks / n:P2}, " +
            $"hide rate {(double)hides / n:P2}, {conversions:N0} conversions");
    }

    // ---- ground truth -------------------------------------------------------------------------------

    private double Interest(int user, int category, int day)
    {
        int i = user * _categoryCount + category;
        double progress = Math.Clamp(day * TasteShiftPerDay * Options.Drift, 0, 1);
        return _interestBase[i] + progress * (_interestTarget[i] - _interestBase[i]);
    }

    private double CategoryTrend(int category, int day) =>
        (uint)day < (uint)TotalDays
            ? _trendTable[day * _categoryCount + category]
            : _trendAmplitude[category] * (Math.Sin(_trendFrequency[category] * day + _trendPhase[category]) - Math.Sin(_trendPhase[category]));

    private static double Examination(int position) =>
        position < ExaminationTable.Length ? ExaminationTable[position] : Math.Pow(position, -PositionDecay);

    private double Fatigue(int ad, int day) => Math.Min(MaxFatigue, _adFatigue[ad] * Math.Max(0, day - _adCreation[ad]));

    private double ClickProbability(int user, int ad, int device, int hour, int site, int position, int driftDay)
    {
        int c = _adCategory[ad];
        double z = BaseLogit + _userBias[user] + InterestWeight * Interest(user, c, driftDay)
            + _adQuality[ad] - Fatigue(ad, driftDay) + _advertiserEffect[_adAdvertiser[ad]]
            + DeviceHourEffect[device, hour / 6] + _categoryDevice[c * Devices.Count + device]
            + FormatDeviceEffect[_adFormat[ad], device]
            + (_siteTopic[site] == c ? TopicMatchBonus : 0) + _siteEffect[site]
            + CategoryTrend(c, driftDay);
        return Examination(position) * MathFunctions.Sigmoid(z);
    }

    private double HideProbability(int user, int ad, int position, int driftDay)
    {
        double z = HideBaseLogit - 0.8 * Interest(user, _adCategory[ad], driftDay) - 0.6 * _adQuality[ad] + 0.5 * Fatigue(ad, driftDay);
        return Examination(position) * MathFunctions.Sigmoid(z);
    }

    private double ConversionProbability(int user, int ad, int driftDay)
    {
        double z = ConversionBaseLogit + 0.5 * Interest(user, _adCategory[ad], driftDay) + _advertiserConversion[_adAdvertiser[ad]];
        return MathFunctions.Sigmoid(z);
    }

    /// <summary>
    /// Click delay from a uniform and a standard normal draw: most clicks come within seconds (log-normal,
    /// median 5 s); a minority — users returning to the tab — arrive minutes to hours later (median 15 min).
    /// </summary>
    private static double ClickDelay(double uniform, double normal)
    {
        double delay = uniform < LateClickShare ? Math.Exp(Math.Log(900) + 1.2 * normal) : Math.Exp(Math.Log(5) + 0.8 * normal);
        return Math.Round(Math.Max(0.2, delay), 3);
    }

    private sealed record LiveIndex(int[] Ads, double[] Cdf);

    /// <summary>The live eligible ads of a targeting combination on a day, with cumulative popularity (cached; thread-safe).</summary>
    private LiveIndex Live(int combo, int day)
    {
        ref var slot = ref _liveIndex[combo * TotalDays + day];
        if (Volatile.Read(ref slot) is { } cached) return cached;
        var eligible = _eligibleAds[combo];
        var ads = new List<int>(eligible.Length);
        foreach (int a in eligible) if (_adCreation[a] <= day && day < _adEnd[a]) ads.Add(a);
        var cdf = new double[ads.Count];
        double total = 0;
        for (int i = 0; i < cdf.Length; i++) cdf[i] = total += _popularity[ads[i]];
        var built = new LiveIndex([.. ads], cdf);
        Interlocked.CompareExchange(ref slot, built, null);
        return slot!;
    }

    /// <summary>
    /// A SplitMix64 stream keyed by (seed, request id). Candidates and simulated user draws must be a pure
    /// function of the request, so each request gets its own stream; a seeded <see cref="Sampler"/>
    /// (System.Random) costs microseconds to create, this costs nothing — which matters at 70,000 requests.
    /// </summary>
    private struct RequestStream(int seed, int requestId)
    {
        private ulong _state = (ulong)(uint)MixSeed(seed, requestId) << 32 ^ (uint)requestId;
        private double? _spare;

        public double Uniform()
        {
            _state += 0x9E3779B97F4A7C15UL;
            ulong z = _state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (z >> 11) * (1.0 / (1UL << 53));
        }

        public double Normal()
        {
            if (_spare is double spare)
            {
                _spare = null;
                return spare;
            }
            double u = 1 - Uniform(), v = Uniform();
            double r = Math.Sqrt(-2 * Math.Log(u));
            _spare = r * Math.Sin(2 * Math.PI * v);
            return r * Math.Cos(2 * Math.PI * v);
        }

        public double Exponential(double rate) => -Math.Log(1 - Uniform()) / rate;
    }

    // ---- traffic ------------------------------------------------------------------------------------

    private AdRequest[] GenerateRequests(int day, int count, Sampler rng, int firstId)
    {
        var timestamps = new long[count];
        var users = new int[count];
        var devices = new int[count];
        var sites = new int[count];
        for (int i = 0; i < count; i++)
        {
            int user = _userByActivityRank[_userActivity.Sample(rng)];
            int hour = rng.Categorical(HourWeights);
            timestamps[i] = (long)day * SecondsPerDay + hour * 3600 + rng.Next(3600);
            users[i] = user;
            devices[i] = rng.Bernoulli(0.75) ? _userDevice[user] : rng.Next(Devices.Count);
            sites[i] = _siteByTrafficRank[_siteTraffic.Sample(rng)];
        }
        var order = new int[count];
        for (int i = 0; i < count; i++) order[i] = i;
        Array.Sort(order, (x, y) => timestamps[x] != timestamps[y] ? timestamps[x].CompareTo(timestamps[y]) : x.CompareTo(y));
        var result = new AdRequest[count];
        for (int r = 0; r < count; r++)
        {
            int i = order[r], u = users[i];
            long ts = timestamps[i];
            result[r] = new AdRequest(firstId + r, day, ts, (int)(ts % SecondsPerDay / 3600), u, Countries[_userCountry[u]],
                AgeBuckets[_userAge[u]], Devices[devices[i]], sites[i]);
        }
        return result;
    }

    /// <summary>Sorts the first <paramref name="n"/> entries of <paramref name="order"/> by score, highest first, ties by index (insertion sort: n ≤ 500).</summary>
    private static void SortByScoreDescending(int[] order, IReadOnlyList<double> scores, int n)
    {
        for (int i = 1; i < n; i++)
        {
            int item = order[i];
            double s = scores[item];
            int j = i - 1;
            while (j >= 0 && (scores[order[j]] < s || (scores[order[j]] == s && order[j] > item)))
            {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = item;
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------

    /// <summary>First index whose cumulative weight exceeds <paramref name="u"/> (clamped to the last index).</summary>
    [MethodImpl(Jit.Hot)]   // binary search: a loop too short for on-stack replacement, called millions of times
    private static int UpperBound(double[] cdf, double u)
    {
        int lo = 0, hi = cdf.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            if (cdf[mid] > u) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }

    private static int[] Permutation(int n, Sampler rng)
    {
        var p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        rng.Shuffle(p);
        return p;
    }

    private static int AllBits(int n) => (1 << n) - 1;

    private static string MaskToText(int mask, IReadOnlyList<string> names)
    {
        if (mask == AllBits(names.Count)) return "*";
        var parts = new List<string>();
        for (int i = 0; i < names.Count; i++) if ((mask >> i & 1) != 0) parts.Add(names[i]);
        return string.Join('|', parts);
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
        if ((uint)userId >= (uint)_users.Length) throw new ArgumentOutOfRangeException(nameof(userId), userId, $"userId must be in 0..{_users.Length - 1}.");
        if ((uint)adId >= (uint)_ads.Length) throw new ArgumentOutOfRangeException(nameof(adId), adId, $"adId must be in 0..{_ads.Length - 1}.");
        if ((uint)siteId >= (uint)_sites.Length) throw new ArgumentOutOfRangeException(nameof(siteId), siteId, $"siteId must be in 0..{_sites.Length - 1}.");
    }

    private void CheckDay(int day)
    {
        if (day < 0 || day >= TotalDays) throw new ArgumentOutOfRangeException(nameof(day), day, $"day must be in 0..{TotalDays - 1} (Days + ExtraDays).");
    }

    private static void Require(bool condition, object value, string name, string expected)
    {
        if (!condition) throw new ArgumentOutOfRangeException(name, value, $"{name} must be {expected}.");
    }

    /// <summary>Derives a seed from two integers (SplitMix64 finaliser) so per-request streams are independent.</summary>
    internal static int MixSeed(int a, int b)
    {
        ulong z = (ulong)(uint)a * 0x9E3779B97F4A7C15UL ^ ((ulong)(uint)b + 0x632BE59BD9B4E019UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }
}
