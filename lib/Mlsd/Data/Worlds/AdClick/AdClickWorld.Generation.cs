namespace Mlsd.Data.Worlds;

// Generation: the private constructor runs one stage per method, in a fixed order, each stage with its own sampler
// forked from the seed — so drawing more users, say, leaves the ads and sites unchanged.
public sealed partial class AdClickWorld
{
    private static readonly double[] s_countryWeights = [0.30, 0.10, 0.10, 0.08, 0.16, 0.12, 0.08, 0.06];
    private static readonly double[] s_ageWeights = [0.18, 0.28, 0.24, 0.17, 0.13];
    private static readonly double[] s_devicePreferenceWeights = [0.6, 0.3, 0.1];
    private static readonly double[] s_formatWeights = [0.55, 0.25, 0.20];
    private static readonly double[] s_hourWeights =
        [0.9, 0.6, 0.4, 0.3, 0.3, 0.4, 0.8, 1.4, 1.8, 1.9, 1.9, 2.0, 2.2, 2.0, 1.9, 1.9, 2.0, 2.2, 2.6, 3.0, 3.2, 3.0, 2.3, 1.5];

    private AdClickWorld(int seed, AdClickWorldOptions options)
    {
        Seed = seed;
        Options = options;
        var root = new Sampler(seed);
        var worldRng = root.Fork();
        var userRng = root.Fork();
        var adRng = root.Fork();
        var siteRng = root.Fork();
        var logRng = root.Fork();
        _candidateSeed = root.Fork().Next(int.MaxValue);

        _categoryEffects = DrawCategoryEffects(worldRng, options);
        (_users, _userTraits) = DrawUsers(userRng, options, _categoryEffects);
        (_sites, _siteTraits) = DrawSites(siteRng, options.Sites);
        (_advertisers, _campaigns, _ads, _adTraits, var targeting) = DrawCatalogue(adRng, options, TotalDays, _categoryEffects);
        DrawPopularity(adRng, _adTraits.Popularity);
        _eligibleAds = BuildTargetingIndex(_ads, targeting);
        _liveIndex = new LiveIndex?[_eligibleAds.Length * TotalDays];
        (_requests, _impressions) = DrawLog(logRng);

        Users = Array.AsReadOnly(_users);
        Advertisers = Array.AsReadOnly(_advertisers);
        Campaigns = Array.AsReadOnly(_campaigns);
        Ads = Array.AsReadOnly(_ads);
        Sites = Array.AsReadOnly(_sites);
        Requests = Array.AsReadOnly(_requests);
        Impressions = Array.AsReadOnly(_impressions);
        Truth = new GroundTruth(this);
    }

    /// <summary>
    /// Stage 1: category-level structure — which ages and countries like what, device affinities, each category's
    /// seasonal swing (a period of 20–40 days, bounded, zero on day 0) and typical bid.
    /// </summary>
    private static CategoryEffects DrawCategoryEffects(Sampler rng, AdClickWorldOptions options)
    {
        int C = Categories.Count, totalDays = options.Days + options.FutureDays;
        var age = new double[AgeBuckets.Count * C];
        for (int i = 0; i < age.Length; i++) age[i] = rng.Normal(0, 0.35);
        var country = new double[Countries.Count * C];
        for (int i = 0; i < country.Length; i++) country[i] = rng.Normal(0, 0.3);
        var device = new double[C * Devices.Count];
        for (int i = 0; i < device.Length; i++) device[i] = rng.Normal(0, 0.2);
        var amplitude = new double[C];
        var frequency = new double[C];
        var phase = new double[C];
        for (int c = 0; c < C; c++)
        {
            amplitude[c] = rng.Uniform(0.2, 0.6) * options.Drift;
            frequency[c] = 2 * Math.PI / rng.Uniform(20, 40);
            phase[c] = rng.Uniform(0, 2 * Math.PI);
        }
        var trend = new double[totalDays * C];
        for (int d = 0; d < totalDays; d++)
            for (int c = 0; c < C; c++)
                trend[d * C + c] = amplitude[c] * (Math.Sin(frequency[c] * d + phase[c]) - Math.Sin(phase[c]));
        var bid = new double[C];
        for (int c = 0; c < C; c++) bid[c] = 0.8 * Math.Exp(rng.Normal(0, 0.4));
        return new CategoryEffects(age, country, device, amplitude, frequency, phase, trend, bid);
    }

