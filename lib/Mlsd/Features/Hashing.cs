using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Buffers.Binary;
using System.Text;

namespace Mlsd.Features;

/// <summary>
/// MurmurHash3, x86 32-bit variant (Austin Appleby, public domain, 2011): a fast, well-mixed, non-cryptographic
/// hash. The hashing trick needs a hash that is the same in every process and on every machine — .NET's
/// <see cref="string.GetHashCode()"/> is randomised per process, so it cannot be used to index model weights.
/// </summary>
/// <remarks>
/// Matches the reference <c>MurmurHash3_x86_32</c> (and scikit-learn's <c>murmurhash3_32</c>, Vowpal Wabbit's
/// hasher) bit for bit: e.g. <c>Hash32("abc", 0) = 0xB3DD93FA</c> and <c>Hash32("Hello, world!", 0x9747B28C) = 0x24884CBA</c>.
/// </remarks>
public static class MurmurHash3
{
    private const uint C1 = 0xcc9e2d51, C2 = 0x1b873593;

    /// <summary>The 32-bit hash of <paramref name="data"/> with <paramref name="seed"/>.</summary>
    public static uint Hash32(ReadOnlySpan<byte> data, uint seed = 0)
    {
        uint h = seed;
        int blocks = data.Length / 4;
        for (int i = 0; i < blocks; i++)
        {
            uint k = BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(i * 4, 4));
            k *= C1;
            k = BitOperations.RotateLeft(k, 15);
            k *= C2;
            h ^= k;
            h = BitOperations.RotateLeft(h, 13);
            h = h * 5 + 0xe6546b64;
        }
        var tail = data[(blocks * 4)..];
        uint t = 0;
        switch (tail.Length)
        {
            case 3: t ^= (uint)tail[2] << 16; goto case 2;
            case 2: t ^= (uint)tail[1] << 8; goto case 1;
            case 1:
                t ^= tail[0];
                t *= C1;
                t = BitOperations.RotateLeft(t, 15);
                t *= C2;
                h ^= t;
                break;
        }
        h ^= (uint)data.Length;
        h ^= h >> 16;
        h *= 0x85ebca6b;
        h ^= h >> 13;
        h *= 0xc2b2ae35;
        h ^= h >> 16;
        return h;
    }

    /// <summary>The 32-bit hash of the UTF-8 bytes of <paramref name="text"/> with <paramref name="seed"/>.</summary>
    public static uint Hash32(string text, uint seed = 0)
    {
        ArgumentNullException.ThrowIfNull(text);
        int max = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = null;
        Span<byte> buffer = max <= 512 ? stackalloc byte[max] : (rented = ArrayPool<byte>.Shared.Rent(max));
        int n = Encoding.UTF8.GetBytes(text, buffer);
        uint h = Hash32(buffer[..n], seed);
        if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        return h;
    }
}

/// <summary>
/// One named input column for <see cref="FeatureHasher"/>: either categorical (each distinct value becomes the
/// token <c>name=value</c> with value 1 — user IDs, ad IDs, device, hour) or numeric (the token <c>name</c>
/// carrying the number — price, age). Missing values (null, NaN) contribute nothing.
/// </summary>
public sealed class FeatureColumn
{
    private FeatureColumn(string name, int[]? codes, string[]? labels, double[]? numbers, int count)
    {
        Name = name;
        Codes = codes;
        Labels = labels;
        Numbers = numbers;
        Count = count;
    }

    /// <summary>The field name (the prefix of every token this column produces).</summary>
    public string Name { get; }

    /// <summary>True for a numeric column, false for a categorical one.</summary>
    public bool IsNumeric => Numbers is not null;

    /// <summary>The number of rows.</summary>
    public int Count { get; }

    /// <summary>The number of distinct non-missing categories (1 for a numeric column).</summary>
    public int Cardinality => Labels?.Length ?? 1;

    internal int[]? Codes { get; }          // per row: index into Labels, or -1 if missing
    internal string[]? Labels { get; }      // distinct categories, in order of first appearance
    internal double[]? Numbers { get; }     // per row, NaN if missing

