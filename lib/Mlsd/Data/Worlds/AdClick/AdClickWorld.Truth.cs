namespace Mlsd.Data.Worlds;

// The ground truth: the hidden parameters drawn at generation, the formulas that turn them into probabilities, and
// the public view of them, Truth (GroundTruth below).
public sealed partial class AdClickWorld
{
    private const double BaseLogit = -3.3;
    private const double InterestWeight = 0.8;
    private const double TopicMatchBonus = 0.35;
    private const double MaxFatigue = 1.2;
    private const double TasteShiftPerDay = 0.05;
    private const double PositionDecay = 0.7;
    private const double HideBaseLogit = -4.6;
    private const double ConversionBaseLogit = -2.5;
    private const double LateClickShare = 0.08;

    private static readonly double[] s_examination = [.. Enumerable.Range(0, 11).Select(p => p == 0 ? 0 : Math.Pow(p, -PositionDecay))];

    // device × hour band (night 0–5, morning 6–11, afternoon 12–17, evening 18–23): phones in the evening
    // and at night, desktops in office hours.
    private static readonly double[,] s_deviceHourEffect =
    {
        { 0.25, -0.10, -0.15, 0.30 },
        { -0.30, 0.20, 0.25, -0.20 },
        { 0.00, -0.20, 0.00, 0.35 },
    };

    // format × device: video works on phones and tablets, text on desktops.
    private static readonly double[,] s_formatDeviceEffect =
    {
        { 0.00, 0.00, 0.00 },
        { 0.25, -0.10, 0.15 },
        { -0.20, 0.10, -0.10 },
    };

    /// <summary>Per category: affinities by age bucket and country (the profile's signal), by device, the seasonal swing (per day), and the typical bid.</summary>
    private sealed record CategoryEffects(double[] Age, double[] Country, double[] Device, double[] TrendAmplitude,
        double[] TrendFrequency, double[] TrendPhase, double[] TrendTable, double[] Bid);

    /// <summary>Per user: the codes behind the table's strings, the click propensity, today's and the later tastes (users × categories), and activity.</summary>
    private sealed record UserTraits(int[] Country, int[] Age, int[] Device, double[] Bias, double[] InterestBase,
        double[] InterestTarget, ZipfDistribution Activity, int[] ByActivityRank);

    /// <summary>Per ad: codes, flight, quality, fatigue per day of age, log bid, popularity; per advertiser: effects on clicks and on conversions.</summary>
    private sealed record AdTraits(int[] Category, int[] Format, int[] Advertiser, int[] Creation, int[] End, double[] Quality,
        double[] Fatigue, double[] LogBid, double[] AdvertiserEffect, double[] AdvertiserConversion, double[] Popularity);

    /// <summary>Per site: the topic code, an effect on clicks, and traffic.</summary>
    private sealed record SiteTraits(int[] Topic, double[] Effect, ZipfDistribution Traffic, int[] ByTrafficRank);

    private readonly CategoryEffects _categoryEffects;
    private readonly UserTraits _userTraits;
    private readonly AdTraits _adTraits;
    private readonly SiteTraits _siteTraits;

    private double Interest(int user, int category, int day)
    {
        int i = user * _categoryCount + category;
        double progress = Math.Clamp(day * TasteShiftPerDay * Options.Drift, 0, 1);
        return _userTraits.InterestBase[i] + progress * (_userTraits.InterestTarget[i] - _userTraits.InterestBase[i]);
    }

    private double CategoryTrend(int category, int day) =>
        (uint)day < (uint)TotalDays
            ? _categoryEffects.TrendTable[day * _categoryCount + category]
            : _categoryEffects.TrendAmplitude[category] * (Math.Sin(_categoryEffects.TrendFrequency[category] * day + _categoryEffects.TrendPhase[category]) - Math.Sin(_categoryEffects.TrendPhase[category]));

    private static double Examination(int position) =>
        position < s_examination.Length ? s_examination[position] : Math.Pow(position, -PositionDecay);

    private double Fatigue(int ad, int day) => Math.Min(MaxFatigue, _adTraits.Fatigue[ad] * Math.Max(0, day - _adTraits.Creation[ad]));

    private double ClickProbability(int user, int ad, int device, int hour, int site, int position, int driftDay)
    {
        int c = _adTraits.Category[ad];
        double z = BaseLogit + _userTraits.Bias[user] + InterestWeight * Interest(user, c, driftDay)
            + _adTraits.Quality[ad] - Fatigue(ad, driftDay) + _adTraits.AdvertiserEffect[_adTraits.Advertiser[ad]]
            + s_deviceHourEffect[device, hour / 6] + _categoryEffects.Device[c * Devices.Count + device]
            + s_formatDeviceEffect[_adTraits.Format[ad], device]
            + (_siteTraits.Topic[site] == c ? TopicMatchBonus : 0) + _siteTraits.Effect[site]
            + CategoryTrend(c, driftDay);
        return Examination(position) * MathFunctions.Sigmoid(z);
    }