    /// <summary>
    /// Stage 2: users — a profile (country, age, preferred device), a click propensity, today's tastes and the tastes
    /// they drift towards (one favourite kept, one replaced) — and Zipf activity over a random order of users.
    /// </summary>
    private static (AdUser[] Users, UserTraits Traits) DrawUsers(Sampler rng, AdClickWorldOptions options, CategoryEffects effects)
    {
        int n = options.Users, C = Categories.Count;
        var traits = new UserTraits(new int[n], new int[n], new int[n], new double[n], new double[n * C], new double[n * C],
            new ZipfDistribution(n, 0.6), []);
        var users = new AdUser[n];
        for (int u = 0; u < n; u++)
        {
            int country = rng.Categorical(s_countryWeights), age = rng.Categorical(s_ageWeights);
            int device = rng.Categorical(s_devicePreferenceWeights);
            traits.Country[u] = country;
            traits.Age[u] = age;
            traits.Device[u] = device;
            traits.Bias[u] = rng.Normal(0, 0.4);
            int favourite1 = rng.Next(C), favourite2 = rng.Next(C), newFavourite = rng.Next(C);
            for (int c = 0; c < C; c++)
            {
                double profile = effects.Age[age * C + c] + effects.Country[country * C + c];
                double now = profile + rng.Normal(0, 0.5) + (c == favourite1 || c == favourite2 ? 0.8 : 0);
                double later = profile + rng.Normal(0, 0.5) + (c == favourite1 || c == newFavourite ? 0.8 : 0);
                traits.InterestBase[u * C + c] = now - 0.15;
                traits.InterestTarget[u * C + c] = later - 0.15;
            }
            users[u] = new AdUser(u, Countries[country], AgeBuckets[age], Devices[device]);
        }
        return (users, traits with { ByActivityRank = rng.Permutation(n) });
    }

    /// <summary>Stage 3: publisher sites — a topic, an effect on clicks, and Zipf traffic over a random order of sites.</summary>
    private static (AdSite[] Sites, SiteTraits Traits) DrawSites(Sampler rng, int n)
    {
        var topic = new int[n];
        var effect = new double[n];
        var sites = new AdSite[n];
        for (int s = 0; s < n; s++)
        {
            topic[s] = rng.Next(Categories.Count);
            effect[s] = rng.Normal(0, 0.2);
            sites[s] = new AdSite(s, $"site-{s:D3}", Categories[topic[s]]);
        }
        return (sites, new SiteTraits(topic, effect, new ZipfDistribution(n, 1.0), rng.Permutation(n)));
    }

    /// <summary>A campaign's targeting as bit masks over <see cref="Countries"/>, <see cref="AgeBuckets"/> and <see cref="Devices"/>.</summary>
    private readonly record struct TargetingMasks(int Countries, int Ages, int Devices);

