// Benchmarks of the tabular models on a seeded synthetic click log, against Python references (bench/reference).
//   dotnet run -c Release --project bench/Mlsd.Bench -- gbdt [--threads N] [--trees N] [--repeat N] [--compare]
//   dotnet run -c Release --project bench/Mlsd.Bench -- lr [--compare]
//   dotnet run -c Release --project bench/Mlsd.Bench -- fm
//   dotnet run -c Release --project bench/Mlsd.Bench -- mlnet [--trees N]   (ML.NET LightGBM and FastTree, one thread)
// Data goes to /tmp/mlsd_bench (override with MLSD_BENCH_DIR) so the Python scripts read the identical table.
// --compare then runs the matching reference script with /usr/bin/python3 and prints its RESULT lines too.
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
int repeat = IntOption("--repeat", 1);
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
    var model = new GradientBoostedTrees { Trees = trees, MaxDepth = 6, LearningRate = 0.1, L2 = 1, MinChildWeight = 1, MaxBins = 255, Threads = threads, Seed = 1 };
    // fit `repeat` times and keep the fastest: the machine is shared, and the minimum is the least disturbed run
    double fit = double.MaxValue, cpuSeconds = double.MaxValue;
    for (int rep = 0; rep < repeat; rep++)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        sw.Restart();
        model.Fit(xTrain, train.Label);
        fit = Math.Min(fit, sw.Elapsed.TotalSeconds);
        cpuSeconds = Math.Min(cpuSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
    }
    var p = model.PredictProbability(xTest);
    Console.WriteLine(model);
    Console.WriteLine($"RESULT gbdt threads={threads} trees={trees} auc={Classification.RocAucScore(test.Label, p):F5} logloss={Classification.LogLoss(test.Label, p):F5} fit_seconds={fit:F3} cpu_seconds={cpuSeconds:F3}");
    if (compare) RunReference("xgb_reference.py", "--threads", threads.ToString(CultureInfo.InvariantCulture), "--trees", trees.ToString(CultureInfo.InvariantCulture));
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
        // L2 = epochs keeps the objective equal to scikit-learn's C = 1 (see LogisticRegression remarks).
        var lr = new LogisticRegression { Epochs = epochs, Alpha = alpha, L2 = epochs, Seed = 1 };
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

void RunReference(string script, params string[] scriptArgs)
{
    string? root = AppContext.BaseDirectory;
    while (root is not null && !File.Exists(Path.Combine(root, "Mlsd.slnx"))) root = Path.GetDirectoryName(root);
    if (root is null) { Console.Error.WriteLine("cannot find the repository root (Mlsd.slnx) to run the reference script"); return; }
    var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, UseShellExecute = false };
    start.ArgumentList.Add(Path.Combine(root, "bench", "reference", script));
    foreach (var a in scriptArgs) start.ArgumentList.Add(a);
    start.Environment["MLSD_BENCH_DIR"] = dir;
    using var python = Process.Start(start)!;
    string output = python.StandardOutput.ReadToEnd();
    python.WaitForExit();
    Console.Write(output);
}

int IntOption(string name, int fallback)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
