using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;
using Mlsd.Features;

namespace Mlsd.Models;

/// <summary>
/// An ML.NET binary classifier in our models' shape — configure, <c>Fit</c>, <c>PredictProbability</c> — on our dense
/// rows or sparse matrices, so a notebook puts ML.NET's trainers in the same model ladder and the same metric table as
/// ours: <c>MlNetClassifier.LightGbm(trees: 50).Fit(xTrain, yTrain).PredictProbability(xTest)</c>.
/// </summary>
/// <remarks>
/// Trainers run with one thread and a fixed seed, so results do not depend on scheduling. The factories name the
/// hyper-parameters our notebooks tune; <see cref="MlNetClassifier(string, Func{MLContext, IEstimator{ITransformer}}, int)"/>
/// takes any other ML.NET binary trainer whose label column is <c>Label</c> and feature column <c>Features</c>.
/// </remarks>
public sealed class MlNetClassifier
{
    private readonly Func<MLContext, IEstimator<ITransformer>> _trainer;
    private MLContext? _context;
    private ITransformer? _model;
    private int _width = -1;

    /// <summary>Wraps an ML.NET trainer; <paramref name="seed"/> seeds the <see cref="MLContext"/>.</summary>
    public MlNetClassifier(string name, Func<MLContext, IEstimator<ITransformer>> trainer, int seed = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        _trainer = trainer ?? throw new ArgumentNullException(nameof(trainer));
        Seed = seed;
    }

    /// <summary>A short name for tables ("ML.NET LightGBM").</summary>
    public string Name { get; }

    /// <summary>The seed of the ML.NET context.</summary>
    public int Seed { get; }

    /// <summary>True once <c>Fit</c> has run.</summary>
    public bool IsFitted => _model is not null;

    /// <summary>LightGBM gradient-boosted trees (Ke et al., NeurIPS 2017), leaf-wise growth.</summary>
    public static MlNetClassifier LightGbm(int trees = 100, int leaves = 31, double learningRate = 0.1, int minLeafRows = 20, int seed = 1) =>
        new("ML.NET LightGBM", ml => ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
        {
            NumberOfIterations = trees, NumberOfLeaves = leaves, LearningRate = learningRate,
            MinimumExampleCountPerLeaf = minLeafRows, NumberOfThreads = 1, Seed = seed, Silent = true,
        }), seed);

    /// <summary>FastTree, ML.NET's own gradient-boosted trees (MART, Friedman 2001).</summary>
    public static MlNetClassifier FastTree(int trees = 100, int leaves = 20, double learningRate = 0.2, int minLeafRows = 10, int seed = 1) =>
        new("ML.NET FastTree", ml => ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            NumberOfTrees = trees, NumberOfLeaves = leaves, LearningRate = learningRate,
            MinimumExampleCountPerLeaf = minLeafRows, NumberOfThreads = 1, Seed = seed,
        }), seed);

    /// <summary>Logistic regression fitted by L-BFGS with L1 and L2 penalties (0 turns one off).</summary>
    public static MlNetClassifier LbfgsLogisticRegression(float l2 = 1, float l1 = 1, int seed = 1) =>
        new("ML.NET L-BFGS logistic regression", ml => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(
            new LbfgsLogisticRegressionBinaryTrainer.Options
            {
                L2Regularization = l2, L1Regularization = l1, NumberOfThreads = 1, OptimizationTolerance = 1e-7f,
            }), seed);

    /// <summary>Logistic regression by stochastic dual coordinate ascent (Shalev-Shwartz &amp; Zhang, JMLR 2013).</summary>
    public static MlNetClassifier SdcaLogisticRegression(float? l2 = null, int epochs = 20, int seed = 1) =>
        new("ML.NET SDCA logistic regression", ml => ml.BinaryClassification.Trainers.SdcaLogisticRegression(
            new SdcaLogisticRegressionBinaryTrainer.Options
            {
                L2Regularization = l2, MaximumNumberOfIterations = epochs, NumberOfThreads = 1, Shuffle = false,
            }), seed);

    /// <summary>
    /// ML.NET's field-aware factorization machine (Juan et al., RecSys 2016). Given one feature column it has a single
    /// field, where it is a plain factorization machine (Rendle, 2010): each feature one latent vector of
    /// <paramref name="factors"/> values, each pair interacting through their dot product.
    /// </summary>
    public static MlNetClassifier FieldAwareFactorizationMachine(int factors = 4, int epochs = 5, float learningRate = 0.1f,
        float lambdaLinear = 1e-4f, float lambdaLatent = 1e-4f, int seed = 1) =>
        new("ML.NET field-aware FM", ml => ml.BinaryClassification.Trainers.FieldAwareFactorizationMachine(
            new FieldAwareFactorizationMachineTrainer.Options
            {
                LatentDimension = factors, NumberOfIterations = epochs, LearningRate = learningRate,
                LambdaLinear = lambdaLinear, LambdaLatent = lambdaLatent, Shuffle = false, Verbose = false,
            }), seed);

    /// <summary>Trains on dense rows and 0/1 labels.</summary>
    public MlNetClassifier Fit(IReadOnlyList<float[]> x, IReadOnlyList<int> y) => Fit(ml => MlNetData.FromDense(ml, x, y), ModelInput.CheckDense(x));

    /// <summary>Trains on dense rows of doubles and 0/1 labels.</summary>
    public MlNetClassifier Fit(IReadOnlyList<double[]> x, IReadOnlyList<int> y) => Fit(ml => MlNetData.FromDense(ml, x, y), ModelInput.CheckDense(x));

    /// <summary>Trains on a sparse matrix and 0/1 labels.</summary>
    public MlNetClassifier Fit(SparseMatrix x, IReadOnlyList<int> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Fit(ml => MlNetData.FromSparse(ml, x, y), x.Columns);
    }

    /// <summary>P(y = 1) for each dense row.</summary>
    public double[] PredictProbability(IReadOnlyList<float[]> x) => Score(ml => MlNetData.FromDense(ml, x), ModelInput.CheckDense(x));

    /// <summary>P(y = 1) for each dense row of doubles.</summary>
    public double[] PredictProbability(IReadOnlyList<double[]> x) => Score(ml => MlNetData.FromDense(ml, x), ModelInput.CheckDense(x));

    /// <summary>P(y = 1) for each row of a sparse matrix.</summary>
    public double[] PredictProbability(SparseMatrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Score(ml => MlNetData.FromSparse(ml, x), x.Columns);
    }

    /// <inheritdoc />
    public override string ToString() => IsFitted ? $"{Name} (fitted on {_width} features)" : $"{Name} (not fitted)";

    private MlNetClassifier Fit(Func<MLContext, IDataView> data, int width)
    {
        var context = new MLContext(Seed);
        var model = _trainer(context).Fit(data(context));
        (_context, _model, _width) = (context, model, width);
        return this;
    }

    private double[] Score(Func<MLContext, IDataView> data, int width)
    {
        if (_model is null || _context is null) throw new InvalidOperationException($"{Name}: call Fit before PredictProbability.");
        if (width != _width) throw new ArgumentException($"x has {width} features but {Name} was fitted on {_width}.", "x");
        var scored = _model.Transform(data(_context));
        return scored.GetColumn<float>("Probability").Select(p => (double)p).ToArray();
    }
}
