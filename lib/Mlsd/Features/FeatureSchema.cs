using System.Globalization;
using System.Runtime.CompilerServices;

namespace Mlsd.Features;

/// <summary>
/// One declaration of how to turn an example of type <typeparamref name="T"/> (an impression, a request × candidate
/// pair) into hashed sparse features, used unchanged by the training job, the serving path and the simulator. Sharing
/// the definition is the cheapest protection against <i>training–serving skew</i>: the model sees the same columns
/// for the same input wherever it runs.
/// </summary>
/// <remarks>
/// <para>Each field reads one value from the example: a categorical id or label (token <c>field=value</c>, value 1) or
/// a number (token <c>field</c>, the number as value); <see cref="Crosses"/> add the conjunction tokens
/// <c>a=x^b=y</c>. The columns are exactly those of <see cref="FeatureHasher.Transform(IReadOnlyList{FeatureColumn}, FeatureCrosses?)"/>
/// on the equivalent <see cref="FeatureColumn"/>s, so a model trained on either can be served with the other.</para>
/// <para>Speed: the column of every distinct value (and of every distinct crossed pair) is hashed once and memoised
/// (small integer ids index an array directly), so featurising a request's candidates costs an array or dictionary
/// lookup per field instead of building and hashing token strings. Thread-safe: <see cref="Transform"/> and
/// <see cref="TransformRow"/> may be called from several threads (a model server); calls serialise on one lock,
/// held for microseconds per row. Adding fields while other threads transform is not supported.</para>
/// <para>Reference: Sculley et al. 2015, "Hidden Technical Debt in Machine Learning Systems" (NeurIPS), on
/// training–serving skew; Weinberger et al. 2009 for the hashing trick.</para>
/// </remarks>
/// <typeparam name="T">The example type the fields read from.</typeparam>
/// <example><code>
/// var schema = new FeatureSchema&lt;AdImpression&gt;(new FeatureHasher { Bits = 20 })
///     .Categorical("ad", i =&gt; i.AdId)
///     .Categorical("device", i =&gt; i.Device)
///     .Numeric("position", i =&gt; i.Position);
/// SparseMatrix x = schema.Transform(impressions);
/// </code></example>
public sealed class FeatureSchema<T>
{
    private readonly Lock _gate;             // shared with every schema made by WithCrosses: they share the memo tables
    private readonly List<Field> _fields;
    private CrossPlan[]? _plan;

    /// <summary>Creates an empty schema hashing with <paramref name="hasher"/> (default: 2^18 unsigned buckets) and the declared <paramref name="crosses"/>.</summary>
    public FeatureSchema(FeatureHasher? hasher = null, FeatureCrosses? crosses = null)
    {
        Hasher = hasher ?? new FeatureHasher();
        Crosses = crosses;
        _gate = new Lock();
        _fields = [];
    }

    private FeatureSchema(FeatureHasher hasher, FeatureCrosses? crosses, Lock gate, List<Field> fields)
    {
        Hasher = hasher;
        Crosses = crosses;
        _gate = gate;
        _fields = fields;
    }

    /// <summary>The hasher that maps tokens to columns.</summary>
    public FeatureHasher Hasher { get; }

    /// <summary>The declared crosses (null for none).</summary>
    public FeatureCrosses? Crosses { get; }

    /// <summary>The number of output columns, 2^<see cref="FeatureHasher.Bits"/>.</summary>
    public int NumFeatures => Hasher.NumFeatures;

    /// <summary>Field names in declaration order.</summary>
    public IReadOnlyList<string> Fields => _fields.Select(f => f.Name).ToArray();

    /// <summary>Adds a categorical field whose value is an integer id or code (token <c>name=42</c>).</summary>
    /// <exception cref="ArgumentException">The name is empty or already used.</exception>
    public FeatureSchema<T> Categorical(string name, Func<T, int> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Add(new Field(CheckNew(name), value, null, null));
    }

    /// <summary>Adds a categorical field whose value is a label (token <c>name=label</c>); null means missing.</summary>
    /// <exception cref="ArgumentException">The name is empty or already used.</exception>
    public FeatureSchema<T> Categorical(string name, Func<T, string?> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Add(new Field(CheckNew(name), null, value, null));
    }

