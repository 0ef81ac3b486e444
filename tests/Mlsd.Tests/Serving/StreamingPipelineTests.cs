using Mlsd.Serving;

namespace Mlsd.Tests.Serving;

public class StreamingPipelineTests
{
    [Fact]
    public async Task ScoresEveryEventOnceInOrder()
    {
        // A stateful scorer (a running sum) only gives 0, 1, 3, 6, … if it sees the events one at a time, in order.
        long sum = 0;
        int[] events = Enumerable.Range(0, 5_000).ToArray();
        var run = await StreamingPipeline.RunAsync(events, e => sum += e, capacity: 8);
        Assert.Equal(events.Select(e => (long)e * (e + 1) / 2), run.Outputs);
        Assert.Equal(5_000, run.EndToEnd.Count);
        Assert.Equal(5_000, run.Scoring.Count);
        Assert.Equal(8, run.Capacity);
        Assert.True(run.EndToEnd.P50Ms >= 0 && run.ThroughputPerSecond > 0);
    }

    [Fact]
    public async Task AFailingScorerFailsTheRunWithItsOwnException()
    {
        var events = Enumerable.Range(0, 1_000).ToArray();
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => StreamingPipeline.RunAsync(events,
            x => x == 300 ? throw new InvalidOperationException("bad event 300") : x, capacity: 4));
        Assert.Equal("bad event 300", e.Message);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => StreamingPipeline.RunAsync(events, x => x,
            capacity: 4, cancelled.Token));
    }

    [Fact]
    public async Task BadInputIsNamed()
    {
        var e = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => StreamingPipeline.RunAsync(new[] { 1 }, x => x, 0));
        Assert.Equal("capacity", e.ParamName);
        await Assert.ThrowsAsync<ArgumentNullException>(() => StreamingPipeline.RunAsync<int, int>(null!, x => x));
    }
}