    private double HideProbability(int user, int ad, int position, int driftDay)
    {
        double z = HideBaseLogit - 0.8 * Interest(user, _adTraits.Category[ad], driftDay) - 0.6 * _adTraits.Quality[ad] + 0.5 * Fatigue(ad, driftDay);
        return Examination(position) * MathFunctions.Sigmoid(z);
    }

    private double ConversionProbability(int user, int ad, int driftDay)
    {
        double z = ConversionBaseLogit + 0.5 * Interest(user, _adTraits.Category[ad], driftDay) + _adTraits.AdvertiserConversion[_adTraits.Advertiser[ad]];
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

    /// <summary>
    /// The hidden click model of an <see cref="AdClickWorld"/> (<see cref="Truth"/>): what the simulator knows and an
    /// ad platform never does. Use it to measure how far a model is from the best possible one, to build an oracle
    /// policy, or to score a policy without sampling noise — never as a feature.
    /// </summary>
    public sealed class GroundTruth
    {
        private readonly AdClickWorld _w;

        internal GroundTruth(AdClickWorld world) => _w = world;

        /// <summary>The probability that this logged (or simulated) impression is clicked.</summary>
        public double ClickProbability(AdImpression impression)
        {
            ArgumentNullException.ThrowIfNull(impression);
            _w.CheckIds(impression.UserId, impression.AdId, impression.SiteId);
            return _w.ClickProbability(impression.UserId, impression.AdId, DeviceIndex(impression.Device), impression.Hour,
                impression.SiteId, impression.Position, impression.Day);
        }

        /// <summary>
        /// The probability that <paramref name="ad"/>, shown in slot <paramref name="position"/> for
        /// <paramref name="request"/>, is clicked.
        /// </summary>
        /// <param name="request">Who, where, when.</param>
        /// <param name="ad">Which ad.</param>
        /// <param name="position">Slot (1 = top).</param>
        /// <param name="asOfDay">Evaluate the drifting parts (tastes, trends, fatigue) as of this day instead of
        /// the request's day — e.g. an oracle frozen on day 7, to measure how fast the world moves.</param>
        public double ClickProbability(AdRequest request, Ad ad, int position = 1, int? asOfDay = null)
        {
            ArgumentNullException.ThrowIfNull(ad);
            return ClickProbability(request, ad.AdId, position, asOfDay);
        }

        /// <summary>As <see cref="ClickProbability(AdRequest, Ad, int, int?)"/>, with the ad given by id.</summary>
        public double ClickProbability(AdRequest request, int adId, int position = 1, int? asOfDay = null)
        {
            ArgumentNullException.ThrowIfNull(request);
            _w.CheckIds(request.UserId, adId, request.SiteId);
            WorldChecks.Position(position);
            if (request.Hour is < 0 or > 23) throw new ArgumentOutOfRangeException(nameof(request), request.Hour, "request.Hour must be 0–23.");
            return _w.ClickProbability(request.UserId, adId, DeviceIndex(request.Device), request.Hour, request.SiteId, position,
                asOfDay ?? request.Day);
        }

        /// <summary>
        /// The probability that the user hides the ad in <paramref name="position"/> if they do not click it (negative
        /// feedback: low interest, low quality and fatigued ads get hidden more).
        /// </summary>
        public double HideProbability(AdRequest request, Ad ad, int position = 1)
        {
            ArgumentNullException.ThrowIfNull(request);
            ArgumentNullException.ThrowIfNull(ad);
            _w.CheckIds(request.UserId, ad.AdId, request.SiteId);
            WorldChecks.Position(position);
            return _w.HideProbability(request.UserId, ad.AdId, position, request.Day);
        }

        /// <summary>The probability that a click on <paramref name="ad"/> by <paramref name="userId"/> on <paramref name="day"/> converts.</summary>
        public double ConversionProbability(int userId, Ad ad, int day)
        {
            ArgumentNullException.ThrowIfNull(ad);
            _w.CheckIds(userId, ad.AdId, 0);
            return _w.ConversionProbability(userId, ad.AdId, day);
        }

        /// <summary>
        /// The user's latent interest in each of <see cref="Categories"/> on <paramref name="day"/> (log-odds
        /// contributions before the 0.8 weight). Hidden from the tables: a model must infer it from behaviour.
        /// </summary>
        public double[] Interests(int userId, int day)
        {
            _w.CheckIds(userId, 0, 0);
            var result = new double[_w._categoryCount];
            for (int c = 0; c < result.Length; c++) result[c] = _w.Interest(userId, c, day);
            return result;
        }
    }
}
