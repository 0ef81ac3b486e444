using System.Globalization;
using System.Runtime.InteropServices;

namespace Mlsd.Features;

/// <summary>
/// A token ↔ index map learned from a corpus, keeping tokens that occur in at least
/// <see cref="MinDocumentFrequency"/> documents (rare tokens are mostly typos and identifiers and overfit) and
/// at most <see cref="MaxSize"/> tokens (the most frequent). Indices follow ordinal token order, as in
/// scikit-learn's CountVectorizer. The alternative that needs no vocabulary is the hashing trick.
/// </summary>
public sealed class Vocabulary
{
    private Dictionary<string, int>? _index;
    private string[] _tokens = [];

    /// <summary>Minimum number of documents a token must appear in (scikit-learn's integer <c>min_df</c>).</summary>
    public int MinDocumentFrequency { get; init; } = 1;

    /// <summary>Keep only this many tokens, by total count in the corpus (ties: ordinal order); null = no limit.</summary>
    public int? MaxSize { get; init; }

    /// <summary>Tokens by index.</summary>
    public IReadOnlyList<string> Tokens => _tokens;

    /// <summary>Number of tokens kept.</summary>
    public int Count => _tokens.Length;

    /// <summary>Documents containing each kept token (by index).</summary>
    public int[] DocumentFrequency { get; private set; } = [];

    /// <summary>Total occurrences of each kept token (by index).</summary>
    public long[] TermFrequency { get; private set; } = [];

    /// <summary>Number of documents seen by <see cref="Fit"/>.</summary>
    public int DocumentCount { get; private set; }

    /// <summary>Learns the vocabulary from tokenised documents.</summary>
    public Vocabulary Fit(IEnumerable<IReadOnlyList<string>> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        if (MinDocumentFrequency < 1) throw new ArgumentOutOfRangeException(nameof(MinDocumentFrequency), MinDocumentFrequency, "MinDocumentFrequency must be at least 1.");
        if (MaxSize is < 1) throw new ArgumentOutOfRangeException(nameof(MaxSize), MaxSize, "MaxSize must be at least 1 (or null).");
        // One hash lookup per token: map each distinct token to a dense id, count per id.
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var tf = new List<long>();
        var df = new List<int>();
        var lastDoc = new List<int>();
        int docs = 0;
        foreach (var doc in documents)
        {
            foreach (var token in doc)
            {
                ref int id = ref CollectionsMarshal.GetValueRefOrAddDefault(ids, token, out bool exists);
                if (!exists)
                {
                    id = tf.Count;
                    tf.Add(0);
                    df.Add(0);
                    lastDoc.Add(-1);
                }
                tf[id]++;
                if (lastDoc[id] != docs)
                {
                    lastDoc[id] = docs;
                    df[id]++;
                }
            }
            docs++;
        }
        var kept = ids.Where(kv => df[kv.Value] >= MinDocumentFrequency).Select(kv => kv.Key).ToList();
        if (MaxSize is int max && kept.Count > max)
            kept = kept.OrderByDescending(t => tf[ids[t]]).ThenBy(t => t, StringComparer.Ordinal).Take(max).ToList();
        kept.Sort(StringComparer.Ordinal);
        _tokens = kept.ToArray();
        _index = new Dictionary<string, int>(_tokens.Length, StringComparer.Ordinal);
        for (int i = 0; i < _tokens.Length; i++) _index[_tokens[i]] = i;
        DocumentFrequency = _tokens.Select(t => df[ids[t]]).ToArray();
        TermFrequency = _tokens.Select(t => tf[ids[t]]).ToArray();
        DocumentCount = docs;
        return this;
    }

    /// <summary>Index of <paramref name="token"/>, or −1 when it is not in the vocabulary.</summary>
    public int IndexOf(string token) => Index.TryGetValue(token, out int i) ? i : -1;

    /// <summary>Whether <paramref name="token"/> is in the vocabulary.</summary>
    public bool Contains(string token) => Index.ContainsKey(token);

    /// <summary>Indices of the known tokens of <paramref name="tokens"/>, in order; unknown tokens are skipped.</summary>
    public int[] Encode(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var ids = new List<int>(tokens.Count);
        foreach (var t in tokens) if (Index.TryGetValue(t, out int i)) ids.Add(i);
        return ids.ToArray();
    }

    /// <summary>A summary with size and the most frequent tokens.</summary>
    public override string ToString()
    {
        if (_index is null) return "vocabulary (not fitted)";
        var top = Enumerable.Range(0, Count).OrderByDescending(i => TermFrequency[i]).ThenBy(i => i).Take(8).Select(i => _tokens[i]);
        return string.Create(CultureInfo.InvariantCulture, $"vocabulary: {Count:N0} tokens from {DocumentCount:N0} documents (most frequent: {string.Join(", ", top)})");
    }

    private Dictionary<string, int> Index => _index ?? throw new InvalidOperationException("The vocabulary is not fitted yet: call Fit first.");
}

/// <summary>
/// TF-IDF features for text: term counts weighted by inverse document frequency, each row L2-normalised —
/// the classic representation for search and text classification baselines.
/// </summary>
/// <remarks>
/// Matches scikit-learn's TfidfVectorizer defaults: tf = raw count (or 1 + ln tf when <see cref="SublinearTf"/>),
/// smooth idf = ln((1 + n) / (1 + df)) + 1 (plain: ln(n / df) + 1), then L2 normalisation.
/// Spärck Jones, "A statistical interpretation of term specificity" (J. Documentation, 1972); Salton &amp; Buckley,
/// "Term-weighting approaches in automatic text retrieval" (1988).
/// </remarks>
public sealed class TfidfVectorizer
{
    private double[]? _idf;

