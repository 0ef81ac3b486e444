namespace Mlsd.Features;

/// <summary>
/// Per-key running mean and standard deviation of a stream of values (Welford's update), for "how unusual is this
/// amount for this card": read the statistics for a key <i>before</i> adding the current value, and the same code gives
/// the same feature offline (replaying the log in time order) and online (one event at a time) — no training/serving skew.
/// </summary>
/// <remarks>
/// Definition: after values x₁ … xₙ, mean = Σx/n and the sample standard deviation s = √(Σ(x − mean)²/(n − 1)).
/// Worked example: values 10, 20, 60 give mean 30, s = √((400 + 100 + 900)/2) = √700 ≈ 26.458, and the z-score of 83 is
/// (83 − 30)/26.458 ≈ 2.0032. Reference: B. P. Welford, "Note on a Method for Calculating Corrected Sums of Squares and
/// Products", Technometrics 4(3), 1962.
/// </remarks>
public sealed class KeyedRunningStatistics
{
    private readonly Dictionary<long, (long N, double Mean, double M2)> _state = [];

    /// <summary>Adds <paramref name="value"/> to the history of <paramref name="key"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">value is NaN or infinite.</exception>
    public void Add(long key, double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "value must be a finite number.");
        _state.TryGetValue(key, out var s);
        long n = s.N + 1;
        double delta = value - s.Mean, mean = s.Mean + delta / n;
        _state[key] = (n, mean, s.M2 + delta * (value - mean));
    }

    /// <summary>An independent copy of the state (for a what-if replay that must not touch the original).</summary>
    public KeyedRunningStatistics Clone()
    {
        var copy = new KeyedRunningStatistics();
        foreach (var (key, value) in _state) copy._state[key] = value;
        return copy;
    }

    /// <summary>Number of values seen for the key (0 for an unseen key).</summary>
    public long Count(long key) => _state.TryGetValue(key, out var s) ? s.N : 0;

    /// <summary>Mean of the key's values, NaN for an unseen key.</summary>
    public double Mean(long key) => _state.TryGetValue(key, out var s) ? s.Mean : double.NaN;

    /// <summary>Sample standard deviation (n − 1 in the denominator), NaN with fewer than two values.</summary>
    public double StandardDeviation(long key) => _state.TryGetValue(key, out var s) && s.N >= 2 ? Math.Sqrt(s.M2 / (s.N - 1)) : double.NaN;

    /// <summary>
    /// (value − mean) / standard deviation of the key's history, or NaN (missing, which trees handle) when the key has
    /// fewer than <paramref name="minCount"/> values or no spread.
    /// </summary>
    /// <param name="key">The entity, e.g. a card.</param>
    /// <param name="value">The value to compare, e.g. the current amount (not yet added).</param>
    /// <param name="minCount">History needed before the score is trusted, at least 2 (default 3).</param>
    public double ZScore(long key, double value, int minCount = 3)
    {
        if (minCount < 2) throw new ArgumentOutOfRangeException(nameof(minCount), minCount, "minCount must be at least 2.");
        if (Count(key) < minCount) return double.NaN;
        double sd = StandardDeviation(key);
        return sd > 0 ? (value - Mean(key)) / sd : double.NaN;
    }
}

/// <summary>
/// Per-key distinct items in a sliding time window over a stream in time order — "how many different cards used this
/// device in the last 24 hours", the signature of a fraud ring. Counts events with now − window ≤ t &lt; now, so an event
/// at exactly <c>now</c> (the one being scored) is never in its own feature, as in <c>FeatureStore.WindowSum</c>.
/// </summary>
/// <remarks>
/// Worked example, window 100 s: device 1 used by card 7 at t = 0, card 8 at 50, card 7 at 120; at now = 120 the window
/// [20, 120) holds card 8 only → 1; at now = 121 it holds cards 8 and 7 → 2; at now = 151 only card 7 (t = 120) → 1.
/// Each event is added and evicted once: O(1) amortised per event.
/// </remarks>
public sealed class SlidingWindowDistinct
{
    private readonly Dictionary<long, Window> _windows = [];
    private long _last = long.MinValue;

    /// <summary>A counter over windows of <paramref name="windowSeconds"/> (positive).</summary>
    public SlidingWindowDistinct(long windowSeconds)
    {
        if (windowSeconds <= 0) throw new ArgumentOutOfRangeException(nameof(windowSeconds), windowSeconds, "windowSeconds must be positive.");
        WindowSeconds = windowSeconds;
    }

    /// <summary>The window length in seconds.</summary>
    public long WindowSeconds { get; }

    /// <summary>An independent copy of the state (for a what-if replay that must not touch the original).</summary>
    public SlidingWindowDistinct Clone()
    {
        var copy = new SlidingWindowDistinct(WindowSeconds) { _last = _last };
        foreach (var (key, w) in _windows)
        {
            var c = new Window { LastQuery = w.LastQuery };
            foreach (var e in w.Events) c.Events.Enqueue(e);
            foreach (var (item, n) in w.Counts) c.Counts[item] = n;
            copy._windows[key] = c;
        }
        return copy;
    }

    /// <summary>Records that <paramref name="item"/> occurred for <paramref name="key"/> at <paramref name="timestamp"/>;
    /// timestamps must not decrease across calls (a stream in time order).</summary>
    public void Add(long key, long item, long timestamp)
    {
        if (timestamp < _last)
            throw new ArgumentOutOfRangeException(nameof(timestamp), timestamp, $"timestamp must not go back in time (last was {_last}): feed the stream in time order.");
        _last = timestamp;
        if (!_windows.TryGetValue(key, out var w)) _windows[key] = w = new Window();
        w.Events.Enqueue((timestamp, item));
        w.Counts[item] = w.Counts.GetValueOrDefault(item) + 1;
    }

    /// <summary>Distinct items of <paramref name="key"/> with now − window ≤ t &lt; now; <paramref name="now"/> must not be
    /// earlier than a previous query's (the window only slides forward).</summary>
    public int DistinctCount(long key, long now)
    {
        if (!_windows.TryGetValue(key, out var w)) return 0;
        if (now < w.LastQuery)
            throw new ArgumentOutOfRangeException(nameof(now), now, $"now must not go back in time (last query at {w.LastQuery}).");
        w.LastQuery = now;
        while (w.Events.Count > 0 && w.Events.Peek().Time < now - WindowSeconds)
        {
            var (_, item) = w.Events.Dequeue();
            if (--w.Counts[item] == 0) w.Counts.Remove(item);
        }
        int distinct = w.Counts.Count;
        // Events at or after now are in the queue but not in the window: take back items that occur only there.
        if (_last < now) return distinct;
        foreach (var g in w.Events.Where(e => e.Time >= now).GroupBy(e => e.Item))
            if (w.Counts[g.Key] == g.Count()) distinct--;
        return distinct;
    }

    private sealed class Window
    {
        public readonly Queue<(long Time, long Item)> Events = new();
        public readonly Dictionary<long, int> Counts = [];
        public long LastQuery = long.MinValue;
    }
}
