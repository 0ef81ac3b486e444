using System.Globalization;

namespace Mlsd.Data.Worlds;

/// <summary>How big a <see cref="TransactionWorld"/> to generate. The defaults give about 67,000 transactions, a
/// fraud rate near 0.6 %, and generate in well under a second.</summary>
public sealed record TransactionWorldOptions
{
    /// <summary>Number of cardholders (default 2,000).</summary>
    public int Cardholders { get; init; } = 2_000;

    /// <summary>Number of merchants (default 300).</summary>
    public int Merchants { get; init; } = 300;

    /// <summary>Days of logged transactions, day 0 … Days − 1 (default 28).</summary>
    public int Days { get; init; } = 28;

    /// <summary>Days after the log that <see cref="TransactionWorld.Simulate"/> may serve (default 14).</summary>
    public int FutureDays { get; init; } = 14;

    /// <summary>Mean genuine transactions per cardholder per day, before each cardholder's activity factor (default 1.2).</summary>
    public double TransactionsPerCardDay { get; init; } = 1.2;

    /// <summary>Share of cards stolen at some moment of the world's days (default 0.04).</summary>
    public double CompromiseRate { get; init; } = 0.04;

    /// <summary>Number of fraud rings; each owns a few devices and colludes with a few merchants (default 6).</summary>
    public int Rings { get; init; } = 6;

    /// <summary>Share of fraudulent transactions the cardholder ever disputes (default 0.85); the rest stay unlabelled.</summary>
    public double ReportRate { get; init; } = 0.85;

    /// <summary>Mean days from a fraudulent transaction to its chargeback (default 21; at least 2 days always pass).</summary>
    public double MeanReportDelayDays { get; init; } = 21;

    /// <summary>First day card testers adapt — tests of $8–30 spread over hours instead of cents within minutes
    /// (default Days + 7; a value ≥ Days + FutureDays means no adaptation).</summary>
    public int? ShiftDay { get; init; }

    internal int Shift => ShiftDay ?? Days + 7;

    internal void Validate()
    {
        WorldChecks.Option(Cardholders >= 50, Cardholders, nameof(Cardholders), "at least 50");
        WorldChecks.Option(Merchants >= 30, Merchants, nameof(Merchants), "at least 30");
        WorldChecks.Option(Days >= 1 && Days <= 365, Days, nameof(Days), "between 1 and 365");
        WorldChecks.Option(FutureDays >= 0 && FutureDays <= 365, FutureDays, nameof(FutureDays), "between 0 and 365");
        WorldChecks.Option(TransactionsPerCardDay > 0 && TransactionsPerCardDay <= 20, TransactionsPerCardDay,
            nameof(TransactionsPerCardDay), "in (0, 20]");
        WorldChecks.Option(CompromiseRate >= 0 && CompromiseRate <= 0.5, CompromiseRate, nameof(CompromiseRate), "in [0, 0.5]");
        WorldChecks.Option(Rings >= 1 && Rings <= 100, Rings, nameof(Rings), "in [1, 100]");
        WorldChecks.Option(ReportRate >= 0 && ReportRate <= 1, ReportRate, nameof(ReportRate), "in [0, 1]");
        WorldChecks.Option(MeanReportDelayDays > 0 && MeanReportDelayDays <= 180, MeanReportDelayDays,
            nameof(MeanReportDelayDays), "in (0, 180]");
        WorldChecks.Option(Shift >= 0, Shift, nameof(ShiftDay), "non-negative");
    }
}

/// <summary>A cardholder: where they live, their age bucket and how long their account existed before day 0.</summary>
public sealed record Cardholder(int CardholderId, string Country, string AgeBucket, int AccountAgeDays);

/// <summary>A merchant: its category, country and whether it sells online (card not present).</summary>
public sealed record Merchant(int MerchantId, string Category, string Country, bool IsOnline);

/// <summary>A device (phone, browser, terminal wallet) first seen at <see cref="FirstSeenTimestamp"/> (negative: before
/// the log). Devices are in first-seen order, so "devices known at t" is a prefix of the table.</summary>
public sealed record Device(int DeviceId, string DeviceType, long FirstSeenTimestamp);

/// <summary>One card authorisation request, with the decision of the system that served it (<see cref="Declined"/>).
/// Whether it was fraud is not here: labels arrive later as <see cref="Chargeback"/>s, for some transactions only.</summary>
public readonly record struct CardTransaction(int TransactionId, int Day, long Timestamp, int CardholderId, int MerchantId,
    int DeviceId, double Amount, bool Declined);

