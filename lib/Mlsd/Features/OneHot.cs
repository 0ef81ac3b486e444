namespace Mlsd.Features;

/// <summary>What <see cref="OneHotEncoder"/> does with a category it did not see during Fit.</summary>
public enum UnknownCategory
{
    /// <summary>Throw, naming the value (safest while developing).</summary>
    Error,
    /// <summary>Encode as all zeros (scikit-learn's handle_unknown="ignore").</summary>
    Ignore,
    /// <summary>Put it in an extra "(other)" column, which also receives infrequent categories (what production systems usually do).</summary>
    Bucket,
}

/// <summary>
/// One-hot encoding of a categorical feature: one 0/1 column per category seen in training (ordinal order, as
/// scikit-learn), with explicit handling for categories that show up only at serving time and for rare ones.
/// The right tool for low-cardinality features (country, device); for IDs with millions of values use embeddings
/// or the hashing trick.
/// </summary>
/// <remarks>
/// Categories seen fewer than <see cref="MinFrequency"/> times at Fit are grouped into a final "(other)" column
/// (scikit-learn's min_frequency / infrequent category), which is also where unknown values go under
/// <see cref="UnknownCategory.Bucket"/>.
/// </remarks>
/// <example>Fit on [Paris, Oslo, Paris]: categories [Oslo, Paris]; Transform(Paris) → [0, 1]; Rome with Ignore → [0, 0].</example>
public sealed class OneHotEncoder
{
    /// <summary>The label used for the shared column of infrequent and unknown categories.</summary>
    public const string OtherLabel = "(other)";

    private Dictionary<string, int>? _index;
    private HashSet<string>? _infrequent;
    private string[] _categories = [];

    /// <summary>Unknown-category policy.</summary>
    public UnknownCategory HandleUnknown { get; init; } = UnknownCategory.Error;

    /// <summary>Categories seen fewer times than this at Fit share the "(other)" column (1 = keep all).</summary>
    public int MinFrequency { get; init; } = 1;

    /// <summary>Prefix for <see cref="FeatureNames"/>, e.g. "city" → "city=Paris".</summary>
    public string Name { get; init; } = "x";

    /// <summary>Categories with their own column, in column order.</summary>
    public IReadOnlyList<string> Categories => _index is null ? throw StandardScaler.NotFitted() : _categories;

    /// <summary>Whether an "(other)" column exists (there were infrequent categories, or the policy is Bucket).</summary>
    public bool HasOtherColumn { get; private set; }

    /// <summary>Number of output columns.</summary>
    public int Width => Categories.Count + (HasOtherColumn ? 1 : 0);

    /// <summary>Output column names: "name=category", and "name=(other)" last when present.</summary>
    public string[] FeatureNames =>
        Categories.Select(c => $"{Name}={c}").Concat(HasOtherColumn ? [$"{Name}={OtherLabel}"] : []).ToArray();

    /// <summary>Learns the categories of <paramref name="values"/> (null values are rejected).</summary>
    public OneHotEncoder Fit(IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (MinFrequency < 1) throw new ArgumentOutOfRangeException(nameof(MinFrequency), MinFrequency, "MinFrequency must be at least 1.");
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < values.Count; i++)
        {
            var v = values[i] ?? throw new ArgumentException($"value {i} is null; give missing categories an explicit label such as \"(missing)\".", nameof(values));
            counts[v] = counts.GetValueOrDefault(v) + 1;
        }
        _categories = counts.Where(kv => kv.Value >= MinFrequency).Select(kv => kv.Key).Order(StringComparer.Ordinal).ToArray();
        _infrequent = counts.Where(kv => kv.Value < MinFrequency).Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < _categories.Length; i++) _index[_categories[i]] = i;
        HasOtherColumn = _infrequent.Count > 0 || HandleUnknown == UnknownCategory.Bucket;
        return this;
    }

    /// <summary>
    /// The column index of each value: its category's column, the "(other)" column for infrequent (or, under
    /// Bucket, unknown) values, −1 for unknown values under Ignore. Handy as an embedding-table index.
    /// </summary>
    public int[] TransformIndices(IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var index = _index ?? throw StandardScaler.NotFitted();
        int other = HasOtherColumn ? _categories.Length : -1;
        var result = new int[values.Count];
        for (int i = 0; i < result.Length; i++)
        {
            var v = values[i] ?? throw new ArgumentException($"value {i} is null.", nameof(values));
            if (index.TryGetValue(v, out int c)) result[i] = c;
            else if (_infrequent!.Contains(v)) result[i] = other;
            else result[i] = HandleUnknown switch
            {
                UnknownCategory.Ignore => -1,
                UnknownCategory.Bucket => other,
                _ => throw new ArgumentException(
                    $"value {i} is the unknown category \"{v}\" (seen at Fit: {string.Join(", ", _categories.Take(10))}{(_categories.Length > 10 ? ", …" : "")}); " +
                    "set HandleUnknown to Ignore or Bucket to accept new categories.", nameof(values)),
            };
        }
        return result;
    }

    /// <summary>One row of 0/1 per value (<see cref="Width"/> columns).</summary>
    public double[][] Transform(IReadOnlyList<string> values)
    {
        var indices = TransformIndices(values);
        var rows = new double[indices.Length][];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = new double[Width];
            if (indices[i] >= 0) rows[i][indices[i]] = 1;
        }
        return rows;
    }

    /// <summary>Fit then Transform.</summary>
    public double[][] FitTransform(IReadOnlyList<string> values) => Fit(values).Transform(values);

    /// <summary>The learned columns.</summary>
    public override string ToString() => _index is null ? "OneHotEncoder (not fitted)"
        : $"OneHotEncoder ({HandleUnknown}): {Width} columns [{string.Join(", ", FeatureNames.Take(10))}{(Width > 10 ? ", …" : "")}]";
}
