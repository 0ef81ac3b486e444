using Mlsd.Serving;

namespace Mlsd.Tests.Serving;

public sealed class LatencyTests
{
    [Theory]
    // Nearest-rank worked example (Wikipedia "Percentile"): 15, 20, 35, 40, 50.
    [InlineData(5, 15)]
    [InlineData(30, 20)]
    [InlineData(40, 20)]
    [InlineData(50, 35)]
    [InlineData(100, 50)]
    [InlineData(0, 15)]
    public void NearestRankMatchesTheTextbookExample(double p, double expected) =>
        Assert.Equal(expected, Percentiles.NearestRank([50, 15, 40, 20, 35], p));

    [Fact]
    public void NearestRankUsesExactRanksDespiteFloatingPoint()
    {
        var values = Enumerable.Range(1, 20).Select(i => (double)i).ToArray();
        Assert.Equal(19, Percentiles.NearestRank(values, 95));   // ⌈0.95·20⌉ = 19
        var thousand = Enumerable.Range(1, 1000).Select(i => (double)i).ToArray();
        Assert.Equal(999, Percentiles.NearestRank(thousand, 99.9)); // ⌈0.999·1000⌉ = 999
        Assert.Equal(990, Percentiles.NearestRank(thousand, 99));
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.NearestRank(values, 101));
        Assert.Throws<ArgumentException>(() => Percentiles.NearestRank([], 50));
    }

    [Fact]
    public void SummaryOfHandValues()
    {
        // 1..100 ms: mean 50.5, p50 = 50, p95 = 95, p99 = 99, max 100, total 5050.
        var s = LatencySummary.FromMilliseconds(Enumerable.Range(1, 100).Select(i => (double)i).Reverse().ToArray());
        Assert.Equal(new LatencySummary(100, 50.5, 50, 95, 99, 100, 5050), s);
        Assert.Equal(0, LatencySummary.FromMilliseconds([]).Count);
    }

    [Fact]
    public void RecorderKeepsStagesInOrderWithTheirPercentiles()
    {
        var recorder = new LatencyRecorder();
        foreach (double ms in new double[] { 4, 1, 3, 2 }) recorder.Record("rank", ms);
        recorder.Record("candidates", 10);
        Assert.Equal(["rank", "candidates"], recorder.Stages);
        var rank = recorder.Summary("rank");
        Assert.Equal(4, rank.Count);
        Assert.Equal(2.5, rank.MeanMs);
        Assert.Equal(2, rank.P50Ms);   // ⌈0.5·4⌉ = 2nd of 1, 2, 3, 4
        Assert.Equal(4, rank.P95Ms);
        using (recorder.Measure("scope")) { }
        Assert.Equal(7, recorder.Time("func", () => 7));
        Assert.Equal(1, recorder.Summary("scope").Count);
        Assert.Contains("candidates", recorder.ToString());
        Assert.Throws<ArgumentException>(() => recorder.Summary("nope"));
        Assert.Equal([4.0, 1, 3, 2], recorder.Samples("rank"));   // raw, in recording order
        Assert.Contains("nope", Assert.Throws<ArgumentException>(() => recorder.Samples("nope")).Message);
        recorder.Reset();
        Assert.Empty(recorder.Stages);
    }

    [Fact]
    public async Task RecorderIsThreadSafe()
    {
        var recorder = new LatencyRecorder();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (int i = 0; i < 1_000; i++) recorder.Record(t % 2 == 0 ? "a" : "b", 1);
        })));
        Assert.Equal(4_000, recorder.Summary("a").Count);
        Assert.Equal(4_000, recorder.Summary("b").Count);
    }

    [Fact]
    public async Task LoadGeneratorRunsEveryRequestOnceWithBoundedConcurrency()
    {
        int inFlight = 0, peak = 0;
        var seen = new int[200];
        var report = await LoadGenerator.RunAsync(async i =>
        {
            int now = Interlocked.Increment(ref inFlight);
            try
            {
                InterlockedMax(ref peak, now);
                Interlocked.Increment(ref seen[i]);
                await Task.Yield();
                if (i == 13) throw new InvalidOperationException("boom");
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }
        }, requests: 200, concurrency: 5);
        Assert.All(seen, count => Assert.Equal(1, count));
        Assert.InRange(peak, 1, 5);
        Assert.Equal(200, report.Requests);
        Assert.Equal(1, report.Failed);
        Assert.Equal(199, report.Succeeded);
        Assert.Equal(199, report.Latency.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => LoadGenerator.RunAsync(_ => Task.CompletedTask, 0).GetAwaiter().GetResult());
        Assert.Throws<ArgumentOutOfRangeException>(() => LoadGenerator.RunAsync(_ => Task.CompletedTask, 10, concurrency: 1_000).GetAwaiter().GetResult());
    }

    [Fact]
    public async Task PacedRunStartsRequestINoEarlierThanIOverTheRate()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();   // started before the generator's own clock
        var startedAt = new double[20];
        var report = await LoadGenerator.RunAsync(i =>
        {
            startedAt[i] = clock.Elapsed.TotalSeconds;
            return Task.CompletedTask;
        }, requests: 20, concurrency: 4, ratePerSecond: 100);
        Assert.Equal(20, report.Succeeded);
        for (int i = 0; i < 20; i++) Assert.True(startedAt[i] >= i / 100.0, $"request {i} started at {startedAt[i]:F4} s, before {i / 100.0:F2} s");
        Assert.Throws<ArgumentOutOfRangeException>(() => LoadGenerator.RunAsync(_ => Task.CompletedTask, 10, ratePerSecond: 0).GetAwaiter().GetResult());
        Assert.Throws<ArgumentOutOfRangeException>(() => LoadGenerator.RunAsync(_ => Task.CompletedTask, 10, ratePerSecond: double.NaN).GetAwaiter().GetResult());
    }

    [Fact]
    public async Task TimeCapStopsARunThatWouldTakeTooLong()
    {
        var report = await LoadGenerator.RunAsync((i, token) => Task.Delay(50, token), requests: 10_000, concurrency: 2,
            timeLimit: TimeSpan.FromMilliseconds(200));
        Assert.True(report.HitTimeLimit);
        Assert.True(report.Requests < 10_000);
        Assert.Contains("stopped by the time cap", report.ToString());
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current) { }
    }
}
