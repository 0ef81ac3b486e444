using System.Globalization;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Mlsd.Features;

namespace Mlsd.Retrieval;

/// <summary>
/// A full-text index scored with Okapi BM25, built on Lucene.Net (the engine under Elasticsearch and Solr) in memory:
/// <see cref="Fit"/> indexes the documents, <see cref="Search"/> returns the best <c>k</c> with their BM25 scores.
/// </summary>
/// <remarks>
/// <para><b>BM25</b> (Robertson &amp; Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond", 2009). For a
/// query of terms t and a document d of length |d| (in terms), with N documents of mean length avgdl, n(t) of
/// which contain t, and tf(t, d) occurrences of t in d, Lucene 4.8's <c>BM25Similarity</c> scores
/// Σ_t idf(t) · tf·(k1 + 1) / (tf + k1·(1 − b + b·|d|/avgdl)), with idf(t) = ln(1 + (N − n + 0.5)/(n + 0.5)),
/// k1 = 1.2 and b = 0.75 by default. Two quirks: N is the index's document count including empty documents, and
/// |d| is stored in one byte (1/√|d| truncated to three significant bits, <c>SmallSingle.SingleToByte315</c>), so only
/// lengths 1, 4, 16, 64 … are kept exactly and the others are scored as a nearby length (3 as 4, 5 as 5.22, 8 as 10.24). Terms of a multi-word query add up (no coordination
/// factor under BM25).</para>
/// <para><b>Analysis.</b> Documents and queries go through the same <see cref="Analyzer"/> (default: our
/// <see cref="TextNormalizer"/> — lower case, accents folded, punctuation removed — then <see cref="StopWords.English"/>
/// removed); the tokens are indexed as they are (Lucene's whitespace analyzer), so what the index holds is exactly
/// what the analyzer printed. Document ids are the positions in the list given to <see cref="Fit"/>.</para>
/// <para>Searching is thread-safe (one <c>IndexSearcher</c>); dispose the index to release its memory.</para>
/// </remarks>
/// <example>
/// <code>
/// using var index = new LuceneBm25Index().Fit(["red boat at sea", "a red door", "the sea"]);
/// Neighbor[] hits = index.Search("red sea", k: 2);   // #0 first: it has both terms
/// </code>
/// </example>
public sealed class LuceneBm25Index : IDisposable
{
    private const string Field = "text";
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private RAMDirectory? _directory;
    private DirectoryReader? _reader;
    private IndexSearcher? _searcher;

    /// <summary>Term-frequency saturation k1 (default 1.2, Lucene's): how fast repeated terms stop adding score.</summary>
    public float K1 { get; init; } = 1.2f;

    /// <summary>Length normalisation b in [0, 1] (default 0.75, Lucene's): 0 ignores document length, 1 divides fully by it.</summary>
    public float B { get; init; } = 0.75f;

    /// <summary>Turns a document or a query into index terms (default: normalise, tokenise, drop English stop words).</summary>
    public Func<string, IReadOnlyList<string>> Analyzer { get; init; } = DefaultAnalyzer;

    /// <summary>Number of documents indexed (0 before <see cref="Fit"/>).</summary>
    public int Count { get; private set; }

    /// <summary>Number of distinct terms in the index (the size of the inverted index's dictionary).</summary>
    public long TermCount { get; private set; }

    /// <summary>The default analyzer: <see cref="Tokenizer.Tokenize"/> (normalised words), English stop words removed.</summary>
    public static IReadOnlyList<string> DefaultAnalyzer(string text) => StopWords.Remove(Tokenizer.Tokenize(text));

