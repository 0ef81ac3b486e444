using System.Diagnostics;
using System.Net.Http.Json;

namespace Mlsd.Serving;

/// <summary>
/// A bounded closed-loop load generator: <c>concurrency</c> workers each send a request, wait for the answer,
/// and send the next, until <c>requests</c> have been sent or the time cap is hit. Closed loop means the
/// offered load adapts to the server (as with real clients waiting on a page), so throughput at a given
/// concurrency is what the server sustains, and Little's law holds: concurrency ≈ throughput × mean latency.
/// </summary>
/// <remarks>Always bounded (at most <see cref="MaxRequests"/> requests, <see cref="MaxConcurrency"/> workers and
/// a time cap, 30 s by default) and, for HTTP, loopback only — it is a measuring tool, not a stress weapon.
/// With a <c>ratePerSecond</c> it paces instead: request i starts i / rate seconds after the first, whatever the
/// answers' speed (an open loop, as independent users arrive), so the latency is that at a chosen load; the rate
/// holds while fewer than <c>concurrency</c> requests are in flight, and the report's throughput shows if it did not.</remarks>
public static class LoadGenerator
{
    /// <summary>Upper bound on requests per run.</summary>
    public const int MaxRequests = 1_000_000;

    /// <summary>Upper bound on concurrent workers.</summary>
    public const int MaxConcurrency = 256;

    /// <summary>Upper bound on a paced run's rate (requests per second).</summary>
    public const double MaxRatePerSecond = 100_000;

    /// <summary>Time cap used when none is given.</summary>
    public static TimeSpan DefaultTimeLimit { get; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Calls <paramref name="call"/>(i, token) for i = 0..requests−1 with <paramref name="concurrency"/> calls in
    /// flight, and measures each call's latency. A call that throws counts as failed. After
    /// <paramref name="timeLimit"/> no new call starts and the token is cancelled. With
    /// <paramref name="ratePerSecond"/>, call i starts no earlier than i / rate seconds after the run began.
    /// </summary>
    public static async Task<LatencyReport> RunAsync(Func<int, CancellationToken, Task> call, int requests, int concurrency = 4,
        TimeSpan? timeLimit = null, double? ratePerSecond = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (requests is < 1 or > MaxRequests)
            throw new ArgumentOutOfRangeException(nameof(requests), requests, $"requests must be between 1 and {MaxRequests:N0}.");
        if (concurrency is < 1 or > MaxConcurrency)
            throw new ArgumentOutOfRangeException(nameof(concurrency), concurrency, $"concurrency must be between 1 and {MaxConcurrency}.");
        var limit = timeLimit ?? DefaultTimeLimit;
        if (limit <= TimeSpan.Zero || limit > TimeSpan.FromMinutes(10))
            throw new ArgumentOutOfRangeException(nameof(timeLimit), limit, "timeLimit must be positive and at most 10 minutes.");
        if (ratePerSecond is { } r && !(r > 0 && r <= MaxRatePerSecond))
            throw new ArgumentOutOfRangeException(nameof(ratePerSecond), r, $"ratePerSecond must be above 0 and at most {MaxRatePerSecond:N0}.");

        var latencies = new double[requests];
        var succeeded = new bool[requests];
        var finished = new bool[requests];
        var skipped = new bool[requests];
        int next = -1;
        using var cap = new CancellationTokenSource(limit);
        var token = cap.Token;
        var clock = Stopwatch.StartNew();

        async Task Worker()
        {
            while (!token.IsCancellationRequested)
            {
                int i = Interlocked.Increment(ref next);
                if (i >= requests) return;
                if (ratePerSecond is { } rate && !await WaitUntilAsync(clock, TimeSpan.FromSeconds(i / rate), token).ConfigureAwait(false))
                {
                    Volatile.Write(ref skipped[i], true);   // the time cap came first: never started, not counted
                    return;
                }
                long start = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    await call(i, token).ConfigureAwait(false);
                    ok = true;
                }
                catch (Exception)
                {
                    ok = false;
                }
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                succeeded[i] = ok;
                Volatile.Write(ref finished[i], true);
            }
        }

        var workers = new Task[Math.Min(concurrency, requests)];
        for (int w = 0; w < workers.Length; w++) workers[w] = Task.Run(Worker);
        var all = Task.WhenAll(workers);
        // A call that ignores cancellation must not hold the run hostage: give it a short grace period.
        await Task.WhenAny(all, Task.Delay(limit + TimeSpan.FromSeconds(2))).ConfigureAwait(false);
        clock.Stop();

        int claimed = Math.Min(Volatile.Read(ref next) + 1, requests);
        var good = new List<double>(claimed);
        int failed = 0, started = 0;
        for (int i = 0; i < claimed; i++)
        {
            if (Volatile.Read(ref skipped[i])) continue;
            started++;
            if (!Volatile.Read(ref finished[i]) || !succeeded[i]) failed++;
            else good.Add(latencies[i]);
        }
        bool hitLimit = started < requests || !all.IsCompleted;
        return new LatencyReport(started, good.Count, failed, concurrency, clock.Elapsed, hitLimit, LatencySummary.FromMilliseconds(good));
    }

    /// <summary>As <see cref="RunAsync(Func{int, CancellationToken, Task}, int, int, TimeSpan?, double?)"/>, for a call that takes no token.</summary>
    public static Task<LatencyReport> RunAsync(Func<int, Task> call, int requests, int concurrency = 4, TimeSpan? timeLimit = null,
        double? ratePerSecond = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        return RunAsync((i, _) => call(i), requests, concurrency, timeLimit, ratePerSecond);
    }

    /// <summary>
    /// POSTs <paramref name="body"/>(i) as JSON (with <see cref="ModelServer.JsonOptions"/>) to
    /// <paramref name="path"/> on <paramref name="client"/>, reading each response fully; a non-2xx status
    /// counts as failed. The target must be a loopback address (127.0.0.1, ::1 or localhost).
    /// </summary>
    public static Task<LatencyReport> PostJsonAsync<TBody>(HttpClient client, string path, Func<int, TBody> body, int requests,
        int concurrency = 4, TimeSpan? timeLimit = null, double? ratePerSecond = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(body);
        var target = Resolve(client, path);
        return RunAsync(async (i, token) =>
        {
            using var content = JsonContent.Create(body(i), options: ModelServer.JsonOptions);
            using var response = await client.PostAsync(target, content, token).ConfigureAwait(false);
            await response.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
        }, requests, concurrency, timeLimit, ratePerSecond);
    }

    /// <summary>Waits until <paramref name="clock"/> reads <paramref name="due"/> (timers may wake a little early: wait again); false if cancelled first.</summary>
    private static async Task<bool> WaitUntilAsync(Stopwatch clock, TimeSpan due, CancellationToken token)
    {
        try
        {
            for (var wait = due - clock.Elapsed; wait > TimeSpan.Zero; wait = due - clock.Elapsed)
                await Task.Delay(wait, token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static Uri Resolve(HttpClient client, string path)
    {
        Uri? target = Uri.TryCreate(path, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal)
            ? absolute
            : client.BaseAddress is null ? null : new Uri(client.BaseAddress, path);
        if (target is null)
            throw new ArgumentException($"path '{path}' is relative but the client has no BaseAddress.", nameof(path));
        if (!target.IsLoopback)
            throw new ArgumentException($"The load generator only targets loopback addresses (got {target.Host}).", nameof(path));
        return target;
    }
}
