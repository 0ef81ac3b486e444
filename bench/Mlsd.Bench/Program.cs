// Benchmarks of the tabular models on a seeded synthetic click log, against Python references (bench/reference).
//   dotnet run -c Release --project bench/Mlsd.Bench -- gbdt [--threads N] [--trees N] [--bins 256] [--rounds N] [--compare]
//   dotnet run -c Release --project bench/Mlsd.Bench -- lr [--compare]
//   dotnet run -c Release --project bench/Mlsd.Bench -- fm
//   dotnet run -c Release --project bench/Mlsd.Bench -- mlnet [--trees N]   (ML.NET LightGBM and FastTree, one thread)
// Data goes to /tmp/mlsd_bench (override with MLSD_BENCH_DIR) so the Python scripts read the identical table.
// --compare runs the matching reference script with /usr/bin/python3 and prints its RESULT lines too; for gbdt the
// XGBoost process stays up and its rounds alternate with ours (A B A B), and the best round of each side is summarised.
using System.Diagnostics;
using System.Globalization;
using Mlsd.Bench;
using Mlsd.Features;
using Mlsd.Metrics;
using Mlsd.Models;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

string mode = args.Length > 0 ? args[0] : "gbdt";
int threads = IntOption("--threads", Environment.ProcessorCount);
int trees = IntOption("--trees", 200);
int trainRows = IntOption("--rows", 200_000);
int rounds = IntOption("--rounds", 3);
bool compare = args.Contains("--compare");
const int TestRows = 50_000;
const int Seed = 2024;
string dir = Environment.GetEnvironmentVariable("MLSD_BENCH_DIR") ?? "/tmp/mlsd_bench";
Directory.CreateDirectory(dir);

var sw = Stopwatch.StartNew();
var all = CtrTable.Generate(trainRows + TestRows, Seed);
var train = all.Slice(0, trainRows);
var test = all.Slice(trainRows, TestRows);
Console.WriteLine($"data: {train.Rows} train / {test.Rows} test rows, train CTR {train.Label.Average():F4}, generated in {sw.Elapsed.TotalSeconds:F2} s");
Console.WriteLine($"oracle (true probabilities) on test: AUC {Classification.RocAucScore(test.Label, test.TrueProbability):F4}, log loss {Classification.LogLoss(test.Label, test.TrueProbability):F4}");

switch (mode)
{
    case "gbdt": Gbdt(); break;
    case "lr": Lr(); break;
    case "fm": Fm(); break;
    case "mlnet": MlNet(); break;
    default: Console.Error.WriteLine($"unknown mode '{mode}': use gbdt, lr, fm or mlnet"); return 2;
}
return 0;

