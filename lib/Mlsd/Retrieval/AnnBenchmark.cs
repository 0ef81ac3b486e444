using System.Diagnostics;
using System.Globalization;

namespace Mlsd.Retrieval;

/// <summary>One operating point of an index: its accuracy (recall@k against exact search) and its speed.</summary>
/// <param name="Index">"Exact", "IVF" or "HNSW".</param>
/// <param name="Parameter">The knob that was set ("efSearch", "nProbe"), or "" for none.</param>
/// <param name="Value">The knob's value (0 when <paramref name="Parameter"/> is empty).</param>
/// <param name="K">Neighbours requested per query.</param>
/// <param name="RecallAtK">Mean recall@k over the query set (<see cref="NeighborRecall.AtK(IReadOnlyList{Neighbor[]}, IReadOnlyList{Neighbor[]}, int?)"/>).</param>
/// <param name="MeanLatencyMicroseconds">Mean single-query latency.</param>
/// <param name="P99LatencyMicroseconds">99th-percentile single-query latency (nearest rank).</param>
/// <param name="QueriesPerSecond">Queries answered per second, one thread, back to back.</param>
public sealed record AnnBenchmarkPoint(string Index, string Parameter, int Value, int K, double RecallAtK,
    double MeanLatencyMicroseconds, double P99LatencyMicroseconds, double QueriesPerSecond)
{
    /// <summary>Reads as <c>HNSW efSearch=64: recall@10 0.972, mean 41.3 µs, p99 95.0 µs, 24,200 QPS</c>.</summary>
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        string knob = Parameter.Length == 0 ? "" : $" {Parameter}={Value}";
        return string.Create(c, $"{Index}{knob}: recall@{K} {RecallAtK:0.000}, mean {MeanLatencyMicroseconds:0.0} µs, p99 {P99LatencyMicroseconds:0.0} µs, {QueriesPerSecond:N0} QPS");
    }
}

/// <summary>
/// Measures recall@k and query latency of an index over a query set, at one setting or across a sweep of its knob
/// (efSearch for HNSW, nProbe for IVF) — the data behind a recall-vs-latency plot.
/// </summary>
/// <remarks>
/// Queries run one at a time on the calling thread, each timed with <see cref="Stopwatch"/>, after a short untimed
/// warm-up (the first 20 queries) so JIT compilation is not counted. Latencies are wall-clock and therefore vary from
/// run to run and machine to machine; recall does not (the indexes are deterministic). On a shared machine pass
/// <c>repeats</c> &gt; 1: the query set is run that many times and the fastest pass is reported, the least
/// disturbed by other processes. Ground truth comes from
/// <see cref="ExactKnnIndex"/>: <c>exact.SearchBatch(queries, k)</c>.
/// </remarks>
public static class AnnBenchmark
{
    private const int WarmUpQueries = 20;

    /// <summary>Measures <paramref name="index"/> at its current settings.</summary>
    public static AnnBenchmarkPoint Measure(VectorIndex index, IReadOnlyList<float[]> queries, IReadOnlyList<Neighbor[]> groundTruth, int k = 10, int repeats = 1)
    {
        ArgumentNullException.ThrowIfNull(index);
        return Run(NameOf(index), "", 0, q => index.Search(q, k), queries, groundTruth, k, repeats);
    }

    /// <summary>One point per efSearch value (the index's own <see cref="HnswIndex.EfSearch"/> is left unchanged).</summary>
    public static AnnBenchmarkPoint[] SweepEfSearch(HnswIndex index, IReadOnlyList<float[]> queries, IReadOnlyList<Neighbor[]> groundTruth,
        IReadOnlyList<int> efSearchValues, int k = 10, int repeats = 1)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(efSearchValues);
        var points = new AnnBenchmarkPoint[efSearchValues.Count];
        for (int i = 0; i < points.Length; i++)
        {
            int ef = efSearchValues[i];
            if (ef < 1) throw new ArgumentOutOfRangeException(nameof(efSearchValues), ef, $"efSearchValues[{i}] must be at least 1.");
            points[i] = Run("HNSW", "efSearch", ef, q => index.Search(q, k, ef), queries, groundTruth, k, repeats);
        }
        return points;
    }

    /// <summary>One point per nProbe value (the index's own <see cref="IvfIndex.NProbe"/> is left unchanged).</summary>
    public static AnnBenchmarkPoint[] SweepNProbe(IvfIndex index, IReadOnlyList<float[]> queries, IReadOnlyList<Neighbor[]> groundTruth,
        IReadOnlyList<int> nProbeValues, int k = 10, int repeats = 1)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(nProbeValues);
        var points = new AnnBenchmarkPoint[nProbeValues.Count];
        for (int i = 0; i < points.Length; i++)
        {
            int probes = nProbeValues[i];
            if (probes < 1) throw new ArgumentOutOfRangeException(nameof(nProbeValues), probes, $"nProbeValues[{i}] must be at least 1.");
            points[i] = Run("IVF", "nProbe", probes, q => index.Search(q, k, probes), queries, groundTruth, k, repeats);
        }
        return points;
    }

    private static string NameOf(VectorIndex index) => index switch
    {
        HnswIndex => "HNSW",
        IvfIndex => "IVF",
        _ => "Exact",
    };

    private static AnnBenchmarkPoint Run(string name, string parameter, int value, Func<float[], Neighbor[]> search,
        IReadOnlyList<float[]> queries, IReadOnlyList<Neighbor[]> groundTruth, int k, int repeats)
    {
        if (repeats < 1) throw new ArgumentOutOfRangeException(nameof(repeats), repeats, "repeats must be at least 1.");
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(groundTruth);
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be at least 1.");
        if (queries.Count == 0) throw new ArgumentException("queries is empty; a benchmark needs at least one query.", nameof(queries));
        if (queries.Count != groundTruth.Count)
            throw new ArgumentException($"queries and groundTruth must have the same length (got {queries.Count} and {groundTruth.Count}).", nameof(groundTruth));

        for (int i = 0; i < Math.Min(WarmUpQueries, queries.Count); i++) search(queries[i]);

        var results = new Neighbor[queries.Count][];
        var ticks = new long[queries.Count];
        var pass = new long[queries.Count];
        double totalSeconds = double.PositiveInfinity;
        for (int r = 0; r < repeats; r++)
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < queries.Count; i++)
            {
                long t0 = Stopwatch.GetTimestamp();
                results[i] = search(queries[i]);
                pass[i] = Stopwatch.GetTimestamp() - t0;
            }
            double seconds = (double)(Stopwatch.GetTimestamp() - start) / Stopwatch.Frequency;
            if (seconds < totalSeconds)
            {
                totalSeconds = seconds;
                (ticks, pass) = (pass, ticks);
            }
        }

        Array.Sort(ticks);
        double toMicros = 1e6 / Stopwatch.Frequency;
        double mean = 0;
        foreach (long t in ticks) mean += t;
        mean = mean * toMicros / ticks.Length;
        double p99 = ticks[Math.Max(0, (int)Math.Ceiling(0.99 * ticks.Length) - 1)] * toMicros;
        double recall = NeighborRecall.AtK(results, groundTruth, k);
        return new AnnBenchmarkPoint(name, parameter, value, k, recall, mean, p99, queries.Count / totalSeconds);
    }
}