    /// <summary>Adds a numeric field (token <c>name</c> carrying the number); NaN means missing and 0 adds no entry.</summary>
    /// <exception cref="ArgumentException">The name is empty or already used.</exception>
    public FeatureSchema<T> Numeric(string name, Func<T, double> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Add(new Field(CheckNew(name), null, null, value));
    }

    /// <summary>
    /// A schema with the same fields (and the same hasher and memo tables) but other crosses — e.g. the plain
    /// logistic-regression features and the same features plus crosses, declared once.
    /// </summary>
    public FeatureSchema<T> WithCrosses(FeatureCrosses? crosses)
    {
        lock (_gate) return new(Hasher, crosses, _gate, [.. _fields]);
    }

    /// <summary>One hashed row per example, 2^<see cref="FeatureHasher.Bits"/> columns, entries sorted by column with in-row collisions summed.</summary>
    /// <exception cref="ArgumentException">The schema has no fields, or a cross names a field that is not declared.</exception>
    public SparseMatrix Transform(IReadOnlyList<T> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        int[] offsets = new int[rows.Count + 1], indices;
        float[] values;
        lock (_gate)
        {
            var plan = Plan();
            int slots = _fields.Count + plan.Length;
            indices = new int[rows.Count * slots];
            values = new float[indices.Length];
            var state = new Value[_fields.Count];
            int pos = 0;
            for (int r = 0; r < rows.Count; r++)
            {
                pos += Encode(rows[r], plan, state, indices.AsSpan(pos, slots), values.AsSpan(pos, slots));
                offsets[r + 1] = pos;
            }
            Array.Resize(ref indices, pos);
            Array.Resize(ref values, pos);
        }
        return new SparseMatrix(offsets, indices, values, NumFeatures);
    }

    /// <summary>The hashed features of one example (the same entries as its row in <see cref="Transform"/>).</summary>
    public SparseVector TransformRow(T row)
    {
        int n;
        int[] idx;
        float[] val;
        lock (_gate)
        {
            var plan = Plan();
            int slots = _fields.Count + plan.Length;
            idx = new int[slots];
            val = new float[slots];
            n = Encode(row, plan, new Value[_fields.Count], idx, val);
        }
        var values = new double[n];
        for (int k = 0; k < n; k++) values[k] = val[k];
        return new SparseVector(NumFeatures, idx[..n], values);
    }

    /// <summary>
    /// The examples as <see cref="FeatureColumn"/>s, one per field — for <see cref="FeatureHasher.Collisions(IReadOnlyList{FeatureColumn}, FeatureCrosses?)"/>
    /// and <see cref="FeatureHasher.DistinctTokens"/>, which count what hashing these examples costs.
    /// </summary>
    public FeatureColumn[] ToColumns(IReadOnlyList<T> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (_fields.Count == 0) throw new ArgumentException("The schema has no fields; add at least one with Categorical or Numeric.", nameof(rows));
        return _fields.Select(f => f.Column(rows)).ToArray();
    }

    /// <summary>
    /// How the distinct tokens this schema has hashed so far (every field value and crossed pair it has met, in any
    /// <see cref="Transform"/> or <see cref="TransformRow"/>) share buckets — read from the memo, so it costs nothing
    /// extra. A numeric field counts once it has had a non-missing value.
    /// </summary>
    public HashCollisionReport Collisions()
    {
        lock (_gate)
        {
            var perBucket = new Dictionary<int, int>();
            int tokens = 0;
            void Count(Slot slot)
            {
                tokens++;
                perBucket[slot.Index] = perBucket.GetValueOrDefault(slot.Index) + 1;
            }
            foreach (var field in _fields) foreach (var slot in field.Slots()) Count(slot);
            foreach (var cross in Plan()) foreach (var slot in cross.Memo.Values) Count(slot);
            int colliding = 0;
            foreach (int count in perBucket.Values) if (count > 1) colliding += count;
            return new HashCollisionReport(tokens, NumFeatures, perBucket.Count, colliding);
        }
    }

