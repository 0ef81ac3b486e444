using Mlsd.Data.Worlds;

namespace Mlsd.Features;

/// <summary>
/// The streaming fraud features of case study 11, computed one card payment at a time from what was known strictly
/// before it: read the features, then let the payment join the state. Replaying the log in time order (offline,
/// for training) and calling it per request (online, in the scorer) run the same code, so the two cannot disagree —
/// the cure for training/serving skew.
/// </summary>
/// <remarks>
/// <para>Features (<see cref="Names"/>): ln(1 + amount); the z-score of that log amount against the card's earlier
/// payments (<see cref="KeyedRunningStatistics"/>; NaN, "missing", with fewer than three); the card's payments in
/// the previous 10 minutes, hour and 24 hours (a window [now − w, now), so the payment being scored is never in its
/// own count); the device's age in days since the issuer first saw it, capped at <see cref="MaxDeviceAgeDays"/>; 1 if the card never used this device before;
/// distinct cards on the device in the previous 30 days (<see cref="SlidingWindowDistinct"/>); 1 for a payment
/// between midnight and 6 am; 1 for an online merchant.</para>
/// <para>Worked example (card 0, device 5 first seen at t = 0, an in-store merchant): payments at t = 1,000 ($9) and
/// t = 1,300 ($9) give, for the second, log_amount = ln 10 ≈ 2.302585, amount_z missing, card_10min = 1, card_1h = 1,
/// card_24h = 1, device_age_days = 1,300 / 86,400 ≈ 0.015046, new_device_for_card = 0, cards_on_device_30d = 1, night
/// = 1, online_merchant = 0. Reference for velocity features: A. Dal Pozzolo et al., "Credit card fraud detection: a
/// realistic modeling and a novel learning strategy", IEEE TNNLS 29(8), 2018,
/// <see href="https://doi.org/10.1109/TNNLS.2017.2736643">doi:10.1109/TNNLS.2017.2736643</see>.</para>
/// </remarks>
public sealed class TransactionFeaturizer
{
    private const long Day = 86_400;

    /// <summary>Device ages are capped here (7 days): the feature says "how new is this device", not which calendar
    /// week it is — uncapped, a tree learns the age of the log's devices and fails on later days.</summary>
    public const double MaxDeviceAgeDays = 7;
    private readonly IReadOnlyList<Device> _devices;
    private readonly IReadOnlyList<Merchant> _merchants;
    private KeyedRunningStatistics _amounts = new();
    private SlidingWindowDistinct _cardsOnDevice = new(30 * Day);
    private Dictionary<int, Queue<long>> _recent = [];
    private HashSet<(int Card, int Device)> _pairs = [];
    private long _last = long.MinValue;

    /// <summary>The feature names, in the order of <see cref="Observe"/>'s row.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "log_amount", "amount_z", "card_10min", "card_1h", "card_24h", "device_age_days", "new_device_for_card",
        "cards_on_device_30d", "night", "online_merchant",
    ];

    /// <summary>A featurizer with empty history over the issuer's device registry and merchant table.</summary>
    /// <param name="devices">Devices indexed by id, with the time each was first seen.</param>
    /// <param name="merchants">Merchants indexed by id.</param>
    public TransactionFeaturizer(IReadOnlyList<Device> devices, IReadOnlyList<Merchant> merchants)
    {
        _devices = devices ?? throw new ArgumentNullException(nameof(devices));
        _merchants = merchants ?? throw new ArgumentNullException(nameof(merchants));
    }

    /// <summary>An independent copy of the history: serve two policies from the same moment (a canary, a what-if
    /// replay) without replaying the log twice.</summary>
    public TransactionFeaturizer Clone() => new(_devices, _merchants)
    {
        _amounts = _amounts.Clone(), _cardsOnDevice = _cardsOnDevice.Clone(),
        _recent = _recent.ToDictionary(kv => kv.Key, kv => new Queue<long>(kv.Value)),
        _pairs = [.. _pairs], _last = _last, Observed = Observed,
    };

    /// <summary>Payments seen so far.</summary>
    public int Observed { get; private set; }

    /// <summary>The features of <paramref name="payment"/> from the history before it; then adds it to the
    /// history. Payments must arrive in time order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A payment earlier than the previous one, or a device or merchant
    /// id outside the tables.</exception>
    public float[] Observe(CardTransaction payment)
    {
        long now = payment.Timestamp;
        if (now < _last)
            throw new ArgumentOutOfRangeException(nameof(payment), now,
                $"payment.Timestamp must not go back in time (last was {_last}): feed payments in time order.");
        if ((uint)payment.DeviceId >= (uint)_devices.Count)
            throw new ArgumentOutOfRangeException(nameof(payment), payment.DeviceId, $"payment.DeviceId must be in 0..{_devices.Count - 1}.");
        if ((uint)payment.MerchantId >= (uint)_merchants.Count)
            throw new ArgumentOutOfRangeException(nameof(payment), payment.MerchantId, $"payment.MerchantId must be in 0..{_merchants.Count - 1}.");
        _last = now;
        int card = payment.CardholderId;
        if (!_recent.TryGetValue(card, out var times)) _recent[card] = times = new Queue<long>();
        while (times.Count > 0 && times.Peek() < now - Day) times.Dequeue();
        int in10 = 0, in1h = 0, in24h = 0;
        foreach (long t in times)
        {
            if (t >= now) continue;
            in24h++;
            if (t >= now - 3_600) in1h++;
            if (t >= now - 600) in10++;
        }
        double logAmount = Math.Log(1 + payment.Amount);
        var row = new float[]
        {
            (float)logAmount, (float)_amounts.ZScore(card, logAmount), in10, in1h, in24h,
            (float)Math.Min(MaxDeviceAgeDays, (now - _devices[payment.DeviceId].FirstSeenTimestamp) / (double)Day),
            _pairs.Contains((card, payment.DeviceId)) ? 0f : 1f,
            _cardsOnDevice.DistinctCount(payment.DeviceId, now),
            now % Day < 6 * 3_600 ? 1f : 0f,
            _merchants[payment.MerchantId].IsOnline ? 1f : 0f,
        };
        _amounts.Add(card, logAmount);
        _cardsOnDevice.Add(payment.DeviceId, card, now);
        _pairs.Add((card, payment.DeviceId));
        times.Enqueue(now);
        Observed++;
        return row;
    }

    /// <summary>Features of every payment of a stream in time order (the offline replay of the log).</summary>
    public float[][] ObserveAll(IEnumerable<CardTransaction> payments)
    {
        ArgumentNullException.ThrowIfNull(payments);
        return payments.Select(Observe).ToArray();
    }
}