    /// <summary>Text → tokens; default <see cref="Tokenizer.Tokenize"/> (normalise, then words).</summary>
    public Func<string, IReadOnlyList<string>> Tokenizer { get; init; } = Features.Tokenizer.Tokenize;

    /// <summary>Tokens to drop before n-grams are formed (e.g. <see cref="StopWords.English"/>); null keeps all.</summary>
    public IReadOnlySet<string>? StopWords { get; init; }

    /// <summary>Smallest n of word n-grams (1 = single words).</summary>
    public int MinN { get; init; } = 1;

    /// <summary>Largest n of word n-grams (2 adds bigrams).</summary>
    public int MaxN { get; init; } = 1;

    /// <summary>Minimum document frequency of a term (see <see cref="Vocabulary.MinDocumentFrequency"/>).</summary>
    public int MinDocumentFrequency { get; init; } = 1;

    /// <summary>Keep only the most frequent terms; null = all.</summary>
    public int? MaxFeatures { get; init; }

    /// <summary>Use 1 + ln(tf) instead of raw counts (dampens a word repeated many times).</summary>
    public bool SublinearTf { get; init; }

    /// <summary>Smooth idf (add one document containing every term), which avoids division by zero.</summary>
    public bool SmoothIdf { get; init; } = true;

    /// <summary>L2-normalise each row, so cosine similarity is a dot product.</summary>
    public bool Normalize { get; init; } = true;

    /// <summary>The learned vocabulary (after <see cref="Fit"/>).</summary>
    public Vocabulary Vocabulary { get; private set; } = new();

    /// <summary>idf per vocabulary index (after <see cref="Fit"/>).</summary>
    public double[] Idf => _idf ?? throw new InvalidOperationException("The vectorizer is not fitted yet: call Fit first.");

    /// <summary>Terms by feature index.</summary>
    public IReadOnlyList<string> FeatureNames => Vocabulary.Tokens;

    /// <summary>The terms of one document after tokenising, stop-word removal and n-grams.</summary>
    public string[] Analyze(string document)
    {
        ArgumentNullException.ThrowIfNull(document);
        IReadOnlyList<string> tokens = Tokenizer(document);
        if (StopWords is not null) tokens = Features.StopWords.Remove(tokens, StopWords);
        return MinN == 1 && MaxN == 1 ? tokens.ToArray() : Features.Tokenizer.NGrams(tokens, MinN, MaxN);
    }

    /// <summary>Learns vocabulary and idf from <paramref name="documents"/>.</summary>
    public TfidfVectorizer Fit(IReadOnlyList<string> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        return FitAnalyzed(documents.Select(Analyze).ToArray());
    }

    private TfidfVectorizer FitAnalyzed(string[][] analyzed)
    {
        Vocabulary = new Vocabulary { MinDocumentFrequency = MinDocumentFrequency, MaxSize = MaxFeatures }.Fit(analyzed);
        int n = analyzed.Length;
        _idf = new double[Vocabulary.Count];
        for (int i = 0; i < _idf.Length; i++)
        {
            int df = Vocabulary.DocumentFrequency[i];
            _idf[i] = SmoothIdf ? Math.Log((1.0 + n) / (1.0 + df)) + 1 : Math.Log((double)n / df) + 1;
        }
        return this;
    }

    /// <summary>TF-IDF rows for <paramref name="documents"/>; terms outside the vocabulary are ignored.</summary>
    public SparseVector[] Transform(IReadOnlyList<string> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        return TransformAnalyzed(documents.Select(Analyze).ToArray());
    }

    private SparseVector[] TransformAnalyzed(string[][] documents)
    {
        var idf = Idf;
        var rows = new SparseVector[documents.Length];
        var counts = new int[idf.Length];
        var touched = new List<int>();
        for (int d = 0; d < rows.Length; d++)
        {
            touched.Clear();
            foreach (var term in documents[d])
            {
                int i = Vocabulary.IndexOf(term);
                if (i < 0) continue;
                if (counts[i]++ == 0) touched.Add(i);
            }
            touched.Sort();
            var indices = touched.ToArray();
            var values = new double[indices.Length];
            double norm = 0;
            for (int k = 0; k < indices.Length; k++)
            {
                double tf = counts[indices[k]];
                counts[indices[k]] = 0;
                if (SublinearTf) tf = 1 + Math.Log(tf);
                values[k] = tf * idf[indices[k]];
                norm += values[k] * values[k];
            }
            if (Normalize && norm > 0)
            {
                norm = Math.Sqrt(norm);
                for (int k = 0; k < values.Length; k++) values[k] /= norm;
            }
            rows[d] = new SparseVector(idf.Length, indices, values);
        }
        return rows;
    }

    /// <summary><see cref="Fit"/> then <see cref="Transform"/> on the same documents.</summary>
    public SparseVector[] FitTransform(IReadOnlyList<string> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var analyzed = documents.Select(Analyze).ToArray();
        return FitAnalyzed(analyzed).TransformAnalyzed(analyzed);
    }

    /// <summary>A summary of the configuration and vocabulary size.</summary>
    public override string ToString() => _idf is null
        ? "TF-IDF vectorizer (not fitted)"
        : string.Create(CultureInfo.InvariantCulture, $"TF-IDF vectorizer: {Vocabulary.Count:N0} terms, n-grams {MinN}–{MaxN}, {(SmoothIdf ? "smooth" : "plain")} idf, {(Normalize ? "L2" : "no")} norm");
}