    /// <summary>E.g. <c>FeatureSchema(12 fields: ad, user, …; 7 crosses; 2^20 buckets)</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"FeatureSchema({_fields.Count} fields: {string.Join(", ", _fields.Select(f => f.Name))}; {Crosses?.Pairs.Count ?? 0} crosses; 2^{Hasher.Bits} buckets)");

    // ---- internals (all run under _gate) -----------------------------------------------------------

    private FeatureSchema<T> Add(Field field)
    {
        lock (_gate)
        {
            _fields.Add(field);
            _plan = null;
        }
        return this;
    }

    private string CheckNew(string name)
    {
        if (string.IsNullOrEmpty(name)) throw new ArgumentException("name must be a non-empty field name.", nameof(name));
        if (_fields.Any(f => f.Name == name)) throw new ArgumentException($"field names must be unique ('{name}' is already declared).", nameof(name));
        return name;
    }

    private CrossPlan[] Plan()
    {
        if (_plan is { } cached) return cached;
        if (_fields.Count == 0) throw new ArgumentException("The schema has no fields; add at least one with Categorical or Numeric.");
        var plan = new List<CrossPlan>();
        if (Crosses is not null)
        {
            foreach (var (a, b) in Crosses.Pairs)
            {
                int ia = _fields.FindIndex(f => f.Name == a), ib = _fields.FindIndex(f => f.Name == b);
                if (ia < 0) throw new ArgumentException($"cross ({a}, {b}) names '{a}', which is not a field of the schema.");
                if (ib < 0) throw new ArgumentException($"cross ({a}, {b}) names '{b}', which is not a field of the schema.");
                plan.Add(new CrossPlan(ia, ib, []));
            }
        }
        return _plan = plan.ToArray();
    }

    /// <summary>Writes the sorted, merged entries of one example into the buffers; returns their count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Encode(T row, CrossPlan[] plan, Value[] state, Span<int> idx, Span<float> val)
    {
        int n = 0;
        for (int f = 0; f < _fields.Count; f++)
        {
            var v = state[f] = _fields[f].Read(row, Hasher);
            if (!v.Present) continue;
            float x = v.Label is null ? (float)(v.Slot.Sign * v.Number) : v.Slot.Sign;
            if (x == 0) continue;
            idx[n] = v.Slot.Index;
            val[n] = x;
            n++;
        }
        foreach (var cross in plan)
        {
            var a = state[cross.A];
            var b = state[cross.B];
            if (!a.Present || !b.Present) continue;
            long key = (long)a.Id << 32 | (uint)b.Id;
            if (!cross.Memo.TryGetValue(key, out var slot))
            {
                slot = Locate(FeatureCrosses.CrossToken(_fields[cross.A].Name, a.Label, _fields[cross.B].Name, b.Label));
                cross.Memo.Add(key, slot);
            }
            double xa = a.Label is null ? a.Number : 1, xb = b.Label is null ? b.Number : 1;
            float x = (float)(slot.Sign * xa * xb);
            if (x == 0) continue;
            idx[n] = slot.Index;
            val[n] = x;
            n++;
        }
        return SortAndMerge(idx, val, n);
    }

    private Slot Locate(string token) => Hash(token, Hasher);

    /// <summary>Column and sign of a token from one MurmurHash3 call — the rule <see cref="FeatureHasher"/> documents
    /// (low bits pick the column, the top bit the sign when signed).</summary>
    private static Slot Hash(string token, FeatureHasher hasher)
    {
        uint h = MurmurHash3.Hash32(token, hasher.Seed);
        return new Slot((int)(h & (uint)(hasher.NumFeatures - 1)), hasher.Signed && (h >> 31) != 0 ? -1f : 1f);
    }

