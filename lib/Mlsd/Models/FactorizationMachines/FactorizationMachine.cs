using System.Runtime.CompilerServices;
using System.Collections.ObjectModel;
using System.Globalization;
using Mlsd.Features;

namespace Mlsd.Models;

/// <summary>
/// A factorization machine for click prediction (Rendle 2010, "Factorization Machines", ICDM): logistic regression
/// plus every pairwise interaction, each interaction weight factorised as the dot product of two learned k-dimensional
/// embeddings, ŷ = w₀ + Σᵢ wᵢxᵢ + Σᵢ&lt;ⱼ ⟨vᵢ, vⱼ⟩ xᵢxⱼ. It learns "user × ad" effects without declaring crosses, and
/// generalises to pairs never seen together, because each feature's embedding is learned from all its pairs.
/// </summary>
/// <remarks>
/// <para>The pairwise term is computed in O(k·nnz) with Rendle's identity (Lemma 3.1):
/// Σᵢ&lt;ⱼ ⟨vᵢ, vⱼ⟩ xᵢxⱼ = ½ Σ_f [(Σᵢ v_if xᵢ)² − Σᵢ v_if² xᵢ²].</para>
/// <para>Trained on log loss with AdaGrad (Duchi et al. 2011) per parameter, accumulators starting at 1 as in libffm,
/// and L2 applied to the parameters each example touches (the libFM convention): every update of θ uses
/// ∂loss/∂θ + λθ. Embeddings start as seeded uniform noise of standard deviation <see cref="InitStd"/>.</para>
/// </remarks>
public sealed class FactorizationMachine
{
    private readonly int _factors = 8, _epochs = 2;
    private readonly double _learningRate = 0.05, _l2Linear = 2e-5, _l2Factors = 2e-5, _initStd = 0.01;
    private int _d;
    private double _w0, _g0;
    private float[]? _w, _gw, _v, _gv;
    private Sampler? _sampler;
    private readonly List<double> _trainingLoss = [];

    /// <summary>The embedding size k (default 8).</summary>
    public int Factors { get => _factors; init { ModelInput.CheckAtLeast(value, 1, nameof(Factors)); _factors = value; } }

    /// <summary>
    /// Passes over the data in <see cref="Fit"/> (default 2). FMs overfit quickly on ID features: watch held-out loss
    /// and stop when it rises (on the 200k-row benchmark click log, test loss is best after 1–2 passes).
    /// </summary>
    public int Epochs { get => _epochs; init { ModelInput.CheckAtLeast(value, 1, nameof(Epochs)); _epochs = value; } }

    /// <summary>AdaGrad's base step size η (default 0.05).</summary>
    public double LearningRate { get => _learningRate; init { ModelInput.CheckPositive(value, nameof(LearningRate)); _learningRate = value; } }

    /// <summary>L2 strength on the linear weights wᵢ, per update (default 2e-5; the bias w₀ is not penalised).</summary>
    public double L2Linear { get => _l2Linear; init { ModelInput.CheckNonNegative(value, nameof(L2Linear)); _l2Linear = value; } }

    /// <summary>L2 strength on the embeddings vᵢ, per update (default 2e-5).</summary>
    public double L2Factors { get => _l2Factors; init { ModelInput.CheckNonNegative(value, nameof(L2Factors)); _l2Factors = value; } }

    /// <summary>The standard deviation of the initial embeddings (default 0.01). They must not start at 0, where every gradient of v is 0.</summary>
    public double InitStd { get => _initStd; init { ModelInput.CheckPositive(value, nameof(InitStd)); _initStd = value; } }

    /// <summary>Whether each pass visits rows in a seeded random order (default true).</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>The seed for initialisation and shuffling (default 0).</summary>
    public int Seed { get; init; }

    /// <summary>True once <c>Fit</c> or <c>PartialFit</c> has run.</summary>
    public bool IsFitted => _w is not null;

    /// <summary>The number of input columns the model was fitted on.</summary>
    public int NumFeatures => _d;

