using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Mlsd.Models;

/// <summary>Training: binning, then one tree per round grown level by level from gradient histograms.</summary>
public sealed partial class GradientBoostedTrees
{
    private sealed record TrainedModel(Tree[] Trees, double BaseMargin, double[] Gain, int[] Splits);

    private TrainedModel Train(RowSource x, IReadOnlyList<int> y)
    {
        var binning = Binning.Compute(x, MaxBins, Threads);
        // A bin code is one byte unless some feature has 256 value bins and missing values (257 codes).
        return binning.NeedsTwoByteCodes
            ? new Trainer<ushort>(this, x, y, binning).Run()
            : new Trainer<byte>(this, x, y, binning).Run();
    }

    /// <summary>The cut points of every feature and where each feature's bins sit in a histogram.</summary>
    private sealed class Binning
    {
        private Binning(float[][] cuts, bool[] hasMissing)
        {
            Cuts = cuts;
            ValueBins = new int[cuts.Length];
            Offset = new int[cuts.Length];
            for (int f = 0; f < cuts.Length; f++)
            {
                ValueBins[f] = cuts[f].Length + 1;
                Offset[f] = TotalBins;
                TotalBins += ValueBins[f] + 1;
                NeedsTwoByteCodes |= ValueBins[f] > byte.MaxValue && hasMissing[f];
            }
        }

        /// <summary>Per feature, ascending cut points; value bins = cuts + 1.</summary>
        public float[][] Cuts { get; }

        /// <summary>Value bins per feature; the missing bin's code is this number.</summary>
        public int[] ValueBins { get; }

        /// <summary>First histogram slot of each feature (slots = value bins + 1 for missing).</summary>
        public int[] Offset { get; }

        public int TotalBins { get; }

        public bool NeedsTwoByteCodes { get; }

        public static Binning Compute(RowSource x, int maxBins, int threads)
        {
            int width = x.Width;
            var cuts = new float[width][];
            var hasMissing = new bool[width];
            For(threads, width, f => cuts[f] = FeatureCuts(x, f, maxBins, out hasMissing[f]));
            return new Binning(cuts, hasMissing);
        }

        /// <summary>Bin of v: the first i with v ≤ cuts[i], else cuts.Length; NaN → the missing bin (cuts.Length + 1).</summary>
        public static int BinOf(float[] cuts, float v) =>
            float.IsNaN(v) ? cuts.Length + 1 : SortedSearch.LowerBound<float>(cuts, v);