    /// <summary>
    /// Stage 4: advertisers → campaigns (targeting, flight dates, bid) → ads (format, bid, launch day, quality, and
    /// for half of them fatigue).
    /// </summary>
    private static (Advertiser[], AdCampaign[], Ad[], AdTraits, TargetingMasks[]) DrawCatalogue(Sampler rng,
        AdClickWorldOptions options, int totalDays, CategoryEffects effects)
    {
        int C = Categories.Count, nAdvertisers = options.Advertisers;
        var advertisers = new Advertiser[nAdvertisers];
        var advertiserEffect = new double[nAdvertisers];
        var advertiserConversion = new double[nAdvertisers];
        var campaigns = new List<AdCampaign>();
        var masks = new List<TargetingMasks>();
        var ads = new List<Ad>();
        var quality = new List<double>();
        var fatigue = new List<double>();
        var formats = new List<int>();
        var categories = new List<int>();
        for (int v = 0; v < nAdvertisers; v++)
        {
            int category = rng.Next(C), home = rng.Categorical(s_countryWeights);
            advertisers[v] = new Advertiser(v, $"adv-{v:D4}", Categories[category], Countries[home]);
            advertiserEffect[v] = rng.Normal(0, 0.25);
            advertiserConversion[v] = rng.Normal(0, 0.5);
            int nCampaigns = Math.Min(5, 1 + rng.Poisson(2));
            for (int k = 0; k < nCampaigns; k++)
            {
                int campaignId = campaigns.Count;
                int campaignCategory = rng.Bernoulli(0.9) ? category : rng.Next(C);
                var target = DrawTargeting(rng, home);
                int startDay, endDay;
                if (rng.Bernoulli(0.6))
                {
                    startDay = -rng.Next(1, 31);
                    endDay = rng.Next(1, totalDays + 30);
                }
                else
                {
                    startDay = rng.Next(0, totalDays);
                    endDay = startDay + rng.Next(7, 61);
                }
                double campaignBid = effects.Bid[campaignCategory] * Math.Exp(rng.Normal(0, 0.3));
                campaigns.Add(new AdCampaign(campaignId, v, Categories[campaignCategory], MaskToText(target.Countries, Countries),
                    MaskToText(target.Ages, AgeBuckets), MaskToText(target.Devices, Devices), startDay, endDay));
                masks.Add(target);
                int adsInCampaign = Math.Min(8, 1 + rng.Poisson(3));
                for (int a = 0; a < adsInCampaign; a++)
                {
                    int creation = a == 0 ? startDay : startDay + rng.Next(0, Math.Min(11, endDay - startDay));
                    int format = rng.Categorical(s_formatWeights);
                    double bid = Math.Max(0.05, Math.Round(campaignBid * Math.Exp(rng.Normal(0, 0.1)), 2));
                    ads.Add(new Ad(ads.Count, campaignId, v, Categories[campaignCategory], Formats[format], bid, creation, endDay));
                    quality.Add(rng.Normal(0, 0.6));
                    fatigue.Add(rng.Bernoulli(0.5) ? rng.Uniform(0.04, 0.12) * options.Drift : 0);
                    formats.Add(format);
                    categories.Add(campaignCategory);
                }
            }
        }
        int n = ads.Count;
        var traits = new AdTraits([.. categories], [.. formats], new int[n], new int[n], new int[n], [.. quality], [.. fatigue],
            new double[n], advertiserEffect, advertiserConversion, new double[n]);
        for (int a = 0; a < n; a++)
        {
            traits.Advertiser[a] = ads[a].AdvertiserId;
            traits.Creation[a] = ads[a].CreationDay;
            traits.End[a] = ads[a].EndDay;
            traits.LogBid[a] = Math.Log(ads[a].BidCpc);
        }
        var adMasks = new TargetingMasks[n];
        for (int a = 0; a < n; a++) adMasks[a] = masks[ads[a].CampaignId];
        return (advertisers, [.. campaigns], [.. ads], traits, adMasks);
    }

    /// <summary>A campaign's targeting: half aim at the home country (plus up to two more), 45 % at an age range, 30 % at some devices.</summary>
    private static TargetingMasks DrawTargeting(Sampler rng, int home)
    {
        int countryMask = AllBits(Countries.Count), ageMask = AllBits(AgeBuckets.Count), deviceMask = AllBits(Devices.Count);
        if (rng.Bernoulli(0.5))
        {
            countryMask = 1 << home;
            int extra = rng.Next(3);
            for (int e = 0; e < extra; e++) countryMask |= 1 << rng.Next(Countries.Count);
        }
        if (rng.Bernoulli(0.45))
        {
            int length = rng.Next(1, 4), start = rng.Next(AgeBuckets.Count - length + 1);
            ageMask = ((1 << length) - 1) << start;
        }
        double deviceDraw = rng.Uniform();
        if (deviceDraw < 0.2) deviceMask = 1 << 0;
        else if (deviceDraw < 0.3) deviceMask = (1 << 1) | (1 << 2);
        return new TargetingMasks(countryMask, ageMask, deviceMask);
    }

    /// <summary>Stage 5: popularity — how much budget and traffic an ad wins — is Zipf over a random order of ads.</summary>
    private static void DrawPopularity(Sampler rng, double[] popularity)
    {
        var zipf = new ZipfDistribution(popularity.Length, 0.8);
        var rank = rng.Permutation(popularity.Length);
        for (int r = 0; r < popularity.Length; r++) popularity[rank[r]] = zipf.Probability(r);
    }

