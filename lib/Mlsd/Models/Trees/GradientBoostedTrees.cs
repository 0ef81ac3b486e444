using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Mlsd.Data.Synthetic;
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
/// summed in row order by one thread, so results are identical for any <see cref="Threads"/>.</para>
/// <para>Missing values (NaN) get their own bin; each split learns a default direction for them (Chen &amp; Guestrin §3.4).</para>
/// <para>He et al. 2014, "Practical Lessons from Predicting Clicks on Ads at Facebook", ADKDD — GBDT + LR.</para>
/// </remarks>
public sealed class GradientBoostedTrees
{
    private readonly int _trees = 100, _maxDepth = 6, _maxBins = 255, _threads = Environment.ProcessorCount;
    private readonly double _learningRate = 0.1, _l2 = 1, _minChildWeight = 1, _minSplitGain, _subsample = 1, _columnSubsample = 1;

    private List<Tree>? _fitted;
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

    /// <summary>The maximum number of bins per feature, 2–255 (default 255); missing values get one more.</summary>
    public int MaxBins
    {
        get => _maxBins;
        init => _maxBins = value is >= 2 and <= 255 ? value : throw new ArgumentOutOfRangeException(nameof(MaxBins), value, "MaxBins must be between 2 and 255.");
    }

    /// <summary>The fraction of rows sampled (seeded, without replacement) for each tree (default 1).</summary>
    public double Subsample { get => _subsample; init { ModelInput.CheckFraction(value, nameof(Subsample)); _subsample = value; } }

    /// <summary>The fraction of features sampled (seeded) for each tree (default 1, XGBoost's <c>colsample_bytree</c>).</summary>
    public double ColumnSubsample { get => _columnSubsample; init { ModelInput.CheckFraction(value, nameof(ColumnSubsample)); _columnSubsample = value; } }

    /// <summary>The seed for row and column sampling (default 0).</summary>
    public int Seed { get; init; }

    /// <summary>Worker threads for binning and histograms (default: all cores). Results do not depend on it.</summary>
    public int Threads { get => _threads; init { ModelInput.CheckAtLeast(value, 1, nameof(Threads)); _threads = value; } }

    /// <summary>True once <c>Fit</c> has run.</summary>
    public bool IsFitted => _fitted is not null;

    /// <summary>The number of input features the model was fitted on.</summary>
    public int NumFeatures => _numFeatures;

    /// <summary>The number of trees built.</summary>
    public int TreeCount => _fitted?.Count ?? 0;

    /// <summary>The number of leaves of each tree (the width of each tree's block in <see cref="LeafFeatures(IReadOnlyList{float[]})"/>).</summary>
    public IReadOnlyList<int> LeafCounts => Fitted().Select(t => t.LeafCount).ToArray();

    /// <summary>The starting margin, logit of the training click rate.</summary>
    public double BaseMargin { get { Fitted(); return _baseMargin; } }

    /// <summary>Fits the model to dense rows <paramref name="x"/> (NaN = missing) and 0/1 labels <paramref name="y"/>.</summary>
    /// <exception cref="ArgumentException">x is empty or ragged, lengths differ, or a label is not 0/1.</exception>
    public GradientBoostedTrees Fit(IReadOnlyList<float[]> x, IReadOnlyList<int> y)
    {
        int width = ModelInput.CheckDense(x);
        ModelInput.CheckLabels(y, x.Count);
        if (width == 0) throw new ArgumentException("x must have at least one feature column.", nameof(x));
        new Trainer(this, x, width, y).Run();
        return this;
    }

    /// <summary>Fits on double-precision rows (converted to float, as XGBoost does).</summary>
    public GradientBoostedTrees Fit(IReadOnlyList<double[]> x, IReadOnlyList<int> y) => Fit(ToFloat(x), y);