        /// <summary>Quantile cut points of feature f: midpoints between distinct values, ≤ maxBins − 1 of them.</summary>
        private static float[] FeatureCuts(RowSource x, int f, int maxBins, out bool hasMissing)
        {
            var values = new float[x.Count];
            int m = 0;
            for (int r = 0; r < values.Length; r++)
            {
                float v = x.Row(r)[f];
                if (!float.IsNaN(v)) values[m++] = v;
            }
            hasMissing = m < values.Length;
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
                    int last = SortedSearch.UpperBound<float>(values.AsSpan(0, m), values[p]) - 1;
                    if (last + 1 >= m) break;
                    float cut = Mid(values[last], values[last + 1]);
                    if (cuts.Count == 0 || cut > cuts[^1]) cuts.Add(cut);
                }
            }
            return cuts.ToArray();
        }

        private static float Mid(float a, float b)
        {
            float mid = (float)(((double)a + b) / 2);
            return mid >= b || float.IsInfinity(mid) ? a : mid;
        }
    }

    /// <summary>The best split found for a node.</summary>
    private struct Split
    {
        public int Feature, Bin;
        public bool DefaultLeft;
        public double Gain, GL, HL, GR, HR;
    }

    /// <summary>A node being grown: its rows are _rows[Start, Start + Count); (G, H) their gradient sums.</summary>
    private struct Work
    {
        public int Start, Count, NodeId;
        public double G, H;
        public double[]? Hist;
        /// <summary>Already a leaf (a child of the last split level): its rows' margins are updated, only its number is due.</summary>
        public bool Finished;
    }

    /// <summary>The nodes of the next depth, and which of their histograms are built from rows or derived by subtraction.</summary>
    private sealed class NextLevel
    {
        public readonly List<Work> Nodes = [];
        public readonly List<Work> ToBuild = [];
        public readonly List<(int Built, int Derived)> Siblings = [];
    }

    /// <summary>Collects a tree's nodes in creation order (a split's two children are consecutive).</summary>
    private sealed class TreeBuilder
    {
        private readonly List<Node> _nodes = [];
        private readonly List<int> _splitBin = [];
        private readonly List<double> _value = [];
        private readonly List<int> _leafIndex = [];
        private readonly List<double> _cover = [];
        private int _leaves, _depth;

        /// <summary>Adds a leaf (for now): feature 0, an infinite threshold, missing values left, itself as child.</summary>
        public int AddNode()
        {
            _nodes.Add(new Node { Feature = 0, Threshold = float.PositiveInfinity, Left = _nodes.Count, DefaultLeft = true });
            _splitBin.Add(-1);
            _value.Add(0);
            _leafIndex.Add(-1);
            _cover.Add(0);
            return _nodes.Count - 1;
        }

        /// <summary>Makes <paramref name="node"/> a split at <paramref name="depth"/> and returns its left child (the right one is left + 1).</summary>
        public int SetSplit(int node, int depth, int feature, float threshold, int bin, bool defaultLeft)
        {
            _depth = Math.Max(_depth, depth + 1);
            int left = AddNode();
            AddNode();
            _nodes[node] = new Node { Feature = feature, Threshold = threshold, Left = left, DefaultLeft = defaultLeft };
            _splitBin[node] = bin;
            return left;
        }

        /// <summary>Records the node's cover, the Hessian sum of its training rows (what TreeSHAP weighs paths by).</summary>
        public void SetCover(int node, double hessianSum) => _cover[node] = hessianSum;

        public void SetLeaf(int node, double value)
        {
            _value[node] = value;
            _leafIndex[node] = _leaves++;
        }

        public Tree ToTree() => new()
        {
            Nodes = _nodes.ToArray(),
            SplitBin = _splitBin.ToArray(),
            Value = _value.ToArray(),
            LeafIndex = _leafIndex.ToArray(),
            Cover = _cover.ToArray(),
            LeafCount = _leaves,
            Depth = _depth,
        };
    }

    /// <summary>All the state of one Fit call; <typeparamref name="TBin"/> is the bin code type (byte, or ushort for 257 codes).</summary>
    private sealed class Trainer<TBin> where TBin : unmanaged, IBinaryInteger<TBin>
    {
        private readonly GradientBoostedTrees _m;
        private readonly int _n, _f;
        private readonly byte[] _labels;
        private readonly TBin[] _bins;         // row-major n × f bin codes
        private readonly float[][] _cuts;
        private readonly int[] _nb;            // value bins per feature; missing bin code = _nb[f]
        private readonly int[] _off;           // histogram offset (in bins) per feature
        private readonly int _totalBins;
        private readonly double[] _gh;         // interleaved g, h per row: float-rounded as XGBoost stores them; sums are double
        private readonly double[] _margin;
        private readonly int[] _rows, _tmp;
        private readonly Stack<double[]> _pool = new();
        private readonly Sampler _sampler;

        public Trainer(GradientBoostedTrees model, RowSource x, IReadOnlyList<int> y, Binning binning)
        {
            _m = model;
            _n = x.Count;
            _f = x.Width;
            _labels = new byte[_n];
            for (int i = 0; i < _n; i++) _labels[i] = (byte)y[i];
            _sampler = new Sampler(model.Seed);
            _cuts = binning.Cuts;
            _nb = binning.ValueBins;
            _off = binning.Offset;
            _totalBins = binning.TotalBins;
            _bins = new TBin[(long)_n * _f];
            For(model.Threads, Chunks(_n), c =>
            {
                var (from, to) = ChunkRange(c, _n);
                BinRows(x, from, to);
            });
            _gh = new double[2 * _n];
            _margin = new double[_n];
            _rows = new int[_n];
            _tmp = new int[_n];
        }

        [MethodImpl(Jit.Hot)]
        private void BinRows(RowSource x, int from, int to)
        {
            for (int r = from; r < to; r++)
            {
                ReadOnlySpan<float> row = x.Row(r);
                Span<TBin> codes = _bins.AsSpan(r * _f, _f);
                for (int f = 0; f < _f; f++) codes[f] = TBin.CreateTruncating(Binning.BinOf(_cuts[f], row[f]));
            }
        }

        public TrainedModel Run()
        {
            var m = _m;
            double mean = 0;
            for (int i = 0; i < _n; i++) mean += _labels[i];
            mean = Math.Clamp(mean / _n, 1e-6, 1 - 1e-6);
            double baseMargin = Math.Log(mean / (1 - mean));
            Array.Fill(_margin, baseMargin);
            var trees = new Tree[m.Trees];
            var gain = new double[_f];
            var splits = new int[_f];
            var allFeatures = Enumerable.Range(0, _f).ToArray();
            var inSample = m.Subsample < 1 ? new bool[_n] : null;
            for (int t = 0; t < m.Trees; t++)
            {
                ComputeGradients();
                int count = SampleRows(inSample);
                int[] active = m.ColumnSubsample < 1 ? SampleColumns() : allFeatures;
                var tree = trees[t] = Grow(count, active, gain, splits);
                if (inSample is not null)
                {
                    for (int r = 0; r < _n; r++)
                        if (!inSample[r]) _margin[r] += tree.Value[LeafBinned(tree, r)];
                }
            }
            return new TrainedModel(trees, baseMargin, gain, splits);
        }

        private void ComputeGradients() => For(_m.Threads, Chunks(_n), c =>
        {
            var (from, to) = ChunkRange(c, _n);
            GradientsOf(from, to);
        });

        [MethodImpl(Jit.Hot)]
        private void GradientsOf(int from, int to)
        {
            for (int r = from; r < to; r++)
            {
                double p = MathFunctions.Sigmoid(_margin[r]);
                _gh[2 * r] = (float)(p - _labels[r]);
                _gh[2 * r + 1] = (float)Math.Max(p * (1 - p), 1e-16);
            }
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
            while (!tree.IsLeaf(node))
            {
                Node n = tree.Nodes[node];
                int bin = int.CreateTruncating(_bins[b + n.Feature]);
                bool left = bin == _nb[n.Feature] ? n.DefaultLeft : bin <= tree.SplitBin[node];
                node = n.Left + (left ? 0 : 1);
            }
            return node;
        }

        private double[] RentHist() => _pool.Count > 0 ? _pool.Pop() : new double[2 * _totalBins];

        /// <summary>Grows one tree depth-wise: each level splits or closes its nodes, then fills the next level's histograms.</summary>
        private Tree Grow(int count, int[] active, double[] gain, int[] splits)
        {
            var tree = new TreeBuilder();
            var root = new Work { Start = 0, Count = count, NodeId = tree.AddNode(), Hist = RentHist() };
            BuildHistograms([root], active);
            (root.G, root.H) = FeatureTotal(root.Hist!, active[0]);
            var level = new List<Work> { root };
            for (int depth = 0; level.Count > 0; depth++)
            {
                var next = new NextLevel();
                foreach (var w in level) SplitOrClose(w, depth, active, tree, gain, splits, next);
                if (next.ToBuild.Count > 0)
                {
                    BuildHistograms(next.ToBuild, active);
                    foreach (var (built, derived) in next.Siblings) Subtract(next.Nodes[derived].Hist!, next.Nodes[built].Hist!, active);
                }
                level = next.Nodes;
            }
            return tree.ToTree();
        }

        /// <summary>A node's (G, H): the sum of one feature's histogram, all of its bins, missing included.</summary>
        private (double G, double H) FeatureTotal(double[] hist, int f)
        {
            double g = 0, h = 0;
            for (int b = 0; b <= _nb[f]; b++)
            {
                g += hist[2 * (_off[f] + b)];
                h += hist[2 * (_off[f] + b) + 1];
            }
            return (g, h);
        }

        /// <summary>
        /// Splits <paramref name="w"/> on its best split and queues its children for the next level — or, when no
        /// split is allowed or worth it, makes it a leaf. Children at the last depth become leaves at once.
        /// </summary>
        private void SplitOrClose(Work w, int depth, int[] active, TreeBuilder tree, double[] gain, int[] splits, NextLevel next)
        {
            tree.SetCover(w.NodeId, w.H);
            if (w.Finished)
            {
                tree.SetLeaf(w.NodeId, LeafValue(w.G, w.H));
                return;
            }
            Split s = default;
            if (depth >= _m.MaxDepth || w.Count < 2 || !FindSplit(w, active, out s))
            {
                MakeLeaf(w, tree);
                return;
            }
            int f = s.Feature;
            float threshold = s.Bin >= _nb[f] - 1 ? float.PositiveInfinity : _cuts[f][s.Bin];
            int leftId = tree.SetSplit(w.NodeId, depth, f, threshold, s.Bin, s.DefaultLeft);
            gain[f] += s.Gain;
            splits[f]++;
            if (depth + 1 >= _m.MaxDepth)
            {
                // Both children are leaves: add their values to the rows' margins in one pass, no partition needed.
                AddLeafValues(w, f, s.Bin, s.DefaultLeft, LeafValue(s.GL, s.HL), LeafValue(s.GR, s.HR));
                _pool.Push(w.Hist!);
                next.Nodes.Add(new Work { NodeId = leftId, G = s.GL, H = s.HL, Finished = true });
                next.Nodes.Add(new Work { NodeId = leftId + 1, G = s.GR, H = s.HR, Finished = true });
                return;
            }
            int nl = Partition(w.Start, w.Count, f, s.Bin, s.DefaultLeft);
            var lw = new Work { Start = w.Start, Count = nl, NodeId = leftId, G = s.GL, H = s.HL };
            var rw = new Work { Start = w.Start + nl, Count = w.Count - nl, NodeId = leftId + 1, G = s.GR, H = s.HR };
            // build the smaller child from rows, derive the larger as parent − smaller (in the parent's array)
            bool leftSmaller = lw.Count <= rw.Count;
            (leftSmaller ? ref lw : ref rw).Hist = RentHist();
            (leftSmaller ? ref rw : ref lw).Hist = w.Hist;
            next.ToBuild.Add(leftSmaller ? lw : rw);
            next.Siblings.Add((next.Nodes.Count + (leftSmaller ? 0 : 1), next.Nodes.Count + (leftSmaller ? 1 : 0)));
            next.Nodes.Add(lw);
            next.Nodes.Add(rw);
        }

        private double LeafValue(double g, double h) => -_m.LearningRate * g / (h + _m.L2);

        private void MakeLeaf(in Work w, TreeBuilder tree)
        {
            double v = LeafValue(w.G, w.H);
            tree.SetLeaf(w.NodeId, v);
            for (int t = w.Start; t < w.Start + w.Count; t++) _margin[_rows[t]] += v;
            if (w.Hist is not null) _pool.Push(w.Hist);
        }

        /// <summary>Each row of <paramref name="w"/> gets the value of the child leaf the split sends it to.</summary>
        [MethodImpl(Jit.Hot)]
        private void AddLeafValues(in Work w, int f, int splitBin, bool defaultLeft, double left, double right)
        {
            int missing = _nb[f];
            ref TBin bins = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_bins), f);
            for (int t = w.Start; t < w.Start + w.Count; t++)
            {
                int r = _rows[t];
                int bin = int.CreateTruncating(Unsafe.Add(ref bins, (nint)r * _f));
                bool goLeft = bin == missing ? defaultLeft : bin <= splitBin;
                _margin[r] += goLeft ? left : right;
            }
        }

        /// <summary>Stable partition of rows [start, start+count) by the split; returns the size of the left part.</summary>
        [MethodImpl(Jit.Hot)]
        private int Partition(int start, int count, int f, int splitBin, bool defaultLeft)
        {
            // branch-free: a lookup table says left (1) or right (0) per bin; each row is written to both buffers
            int missing = _nb[f];
            Span<int> goLeft = stackalloc int[missing + 1];
            for (int b = 0; b < missing; b++) goLeft[b] = b <= splitBin ? 1 : 0;
            goLeft[missing] = defaultLeft ? 1 : 0;
            ref int left0 = ref MemoryMarshal.GetReference(goLeft);
            ref int rows = ref MemoryMarshal.GetArrayDataReference(_rows);
            ref int tmp = ref MemoryMarshal.GetArrayDataReference(_tmp);
            ref TBin bins = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_bins), f);
            nint stride = _f;
            int nl = start, nr = 0, end = start + count;
            for (int t = start; t < end; t++)
            {
                int r = Unsafe.Add(ref rows, t);
                int left = Unsafe.Add(ref left0, int.CreateTruncating(Unsafe.Add(ref bins, r * stride)));
                Unsafe.Add(ref rows, nl) = r;
                Unsafe.Add(ref tmp, nr) = r;
                nl += left;
                nr += 1 - left;
            }
            Array.Copy(_tmp, 0, _rows, nl, nr);
            return nl - start;
        }

        /// <summary>derived −= built over the active features' bins (a child's histogram = parent − sibling).</summary>
        private void Subtract(double[] derived, double[] built, int[] active)
        {
            foreach (int f in active)
            {
                int from = 2 * _off[f], length = 2 * (_nb[f] + 1);
                System.Numerics.Tensors.TensorPrimitives.Subtract(derived.AsSpan(from, length), built.AsSpan(from, length), derived.AsSpan(from, length));
            }
        }

        /// <summary>Fills the histograms of the given nodes; threads own disjoint feature blocks, so sums are order-fixed.</summary>
        private void BuildHistograms(List<Work> nodes, int[] active)
        {
            long work = 0;
            foreach (var w in nodes) work += w.Count;
            int blocks = work * active.Length < 16_384 ? 1 : Math.Min(_m.Threads, active.Length);
            For(blocks, blocks, b =>
            {
                int from = (int)((long)b * active.Length / blocks), to = (int)((long)(b + 1) * active.Length / blocks);
                HistogramBlock(nodes, active, from, to);
            });
        }

        /// <summary>
        /// Adds each row's (g, h) to its bin of features active[from..to), one 128-bit add per cell: the histogram
        /// is an array of (G, H) pairs, so both sums move together.
        /// </summary>
        private void HistogramBlock(List<Work> nodes, int[] active, int from, int to)
        {
            int width = to - from;
            bool contiguous = active[to - 1] - active[from] == width - 1; // sorted and distinct: no feature skipped
            var offsets = new int[width];
            for (int j = 0; j < width; j++) offsets[j] = _off[active[from + j]];
            foreach (var w in nodes)
            {
                var hist = w.Hist!;
                for (int j = from; j < to; j++)
                {
                    int f = active[j];
                    Array.Clear(hist, 2 * _off[f], 2 * (_nb[f] + 1));
                }
                ReadOnlySpan<int> rows = _rows.AsSpan(w.Start, w.Count);
                if (contiguous) AccumulateContiguous(hist, rows, active[from], offsets);
                else AccumulateGathered(hist, rows, active.AsSpan(from, width), offsets);
            }
        }

        /// <summary>The histogram kernel for features first..first+offsets.Length−1 (no column sampling).</summary>
        [MethodImpl(Jit.Hot | MethodImplOptions.NoInlining)]   // out of line: compiled on its own, with all registers for the loop
        private void AccumulateContiguous(double[] hist, ReadOnlySpan<int> rows, int first, int[] offsets)
        {
            ref Vector128<double> cells = ref Unsafe.As<double, Vector128<double>>(ref MemoryMarshal.GetArrayDataReference(hist));
            ref TBin bins = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_bins), first);
            ref double gh = ref MemoryMarshal.GetArrayDataReference(_gh);
            ref int off = ref MemoryMarshal.GetArrayDataReference(offsets);
            nint stride = _f, width = offsets.Length, unrolled = width & ~3;
            foreach (int r in rows)
            {
                var pair = Vector128.LoadUnsafe(ref gh, (nuint)(2 * (nint)r));
                ref TBin rowBins = ref Unsafe.Add(ref bins, r * stride);
                nint j = 0;
                for (; j < unrolled; j += 4)
                {
                    Unsafe.Add(ref cells, Unsafe.Add(ref off, j) + int.CreateTruncating(Unsafe.Add(ref rowBins, j))) += pair;
                    Unsafe.Add(ref cells, Unsafe.Add(ref off, j + 1) + int.CreateTruncating(Unsafe.Add(ref rowBins, j + 1))) += pair;
                    Unsafe.Add(ref cells, Unsafe.Add(ref off, j + 2) + int.CreateTruncating(Unsafe.Add(ref rowBins, j + 2))) += pair;
                    Unsafe.Add(ref cells, Unsafe.Add(ref off, j + 3) + int.CreateTruncating(Unsafe.Add(ref rowBins, j + 3))) += pair;
                }
                for (; j < width; j++)
                    Unsafe.Add(ref cells, Unsafe.Add(ref off, j) + int.CreateTruncating(Unsafe.Add(ref rowBins, j))) += pair;
            }
        }

        /// <summary>The histogram kernel for a sampled subset of features.</summary>
        [MethodImpl(Jit.Hot | MethodImplOptions.NoInlining)]
        private void AccumulateGathered(double[] hist, ReadOnlySpan<int> rows, ReadOnlySpan<int> features, int[] offsets)
        {
            ref Vector128<double> cells = ref Unsafe.As<double, Vector128<double>>(ref MemoryMarshal.GetArrayDataReference(hist));
            ref TBin bins = ref MemoryMarshal.GetArrayDataReference(_bins);
            ref double gh = ref MemoryMarshal.GetArrayDataReference(_gh);
            ref int off = ref MemoryMarshal.GetArrayDataReference(offsets);
            ref int feature = ref MemoryMarshal.GetReference(features);
            nint stride = _f, width = offsets.Length;
            foreach (int r in rows)
            {
                var pair = Vector128.LoadUnsafe(ref gh, (nuint)(2 * (nint)r));
                ref TBin rowBins = ref Unsafe.Add(ref bins, r * stride);
                for (nint j = 0; j < width; j++)
                {
                    int bin = int.CreateTruncating(Unsafe.Add(ref rowBins, Unsafe.Add(ref feature, j)));
                    ref Vector128<double> cell = ref Unsafe.Add(ref cells, Unsafe.Add(ref off, j) + bin);
                    cell += pair;
                }
            }
        }

        private bool FindSplit(in Work w, int[] active, out Split best)
        {
            best = default;
            best.Gain = 0;
            bool found = false;
            double lambda = _m.L2;
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
