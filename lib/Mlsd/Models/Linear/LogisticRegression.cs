using System.Runtime.CompilerServices;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Runtime.InteropServices;
using Mlsd.Features;

namespace Mlsd.Models;

/// <summary>
/// Logistic regression for click prediction, P(click | x) = σ(w·x + b), trained online with FTRL-Proximal — the
/// per-coordinate adaptive optimiser Google described for its ad click models (McMahan et al. 2013, "Ad Click
/// Prediction: a View from the Trenches", KDD, Algorithm 1). Works on sparse hashed rows; rare features keep large
/// step sizes while frequent ones settle, and the L1 term sets most weights to exactly zero.
/// </summary>
/// <remarks>
/// <para>Objective, over the stream of updates (each pass counts every example again):
/// Σ logloss + <see cref="L1"/>·‖w‖₁ + ½·<see cref="L2"/>·‖w‖²; the intercept is not penalised. scikit-learn's
/// <c>LogisticRegression(C)</c> minimises C·Σ logloss + ½‖w‖², so E passes with <c>L2 = E/C</c> come near its optimum
/// but not onto it: FTRL sums the gradients of the whole trajectory, and over repeated passes the early, larger ones
/// leave the weights less shrunk than the batch optimum (on the test's 100-row example, 20 % larger at C = 1).
/// Setting <see cref="C"/> instead of <see cref="L2"/> reaches scikit-learn's optimum: see there.</para>
/// <para>Per coordinate i, FTRL keeps z_i and n_i (the sum of squared gradients) and sets
/// w_i = 0 if |z_i| ≤ λ₁, else −(z_i − sgn(z_i)λ₁) / ((β + √n_i)/α + λ₂).</para>
/// <para><see cref="Fit(SparseMatrix, IReadOnlyList{int})"/> starts afresh and makes <see cref="Epochs"/> passes (seeded
/// shuffling); <see cref="PartialFit(SparseMatrix, IReadOnlyList{int})"/> continues from the current state with one pass
/// over new data — how a production model is fine-tuned on each new day of logs.</para>
/// </remarks>
public sealed class LogisticRegression
{
    private readonly int _epochs = 3;
    private readonly double _alpha = 0.1, _beta = 1, _l1, _l2 = 1;
    private readonly double? _c;
    private readonly bool _l2Set;
    private double[]? _z, _n, _w;
    private double _zb, _nb;
    private Sampler? _sampler;
    private readonly List<double> _trainingLoss = [];

    /// <summary>Passes over the data in <see cref="Fit(SparseMatrix, IReadOnlyList{int})"/> (default 3).</summary>
    public int Epochs { get => _epochs; init { ModelInput.CheckAtLeast(value, 1, nameof(Epochs)); _epochs = value; } }

    /// <summary>FTRL's α: the per-coordinate learning rate is α / (β + √n_i) (default 0.1).</summary>
    public double Alpha { get => _alpha; init { ModelInput.CheckPositive(value, nameof(Alpha)); _alpha = value; } }

    /// <summary>FTRL's β, which damps the first steps of every coordinate (default 1).</summary>
    public double Beta { get => _beta; init { ModelInput.CheckNonNegative(value, nameof(Beta)); _beta = value; } }

    /// <summary>L1 strength λ₁ (default 0). Positive values zero out weights of uninformative features.</summary>
    public double L1 { get => _l1; init { ModelInput.CheckNonNegative(value, nameof(L1)); _l1 = value; } }

    /// <summary>
    /// L2 strength λ₂ on the summed loss of all passes (default 1; with E epochs roughly scikit-learn's C = E/λ₂).
    /// Reads 0 when <see cref="C"/> is set: that penalty is applied per example instead.
    /// </summary>
    public double L2
    {
        get => _c is null ? _l2 : 0;
        init { ModelInput.CheckNonNegative(value, nameof(L2)); _l2 = value; _l2Set = true; }
    }

    /// <summary>
    /// scikit-learn's inverse regularisation strength C, as an alternative to <see cref="L2"/> (set one, not both):
    /// each pass then minimises scikit-learn's objective C·Σ logloss + ½‖w‖² (intercept unpenalised), whatever the
    /// number of <see cref="Epochs"/>. The ½‖w‖²/C of a pass is spread over the rows that hold each feature: a row adds
    /// w_i / (C·count_i) to feature i's gradient, count_i being the rows of the data passed that have feature i, so the
    /// gradients of a pass sum to those of the batch objective and repeated passes settle at its optimum (a test checks
    /// the weights against scikit-learn's). Null (default) means "use L2".
    /// </summary>
    public double? C
    {
        get => _c;
        init
        {
            if (value is double v) ModelInput.CheckPositive(v, nameof(C));
            _c = value;
        }
    }

