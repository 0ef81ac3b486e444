namespace Mlsd.Data.Worlds;

public sealed partial class TransactionWorld
{
    /// <summary>
    /// Serves a decline policy to every authorisation request of days <paramref name="day"/> … <paramref name="day"/> +
    /// <paramref name="days"/> − 1 and draws what follows — the online half of an A/B test or a shadow run, without
    /// real customers.
    /// </summary>
    /// <remarks>
    /// <para>Each (cardholder, day) has its own random stream from (<paramref name="seed"/>, day, cardholder): the genuine
    /// purchases, the attack plan and the label draws are the same whichever policy is served (common random numbers).
    /// The policy sees requests in time order (ties by cardholder), each with <c>Declined = false</c>, and returns true to
    /// decline; it may keep state (velocity counts) between calls. Attackers give up on a card after two declines, so
    /// a policy that catches the first tests also prevents the later, larger purchases.</para>
    /// </remarks>
    /// <param name="policy">request → decline? Sees only observable fields.</param>
    /// <param name="day">First simulated day, in 0 … <see cref="TotalDays"/> − 1.</param>
    /// <param name="seed">Seed of the simulation: the arms of one test share it; repeats use others.</param>
    /// <param name="days">Consecutive days, at least 1, ending by <see cref="TotalDays"/>.</param>
    public TransactionSimulationResult Simulate(Func<CardTransaction, bool> policy, int day, int seed, int days = 1)
    {
        ArgumentNullException.ThrowIfNull(policy);
        WorldChecks.Day(day, TotalDays);
        if (days < 1 || day + days > TotalDays)
            throw new ArgumentOutOfRangeException(nameof(days), days, $"days must be in 1..{TotalDays - day} (the world ends on day {TotalDays - 1}).");
        var run = Run(policy, day, days, seed);
        var outcomes = new Dictionary<int, (int N, int Genuine, int Fraud, double Loss)>();
        for (int i = 0; i < run.Log.Length; i++)
        {
            var t = run.Log[i];
            outcomes.TryGetValue(t.CardholderId, out var o);
            bool fraud = run.Pattern[i] != 0;
            outcomes[t.CardholderId] = (o.N + 1, o.Genuine + (!fraud && t.Declined ? 1 : 0), o.Fraud + (fraud && !t.Declined ? 1 : 0),
                o.Loss + (fraud && !t.Declined ? t.Amount : 0));
        }
        var rows = outcomes.OrderBy(kv => kv.Key)
            .Select(kv => new TransactionCardholderOutcome(kv.Key, kv.Value.N, kv.Value.Genuine, kv.Value.Fraud, kv.Value.Loss)).ToArray();
        return new TransactionSimulationResult(day, days, run.Log, run.Pattern, run.Chargebacks, rows);
    }

    private readonly record struct Planned(long Timestamp, int Merchant, int Device, double Amount, int Attack,
        double FriendlyDraw, double ReportDraw, double DelayDraw);

    private sealed record RunResult(CardTransaction[] Log, byte[] Pattern, double[] Probability, Chargeback[] Chargebacks);

    /// <summary>Walks the planned requests of each day in time order through the policy; attackers stop after two
    /// declines; fraud is an attack, or a genuine purchase whose friendly-fraud draw comes up; approved fraud is
    /// reported with probability ReportRate (friendly fraud always: it is a dispute) after 2 + Exp days.</summary>
    private RunResult Run(Func<CardTransaction, bool> policy, int firstDay, int days, int seed)
    {
        var log = new List<CardTransaction>();
        var pattern = new List<byte>();
        var probability = new List<double>();
        var chargebacks = new List<Chargeback>();
        var declines = new int[_cardholders.Length];
        var today = new List<(Planned P, int Card, int Seq)>();
        for (int d = firstDay; d < firstDay + days; d++)
        {
            today.Clear();
            for (int c = 0; c < _cardholders.Length; c++)
            {
                var plan = Plan(c, d, seed);
                for (int i = 0; i < plan.Count; i++) today.Add((plan[i], c, i));
            }
            today.Sort((a, b) => a.P.Timestamp != b.P.Timestamp ? a.P.Timestamp.CompareTo(b.P.Timestamp)
                : a.Card != b.Card ? a.Card.CompareTo(b.Card) : a.Seq.CompareTo(b.Seq));
            foreach (var (p, c, _) in today)
            {
                if (p.Attack != 0 && declines[c] >= GiveUpAfterDeclines) continue;
                var request = new CardTransaction(log.Count, d, p.Timestamp, c, p.Merchant, p.Device, p.Amount, false);
                bool declined = policy(request);
                if (declined && p.Attack != 0) declines[c]++;
                double prob = p.Attack != 0 ? 1 : FriendlyProbability(_merchantTraits.Category[p.Merchant], p.Amount);
                byte kind = (byte)(p.Attack != 0 ? p.Attack : p.FriendlyDraw < prob ? 3 : 0);
                log.Add(request with { Declined = declined });
                pattern.Add(kind);
                probability.Add(prob);
                bool reported = kind == 3 || p.ReportDraw < Options.ReportRate;
                if (kind != 0 && !declined && reported)
                {
                    // Two days at least, then exponential with the rest of the mean (half a day when the mean is ≤ 2).
                    double delayDays = 2 - Math.Max(0.5, Options.MeanReportDelayDays - 2) * Math.Log(1 - p.DelayDraw);
                    chargebacks.Add(new Chargeback(request.TransactionId, p.Timestamp + (long)(delayDays * DaySeconds)));
                }
            }
        }
        var sorted = chargebacks.OrderBy(c => c.ReportedTimestamp).ThenBy(c => c.TransactionId).ToArray();
        return new RunResult([.. log], [.. pattern], [.. probability], sorted);
    }

