// Benchmark of Mlsd.Retrieval against hnswlib and FAISS (Debian python3-hnswlib / python3-faiss), one thread.
// Run from the repository root:
//   dotnet run -c Release --project bench/Mlsd.Bench.Retrieval [-- options]
//   --n 50000 --dim 64 --queries 1000 --k 10 --seed 42 --clusters 100 --spread 0.6 --nlist 256
//   --ef 10,16,24,32,48,64,96,128,256 --nprobe 1,2,4,8,16,32,64 --rounds 3 --repeat 5 --only hnsw|ivf --no-python
//   --out artifacts/bench/retrieval --scripts bench/retrieval
// Both sides read the same binary files written here (int32 rows, int32 cols, then row-major little-endian
// float32 / int32) and score recall against the same ground truth (our exact search). Measuring rounds alternate
// between us and the reference processes so all see the same background load; each point reports its best round.
// CPU-time QPS passes through the queries --repeat times per measurement, on every side.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Mlsd.Bench.Retrieval;
using Mlsd.Retrieval;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var options = Options.Parse(args);
Directory.CreateDirectory(options.OutDir);
bool doHnsw = options.Only is null or "hnsw", doIvf = options.Only is null or "ivf";
Console.WriteLine($"Data: {options.N:N0} × {options.Dim}-d, {options.Clusters} Gaussian clusters (spread {options.Spread}, seed {options.Seed}); " +
                  $"{options.Queries:N0} held-out queries; k = {options.K}; cosine; one thread; {options.Rounds} alternating rounds.");

float[][] all = SyntheticVectors.Clustered(options.N + options.Queries, options.Dim, clusters: options.Clusters, spread: options.Spread, seed: options.Seed);
float[][] data = all[..options.N];
float[][] queries = all[options.N..];
string dataPath = Path.Combine(options.OutDir, "data.f32"), queryPath = Path.Combine(options.OutDir, "queries.f32"), truthPath = Path.Combine(options.OutDir, "truth.i32");
BinaryMatrix.Write(dataPath, data);
BinaryMatrix.Write(queryPath, queries);

// ---- build ours ----
var sw = Stopwatch.StartNew();
var exact = ExactKnnIndex.Build(data);
double exactBuild = sw.Elapsed.TotalSeconds;
Neighbor[][] truth = exact.SearchBatch(queries, options.K);
BinaryMatrix.Write(truthPath, truth.Select(r => r.Select(n => n.Id).ToArray()).ToArray());

HnswIndex? hnsw = null;
double hnswBuild = 0, hnswBuildCpu = double.NaN;
if (doHnsw)
{
    double cpu0 = CpuTimer.Now();
    sw.Restart();
    hnsw = HnswIndex.Build(data, m: 16, efConstruction: 200, seed: options.Seed);
    hnswBuild = sw.Elapsed.TotalSeconds;
    hnswBuildCpu = CpuTimer.Now() - cpu0;
    Console.WriteLine($"ours HNSW build (M=16, efConstruction=200): {hnswBuild:0.00} s ({hnswBuildCpu:0.00} s CPU), {hnsw.MaxLevel + 1} layers");
}
IvfIndex? ivf = null;
double ivfBuild = 0, ivfBuildCpu = double.NaN;
if (doIvf)
{
    double cpu0 = CpuTimer.Now();
    sw.Restart();
    ivf = IvfIndex.Build(data, nLists: options.NLists, seed: options.Seed);
    ivfBuild = sw.Elapsed.TotalSeconds;
    ivfBuildCpu = CpuTimer.Now() - cpu0;
    int[] sizes = ivf.ListSizes();
    Console.WriteLine($"ours IVF build (nlist={options.NLists}, k-means++ + 10 Lloyd iterations): {ivfBuild:0.00} s ({ivfBuildCpu:0.00} s CPU), list sizes {sizes.Min()}–{sizes.Max()}");
}

// ---- reference processes: each builds its indexes, prints READY, then measures one round per "round" line ----
var references = new List<Process>();
if (!options.NoPython)
{
    StartReference("/usr/bin/python3", [Path.Combine(options.ScriptDir, "reference.py"), dataPath, queryPath, truthPath, "--serve",
        "--k", options.K.ToString(), "--nlist", options.NLists.ToString(), "--seed", options.Seed.ToString(),
        "--ef", string.Join(',', options.EfValues), "--nprobe", string.Join(',', options.NProbeValues), "--only", options.Only ?? "all",
        "--repeat", options.Repeat.ToString()]);
    if (doHnsw && NativeHnswlib(options) is { } native)
        StartReference(native, [dataPath, queryPath, truthPath, options.K.ToString(), string.Join(',', options.EfValues), "16", "200", options.Seed.ToString(),
            options.Repeat.ToString()]);
}