    /// <summary>Whether to learn an (unpenalised) intercept b (default true).</summary>
    public bool FitIntercept { get; init; } = true;

    /// <summary>Whether each pass visits the rows in a seeded random order (default true); false keeps the given (time) order.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>The seed for shuffling (default 0): the same seed and data give identical weights.</summary>
    public int Seed { get; init; }

    /// <summary>True once <c>Fit</c> or <c>PartialFit</c> has run.</summary>
    public bool IsFitted => _w is not null;

    /// <summary>The number of input columns the model was fitted on.</summary>
    public int NumFeatures => _w?.Length ?? 0;

    /// <summary>The weights w (one per column).</summary>
    public IReadOnlyList<double> Weights => Array.AsReadOnly(Fitted());

    /// <summary>The intercept b.</summary>
    public double Intercept { get { Fitted(); return FitIntercept ? FtrlWeight(_zb, _nb, 0, 0) : 0; } }

    /// <summary>How many weights are non-zero (L1 makes this small).</summary>
    public int NonZeroWeights
    {
        get
        {
            var w = Fitted();
            int count = 0;
            foreach (var v in w) if (v != 0) count++;
            return count;
        }
    }

    /// <summary>
    /// The progressive-validation log loss of each pass so far: the mean loss of every example scored just
    /// <i>before</i> the model updated on it — an honest online estimate of generalisation (McMahan et al. §5.1).
    /// </summary>
    public IReadOnlyList<double> TrainingLoss => new ReadOnlyCollection<double>(_trainingLoss);

    /// <summary>Fits from scratch on sparse rows <paramref name="x"/> with 0/1 labels <paramref name="y"/>.</summary>
    /// <exception cref="ArgumentException">x is empty, the lengths differ, or a label is not 0/1.</exception>
    public LogisticRegression Fit(SparseMatrix x, IReadOnlyList<int> y)
    {
        ModelInput.CheckMatrix(x);
        ModelInput.CheckLabels(y, x.Rows);
        Reset(x.Columns);
        for (int e = 0; e < Epochs; e++) Pass(x, y);
        Materialise();
        return this;
    }

    /// <summary>Fits from scratch on dense rows (zeros are skipped; scale features first, NaN not allowed).</summary>
    public LogisticRegression Fit(IReadOnlyList<double[]> x, IReadOnlyList<int> y)
    {
        ModelInput.CheckDense(x);
        return Fit(SparseMatrix.FromDense(x), y);
    }

    /// <summary>
    /// One more pass over (possibly new) data, continuing from the current weights and learning-rate state; fits from
    /// scratch if the model is not fitted yet. For continual learning: call it with each new day's impressions.
    /// </summary>
    /// <exception cref="ArgumentException">Bad input, or <paramref name="x"/> has a different number of columns than the fitted model.</exception>
    public LogisticRegression PartialFit(SparseMatrix x, IReadOnlyList<int> y)
    {
        ModelInput.CheckMatrix(x);
        ModelInput.CheckLabels(y, x.Rows);
        if (_w is null) Reset(x.Columns);
        else if (x.Columns != _w.Length)
            throw new ArgumentException($"x has {x.Columns} columns but the model was fitted on {_w.Length}.", nameof(x));
        Pass(x, y);
        Materialise();
        return this;
    }

    /// <summary>Continues training on dense rows; see <see cref="PartialFit(SparseMatrix, IReadOnlyList{int})"/>.</summary>
    public LogisticRegression PartialFit(IReadOnlyList<double[]> x, IReadOnlyList<int> y)
    {
        ModelInput.CheckDense(x);
        return PartialFit(SparseMatrix.FromDense(x), y);
    }

    /// <summary>The logit w·x + b of each row.</summary>
    [MethodImpl(Jit.Hot)]
    public double[] DecisionFunction(SparseMatrix x)
    {
        var w = Fitted();
        ModelInput.CheckMatrix(x);
        if (x.Columns != w.Length)
            throw new ArgumentException($"x has {x.Columns} columns but the model was fitted on {w.Length}.", nameof(x));
        double b = Intercept;
        var result = new double[x.Rows];
        for (int r = 0; r < x.Rows; r++)
        {
            var idx = x.RowIndices(r);
            var val = x.RowValues(r);
            double dot = b;
            for (int k = 0; k < idx.Length; k++) dot += w[idx[k]] * val[k];
            result[r] = dot;
        }
        return result;
    }