    /// <summary>The requests one card makes on one day, from its own stream: genuine purchases (a fixed number of draws
    /// each), then the attack planned for that day, if any; sorted by time.</summary>
    private List<Planned> Plan(int c, int d, int seed)
    {
        var rng = new SplitMix64(SplitMix64.Seed(seed, d, c), c);
        var t = _cardTraits;
        var plan = new List<Planned>();
        long dayStart = d * DaySeconds, dayEnd = dayStart + DaySeconds - 1;
        int n = rng.Poisson(Options.TransactionsPerCardDay * t.Activity[c]);
        for (int i = 0; i < n; i++)
        {
            double night = rng.Uniform(), hour = rng.Uniform(), pick = rng.Uniform(), fav = rng.Uniform(), dev = rng.Uniform();
            double noise = rng.Normal(), friendly = rng.Uniform(), report = rng.Uniform(), delay = rng.Uniform();
            long time = dayStart + (long)(night < 0.05 ? hour * DaySeconds : 7 * 3_600 + hour * 16 * 3_600);
            int m = pick < 0.8 ? t.Favourites[c][(int)(fav * t.Favourites[c].Length)] : PickMerchant(_merchantTraits, fav);
            double amount = Math.Max(0.5, Math.Round(Math.Exp(t.LogAmount[c] + Math.Log(s_amountScale[_merchantTraits.Category[m]]) + 0.6 * noise), 2));
            plan.Add(new Planned(time, m, OwnDevice(c, time, dev), amount, 0, friendly, report, delay));
        }
        long at = t.CompromisedAt[c];
        if (at >= 0)
        {
            int stolenDay = (int)(at / DaySeconds);
            if (t.Pattern[c] == 1 && d == stolenDay) PlanCardTesting(ref rng, c, at, d >= Options.Shift, dayEnd, plan);
            if (t.Pattern[c] == 2 && (d == stolenDay || d == stolenDay + 1)) PlanTakeover(ref rng, c, Math.Max(at, dayStart), dayEnd, plan);
        }
        plan.Sort((a, b) => a.Timestamp.CompareTo(b.Timestamp));
        return plan;
    }

    private void PlanCardTesting(ref SplitMix64 rng, int c, long at, bool adapted, long dayEnd, List<Planned> plan)
    {
        int ring = _cardTraits.Ring[c];
        int tests = 3 + rng.Below(6), cashOuts = 1 + rng.Below(3);
        long time = at;
        for (int i = 0; i < tests; i++)
        {
            double gap = rng.Exponential(1.0 / (adapted ? 2_400 : 60)), amount = rng.Uniform();
            time = Math.Min(dayEnd, time + (long)gap);
            int m = AttackMerchant(ref rng, ring, s_testCategories);
            double value = Math.Round(adapted ? 8 + 22 * amount : 0.5 + 4.5 * amount, 2);
            plan.Add(new Planned(time, m, RingDevice(ref rng, ring), value, 1, 1, rng.Uniform(), rng.Uniform()));
        }
        for (int i = 0; i < cashOuts; i++)
        {
            long when = Math.Min(dayEnd, time + 1_800 + rng.Below(4 * 3_600));
            int m = AttackMerchant(ref rng, -1, s_cashOutCategories);
            double value = Math.Round(250 + 1_250 * rng.Uniform(), 2);
            plan.Add(new Planned(when, m, RingDevice(ref rng, ring), value, 1, 1, rng.Uniform(), rng.Uniform()));
        }
    }

    private void PlanTakeover(ref SplitMix64 rng, int c, long from, long dayEnd, List<Planned> plan)
    {
        int ring = _cardTraits.Ring[c];
        int count = 2 + rng.Below(2);
        for (int i = 0; i < count; i++)
        {
            double night = rng.Uniform(), hour = rng.Uniform();
            long span = dayEnd - from;
            long when = night < 0.5 ? Math.Max(from, dayEnd + 1 - DaySeconds + (long)(hour * 6 * 3_600)) : from + (long)(hour * span);
            int m = AttackMerchant(ref rng, -1, s_takeoverCategories);
            double value = Math.Round(300 + 2_200 * rng.Uniform(), 2);
            plan.Add(new Planned(Math.Min(dayEnd, when), m, RingDevice(ref rng, ring), value, 2, 1, rng.Uniform(), rng.Uniform()));
        }
    }

    private int OwnDevice(int c, long time, double u)
    {
        var own = _cardTraits.Devices[c];
        bool renewed = time >= _cardTraits.NewDeviceAt[c];
        if (renewed && u < 0.7) return own[^1];
        int old = renewed ? own.Length - 1 : own.Length - (_cardTraits.NewDeviceAt[c] == long.MaxValue ? 0 : 1);
        return own[Math.Min(old - 1, (int)(u * old))];
    }

    private int RingDevice(ref SplitMix64 rng, int ring) => _ringTraits.Devices[ring][rng.Below(_ringTraits.Devices[ring].Length)];

    private int AttackMerchant(ref SplitMix64 rng, int ring, int[] categories)
    {
        double collude = rng.Uniform();
        int category = categories[rng.Below(categories.Length)];
        var pool = _merchantTraits.ByCategory[category];
        int pick = rng.Below(pool.Length);
        if (ring >= 0 && collude < 0.5) return _ringTraits.Merchants[ring][pick % _ringTraits.Merchants[ring].Length];
        return pool[pick];
    }
}