    /// <summary>The margin (logit) of each row: base margin plus the sum of the trees' leaf values.</summary>
    public double[] DecisionFunction(IReadOnlyList<float[]> x)
    {
        var trees = Fitted();
        CheckWidth(x);
        var result = new double[x.Count];
        Parallel.For(0, Chunks(x.Count), Options(), c =>
        {
            var (from, to) = ChunkRange(c, x.Count);
            for (int r = from; r < to; r++)
            {
                double m = _baseMargin;
                var row = x[r];
                foreach (var t in trees) m += t.Value[t.Leaf(row)];
                result[r] = m;
            }
        });
        return result;
    }

    /// <summary>The margin of each double-precision row.</summary>
    public double[] DecisionFunction(IReadOnlyList<double[]> x) => DecisionFunction(ToFloat(x));

    /// <summary>P(y = 1) for each row.</summary>
    public double[] PredictProbability(IReadOnlyList<float[]> x)
    {
        var m = DecisionFunction(x);
        for (int i = 0; i < m.Length; i++) m[i] = ModelInput.Sigmoid(m[i]);
        return m;
    }

    /// <summary>P(y = 1) for each double-precision row.</summary>
    public double[] PredictProbability(IReadOnlyList<double[]> x) => PredictProbability(ToFloat(x));

    /// <summary>P(y = 1) for one row.</summary>
    public double PredictProbability(float[] row) => PredictProbability([row])[0];

    /// <summary>0/1 predictions: 1 where P(y = 1) ≥ <paramref name="threshold"/>.</summary>
    public int[] Predict(IReadOnlyList<float[]> x, double threshold = 0.5) =>
        PredictProbability(x).Select(p => p >= threshold ? 1 : 0).ToArray();

    /// <summary>0/1 predictions for double-precision rows.</summary>
    public int[] Predict(IReadOnlyList<double[]> x, double threshold = 0.5) => Predict(ToFloat(x), threshold);

    /// <summary>
    /// For each row, the leaf it falls in within each tree (<c>result[row][tree]</c>, numbered 0..leaves−1 per tree)
    /// — the categorical "leaf features" that GBDT + LR feeds to a linear model.
    /// </summary>
    [MethodImpl(Jit.Hot)]
    public int[][] ApplyLeaves(IReadOnlyList<float[]> x)
    {
        var trees = Fitted();
        CheckWidth(x);
        var result = new int[x.Count][];
        for (int r = 0; r < x.Count; r++)
        {
            var leaves = new int[trees.Count];
            for (int t = 0; t < trees.Count; t++) leaves[t] = trees[t].LeafIndex[trees[t].Leaf(x[r])];
            result[r] = leaves;
        }
        return result;
    }

    /// <summary>Leaf indices for double-precision rows.</summary>
    public int[][] ApplyLeaves(IReadOnlyList<double[]> x) => ApplyLeaves(ToFloat(x));

    /// <summary>
    /// The leaves as a one-hot sparse matrix, one block of columns per tree (total columns = Σ <see cref="LeafCounts"/>),
    /// ready for <see cref="LogisticRegression"/>: the "GBDT + LR" model of He et al. 2014.
    /// </summary>
    public SparseMatrix LeafFeatures(IReadOnlyList<float[]> x)
    {
        var trees = Fitted();
        var leaves = ApplyLeaves(x);
        var start = new int[trees.Count];
        int columns = 0;
        for (int t = 0; t < trees.Count; t++) { start[t] = columns; columns += trees[t].LeafCount; }
        var offsets = new int[x.Count + 1];
        var indices = new int[x.Count * trees.Count];
        var values = new float[indices.Length];
        Array.Fill(values, 1f);
        for (int r = 0; r < x.Count; r++)
        {
            for (int t = 0; t < trees.Count; t++) indices[r * trees.Count + t] = start[t] + leaves[r][t];
            offsets[r + 1] = (r + 1) * trees.Count;
        }
        return new SparseMatrix(offsets, indices, values, columns);
    }

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

    private List<Tree> Fitted() => _fitted ?? throw new InvalidOperationException("The model is not fitted yet: call Fit first.");