    /// <summary>The bias w₀.</summary>
    public double Bias { get { Fitted(); return _w0; } }

    /// <summary>The linear weights wᵢ.</summary>
    public IReadOnlyList<double> LinearWeights => Array.ConvertAll(Fitted(), x => (double)x);

    /// <summary>The embedding vᵢ of column <paramref name="feature"/>.</summary>
    public double[] Embedding(int feature)
    {
        Fitted();
        if ((uint)feature >= (uint)_d) throw new ArgumentOutOfRangeException(nameof(feature), feature, $"feature must be in [0, {_d}).");
        var e = new double[Factors];
        for (int f = 0; f < Factors; f++) e[f] = _v![feature * Factors + f];
        return e;
    }

    /// <summary>The learned interaction weight ⟨vᵢ, vⱼ⟩ between two columns.</summary>
    public double Interaction(int i, int j)
    {
        var a = Embedding(i);
        var b = Embedding(j);
        double dot = 0;
        for (int f = 0; f < a.Length; f++) dot += a[f] * b[f];
        return dot;
    }

    /// <summary>The mean log loss of each pass so far, each example scored just before its update (progressive validation).</summary>
    public IReadOnlyList<double> TrainingLoss => new ReadOnlyCollection<double>(_trainingLoss);

    /// <summary>Fits from scratch on sparse rows and 0/1 labels.</summary>
    /// <exception cref="ArgumentException">x is empty, the lengths differ, or a label is not 0/1.</exception>
    public FactorizationMachine Fit(SparseMatrix x, IReadOnlyList<int> y)
    {
        ModelInput.CheckMatrix(x);
        ModelInput.CheckLabels(y, x.Rows);
        Reset(x.Columns);
        for (int e = 0; e < Epochs; e++) Pass(x, y);
        return this;
    }

    /// <summary>One more pass over (new) data, continuing from the current parameters; fits from scratch if not fitted.</summary>
    /// <exception cref="ArgumentException">Bad input, or a different number of columns than the fitted model.</exception>
    public FactorizationMachine PartialFit(SparseMatrix x, IReadOnlyList<int> y)
    {
        ModelInput.CheckMatrix(x);
        ModelInput.CheckLabels(y, x.Rows);
        if (_w is null) Reset(x.Columns);
        else if (x.Columns != _d) throw new ArgumentException($"x has {x.Columns} columns but the model was fitted on {_d}.", nameof(x));
        Pass(x, y);
        return this;
    }

    /// <summary>The logit ŷ of each row.</summary>
    [MethodImpl(Jit.Hot)]
    public double[] DecisionFunction(SparseMatrix x)
    {
        Fitted();
        ModelInput.CheckMatrix(x);
        if (x.Columns != _d) throw new ArgumentException($"x has {x.Columns} columns but the model was fitted on {_d}.", nameof(x));
        var sums = new double[Factors];
        var result = new double[x.Rows];
        for (int r = 0; r < x.Rows; r++) result[r] = Score(x.RowIndices(r), x.RowValues(r), sums);
        return result;
    }

    /// <summary>P(y = 1) for each row.</summary>
    public double[] PredictProbability(SparseMatrix x)
    {
        var z = DecisionFunction(x);
        for (int i = 0; i < z.Length; i++) z[i] = MathFunctions.Sigmoid(z[i]);
        return z;
    }

    /// <summary>P(y = 1) for one row (online serving), e.g. from <see cref="FeatureHasher.TransformRow"/>.</summary>
    public double PredictProbability(SparseVector row)
    {
        Fitted();
        ArgumentNullException.ThrowIfNull(row);
        if (row.Dimension != _d) throw new ArgumentException($"row has dimension {row.Dimension} but the model was fitted on {_d} columns.", nameof(row));
        var values = Array.ConvertAll(row.Values, v => (float)v);
        return MathFunctions.Sigmoid(Score(row.Indices, values, new double[Factors]));
    }

