using System.Diagnostics;
using System.Globalization;

namespace Mlsd.Serving;

/// <summary>What one run of a <see cref="TwoStagePipeline"/> (or of the same two stages in one loop) did.</summary>
/// <param name="Results">One result per input, in input order.</param>
/// <param name="Elapsed">Wall-clock time from the first input to the last result.</param>
/// <param name="FirstStageBusy">Total time spent inside the first stage.</param>
/// <param name="SecondStageBusy">Total time spent inside the second stage.</param>
/// <param name="MostQueued">The most prepared items seen waiting behind the one being processed (at most the capacity; 0 for the single loop).</param>
public sealed record PipelineRun<T>(IReadOnlyList<T> Results, TimeSpan Elapsed, TimeSpan FirstStageBusy,
    TimeSpan SecondStageBusy, int MostQueued)
{
    /// <summary>Inputs processed per second of wall-clock time.</summary>
    public double ItemsPerSecond => Results.Count / Math.Max(Elapsed.TotalSeconds, 1e-9);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Results.Count} items in {Elapsed.TotalMilliseconds:F0} ms ({ItemsPerSecond:F1}/s); stage busy " +
        $"{FirstStageBusy.TotalMilliseconds:F0} + {SecondStageBusy.TotalMilliseconds:F0} ms; most queued {MostQueued}");
}

/// <summary>
/// A batch pipeline of two stages joined by a bounded queue (<see cref="System.Threading.Channels.Channel.CreateBounded{T}(System.Threading.Channels.BoundedChannelOptions)"/>):
/// one task runs the first stage (decode, resize, features) on each input in turn and puts the result in the queue;
/// another takes from the queue and runs the second stage (detect, suppress, blur). While the second stage works on
/// image i, the first prepares image i + 1, so on two cores the throughput approaches 1 / max(stage time) instead of
/// 1 / (sum of stage times). The bound keeps memory flat: when the second stage falls behind, the first waits
/// (back-pressure) instead of filling memory with prepared images.
/// </summary>
/// <remarks>Results come back in input order and each is computed from its input alone, so they do not depend on
/// thread timing. The channel loop is the one <see cref="StreamingPipeline"/> runs, with real work on the producer's
/// side. Reference: the producer/consumer pattern of System.Threading.Channels (.NET docs, "Channels").</remarks>
/// <example>Stages x → x + 1 and y → 2y over [1, 2, 3] give [4, 6, 8], the same as the single loop.</example>
public static class TwoStagePipeline
{
    /// <summary>Runs both stages concurrently through a queue holding at most <paramref name="capacity"/> items.</summary>
    /// <exception cref="ArgumentException">Null inputs or stages, or a capacity below 1.</exception>
    /// <exception cref="AggregateException">Never: the first exception thrown by a stage is rethrown as is.</exception>
    public static PipelineRun<TOut> Run<TIn, TMid, TOut>(IReadOnlyList<TIn> inputs, Func<TIn, TMid> firstStage,
        Func<TMid, TOut> secondStage, int capacity = 4)
    {
        Check(inputs, firstStage, secondStage);
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "capacity must be at least 1.");
        var results = new TOut[inputs.Count];
        long firstTicks = 0, secondTicks = 0;
        int mostQueued = 0;
        var clock = Stopwatch.StartNew();
        BoundedChannelLoop.RunAsync(inputs.Count, i =>
        {
            long t0 = Stopwatch.GetTimestamp();
            var item = firstStage(inputs[i]);
            firstTicks += Stopwatch.GetTimestamp() - t0;
            return item;
        }, (i, item, _, queued) =>
        {
            mostQueued = Math.Max(mostQueued, queued);
            long t0 = Stopwatch.GetTimestamp();
            results[i] = secondStage(item);
            secondTicks += Stopwatch.GetTimestamp() - t0;
        }, capacity, CancellationToken.None).GetAwaiter().GetResult();
        clock.Stop();
        return new PipelineRun<TOut>(results, clock.Elapsed, Stopwatch.GetElapsedTime(0, firstTicks),
            Stopwatch.GetElapsedTime(0, secondTicks), mostQueued);
    }

    /// <summary>The same two stages one after the other in a single loop: the baseline the pipeline is measured against.</summary>
    /// <exception cref="ArgumentException">Null inputs or stages.</exception>
    public static PipelineRun<TOut> RunSequential<TIn, TMid, TOut>(IReadOnlyList<TIn> inputs, Func<TIn, TMid> firstStage,
        Func<TMid, TOut> secondStage)
    {
        Check(inputs, firstStage, secondStage);
        var results = new TOut[inputs.Count];
        long firstTicks = 0, secondTicks = 0;
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < inputs.Count; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            var item = firstStage(inputs[i]);
            long t1 = Stopwatch.GetTimestamp();
            results[i] = secondStage(item);
            firstTicks += t1 - t0;
            secondTicks += Stopwatch.GetTimestamp() - t1;
        }
        clock.Stop();
        return new PipelineRun<TOut>(results, clock.Elapsed, Stopwatch.GetElapsedTime(0, firstTicks),
            Stopwatch.GetElapsedTime(0, secondTicks), 0);
    }

    private static void Check<TIn, TMid, TOut>(IReadOnlyList<TIn> inputs, Func<TIn, TMid> first, Func<TMid, TOut> second)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
    }
}
