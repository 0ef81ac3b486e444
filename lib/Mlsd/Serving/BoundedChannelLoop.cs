using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace Mlsd.Serving;

/// <summary>
/// The producer/consumer loop under <see cref="TwoStagePipeline"/> and <see cref="StreamingPipeline"/>: one task makes
/// item i (in order) and puts it in a bounded channel, stamped when the channel accepts it; another takes items in
/// the same order and consumes them. When the consumer falls behind, the producer waits (back-pressure). A failure on
/// either side stops the other, and the first real exception — not the cancellation it caused — is rethrown as is.
/// </summary>
internal static class BoundedChannelLoop
{
    /// <param name="count">Items to make, 0 … count − 1.</param>
    /// <param name="produce">Makes item i, on the producer task.</param>
    /// <param name="consume">Uses item i with the timestamp at which the channel accepted it and the number of items
    /// waiting behind it, on the consumer task.</param>
    /// <param name="capacity">Channel bound, at least 1 (checked by the callers).</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static async Task RunAsync<TItem>(int count, Func<int, TItem> produce, Action<int, TItem, long, int> consume,
        int capacity, CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<(int Index, TItem Item, long Accepted)>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait,
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(async () =>
        {
            try
            {
                for (int i = 0; i < count; i++)
                {
                    var item = produce(i);
                    while (!channel.Writer.TryWrite((i, item, Stopwatch.GetTimestamp())))   // stamped when accepted
                        if (!await channel.Writer.WaitToWriteAsync(stop.Token).ConfigureAwait(false)) return;
                }
                channel.Writer.TryComplete();
            }
            catch (Exception e) { channel.Writer.TryComplete(e); stop.Cancel(); throw; }
        }, stop.Token);
        var consumer = Task.Run(async () =>
        {
            try
            {
                await foreach (var (i, item, accepted) in channel.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
                    consume(i, item, accepted, channel.Reader.Count);
            }
            catch { stop.Cancel(); throw; }
        }, stop.Token);
        try
        {
            await Task.WhenAll(producer, consumer).ConfigureAwait(false);
        }
        catch
        {
            var failures = new[] { producer, consumer }.Where(t => t.IsFaulted).SelectMany(t => t.Exception!.InnerExceptions).ToList();
            var first = failures.FirstOrDefault(e => e is not OperationCanceledException and not ChannelClosedException);
            if (first is not null) ExceptionDispatchInfo.Throw(first);
            throw;
        }
    }
}
