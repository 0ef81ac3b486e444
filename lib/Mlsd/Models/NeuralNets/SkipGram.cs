using System.Globalization;
using System.Runtime.CompilerServices;

namespace Mlsd.Models.NeuralNets;

/// <summary>
/// Item embeddings from sequences (sessions of clicked listings, playlists, sentences) with the skip-gram objective and
/// negative sampling: items that appear near each other in a sequence get vectors with a large dot product, items drawn
/// at random get a small one.
/// </summary>
/// <remarks>
/// <para><b>Objective.</b> For every center item c and every context item o within <see cref="Window"/> positions of
/// it, maximise log σ(v_c · u_o) + Σ_n log σ(−v_c · u_n) over <see cref="Negatives"/> items n drawn from the unigram
/// distribution raised to <see cref="UnigramPower"/>. v are the input vectors (the embeddings), u the output vectors.
/// Plain SGD, the learning rate falling linearly to zero over training; input vectors start uniform in
/// ±0.5 / <see cref="Dimension"/>, output vectors at zero (as word2vec does).</para>
/// <para><b>The two improvements of Grbovic &amp; Cheng (2018)</b> for listings. A <i>global context</i> per sequence
/// (the booked listing) is paired with every center of that sequence, whatever the distance, so what was clicked on
/// the way to a booking moves towards the booking. <i>Hard negatives</i>: <see cref="HardNegatives"/> extra negatives
/// per pair drawn uniformly from the center's own group (its region), so the model learns to tell listings apart
/// within a region, not only regions apart — random negatives are nearly all from other regions.</para>
/// <para>Single-threaded with one seeded stream: the same data and seed give the same vectors, bit for bit.</para>
/// <para>Worked example of one update (a test checks it): with input vector v = (0.1, 0.2), output u = 0, label 1 and
/// learning rate 0.5, σ(0) = 0.5, so u ← u + 0.5 · (1 − 0.5) · v = (0.025, 0.05) and v is unchanged (its gradient is
/// (1 − 0.5) · u = 0).</para>
/// <para>References: T. Mikolov et al., "Distributed Representations of Words and Phrases and their
/// Compositionality", NeurIPS 2013, arXiv:1310.4546; M. Grbovic &amp; H. Cheng, "Real-time Personalization using
/// Embeddings for Search Ranking at Airbnb", KDD 2018, doi:10.1145/3219819.3219885.</para>
/// </remarks>
/// <example>
/// <code>
/// var model = new SkipGram { Dimension = 16, Epochs = 3, Seed = 1 }.Fit(sessions, vocabulary: listings.Count);
/// double s = model.Similarity(3, 17);
/// </code>
/// </example>
public sealed class SkipGram
{
    /// <summary>Embedding size (default 16).</summary>
    public int Dimension { get; init; } = 16;

    /// <summary>Context items on each side of a center (default 2).</summary>
    public int Window { get; init; } = 2;

    /// <summary>Random negatives per positive pair, from the smoothed unigram distribution (default 5).</summary>
    public int Negatives { get; init; } = 5;

    /// <summary>Extra negatives per positive pair from the center's group (default 0; needs groups in <see cref="Fit"/>).</summary>
    public int HardNegatives { get; init; }

    /// <summary>Passes over the sequences (default 5).</summary>
    public int Epochs { get; init; } = 5;

    /// <summary>Starting learning rate, falling linearly to zero (default 0.05).</summary>
    public float LearningRate { get; init; } = 0.05f;

    /// <summary>Exponent of the negative-sampling distribution: 1 = by frequency, 0 = uniform (default 0.75).</summary>
    public double UnigramPower { get; init; } = 0.75;

    /// <summary>Seed of initialisation, shuffling and negative draws.</summary>
    public int Seed { get; init; }