    private void CheckWidth(IReadOnlyList<float[]> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        for (int i = 0; i < x.Count; i++)
        {
            if (x[i] is null) throw new ArgumentException($"x row {i} is null.", nameof(x));
            if (x[i].Length != _numFeatures)
                throw new ArgumentException($"x row {i} has {x[i].Length} features but the model was fitted on {_numFeatures}.", nameof(x));
        }
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
    private ParallelOptions Options() => new() { MaxDegreeOfParallelism = Threads };

    /// <summary>One fitted tree in flat arrays; node 0 is the root, a negative feature marks a leaf.</summary>
    private sealed class Tree
    {
        public int[] Feature = [];
        public float[] Threshold = [];
        public int[] SplitBin = [];
        public bool[] DefaultLeft = [];
        public int[] Left = [];
        public int[] Right = [];
        public double[] Value = [];
        public int[] LeafIndex = [];
        public int LeafCount;

        [MethodImpl(Jit.Hot)]
        public int Leaf(float[] row)
        {
            int node = 0;
            while (Feature[node] >= 0)
            {
                float v = row[Feature[node]];
                bool left = float.IsNaN(v) ? DefaultLeft[node] : v <= Threshold[node];
                node = left ? Left[node] : Right[node];
            }
            return node;
        }
    }

    private struct Split
    {
        public int Feature, Bin;
        public bool DefaultLeft;
        public double Gain, GL, HL, GR, HR;
    }

    private struct Work
    {
        public int Start, Count, NodeId;
        public double G, H;
        public double[]? Hist;
    }

    /// <summary>All the state of one Fit call.</summary>
    private sealed class Trainer
    {
        private readonly GradientBoostedTrees _m;
        private readonly int _n, _f;
        private readonly IReadOnlyList<int> _y;
        private readonly byte[] _bins;         // row-major n × f
        private readonly float[][] _cuts;      // per feature, ascending; value bins = cuts.Length + 1
        private readonly int[] _nb;            // value bins per feature; missing bin index = _nb[f]
        private readonly int[] _off;           // histogram offset (in bins) per feature
        private readonly int _totalBins;
        private readonly float[] _gh;          // interleaved gradient, Hessian (float, as XGBoost stores them; sums are double)
        private readonly double[] _margin;
        private readonly int[] _rows, _tmp;
        private readonly Stack<double[]> _pool = new();
        private readonly Sampler _sampler;
        private readonly ParallelOptions _options;

        public Trainer(GradientBoostedTrees model, IReadOnlyList<float[]> x, int width, IReadOnlyList<int> y)
        {
            _m = model;
            _n = x.Count;
            _f = width;
            _y = y;
            _options = model.Options();
            _sampler = new Sampler(model.Seed);
            _cuts = new float[_f][];
            Parallel.For(0, _f, _options, f => _cuts[f] = Cuts(x, f, model.MaxBins));
            _nb = new int[_f];
            _off = new int[_f];
            for (int f = 0; f < _f; f++)
            {
                _nb[f] = _cuts[f].Length + 1;
                _off[f] = _totalBins;
                _totalBins += _nb[f] + 1;
            }
            _bins = new byte[(long)_n * _f];
            Parallel.For(0, Chunks(_n), _options, c =>
            {
                var (from, to) = ChunkRange(c, _n);
                for (int r = from; r < to; r++)
                {
                    var row = x[r];
                    long b = (long)r * _f;
                    for (int f = 0; f < _f; f++) _bins[b + f] = (byte)BinOf(_cuts[f], row[f]);
                }
            });
            _gh = new float[2 * _n];
            _margin = new double[_n];
            _rows = new int[_n];
            _tmp = new int[_n];
        }

        /// <summary>Bin of v: the first i with v ≤ cuts[i], else cuts.Length; NaN → the missing bin (cuts.Length + 1).</summary>
        [MethodImpl(Jit.Hot)]   // binary search: a loop too short for on-stack replacement, called millions of times
        private static int BinOf(float[] cuts, float v)
        {
            if (float.IsNaN(v)) return cuts.Length + 1;
            int lo = 0, hi = cuts.Length;
            while (lo < hi)
            {
                int mid = (lo + hi) >> 1;
                if (v <= cuts[mid]) hi = mid; else lo = mid + 1;
            }
            return lo;
        }

        /// <summary>Quantile cut points of feature f: midpoints between distinct values, ≤ maxBins − 1 of them.</summary>
        private static float[] Cuts(IReadOnlyList<float[]> x, int f, int maxBins)
        {
            var values = new float[x.Count];
            int m = 0;
            for (int r = 0; r < x.Count; r++)
            {
                float v = x[r][f];
                if (!float.IsNaN(v)) values[m++] = v;
            }
            if (m == 0) return [];
            Array.Sort(values, 0, m);
            int distinct = 1;
            for (int i = 1; i < m; i++) if (values[i] != values[i - 1]) distinct++;
            var cuts = new List<float>();
            if (distinct <= maxBins)
            {
                for (int i = 1; i < m; i++)
                    if (values[i] != values[i - 1]) cuts.Add(Mid(values[i - 1], values[i]));
            }
            else
            {
                for (int k = 1; k < maxBins; k++)
                {
                    int p = (int)((long)k * m / maxBins);
                    // the cut goes just above values[p]: after its last copy, before the next distinct value
                    int last = LastIndexOf(values, m, p);
                    if (last + 1 >= m) break;
                    float cut = Mid(values[last], values[last + 1]);
                    if (cuts.Count == 0 || cut > cuts[^1]) cuts.Add(cut);
                }
            }
            return cuts.ToArray();
        }

        private static int LastIndexOf(float[] sorted, int m, int p)
        {
            int lo = p, hi = m - 1;
            float v = sorted[p];
            while (lo < hi)
            {
                int mid = (lo + hi + 1) >> 1;
                if (sorted[mid] == v) lo = mid; else hi = mid - 1;
            }
            return lo;
        }

        private static float Mid(float a, float b)
        {
            float mid = (float)(((double)a + b) / 2);
            return mid >= b || float.IsInfinity(mid) ? a : mid;
        }

        public void Run()
        {
            var m = _m;
            double mean = 0;
            for (int i = 0; i < _n; i++) mean += _y[i];
            mean = Math.Clamp(mean / _n, 1e-6, 1 - 1e-6);
            double baseMargin = Math.Log(mean / (1 - mean));
            Array.Fill(_margin, baseMargin);
            var trees = new List<Tree>(m.Trees);
            var gain = new double[_f];
            var splits = new int[_f];
            var allFeatures = Enumerable.Range(0, _f).ToArray();
            var inSample = m.Subsample < 1 ? new bool[_n] : null;
            for (int t = 0; t < m.Trees; t++)
            {
                ComputeGradients();
                int count = SampleRows(inSample);
                int[] active = m.ColumnSubsample < 1 ? SampleColumns() : allFeatures;
                var tree = Grow(count, active, gain, splits);
                trees.Add(tree);
                if (inSample is not null)
                {
                    for (int r = 0; r < _n; r++)
                        if (!inSample[r]) _margin[r] += tree.Value[LeafBinned(tree, r)];
                }
            }
            m._fitted = trees;
            m._baseMargin = baseMargin;
            m._numFeatures = _f;
            m._gain = gain;
            m._splits = splits;
        }

        [MethodImpl(Jit.Hot)]
        private void ComputeGradients()
        {
            Parallel.For(0, Chunks(_n), _options, c =>
            {
                var (from, to) = ChunkRange(c, _n);
                for (int r = from; r < to; r++)
                {
                    double p = ModelInput.Sigmoid(_margin[r]);
                    _gh[2 * r] = (float)(p - _y[r]);
                    _gh[2 * r + 1] = (float)Math.Max(p * (1 - p), 1e-16);
                }
            });
        }

        private int SampleRows(bool[]? inSample)
        {
            if (inSample is null)
            {
                for (int r = 0; r < _n; r++) _rows[r] = r;
                return _n;
            }
            int count = 0;
            for (int r = 0; r < _n; r++)
            {
                inSample[r] = _sampler.Uniform() < _m.Subsample;
                if (inSample[r]) _rows[count++] = r;
            }
            if (count == 0) { _rows[0] = 0; inSample[0] = true; count = 1; }
            return count;
        }

        private int[] SampleColumns()
        {
            int k = Math.Max(1, (int)Math.Round(_f * _m.ColumnSubsample));
            var all = Enumerable.Range(0, _f).ToArray();
            _sampler.Shuffle(all);
            var chosen = all[..k];
            Array.Sort(chosen);
            return chosen;
        }

        private int LeafBinned(Tree tree, int r)
        {
            int node = 0;
            long b = (long)r * _f;
            while (tree.Feature[node] >= 0)
            {
                int f = tree.Feature[node];
                int bin = _bins[b + f];
                bool left = bin == _nb[f] ? tree.DefaultLeft[node] : bin <= tree.SplitBin[node];
                node = left ? tree.Left[node] : tree.Right[node];
            }
            return node;
        }

        private double[] RentHist()
        {
            return _pool.Count > 0 ? _pool.Pop() : new double[2 * _totalBins];
        }

        private Tree Grow(int count, int[] active, double[] gain, int[] splits)
        {
            var m = _m;
            double lambda = m.L2, eta = m.LearningRate;
            var feature = new List<int>();
            var threshold = new List<float>();
            var splitBin = new List<int>();
            var defaultLeft = new List<bool>();
            var left = new List<int>();
            var right = new List<int>();
            var value = new List<double>();
            var leafIndex = new List<int>();
            int leaves = 0;

            int NewNode()
            {
                feature.Add(-1); threshold.Add(0); splitBin.Add(-1); defaultLeft.Add(false); left.Add(-1); right.Add(-1); value.Add(0); leafIndex.Add(-1);
                return feature.Count - 1;
            }

            void MakeLeaf(in Work w)
            {
                double v = -eta * w.G / (w.H + lambda);
                value[w.NodeId] = v;
                leafIndex[w.NodeId] = leaves++;
                for (int t = w.Start; t < w.Start + w.Count; t++) _margin[_rows[t]] += v;
                if (w.Hist is not null) _pool.Push(w.Hist);
            }

            var root = new Work { Start = 0, Count = count, NodeId = NewNode(), Hist = RentHist() };
            BuildHistograms([root], active);
            // root sums from the first active feature's histogram (all of its bins, missing included)
            {
                int f = active[0];
                for (int b = 0; b <= _nb[f]; b++)
                {
                    root.G += root.Hist![2 * (_off[f] + b)];
                    root.H += root.Hist[2 * (_off[f] + b) + 1];
                }
            }
            var level = new List<Work> { root };
            for (int depth = 0; level.Count > 0; depth++)
            {
                var next = new List<Work>();
                var toBuild = new List<Work>();
                var siblings = new List<(int Built, int Derived, double[] ParentHist)>();
                bool childrenAreLeaves = depth + 1 >= m.MaxDepth;
                foreach (var w in level)
                {
                    Split s = default;
                    bool ok = depth < m.MaxDepth && w.Count >= 2 && FindSplit(w, active, lambda, out s);
                    if (!ok) { MakeLeaf(w); continue; }
                    int f = s.Feature;
                    feature[w.NodeId] = f;
                    threshold[w.NodeId] = s.Bin >= _nb[f] - 1 ? float.PositiveInfinity : _cuts[f][s.Bin];
                    splitBin[w.NodeId] = s.Bin;
                    defaultLeft[w.NodeId] = s.DefaultLeft;
                    gain[f] += s.Gain;
                    splits[f]++;
                    int nl = Partition(w.Start, w.Count, f, s.Bin, s.DefaultLeft);
                    var lw = new Work { Start = w.Start, Count = nl, NodeId = NewNode(), G = s.GL, H = s.HL };
                    var rw = new Work { Start = w.Start + nl, Count = w.Count - nl, NodeId = NewNode(), G = s.GR, H = s.HR };
                    left[w.NodeId] = lw.NodeId;
                    right[w.NodeId] = rw.NodeId;
                    if (childrenAreLeaves)
                    {
                        _pool.Push(w.Hist!);
                    }
                    else
                    {
                        // build the smaller child from rows, derive the larger as parent − smaller (in the parent's array)
                        bool leftSmaller = lw.Count <= rw.Count;
                        (leftSmaller ? ref lw : ref rw).Hist = RentHist();
                        (leftSmaller ? ref rw : ref lw).Hist = w.Hist;
                        toBuild.Add(leftSmaller ? lw : rw);
                        siblings.Add((next.Count + (leftSmaller ? 0 : 1), next.Count + (leftSmaller ? 1 : 0), w.Hist!));
                    }
                    next.Add(lw);
                    next.Add(rw);
                }
                if (toBuild.Count > 0)
                {
                    BuildHistograms(toBuild, active);
                    foreach (var (built, derived, parent) in siblings)
                    {
                        var small = next[built].Hist!;
                        foreach (int f in active)
                        {
                            int from = 2 * _off[f], to = 2 * (_off[f] + _nb[f] + 1);
                            for (int k = from; k < to; k++) parent[k] -= small[k];
                        }
                    }
                }
                level = next;
            }

            var tree = new Tree
            {
                Feature = feature.ToArray(),
                Threshold = threshold.ToArray(),
                SplitBin = splitBin.ToArray(),
                DefaultLeft = defaultLeft.ToArray(),
                Left = left.ToArray(),
                Right = right.ToArray(),
                Value = value.ToArray(),
                LeafIndex = leafIndex.ToArray(),
                LeafCount = leaves,
            };
            return tree;
        }

        /// <summary>Stable partition of rows [start, start+count) by the split; returns the size of the left part.</summary>
        private int Partition(int start, int count, int f, int splitBin, bool defaultLeft)
        {
            // branch-free: a lookup table says left (1) or right (0) per bin; each row is written to both buffers
            int missing = _nb[f];
            Span<int> goLeft = stackalloc int[missing + 1];
            for (int b = 0; b < missing; b++) goLeft[b] = b <= splitBin ? 1 : 0;
            goLeft[missing] = defaultLeft ? 1 : 0;
            ref int rows = ref MemoryMarshal.GetArrayDataReference(_rows);
            ref int tmp = ref MemoryMarshal.GetArrayDataReference(_tmp);
            ref byte bins = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_bins), f);
            nint stride = _f;
            int nl = start, nr = 0, end = start + count;
            for (int t = start; t < end; t++)
            {
                int r = Unsafe.Add(ref rows, t);
                int left = goLeft[Unsafe.Add(ref bins, r * stride)];
                Unsafe.Add(ref rows, nl) = r;
                Unsafe.Add(ref tmp, nr) = r;
                nl += left;
                nr += 1 - left;
            }
            Array.Copy(_tmp, 0, _rows, nl, nr);
            return nl - start;
        }

