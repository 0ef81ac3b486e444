using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace Mlsd.Retrieval;

/// <summary>
/// What every nearest-neighbour index here shares: fixed <see cref="Dimension"/> and <see cref="Metric"/>,
/// <c>Add</c>/<c>AddRange</c> of (id, vector) pairs, and <c>Search</c> for the k most similar items, best first.
/// </summary>
/// <remarks>
/// <para>The base class owns input checking so that the three indexes fail identically on bad input: a vector of
/// the wrong length, one holding NaN or infinity, a zero vector under cosine, a duplicate id, or k &lt; 1 all throw
/// an <see cref="ArgumentException"/> naming the argument. It also owns cosine normalisation (at add time and at
/// query time), so the concrete indexes only ever see vectors whose dot product <em>is</em> the score.</para>
/// <para>Threading: <c>Search</c>/<c>SearchBatch</c> may run concurrently with each other, but not with
/// <c>Add</c>/<c>AddRange</c> (the usual single-writer rule of ANN libraries).</para>
/// </remarks>
public abstract class VectorIndex
{
    private const int StackFloats = 512;
    private readonly HashSet<int> _ids = [];

    private protected VectorIndex(int dimension, SimilarityMetric metric)
    {
        if (dimension < 1)
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "dimension must be at least 1.");
        if (!Enum.IsDefined(metric))
            throw new ArgumentOutOfRangeException(nameof(metric), metric, "metric must be DotProduct or Cosine.");
        Dimension = dimension;
        Metric = metric;
    }

    /// <summary>Length every added vector and every query must have.</summary>
    public int Dimension { get; }

    /// <summary>How items are scored against a query.</summary>
    public SimilarityMetric Metric { get; }

    /// <summary>Number of items in the index.</summary>
    public int Count => _ids.Count;

    /// <summary>True when an item with this id has been added.</summary>
    public bool Contains(int id) => _ids.Contains(id);

    /// <summary>Adds one item. Ids are the caller's (row numbers, item ids…) and must be unique within the index.</summary>
    /// <exception cref="ArgumentException">Wrong length, NaN/infinity, zero vector under cosine, or an id already present.</exception>
    public void Add(int id, ReadOnlySpan<float> vector)
    {
        Span<float> scratch = Dimension <= StackFloats ? stackalloc float[StackFloats] : new float[Dimension];
        ReadOnlySpan<float> prepared = Prepare(vector, scratch, nameof(vector));
        if (_ids.Contains(id))
            throw new ArgumentException($"id {id} is already in the index; ids must be unique.", nameof(id));
        EnsureCanAdd();
        Reserve(Count + 1);
        AddCore(id, prepared);
        _ids.Add(id);
    }

    /// <summary>
    /// Adds items with consecutive ids <paramref name="firstId"/>, <paramref name="firstId"/>+1, … in list order.
    /// Without <paramref name="firstId"/> numbering continues from <see cref="Count"/>, so a fresh index gets row
    /// numbers 0..n−1 and a later batch carries on where the last one stopped.
    /// </summary>
    public void AddRange(IReadOnlyList<float[]> vectors, int? firstId = null)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        int first = firstId ?? Count;
        var ids = new int[vectors.Count];
        for (int i = 0; i < ids.Length; i++) ids[i] = checked(first + i);
        AddRange(ids, vectors);
    }

    /// <summary>
    /// Adds <paramref name="vectors"/>[i] under <paramref name="ids"/>[i]. Everything is checked before anything is
    /// added, so a bad row leaves the index unchanged.
    /// </summary>
    public void AddRange(IReadOnlyList<int> ids, IReadOnlyList<float[]> vectors)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(vectors);
        if (ids.Count != vectors.Count)
            throw new ArgumentException($"ids and vectors must have the same length (got {ids.Count} and {vectors.Count}).", nameof(ids));
        var batch = new HashSet<int>(ids.Count);
        for (int i = 0; i < ids.Count; i++)
        {
            CheckVector(vectors[i], $"vectors[{i}]", nameof(vectors));
            if (_ids.Contains(ids[i]) || !batch.Add(ids[i]))
                throw new ArgumentException($"ids[{i}] = {ids[i]} is already in the index or repeated in ids; ids must be unique.", nameof(ids));
        }
        EnsureCanAdd();
        Reserve(Count + ids.Count);
        int d = Dimension, chunk = Math.Min(ids.Count, Math.Max(256, (1 << 22) / d));
        var prepared = new float[chunk * d];
        var chunkIds = new int[chunk];
        for (int start = 0; start < ids.Count; start += chunk)
        {
            int n = Math.Min(chunk, ids.Count - start);
            for (int i = 0; i < n; i++)
            {
                Span<float> row = prepared.AsSpan(i * d, d);
                Prepare(vectors[start + i], row, nameof(vectors)).CopyTo(row);
                chunkIds[i] = ids[start + i];
            }
            AddBatchCore(chunkIds.AsSpan(0, n), prepared);
            for (int i = 0; i < n; i++) _ids.Add(chunkIds[i]);
        }
    }

    /// <summary>The (at most) <paramref name="k"/> most similar items to <paramref name="query"/>, best first; ties go to the smaller id.</summary>
    /// <exception cref="ArgumentException">Wrong length, NaN/infinity, zero query under cosine, or k &lt; 1.</exception>
    public Neighbor[] Search(ReadOnlySpan<float> query, int k)
    {
        CheckK(k);
        Span<float> scratch = Dimension <= StackFloats ? stackalloc float[StackFloats] : new float[Dimension];
        ReadOnlySpan<float> prepared = Prepare(query, scratch, nameof(query));
        return Count == 0 ? [] : SearchCore(prepared, k);
    }

    /// <summary>
    /// <see cref="Search(ReadOnlySpan{float}, int)"/> for many queries. With <paramref name="maxDegreeOfParallelism"/>
    /// above 1 the queries are spread over threads; each answer is computed independently, so results do not depend
    /// on scheduling.
    /// </summary>
    public Neighbor[][] SearchBatch(IReadOnlyList<float[]> queries, int k, int maxDegreeOfParallelism = 1) =>
        SearchBatchWith(queries, k, maxDegreeOfParallelism, search: null);

    /// <summary>Searches one checked, prepared query for its k best (the per-call settings captured by the caller).</summary>
    private protected delegate Neighbor[] QuerySearch(ReadOnlySpan<float> query, int k);

    /// <summary>
    /// The checks and bookkeeping of every batch search; <paramref name="search"/> answers one query (null: the
    /// index's own batch path, <see cref="SearchBatchCore"/>).
    /// </summary>
    private protected Neighbor[][] SearchBatchWith(IReadOnlyList<float[]> queries, int k, int maxDegreeOfParallelism, QuerySearch? search)
    {
        ArgumentNullException.ThrowIfNull(queries);
        CheckK(k);
        if (maxDegreeOfParallelism < 1)
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "maxDegreeOfParallelism must be at least 1.");
        for (int i = 0; i < queries.Count; i++) CheckVector(queries[i], $"queries[{i}]", nameof(queries));
        var results = new Neighbor[queries.Count][];
        if (Count == 0)
        {
            for (int i = 0; i < results.Length; i++) results[i] = [];
            return results;
        }
        if (search is null) SearchBatchCore(queries, k, results, maxDegreeOfParallelism);
        else SearchEach(queries, k, results, maxDegreeOfParallelism, search);
        return results;
    }

    /// <summary>Default batch: one query at a time (ExactKnnIndex overrides it with a cache-blocked matrix product).</summary>
    private protected virtual void SearchBatchCore(IReadOnlyList<float[]> queries, int k, Neighbor[][] results, int maxDegreeOfParallelism) =>
        SearchEach(queries, k, results, maxDegreeOfParallelism, SearchCore);

    private void SearchEach(IReadOnlyList<float[]> queries, int k, Neighbor[][] results, int maxDegreeOfParallelism, QuerySearch search)
    {
        if (maxDegreeOfParallelism == 1)
        {
            var scratch = new float[Dimension];
            for (int i = 0; i < queries.Count; i++) results[i] = search(Prepare(queries[i], scratch, nameof(queries)), k);
            return;
        }
        Parallel.For(0, queries.Count, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism },
            () => new float[Dimension],
            (i, _, scratch) => { results[i] = search(Prepare(queries[i], scratch, nameof(queries)), k); return scratch; },
            _ => { });
    }

    /// <summary>Reads as <c>HnswIndex: 50,000 × 64-d, Cosine, M=16, efConstruction=200, efSearch=64, 4 layers</c>.</summary>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{GetType().Name}: {Count:N0} × {Dimension}-d, {Metric}{DescribeSettings()}");

    /// <summary>Index-specific settings for <see cref="ToString"/>, starting with ", ".</summary>
    private protected virtual string DescribeSettings() => "";

    /// <summary>Stores one checked (and, for cosine, normalised) vector.</summary>
    private protected abstract void AddCore(int id, ReadOnlySpan<float> vector);

    /// <summary>
    /// Stores checked (and, for cosine, normalised) vectors: row i of the row-major <paramref name="prepared"/> under
    /// <paramref name="ids"/>[i]. Default: <see cref="AddCore"/> in order; IVF overrides it to assign a whole chunk to
    /// lists at once.
    /// </summary>
    private protected virtual void AddBatchCore(ReadOnlySpan<int> ids, float[] prepared)
    {
        for (int i = 0; i < ids.Length; i++) AddCore(ids[i], VectorStore.Row(prepared, i, Dimension));
    }

    /// <summary>Searches with a checked (and, for cosine, normalised) query; the index is not empty and k ≥ 1.</summary>
    private protected abstract Neighbor[] SearchCore(ReadOnlySpan<float> query, int k);

    /// <summary>Makes room for <paramref name="capacity"/> items in one step (avoids repeated growth in AddRange).</summary>
    private protected virtual void Reserve(int capacity) { }

    /// <summary>Throws when the index is not ready to take items (IVF before training).</summary>
    private protected virtual void EnsureCanAdd() { }

    /// <summary>Checks a query and, under cosine, writes its unit-length copy to <paramref name="scratch"/>.</summary>
    private protected ReadOnlySpan<float> PrepareQuery(ReadOnlySpan<float> query, Span<float> scratch) =>
        Prepare(query, scratch, nameof(query));

    /// <summary>Checks <paramref name="vector"/> and writes it (unit length under cosine) to <paramref name="destination"/>.</summary>
    private protected void CheckAndCopy(ReadOnlySpan<float> vector, Span<float> destination, string what, string paramName) =>
        Prepare(vector, destination, paramName, what, checkOnly: false).CopyTo(destination);

    /// <summary>A scratch span for <see cref="PrepareQuery"/>: callers stackalloc up to this many floats.</summary>
    private protected static int StackLimit => StackFloats;

    private protected static void CheckK(int k)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be at least 1.");
    }

    private void CheckVector(float[]? vector, string what, string paramName)
    {
        if (vector is null) throw new ArgumentNullException(paramName, $"{what} is null.");
        Prepare(vector, default, paramName, what, checkOnly: true);
    }

    private ReadOnlySpan<float> Prepare(ReadOnlySpan<float> vector, Span<float> scratch, string paramName) =>
        Prepare(vector, scratch, paramName, paramName, checkOnly: false);

    [MethodImpl(Jit.Hot)]
    private ReadOnlySpan<float> Prepare(ReadOnlySpan<float> vector, Span<float> scratch, string paramName, string what, bool checkOnly)
    {
        if (vector.Length != Dimension)
            throw new ArgumentException($"{what} has {vector.Length} dimensions but the index expects {Dimension}.", paramName);
        if (!TensorPrimitives.IsFiniteAll(vector))
            throw new ArgumentException($"{what} contains NaN or infinity; every component must be finite.", paramName);
        if (Metric == SimilarityMetric.DotProduct) return vector;
        double sumSquares = VectorStore.SumOfSquares(vector);
        if (sumSquares == 0)
            throw new ArgumentException($"{what} is the zero vector, which has no direction, so its cosine similarity is undefined.", paramName);
        if (checkOnly) return vector;
        Span<float> unit = scratch[..Dimension];
        TensorPrimitives.Multiply(vector, (float)(1.0 / Math.Sqrt(sumSquares)), unit);
        return unit;
    }
}
