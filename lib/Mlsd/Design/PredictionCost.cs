using Mlsd.Models;

namespace Mlsd.Design;

/// <summary>
/// What the batch-versus-online decision costs rest on. None of these has a universal value: each is either
/// measured (the compute one prediction takes), taken from a price list, or derived from the requirements — and the
/// notebook that builds one says which.
/// </summary>
public sealed record PredictionCostAssumptions
{
    /// <summary>Users a batch run must score: everyone who might visit before the next run (e.g. monthly
    /// users), because a batch job cannot know who will come.</summary>
    public required double UsersCovered { get; init; }

    /// <summary>Users who actually visit on a given day.</summary>
    public required double DailyActiveUsers { get; init; }

    /// <summary>Requests (page loads) per visiting user per day; online prediction pays for each.</summary>
    public required double RequestsPerUserPerDay { get; init; }

    /// <summary>Compute seconds on one vCPU to produce one user's answer (score every candidate of one page).</summary>
    public required double VcpuSecondsPerPrediction { get; init; }

    /// <summary>Price of one vCPU for one hour, in dollars.</summary>
    public required double DollarsPerVcpuHour { get; init; }

    /// <summary>Share of paid capacity a batch job keeps busy, in (0, 1]: a batch job can run its machines flat out.</summary>
    public double BatchUtilisation { get; init; } = 1;

    /// <summary>Share of paid capacity an online fleet keeps busy on average, in (0, 1]: the fleet is sized for the
    /// peak with headroom, so on average it idles (see <see cref="OnlineUtilisationFor"/>).</summary>
    public double OnlineUtilisation { get; init; } = 1;

    /// <summary>Average utilisation of a fleet sized for the peak: (1 / peak-to-average) × (1 − headroom). A fleet
    /// built for 3× the mean load with 30 % headroom is busy 0.7 / 3 ≈ 23 % of the time on average.</summary>
    /// <exception cref="ArgumentOutOfRangeException">peakToAverage &lt; 1 or headroom outside [0, 1).</exception>
    public static double OnlineUtilisationFor(double peakToAverage, double headroom)
    {
        if (!(peakToAverage >= 1) || double.IsInfinity(peakToAverage))
            throw new ArgumentOutOfRangeException(nameof(peakToAverage), peakToAverage, "peakToAverage must be a finite number ≥ 1.");
        if (!(headroom >= 0 && headroom < 1))
            throw new ArgumentOutOfRangeException(nameof(headroom), headroom, "headroom must be in [0, 1).");
        return (1 - headroom) / peakToAverage;
    }
}

/// <summary>One way to serve predictions: its daily compute bill and how old an answer can be when it is shown.</summary>
/// <param name="Name">"online", "batch every 24 h", …</param>
/// <param name="DollarsPerDay">Compute cost per day.</param>
/// <param name="StalenessHours">Worst-case age of a served answer: 0 for online, the run interval for batch.</param>
public sealed record ServingPlan(string Name, double DollarsPerDay, double StalenessHours);

/// <summary>
/// The batch-versus-online cost model. Batch prediction scores every covered user once per run, whether or not
/// they come back, at batch utilisation; online prediction scores each request of each visitor, at the (lower)
/// utilisation of a fleet sized for the peak.
/// </summary>
/// <remarks>
/// Cost of one prediction = vCPU-seconds per prediction / 3600 × dollars per vCPU-hour / utilisation.
/// Batch every h hours: runs per day 24 / h × users covered × that cost (at batch utilisation).
/// Online: daily active users × requests per user × that cost (at online utilisation).
/// Daily batch and online cost the same when the daily active share of covered users equals
/// online utilisation / (batch utilisation × requests per user per day) — a ratio in which price and model speed
/// cancel. Example: 100 users covered, 20 daily active, 5 requests each, 1 vCPU-second per prediction at
/// $3.6/vCPU-hour, batch utilisation 1, online 0.5: a prediction costs $0.001 in batch and $0.002 online; daily batch
/// $0.10, hourly batch $2.40, online 20 × 5 × $0.002 = $0.20; break-even share 0.5 / 5 = 10 %.
/// The framing follows Huyen, <em>Designing Machine Learning Systems</em> (O'Reilly, 2022), ch. 7 (batch vs online
/// prediction); the utilisation argument is the standard capacity-planning one.
/// </remarks>
public static class PredictionCost
{
    /// <summary>Dollars of compute for one prediction at the given utilisation.</summary>
    public static double DollarsPerPrediction(PredictionCostAssumptions a, double utilisation)
    {
        Check(a);
        if (!(utilisation > 0 && utilisation <= 1))
            throw new ArgumentOutOfRangeException(nameof(utilisation), utilisation, "utilisation must be in (0, 1].");
        return a.VcpuSecondsPerPrediction / 3600 * a.DollarsPerVcpuHour / utilisation;
    }

    /// <summary>Online prediction: every request of every visitor is scored when it arrives; answers are never stale.</summary>
    public static ServingPlan Online(PredictionCostAssumptions a) =>
        new("online", a.DailyActiveUsers * a.RequestsPerUserPerDay * DollarsPerPrediction(a, a.OnlineUtilisation), 0);

    /// <summary>Batch prediction every <paramref name="everyHours"/> hours for all covered users; an answer is up to
    /// that old when shown.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="everyHours"/> not in (0, 24·365].</exception>
    public static ServingPlan Batch(PredictionCostAssumptions a, double everyHours)
    {
        if (!(everyHours > 0 && everyHours <= 24 * 365))
            throw new ArgumentOutOfRangeException(nameof(everyHours), everyHours, "everyHours must be in (0, 8760].");
        double runsPerDay = 24 / everyHours;
        return new ServingPlan($"batch every {everyHours:0.##} h",
            runsPerDay * a.UsersCovered * DollarsPerPrediction(a, a.BatchUtilisation), everyHours);
    }

    /// <summary>The share of covered users who must visit daily for online prediction to cost as much as a daily
    /// batch run: online utilisation / (batch utilisation × requests per user per day).</summary>
    public static double BreakEvenDailyShare(PredictionCostAssumptions a)
    {
        Check(a);
        return a.OnlineUtilisation / (a.BatchUtilisation * a.RequestsPerUserPerDay);
    }

    private static void Check(PredictionCostAssumptions a)
    {
        ArgumentNullException.ThrowIfNull(a);
        ModelInput.CheckPositive(a.UsersCovered, "UsersCovered");
        ModelInput.CheckNonNegative(a.DailyActiveUsers, "DailyActiveUsers");
        ModelInput.CheckPositive(a.RequestsPerUserPerDay, "RequestsPerUserPerDay");
        ModelInput.CheckNonNegative(a.VcpuSecondsPerPrediction, "VcpuSecondsPerPrediction");
        ModelInput.CheckNonNegative(a.DollarsPerVcpuHour, "DollarsPerVcpuHour");
        if (!(a.BatchUtilisation > 0 && a.BatchUtilisation <= 1))
            throw new ArgumentOutOfRangeException(nameof(a), a.BatchUtilisation, "BatchUtilisation must be in (0, 1].");
        if (!(a.OnlineUtilisation > 0 && a.OnlineUtilisation <= 1))
            throw new ArgumentOutOfRangeException(nameof(a), a.OnlineUtilisation, "OnlineUtilisation must be in (0, 1].");
    }
}