    /// <summary>
    /// A categorical column. Values are turned into text with the invariant culture (so <c>42</c>, <c>"42"</c> and
    /// <c>42L</c> give the same token); null means missing.
    /// </summary>
    public static FeatureColumn Categorical<T>(string name, IReadOnlyList<T> values) where T : notnull
    {
        CheckName(name);
        ArgumentNullException.ThrowIfNull(values);
        var codes = new int[values.Count];
        var labels = new List<string>();
        var byValue = new Dictionary<T, int>();
        for (int i = 0; i < values.Count; i++)
        {
            T v = values[i];
            if (v is null) { codes[i] = -1; continue; }
            if (!byValue.TryGetValue(v, out int code))
            {
                code = labels.Count;
                byValue.Add(v, code);
                labels.Add(FeatureHasher.FormatCategory(v));
            }
            codes[i] = code;
        }
        return new FeatureColumn(name, codes, labels.ToArray(), null, values.Count);
    }

    /// <summary>A numeric column; NaN means missing.</summary>
    public static FeatureColumn Numeric(string name, IReadOnlyList<double> values)
    {
        CheckName(name);
        ArgumentNullException.ThrowIfNull(values);
        var numbers = new double[values.Count];
        for (int i = 0; i < numbers.Length; i++) numbers[i] = values[i];
        return new FeatureColumn(name, null, null, numbers, values.Count);
    }

    private static void CheckName(string name)
    {
        if (string.IsNullOrEmpty(name)) throw new ArgumentException("name must be a non-empty field name.", nameof(name));
    }

    /// <summary>E.g. <c>user_id: categorical, 5000 rows, 812 distinct</c>.</summary>
    public override string ToString() =>
        IsNumeric ? $"{Name}: numeric, {Count} rows" : $"{Name}: categorical, {Count} rows, {Cardinality} distinct";
}

/// <summary>How <see cref="FeatureHasher"/> turns a token's 32-bit MurmurHash3 value h into a column.</summary>
public enum HashColumnMapping
{
    /// <summary>
    /// Column = h mod 2^Bits of the unsigned hash, i.e. its low bits (Vowpal Wabbit's convention). The default.
    /// </summary>
    LowBits,

    /// <summary>
    /// scikit-learn's <c>FeatureHasher</c>: h read as a signed 32-bit integer, column = |h| mod 2^Bits. Differs from
    /// <see cref="LowBits"/> for every token whose hash has the top bit set (about half of them). The sign rule under
    /// <see cref="FeatureHasher.Signed"/> (−1 when h &lt; 0) is the same in both mappings.
    /// </summary>
    ScikitLearn,
}

/// <summary>How many distinct tokens share hash buckets — the price of the hashing trick.</summary>
/// <param name="DistinctTokens">Distinct feature tokens hashed.</param>
/// <param name="Buckets">Available buckets (2^bits).</param>
/// <param name="UsedBuckets">Buckets that received at least one token.</param>
/// <param name="CollidingTokens">Tokens that share their bucket with at least one other token.</param>
public sealed record HashCollisionReport(int DistinctTokens, int Buckets, int UsedBuckets, int CollidingTokens)
{
    /// <summary>The fraction of tokens that share a bucket: CollidingTokens / DistinctTokens (0 when there are none).</summary>
    public double CollisionRate => DistinctTokens == 0 ? 0 : (double)CollidingTokens / DistinctTokens;

    /// <summary>A one-line summary.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{DistinctTokens} tokens → {UsedBuckets} of {Buckets} buckets used; {CollidingTokens} tokens collide ({CollisionRate:P2})");
}

/// <summary>
/// The hashing trick (Weinberger et al. 2009, "Feature Hashing for Large Scale Multitask Learning"): map each
/// feature token such as <c>ad_id=9913</c> straight to one of 2^<see cref="Bits"/> columns by a fixed hash,
/// instead of keeping a vocabulary. New IDs need no re-indexing (essential when ads and users arrive every day),
/// memory is fixed, and the cost is occasional collisions, which <see cref="Collisions(IEnumerable{string})"/>
/// measures.
/// </summary>
/// <remarks>
/// Column = <c>MurmurHash3_x86_32(UTF-8 token, Seed) mod 2^Bits</c> (see <see cref="Mapping"/> for scikit-learn's
/// variant). With <see cref="Signed"/>, the top hash bit chooses a ±1 sign so that colliding features cancel in
/// expectation instead of adding up (the "alternate sign" of scikit-learn's FeatureHasher). Tokens: categorical
/// <c>field=value</c> (value 1), numeric <c>field</c> (value x), crosses <c>a=x^b=y</c> (see
/// <see cref="FeatureCrosses"/>) — the tokens scikit-learn's <c>FeatureHasher(input_type="dict")</c> makes from
/// <c>{"field": "value"}</c> and <c>{"field": x}</c>. Entries of a row are sorted by column and duplicates (in-row
/// collisions) summed.
/// </remarks>
public sealed class FeatureHasher
{
    private readonly int _bits = 18;
    private readonly HashColumnMapping _mapping;