    /// <summary>The logit of each dense row.</summary>
    public double[] DecisionFunction(IReadOnlyList<double[]> x) => DecisionFunction(SparseMatrix.FromDense(x));

    /// <summary>P(y = 1) for each row.</summary>
    public double[] PredictProbability(SparseMatrix x)
    {
        var z = DecisionFunction(x);
        for (int i = 0; i < z.Length; i++) z[i] = MathFunctions.Sigmoid(z[i]);
        return z;
    }

    /// <summary>P(y = 1) for each dense row.</summary>
    public double[] PredictProbability(IReadOnlyList<double[]> x) => PredictProbability(SparseMatrix.FromDense(x));

    /// <summary>P(y = 1) for one sparse row (online serving), e.g. from <see cref="FeatureHasher.TransformRow"/>.</summary>
    public double PredictProbability(SparseVector row)
    {
        var w = Fitted();
        ArgumentNullException.ThrowIfNull(row);
        if (row.Dimension != w.Length)
            throw new ArgumentException($"row has dimension {row.Dimension} but the model was fitted on {w.Length} columns.", nameof(row));
        double dot = Intercept;
        var idx = row.Indices;
        var val = row.Values;
        for (int k = 0; k < idx.Length; k++) dot += w[idx[k]] * val[k];
        return MathFunctions.Sigmoid(dot);
    }

    /// <summary>0/1 predictions: 1 where P(y = 1) ≥ <paramref name="threshold"/>.</summary>
    public int[] Predict(SparseMatrix x, double threshold = 0.5)
    {
        var p = PredictProbability(x);
        var labels = new int[p.Length];
        for (int i = 0; i < p.Length; i++) labels[i] = p[i] >= threshold ? 1 : 0;
        return labels;
    }

    /// <summary>0/1 predictions for dense rows.</summary>
    public int[] Predict(IReadOnlyList<double[]> x, double threshold = 0.5) => Predict(SparseMatrix.FromDense(x), threshold);

    /// <summary>The configuration, and the fitted size when fitted.</summary>
    public override string ToString()
    {
        var config = string.Create(CultureInfo.InvariantCulture, $"LogisticRegression(FTRL-Proximal α={Alpha:G4} β={Beta:G4} L1={L1:G4} {(C is double c ? $"C={c:G4}" : $"L2={L2:G4}")}, {Epochs} epochs, seed {Seed})");
        return IsFitted ? config + $": {NumFeatures} features, {NonZeroWeights} non-zero weights" : config + ": not fitted";
    }

    private double[] Fitted() => _w ?? throw new InvalidOperationException("The model is not fitted yet: call Fit first.");

    private void Reset(int columns)
    {
        if (_c is not null && _l2Set)
            throw new InvalidOperationException("Set either L2 or C, not both: C is scikit-learn's form of the same penalty (L2 = Epochs / C).");
        _z = new double[columns];
        _n = new double[columns];
        _zb = _nb = 0;
        _sampler = new Sampler(Seed);
        _trainingLoss.Clear();
    }

    private double FtrlWeight(double z, double n, double l1, double l2)
    {
        if (Math.Abs(z) <= l1) return 0;
        return -(z - Math.Sign(z) * l1) / ((Beta + Math.Sqrt(n)) / Alpha + l2);
    }

    [MethodImpl(Jit.Hot)]
    private void Pass(SparseMatrix x, IReadOnlyList<int> y)
    {
        var z = _z!;
        var n = _n!;
        int rows = x.Rows;
        var order = new int[rows];
        for (int i = 0; i < rows; i++) order[i] = i;
        if (Shuffle) _sampler!.Shuffle(order);
        double invAlpha = 1 / Alpha, l1 = L1, l2 = L2, beta = Beta;
        double[]? penalty = _c is double c ? PerRowPenalty(x, c) : null;
        double lossSum = 0;
        var wbuf = new double[16];
        var rootBuf = new double[16];   // √n_i of the row's coordinates: the weight and the step both need it
        for (int t = 0; t < rows; t++)
        {
            int r = order[t];
            var idx = x.RowIndices(r);
            var val = x.RowValues(r);
            if (wbuf.Length < idx.Length) { wbuf = new double[idx.Length * 2]; rootBuf = new double[idx.Length * 2]; }
            double wb = FitIntercept ? FtrlWeight(_zb, _nb, 0, 0) : 0;
            double dot = wb;
            if (l1 == 0)
                dot = WeightsWithoutL1(dot, z, n, idx, val, wbuf, rootBuf, beta, invAlpha, l2);
            else
                for (int k = 0; k < idx.Length; k++)
                {
                    int i = idx[k];
                    double zi = z[i], root = Math.Sqrt(n[i]), wi;
                    if (Math.Abs(zi) <= l1) wi = 0;
                    else wi = -(zi - Math.Sign(zi) * l1) / ((beta + root) * invAlpha + l2);
                    wbuf[k] = wi;
                    rootBuf[k] = root;
                    dot += wi * val[k];
                }
            int label = y[r];
            lossSum += ModelInput.LogLossFromLogit(label, dot);
            double g = MathFunctions.Sigmoid(dot) - label;
            Step(z, n, idx, val, g, penalty, wbuf, rootBuf, invAlpha);
            if (FitIntercept)
            {
                double nNew = _nb + g * g;
                _zb += g - (Math.Sqrt(nNew) - Math.Sqrt(_nb)) * invAlpha * wb;
                _nb = nNew;
            }
        }
        _trainingLoss.Add(lossSum / rows);
    }

