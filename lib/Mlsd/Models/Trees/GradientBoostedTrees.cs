using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Mlsd.Features;

namespace Mlsd.Models;

/// <summary>How <see cref="GradientBoostedTrees.FeatureImportance"/> scores a feature.</summary>
public enum ImportanceType
{
    /// <summary>Total loss reduction (split gain) of every split on the feature.</summary>
    Gain,
    /// <summary>The number of splits on the feature.</summary>
    Split,
}

/// <summary>
/// Gradient-boosted decision trees for binary classification (log loss), histogram-based like XGBoost's
/// <c>tree_method="hist"</c> and LightGBM: each feature is cut once into ≤ <see cref="MaxBins"/> quantile bins, then
/// every tree is grown depth-wise by summing gradients and Hessians into per-bin histograms and scanning them for
/// the split with the best second-order gain. The strong baseline for tabular CTR features (counts, rates, prices),
/// and, through <see cref="LeafFeatures(IReadOnlyList{float[]})"/>, the feature generator of Facebook's "GBDT + LR" ad model.
/// </summary>
/// <remarks>
/// <para>Each round fits a tree to the gradient g = p − y and Hessian h = p(1 − p) of the log loss at the current
/// margin. A split of a node with sums (G, H) into (G_L, H_L) and (G_R, H_R) gains
/// ½[G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)] − γ, and a leaf outputs −η·G/(H+λ)
/// (Chen &amp; Guestrin 2016, "XGBoost: A Scalable Tree Boosting System", eq. 5–7).</para>
/// <para>Speed: a child's histogram is its parent's minus its sibling's, so only the smaller child is built from
/// rows (Ke et al. 2017, "LightGBM"). Histograms are built in parallel over disjoint feature blocks; every bin is
/// summed in row order by one thread, so results are identical for any <see cref="Threads"/>. With
/// <see cref="Threads"/> = 1 nothing goes through the thread pool. Prediction walks the trees for blocks of rows
/// at a time, so a block's features and a tree's nodes stay in the fastest cache.</para>
/// <para>Rows come as jagged <c>float[][]</c> (or <c>double[][]</c>) or as one row-major <c>float[,]</c> matrix, the
/// shape of a NumPy array; the model is the same either way.</para>
/// <para>Missing values (NaN) get their own bin; each split learns a default direction for them (Chen &amp; Guestrin §3.4).</para>
/// <para>He et al. 2014, "Practical Lessons from Predicting Clicks on Ads at Facebook", ADKDD — GBDT + LR.</para>
/// </remarks>
public sealed partial class GradientBoostedTrees
{
    private readonly int _trees = 100, _maxDepth = 6, _maxBins = 256, _threads = Environment.ProcessorCount;
    private readonly double _learningRate = 0.1, _l2 = 1, _minChildWeight = 1, _minSplitGain, _subsample = 1, _columnSubsample = 1;

    private Tree[]? _fitted;
    private double _baseMargin;
    private int _numFeatures;
    private double[] _gain = [];
    private int[] _splits = [];

    /// <summary>The number of boosting rounds (trees), default 100.</summary>
    public int Trees { get => _trees; init { ModelInput.CheckAtLeast(value, 1, nameof(Trees)); _trees = value; } }

    /// <summary>The maximum tree depth (default 6: up to 64 leaves).</summary>
    public int MaxDepth { get => _maxDepth; init { ModelInput.CheckAtLeast(value, 1, nameof(MaxDepth)); _maxDepth = value; } }

    /// <summary>Shrinkage η applied to every leaf (default 0.1).</summary>
    public double LearningRate { get => _learningRate; init { ModelInput.CheckPositive(value, nameof(LearningRate)); _learningRate = value; } }

    /// <summary>L2 penalty λ on leaf values (default 1, as XGBoost's <c>reg_lambda</c>).</summary>
    public double L2 { get => _l2; init { ModelInput.CheckNonNegative(value, nameof(L2)); _l2 = value; } }

    /// <summary>The minimum Hessian sum in each child (default 1, XGBoost's <c>min_child_weight</c>).</summary>
    public double MinChildWeight { get => _minChildWeight; init { ModelInput.CheckNonNegative(value, nameof(MinChildWeight)); _minChildWeight = value; } }

    /// <summary>The minimum gain γ for a split to be made (default 0, XGBoost's <c>gamma</c>).</summary>
    public double MinSplitGain { get => _minSplitGain; init { ModelInput.CheckNonNegative(value, nameof(MinSplitGain)); _minSplitGain = value; } }

