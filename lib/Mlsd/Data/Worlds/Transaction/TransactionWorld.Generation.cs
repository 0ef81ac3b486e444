namespace Mlsd.Data.Worlds;

// Generation: one stage per method, in a fixed order, each from its own forked sampler; the log is drawn per
// (cardholder, day) from SplitMix64 streams so the simulator can replay the same plans under another policy.
public sealed partial class TransactionWorld
{
    private const long DaySeconds = 86_400;
    private const long VelocityWindowSeconds = 600;
    private const int VelocityLimit = 4;
    private const double LargeAmount = 800;
    private const int DevicesPerRing = 4, CollusivePerRing = 2, GiveUpAfterDeclines = 2;
    private static readonly double[] s_countryWeights = [0.7, 0.08, 0.06, 0.05, 0.05, 0.04, 0.01, 0.01];
    private static readonly double[] s_categoryWeights = [0.2, 0.1, 0.15, 0.1, 0.07, 0.08, 0.06, 0.04, 0.06, 0.07, 0.07];
    private static readonly double[] s_onlineShare = [0.1, 0, 0.15, 0.4, 0.1, 0.5, 0.7, 0.2, 1, 1, 1];
    private static readonly double[] s_amountScale = [1, 1.2, 0.9, 2, 0.6, 5, 6, 6, 1.5, 0.8, 0.4];
    private static readonly double[] s_ageWeights = [0.15, 0.28, 0.25, 0.18, 0.14];
    private static readonly int[] s_testCategories = [8, 9, 10];   // GiftCards, Gaming, DigitalGoods
    private static readonly int[] s_cashOutCategories = [5, 8];     // Electronics, GiftCards
    private static readonly int[] s_takeoverCategories = [5, 6, 7]; // Electronics, Travel, Jewellery

    private readonly MerchantTraits _merchantTraits;
    private readonly CardTraits _cardTraits;
    private readonly RingTraits _ringTraits;
    private readonly int _logSeed;
    private readonly byte[] _pattern;          // per logged transaction: index into Patterns
    private readonly double[] _fraudProbability;

    private TransactionWorld(int seed, TransactionWorldOptions options)
    {
        Seed = seed;
        Options = options;
        var root = new Sampler(seed);
        var merchantSampler = root.Fork();
        var cardSampler = root.Fork();
        var compromiseSampler = root.Fork();
        var deviceSampler = root.Fork();
        _logSeed = root.Fork().Next(int.MaxValue);

        (_merchants, _merchantTraits) = DrawMerchants(merchantSampler, options);
        (_cardholders, _cardTraits) = DrawCardholders(cardSampler, options, _merchantTraits);
        _ringTraits = DrawCompromises(compromiseSampler, options, _cardTraits, _merchantTraits);
        _devices = DrawDevices(deviceSampler, options, _cardTraits, _ringTraits);
        var run = Run(IncumbentPolicy(), 0, Days, _logSeed);
        _transactions = run.Log;
        _pattern = run.Pattern;
        _fraudProbability = run.Probability;
        long end = Days * DaySeconds;
        _chargebacks = run.Chargebacks.Where(c => c.ReportedTimestamp < end).ToArray();

        Cardholders = Array.AsReadOnly(_cardholders);
        Merchants = Array.AsReadOnly(_merchants);
        Devices = Array.AsReadOnly(_devices);
        Transactions = Array.AsReadOnly(_transactions);
        Chargebacks = Array.AsReadOnly(_chargebacks);
        Truth = new GroundTruth(this);
    }

    private sealed record MerchantTraits(int[] Category, double[] CumulativePopularity, int[][] ByCategory, int[] Ring);

    private sealed record CardTraits(int[] Country, double[] Activity, double[] LogAmount, int[][] Favourites,
        int[][] Devices, long[] NewDeviceAt, long[] CompromisedAt, int[] Pattern, int[] Ring);

    private sealed record RingTraits(int[][] Devices, int[][] Merchants);

    /// <summary>Stage 1: merchants — a category (each category at least once), a country, online or not by category,
    /// and a hidden popularity (log-normal, so a few merchants take much of the traffic).</summary>
    private static (Merchant[], MerchantTraits) DrawMerchants(Sampler s, TransactionWorldOptions o)
    {
        int n = o.Merchants, k = Categories.Count;
        var merchants = new Merchant[n];
        var category = new int[n];
        var cumulative = new double[n];
        var byCategory = Enumerable.Range(0, k).Select(_ => new List<int>()).ToArray();
        double total = 0;
        for (int m = 0; m < n; m++)
        {
            int c = m < k ? m : s.Categorical(s_categoryWeights);
            int country = s.Categorical(s_countryWeights);
            bool online = s.Bernoulli(s_onlineShare[c]);
            total += Math.Exp(s.Normal(0, 1));
            cumulative[m] = total;
            category[m] = c;
            byCategory[c].Add(m);
            merchants[m] = new Merchant(m, Categories[c], Countries[country], online);
        }
        var ring = Enumerable.Repeat(-1, n).ToArray();
        return (merchants, new MerchantTraits(category, cumulative, byCategory.Select(l => l.ToArray()).ToArray(), ring));
    }