    /// <summary>Trains item vectors on <paramref name="sequences"/>.</summary>
    /// <param name="sequences">Item ids in order, each in 0 … vocabulary − 1; sequences of one item add no pairs.</param>
    /// <param name="vocabulary">Number of items; items that never occur keep their random start and count as untrained.</param>
    /// <param name="globalContext">Optional, one per sequence: an item paired with every center of that sequence
    /// (the booked listing), or −1 for none.</param>
    /// <param name="groups">Group of each item (its region), needed when <see cref="HardNegatives"/> &gt; 0.</param>
    /// <exception cref="ArgumentException">Bad settings, an id out of range, or lengths that do not match.</exception>
    public SkipGramModel Fit(IReadOnlyList<int[]> sequences, int vocabulary, IReadOnlyList<int>? globalContext = null,
        IReadOnlyList<int>? groups = null)
    {
        CheckSettings();
        ArgumentNullException.ThrowIfNull(sequences);
        if (vocabulary < 2) throw new ArgumentOutOfRangeException(nameof(vocabulary), vocabulary, "vocabulary must be at least 2.");
        var counts = new int[vocabulary];
        long tokens = 0;
        for (int s = 0; s < sequences.Count; s++)
        {
            var seq = sequences[s] ?? throw new ArgumentException($"sequences[{s}] is null.", nameof(sequences));
            foreach (int item in seq)
            {
                if ((uint)item >= (uint)vocabulary)
                    throw new ArgumentException($"sequences[{s}] holds item {item}; ids must be in 0..{vocabulary - 1}.", nameof(sequences));
                counts[item]++;
            }
            tokens += seq.Length;
        }
        if (tokens == 0) throw new ArgumentException("sequences must hold at least one item.", nameof(sequences));
        if (globalContext is not null)
        {
            if (globalContext.Count != sequences.Count)
                throw new ArgumentException($"globalContext has {globalContext.Count} entries; expected one per sequence ({sequences.Count}).", nameof(globalContext));
            for (int s = 0; s < globalContext.Count; s++)
                if (globalContext[s] < -1 || globalContext[s] >= vocabulary)
                    throw new ArgumentException($"globalContext[{s}] = {globalContext[s]} must be −1 or an item in 0..{vocabulary - 1}.", nameof(globalContext));
        }
        int[][]? members = HardNegatives > 0 ? GroupMembers(groups, vocabulary, counts) : null;
        var trainer = new Trainer(this, vocabulary, counts, tokens, members);
        var loss = new double[Epochs];
        for (int epoch = 0; epoch < Epochs; epoch++) loss[epoch] = trainer.Epoch(sequences, globalContext, epoch);
        return new SkipGramModel(Dimension, trainer.Input, counts, loss, trainer.PairsPerEpoch);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"SkipGram(d={Dimension}, window={Window}, negatives={Negatives}+{HardNegatives} hard, epochs={Epochs}, lr={LearningRate})");

    private void CheckSettings()
    {
        if (Dimension < 1) throw new ArgumentOutOfRangeException(nameof(Dimension), Dimension, "Dimension must be at least 1.");
        if (Window < 1) throw new ArgumentOutOfRangeException(nameof(Window), Window, "Window must be at least 1.");
        if (Negatives < 0) throw new ArgumentOutOfRangeException(nameof(Negatives), Negatives, "Negatives must be 0 or more.");
        if (HardNegatives < 0) throw new ArgumentOutOfRangeException(nameof(HardNegatives), HardNegatives, "HardNegatives must be 0 or more.");
        if (Epochs < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Epochs must be at least 1.");
        if (!(LearningRate > 0) || float.IsInfinity(LearningRate))
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "LearningRate must be positive and finite.");
        if (!(UnigramPower >= 0 && UnigramPower <= 1))
            throw new ArgumentOutOfRangeException(nameof(UnigramPower), UnigramPower, "UnigramPower must be in [0, 1].");
    }

    private static int[][] GroupMembers(IReadOnlyList<int>? groups, int vocabulary, int[] counts)
    {
        if (groups is null) throw new ArgumentException("groups are needed when HardNegatives > 0.", nameof(groups));
        if (groups.Count != vocabulary)
            throw new ArgumentException($"groups has {groups.Count} entries; expected one per item ({vocabulary}).", nameof(groups));
        int max = -1;
        for (int i = 0; i < vocabulary; i++)
        {
            if (groups[i] < 0) throw new ArgumentException($"groups[{i}] = {groups[i]} must be 0 or more.", nameof(groups));
            max = Math.Max(max, groups[i]);
        }
        var lists = Enumerable.Range(0, max + 1).Select(_ => new List<int>()).ToArray();
        for (int i = 0; i < vocabulary; i++) if (counts[i] > 0) lists[groups[i]].Add(i);
        return lists.Select(l => l.ToArray()).ToArray();
    }