void Gbdt()
{
    train.WriteCsv(Path.Combine(dir, "ctr_train.csv"));
    test.WriteCsv(Path.Combine(dir, "ctr_test.csv"));
    var xTrain = train.DenseRows();
    var xTest = test.DenseRows();
    float[,] mTrain = ToMatrix(xTrain), mTest = ToMatrix(xTest);
    int bins = IntOption("--bins", 256);
    // Rounds alternate ours and XGBoost's (a persistent Python process), so both see the same background load;
    // the summary keeps each side's fastest round (CPU seconds: steadier than wall time on a shared machine).
    using var reference = compare
        ? StartReference("xgb_reference.py", "--serve", "--threads", threads.ToString(CultureInfo.InvariantCulture),
            "--trees", trees.ToString(CultureInfo.InvariantCulture), "--bins", bins.ToString(CultureInfo.InvariantCulture))
        : null;
    var best = new Dictionary<string, double>();
    void Keep(string key, double value) => best[key] = Math.Min(best.GetValueOrDefault(key, double.MaxValue), value);
    for (int round = 1; round <= rounds; round++)
    {
        foreach (bool matrix in new[] { false, true })
        {
            var model = new GradientBoostedTrees { Trees = trees, MaxDepth = 6, LearningRate = 0.1, L2 = 1, MinChildWeight = 1, MaxBins = bins, Threads = threads, Seed = 1 };
            var (fitWall, fitCpu) = Timed(() => { if (matrix) model.Fit(mTrain, train.Label); else model.Fit(xTrain, train.Label); });
            double[] p = [];
            var (predictWall, predictCpu) = Timed(() => p = matrix ? model.PredictProbability(mTest) : model.PredictProbability(xTest));
            string name = matrix ? "mlsd-matrix" : "mlsd";
            Keep($"{name} fit", fitCpu);
            Keep($"{name} predict", predictCpu);
            Keep($"{name} fit wall", fitWall);
            Keep($"{name} predict wall", predictWall);
            if (round == 1 && !matrix) Console.WriteLine(model);
            Console.WriteLine($"RESULT {name} threads={threads} trees={trees} auc={Classification.RocAucScore(test.Label, p):F5} logloss={Classification.LogLoss(test.Label, p):F5} " +
                              $"fit_seconds={fitWall:F3} cpu_seconds={fitCpu:F3} predict_seconds={predictWall:F4} predict_cpu_seconds={predictCpu:F4}");
        }
        foreach (string line in Round(reference))
        {
            Console.WriteLine(line);
            Keep("xgboost fit", Field(line, "cpu_seconds"));
            Keep("xgboost predict", Field(line, "predict_cpu_seconds"));
            Keep("xgboost fit wall", Field(line, "fit_seconds"));
            Keep("xgboost predict wall", Field(line, "predict_seconds"));
        }
    }
    Console.WriteLine($"best of {rounds} rounds at {threads} thread(s), seconds:   CPU     wall");
    foreach (string key in best.Keys.Where(k => !k.EndsWith(" wall", StringComparison.Ordinal)).Order())
        Console.WriteLine($"  {key,-22} {best[key],8:F3} {best[key + " wall"],8:F3}");
    if (best.ContainsKey("xgboost fit"))
        foreach (string unit in new[] { "", " wall" })
            Console.WriteLine($"  ours/XGBoost{(unit == "" ? " CPU" : unit)}: fit {best["mlsd fit" + unit] / best["xgboost fit" + unit]:F2}×, " +
                              $"predict {best["mlsd predict" + unit] / best["xgboost predict" + unit]:F2}× (float[,] input: fit " +
                              $"{best["mlsd-matrix fit" + unit] / best["xgboost fit" + unit]:F2}×, predict {best["mlsd-matrix predict" + unit] / best["xgboost predict" + unit]:F2}×)");
}

static float[,] ToMatrix(float[][] rows)
{
    var m = new float[rows.Length, rows[0].Length];
    for (int i = 0; i < rows.Length; i++)
        for (int j = 0; j < rows[i].Length; j++) m[i, j] = rows[i][j];
    return m;
}

static (double Wall, double Cpu) Timed(Action action)
{
    var process = Process.GetCurrentProcess();
    process.Refresh();
    var cpu = process.TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    action();
    double wall = clock.Elapsed.TotalSeconds;
    process.Refresh();
    return (wall, (process.TotalProcessorTime - cpu).TotalSeconds);
}

static double Field(string line, string name)
{
    foreach (string part in line.Split(' '))
        if (part.StartsWith(name + "=", StringComparison.Ordinal)) return double.Parse(part[(name.Length + 1)..], CultureInfo.InvariantCulture);
    throw new FormatException($"no {name}= in: {line}");
}

void Lr()
{
    var hasher = new FeatureHasher { Bits = 20 };
    sw.Restart();
    var xTrain = train.Hashed(hasher, train);
    var xTest = test.Hashed(hasher, train);
    Console.WriteLine($"hashing: {sw.Elapsed.TotalSeconds:F2} s; train {xTrain}");
    xTrain.WriteSvmLight(Path.Combine(dir, "ctr_hashed_train.svm"), train.Label);
    xTest.WriteSvmLight(Path.Combine(dir, "ctr_hashed_test.svm"), test.Label);
    foreach (var (epochs, alpha) in new[] { (1, 0.1), (3, 0.1), (5, 0.1), (3, 0.05) })
    {
        // scikit-learn's C = 1 (its default): every pass minimises scikit-learn's objective (see LogisticRegression.C).
        var lr = new LogisticRegression { Epochs = epochs, Alpha = alpha, C = 1, Seed = 1 };
        sw.Restart();
        lr.Fit(xTrain, train.Label);
        double fit = sw.Elapsed.TotalSeconds;
        var p = lr.PredictProbability(xTest);
        Console.WriteLine($"RESULT lr epochs={epochs} alpha={alpha} auc={Classification.RocAucScore(test.Label, p):F5} logloss={Classification.LogLoss(test.Label, p):F5} fit_seconds={fit:F3} nonzero={lr.NonZeroWeights}");
    }
    if (compare) RunReference("lr_reference.py");
}

