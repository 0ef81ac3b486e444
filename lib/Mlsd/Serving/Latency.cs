using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Mlsd.Serving;

/// <summary>Percentiles the way latency tools report them.</summary>
public static class Percentiles
{
    /// <summary>
    /// The nearest-rank percentile: sort the n values and take the one at rank ⌈p/100 · n⌉ (1-based; p = 0 gives
    /// the minimum). It always returns a value that was actually observed — what a latency SLO ("p99 under
    /// 50 ms") means — and never interpolates between two requests.
    /// </summary>
    /// <example>For 15, 20, 35, 40, 50: p5 = 15, p30 = 20, p40 = 20, p50 = 35, p100 = 50.</example>
    /// <remarks>Reference: the nearest-rank method, e.g. Wikipedia "Percentile"; NIST Engineering Statistics
    /// Handbook §7.2.6.2 lists it among the standard definitions.</remarks>
    /// <param name="values">Observations (any order; not modified).</param>
    /// <param name="percentile">p in [0, 100].</param>
    public static double NearestRank(IReadOnlyList<double> values, double percentile)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new ArgumentException("values must not be empty.", nameof(values));
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return NearestRankSorted(sorted, percentile);
    }

    /// <summary>As <see cref="NearestRank"/>, for values already sorted ascending (no copy).</summary>
    public static double NearestRankSorted(IReadOnlyList<double> sorted, double percentile)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0) throw new ArgumentException("values must not be empty.", nameof(sorted));
        if (!(percentile >= 0 && percentile <= 100))
            throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "percentile must be between 0 and 100.");
        // p·n/100 computed with a small tolerance so 95 % of 20 is rank 19, not 20 after rounding error.
        int rank = (int)Math.Ceiling(percentile * sorted.Count / 100.0 - 1e-9);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}

/// <summary>Summary of a set of latencies in milliseconds (nearest-rank percentiles, see <see cref="Percentiles.NearestRank"/>).</summary>
/// <param name="Count">Number of observations.</param>
/// <param name="MeanMs">Mean.</param>
/// <param name="P50Ms">Median.</param>
/// <param name="P95Ms">95th percentile.</param>
/// <param name="P99Ms">99th percentile.</param>
/// <param name="MaxMs">Maximum.</param>
/// <param name="TotalMs">Sum of all observations.</param>
public sealed record LatencySummary(int Count, double MeanMs, double P50Ms, double P95Ms, double P99Ms, double MaxMs, double TotalMs)
{
    /// <summary>Summarises <paramref name="milliseconds"/> (empty → all zeros).</summary>
    public static LatencySummary FromMilliseconds(IReadOnlyList<double> milliseconds)
    {
        ArgumentNullException.ThrowIfNull(milliseconds);
        if (milliseconds.Count == 0) return new LatencySummary(0, 0, 0, 0, 0, 0, 0);
        var sorted = milliseconds.ToArray();
        Array.Sort(sorted);
        double total = 0;
        foreach (double v in sorted) total += v;
        return new LatencySummary(sorted.Length, total / sorted.Length, Percentiles.NearestRankSorted(sorted, 50),
            Percentiles.NearestRankSorted(sorted, 95), Percentiles.NearestRankSorted(sorted, 99), sorted[^1], total);
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"n={Count:N0}, mean {MeanMs:F3} ms, p50 {P50Ms:F3} ms, p95 {P95Ms:F3} ms, p99 {P99Ms:F3} ms, max {MaxMs:F3} ms");
}

/// <summary>
/// What a load test measured: how many requests ran, how fast the system answered them (throughput), and the
/// latency distribution of the successful ones (nearest-rank percentiles).
/// </summary>
/// <param name="Requests">Requests started.</param>
/// <param name="Succeeded">Requests that completed without error.</param>
/// <param name="Failed">Requests that threw or got a non-success HTTP status.</param>
/// <param name="Concurrency">Requests kept in flight (closed loop).</param>
/// <param name="Elapsed">Wall-clock time of the whole run.</param>
/// <param name="HitTimeLimit">True if the time cap stopped the run before all requests were started.</param>
/// <param name="Latency">Latency of the successful requests.</param>
public sealed record LatencyReport(int Requests, int Succeeded, int Failed, int Concurrency, TimeSpan Elapsed, bool HitTimeLimit,
    LatencySummary Latency)
{
    /// <summary>Successful requests per second of wall-clock time.</summary>
    public double ThroughputPerSecond => Elapsed.TotalSeconds > 0 ? Succeeded / Elapsed.TotalSeconds : 0;

    /// <summary>Median latency (ms).</summary>
    public double P50Ms => Latency.P50Ms;

    /// <summary>95th-percentile latency (ms).</summary>
    public double P95Ms => Latency.P95Ms;

    /// <summary>99th-percentile latency (ms).</summary>
    public double P99Ms => Latency.P99Ms;

    /// <summary>Worst latency (ms).</summary>
    public double MaxMs => Latency.MaxMs;

    /// <summary>Mean latency (ms).</summary>
    public double MeanMs => Latency.MeanMs;

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Requests:N0} requests ({Failed:N0} failed{(HitTimeLimit ? ", stopped by the time cap" : "")}) at concurrency {Concurrency} " +
        $"in {Elapsed.TotalSeconds:F2} s → {ThroughputPerSecond:N0} req/s; latency p50 {P50Ms:F2} ms, p95 {P95Ms:F2} ms, " +
        $"p99 {P99Ms:F2} ms, max {MaxMs:F2} ms");
}

