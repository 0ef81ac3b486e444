using Mlsd.Data.Worlds;

namespace Mlsd.Tests.Data.Worlds;

public sealed class TransactionWorldFixture
{
    public static readonly TransactionWorldOptions Small = new()
    {
        Cardholders = 600, Merchants = 60, Days = 10, FutureDays = 4, CompromiseRate = 0.1, Rings = 3, ShiftDay = 12,
    };

    public TransactionWorld World { get; } = TransactionWorld.Generate(7, Small);
}

public class TransactionWorldTests(TransactionWorldFixture fixture) : IClassFixture<TransactionWorldFixture>
{
    private readonly TransactionWorld _world = fixture.World;
    private static readonly TransactionWorldOptions Small = TransactionWorldFixture.Small;

    [Fact]
    public void CsvIsReproducibleByteForByte() => WorldContract.CsvIsReproducible(
        (seed, dir) => TransactionWorld.Generate(seed, Small).WriteCsv(dir),
        "cardholders.csv", "merchants.csv", "devices.csv", "transactions.csv", "chargebacks.csv");

    [Fact]
    public void TablesAreReadOnlyWithDenseIds()
    {
        WorldContract.TablesAreReadOnly(_world.Cardholders, _world.Merchants, _world.Devices, _world.Transactions, _world.Chargebacks);
        Assert.Equal(Small.Cardholders, _world.Cardholders.Count);
        Assert.Equal(Small.Merchants, _world.Merchants.Count);
        Assert.All(_world.Cardholders, (c, i) => Assert.Equal(i, c.CardholderId));
        Assert.All(_world.Merchants, (m, i) => Assert.Equal(i, m.MerchantId));
        Assert.All(_world.Devices, (d, i) => Assert.Equal(i, d.DeviceId));
        Assert.All(_world.Transactions, (t, i) => Assert.Equal(i, t.TransactionId));
        Assert.Equal(Small.Days + Small.FutureDays, _world.TotalDays);
        Assert.All(TransactionWorld.Categories, c => Assert.Contains(_world.Merchants, m => m.Category == c));
        var result = _world.Simulate(_ => false, Small.Days, seed: 1);
        WorldContract.TablesAreReadOnly(result.Log, result.CardholderOutcomes);
    }

    [Fact]
    public void RowsAreConsistentInTime()
    {
        long end = Small.Days * 86_400L;
        for (int d = 1; d < _world.Devices.Count; d++)
            Assert.True(_world.Devices[d - 1].FirstSeenTimestamp <= _world.Devices[d].FirstSeenTimestamp, "devices in first-seen order");
        for (int i = 0; i < _world.Transactions.Count; i++)
        {
            var t = _world.Transactions[i];
            if (i > 0) Assert.True(_world.Transactions[i - 1].Timestamp <= t.Timestamp, "the log is in time order");
            Assert.InRange(t.Timestamp, 0, end - 1);
            Assert.Equal(t.Timestamp / 86_400, t.Day);
            Assert.True(_world.Devices[t.DeviceId].FirstSeenTimestamp <= t.Timestamp, "a device is used only once it exists");
            Assert.True(t.Amount > 0);
        }
        // A chargeback is for an approved fraudulent transaction, reported at least two days later and before the log ends.
        Assert.NotEmpty(_world.Chargebacks);
        foreach (var c in _world.Chargebacks)
        {
            var t = _world.Transactions[c.TransactionId];
            Assert.False(t.Declined);
            Assert.True(_world.Truth.IsFraud(t.TransactionId));
            Assert.InRange(c.ReportedTimestamp, t.Timestamp + 2 * 86_400L, end - 1);
        }
        Assert.Equal(_world.Chargebacks.Count, _world.Chargebacks.Select(c => c.TransactionId).Distinct().Count());
    }