    /// <summary>Indexes <paramref name="documents"/> (replacing any earlier index); document i gets id i.</summary>
    /// <returns>This index, ready to search.</returns>
    public LuceneBm25Index Fit(IReadOnlyList<string> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        if (!(K1 >= 0 && float.IsFinite(K1))) throw new ArgumentOutOfRangeException(nameof(K1), K1, "K1 must be finite and ≥ 0.");
        if (!(B >= 0 && B <= 1)) throw new ArgumentOutOfRangeException(nameof(B), B, "B must be in [0, 1].");
        ReleaseIndex();
        var directory = new RAMDirectory();
        var config = new IndexWriterConfig(Version, new WhitespaceAnalyzer(Version))
        {
            Similarity = new BM25Similarity(K1, B),
            OpenMode = OpenMode.CREATE,
            RAMBufferSizeMB = 256,
            MergePolicy = NoMergePolicy.NO_COMPOUND_FILES,   // one segment, documents in insertion order
        };
        using (var writer = new IndexWriter(directory, config))
        {
            for (int i = 0; i < documents.Count; i++)
            {
                if (documents[i] is null) throw new ArgumentException($"documents[{i}] is null.", nameof(documents));
                var doc = new Document { new TextField(Field, string.Join(' ', Analyzer(documents[i])), Lucene.Net.Documents.Field.Store.NO) };
                writer.AddDocument(doc);
            }
            writer.Commit();
        }
        _directory = directory;
        _reader = DirectoryReader.Open(directory);
        _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity(K1, B) };
        Count = documents.Count;
        TermCount = _reader.Leaves.Sum(l => l.AtomicReader.GetTerms(Field)?.Count ?? 0);
        return this;
    }

    /// <summary>The <paramref name="k"/> documents with the highest BM25 score for <paramref name="query"/>, best first
    /// (ties by lower id); only documents sharing at least one term with the query are returned.</summary>
    public Neighbor[] Search(string query, int k)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be at least 1.");
        var searcher = _searcher ?? throw new InvalidOperationException("The index is empty: call Fit first.");
        var terms = Analyzer(query);
        if (terms.Count == 0) return [];
        var top = searcher.Search(QueryOf(terms), Math.Min(k, Math.Max(Count, 1)));
        var hits = new Neighbor[top.ScoreDocs.Length];
        for (int i = 0; i < hits.Length; i++) hits[i] = new Neighbor(top.ScoreDocs[i].Doc, top.ScoreDocs[i].Score);
        return hits;
    }

    /// <summary>The BM25 score of every document for <paramref name="query"/>, indexed by document id (0 for a document
    /// sharing no term with it): exact ranks over the whole collection, for offline evaluation. It reads only the
    /// query terms' posting lists, like <see cref="Search"/>, but keeps no top-k heap.</summary>
    public float[] ScoreAll(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var searcher = _searcher ?? throw new InvalidOperationException("The index is empty: call Fit first.");
        var scores = new float[Count];
        var terms = Analyzer(query);
        if (terms.Count == 0) return scores;
        searcher.Search(QueryOf(terms), new AllScores(scores));
        return scores;
    }

    /// <summary>Number of indexed documents containing <paramref name="term"/> (after analysis): n(t) of the formula.</summary>
    public int DocumentFrequency(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        var reader = _reader ?? throw new InvalidOperationException("The index is empty: call Fit first.");
        return reader.DocFreq(new Term(Field, term));
    }

    /// <summary>"LuceneBm25Index: 4,284 documents, 5,120 terms, k1 = 1.2, b = 0.75".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"LuceneBm25Index: {Count:N0} documents, {TermCount:N0} terms, k1 = {K1}, b = {B}");

    /// <summary>Releases the in-memory index.</summary>
    public void Dispose() => ReleaseIndex();

    /// <summary>One optional clause per distinct term: a document matches if it has any, and its clauses' scores add.</summary>
    private static BooleanQuery QueryOf(IReadOnlyList<string> terms)
    {
        var boolean = new BooleanQuery();
        foreach (var term in terms.Distinct()) boolean.Add(new TermQuery(new Term(Field, term)), Occur.SHOULD);
        return boolean;
    }

    /// <summary>Writes every matching document's score into an array indexed by (global) document id.</summary>
    private sealed class AllScores(float[] scores) : ICollector
    {
        private Scorer? _scorer;
        private int _docBase;

        public bool AcceptsDocsOutOfOrder => true;

        public void SetScorer(Scorer scorer) => _scorer = scorer;

        public void SetNextReader(AtomicReaderContext context) => _docBase = context.DocBase;

        public void Collect(int doc) => scores[_docBase + doc] = _scorer!.GetScore();
    }

    private void ReleaseIndex()
    {
        _reader?.Dispose();
        _directory?.Dispose();
        _reader = null;
        _directory = null;
        _searcher = null;
        Count = 0;
        TermCount = 0;
    }
}