/// <summary>
/// Times the stages of an in-process pipeline (candidate generation, feature fetch, ranking, …) and reports
/// per-stage percentiles — where a latency budget goes. Thread-safe.
/// </summary>
/// <example><code>
/// var latency = new LatencyRecorder();
/// using (latency.Measure("candidates")) candidates = world.Candidates(request);
/// var scores = latency.Time("ranking", () =&gt; model.Score(candidates));
/// latency   // a table: stage, n, mean, p50, p95, p99, max
/// </code></example>
public sealed class LatencyRecorder
{
    private readonly Lock _gate = new();
    private readonly List<string> _order = [];
    private readonly Dictionary<string, List<double>> _samples = new(StringComparer.Ordinal);

    /// <summary>Starts timing <paramref name="stage"/>; the measurement is recorded when the scope is disposed.</summary>
    public Scope Measure(string stage)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stage);
        return new Scope(this, stage, Stopwatch.GetTimestamp());
    }

    /// <summary>Runs <paramref name="work"/>, records its duration under <paramref name="stage"/>, returns its result.</summary>
    public T Time<T>(string stage, Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var _ = Measure(stage);
        return work();
    }

    /// <summary>Runs <paramref name="work"/> and records its duration under <paramref name="stage"/>.</summary>
    public void Time(string stage, Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var _ = Measure(stage);
        work();
    }

    /// <summary>Awaits <paramref name="work"/>, records its duration under <paramref name="stage"/>, returns its result.</summary>
    public async Task<T> TimeAsync<T>(string stage, Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        long start = Stopwatch.GetTimestamp();
        try
        {
            return await work().ConfigureAwait(false);
        }
        finally
        {
            Record(stage, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    }

    /// <summary>Adds one measurement (ms) to <paramref name="stage"/>.</summary>
    public void Record(string stage, double milliseconds)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stage);
        if (!(milliseconds >= 0)) throw new ArgumentOutOfRangeException(nameof(milliseconds), milliseconds, "milliseconds must be non-negative.");
        lock (_gate)
        {
            if (!_samples.TryGetValue(stage, out var list))
            {
                _samples[stage] = list = [];
                _order.Add(stage);
            }
            list.Add(milliseconds);
        }
    }

    /// <summary>Stage names in the order they were first recorded.</summary>
    public IReadOnlyList<string> Stages
    {
        get
        {
            lock (_gate) return [.. _order];
        }
    }

    /// <summary>The summary of one stage.</summary>
    public LatencySummary Summary(string stage)
    {
        lock (_gate)
        {
            if (!_samples.TryGetValue(stage, out var list))
                throw new ArgumentException($"No measurements for stage '{stage}'; stages are {string.Join(", ", _order)}.", nameof(stage));
            return LatencySummary.FromMilliseconds(list);
        }
    }

    /// <summary>
    /// The raw measurements of one stage (ms), in the order they were recorded. When every request records every
    /// stage once (as <see cref="RecommendationFunnel"/> does), index i of each stage is the same request, so a
    /// slow end-to-end request can be taken apart stage by stage — which percentiles alone cannot do.
    /// </summary>
    /// <exception cref="ArgumentException">The stage has no measurements.</exception>
    public IReadOnlyList<double> Samples(string stage)
    {
        lock (_gate)
        {
            if (!_samples.TryGetValue(stage, out var list))
                throw new ArgumentException($"No measurements for stage '{stage}'; stages are {string.Join(", ", _order)}.", nameof(stage));
            return [.. list];
        }
    }

    /// <summary>One summary per stage, in first-recorded order.</summary>
    public IReadOnlyList<(string Stage, LatencySummary Latency)> Report()
    {
        lock (_gate) return [.. _order.Select(s => (s, LatencySummary.FromMilliseconds(_samples[s])))];
    }

    /// <summary>Forgets all measurements (e.g. after a warm-up pass).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _samples.Clear();
            _order.Clear();
        }
    }

    /// <summary>A fixed-width table: stage, n, mean, p50, p95, p99, max (ms).</summary>
    public override string ToString()
    {
        var rows = Report();
        int width = Math.Max(5, rows.Count == 0 ? 0 : rows.Max(r => r.Stage.Length));
        var text = new StringBuilder();
        text.Append("stage".PadRight(width)).Append("          n     mean      p50      p95      p99      max  (ms)");
        foreach (var (stage, s) in rows)
            text.Append('\n').Append(stage.PadRight(width)).Append(CultureInfo.InvariantCulture,
                $" {s.Count,10:N0} {s.MeanMs,8:F3} {s.P50Ms,8:F3} {s.P95Ms,8:F3} {s.P99Ms,8:F3} {s.MaxMs,8:F3}");
        return text.ToString();
    }

    /// <summary>An open measurement; dispose to record it (use with <c>using</c>).</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly LatencyRecorder? _owner;
        private readonly string _stage;
        private readonly long _start;

        internal Scope(LatencyRecorder owner, string stage, long start)
        {
            _owner = owner;
            _stage = stage;
            _start = start;
        }

        /// <summary>Records the time since the scope was opened.</summary>
        public void Dispose() => _owner?.Record(_stage, Stopwatch.GetElapsedTime(_start).TotalMilliseconds);
    }
}