    [Fact]
    public void TheLogFollowsTheTruth()
    {
        var truth = _world.Truth;
        var ids = Enumerable.Range(0, _world.Transactions.Count).ToArray();
        // Attacks come from ring devices and only from them; a stolen card is attacked only after it was stolen.
        foreach (int i in ids)
        {
            var t = _world.Transactions[i];
            string pattern = truth.Pattern(i);
            bool attack = pattern is "CardTesting" or "AccountTakeover";
            Assert.Equal(attack, truth.RingOfDevice(t.DeviceId) is not null);
            if (attack) Assert.True(t.Timestamp >= truth.CompromisedAt(t.CardholderId), "an attack after the theft");
            Assert.Equal(attack ? 1.0 : TransactionWorld.FriendlyFraudProbability(
                _world.Merchants[t.MerchantId].Category, t.Amount), truth.FraudProbability(i), 12);
        }
        // Friendly fraud follows its probability: within 4 standard deviations of the expected count.
        var genuine = ids.Where(i => truth.FraudProbability(i) < 1).ToArray();
        double expected = genuine.Sum(truth.FraudProbability);
        double sd = Math.Sqrt(genuine.Sum(i => truth.FraudProbability(i) * (1 - truth.FraudProbability(i))));
        double observed = genuine.Count(truth.IsFraud);
        Assert.InRange(observed, expected - 4 * sd, expected + 4 * sd);
        // Extreme imbalance, and the card-testing burst: tiny amounts before the shift day.
        double fraudRate = ids.Average(i => truth.IsFraud(i) ? 1.0 : 0);
        Assert.InRange(fraudRate, 0.002, 0.05);
        var tests = ids.Where(i => truth.Pattern(i) == "CardTesting" && _world.Transactions[i].Amount <= 5).ToArray();
        Assert.NotEmpty(tests);
        Assert.Contains(ids, i => truth.Pattern(i) == "AccountTakeover");
        // The incumbent rules decline some attacks and few genuine purchases.
        double attackDeclined = ids.Where(i => truth.FraudProbability(i) == 1).Average(i => _world.Transactions[i].Declined ? 1.0 : 0);
        double genuineDeclined = genuine.Average(i => _world.Transactions[i].Declined ? 1.0 : 0);
        Assert.True(attackDeclined > 10 * genuineDeclined, $"attacks declined {attackDeclined:P1}, genuine {genuineDeclined:P2}");
    }

    [Fact]
    public void FormulasMatchHandWorkedValues()
    {
        // σ(−8 + 1.5 + 0.6 ln 3) = σ(−5.840833) = 0.0028980 (Python: 1/(1+exp(5.840833))).
        Assert.Equal(0.0028980, TransactionWorld.FriendlyFraudProbability("Electronics", 100), 7);
        // Grocery, amount 0: σ(−8) = 0.00033535.
        Assert.Equal(0.00033535, TransactionWorld.FriendlyFraudProbability("Grocery", 0), 8);
        // Gift cards, $25: σ(−8 + 1 + 0.6 ln 1.5) = 0.00116169.
        Assert.Equal(0.00116169, TransactionWorld.FriendlyFraudProbability("GiftCards", 25), 8);
    }

