using System.Buffers.Binary;

namespace Mlsd.Bench.Retrieval;

/// <summary>One measured operating point, ours or a reference library's (the python script prints these as JSON lines).</summary>
internal sealed record ResultRow(string Library, string Index, string Parameter, int Value, double BuildSeconds,
    double Recall, double Qps, double MeanMicros, double P99Micros, double CpuQps = double.NaN, double BuildCpuSeconds = double.NaN);

/// <summary>Benchmark settings from the command line.</summary>
internal sealed record Options(int N, int Dim, int Queries, int K, int Seed, int Clusters, double Spread, int NLists,
    int[] EfValues, int[] NProbeValues, string OutDir, string ScriptDir, bool NoPython, int Rounds = 3, string? Only = null, int Repeat = 5)
{
    public static Options Parse(string[] args)
    {
        var o = new Options(50_000, 64, 1_000, 10, 42, 100, 0.6, 256, [10, 16, 24, 32, 48, 64, 96, 128, 256],
            [1, 2, 4, 8, 16, 32, 64], "artifacts/bench/retrieval", "bench/retrieval", false);
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int[] Ints() => Next().Split(',').Select(int.Parse).ToArray();
            o = args[i] switch
            {
                "--n" => o with { N = int.Parse(Next()) },
                "--dim" => o with { Dim = int.Parse(Next()) },
                "--queries" => o with { Queries = int.Parse(Next()) },
                "--k" => o with { K = int.Parse(Next()) },
                "--seed" => o with { Seed = int.Parse(Next()) },
                "--clusters" => o with { Clusters = int.Parse(Next()) },
                "--spread" => o with { Spread = double.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture) },
                "--nlist" => o with { NLists = int.Parse(Next()) },
                "--ef" => o with { EfValues = Ints() },
                "--nprobe" => o with { NProbeValues = Ints() },
                "--out" => o with { OutDir = Next() },
                "--scripts" => o with { ScriptDir = Next() },
                "--no-python" => o with { NoPython = true },
                "--rounds" => o with { Rounds = int.Parse(Next()) },
                "--only" => o with { Only = Next() },
                "--repeat" => o with { Repeat = int.Parse(Next()) },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }
        return o;
    }
}

/// <summary>Queries per second of CPU time (process user+system time): steadier than wall time on a busy machine.</summary>
internal static class CpuTimer
{
    /// <summary>Process CPU seconds so far.</summary>
    public static double Now()
    {
        var process = System.Diagnostics.Process.GetCurrentProcess();
        process.Refresh();
        return process.TotalProcessorTime.TotalSeconds;
    }

    /// <summary>Queries per CPU second over <paramref name="repeats"/> passes through the queries (one timing, so the clock's tick is negligible).</summary>
    public static double Qps(IReadOnlyList<float[]> queries, Func<float[], object> search, int repeats)
    {
        var process = System.Diagnostics.Process.GetCurrentProcess();
        process.Refresh();
        TimeSpan before = process.TotalProcessorTime;
        for (int r = 0; r < repeats; r++)
            foreach (float[] q in queries) search(q);
        process.Refresh();
        return repeats * queries.Count / (process.TotalProcessorTime - before).TotalSeconds;
    }
}

/// <summary>The shared file format: int32 rows, int32 cols, then rows×cols little-endian float32 or int32 values.</summary>
internal static class BinaryMatrix
{
    public static void Write(string path, float[][] rows) => Write(path, rows, static (span, v) => BinaryPrimitives.WriteSingleLittleEndian(span, v));

    public static void Write(string path, int[][] rows) => Write(path, rows, static (span, v) => BinaryPrimitives.WriteInt32LittleEndian(span, v));

    private static void Write<T>(string path, T[][] rows, Action<Span<byte>, T> write)
    {
        int cols = rows.Length == 0 ? 0 : rows[0].Length;
        var bytes = new byte[8 + 4L * rows.Length * cols];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, rows.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), cols);
        int offset = 8;
        foreach (T[] row in rows)
        {
            if (row.Length != cols) throw new ArgumentException("ragged rows");
            foreach (T v in row)
            {
                write(bytes.AsSpan(offset, 4), v);
                offset += 4;
            }
        }
        File.WriteAllBytes(path, bytes);
    }
}
