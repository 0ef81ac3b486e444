// Benchmark of Mlsd.Retrieval against hnswlib and FAISS (Debian python3-hnswlib / python3-faiss).
// Run from the repository root:  dotnet run -c Release --project bench/Mlsd.Bench.Retrieval [-- options]
//   --n 50000 --dim 64 --queries 1000 --k 10 --seed 42 --out artifacts/bench/retrieval --no-python
// Both sides read the same binary files written here (int32 rows, int32 cols, then row-major float32 / int32,
// little-endian) and score recall against the same ground truth (our exact search).
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Mlsd.Bench.Retrieval;
using Mlsd.Retrieval;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var options = Options.Parse(args);
Directory.CreateDirectory(options.OutDir);
Console.WriteLine($"Data: {options.N:N0} × {options.Dim}-d clustered (seed {options.Seed}), {options.Queries:N0} queries, k = {options.K}, cosine, one thread.");

float[][] all = SyntheticVectors.Clustered(options.N + options.Queries, options.Dim, clusters: options.Clusters, spread: options.Spread, seed: options.Seed);
float[][] data = all[..options.N];
float[][] queries = all[options.N..];
string dataPath = Path.Combine(options.OutDir, "data.f32"), queryPath = Path.Combine(options.OutDir, "queries.f32"), truthPath = Path.Combine(options.OutDir, "truth.i32");
BinaryMatrix.Write(dataPath, data);
BinaryMatrix.Write(queryPath, queries);

var rows = new List<ResultRow>();

// Exact (also the ground truth)
var sw = Stopwatch.StartNew();
var exact = ExactKnnIndex.Build(data);
double exactBuild = sw.Elapsed.TotalSeconds;
sw.Restart();
Neighbor[][] truth = exact.SearchBatch(queries, options.K);
double batchSeconds = sw.Elapsed.TotalSeconds;
BinaryMatrix.Write(truthPath, truth.Select(r => r.Select(n => n.Id).ToArray()).ToArray());
var exactPoint = AnnBenchmark.Measure(exact, queries, truth, options.K, repeats: options.Repeats);
rows.Add(new("ours", "Exact", "", 0, exactBuild, exactPoint.RecallAtK, exactPoint.QueriesPerSecond, exactPoint.MeanLatencyMicroseconds, exactPoint.P99LatencyMicroseconds));
rows.Add(new("ours", "Exact (batch)", "", 0, exactBuild, 1.0, options.Queries / batchSeconds, double.NaN, double.NaN));
Console.WriteLine($"  {exactPoint}");

// HNSW
if (options.Only is null or "hnsw")
{
    sw.Restart();
    var hnsw = HnswIndex.Build(data, m: 16, efConstruction: 200, seed: options.Seed);
    double hnswBuild = sw.Elapsed.TotalSeconds;
    Console.WriteLine($"HNSW build (M=16, efConstruction=200): {hnswBuild:0.00} s, {hnsw.MaxLevel + 1} layers");
    foreach (var p in AnnBenchmark.SweepEfSearch(hnsw, queries, truth, options.EfValues, options.K, options.Repeats))
    {
        double cpuQps = CpuTimer.Qps(queries, q => hnsw.Search(q, options.K, p.Value), options.Repeats);
    rows.Add(new("ours", "HNSW", "efSearch", p.Value, hnswBuild, p.RecallAtK, p.QueriesPerSecond, p.MeanLatencyMicroseconds, p.P99LatencyMicroseconds, cpuQps));
        Console.WriteLine($"  {p}");
    }
}

// IVF
if (options.Only is null or "ivf")
{
    sw.Restart();
    var ivf = IvfIndex.Build(data, nLists: options.NLists, seed: options.Seed);
    double ivfBuild = sw.Elapsed.TotalSeconds;
    var sizes = ivf.ListSizes();
    Console.WriteLine($"IVF build (nlist={options.NLists}, 10 Lloyd iterations): {ivfBuild:0.00} s, list sizes {sizes.Min()}–{sizes.Max()}");
    foreach (var p in AnnBenchmark.SweepNProbe(ivf, queries, truth, options.NProbeValues, options.K, options.Repeats))
    {
        double cpuQps = CpuTimer.Qps(queries, q => ivf.Search(q, options.K, p.Value), options.Repeats);
    rows.Add(new("ours", "IVF", "nProbe", p.Value, ivfBuild, p.RecallAtK, p.QueriesPerSecond, p.MeanLatencyMicroseconds, p.P99LatencyMicroseconds, cpuQps));
        Console.WriteLine($"  {p}");
    }
}

// Reference libraries
if (!options.NoPython && options.Only is not "exact")
{
    string script = Path.Combine(options.ScriptDir, "reference.py");
    var psi = new ProcessStartInfo("/usr/bin/python3")
    {
        RedirectStandardOutput = true,
        RedirectStandardError = true,
    };
    foreach (string a in new[] { script, dataPath, queryPath, truthPath, "--k", options.K.ToString(), "--nlist", options.NLists.ToString(),
                 "--ef", string.Join(',', options.EfValues), "--nprobe", string.Join(',', options.NProbeValues), "--only", options.Only ?? "all" })
        psi.ArgumentList.Add(a);
    Console.WriteLine($"Running {script} (hnswlib, faiss; one thread)…");
    using var process = Process.Start(psi)!;
    string stdout = process.StandardOutput.ReadToEnd();
    string stderr = process.StandardError.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0)
    {
        Console.WriteLine($"reference.py failed ({process.ExitCode}):\n{stderr}");
    }
    else
    {
        foreach (string line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var r = JsonSerializer.Deserialize<ResultRow>(line, new JsonSerializerOptions { PropertyNameCaseInsensitive = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals })!;
            rows.Add(r);
        }
    }
}

Console.WriteLine();
Console.WriteLine($"{"library",-8} {"index",-14} {"knob",-9} {"value",5} {"build s",8} {"recall@" + options.K,9} {"QPS",9} {"mean µs",8} {"p99 µs",8} {"CPU QPS",9}");
foreach (var group in rows.GroupBy(r => r.Index.Split(' ')[0] switch { "HNSW" or "hnswlib" => 1, "IVF" or "IndexIVFFlat" => 2, _ => 0 }).OrderBy(g => g.Key))
    foreach (var r in group.OrderBy(r => r.Value).ThenBy(r => r.Library))
        Console.WriteLine($"{r.Library,-8} {r.Index,-14} {r.Parameter,-9} {r.Value,5} {r.BuildSeconds,8:0.00} {r.Recall,9:0.0000} {r.Qps,9:N0} {Fmt(r.MeanMicros),8} {Fmt(r.P99Micros),8} {(double.IsNaN(r.CpuQps) ? "-" : r.CpuQps.ToString("N0")),9}");
File.WriteAllText(Path.Combine(options.OutDir, "results.json"), JsonSerializer.Serialize(rows, new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }));
Console.WriteLine($"\nResults: {Path.Combine(options.OutDir, "results.json")}");

static string Fmt(double v) => double.IsNaN(v) ? "-" : v.ToString("0.0", CultureInfo.InvariantCulture);