// ---- alternating rounds ----
var jsonOptions = new JsonSerializerOptions { PropertyNameCaseInsensitive = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals, WriteIndented = true };
var measured = new List<ResultRow>();
for (int round = 1; round <= options.Rounds; round++)
{
    Console.WriteLine($"Round {round}/{options.Rounds}…");
    int repeat = options.Repeat;
    var e = AnnBenchmark.Measure(exact, queries, truth, options.K);
    measured.Add(new("ours", "Exact", "", 0, exactBuild, e.RecallAtK, e.QueriesPerSecond, e.MeanLatencyMicroseconds, e.P99LatencyMicroseconds,
        CpuTimer.Qps(queries, q => exact.Search(q, options.K), 1)));
    double batchCpu0 = CpuTimer.Now();
    sw.Restart();
    for (int r = 0; r < repeat; r++) exact.SearchBatch(queries, options.K);
    measured.Add(new("ours", "Exact batch", "", 0, exactBuild, 1.0, repeat * options.Queries / sw.Elapsed.TotalSeconds, double.NaN, double.NaN,
        repeat * options.Queries / (CpuTimer.Now() - batchCpu0)));
    if (hnsw is not null)
        foreach (var p in AnnBenchmark.SweepEfSearch(hnsw, queries, truth, options.EfValues, options.K))
            measured.Add(new("ours", "HNSW", "efSearch", p.Value, hnswBuild, p.RecallAtK, p.QueriesPerSecond, p.MeanLatencyMicroseconds, p.P99LatencyMicroseconds,
                CpuTimer.Qps(queries, q => hnsw.Search(q, options.K, p.Value), repeat), hnswBuildCpu));
    if (ivf is not null)
        foreach (var p in AnnBenchmark.SweepNProbe(ivf, queries, truth, options.NProbeValues, options.K))
            measured.Add(new("ours", "IVF", "nProbe", p.Value, ivfBuild, p.RecallAtK, p.QueriesPerSecond, p.MeanLatencyMicroseconds, p.P99LatencyMicroseconds,
                CpuTimer.Qps(queries, q => ivf.Search(q, options.K, p.Value), repeat), ivfBuildCpu));

    foreach (Process reference in references)
    {
        reference.StandardInput.WriteLine("round");
        reference.StandardInput.Flush();
        string? line;
        while ((line = reference.StandardOutput.ReadLine()) is not null && line != "END")
            measured.Add(JsonSerializer.Deserialize<ResultRow>(line, jsonOptions)!);
    }
}
foreach (Process reference in references)
{
    reference.StandardInput.Close();
    reference.WaitForExit();
}

// ---- best round per operating point ----
var rows = measured
    .GroupBy(r => (r.Library, r.Index, r.Value))
    .Select(g => g.MaxBy(r => r.Qps)! with
    {
        CpuQps = g.Max(r => double.IsNaN(r.CpuQps) ? double.MinValue : r.CpuQps) is var c && c == double.MinValue ? double.NaN : c,
    })
    .ToList();

Console.WriteLine();
Console.WriteLine($"{"library",-14} {"index",-15} {"knob",-9} {"value",5} {"build s",8} {"(CPU)",7} {"recall@" + options.K,9} {"QPS",9} {"CPU QPS",9} {"mean µs",8} {"p99 µs",8}");
static int Family(string index) => index switch { "HNSW" or "hnswlib" => 1, "IVF" or "IndexIVFFlat" => 2, _ => 0 };
foreach (var r in rows.OrderBy(r => Family(r.Index)).ThenBy(r => r.Value).ThenBy(r => r.Library).ThenBy(r => r.Index))
    Console.WriteLine($"{r.Library,-14} {r.Index,-15} {r.Parameter,-9} {r.Value,5} {r.BuildSeconds,8:0.00} {Fmt(r.BuildCpuSeconds, "0.00"),7} {r.Recall,9:0.0000} {r.Qps,9:N0} {Fmt(r.CpuQps, "N0"),9} {Fmt(r.MeanMicros, "0.0"),8} {Fmt(r.P99Micros, "0.0"),8}");

foreach (string library in new[] { "hnswlib", "hnswlib-native" })
{
    if (hnsw is null || !rows.Any(r => r.Library == library)) continue;
    Console.WriteLine();
    Console.WriteLine($"HNSW vs {library} at equal recall (their QPS read off their recall–QPS frontier at our recall):");
    var theirs = rows.Where(r => r.Library == library).ToList();
    foreach (var r in rows.Where(r => r.Index == "HNSW").OrderBy(r => r.Value))
    {
        double? qps = Interpolate(theirs, r.Recall, x => x.Qps), cpu = Interpolate(theirs, r.Recall, x => x.CpuQps);
        if (qps is null) continue;
        Console.WriteLine($"  efSearch {r.Value,3}: recall {r.Recall:0.0000} → ours/{library} QPS {r.Qps / qps:0.00}×  (CPU time {r.CpuQps / cpu:0.00}×)");
    }
}

