using System.Globalization;

namespace Mlsd.Data.Synthetic;

/// <summary>One simulated browsing session: a user's items in the order seen, with a timestamp per event.</summary>
/// <param name="SessionId">0-based id in start-time order.</param>
/// <param name="UserId">The user, 0-based.</param>
/// <param name="Items">Item ids in the order the user saw them.</param>
/// <param name="Times">Event times (whole seconds), one per item, non-decreasing.</param>
public sealed record Session(int SessionId, int UserId, int[] Items, DateTime[] Times)
{
    /// <summary>Time of the first event.</summary>
    public DateTime Start => Times[0];

    /// <summary>Number of events.</summary>
    public int Length => Items.Length;

    /// <summary>A summary such as <c>session 12 (user 4, 2024-01-01 20:13:05): 5 items 17 → 3 → 3 → 250 → 0</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"session {SessionId} (user {UserId}, {Start:yyyy-MM-dd HH:mm:ss}): {Length} items {string.Join(" → ", Items.Take(8))}{(Length > 8 ? " → …" : "")}");
}

/// <summary>What a custom item chooser sees at each step of a session.</summary>
/// <param name="UserId">The user.</param>
/// <param name="Position">0-based position within the session.</param>
/// <param name="ItemsSoFar">Items already seen in this session.</param>
/// <param name="Time">Time of the event being generated.</param>
public readonly record struct SessionStep(int UserId, int Position, IReadOnlyList<int> ItemsSoFar, DateTime Time);

/// <summary>
/// Generates user sessions with the shape real logs have: heavy-tailed user activity (log-normal rates), a daily
/// rhythm (evening peak), geometric session lengths, exponential gaps between events, and Zipf item popularity
/// (item 0 most popular) — or any item model a case study plugs in through <see cref="NextItem"/>.
/// </summary>
/// <remarks>Configure with init properties, then <see cref="Generate"/> with a seed; the same seed gives the same sessions.</remarks>
public sealed class SessionGenerator
{
    /// <summary>Number of users (ids 0..Users−1).</summary>
    public int Users { get; init; } = 1_000;

    /// <summary>Number of items (ids 0..Items−1) for the default popularity chooser.</summary>
    public int Items { get; init; } = 500;

    /// <summary>Days simulated, starting at <see cref="Start"/>.</summary>
    public int Days { get; init; } = 7;

    /// <summary>Midnight of day 0.</summary>
    public DateTime Start { get; init; } = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Mean sessions per user per day (the population average).</summary>
    public double SessionsPerUserPerDay { get; init; } = 0.5;

    /// <summary>σ of the log-normal multiplier on each user's rate (0 = everyone alike; 1 ≈ real-world skew). The multiplier has mean 1.</summary>
    public double ActivitySpread { get; init; } = 1.0;

    /// <summary>Mean events per session (geometric, at least 1).</summary>
    public double MeanEventsPerSession { get; init; } = 5;

    /// <summary>Mean seconds between consecutive events (exponential).</summary>
    public double MeanSecondsBetweenEvents { get; init; } = 30;

    /// <summary>Zipf exponent of the default item popularity.</summary>
    public double PopularityExponent { get; init; } = 1.0;

    /// <summary>Relative weight of each hour 0–23 for session starts; the default peaks at 20:00.</summary>
    public IReadOnlyList<double> HourWeights { get; init; } =
        [1.0, 0.6, 0.4, 0.3, 0.3, 0.4, 0.8, 1.5, 2.0, 2.0, 2.0, 2.2, 2.5, 2.2, 2.0, 2.0, 2.2, 2.6, 3.0, 3.5, 3.8, 3.5, 2.6, 1.6];

    /// <summary>Optional item chooser replacing the Zipf default (e.g. "similar to the last item" for 08). Must use only the sampler given.</summary>
    public Func<SessionStep, Sampler, int>? NextItem { get; init; }

    /// <summary>Generates all sessions, ordered by start time (ties by user), ids assigned in that order.</summary>
    public Session[] Generate(int seed)
    {
        if (Users < 1) throw new ArgumentOutOfRangeException(nameof(Users), Users, "Users must be at least 1.");
        if (Days < 1) throw new ArgumentOutOfRangeException(nameof(Days), Days, "Days must be at least 1.");
        if (!(MeanEventsPerSession >= 1)) throw new ArgumentOutOfRangeException(nameof(MeanEventsPerSession), MeanEventsPerSession, "MeanEventsPerSession must be at least 1.");
        if (HourWeights.Count != 24) throw new ArgumentException($"HourWeights must have 24 values (got {HourWeights.Count}).", nameof(HourWeights));
        var sampler = new Sampler(seed);
        var zipf = NextItem is null ? new ZipfDistribution(Items, PopularityExponent) : null;
        double continueProbability = 1 - 1 / MeanEventsPerSession;
        double sigma = ActivitySpread;
        var drafts = new List<(DateTime Start, int User, int[] Items, DateTime[] Times)>();
        var items = new List<int>();
        var times = new List<DateTime>();
        for (int u = 0; u < Users; u++)
        {
            double rate = SessionsPerUserPerDay * Math.Exp(sampler.Normal(0, sigma) - sigma * sigma / 2);
            for (int day = 0; day < Days; day++)
            {
                int count = sampler.Poisson(rate);
                for (int s = 0; s < count; s++)
                {
                    int hour = sampler.Categorical(HourWeights);
                    var t = Start.AddDays(day).AddHours(hour).AddSeconds(sampler.Next(3600));
                    items.Clear();
                    times.Clear();
                    do
                    {
                        int item = NextItem is null ? zipf!.Sample(sampler) : NextItem(new SessionStep(u, items.Count, items, t), sampler);
                        items.Add(item);
                        times.Add(t);
                        t = t.AddSeconds(Math.Round(sampler.Exponential(1 / MeanSecondsBetweenEvents)));
                    } while (sampler.Uniform() < continueProbability);
                    drafts.Add((times[0], u, items.ToArray(), times.ToArray()));
                }
            }
        }
        drafts.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.User.CompareTo(b.User));
        var sessions = new Session[drafts.Count];
        for (int i = 0; i < sessions.Length; i++) sessions[i] = new Session(i, drafts[i].User, drafts[i].Items, drafts[i].Times);
        return sessions;
    }
}