    [Fact]
    public void TheSimulatorUsesCommonRandomNumbersAndAnOracleBeatsApprovingAll()
    {
        int day = Small.Days, days = Small.FutureDays;
        var approveAll = _world.Simulate(_ => false, day, seed: 3, days);
        var again = _world.Simulate(_ => false, day, seed: 3, days);
        Assert.Equal(approveAll.Log, again.Log);
        Assert.NotEqual(approveAll.Log, _world.Simulate(_ => false, day, seed: 4, days).Log);
        // The oracle reads the truth (which devices belong to rings); it declines every attack request.
        var oracle = _world.Simulate(t => _world.Truth.RingOfDevice(t.DeviceId) is not null, day, seed: 3, days);
        // Same genuine purchases in both arms (common random numbers); the attackers give up after two declines.
        static HashSet<(long, int, double)> Genuine(TransactionSimulationResult r, Func<CardTransaction, bool> attack) =>
            r.Log.Where(t => !attack(t)).Select(t => (t.Timestamp, t.CardholderId, t.Amount)).ToHashSet();
        bool Attack(CardTransaction t) => _world.Truth.RingOfDevice(t.DeviceId) is not null;
        Assert.True(Genuine(approveAll, Attack).SetEquals(Genuine(oracle, Attack)));
        Assert.True(approveAll.FraudLoss > 0);
        Assert.True(oracle.FraudLoss < approveAll.FraudLoss);
        Assert.True(oracle.Log.Count(Attack) < approveAll.Log.Count(Attack), "attackers gave up after two declines");
        Assert.Equal(0, approveAll.FraudDeclined);
        Assert.Equal(0, oracle.GenuineDeclined);
        Assert.Equal(approveAll.Log.Count, approveAll.CardholderOutcomes.Sum(o => o.Transactions));
        // The truth of simulated requests: every ring-device request is an attack; fraud counts agree with the totals.
        Assert.All(approveAll.Log.Where(Attack), t => Assert.Contains(_world.Truth.Pattern(approveAll, t.TransactionId),
            new[] { "CardTesting", "AccountTakeover" }));
        Assert.Equal(approveAll.FraudTransactions, approveAll.Log.Count(t => _world.Truth.IsFraud(approveAll, t.TransactionId)));
        // After the shift day card testers use $8–30 tests spread over hours: no tiny tests any more.
        var lateTests = approveAll.Log.Where(t => t.Day >= Small.ShiftDay && _world.Truth.Pattern(approveAll, t.TransactionId) == "CardTesting"
            && t.Amount < 250).ToArray();
        Assert.NotEmpty(lateTests);
        Assert.All(lateTests, t => Assert.InRange(t.Amount, 8, 30));
        Assert.Equal("transactionId", Assert.Throws<ArgumentOutOfRangeException>(() => _world.Truth.Pattern(approveAll, -1)).ParamName);
        Assert.Equal(approveAll.FraudLoss, approveAll.CardholderOutcomes.Sum(o => o.FraudLoss), 6);
    }

    [Fact]
    public void BadInputNamesTheArgument()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => TransactionWorld.Generate(1, new TransactionWorldOptions { Cardholders = 3 }));
        Assert.Contains("options.Cardholders must be at least 50", e.Message);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => TransactionWorld.Generate(1, new TransactionWorldOptions { ReportRate = 2 }));
        Assert.Contains("options.ReportRate", e.Message);
        Assert.Equal("transactionId", Assert.Throws<ArgumentOutOfRangeException>(() => _world.Truth.FraudProbability(-1)).ParamName);
        Assert.Equal("cardholderId", Assert.Throws<ArgumentOutOfRangeException>(() => _world.Truth.CompromisedAt(99_999)).ParamName);
        Assert.Equal("deviceId", Assert.Throws<ArgumentOutOfRangeException>(() => _world.Truth.RingOfDevice(-5)).ParamName);
        Assert.Equal("day", Assert.Throws<ArgumentOutOfRangeException>(() => _world.Simulate(_ => false, _world.TotalDays, 1)).ParamName);
        Assert.Equal("days", Assert.Throws<ArgumentOutOfRangeException>(() => _world.Simulate(_ => false, Small.Days, 1, days: 99)).ParamName);
        Assert.Equal("policy", Assert.Throws<ArgumentNullException>(() => _world.Simulate(null!, 0, 1)).ParamName);
        Assert.Equal("category", Assert.Throws<ArgumentException>(() => TransactionWorld.FriendlyFraudProbability("Toys", 1)).ParamName);
        Assert.Equal("amount", Assert.Throws<ArgumentOutOfRangeException>(() => TransactionWorld.FriendlyFraudProbability("Fuel", -1)).ParamName);
    }
}