        /// <summary>Fills the histograms of the given nodes; threads own disjoint feature blocks, so sums are order-fixed.</summary>
        private void BuildHistograms(List<Work> nodes, int[] active)
        {
            long work = 0;
            foreach (var w in nodes) work += w.Count;
            int blocks = work * active.Length < 16_384 ? 1 : Math.Min(_m.Threads, active.Length);
            if (blocks == 1) { HistogramBlock(nodes, active, 0, active.Length); return; }
            Parallel.For(0, blocks, _options, b =>
            {
                int from = (int)((long)b * active.Length / blocks), to = (int)((long)(b + 1) * active.Length / blocks);
                HistogramBlock(nodes, active, from, to);
            });
        }

        [MethodImpl(Jit.Hot)]
        private void HistogramBlock(List<Work> nodes, int[] active, int from, int to)
        {
            int width = to - from;
            Span<int> offs = stackalloc int[width];
            Span<int> feats = stackalloc int[width];
            for (int j = from; j < to; j++) { feats[j - from] = active[j]; offs[j - from] = 2 * _off[active[j]]; }
            ref byte bins = ref MemoryMarshal.GetArrayDataReference(_bins);
            ref float gh = ref MemoryMarshal.GetArrayDataReference(_gh);
            ref int rows = ref MemoryMarshal.GetArrayDataReference(_rows);
            ref int feat0 = ref MemoryMarshal.GetReference(feats);
            ref int off0 = ref MemoryMarshal.GetReference(offs);
            nint stride = _f;
            foreach (var w in nodes)
            {
                var hist = w.Hist!;
                for (int j = from; j < to; j++)
                {
                    int f = active[j];
                    Array.Clear(hist, 2 * _off[f], 2 * (_nb[f] + 1));
                }
                ref double h0 = ref MemoryMarshal.GetArrayDataReference(hist);
                int end = w.Start + w.Count;
                for (int t = w.Start; t < end; t++)
                {
                    nint r = Unsafe.Add(ref rows, t);
                    double g = Unsafe.Add(ref gh, 2 * r), h = Unsafe.Add(ref gh, 2 * r + 1);
                    ref byte rowBins = ref Unsafe.Add(ref bins, r * stride);
                    for (int j = 0; j < width; j++)
                    {
                        ref double cell = ref Unsafe.Add(ref h0, Unsafe.Add(ref off0, j) + 2 * Unsafe.Add(ref rowBins, Unsafe.Add(ref feat0, j)));
                        cell += g;
                        Unsafe.Add(ref cell, 1) += h;
                    }
                }
            }
        }

