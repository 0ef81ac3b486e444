using System.Collections.Concurrent;
using System.Globalization;

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
/// <para>Speed: the column of every distinct value (and of every distinct crossed pair) is hashed once and memoised,
/// so scoring a request's candidates costs a few dictionary lookups per field instead of building and hashing token
/// strings. The memo tables are concurrent: <see cref="Transform"/> and <see cref="TransformRow"/> may be called from
/// several threads at once (a model server); adding fields while other threads transform is not supported.</para>
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
    private readonly List<Field> _fields;
    private CrossPlan[]? _plan;

    /// <summary>Creates an empty schema hashing with <paramref name="hasher"/> (default: 2^18 unsigned buckets) and the declared <paramref name="crosses"/>.</summary>
    public FeatureSchema(FeatureHasher? hasher = null, FeatureCrosses? crosses = null)
    {
        Hasher = hasher ?? new FeatureHasher();
        Crosses = crosses;
        _fields = [];
    }

    private FeatureSchema(FeatureHasher hasher, FeatureCrosses? crosses, List<Field> fields)
    {
        Hasher = hasher;
        Crosses = crosses;
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
        return Add(new IntField(CheckNew(name), value));
    }

    /// <summary>Adds a categorical field whose value is a label (token <c>name=label</c>); null means missing.</summary>
    /// <exception cref="ArgumentException">The name is empty or already used.</exception>
    public FeatureSchema<T> Categorical(string name, Func<T, string?> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Add(new TextField(CheckNew(name), value));
    }

    /// <summary>Adds a numeric field (token <c>name</c> carrying the number); NaN means missing and 0 adds no entry.</summary>
    /// <exception cref="ArgumentException">The name is empty or already used.</exception>
    public FeatureSchema<T> Numeric(string name, Func<T, double> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Add(new NumberField(CheckNew(name), value));
    }

    /// <summary>
    /// A schema with the same fields (and the same hasher and memo tables) but other crosses — e.g. the plain
    /// logistic-regression features and the same features plus crosses, declared once.
    /// </summary>
    public FeatureSchema<T> WithCrosses(FeatureCrosses? crosses) => new(Hasher, crosses, [.. _fields]);

    /// <summary>One hashed row per example, 2^<see cref="FeatureHasher.Bits"/> columns, entries sorted by column with in-row collisions summed.</summary>
    /// <exception cref="ArgumentException">The schema has no fields, or a cross names a field that is not declared.</exception>
    public SparseMatrix Transform(IReadOnlyList<T> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var plan = Plan();
        int slots = _fields.Count + plan.Length;
        var offsets = new int[rows.Count + 1];
        var indices = new int[rows.Count * slots];
        var values = new float[indices.Length];
        var state = new Value[_fields.Count];
        int pos = 0;
        for (int r = 0; r < rows.Count; r++)
        {
            int n = Encode(rows[r], plan, state, indices.AsSpan(pos, slots), values.AsSpan(pos, slots));
            pos += n;
            offsets[r + 1] = pos;
        }
        Array.Resize(ref indices, pos);
        Array.Resize(ref values, pos);
        return new SparseMatrix(offsets, indices, values, NumFeatures);
    }

    /// <summary>The hashed features of one example (the same entries as its row in <see cref="Transform"/>).</summary>
    public SparseVector TransformRow(T row)
    {
        var plan = Plan();
        int slots = _fields.Count + plan.Length;
        var state = new Value[_fields.Count];
        var idx = new int[slots];
        var val = new float[slots];
        int n = Encode(row, plan, state, idx, val);
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

    /// <summary>E.g. <c>FeatureSchema(12 fields: ad, user, …; 7 crosses; 2^20 buckets)</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"FeatureSchema({_fields.Count} fields: {string.Join(", ", _fields.Select(f => f.Name))}; {Crosses?.Pairs.Count ?? 0} crosses; 2^{Hasher.Bits} buckets)");

    // ---- internals --------------------------------------------------------------------------------

    private FeatureSchema<T> Add(Field field)
    {
        _fields.Add(field);
        _plan = null;
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
                plan.Add(new CrossPlan(ia, ib, new ConcurrentDictionary<long, Slot>()));
            }
        }
        return _plan = plan.ToArray();
    }

    /// <summary>Writes the sorted, merged entries of one example into the buffers; returns their count.</summary>
    private int Encode(T row, CrossPlan[] plan, Value[] state, Span<int> idx, Span<float> val)
    {
        int n = 0;
        for (int f = 0; f < _fields.Count; f++)
        {
            var v = state[f] = _fields[f].Read(row, Hasher);
            if (!v.Present) continue;
            float x = v.Label is null ? (float)(v.Slot.Sign * v.Number) : v.Slot.Sign;
            if (v.Label is null && x == 0) continue;
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
            var fa = _fields[cross.A];
            var fb = _fields[cross.B];
            var slot = cross.Memo.TryGetValue(key, out var found) ? found
                : cross.Memo.GetOrAdd(key, Locate(FeatureCrosses.CrossToken(fa.Name, a.Label, fb.Name, b.Label)));
            double xa = a.Label is null ? a.Number : 1, xb = b.Label is null ? b.Number : 1;
            float x = (float)(slot.Sign * xa * xb);
            if (x == 0) continue;
            idx[n] = slot.Index;
            val[n] = x;
            n++;
        }
        return SortAndMerge(idx, val, n);
    }

    private Slot Locate(string token) => new(Hasher.IndexOf(token), Hasher.SignOf(token));

    /// <summary>Insertion-sorts the first n entries by column, sums duplicates and drops zeros (as <see cref="FeatureHasher"/> does).</summary>
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

    /// <summary>A field's value on one example: its memo id and label (categorical) or number (numeric), and its column.</summary>
    private readonly record struct Value(bool Present, int Id, string? Label, double Number, Slot Slot);

    private sealed record CrossPlan(int A, int B, ConcurrentDictionary<long, Slot> Memo);

    private abstract class Field(string name)
    {
        public string Name { get; } = name;

        public abstract Value Read(T row, FeatureHasher hasher);

        public abstract FeatureColumn Column(IReadOnlyList<T> rows);
    }

    private sealed class IntField(string name, Func<T, int> read) : Field(name)
    {
        private readonly ConcurrentDictionary<int, (int Id, string Label, Slot Slot)> _memo = new();
        private int _next;

        public override Value Read(T row, FeatureHasher hasher)
        {
            int v = read(row);
            if (!_memo.TryGetValue(v, out var entry))
            {
                string label = v.ToString(CultureInfo.InvariantCulture);
                string token = FeatureHasher.Token(Name, label);
                entry = _memo.GetOrAdd(v, (Interlocked.Increment(ref _next), label, new Slot(hasher.IndexOf(token), hasher.SignOf(token))));
            }
            return new Value(true, entry.Id, entry.Label, 1, entry.Slot);
        }

        public override FeatureColumn Column(IReadOnlyList<T> rows) => FeatureColumn.Categorical(Name, rows.Select(read).ToArray());
    }

    private sealed class TextField(string name, Func<T, string?> read) : Field(name)
    {
        private readonly ConcurrentDictionary<string, (int Id, Slot Slot)> _memo = new(StringComparer.Ordinal);
        private int _next;

        public override Value Read(T row, FeatureHasher hasher)
        {
            string? v = read(row);
            if (v is null) return default;
            if (!_memo.TryGetValue(v, out var entry))
            {
                string token = FeatureHasher.Token(Name, v);
                entry = _memo.GetOrAdd(v, (Interlocked.Increment(ref _next), new Slot(hasher.IndexOf(token), hasher.SignOf(token))));
            }
            return new Value(true, entry.Id, v, 1, entry.Slot);
        }

        public override FeatureColumn Column(IReadOnlyList<T> rows) => FeatureColumn.Categorical(Name, rows.Select(r => read(r)!).ToArray());
    }

    private sealed class NumberField(string name, Func<T, double> read) : Field(name)
    {
        private Slot? _slot;

        public override Value Read(T row, FeatureHasher hasher)
        {
            double v = read(row);
            if (double.IsNaN(v)) return default;
            _slot ??= new Slot(hasher.IndexOf(Name), hasher.SignOf(Name));
            return new Value(true, 0, null, v, _slot.Value);
        }

        public override FeatureColumn Column(IReadOnlyList<T> rows) => FeatureColumn.Numeric(Name, rows.Select(read).ToArray());
    }
}