    /// <summary>
    /// One SGD step of the objective for one (center, target) pair: with p = σ(v · u) and g = lr · (label − p), adds
    /// g · u to <paramref name="grad"/> (applied to v after all targets of the pair) and g · v to u; returns the pair's
    /// loss −log σ(±v · u).
    /// </summary>
    [MethodImpl(Jit.Hot)]
    internal static double Step(ReadOnlySpan<float> vin, Span<float> vout, Span<float> grad, int label, float lr)
    {
        float z = Math.Clamp(Simd.Dot<float>(vin, vout), -30f, 30f);
        float e = MathF.Exp(label == 1 ? -z : z);          // σ(±z) = 1 / (1 + e)
        float p = label == 1 ? 1 / (1 + e) : e / (1 + e);  // p = σ(z)
        float g = lr * (label - p);
        int w = System.Numerics.Vector<float>.Count, i = 0, n = vin.Length;
        var gv = new System.Numerics.Vector<float>(g);
        for (; i + w <= n; i += w)                          // grad += g·u and u += g·v in one pass
        {
            var u = new System.Numerics.Vector<float>(vout.Slice(i));
            (new System.Numerics.Vector<float>(grad.Slice(i)) + gv * u).CopyTo(grad.Slice(i));
            (u + gv * new System.Numerics.Vector<float>(vin.Slice(i))).CopyTo(vout.Slice(i));
        }
        for (; i < n; i++)
        {
            float u = vout[i];
            grad[i] += g * u;
            vout[i] = u + g * vin[i];
        }
        return MathF.Log(1 + e);                           // −log σ(±z)
    }

    /// <summary>The training state: both vector tables, the negative-sampling table and the random stream.</summary>
    private sealed class Trainer
    {
        private const int TableSize = 1 << 17;
        private readonly SkipGram _o;
        private readonly int _d;
        private readonly float[] _output;
        private readonly int[] _table;
        private readonly int[][]? _members;
        private readonly int[]? _groupOf;
        private readonly float[] _grad;
        private readonly long _totalCenters;
        private long _centersSeen;
        private SplitMix64 _rng;

        public Trainer(SkipGram o, int vocabulary, int[] counts, long tokens, int[][]? members)
        {
            _o = o;
            _d = o.Dimension;
            _rng = new SplitMix64(o.Seed, 7);
            Input = new float[vocabulary * _d];
            for (int i = 0; i < Input.Length; i++) Input[i] = (float)((_rng.Uniform() - 0.5) / _d);
            _output = new float[vocabulary * _d];
            _grad = new float[_d];
            _table = NegativeTable(counts, o.UnigramPower);
            _members = members;
            if (members is not null)
            {
                _groupOf = new int[vocabulary];
                for (int g = 0; g < members.Length; g++) foreach (int i in members[g]) _groupOf[i] = g;
            }
            _totalCenters = tokens * o.Epochs;
        }

        public float[] Input { get; }

        public long PairsPerEpoch { get; private set; }

        private static int[] NegativeTable(int[] counts, double power)
        {
            double total = 0;
            foreach (int c in counts) if (c > 0) total += Math.Pow(c, power);
            var table = new int[TableSize];
            int item = 0;
            double running = counts[0] > 0 ? Math.Pow(counts[0], power) / total : 0;
            for (int t = 0; t < TableSize; t++)
            {
                while ((t + 0.5) / TableSize > running && item < counts.Length - 1)
                {
                    item++;
                    if (counts[item] > 0) running += Math.Pow(counts[item], power) / total;
                }
                table[t] = item;
            }
            return table;
        }

