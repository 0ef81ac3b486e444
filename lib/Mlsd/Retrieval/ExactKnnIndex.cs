using System.Runtime.CompilerServices;
namespace Mlsd.Retrieval;

/// <summary>
/// Brute-force k-nearest-neighbour search: score the query against every stored vector and keep the best k in a
/// bounded heap. O(n·d) per query, exact by construction — the ground truth an approximate index's recall is
/// measured against, and the right choice up to a few hundred thousand items when latency allows.
/// </summary>
/// <remarks>
/// Vectors sit in one contiguous row-major array and are scored with SIMD dot products
/// (<see cref="System.Numerics.Tensors.TensorPrimitives"/>). <see cref="VectorIndex.SearchBatch"/> scans the data in
/// blocks shared by a group of queries, so each block is read from memory once per group rather than once per
/// query (the same idea as FAISS's flat index turning a batch into a matrix product).
/// </remarks>
/// <example>
/// <code>
/// var index = new ExactKnnIndex(dimension: 2, SimilarityMetric.DotProduct);
/// index.Add(10, [1f, 0f]);
/// index.Add(11, [0f, 2f]);
/// index.Search([1f, 1f], k: 1); // [#11 (2.000)]
/// </code>
/// </example>
public sealed class ExactKnnIndex : VectorIndex
{
    private const int QueryBlock = 8;
    private const int RowBlock = 1024;
    private float[] _vectors = [];
    private int[] _ids = [];
    private int _count;

    /// <summary>An empty index for vectors of length <paramref name="dimension"/>.</summary>
    public ExactKnnIndex(int dimension, SimilarityMetric metric = SimilarityMetric.Cosine)
        : base(dimension, metric)
    {
    }

    /// <summary>An index holding <paramref name="vectors"/> under ids 0..n−1 (dimension taken from the first vector).</summary>
    public static ExactKnnIndex Build(IReadOnlyList<float[]> vectors, SimilarityMetric metric = SimilarityMetric.Cosine)
    {
        var index = new ExactKnnIndex(BuildHelpers.DimensionOf(vectors), metric);
        index.AddRange(vectors);
        return index;
    }

    private protected override void Reserve(int capacity)
    {
        VectorStore.Grow(ref _vectors, (long)capacity * Dimension);
        VectorStore.Grow(ref _ids, capacity);
    }

    private protected override void AddCore(int id, ReadOnlySpan<float> vector)
    {
        vector.CopyTo(_vectors.AsSpan(_count * Dimension, Dimension));
        _ids[_count++] = id;
    }

    [MethodImpl(Jit.Hot)]
    private protected override Neighbor[] SearchCore(ReadOnlySpan<float> query, int k)
    {
        var top = new TopK(Math.Min(k, _count));
        float[] vectors = _vectors;
        int[] ids = _ids;
        for (int i = 0; i < _count; i++) top.Offer(ids[i], VectorStore.Dot(query, vectors, i));
        return top.ToSortedArray();
    }

    private protected override void SearchBatchCore(IReadOnlyList<float[]> queries, int k, Neighbor[][] results, int maxDegreeOfParallelism)
    {
        int blocks = (queries.Count + QueryBlock - 1) / QueryBlock;
        if (maxDegreeOfParallelism == 1)
        {
            for (int b = 0; b < blocks; b++) SearchBlock(queries, b * QueryBlock, k, results);
            return;
        }
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism },
            b => SearchBlock(queries, b * QueryBlock, k, results));
    }

    /// <summary>Answers queries [start, start+QueryBlock) with one pass over the data in cache-sized row blocks.</summary>
    [MethodImpl(Jit.Hot)]
    private void SearchBlock(IReadOnlyList<float[]> queries, int start, int k, Neighbor[][] results)
    {
        int m = Math.Min(QueryBlock, queries.Count - start), d = Dimension;
        var prepared = new float[m * d];
        var tops = new TopK[m];
        for (int j = 0; j < m; j++)
        {
            PrepareQuery(queries[start + j], prepared.AsSpan(j * d, d)).CopyTo(prepared.AsSpan(j * d, d));
            tops[j] = new TopK(Math.Min(k, _count));
        }
        float[] vectors = _vectors;
        int[] ids = _ids;
        for (int r0 = 0; r0 < _count; r0 += RowBlock)
        {
            int r1 = Math.Min(_count, r0 + RowBlock);
            for (int j = 0; j < m; j++)
            {
                ReadOnlySpan<float> q = VectorStore.Row(prepared, j, d);
                TopK top = tops[j];
                for (int i = r0; i < r1; i++) top.Offer(ids[i], VectorStore.Dot(q, vectors, i));
            }
        }
        for (int j = 0; j < m; j++) results[start + j] = tops[j].ToSortedArray();
    }
}

/// <summary>Small shared checks for the static <c>Build</c> helpers.</summary>
internal static class BuildHelpers
{
    public static int DimensionOf(IReadOnlyList<float[]> vectors)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        if (vectors.Count == 0)
            throw new ArgumentException("vectors is empty; Build needs at least one vector to know the dimension.", nameof(vectors));
        if (vectors[0] is null) throw new ArgumentNullException(nameof(vectors), "vectors[0] is null.");
        return vectors[0].Length;
    }
}