    /// <summary>Stage 2: cardholders — a country, an age, an account age, a hidden activity and typical amount, and
    /// eight favourite merchants they return to.</summary>
    private static (Cardholder[], CardTraits) DrawCardholders(Sampler s, TransactionWorldOptions o, MerchantTraits mt)
    {
        int n = o.Cardholders;
        var rows = new Cardholder[n];
        var t = new CardTraits(new int[n], new double[n], new double[n], new int[n][], new int[n][], new long[n],
            new long[n], new int[n], new int[n]);
        for (int c = 0; c < n; c++)
        {
            int country = s.Categorical(s_countryWeights);
            int age = s.Categorical(s_ageWeights);
            t.Country[c] = country;
            t.Activity[c] = Math.Exp(s.Normal(-0.125, 0.5));
            t.LogAmount[c] = Math.Log(30) + s.Normal(0, 0.4) + 0.1 * age;
            t.Favourites[c] = Enumerable.Range(0, 8).Select(_ => PickMerchant(mt, s.Uniform())).ToArray();
            rows[c] = new Cardholder(c, Countries[country], AgeBuckets[age], 30 + s.Next(3_000));
        }
        return (rows, t);
    }

    /// <summary>Stage 3: stolen cards and rings — each card is stolen with probability CompromiseRate at a daytime moment
    /// of the world's days, handed to a ring, and attacked by card testing (60 %) or account takeover; each ring
    /// colludes with two digital merchants.</summary>
    private static RingTraits DrawCompromises(Sampler s, TransactionWorldOptions o, CardTraits t, MerchantTraits mt)
    {
        int totalDays = o.Days + o.FutureDays;
        var digital = s_testCategories.SelectMany(c => mt.ByCategory[c]).ToArray();
        var merchants = new int[o.Rings][];
        for (int r = 0; r < o.Rings; r++)
        {
            merchants[r] = Enumerable.Range(0, CollusivePerRing).Select(_ => digital[s.Next(digital.Length)]).Distinct().ToArray();
            foreach (int m in merchants[r]) mt.Ring[m] = r;
        }
        for (int c = 0; c < o.Cardholders; c++)
        {
            bool stolen = s.Bernoulli(o.CompromiseRate);
            long at = s.Next(totalDays) * DaySeconds + 8 * 3_600 + s.Next(12 * 3_600);
            int pattern = s.Bernoulli(0.6) ? 1 : 2;
            int ring = s.Next(o.Rings);
            t.CompromisedAt[c] = stolen ? at : -1;
            t.Pattern[c] = stolen ? pattern : 0;
            t.Ring[c] = stolen ? ring : -1;
        }
        return new RingTraits(new int[o.Rings][], merchants);
    }

    /// <summary>Stage 4: devices — one or two per cardholder from before the log, a new phone for 12 % of them at some
    /// moment of the world's days, and four per ring, first seen a little before the ring's first theft. Ids follow
    /// first-seen order.</summary>
    private static Device[] DrawDevices(Sampler s, TransactionWorldOptions o, CardTraits t, RingTraits rt)
    {
        long horizon = (o.Days + o.FutureDays) * DaySeconds;
        var drawn = new List<(long Seen, int Type, int Owner)>();   // owner ≥ 0: cardholder; < 0: ring −1 − r
        for (int c = 0; c < o.Cardholders; c++)
        {
            int count = s.Bernoulli(0.4) ? 2 : 1;
            for (int i = 0; i < count; i++) drawn.Add((-(1 + s.Next(1_000)) * DaySeconds + s.Next((int)DaySeconds), s.Next(3), c));
            bool renews = s.Bernoulli(0.12);
            long at = (long)(s.Uniform() * horizon);
            if (renews) drawn.Add((at, 0, c));
            t.NewDeviceAt[c] = renews ? at : long.MaxValue;
        }
        for (int r = 0; r < o.Rings; r++)
        {
            long first = horizon;
            for (int c = 0; c < o.Cardholders; c++) if (t.Ring[c] == r) first = Math.Min(first, t.CompromisedAt[c]);
            if (first == horizon) first = (long)(s.Uniform() * horizon);
            for (int i = 0; i < DevicesPerRing; i++) drawn.Add((first - s.Next((int)(2 * DaySeconds)) - 1, s.Next(2), -1 - r));
        }
        var order = Enumerable.Range(0, drawn.Count).OrderBy(i => drawn[i].Seen).ThenBy(i => i).ToArray();
        var devices = new Device[order.Length];
        var own = Enumerable.Range(0, o.Cardholders).Select(_ => new List<int>()).ToArray();
        var ring = Enumerable.Range(0, o.Rings).Select(_ => new List<int>()).ToArray();
        for (int id = 0; id < order.Length; id++)
        {
            var d = drawn[order[id]];
            devices[id] = new Device(id, DeviceTypes[d.Type], d.Seen);
            if (d.Owner >= 0) own[d.Owner].Add(id); else ring[-1 - d.Owner].Add(id);
        }
        for (int c = 0; c < o.Cardholders; c++) t.Devices[c] = [.. own[c]];
        for (int r = 0; r < o.Rings; r++) rt.Devices[r] = [.. ring[r]];
        return devices;
    }

    private static int PickMerchant(MerchantTraits mt, double u)
    {
        var cum = mt.CumulativePopularity;
        int i = Array.BinarySearch(cum, u * cum[^1]);
        return Math.Min(i < 0 ? ~i : i, cum.Length - 1);
    }
}
