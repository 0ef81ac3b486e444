using System.Globalization;
using System.Runtime.CompilerServices;

namespace Mlsd.Features;

/// <summary>
/// Bag-of-words text features by the hashing trick: each term (a word, or a word n-gram) goes straight to one of
/// 2^<see cref="Bits"/> columns by a fixed hash, so there is no vocabulary to fit, store or keep in sync between training
/// and serving, and words first seen tomorrow (new slang, a new scam's wording) get a column at once. The price is
/// collisions and columns that cannot be read back as words. Its vocabulary-based counterpart is <see cref="TfidfVectorizer"/>.
/// </summary>
/// <remarks>
/// <para>Matches scikit-learn's <c>HashingVectorizer</c> given the same terms: h = MurmurHash3_x86_32(UTF-8 term, seed 0)
/// read as a signed 32-bit integer; column = |h| mod 2^Bits; with <see cref="AlternateSign"/> the value is −1 when h &lt; 0
/// (colliding terms then cancel in expectation instead of adding up); duplicates in a document are summed, and the row
/// is L2-normalised when <see cref="Normalize"/> is set. Terms come from <see cref="Tokenizer"/> (default: normalise,
/// then words, as scikit-learn's token pattern <c>(?u)\b\w+\b</c> with lower-casing and <c>strip_accents="unicode"</c>)
/// and n-grams joined by one space.</para>
/// <para>Reference: Weinberger, Dasgupta, Langford, Smola &amp; Attenberg, "Feature Hashing for Large Scale Multitask
/// Learning", ICML 2009.</para>
/// </remarks>
/// <example>
/// With 2^4 columns, no sign and no normalisation, "win free money win" hashes "win" twice, "free" and "money" once:
/// a row with 3 non-zeros summing to 4 (or 2, if two of the terms collide).
/// <code>
/// var x = new HashingVectorizer { Bits = 18, MaxN = 2 }.Transform(texts);   // SparseMatrix, 262,144 columns
/// </code>
/// </example>
public sealed class HashingVectorizer
{
    private readonly int _bits = 18;
    private readonly int _minN = 1, _maxN = 1;

    /// <summary>The number of hash bits b; there are 2^b columns. 1–30, default 18.</summary>
    public int Bits
    {
        get => _bits;
        init => _bits = value is >= 1 and <= 30 ? value : throw new ArgumentOutOfRangeException(nameof(Bits), value, "Bits must be between 1 and 30.");
    }

    /// <summary>Smallest n of word n-grams (default 1).</summary>
    public int MinN
    {
        get => _minN;
        init => _minN = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MinN), value, "MinN must be at least 1.");
    }

    /// <summary>Largest n of word n-grams (default 1; 2 adds bigrams). Must be at least <see cref="MinN"/>.</summary>
    public int MaxN
    {
        get => _maxN;
        init => _maxN = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxN), value, "MaxN must be at least 1.");
    }

    /// <summary>Multiply by −1 the terms whose signed hash is negative (default true, as scikit-learn).</summary>
    public bool AlternateSign { get; init; } = true;

    /// <summary>L2-normalise each row (default true).</summary>
    public bool Normalize { get; init; } = true;

    /// <summary>Text → tokens; default <see cref="Features.Tokenizer.Tokenize"/>.</summary>
    public Func<string, IReadOnlyList<string>> Tokenizer { get; init; } = Features.Tokenizer.Tokenize;

    /// <summary>Tokens dropped before n-grams are formed; null keeps all.</summary>
    public IReadOnlySet<string>? StopWords { get; init; }

    /// <summary>The number of columns, 2^<see cref="Bits"/>.</summary>
    public int NumFeatures => 1 << _bits;

    /// <summary>The column of one term (a word or space-joined n-gram).</summary>
    public int IndexOf(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        return Locate(term).Index;
    }

    /// <summary>The terms of one document after tokenising, stop-word removal and n-grams, in scikit-learn's order (by n, then position).</summary>
    public string[] Analyze(string document)
    {
        ArgumentNullException.ThrowIfNull(document);
        CheckRange();
        IReadOnlyList<string> tokens = Tokenizer(document) ?? throw new InvalidOperationException("Tokenizer returned null.");
        if (StopWords is not null) tokens = Features.StopWords.Remove(tokens, StopWords);
        if (_minN == 1 && _maxN == 1) return tokens as string[] ?? tokens.ToArray();
        var terms = new List<string>();
        for (int n = _minN; n <= _maxN; n++)
            for (int i = 0; i + n <= tokens.Count; i++)
                terms.Add(n == 1 ? tokens[i] : n == 2 ? string.Concat(tokens[i], " ", tokens[i + 1]) : string.Join(' ', tokens.Skip(i).Take(n)));
        return terms.ToArray();
    }

    /// <summary>The column of every term of <paramref name="document"/>, in term order (repeats kept): the ids an
    /// embedding bag pools, with no vocabulary in between.</summary>
    public int[] Buckets(string document)
    {
        var terms = Analyze(document);
        var ids = new int[terms.Length];
        for (int i = 0; i < ids.Length; i++) ids[i] = Locate(terms[i]).Index;
        return ids;
    }

    /// <summary>One sparse row of 2^<see cref="Bits"/> columns per document.</summary>
    /// <exception cref="ArgumentException"><paramref name="documents"/> is empty or holds null.</exception>
    [MethodImpl(Jit.Hot)]
    public SparseMatrix Transform(IReadOnlyList<string> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        if (documents.Count == 0) throw new ArgumentException("documents must contain at least one document.", nameof(documents));
        var offsets = new int[documents.Count + 1];
        var indices = new List<int>();
        var values = new List<float>();
        var row = new Dictionary<int, float>();
        for (int d = 0; d < documents.Count; d++)
        {
            var doc = documents[d] ?? throw new ArgumentException($"documents[{d}] is null.", nameof(documents));
            row.Clear();
            foreach (var term in Analyze(doc))
            {
                var (index, sign) = Locate(term);
                row[index] = row.GetValueOrDefault(index) + sign;
            }
            var keys = row.Where(kv => kv.Value != 0).Select(kv => kv.Key).ToArray();
            Array.Sort(keys);
            double norm = 0;
            foreach (int k in keys) norm += (double)row[k] * row[k];
            float scale = Normalize && norm > 0 ? (float)(1 / Math.Sqrt(norm)) : 1f;
            foreach (int k in keys)
            {
                indices.Add(k);
                values.Add(row[k] * scale);
            }
            offsets[d + 1] = indices.Count;
        }
        return new SparseMatrix(offsets, [.. indices], [.. values], NumFeatures);
    }

    /// <summary>"HashingVectorizer(2^18 columns, n-grams 1–2, signed, L2)".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"HashingVectorizer(2^{Bits} columns, n-grams {_minN}–{_maxN}, {(AlternateSign ? "signed" : "unsigned")}, {(Normalize ? "L2" : "no norm")})");

    private (int Index, float Sign) Locate(string term)
    {
        int h = unchecked((int)MurmurHash3.Hash32(term));
        int index = (int)((uint)Math.Abs((long)h) % (uint)NumFeatures);
        return (index, AlternateSign && h < 0 ? -1f : 1f);
    }

    private void CheckRange()
    {
        if (_maxN < _minN) throw new InvalidOperationException($"MaxN ({_maxN}) must be at least MinN ({_minN}).");
    }
}