    /// <summary>The number of hash bits b; the output has 2^b columns. 1–30, default 18 (262,144 columns).</summary>
    public int Bits
    {
        get => _bits;
        init => _bits = value is >= 1 and <= 30 ? value : throw new ArgumentOutOfRangeException(nameof(Bits), value, "Bits must be between 1 and 30.");
    }

    /// <summary>Whether a hash bit gives each token a ±1 sign (default false: plain one-hot style counts).</summary>
    public bool Signed { get; init; }

    /// <summary>The hash seed (default 0); a different seed gives a different, equally valid, mapping.</summary>
    public uint Seed { get; init; }

    /// <summary>
    /// How a token's hash picks its column (default <see cref="HashColumnMapping.LowBits"/>).
    /// <see cref="HashColumnMapping.ScikitLearn"/> reproduces scikit-learn's columns exactly, so a matrix hashed here
    /// and one hashed in Python (same <see cref="Bits"/>, <see cref="Signed"/> = <c>alternate_sign</c>, seed 0) agree
    /// entry for entry.
    /// </summary>
    public HashColumnMapping Mapping
    {
        get => _mapping;
        init => _mapping = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(Mapping), value, "Mapping must be LowBits or ScikitLearn.");
    }

    /// <summary>The number of output columns, 2^<see cref="Bits"/>.</summary>
    public int NumFeatures => 1 << _bits;

    /// <summary>The token for a categorical value: <c>field=value</c>.</summary>
    public static string Token(string field, string value) => field + "=" + value;

    /// <summary>The column a token lands in.</summary>
    public int IndexOf(string token) => ColumnOf(MurmurHash3.Hash32(token, Seed));

    /// <summary>The column of the categorical token <c>field=value</c>.</summary>
    public int IndexOf(string field, string value) => IndexOf(Token(field, value));

    /// <summary>The sign (+1, or ±1 when <see cref="Signed"/>) a token is multiplied by.</summary>
    public float SignOf(string token) => Signed && (MurmurHash3.Hash32(token, Seed) >> 31) != 0 ? -1f : 1f;

    private (int Index, float Sign) Locate(string token)
    {
        uint h = MurmurHash3.Hash32(token, Seed);
        return (ColumnOf(h), Signed && (h >> 31) != 0 ? -1f : 1f);
    }

    /// <summary>The column of hash <paramref name="h"/> under <see cref="Mapping"/>.</summary>
    private int ColumnOf(uint h) => _mapping == HashColumnMapping.ScikitLearn
        ? (int)(Math.Abs((long)(int)h) % NumFeatures)   // |h| of the signed hash; |−2³¹| = 2³¹ ≡ 0
        : (int)(h & (uint)(NumFeatures - 1));

    /// <summary>Hashes the columns (all of one length) into a sparse matrix of 2^<see cref="Bits"/> columns.</summary>
    public SparseMatrix Transform(params FeatureColumn[] columns) => Transform(columns, null);

    /// <summary>
    /// Hashes the columns (all of one length), plus the declared <paramref name="crosses"/>, into a sparse matrix with
    /// one row per input row and 2^<see cref="Bits"/> columns.
    /// </summary>
    /// <exception cref="ArgumentException">No columns, columns of different lengths, duplicate names, or a cross naming an unknown column.</exception>
    public SparseMatrix Transform(IReadOnlyList<FeatureColumn> columns, FeatureCrosses? crosses)
    {
        var plan = Plan(columns, crosses);
        int rows = columns[0].Count;
        int slots = columns.Count + plan.Crosses.Length;
        var offsets = new int[rows + 1];
        var indices = new int[(long)rows * slots];
        var values = new float[(long)rows * slots];
        int[] rowIdx = new int[slots];
        float[] rowVal = new float[slots];
        int pos = 0;
        for (int r = 0; r < rows; r++)
        {
            int n = 0;
            for (int c = 0; c < columns.Count; c++)
            {
                if (plan.Entry(c, r, out int i, out float v)) { rowIdx[n] = i; rowVal[n] = v; n++; }
            }
            for (int x = 0; x < plan.Crosses.Length; x++)
            {
                if (plan.Crosses[x].Entry(r, out int i, out float v)) { rowIdx[n] = i; rowVal[n] = v; n++; }
            }
            n = SortAndMerge(rowIdx, rowVal, n);
            Array.Copy(rowIdx, 0, indices, pos, n);
            Array.Copy(rowVal, 0, values, pos, n);
            pos += n;
            offsets[r + 1] = pos;
        }
        Array.Resize(ref indices, pos);
        Array.Resize(ref values, pos);
        return new SparseMatrix(offsets, indices, values, NumFeatures);
    }

    /// <summary>
    /// Hashes one example given as field → value, for online serving. Strings, integers, booleans, chars and enums
    /// are categorical; float, double and decimal are numeric; null is missing. Produces the same row as
    /// <see cref="Transform(IReadOnlyList{FeatureColumn}, FeatureCrosses?)"/> would for columns built from these values
    /// with <see cref="FeatureColumn.Categorical{T}"/> / <see cref="FeatureColumn.Numeric"/>.
    /// </summary>
    public SparseVector TransformRow(IReadOnlyDictionary<string, object?> fields, FeatureCrosses? crosses = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var entries = new List<(int, float)>();
        var parsed = new Dictionary<string, (string? Label, double Number)>(); // Label null => numeric
        foreach (var (field, value) in fields)
        {
            if (value is null) continue;
            if (value is float or double or decimal)
            {
                double x = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (double.IsNaN(x)) continue;
                parsed[field] = (null, x);
                var (i, s) = Locate(field);
                if (x != 0) entries.Add((i, (float)(s * x)));
            }
            else
            {
                string label = FormatCategory(value);
                parsed[field] = (label, 1);
                var (i, s) = Locate(Token(field, label));
                entries.Add((i, s));
            }
        }
        if (crosses is not null)
        {
            foreach (var (a, b) in crosses.Pairs)
            {
                if (!parsed.TryGetValue(a, out var va) || !parsed.TryGetValue(b, out var vb)) continue;
                string token = FeatureCrosses.CrossToken(a, va.Label, b, vb.Label);
                double x = (va.Label is null ? va.Number : 1) * (vb.Label is null ? vb.Number : 1);
                if (x == 0) continue;
                var (i, s) = Locate(token);
                entries.Add((i, (float)(s * x)));
            }
        }
        var idx = new int[entries.Count];
        var val = new float[entries.Count];
        for (int k = 0; k < entries.Count; k++) (idx[k], val[k]) = entries[k];
        int n = SortAndMerge(idx, val, entries.Count);
        var values = new double[n];
        for (int k = 0; k < n; k++) values[k] = val[k];
        return new SparseVector(NumFeatures, idx[..n], values);
    }

    /// <summary>
    /// The distinct tokens these columns (and crosses) produce — the "vocabulary" hashing saves us from storing;
    /// its size against 2^<see cref="Bits"/> decides how many collisions to expect.
    /// </summary>
    public IReadOnlyList<string> DistinctTokens(IReadOnlyList<FeatureColumn> columns, FeatureCrosses? crosses = null)
    {
        var plan = Plan(columns, crosses);
        var tokens = new List<string>();
        foreach (var c in columns)
        {
            if (c.IsNumeric) tokens.Add(c.Name);
            else foreach (var label in c.Labels!) tokens.Add(Token(c.Name, label));
        }
        foreach (var x in plan.Crosses) tokens.AddRange(x.DistinctTokens());
        return tokens;
    }

    /// <summary>Counts how the distinct <paramref name="tokens"/> spread over the 2^<see cref="Bits"/> buckets.</summary>
    public HashCollisionReport Collisions(IEnumerable<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var distinct = new HashSet<string>(tokens, StringComparer.Ordinal);
        var perBucket = new Dictionary<int, int>();
        foreach (var t in distinct)
        {
            int i = IndexOf(t);
            perBucket[i] = perBucket.GetValueOrDefault(i) + 1;
        }
        int colliding = 0;
        foreach (var count in perBucket.Values) if (count > 1) colliding += count;
        return new HashCollisionReport(distinct.Count, NumFeatures, perBucket.Count, colliding);
    }

    /// <summary>Collision statistics for the tokens these columns (and crosses) actually produce.</summary>
    public HashCollisionReport Collisions(IReadOnlyList<FeatureColumn> columns, FeatureCrosses? crosses = null) =>
        Collisions(DistinctTokens(columns, crosses));

    /// <summary>
    /// The expected fraction of <paramref name="distinctTokens"/> tokens that share a bucket with another, if the hash
    /// were uniformly random: 1 − (1 − 1/m)^(n−1) with m = 2^<paramref name="bits"/>. E.g. n = 2, bits = 1 gives 0.5;
    /// 10^6 tokens in 2^20 buckets gives about 0.61 — why CTR systems use 2^24 or more.
    /// </summary>
    public static double ExpectedCollisionRate(long distinctTokens, int bits)
    {
        if (distinctTokens < 0) throw new ArgumentOutOfRangeException(nameof(distinctTokens), distinctTokens, "distinctTokens must be non-negative.");
        if (bits is < 1 or > 62) throw new ArgumentOutOfRangeException(nameof(bits), bits, "bits must be between 1 and 62.");
        if (distinctTokens <= 1) return 0;
        double x = -1 / Math.Pow(2, bits);
        // log(1 + x) by its series when x is tiny: Math.Log(1 + x) would lose every digit of x once 1 + x rounds.
        double log1p = Math.Abs(x) < 1e-4 ? x - x * x / 2 + x * x * x / 3 : Math.Log(1 + x);
        return 1 - Math.Exp((distinctTokens - 1) * log1p);
    }

    /// <summary>E.g. <c>FeatureHasher(2^18 buckets, unsigned, seed 0)</c>.</summary>
    public override string ToString() =>
        $"FeatureHasher(2^{Bits} buckets, {(Signed ? "signed" : "unsigned")}, seed {Seed}{(_mapping == HashColumnMapping.ScikitLearn ? ", scikit-learn columns" : "")})";

    internal static string FormatCategory(object value) => value switch
    {
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Insertion-sorts the first n entries by index and sums duplicates; returns the new count (zeros dropped).</summary>
    private static int SortAndMerge(int[] idx, float[] val, int n)
    {
        for (int i = 1; i < n; i++)
        {
            int ki = idx[i];
            float kv = val[i];
            int j = i - 1;
            while (j >= 0 && idx[j] > ki) { idx[j + 1] = idx[j]; val[j + 1] = val[j]; j--; }
            idx[j + 1] = ki;
            val[j + 1] = kv;
        }
        int m = 0;
        for (int i = 0; i < n; i++)
        {
            if (m > 0 && idx[m - 1] == idx[i]) val[m - 1] += val[i];
            else { idx[m] = idx[i]; val[m] = val[i]; m++; }
        }
        int w = 0;
        for (int i = 0; i < m; i++)
            if (val[i] != 0) { idx[w] = idx[i]; val[w] = val[i]; w++; }
        return w;
    }

    private HashPlan Plan(IReadOnlyList<FeatureColumn> columns, FeatureCrosses? crosses)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0) throw new ArgumentException("columns must contain at least one column.", nameof(columns));
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < columns.Count; c++)
        {
            var col = columns[c] ?? throw new ArgumentException($"column {c} is null.", nameof(columns));
            if (col.Count != columns[0].Count)
                throw new ArgumentException(
                    $"all columns must have the same number of rows ('{columns[0].Name}' has {columns[0].Count}, '{col.Name}' has {col.Count}).", nameof(columns));
            if (!byName.TryAdd(col.Name, c))
                throw new ArgumentException($"column names must be unique ('{col.Name}' appears twice).", nameof(columns));
        }
        var locate = Locate;
        var crossPlans = new List<CrossPlan>();
        if (crosses is not null)
        {
            foreach (var (a, b) in crosses.Pairs)
            {
                if (!byName.TryGetValue(a, out int ia))
                    throw new ArgumentException($"cross ({a}, {b}) names '{a}', which is not among the columns.", nameof(crosses));
                if (!byName.TryGetValue(b, out int ib))
                    throw new ArgumentException($"cross ({a}, {b}) names '{b}', which is not among the columns.", nameof(crosses));
                crossPlans.Add(new CrossPlan(columns[ia], columns[ib], locate));
            }
        }
        return new HashPlan(columns, crossPlans.ToArray(), locate);
    }

    private sealed class HashPlan
    {
        private readonly IReadOnlyList<FeatureColumn> _columns;
        private readonly (int Index, float Sign)[][] _categorical; // per column, per code
        private readonly (int Index, float Sign)[] _numeric;       // per column

        public HashPlan(IReadOnlyList<FeatureColumn> columns, CrossPlan[] crosses, Func<string, (int, float)> locate)
        {
            _columns = columns;
            Crosses = crosses;
            _categorical = new (int, float)[columns.Count][];
            _numeric = new (int, float)[columns.Count];
            for (int c = 0; c < columns.Count; c++)
            {
                var col = columns[c];
                if (col.IsNumeric) { _numeric[c] = locate(col.Name); continue; }
                var table = new (int, float)[col.Labels!.Length];
                for (int k = 0; k < table.Length; k++) table[k] = locate(Token(col.Name, col.Labels[k]));
                _categorical[c] = table;
            }
        }

        public CrossPlan[] Crosses { get; }

        public bool Entry(int c, int r, out int index, out float value)
        {
            var col = _columns[c];
            if (col.IsNumeric)
            {
                double x = col.Numbers![r];
                index = _numeric[c].Index;
                value = (float)(_numeric[c].Sign * x);
                return !double.IsNaN(x) && x != 0;
            }
            int code = col.Codes![r];
            if (code < 0) { index = 0; value = 0; return false; }
            (index, value) = _categorical[c][code];
            return true;
        }
    }

    private sealed class CrossPlan(FeatureColumn a, FeatureColumn b, Func<string, (int, float)> locate)
    {
        // hashed (bucket, sign) per value pair, computed on first sight: a flat table when the pair space is small,
        // a dictionary otherwise (user × ad can have billions of possible pairs)
        private readonly Dictionary<long, (int Index, float Sign)> _cache = new();
        private readonly (int Index, float Sign)[]? _table = (long)a.Cardinality * b.Cardinality <= 1 << 20
            ? Enumerable.Repeat((-1, 0f), a.Cardinality * b.Cardinality).ToArray()
            : null;

        public bool Entry(int r, out int index, out float value)
        {
            double xa = 1, xb = 1;
            int ca = 0, cb = 0;
            if (a.IsNumeric) { xa = a.Numbers![r]; if (double.IsNaN(xa)) { index = 0; value = 0; return false; } }
            else { ca = a.Codes![r]; if (ca < 0) { index = 0; value = 0; return false; } }
            if (b.IsNumeric) { xb = b.Numbers![r]; if (double.IsNaN(xb)) { index = 0; value = 0; return false; } }
            else { cb = b.Codes![r]; if (cb < 0) { index = 0; value = 0; return false; } }
            long key = (long)ca * b.Cardinality + cb;
            (int Index, float Sign) loc;
            if (_table is not null && _table[key].Index >= 0) loc = _table[key];
            else if (_table is null && _cache.TryGetValue(key, out loc)) { }
            else
            {
                loc = locate(FeatureCrosses.CrossToken(a.Name, a.IsNumeric ? null : a.Labels![ca], b.Name, b.IsNumeric ? null : b.Labels![cb]));
                if (_table is not null) _table[key] = loc; else _cache.Add(key, loc);
            }
            index = loc.Index;
            value = (float)(loc.Sign * xa * xb);
            return value != 0;
        }

        public IEnumerable<string> DistinctTokens()
        {
            var seen = new HashSet<long>();
            var tokens = new List<string>();
            for (int r = 0; r < a.Count; r++)
            {
                int ca = 0, cb = 0;
                if (a.IsNumeric) { if (double.IsNaN(a.Numbers![r])) continue; }
                else { ca = a.Codes![r]; if (ca < 0) continue; }
                if (b.IsNumeric) { if (double.IsNaN(b.Numbers![r])) continue; }
                else { cb = b.Codes![r]; if (cb < 0) continue; }
                if (seen.Add((long)ca * b.Cardinality + cb))
                    tokens.Add(FeatureCrosses.CrossToken(a.Name, a.IsNumeric ? null : a.Labels![ca], b.Name, b.IsNumeric ? null : b.Labels![cb]));
            }
            return tokens;
        }
    }
}