/// <summary>A dispute the cardholder filed at <see cref="ReportedTimestamp"/> for an approved transaction: the label
/// "fraud", known only from then on.</summary>
public readonly record struct Chargeback(int TransactionId, long ReportedTimestamp);

/// <summary>What one cardholder's transactions did in a simulation.</summary>
/// <param name="CardholderId">The cardholder.</param>
/// <param name="Transactions">Authorisation requests on the card (genuine and fraudulent).</param>
/// <param name="GenuineDeclined">Genuine purchases the policy declined (friction: the customer's cost).</param>
/// <param name="FraudApproved">Fraudulent transactions the policy let through.</param>
/// <param name="FraudLoss">Amount of the approved fraudulent transactions (what the issuer loses).</param>
public sealed record TransactionCardholderOutcome(int CardholderId, int Transactions, int GenuineDeclined, int FraudApproved,
    double FraudLoss);

/// <summary>What a decline policy did over the simulated days: the log it produced and the money it saved or lost.</summary>
public sealed class TransactionSimulationResult
{
    internal TransactionSimulationResult(int day, int days, CardTransaction[] log, byte[] pattern, Chargeback[] chargebacks,
        TransactionCardholderOutcome[] outcomes)
    {
        Pattern = pattern;
        var fraud = pattern.Select(p => p != 0).ToArray();
        Day = day;
        Days = days;
        Log = Array.AsReadOnly(log);
        Chargebacks = Array.AsReadOnly(chargebacks);
        CardholderOutcomes = Array.AsReadOnly(outcomes);
        int fraudCount = 0, caught = 0, genuineDeclined = 0;
        double loss = 0, saved = 0;
        for (int i = 0; i < log.Length; i++)
        {
            if (fraud[i])
            {
                fraudCount++;
                if (log[i].Declined) { caught++; saved += log[i].Amount; } else loss += log[i].Amount;
            }
            else if (log[i].Declined) genuineDeclined++;
        }
        FraudTransactions = fraudCount;
        FraudDeclined = caught;
        GenuineDeclined = genuineDeclined;
        FraudLoss = loss;
        FraudAmountDeclined = saved;
    }

    /// <summary>Per logged request, its index in <see cref="TransactionWorld.Patterns"/>; read through
    /// <see cref="TransactionWorld.GroundTruth.Pattern(TransactionSimulationResult, int)"/>.</summary>
    internal byte[] Pattern { get; }

    /// <summary>First simulated day.</summary>
    public int Day { get; }

    /// <summary>Number of simulated days.</summary>
    public int Days { get; }

    /// <summary>Every authorisation request in time order, with the policy's decision; ids start at 0 in each result.</summary>
    public IReadOnlyList<CardTransaction> Log { get; }

    /// <summary>Disputes of approved fraudulent transactions in report order — including reports after the simulated days.</summary>
    public IReadOnlyList<Chargeback> Chargebacks { get; }

    /// <summary>One outcome per cardholder with at least one transaction, ascending id.</summary>
    public IReadOnlyList<TransactionCardholderOutcome> CardholderOutcomes { get; }

    /// <summary>Fraudulent requests (attacks and friendly fraud), declined or not.</summary>
    public int FraudTransactions { get; }

    /// <summary>Fraudulent requests the policy declined.</summary>
    public int FraudDeclined { get; }

    /// <summary>Genuine requests the policy declined.</summary>
    public int GenuineDeclined { get; }

    /// <summary>Amount of approved fraud (the issuer's loss).</summary>
    public double FraudLoss { get; }

    /// <summary>Amount of declined fraud (the loss the policy prevented).</summary>
    public double FraudAmountDeclined { get; }

    /// <summary>Share of fraudulent requests declined (recall; 0 when there was no fraud).</summary>
    public double FraudRecall => FraudTransactions == 0 ? 0 : (double)FraudDeclined / FraudTransactions;

    /// <summary>Share of genuine requests declined (the false-positive rate).</summary>
    public double FalsePositiveRate => Log.Count == FraudTransactions ? 0 : (double)GenuineDeclined / (Log.Count - FraudTransactions);

    /// <summary>"Days 28–41: 31,000 transactions, 160 fraudulent (62 % declined), loss $12,345, 40 genuine declined".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"Days {Day}–{Day + Days - 1}: {Log.Count:N0} transactions, {FraudTransactions:N0} fraudulent ({FraudRecall:P0} declined), loss ${FraudLoss:N0}, {GenuineDeclined:N0} genuine declined");
}
