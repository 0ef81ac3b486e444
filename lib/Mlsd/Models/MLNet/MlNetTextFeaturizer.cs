using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;
using Mlsd.Features;

namespace Mlsd.Models;

/// <summary>
/// ML.NET's text featurizer (<c>mlContext.Transforms.Text.FeaturizeText</c>) in our shape — configure, <c>Fit</c> on
/// training texts, <c>Transform</c> to one of our <see cref="SparseMatrix"/> rows per text — so its features go into our
/// models, ML.NET's trainers (<see cref="MlNetClassifier"/>) and our metrics side by side with
/// <see cref="TfidfVectorizer"/> and <see cref="HashingVectorizer"/>.
/// </summary>
/// <remarks>
/// <para>FeaturizeText is a pipeline in one call: normalise the text (lower case, drop diacritics and punctuation, keep
/// numbers), split into words, optionally drop English stop words, then build two dictionaries learned on the training
/// texts — word n-grams up to <see cref="WordNgramLength"/> and character n-grams of <see cref="CharNgramLength"/> (over
/// the normalised text, spaces included, which makes them robust to misspellings and to words split oddly) — count
/// them, weight them (TF or TF-IDF), concatenate and L2-normalise the row. Slot names say which n-gram each column is
/// (<see cref="FeatureNames"/>): words as "w.…", characters as "t.…".</para>
/// <para>Deterministic: the dictionaries follow the order of the training texts, and the context is seeded.
/// Reference: ML.NET documentation, <c>TextFeaturizingEstimator</c>.</para>
/// </remarks>
/// <example>
/// <code>
/// var text = new MlNetTextFeaturizer { WordNgramLength = 2, CharNgramLength = 3 }.Fit(trainTexts);
/// SparseMatrix xTrain = text.Transform(trainTexts), xTest = text.Transform(testTexts);
/// </code>
/// </example>
public sealed class MlNetTextFeaturizer
{
    private readonly int _wordNgrams = 2, _charNgrams = 3;
    private MLContext? _context;
    private ITransformer? _model;
    private string[] _names = [];

    /// <summary>Longest word n-gram (all lengths 1…n are kept); 0 turns word n-grams off. Default 2.</summary>
    public int WordNgramLength
    {
        get => _wordNgrams;
        init => _wordNgrams = value is >= 0 and <= 5 ? value : throw new ArgumentOutOfRangeException(nameof(WordNgramLength), value, "WordNgramLength must be between 0 and 5.");
    }

    /// <summary>Length of the character n-grams (only this length); 0 turns them off. Default 3.</summary>
    public int CharNgramLength
    {
        get => _charNgrams;
        init => _charNgrams = value is >= 0 and <= 8 ? value : throw new ArgumentOutOfRangeException(nameof(CharNgramLength), value, "CharNgramLength must be between 0 and 8.");
    }

    /// <summary>Weight counts by inverse document frequency (default true); false keeps plain term frequencies.</summary>
    public bool TfIdf { get; init; } = true;

    /// <summary>Remove ML.NET's English stop words before word n-grams (default false).</summary>
    public bool RemoveStopWords { get; init; }

    /// <summary>Seed of the ML.NET context (default 1).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Whether <see cref="Fit"/> has run.</summary>
    public bool IsFitted => _model is not null;

    /// <summary>Number of output columns (word plus character n-grams in the dictionaries).</summary>
    public int FeatureCount => _names.Length;

    /// <summary>The n-gram of each column ("w.free", "w.click|here", "t.<c>fr</c>e"), in column order.</summary>
    public IReadOnlyList<string> FeatureNames => _names;

    /// <summary>Learns the n-gram dictionaries (and document frequencies) from <paramref name="texts"/>.</summary>
    /// <exception cref="ArgumentException">No texts, a null text, or both n-gram kinds turned off.</exception>
    public MlNetTextFeaturizer Fit(IReadOnlyList<string> texts)
    {
        CheckTexts(texts);
        if (_wordNgrams == 0 && _charNgrams == 0)
            throw new ArgumentException("Turn on word or character n-grams (WordNgramLength or CharNgramLength above 0).", nameof(texts));
        var context = new MLContext(Seed);
        var weighting = TfIdf ? NgramExtractingEstimator.WeightingCriteria.TfIdf : NgramExtractingEstimator.WeightingCriteria.Tf;
        var options = new TextFeaturizingEstimator.Options
        {
            CaseMode = TextNormalizingEstimator.CaseMode.Lower,
            KeepDiacritics = false,
            KeepPunctuations = false,
            KeepNumbers = true,
            Norm = TextFeaturizingEstimator.NormFunction.L2,
            WordFeatureExtractor = _wordNgrams == 0 ? null
                : new WordBagEstimator.Options { NgramLength = _wordNgrams, UseAllLengths = true, Weighting = weighting },
            CharFeatureExtractor = _charNgrams == 0 ? null
                : new WordBagEstimator.Options { NgramLength = _charNgrams, UseAllLengths = false, Weighting = weighting },
            StopWordsRemoverOptions = RemoveStopWords
                ? new StopWordsRemovingEstimator.Options { Language = TextFeaturizingEstimator.Language.English }
                : null,
        };
        var model = context.Transforms.Text.FeaturizeText(MlNetData.Features, options, TextColumn).Fit(new TextView(texts));
        var column = model.GetOutputSchema(TextView.BuildSchema())[MlNetData.Features];
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        int width = column.Type is VectorDataViewType v ? v.Size : 0;
        _names = new string[width];
        if (column.HasSlotNames())
        {
            column.GetSlotNames(ref names);
            var dense = names.DenseValues().ToArray();
            for (int i = 0; i < width; i++) _names[i] = i < dense.Length ? dense[i].ToString() : "";
        }
        (_context, _model) = (context, model);
        return this;
    }

