using System.Globalization;

namespace Mlsd.Data.Worlds;

/// <summary>
/// A synthetic card issuer (the world of case study 11, real-time fraud detection) generated from a seed:
/// cardholders, merchants and devices, and a stream of card authorisation requests in which stolen cards are used by
/// fraud rings — card testing bursts and account takeovers — among a large majority of genuine purchases.
/// </summary>
/// <remarks>
/// <para><b>Ground truth</b> (<see cref="Truth"/>). A card is stolen at a hidden moment (<see cref="GroundTruth.CompromisedAt"/>)
/// and handed to a ring. <i>Card testing</i>: a burst of 3–8 tiny online purchases within minutes at gift-card, gaming
/// and digital merchants (often the ring's colluding ones) from a ring device, then one to three large purchases hours
/// later (half an hour to four and a half hours). <i>Account takeover</i>: over two days, a few large purchases at electronics, travel and jewellery merchants,
/// half of them at night, from a ring device the cardholder never used. Every attack transaction is fraud; a
/// genuine purchase is disputed anyway (friendly fraud) with a small probability that grows with its amount and its
/// merchant category (<see cref="GroundTruth.FraudProbability"/>). Attackers give up on a card after two declines.</para>
/// <para><b>What drifts.</b> From <see cref="TransactionWorldOptions.ShiftDay"/> (after the log by default) card
/// testers adapt: tests of $8–30 spread over hours, which slips under short-window velocity counts.</para>
/// <para><b>The log.</b> Days 0 … Days − 1 served by the issuer's incumbent rules (<see cref="IncumbentPolicy"/>), so
/// declined transactions never get a label. Labels are delayed and partial: a <see cref="Chargeback"/> arrives on
/// average three weeks after the fraud, for 85 % of fraudulent approved transactions, and only those reported before
/// the log ends are in <see cref="Chargebacks"/>. At the default size: 2,000 cardholders, 300 merchants, about 67,000
/// transactions of which about 0.6 % are fraud.</para>
/// <para>Everything is drawn from <see cref="Sampler"/>s and <see cref="SplitMix64"/> streams derived from the seed:
/// the same seed gives the same tables, byte for byte (<see cref="WriteCsv"/>). The shape every world follows is in
/// Data/Worlds/README.md.</para>
/// </remarks>
/// <example>
/// <code>
/// var world = TransactionWorld.Generate(seed: 42);
/// var t = world.Transactions[0];
/// double p = world.Truth.FraudProbability(t.TransactionId); // 1 for an attack, small for a genuine purchase
/// </code>
/// </example>
public sealed partial class TransactionWorld
{
    /// <summary>Countries of cardholders and merchants; most cardholders and merchants are in the first.</summary>
    public static IReadOnlyList<string> Countries { get; } = ["PT", "ES", "FR", "DE", "GB", "US", "NG", "RU"];

    /// <summary>Merchant categories.</summary>
    public static IReadOnlyList<string> Categories { get; } =
        ["Grocery", "Fuel", "Restaurants", "Fashion", "Pharmacy", "Electronics", "Travel", "Jewellery", "GiftCards", "Gaming", "DigitalGoods"];

    /// <summary>Age buckets of cardholders.</summary>
    public static IReadOnlyList<string> AgeBuckets { get; } = ["18-24", "25-34", "35-44", "45-54", "55+"];

    /// <summary>Device types.</summary>
    public static IReadOnlyList<string> DeviceTypes { get; } = ["Mobile", "Desktop", "Tablet"];

    /// <summary>The kinds of fraud <see cref="GroundTruth.Pattern(int)"/> names ("None" for a genuine, undisputed purchase).</summary>
    public static IReadOnlyList<string> Patterns { get; } = ["None", "CardTesting", "AccountTakeover", "FriendlyFraud"];

    private readonly Cardholder[] _cardholders;
    private readonly Merchant[] _merchants;
    private readonly Device[] _devices;
    private readonly CardTransaction[] _transactions;
    private readonly Chargeback[] _chargebacks;

    /// <summary>Generates the world; well under a second at the default size.</summary>
    /// <param name="seed">Fixes every random draw.</param>
    /// <param name="options">Sizes; null for the defaults.</param>
    public static TransactionWorld Generate(int seed = 42, TransactionWorldOptions? options = null)
    {
        options ??= new TransactionWorldOptions();
        options.Validate();
        return new TransactionWorld(seed, options);
    }

    /// <summary>The seed the world was generated from.</summary>
    public int Seed { get; }

    /// <summary>The sizes used.</summary>
    public TransactionWorldOptions Options { get; }

    /// <summary>Days of logged transactions (0 … Days − 1).</summary>
    public int Days => Options.Days;

    /// <summary>Days the world is defined for: the log, then the future days simulations may serve.</summary>
    public int TotalDays => Options.Days + Options.FutureDays;

    /// <summary>The cardholder table, indexed by id.</summary>
    public IReadOnlyList<Cardholder> Cardholders { get; }

    /// <summary>The merchant table, indexed by id.</summary>
    public IReadOnlyList<Merchant> Merchants { get; }

    /// <summary>The device table, indexed by id, in first-seen order (including devices first seen after the log).</summary>
    public IReadOnlyList<Device> Devices { get; }

    /// <summary>The authorisation log of days 0 … Days − 1 in time order, with the incumbent rules' decisions.</summary>
    public IReadOnlyList<CardTransaction> Transactions { get; }

    /// <summary>Chargebacks reported before the log ends, in report order: the only labels a model can train on.</summary>
    public IReadOnlyList<Chargeback> Chargebacks { get; }

    /// <summary>The hidden model the log was drawn from: for ceilings and simulations, never as a feature.</summary>
    public GroundTruth Truth { get; }

    /// <summary>
    /// A fresh instance of the issuer's incumbent rules (the policy that served the log): decline when the card made 4
    /// or more requests in the previous 10 minutes, or when the amount is at least $800 on a device first seen less
    /// than a day earlier. It keeps each card's recent requests, so give every simulation its own instance.
    /// </summary>
    public Func<CardTransaction, bool> IncumbentPolicy()
    {
        var recent = new Dictionary<int, Queue<long>>();
        return t =>
        {
            if (!recent.TryGetValue(t.CardholderId, out var q)) recent[t.CardholderId] = q = new Queue<long>();
            while (q.Count > 0 && q.Peek() <= t.Timestamp - VelocityWindowSeconds) q.Dequeue();
            bool burst = q.Count >= VelocityLimit;
            q.Enqueue(t.Timestamp);
            bool newDevice = t.Timestamp - _devices[t.DeviceId].FirstSeenTimestamp < DaySeconds;
            return burst || (t.Amount >= LargeAmount && newDevice);
        };
    }

    /// <summary>"TransactionWorld seed 42: 2,000 cardholders, 300 merchants, 3,113 devices, 66,855 transactions over 28 days (…)".</summary>
    public override string ToString()
    {
        int declined = _transactions.Count(t => t.Declined);
        return string.Create(CultureInfo.InvariantCulture,
            $"TransactionWorld seed {Seed}: {_cardholders.Length:N0} cardholders, {_merchants.Length:N0} merchants, {_devices.Length:N0} devices, {_transactions.Length:N0} transactions over {Days} days ({declined:N0} declined, {_chargebacks.Length:N0} chargebacks so far)");
    }

    private void CheckTransaction(int transactionId) => WorldChecks.Id(transactionId, _transactions.Length, nameof(transactionId));

    private void CheckCardholder(int cardholderId) => WorldChecks.Id(cardholderId, _cardholders.Length, nameof(cardholderId));
}