        /// <summary>One pass in a shuffled order of sequences; returns the mean loss per scored target.</summary>
        [MethodImpl(Jit.Hot)]
        public double Epoch(IReadOnlyList<int[]> sequences, IReadOnlyList<int>? global, int epoch)
        {
            int[] order = Enumerable.Range(0, sequences.Count).ToArray();
            for (int i = order.Length - 1; i > 0; i--)
            {
                int j = _rng.Below(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }
            double loss = 0;
            long targets = 0, pairs = 0;
            int w = _o.Window;
            foreach (int s in order)
            {
                int[] seq = sequences[s];
                int g = global is null ? -1 : global[s];
                for (int i = 0; i < seq.Length; i++)
                {
                    float lr = _o.LearningRate * Math.Max(1e-4f, 1 - (float)_centersSeen / _totalCenters);
                    _centersSeen++;
                    int c = seq[i];
                    for (int j = Math.Max(0, i - w); j <= Math.Min(seq.Length - 1, i + w); j++)
                    {
                        if (j == i || seq[j] == c) continue;
                        loss += Pair(c, seq[j], lr, ref targets);
                        pairs++;
                    }
                    if (g >= 0 && g != c)
                    {
                        loss += Pair(c, g, lr, ref targets);
                        pairs++;
                    }
                }
            }
            if (epoch == 0) PairsPerEpoch = pairs;
            return targets == 0 ? 0 : loss / targets;
        }

        /// <summary>One positive pair with its negatives: SGD on the center's input vector and each target's output vector.</summary>
        [MethodImpl(Jit.Hot)]
        private double Pair(int center, int context, float lr, ref long targets)
        {
            var vin = Input.AsSpan(center * _d, _d);
            var grad = _grad.AsSpan();
            grad.Clear();
            double loss = Target(vin, grad, context, 1, lr);
            int scored = 1;
            for (int n = 0; n < _o.Negatives; n++)
            {
                int neg = _table[_rng.Below(TableSize)];
                if (neg == context || neg == center) continue;
                loss += Target(vin, grad, neg, 0, lr);
                scored++;
            }
            if (_members is not null)
            {
                int[] pool = _members[_groupOf![center]];
                for (int n = 0; n < _o.HardNegatives && pool.Length > 0; n++)
                {
                    int neg = pool[_rng.Below(pool.Length)];
                    if (neg == context || neg == center) continue;
                    loss += Target(vin, grad, neg, 0, lr);
                    scored++;
                }
            }
            Simd.Add<float>(vin, grad);
            targets += scored;
            return loss;
        }

        private double Target(Span<float> vin, Span<float> grad, int target, int label, float lr) =>
            Step(vin, _output.AsSpan(target * _d, _d), grad, label, lr);
    }
}

/// <summary>Vectors learned by <see cref="SkipGram"/>: one per item, with the training counts that say which are real.</summary>
public sealed class SkipGramModel
{
    private readonly float[] _vectors;
    private readonly int[] _counts;

    internal SkipGramModel(int dimension, float[] vectors, int[] counts, double[] loss, long pairsPerEpoch)
    {
        Dimension = dimension;
        _vectors = vectors;
        _counts = counts;
        LossHistory = Array.AsReadOnly(loss);
        PairsPerEpoch = pairsPerEpoch;
    }

    /// <summary>Embedding size.</summary>
    public int Dimension { get; }

    /// <summary>Number of items (trained or not).</summary>
    public int Vocabulary => _counts.Length;

    /// <summary>Mean loss per scored target (positive or negative), one value per epoch.</summary>
    public IReadOnlyList<double> LossHistory { get; }

    /// <summary>Positive pairs in one epoch (window pairs plus global-context pairs).</summary>
    public long PairsPerEpoch { get; }

    /// <summary>How often the item occurred in the training sequences.</summary>
    public int Count(int item)
    {
        Check(item);
        return _counts[item];
    }

    /// <summary>Whether the item occurred in training (otherwise its vector is its random start: cold start).</summary>
    public bool IsTrained(int item) => Count(item) > 0;

    /// <summary>A copy of the item's vector.</summary>
    public float[] Vector(int item)
    {
        Check(item);
        return _vectors.AsSpan(item * Dimension, Dimension).ToArray();
    }

    /// <summary>Cosine similarity of two items' vectors, in [−1, 1] (0 when either vector is zero).</summary>
    public double Similarity(int item, int other)
    {
        Check(item);
        Check(other);
        var a = _vectors.AsSpan(item * Dimension, Dimension);
        var b = _vectors.AsSpan(other * Dimension, Dimension);
        double na = Math.Sqrt(Simd.Dot<float>(a, a)), nb = Math.Sqrt(Simd.Dot<float>(b, b));
        return na == 0 || nb == 0 ? 0 : Simd.Dot<float>(a, b) / (na * nb);
    }

    /// <summary>Every item's vector scaled to length 1 (for cosine search with a dot product or an ANN index).</summary>
    public float[][] UnitVectors()
    {
        var result = new float[Vocabulary][];
        for (int i = 0; i < result.Length; i++)
        {
            var v = Vector(i);
            float norm = MathF.Sqrt(Simd.Dot<float>(v, v));
            if (norm > 0) for (int d = 0; d < v.Length; d++) v[d] /= norm;
            result[i] = v;
        }
        return result;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"SkipGramModel: {_counts.Count(c => c > 0):N0} of {Vocabulary:N0} items trained, d={Dimension}, {PairsPerEpoch:N0} pairs per epoch, loss {LossHistory[0]:F3} → {LossHistory[^1]:F3}");

    private void Check(int item)
    {
        if ((uint)item >= (uint)_counts.Length)
            throw new ArgumentOutOfRangeException(nameof(item), item, $"item must be in 0..{_counts.Length - 1}.");
    }
}