    /// <summary>Stage 6: the targeting index — for each (country, age bucket, device), the ads whose campaign targets it.</summary>
    private static int[][] BuildTargetingIndex(Ad[] ads, TargetingMasks[] masks)
    {
        int combos = Countries.Count * AgeBuckets.Count * Devices.Count;
        var eligible = new int[combos][];
        var buffer = new List<int>();
        for (int combo = 0; combo < combos; combo++)
        {
            int device = combo % Devices.Count, age = combo / Devices.Count % AgeBuckets.Count;
            int country = combo / (Devices.Count * AgeBuckets.Count);
            buffer.Clear();
            for (int a = 0; a < ads.Length; a++)
            {
                var m = masks[a];
                if ((m.Countries >> country & 1) != 0 && (m.Ages >> age & 1) != 0 && (m.Devices >> device & 1) != 0) buffer.Add(a);
            }
            eligible[combo] = [.. buffer];
        }
        return eligible;
    }

    /// <summary>
    /// Stage 7: the logged traffic. Each day's requests get their candidates (<see cref="Candidates"/>); the logging
    /// policy ranks them by bid with log-normal noise — a bid-only auction with exploration, so every slot sees varied
    /// ads — and shows the top <see cref="AdClickWorldOptions.SlotsPerRequest"/>; the ground truth decides the rest.
    /// </summary>
    private (AdRequest[] Requests, AdImpression[] Impressions) DrawLog(Sampler logRng)
    {
        var options = Options;
        var requests = new List<AdRequest>(options.Days * options.RequestsPerDay);
        var impressions = new List<AdImpression>(options.Days * options.RequestsPerDay * options.SlotsPerRequest);
        var scores = new double[options.CandidatesPerRequest];
        var order = new int[options.CandidatesPerRequest];
        for (int day = 0; day < options.Days; day++)
        {
            foreach (var request in DrawRequests(day, options.RequestsPerDay, logRng, requests.Count))
            {
                requests.Add(request);
                var candidates = Candidates(request);
                for (int i = 0; i < candidates.Length; i++)
                {
                    scores[i] = _adTraits.LogBid[candidates[i].AdId] + logRng.Normal(0, 0.8);
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
        return ([.. requests], [.. impressions]);
    }

    /// <summary>
    /// Requests for one day, in time order: Zipf user activity, diurnal hours, the preferred device 75 % of the time,
    /// Zipf site traffic. Used for the log and for <see cref="GenerateRequests"/>.
    /// </summary>
    private AdRequest[] DrawRequests(int day, int count, Sampler rng, int firstId)
    {
        var timestamps = new long[count];
        var users = new int[count];
        var devices = new int[count];
        var sites = new int[count];
        for (int i = 0; i < count; i++)
        {
            int user = _userTraits.ByActivityRank[_userTraits.Activity.Sample(rng)];
            int hour = rng.Categorical(s_hourWeights);
            timestamps[i] = (long)day * SecondsPerDay + hour * 3600 + rng.Next(3600);
            users[i] = user;
            devices[i] = rng.Bernoulli(0.75) ? _userTraits.Device[user] : rng.Next(Devices.Count);
            sites[i] = _siteTraits.ByTrafficRank[_siteTraits.Traffic.Sample(rng)];
        }
        var order = new int[count];
        for (int i = 0; i < count; i++) order[i] = i;
        Array.Sort(order, (x, y) => timestamps[x] != timestamps[y] ? timestamps[x].CompareTo(timestamps[y]) : x.CompareTo(y));
        var result = new AdRequest[count];
        for (int r = 0; r < count; r++)
        {
            int i = order[r], u = users[i];
            long ts = timestamps[i];
            result[r] = new AdRequest(firstId + r, day, ts, (int)(ts % SecondsPerDay / 3600), u, Countries[_userTraits.Country[u]],
                AgeBuckets[_userTraits.Age[u]], Devices[devices[i]], sites[i]);
        }
        return result;
    }

    private static int AllBits(int n) => (1 << n) - 1;

    private static string MaskToText(int mask, IReadOnlyList<string> names)
    {
        if (mask == AllBits(names.Count)) return "*";
        var parts = new List<string>();
        for (int i = 0; i < names.Count; i++) if ((mask >> i & 1) != 0) parts.Add(names[i]);
        return string.Join('|', parts);
    }
}