    /// <summary>One L2-normalised sparse row per text; n-grams not in the training dictionaries are ignored.</summary>
    /// <exception cref="InvalidOperationException">Not fitted.</exception>
    /// <exception cref="ArgumentException">No texts or a null text.</exception>
    public SparseMatrix Transform(IReadOnlyList<string> texts)
    {
        if (_model is null || _context is null) throw new InvalidOperationException("Call Fit before Transform.");
        CheckTexts(texts);
        var scored = _model.Transform(new TextView(texts));
        var column = scored.Schema[MlNetData.Features];
        int width = _names.Length;
        var offsets = new int[texts.Count + 1];
        var indices = new List<int>();
        var values = new List<float>();
        using var cursor = scored.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        var buffer = default(VBuffer<float>);
        int row = 0;
        while (cursor.MoveNext())
        {
            getter(ref buffer);
            var v = buffer.GetValues();
            if (buffer.IsDense)
            {
                for (int i = 0; i < v.Length; i++)
                    if (v[i] != 0) { indices.Add(i); values.Add(v[i]); }
            }
            else
            {
                var idx = buffer.GetIndices();
                for (int i = 0; i < v.Length; i++)
                    if (v[i] != 0) { indices.Add(idx[i]); values.Add(v[i]); }
            }
            offsets[++row] = indices.Count;
        }
        return new SparseMatrix(offsets, [.. indices], [.. values], width);
    }

    /// <summary>"ML.NET FeaturizeText: words 1–2 + char 3-grams, TF-IDF, 41,202 columns".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"ML.NET FeaturizeText: {(_wordNgrams switch { 0 => "no words", 1 => "words", _ => $"words 1–{_wordNgrams}" })} + {(_charNgrams > 0 ? $"char {_charNgrams}-grams" : "no chars")}, " +
        $"{(TfIdf ? "TF-IDF" : "TF")}{(IsFitted ? $", {FeatureCount:N0} columns" : " (not fitted)")}");

    private const string TextColumn = "Text";

    private static void CheckTexts(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0) throw new ArgumentException("texts must contain at least one text.", nameof(texts));
        for (int i = 0; i < texts.Count; i++)
            if (texts[i] is null) throw new ArgumentException($"texts[{i}] is null.", nameof(texts));
    }

    /// <summary>A one-column <see cref="IDataView"/> ("Text") read straight from a list of strings.</summary>
    private sealed class TextView(IReadOnlyList<string> texts) : IDataView
    {
        private static readonly DataViewSchema s_schema = BuildSchema();

        public bool CanShuffle => false;

        public DataViewSchema Schema => s_schema;

        public long? GetRowCount() => texts.Count;

        public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(this);

        public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [new Cursor(this)];

        private IReadOnlyList<string> Texts => texts;

        internal static DataViewSchema BuildSchema()
        {
            var builder = new DataViewSchema.Builder();
            builder.AddColumn(TextColumn, TextDataViewType.Instance);
            return builder.ToSchema();
        }

        private sealed class Cursor(TextView view) : DataViewRowCursor
        {
            private long _position = -1;

            public override DataViewSchema Schema => s_schema;

            public override long Position => _position;

            public override long Batch => 0;

            public override bool IsColumnActive(DataViewSchema.Column column) => true;

            public override bool MoveNext()
            {
                if (_position + 1 >= view.Texts.Count) return false;
                _position++;
                return true;
            }

            public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);

            public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
            {
                if (column.Index != 0 || typeof(TValue) != typeof(ReadOnlyMemory<char>))
                    throw new InvalidOperationException($"Column '{column.Name}' has no getter of type {typeof(TValue).Name}.");
                ValueGetter<ReadOnlyMemory<char>> text = (ref ReadOnlyMemory<char> value) => value = view.Texts[(int)_position].AsMemory();
                return (ValueGetter<TValue>)(Delegate)text;
            }
        }
    }
}