    /// <summary>0/1 predictions: 1 where P(y = 1) ≥ <paramref name="threshold"/>.</summary>
    public int[] Predict(SparseMatrix x, double threshold = 0.5) =>
        PredictProbability(x).Select(p => p >= threshold ? 1 : 0).ToArray();

    /// <summary>The configuration, and the fitted size when fitted.</summary>
    public override string ToString()
    {
        var config = string.Create(CultureInfo.InvariantCulture,
            $"FactorizationMachine(k={Factors}, AdaGrad η={LearningRate:G4}, L2 {L2Linear:G3}/{L2Factors:G3}, {Epochs} epochs, seed {Seed})");
        return IsFitted ? config + $": {NumFeatures} features" : config + ": not fitted";
    }

    private float[] Fitted() => _w ?? throw new InvalidOperationException("The model is not fitted yet: call Fit first.");

    private void Reset(int columns)
    {
        _d = columns;
        _sampler = new Sampler(Seed);
        _w0 = 0;
        _g0 = 1;
        _w = new float[columns];
        _gw = new float[columns];
        Array.Fill(_gw, 1f);
        long size = (long)columns * Factors;
        if (size > Array.MaxLength) throw new ArgumentException($"{columns} columns × {Factors} factors is too many parameters.", nameof(columns));
        _v = new float[size];
        _gv = new float[size];
        Array.Fill(_gv, 1f);
        double a = InitStd * Math.Sqrt(3); // uniform(−a, a) has standard deviation InitStd
        var init = _sampler.Fork();
        for (long i = 0; i < size; i++) _v[i] = (float)init.Uniform(-a, a);
        _trainingLoss.Clear();
    }

    private double Score(ReadOnlySpan<int> idx, ReadOnlySpan<float> val, double[] sums)
    {
        int k = Factors;
        var w = _w!;
        var v = _v!;
        Array.Clear(sums);
        double linear = _w0, squares = 0;
        for (int t = 0; t < idx.Length; t++)
        {
            int i = idx[t];
            double xi = val[t];
            linear += w[i] * xi;
            int o = i * k;
            for (int f = 0; f < k; f++)
            {
                double vx = v[o + f] * xi;
                sums[f] += vx;
                squares += vx * vx;
            }
        }
        double pair = 0;
        for (int f = 0; f < k; f++) pair += sums[f] * sums[f];
        return linear + 0.5 * (pair - squares);
    }

    [MethodImpl(Jit.Hot)]
    private void Pass(SparseMatrix x, IReadOnlyList<int> y)
    {
        int rows = x.Rows, k = Factors;
        var order = new int[rows];
        for (int i = 0; i < rows; i++) order[i] = i;
        if (Shuffle) _sampler!.Shuffle(order);
        var w = _w!;
        var gw = _gw!;
        var v = _v!;
        var gv = _gv!;
        double eta = LearningRate, lw = L2Linear, lv = L2Factors;
        var sums = new double[k];
        double lossSum = 0;
        for (int t = 0; t < rows; t++)
        {
            int r = order[t];
            var idx = x.RowIndices(r);
            var val = x.RowValues(r);
            double z = Score(idx, val, sums);
            int label = y[r];
            lossSum += ModelInput.LogLossFromLogit(label, z);
            double g = MathFunctions.Sigmoid(z) - label;
            _g0 += g * g;
            _w0 -= eta * g / Math.Sqrt(_g0);
            for (int q = 0; q < idx.Length; q++)
            {
                int i = idx[q];
                double xi = val[q];
                double gwi = g * xi + lw * w[i];
                gw[i] += (float)(gwi * gwi);
                w[i] -= (float)(eta * gwi / Math.Sqrt(gw[i]));
                int o = i * k;
                for (int f = 0; f < k; f++)
                {
                    double vif = v[o + f];
                    double gvf = g * xi * (sums[f] - vif * xi) + lv * vif;
                    gv[o + f] += (float)(gvf * gvf);
                    v[o + f] = (float)(vif - eta * gvf / Math.Sqrt(gv[o + f]));
                }
            }
        }
        _trainingLoss.Add(lossSum / rows);
    }
}
