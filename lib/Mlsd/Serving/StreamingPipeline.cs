using System.Diagnostics;
using System.Globalization;

namespace Mlsd.Serving;

/// <summary>What a <see cref="StreamingPipeline"/> run did: every decision in arrival order and how long each took.</summary>
/// <param name="Outputs">One output per event, in arrival order.</param>
/// <param name="EndToEnd">From the moment the channel accepted an event to its decision: queueing plus scoring.</param>
/// <param name="Scoring">The scorer's own time per event.</param>
/// <param name="Elapsed">Wall time of the whole run.</param>
/// <param name="Capacity">The channel's bound.</param>
public sealed record StreamingRun<TOut>(IReadOnlyList<TOut> Outputs, LatencySummary EndToEnd, LatencySummary Scoring,
    TimeSpan Elapsed, int Capacity)
{
    /// <summary>Events decided per second of wall time.</summary>
    public double ThroughputPerSecond => Elapsed.TotalSeconds > 0 ? Outputs.Count / Elapsed.TotalSeconds : 0;

    /// <summary>"20,000 events · 45,000/s · end-to-end p50 2.1 ms, p99 3.0 ms · scoring p50 0.02 ms, p99 0.05 ms".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Outputs.Count:N0} events · {ThroughputPerSecond:N0}/s · end-to-end p50 {EndToEnd.P50Ms:0.###} ms, p99 {EndToEnd.P99Ms:0.###} ms · scoring p50 {Scoring.P50Ms:0.###} ms, p99 {Scoring.P99Ms:0.###} ms");
}

/// <summary>
/// A streaming scorer as a bounded-channel pipeline: a producer pushes events into a
/// <see cref="System.Threading.Channels.Channel.CreateBounded{T}(int)"/> channel, one consumer reads them in order and scores each. The bound is
/// back-pressure: when the scorer falls behind, the producer waits instead of the queue (and the latency) growing
/// without limit. One consumer keeps events in order, which stateful streaming features need.
/// </summary>
/// <remarks>
/// Latency is measured per event from the moment the channel accepted it to its decision, so under a flood the
/// end-to-end time is about (events queued ahead) × (scoring time) — at most <c>capacity</c> × the scoring time, by
/// Little's law. Reference: J. D. C. Little, "A Proof for the Queuing Formula L = λW", Operations Research 9(3), 1961,
/// <see href="https://doi.org/10.1287/opre.9.3.383">doi:10.1287/opre.9.3.383</see>; System.Threading.Channels,
/// <see href="https://learn.microsoft.com/dotnet/core/extensions/channels">learn.microsoft.com</see>.
/// </remarks>
public static class StreamingPipeline
{
    /// <summary>Pushes every event as fast as the channel accepts it and scores each in order on one consumer.</summary>
    /// <param name="events">The stream, in arrival order.</param>
    /// <param name="score">The scorer (may keep state: it sees events one at a time, in order).</param>
    /// <param name="capacity">Channel bound, at least 1 (default 256).</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    /// <exception cref="ArgumentOutOfRangeException">capacity &lt; 1.</exception>
    public static async Task<StreamingRun<TOut>> RunAsync<TIn, TOut>(IReadOnlyList<TIn> events, Func<TIn, TOut> score,
        int capacity = 256, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(score);
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "capacity must be at least 1.");
        var outputs = new TOut[events.Count];
        var endToEnd = new double[events.Count];
        var scoring = new double[events.Count];
        long start = Stopwatch.GetTimestamp();
        // The producer only hands events over (its item is the index); the consumer scores them in order.
        await BoundedChannelLoop.RunAsync(events.Count, i => i, (i, _, accepted, _) =>
        {
            long begin = Stopwatch.GetTimestamp();
            outputs[i] = score(events[i]);
            long end = Stopwatch.GetTimestamp();
            scoring[i] = Stopwatch.GetElapsedTime(begin, end).TotalMilliseconds;
            endToEnd[i] = Stopwatch.GetElapsedTime(accepted, end).TotalMilliseconds;
        }, capacity, cancellationToken).ConfigureAwait(false);
        return new StreamingRun<TOut>(outputs, LatencySummary.FromMilliseconds(endToEnd),
            LatencySummary.FromMilliseconds(scoring), Stopwatch.GetElapsedTime(start), capacity);
    }
}