void Fm()
{
    var hasher = new FeatureHasher { Bits = 20 };
    var xTrain = train.Hashed(hasher, train);
    var xTest = test.Hashed(hasher, train);
    foreach (var (epochs, eta, l2) in new[] { (1, 0.05, 2e-5), (2, 0.05, 2e-5), (3, 0.05, 2e-5), (2, 0.1, 2e-5), (2, 0.05, 1e-3) })
    {
        var fm = new FactorizationMachine { Factors = 8, Epochs = epochs, LearningRate = eta, L2Linear = l2, L2Factors = l2, Seed = 1 };
        sw.Restart();
        fm.Fit(xTrain, train.Label);
        double fit = sw.Elapsed.TotalSeconds;
        var p = fm.PredictProbability(xTest);
        Console.WriteLine($"RESULT fm epochs={epochs} eta={eta} l2={l2} auc={Classification.RocAucScore(test.Label, p):F5} logloss={Classification.LogLoss(test.Label, p):F5} fit_seconds={fit:F3} train_loss={string.Join("/", fm.TrainingLoss.Select(l => l.ToString("F4")))}");
    }
}

// ML.NET's boosted trees on the same dense table as `gbdt` (numeric columns + category codes, NaN = missing), settled as
// close to ours as their options allow: same number of trees and learning rate, 64 leaves (a depth-6 tree's most),
// at least 1 row per leaf, one thread (ML.NET trainers are run single-threaded in Mlsd for determinism).
void MlNet()
{
    var xTrain = train.DenseRows();
    var xTest = test.DenseRows();
    foreach (var model in new[]
    {
        MlNetClassifier.LightGbm(trees: trees, leaves: 64, learningRate: 0.1, minLeafRows: 1),
        MlNetClassifier.FastTree(trees: trees, leaves: 64, learningRate: 0.1, minLeafRows: 1),
    })
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        sw.Restart();
        model.Fit(xTrain, train.Label);
        double fit = sw.Elapsed.TotalSeconds;
        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        sw.Restart();
        var p = model.PredictProbability(xTest);
        double predict = sw.Elapsed.TotalSeconds;
        Console.WriteLine($"RESULT {model.Name.Replace(' ', '_')} trees={trees} auc={Classification.RocAucScore(test.Label, p):F5} logloss={Classification.LogLoss(test.Label, p):F5} fit_seconds={fit:F3} cpu_seconds={cpuSeconds:F3} predict_seconds={predict:F3}");
    }
}

string RepositoryRoot()
{
    string? root = AppContext.BaseDirectory;
    while (root is not null && !File.Exists(Path.Combine(root, "Mlsd.slnx"))) root = Path.GetDirectoryName(root);
    return root ?? throw new InvalidOperationException("cannot find the repository root (Mlsd.slnx) to run the reference script");
}

ProcessStartInfo ReferenceStart(string script, string[] scriptArgs)
{
    var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
    start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "bench", "reference", script));
    foreach (var a in scriptArgs) start.ArgumentList.Add(a);
    start.Environment["MLSD_BENCH_DIR"] = dir;
    return start;
}

void RunReference(string script, params string[] scriptArgs)
{
    using var python = Process.Start(ReferenceStart(script, scriptArgs))!;
    python.StandardInput.Close();
    string output = python.StandardOutput.ReadToEnd();
    python.WaitForExit();
    Console.Write(output);
}

// A reference process in --serve mode, after it has loaded its data (READY).
Process StartReference(string script, params string[] scriptArgs)
{
    var python = Process.Start(ReferenceStart(script, scriptArgs))!;
    string? line;
    while ((line = python.StandardOutput.ReadLine()) is not null && line != "READY") Console.WriteLine(line);
    if (line is null) throw new InvalidOperationException($"{script} exited before READY");
    return python;
}

// One measuring round of a serving reference: its RESULT lines.
static List<string> Round(Process? reference)
{
    var lines = new List<string>();
    if (reference is null) return lines;
    reference.StandardInput.WriteLine("round");
    reference.StandardInput.Flush();
    string? line;
    while ((line = reference.StandardOutput.ReadLine()) is not null && line != "END")
        if (line.StartsWith("RESULT", StringComparison.Ordinal)) lines.Add(line);
    return lines;
}

int IntOption(string name, int fallback)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