    /// <summary>
    /// The row's FTRL weights when there is no L1 penalty (the common case), and <paramref name="dot"/> plus their dot
    /// product with the row's values, accumulated in the same order as the general loop. Without L1, w_i = −z_i / ((β + √n_i)/α + λ₂) — the
    /// general formula with l1 = 0 (z_i − sign(z_i)·0 is z_i) — so no sign, no branch beyond z_i = 0, and no bounds
    /// checks: a row's column indices were checked against the width when the matrix was built. The hottest loop of
    /// every linear model here.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double WeightsWithoutL1(double dot, double[] z, double[] n, ReadOnlySpan<int> idx,
        ReadOnlySpan<float> val, double[] wbuf, double[] rootBuf, double beta, double invAlpha, double l2)
    {
        ref double z0 = ref MemoryMarshal.GetArrayDataReference(z);
        ref double n0 = ref MemoryMarshal.GetArrayDataReference(n);
        var w = wbuf.AsSpan(0, idx.Length);
        var roots = rootBuf.AsSpan(0, idx.Length);
        for (int k = 0; k < w.Length; k++)
        {
            int i = idx[k];
            double zi = Unsafe.Add(ref z0, i), root = Math.Sqrt(Unsafe.Add(ref n0, i));
            double wi = zi == 0 ? 0 : -zi / ((beta + root) * invAlpha + l2);
            w[k] = wi;
            roots[k] = root;
            dot += wi * val[k];
        }
        return dot;
    }

    /// <summary>
    /// FTRL's per-coordinate step for every coordinate of a row: with g_i = g·x_i (plus penalty_i·w_i when C spreads
    /// the L2 penalty over the rows), n_i += g_i² and z_i += g_i − σ_i·w_i, σ_i = (√n_i,new − √n_i)/α. No bounds
    /// checks: the row's indices were checked against the width when the matrix was built.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step(double[] z, double[] n, ReadOnlySpan<int> idx, ReadOnlySpan<float> val, double g,
        double[]? penalty, double[] wbuf, double[] rootBuf, double invAlpha)
    {
        ref double z0 = ref MemoryMarshal.GetArrayDataReference(z);
        ref double n0 = ref MemoryMarshal.GetArrayDataReference(n);
        var w = wbuf.AsSpan(0, idx.Length);
        var roots = rootBuf.AsSpan(0, idx.Length);
        for (int k = 0; k < w.Length; k++)
        {
            ref double zi = ref Unsafe.Add(ref z0, idx[k]);
            ref double ni = ref Unsafe.Add(ref n0, idx[k]);
            double gi = g * val[k];
            if (penalty is not null) gi += penalty[idx[k]] * w[k];
            double nNew = ni + gi * gi;
            zi += gi - (Math.Sqrt(nNew) - roots[k]) * invAlpha * w[k];
            ni = nNew;
        }
    }

    /// <summary>1 / (C·count_i) per column: the share of ½‖w‖²/C each row holding feature i carries.</summary>
    private static double[] PerRowPenalty(SparseMatrix x, double c)
    {
        var penalty = new double[x.Columns];
        for (int r = 0; r < x.Rows; r++)
            foreach (int i in x.RowIndices(r)) penalty[i]++;
        for (int i = 0; i < penalty.Length; i++)
            if (penalty[i] > 0) penalty[i] = 1 / (c * penalty[i]);
        return penalty;
    }

    [MethodImpl(Jit.Hot)]
    private void Materialise()
    {
        var z = _z!;
        var n = _n!;
        var w = new double[z.Length];
        for (int i = 0; i < w.Length; i++) w[i] = FtrlWeight(z[i], n[i], L1, L2);
        _w = w;
    }
}