        private bool FindSplit(in Work w, int[] active, double lambda, out Split best)
        {
            best = default;
            best.Gain = 0;
            bool found = false;
            double mcw = Math.Max(_m.MinChildWeight, 1e-12);
            double gamma = _m.MinSplitGain;
            double parentScore = w.G * w.G / (w.H + lambda);
            var hist = w.Hist!;
            foreach (int f in active)
            {
                int o = _off[f], nbf = _nb[f];
                double gm = hist[2 * (o + nbf)], hm = hist[2 * (o + nbf) + 1];
                bool hasMissing = hm > 0;
                double gl = 0, hl = 0;
                int lastBin = hasMissing ? nbf - 1 : nbf - 2;
                for (int s = 0; s <= lastBin; s++)
                {
                    gl += hist[2 * (o + s)];
                    hl += hist[2 * (o + s) + 1];
                    // missing goes right
                    double gr = w.G - gl, hr = w.H - hl;
                    if (hl >= mcw && hr >= mcw)
                    {
                        double g = 0.5 * (gl * gl / (hl + lambda) + gr * gr / (hr + lambda) - parentScore) - gamma;
                        if (g > best.Gain + 1e-12)
                        {
                            best = new Split { Feature = f, Bin = s, DefaultLeft = false, Gain = g, GL = gl, HL = hl, GR = gr, HR = hr };
                            found = true;
                        }
                    }
                    // missing goes left
                    if (hasMissing && s < nbf - 1)
                    {
                        double gl2 = gl + gm, hl2 = hl + hm, gr2 = w.G - gl2, hr2 = w.H - hl2;
                        if (hl2 >= mcw && hr2 >= mcw)
                        {
                            double g = 0.5 * (gl2 * gl2 / (hl2 + lambda) + gr2 * gr2 / (hr2 + lambda) - parentScore) - gamma;
                            if (g > best.Gain + 1e-12)
                            {
                                best = new Split { Feature = f, Bin = s, DefaultLeft = true, Gain = g, GL = gl2, HL = hl2, GR = gr2, HR = hr2 };
                                found = true;
                            }
                        }
                    }
                }
            }
            return found;
        }
    }
}