    /// <summary>Insertion-sorts the first n entries by column, sums duplicates and drops zeros (as <see cref="FeatureHasher"/> does).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int SortAndMerge(Span<int> idx, Span<float> val, int n)
    {
        for (int i = 1; i < n; i++)
        {
            int ki = idx[i];
            float kv = val[i];
            int j = i - 1;
            while (j >= 0 && idx[j] > ki)
            {
                idx[j + 1] = idx[j];
                val[j + 1] = val[j];
                j--;
            }
            idx[j + 1] = ki;
            val[j + 1] = kv;
        }
        int m = 0;
        for (int i = 0; i < n; i++)
        {
            if (m > 0 && idx[m - 1] == idx[i]) val[m - 1] += val[i];
            else
            {
                idx[m] = idx[i];
                val[m] = val[i];
                m++;
            }
        }
        int w = 0;
        for (int i = 0; i < m; i++)
        {
            if (val[i] == 0) continue;
            idx[w] = idx[i];
            val[w] = val[i];
            w++;
        }
        return w;
    }

    private readonly record struct Slot(int Index, float Sign);

    /// <summary>A memoised categorical value: its id (the value itself for integer fields), its label and its column.</summary>
    private readonly record struct Entry(int Id, string Label, Slot Slot);

    /// <summary>A field's value on one example: present or missing, id and label (categorical) or number (numeric), column.</summary>
    private readonly record struct Value(bool Present, int Id, string? Label, double Number, Slot Slot);

    private sealed record CrossPlan(int A, int B, Dictionary<long, Slot> Memo);

    /// <summary>One declared field and its memo of hashed values.</summary>
    private sealed class Field(string name, Func<T, int>? readInt, Func<T, string?>? readText, Func<T, double>? readNumber)
    {
        private const int DenseLimit = 1 << 16;   // integer ids below this are memoised in an array
        private Entry[] _dense = [];
        private bool[] _known = [];
        private readonly Dictionary<int, Entry> _sparse = [];
        private readonly Dictionary<string, Entry> _text = new(StringComparer.Ordinal);
        private Slot? _numberSlot;

        public string Name { get; } = name;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public Value Read(T row, FeatureHasher hasher)
        {
            if (readInt is not null)
            {
                var e = IntEntry(readInt(row), hasher);
                return new Value(true, e.Id, e.Label, 1, e.Slot);
            }
            if (readText is not null)
            {
                string? v = readText(row);
                if (v is null) return default;
                if (!_text.TryGetValue(v, out var e))
                {
                    e = new Entry(_text.Count + 1, v, Hash(FeatureHasher.Token(Name, v), hasher));
                    _text.Add(v, e);
                }
                return new Value(true, e.Id, e.Label, 1, e.Slot);
            }
            double x = readNumber!(row);
            if (double.IsNaN(x)) return default;
            _numberSlot ??= Hash(Name, hasher);
            return new Value(true, 0, null, x, _numberSlot.Value);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private Entry IntEntry(int v, FeatureHasher hasher)
        {
            if ((uint)v < DenseLimit)
            {
                if (v < _known.Length && _known[v]) return _dense[v];
                if (v >= _known.Length)
                {
                    int size = Math.Min(DenseLimit, Math.Max(v + 1, 2 * _known.Length));
                    Array.Resize(ref _dense, size);
                    Array.Resize(ref _known, size);
                }
                _known[v] = true;
                return _dense[v] = NewIntEntry(v, hasher);
            }
            if (!_sparse.TryGetValue(v, out var e)) _sparse.Add(v, e = NewIntEntry(v, hasher));
            return e;
        }

        private Entry NewIntEntry(int v, FeatureHasher hasher)
        {
            string label = v.ToString(CultureInfo.InvariantCulture);
            return new Entry(v, label, Hash(FeatureHasher.Token(Name, label), hasher));
        }

        public IEnumerable<Slot> Slots()
        {
            for (int v = 0; v < _known.Length; v++) if (_known[v]) yield return _dense[v].Slot;
            foreach (var e in _sparse.Values) yield return e.Slot;
            foreach (var e in _text.Values) yield return e.Slot;
            if (_numberSlot is { } slot) yield return slot;
        }

        public FeatureColumn Column(IReadOnlyList<T> rows) =>
            readInt is not null ? FeatureColumn.Categorical(Name, rows.Select(readInt).ToArray())
            : readText is not null ? FeatureColumn.Categorical(Name, rows.Select(r => readText(r)!).ToArray())
            : FeatureColumn.Numeric(Name, rows.Select(readNumber!).ToArray());
    }
}
