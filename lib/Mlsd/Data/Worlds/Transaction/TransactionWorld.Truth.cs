namespace Mlsd.Data.Worlds;

// The hidden model: every formula of the world lives here, and the log, the simulator and Truth all call it.
public sealed partial class TransactionWorld
{
    private const double FriendlyOffset = -8, FriendlyAmountWeight = 0.6;
    private static readonly double[] s_friendlyRisk = [0, 0, 0, 0.5, 0, 1.5, 1.5, 1.5, 1, 1, 1];

    /// <summary>
    /// P(a genuine purchase is disputed anyway) = σ(−8 + risk(category) + 0.6 · ln(1 + amount / 50)), where the
    /// category risk is 1.5 for electronics, travel and jewellery, 1 for gift cards, gaming and digital goods, 0.5 for
    /// fashion and 0 otherwise. Example: a $100 electronics purchase, σ(−8 + 1.5 + 0.6 · ln 3) = σ(−5.8408) ≈ 0.0029.
    /// </summary>
    /// <param name="category">One of <see cref="Categories"/>.</param>
    /// <param name="amount">The amount, non-negative.</param>
    public static double FriendlyFraudProbability(string category, double amount)
    {
        int c = IndexOf(Categories, category, nameof(category));
        if (!(amount >= 0) || double.IsInfinity(amount))
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "amount must be a finite non-negative number.");
        return FriendlyProbability(c, amount);
    }

    private static double FriendlyProbability(int category, double amount) =>
        MathFunctions.Sigmoid(FriendlyOffset + s_friendlyRisk[category] + FriendlyAmountWeight * Math.Log(1 + amount / 50));

    private static int IndexOf(IReadOnlyList<string> vocabulary, string value, string name)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        for (int i = 0; i < vocabulary.Count; i++) if (vocabulary[i] == value) return i;
        throw new ArgumentException($"{name} must be one of {string.Join(", ", vocabulary)}; got '{value}'.", name);
    }

    /// <summary>
    /// The world's hidden model, for ceilings and checks only. A model never sees it; a notebook that calls
    /// <c>world.Truth…</c> says "simulator-only" at a glance.
    /// </summary>
    public sealed class GroundTruth
    {
        private readonly TransactionWorld _w;

        internal GroundTruth(TransactionWorld world) => _w = world;

        /// <summary>P(the logged transaction is fraud) as the world drew it: 1 for an attacker's transaction, the
        /// friendly-fraud probability (<see cref="FriendlyFraudProbability"/>) for a cardholder's own purchase. The
        /// ceiling no model reaches: it knows who made each transaction.</summary>
        public double FraudProbability(int transactionId)
        {
            _w.CheckTransaction(transactionId);
            return _w._fraudProbability[transactionId];
        }

        /// <summary>Whether the logged transaction was fraud (attack or friendly fraud), reported or not.</summary>
        public bool IsFraud(int transactionId)
        {
            _w.CheckTransaction(transactionId);
            return _w._pattern[transactionId] != 0;
        }

        /// <summary>The kind of fraud, one of <see cref="Patterns"/> ("None" for a genuine, undisputed purchase).</summary>
        public string Pattern(int transactionId)
        {
            _w.CheckTransaction(transactionId);
            return Patterns[_w._pattern[transactionId]];
        }

        /// <summary>The kind of fraud of a simulated request (<paramref name="transactionId"/> indexes
        /// <paramref name="result"/>'s log): for evaluating a model on simulated days, never as a feature.</summary>
        public string Pattern(TransactionSimulationResult result, int transactionId)
        {
            ArgumentNullException.ThrowIfNull(result);
            WorldChecks.Id(transactionId, result.Log.Count, nameof(transactionId));
            return Patterns[result.Pattern[transactionId]];
        }

        /// <summary>Whether a simulated request was fraud (attack or friendly fraud), reported or not.</summary>
        public bool IsFraud(TransactionSimulationResult result, int transactionId) => Pattern(result, transactionId) != "None";

        /// <summary>When the card was stolen (seconds since the start of day 0), or null if it never is.</summary>
        public long? CompromisedAt(int cardholderId)
        {
            _w.CheckCardholder(cardholderId);
            long at = _w._cardTraits.CompromisedAt[cardholderId];
            return at < 0 ? null : at;
        }

        /// <summary>The ring that owns the device, or null for a cardholder's own device.</summary>
        public int? RingOfDevice(int deviceId)
        {
            WorldChecks.Id(deviceId, _w._devices.Length, nameof(deviceId));
            for (int r = 0; r < _w._ringTraits.Devices.Length; r++)
                if (Array.IndexOf(_w._ringTraits.Devices[r], deviceId) >= 0) return r;
            return null;
        }

        /// <summary>The ring colluding with the merchant, or null.</summary>
        public int? RingOfMerchant(int merchantId)
        {
            WorldChecks.Id(merchantId, _w._merchants.Length, nameof(merchantId));
            int r = _w._merchantTraits.Ring[merchantId];
            return r < 0 ? null : r;
        }
    }
}