Console.WriteLine();
Console.WriteLine("Ours vs FAISS (CPU time, best round):");
if (Row("ours", "Exact batch") is { } ourBatch && Row("faiss", "IndexFlatIP") is { } flat)
    Console.WriteLine($"  exact batch search: {ourBatch.CpuQps:N0} vs IndexFlatIP {flat.CpuQps:N0} queries per CPU second → {ourBatch.CpuQps / flat.CpuQps:0.00}×");
if (Row("ours", "Exact") is { } ourOne && Row("faiss", "IndexFlatIP 1q") is { } flatOne)
    Console.WriteLine($"  exact, one query per call: {ourOne.CpuQps:N0} vs {flatOne.CpuQps:N0} → {ourOne.CpuQps / flatOne.CpuQps:0.00}×");
if (rows.FirstOrDefault(r => r.Index == "IVF") is { } ourIvf && rows.FirstOrDefault(r => r.Index == "IndexIVFFlat") is { } faissIvf)
    Console.WriteLine($"  IVF build (k-means + add): {ourIvf.BuildCpuSeconds:0.00} vs {faissIvf.BuildCpuSeconds:0.00} CPU s → {ourIvf.BuildCpuSeconds / faissIvf.BuildCpuSeconds:0.00}× the time");
if (rows.FirstOrDefault(r => r.Index == "HNSW") is { } ourHnsw && rows.FirstOrDefault(r => r.Library == "hnswlib-native") is { } nativeHnsw)
    Console.WriteLine($"  HNSW build vs hnswlib-native: {ourHnsw.BuildCpuSeconds:0.00} vs {nativeHnsw.BuildCpuSeconds:0.00} CPU s → {ourHnsw.BuildCpuSeconds / nativeHnsw.BuildCpuSeconds:0.00}× the time");

ResultRow? Row(string library, string index) => rows.FirstOrDefault(r => r.Library == library && r.Index == index);

File.WriteAllText(Path.Combine(options.OutDir, "results.json"), JsonSerializer.Serialize(rows, jsonOptions));
Console.WriteLine($"\nResults: {Path.Combine(options.OutDir, "results.json")}");

void StartReference(string program, string[] arguments)
{
    var psi = new ProcessStartInfo(program) { RedirectStandardInput = true, RedirectStandardOutput = true };
    foreach (string a in arguments) psi.ArgumentList.Add(a);
    Console.WriteLine($"Starting {Path.GetFileName(arguments[0].EndsWith(".py") ? arguments[0] : program)} and waiting for its builds…");
    var process = Process.Start(psi)!;
    string? line;
    while ((line = process.StandardOutput.ReadLine()) is not null && line != "READY") { }
    if (line is null) Console.WriteLine($"{program} exited before READY; continuing without its numbers.");
    else references.Add(process);
}

// hnswlib compiled for this CPU from Debian's header-only libhnswlib-dev, if g++ and the headers are present.
static string? NativeHnswlib(Options options)
{
    string source = Path.Combine(options.ScriptDir, "hnswlib_native.cpp"), binary = Path.Combine(options.OutDir, "hnswlib_native");
    if (!File.Exists("/usr/include/hnswlib/hnswlib.h") || !File.Exists("/usr/bin/g++"))
    {
        Console.WriteLine("No /usr/include/hnswlib or g++: skipping native hnswlib (apt-get install libhnswlib-dev g++).");
        return null;
    }
    if (File.Exists(binary) && File.GetLastWriteTimeUtc(binary) >= File.GetLastWriteTimeUtc(source)) return binary;
    Console.WriteLine("Compiling hnswlib_native.cpp with -O3 -march=native…");
    using var gcc = Process.Start("/usr/bin/g++", ["-O3", "-march=native", "-std=c++17", "-o", binary, source])!;
    gcc.WaitForExit();
    return gcc.ExitCode == 0 ? binary : null;
}

static string Fmt(double v, string format) => double.IsNaN(v) ? "-" : v.ToString(format, CultureInfo.InvariantCulture);

// Their QPS at our recall, read off their recall–QPS Pareto frontier (ann-benchmarks style): the best QPS among
// their settings reaching at least that recall, linearly interpolated from the setting just below. Null when they
// never reach that recall.
static double? Interpolate(List<ResultRow> curve, double recall, Func<ResultRow, double> f)
{
    var points = curve.OrderBy(r => r.Recall).ToList();
    var envelope = new double[points.Count];
    for (int i = points.Count - 1; i >= 0; i--)
        envelope[i] = Math.Max(f(points[i]), i + 1 < points.Count ? envelope[i + 1] : double.MinValue);
    int above = points.FindIndex(p => p.Recall >= recall);
    if (above < 0) return null;
    if (above == 0 || points[above].Recall == recall) return envelope[above];
    double r0 = points[above - 1].Recall, r1 = points[above].Recall;
    return envelope[above - 1] + (recall - r0) / (r1 - r0) * (envelope[above] - envelope[above - 1]);
}
