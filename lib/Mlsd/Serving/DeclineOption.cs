using System.Globalization;

namespace Mlsd.Serving;

/// <summary>
/// One candidate decline threshold of a fraud scorer, measured on held-out days: the fraud money it stops a day and
/// the genuine customers it turns away a day. A sweep of these is the trade-off behind a fraud policy: a lower
/// threshold stops more fraud and insults more customers, and the customers' patience is the budget.
/// </summary>
/// <param name="Threshold">Payments whose fraud probability reaches this value are declined.</param>
/// <param name="FraudAmountDeclinedPerDay">Dollars of fraudulent payments declined per day.</param>
/// <param name="GenuineDeclinedPerDay">Genuine payments declined per day (the friction).</param>
/// <example><c>new DeclineOption(0.3, 4_200, 2.5)</c>: declining at P(fraud) ≥ 0.3 stops $4,200 of fraud a day and
/// turns away 2.5 genuine payments a day.</example>
public sealed record DeclineOption(double Threshold, double FraudAmountDeclinedPerDay, double GenuineDeclinedPerDay)
{
    /// <summary>"threshold 0.300: $4,200 fraud declined/day, 2.5 genuine declined/day".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"threshold {Threshold:0.000}: ${FraudAmountDeclinedPerDay:N0} fraud declined/day, {GenuineDeclinedPerDay:0.0} genuine declined/day");
}