    /// <summary>
    /// The maximum number of bins per feature, 2–256 (default 256, XGBoost's <c>max_bin</c>); missing values get one
    /// more. Fewer bins train faster and smooth the splits; a feature with fewer distinct values gets one bin each.
    /// </summary>
    public int MaxBins
    {
        get => _maxBins;
        init => _maxBins = value is >= 2 and <= 256 ? value : throw new ArgumentOutOfRangeException(nameof(MaxBins), value, "MaxBins must be between 2 and 256.");
    }

    /// <summary>The fraction of rows sampled (seeded, without replacement) for each tree (default 1).</summary>
    public double Subsample { get => _subsample; init { ModelInput.CheckFraction(value, nameof(Subsample)); _subsample = value; } }

    /// <summary>The fraction of features sampled (seeded) for each tree (default 1, XGBoost's <c>colsample_bytree</c>).</summary>
    public double ColumnSubsample { get => _columnSubsample; init { ModelInput.CheckFraction(value, nameof(ColumnSubsample)); _columnSubsample = value; } }

    /// <summary>The seed for row and column sampling (default 0).</summary>
    public int Seed { get; init; }

    /// <summary>Worker threads for binning, histograms and prediction (default: all cores). Results do not depend on it.</summary>
    public int Threads { get => _threads; init { ModelInput.CheckAtLeast(value, 1, nameof(Threads)); _threads = value; } }

    /// <summary>True once <c>Fit</c> has run.</summary>
    public bool IsFitted => _fitted is not null;

    /// <summary>The number of input features the model was fitted on.</summary>
    public int NumFeatures => _numFeatures;

    /// <summary>The number of trees built.</summary>
    public int TreeCount => _fitted?.Length ?? 0;

    /// <summary>The number of leaves of each tree (the width of each tree's block in <see cref="LeafFeatures(IReadOnlyList{float[]})"/>).</summary>
    public IReadOnlyList<int> LeafCounts => Fitted().Select(t => t.LeafCount).ToArray();

    /// <summary>The starting margin, logit of the training click rate.</summary>
    public double BaseMargin { get { Fitted(); return _baseMargin; } }

    /// <summary>Fits the model to dense rows <paramref name="x"/> (NaN = missing) and 0/1 labels <paramref name="y"/>.</summary>
    /// <exception cref="ArgumentException">x is empty or ragged, lengths differ, or a label is not 0/1.</exception>
    public GradientBoostedTrees Fit(IReadOnlyList<float[]> x, IReadOnlyList<int> y)
    {
        ModelInput.CheckDense(x);
        return Fit(RowSource.Of(x), y);
    }

    /// <summary>
    /// Fits on a row-major matrix: <paramref name="x"/>[i, j] is feature j of row i (NaN = missing) — the layout of a
    /// NumPy array or a data frame's values, with no per-row arrays.
    /// </summary>
    /// <exception cref="ArgumentException">x has no rows or no columns, lengths differ, or a label is not 0/1.</exception>
    public GradientBoostedTrees Fit(float[,] x, IReadOnlyList<int> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.GetLength(0) == 0) throw new ArgumentException("x must contain at least one row.", nameof(x));
        return Fit(RowSource.Of(x), y);
    }

    /// <summary>Fits on double-precision rows (converted to float, as XGBoost does).</summary>
    public GradientBoostedTrees Fit(IReadOnlyList<double[]> x, IReadOnlyList<int> y) => Fit(ToFloat(x), y);

    private GradientBoostedTrees Fit(RowSource x, IReadOnlyList<int> y)
    {
        ModelInput.CheckLabels(y, x.Count);
        if (x.Width == 0) throw new ArgumentException("x must have at least one feature column.", nameof(x));
        var fitted = Train(x, y);
        _fitted = fitted.Trees;
        _shapTrees = null;
        _baseMargin = fitted.BaseMargin;
        _numFeatures = x.Width;
        _gain = fitted.Gain;
        _splits = fitted.Splits;
        return this;
    }

    /// <summary>The margin (logit) of each row: base margin plus the sum of the trees' leaf values.</summary>
    public double[] DecisionFunction(IReadOnlyList<float[]> x) => Margins(Checked(x));

    /// <summary>The margin of each row of a row-major matrix (see <see cref="Fit(float[,], IReadOnlyList{int})"/>).</summary>
    public double[] DecisionFunction(float[,] x) => Margins(Checked(x));

    /// <summary>The margin of each double-precision row.</summary>
    public double[] DecisionFunction(IReadOnlyList<double[]> x) => DecisionFunction(ToFloat(x));

    /// <summary>P(y = 1) for each row.</summary>
    public double[] PredictProbability(IReadOnlyList<float[]> x) => Probabilities(DecisionFunction(x));

    /// <summary>P(y = 1) for each row of a row-major matrix.</summary>
    public double[] PredictProbability(float[,] x) => Probabilities(DecisionFunction(x));

    /// <summary>P(y = 1) for each double-precision row.</summary>
    public double[] PredictProbability(IReadOnlyList<double[]> x) => PredictProbability(ToFloat(x));

    /// <summary>P(y = 1) for one row.</summary>
    public double PredictProbability(float[] row) => PredictProbability([row])[0];

    /// <summary>0/1 predictions: 1 where P(y = 1) ≥ <paramref name="threshold"/>.</summary>
    public int[] Predict(IReadOnlyList<float[]> x, double threshold = 0.5) => Labels(PredictProbability(x), threshold);

    /// <summary>0/1 predictions for the rows of a row-major matrix.</summary>
    public int[] Predict(float[,] x, double threshold = 0.5) => Labels(PredictProbability(x), threshold);

    /// <summary>0/1 predictions for double-precision rows.</summary>
    public int[] Predict(IReadOnlyList<double[]> x, double threshold = 0.5) => Predict(ToFloat(x), threshold);

    /// <summary>
    /// For each row, the leaf it falls in within each tree (<c>result[row][tree]</c>, numbered 0..leaves−1 per tree)
    /// — the categorical "leaf features" that GBDT + LR feeds to a linear model.
    /// </summary>
    public int[][] ApplyLeaves(IReadOnlyList<float[]> x) => Leaves(Checked(x));

    /// <summary>Leaf indices for the rows of a row-major matrix.</summary>
    public int[][] ApplyLeaves(float[,] x) => Leaves(Checked(x));

    /// <summary>Leaf indices for double-precision rows.</summary>
    public int[][] ApplyLeaves(IReadOnlyList<double[]> x) => ApplyLeaves(ToFloat(x));

    /// <summary>
    /// The leaves as a one-hot sparse matrix, one block of columns per tree (total columns = Σ <see cref="LeafCounts"/>),
    /// ready for <see cref="LogisticRegression"/>: the "GBDT + LR" model of He et al. 2014.
    /// </summary>
    public SparseMatrix LeafFeatures(IReadOnlyList<float[]> x) => OneHot(ApplyLeaves(x));

    /// <summary>Leaf one-hot features for the rows of a row-major matrix.</summary>
    public SparseMatrix LeafFeatures(float[,] x) => OneHot(ApplyLeaves(x));

    /// <summary>Leaf one-hot features for double-precision rows.</summary>
    public SparseMatrix LeafFeatures(IReadOnlyList<double[]> x) => LeafFeatures(ToFloat(x));

    /// <summary>
    /// Per-feature importance: total split gain (<see cref="ImportanceType.Gain"/>, XGBoost's "total_gain") or the
    /// number of splits (<see cref="ImportanceType.Split"/>, XGBoost's "weight"). Unnormalised.
    /// </summary>
    public double[] FeatureImportance(ImportanceType type = ImportanceType.Gain)
    {
        Fitted();
        return type == ImportanceType.Gain ? (double[])_gain.Clone() : _splits.Select(s => (double)s).ToArray();
    }

    /// <summary>The configuration, and the fitted size when fitted.</summary>
    public override string ToString()
    {
        var config = string.Create(CultureInfo.InvariantCulture,
            $"GradientBoostedTrees({Trees} trees, depth {MaxDepth}, η={LearningRate:G4}, λ={L2:G4}, min child weight {MinChildWeight:G4}, {MaxBins} bins, subsample {Subsample:G3}/{ColumnSubsample:G3}, seed {Seed})");
        return IsFitted ? config + $": {NumFeatures} features, {_fitted!.Sum(t => t.LeafCount)} leaves" : config + ": not fitted";
    }

    private Tree[] Fitted() => _fitted ?? throw new InvalidOperationException("The model is not fitted yet: call Fit first.");

    private RowSource Checked(IReadOnlyList<float[]> x)
    {
        Fitted();
        ArgumentNullException.ThrowIfNull(x);
        for (int i = 0; i < x.Count; i++)
        {
            if (x[i] is null) throw new ArgumentException($"x row {i} is null.", nameof(x));
            if (x[i].Length != _numFeatures)
                throw new ArgumentException($"x row {i} has {x[i].Length} features but the model was fitted on {_numFeatures}.", nameof(x));
        }
        return RowSource.Of(x);
    }

    private RowSource Checked(float[,] x)
    {
        Fitted();
        ArgumentNullException.ThrowIfNull(x);
        if (x.GetLength(1) != _numFeatures)
            throw new ArgumentException($"x has {x.GetLength(1)} columns but the model was fitted on {_numFeatures} features.", nameof(x));
        return RowSource.Of(x);
    }

    /// <summary>Margins in blocks of rows: for each block, every tree in turn walks all of the block's rows.</summary>
    private double[] Margins(RowSource x)
    {
        var trees = Fitted();
        var result = new double[x.Count];
        For(Threads, Chunks(x.Count), c =>
        {
            var (from, to) = ChunkRange(c, x.Count);
            AddMargins(trees, x, from, to, result);
        });
        return result;
    }

    /// <summary>
    /// Adds the trees' leaf values to the margins of rows [from, to): the rows are copied in blocks of 64 into one
    /// array, and each tree walks a block eight rows abreast — eight independent chains of loads, which the CPU
    /// overlaps, where a single walk waits on every node and feature load in turn.
    /// </summary>
    [MethodImpl(Jit.Hot)]
    private void AddMargins(Tree[] trees, RowSource x, int from, int to, double[] result)
    {
        const int Block = 64;
        int width = x.Width;
        var rows = new float[Block * width];
        ref float row0 = ref MemoryMarshal.GetArrayDataReference(rows);
        for (int start = from; start < to; start += Block)
        {
            int m = Math.Min(Block, to - start);
            for (int i = 0; i < m; i++) x.Row(start + i).CopyTo(rows.AsSpan(i * width, width));
            Span<double> margins = result.AsSpan(start, m);
            margins.Fill(_baseMargin);
            foreach (Tree tree in trees)
            {
                double[] value = tree.Value;
                ref Node nodes = ref MemoryMarshal.GetArrayDataReference(tree.Nodes);
                int depth = tree.Depth, i = 0;
                for (; i + 8 <= m; i += 8)
                {
                    int o = i * width, n0 = 0, n1 = 0, n2 = 0, n3 = 0, n4 = 0, n5 = 0, n6 = 0, n7 = 0;
                    for (int d = 0; d < depth; d++)
                    {
                        n0 = Tree.Step(ref nodes, n0, ref row0, o);
                        n1 = Tree.Step(ref nodes, n1, ref row0, o + width);
                        n2 = Tree.Step(ref nodes, n2, ref row0, o + 2 * width);
                        n3 = Tree.Step(ref nodes, n3, ref row0, o + 3 * width);
                        n4 = Tree.Step(ref nodes, n4, ref row0, o + 4 * width);
                        n5 = Tree.Step(ref nodes, n5, ref row0, o + 5 * width);
                        n6 = Tree.Step(ref nodes, n6, ref row0, o + 6 * width);
                        n7 = Tree.Step(ref nodes, n7, ref row0, o + 7 * width);
                    }
                    margins[i] += value[n0];
                    margins[i + 1] += value[n1];
                    margins[i + 2] += value[n2];
                    margins[i + 3] += value[n3];
                    margins[i + 4] += value[n4];
                    margins[i + 5] += value[n5];
                    margins[i + 6] += value[n6];
                    margins[i + 7] += value[n7];
                }
                for (; i < m; i++) margins[i] += value[tree.Leaf(rows, i * width)];
            }
        }
    }

    [MethodImpl(Jit.Hot)]
    private int[][] Leaves(RowSource x)
    {
        var trees = Fitted();
        var result = new int[x.Count][];
        var row = new float[x.Width];
        for (int r = 0; r < x.Count; r++)
        {
            x.Row(r).CopyTo(row);
            var leaves = new int[trees.Length];
            for (int t = 0; t < trees.Length; t++) leaves[t] = trees[t].LeafIndex[trees[t].Leaf(row, 0)];
            result[r] = leaves;
        }
        return result;
    }

    private SparseMatrix OneHot(int[][] leaves)
    {
        var trees = Fitted();
        var start = new int[trees.Length];
        int columns = 0;
        for (int t = 0; t < trees.Length; t++) { start[t] = columns; columns += trees[t].LeafCount; }
        var offsets = new int[leaves.Length + 1];
        var indices = new int[leaves.Length * trees.Length];
        var values = new float[indices.Length];
        Array.Fill(values, 1f);
        for (int r = 0; r < leaves.Length; r++)
        {
            for (int t = 0; t < trees.Length; t++) indices[r * trees.Length + t] = start[t] + leaves[r][t];
            offsets[r + 1] = (r + 1) * trees.Length;
        }
        return new SparseMatrix(offsets, indices, values, columns);
    }

    private static double[] Probabilities(double[] margins)
    {
        for (int i = 0; i < margins.Length; i++) margins[i] = MathFunctions.Sigmoid(margins[i]);
        return margins;
    }

    private static int[] Labels(double[] p, double threshold)
    {
        var labels = new int[p.Length];
        for (int i = 0; i < p.Length; i++) labels[i] = p[i] >= threshold ? 1 : 0;
        return labels;
    }

    private static float[][] ToFloat(IReadOnlyList<double[]> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var result = new float[x.Count][];
        for (int i = 0; i < x.Count; i++)
        {
            var row = x[i] ?? throw new ArgumentException($"x row {i} is null.", nameof(x));
            var f = new float[row.Length];
            for (int j = 0; j < f.Length; j++) f[j] = (float)row[j];
            result[i] = f;
        }
        return result;
    }

    private const int ChunkSize = 8192;
    private static int Chunks(int n) => (n + ChunkSize - 1) / ChunkSize;
    private static (int From, int To) ChunkRange(int c, int n) => (c * ChunkSize, Math.Min(n, (c + 1) * ChunkSize));

    /// <summary>
    /// body(0..count−1), on up to <paramref name="threads"/> threads; with one thread (or one item) a plain loop on
    /// the caller's thread — no thread-pool hand-off, so wall time stays CPU time.
    /// </summary>
    private static void For(int threads, int count, Action<int> body)
    {
        if (threads == 1 || count <= 1)
        {
            for (int i = 0; i < count; i++) body(i);
            return;
        }
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads }, body);
    }

    /// <summary>Dense rows from a jagged array or a row-major matrix, read one row at a time.</summary>
    private abstract class RowSource
    {
        public abstract int Count { get; }

        public abstract int Width { get; }

        public abstract ReadOnlySpan<float> Row(int r);

        public static RowSource Of(IReadOnlyList<float[]> x) => new Jagged(x);

        public static RowSource Of(float[,] x) => new Matrix(x);

        private sealed class Jagged(IReadOnlyList<float[]> x) : RowSource
        {
            public override int Count => x.Count;

            public override int Width => x.Count == 0 ? 0 : x[0].Length;

            public override ReadOnlySpan<float> Row(int r) => x[r];
        }

        private sealed class Matrix(float[,] x) : RowSource
        {
            private readonly int _width = x.GetLength(1);

            public override int Count => x.GetLength(0);

            public override int Width => _width;

            public override ReadOnlySpan<float> Row(int r) =>
                MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref Unsafe.As<byte, float>(ref MemoryMarshal.GetArrayDataReference(x)), (nint)r * _width), _width);
        }
    }

    /// <summary>
    /// One node: rows with feature value ≤ <see cref="Threshold"/> (or missing, when <see cref="DefaultLeft"/>) go to
    /// <see cref="Left"/>, the others to Left + 1. A leaf points to itself with an infinite threshold, so a walk can
    /// take exactly <see cref="Tree.Depth"/> steps without testing for leaves.
    /// </summary>
    private struct Node
    {
        public int Feature;
        public float Threshold;
        public int Left;
        public bool DefaultLeft;
    }

    /// <summary>One fitted tree in flat arrays; node 0 is the root.</summary>
    private sealed class Tree
    {
        public Node[] Nodes = [];
        public int[] SplitBin = [];
        public double[] Value = [];
        public int[] LeafIndex = [];
        public double[] Cover = [];
        public int LeafCount;
        public int Depth;

        public bool IsLeaf(int node) => Nodes[node].Left == node;

        /// <summary>
        /// The leaf node reached by the row starting at <paramref name="offset"/> in <paramref name="rows"/>, which holds
        /// at least offset + NumFeatures values (callers check the width; every split feature is below it).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int Leaf(float[] rows, int offset)
        {
            if ((uint)offset >= (uint)rows.Length) throw new ArgumentOutOfRangeException(nameof(offset));
            ref Node nodes = ref MemoryMarshal.GetArrayDataReference(Nodes);
            ref float row = ref MemoryMarshal.GetArrayDataReference(rows);
            int node = 0;
            for (int d = 0; d < Depth; d++) node = Step(ref nodes, node, ref row, offset);
            return node;
        }

        /// <summary>One step down from <paramref name="node"/>, without branches (a leaf stays where it is).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static int Step(ref Node nodes, int node, ref float rows, int offset)
        {
            ref Node n = ref Unsafe.Add(ref nodes, node);
            float v = Unsafe.Add(ref rows, offset + n.Feature);
            // NaN fails every comparison, so "v ≤ threshold" alone sends missing values right: add the default.
            bool left = (v <= n.Threshold) | (float.IsNaN(v) & n.DefaultLeft);
            return n.Left + (left ? 0 : 1);
        }
    }
}
