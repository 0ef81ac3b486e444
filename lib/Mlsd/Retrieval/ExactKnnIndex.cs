using System.Runtime.CompilerServices;
namespace Mlsd.Retrieval;

/// <summary>
/// Brute-force k-nearest-neighbour search: score the query against every stored vector and keep the best k in a
/// bounded heap. O(n·d) per query, exact by construction — the ground truth an approximate index's recall is
/// measured against, and the right choice up to a few hundred thousand items when latency allows.
/// </summary>
/// <remarks>
/// Vectors are stored in <see cref="RowPanels"/> (16 rows per panel, component-major inside a panel), so scores come
/// out 16 rows per SIMD instruction with no horizontal sums. <see cref="VectorIndex.SearchBatch"/> computes the
/// query-by-item score matrix block by block as a register-tiled matrix product (4 queries × 64 items per tile,
/// items in cache-sized blocks shared by every query of a group), feeding each block of scores to the queries'
/// top-k heaps through a SIMD threshold filter — FAISS's flat index does the same with a BLAS call. A score is the
/// same sequential chain of fused multiply-adds in <see cref="VectorIndex.Search"/> and in the batch, so both
/// return identical answers.
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
    private const int QueryGroup = 256;
    private const int BlockFloats = 1 << 16;
    private readonly RowPanels _panels;
    private int[] _ids = [];

    /// <summary>An empty index for vectors of length <paramref name="dimension"/>.</summary>
    public ExactKnnIndex(int dimension, SimilarityMetric metric = SimilarityMetric.Cosine)
        : base(dimension, metric)
    {
        _panels = new RowPanels(dimension);
    }

    /// <summary>An index holding <paramref name="vectors"/> under ids 0..n−1 (dimension taken from the first vector).</summary>
    public static ExactKnnIndex Build(IReadOnlyList<float[]> vectors, SimilarityMetric metric = SimilarityMetric.Cosine)
    {
        var index = new ExactKnnIndex(BuildHelpers.DimensionOf(vectors), metric);
        index.AddRange(vectors);
        return index;
    }

    /// <summary>Panels per cache block: about 256 KB of vectors, a whole number of tiles.</summary>
    private int BlockPanels => Math.Max(1, BlockFloats / (RowPanels.Width * Dimension) / RowPanels.TilePanels) * RowPanels.TilePanels;

    private protected override void Reserve(int capacity)
    {
        _panels.Reserve(capacity);
        VectorStore.Grow(ref _ids, capacity);
    }

    private protected override void AddCore(int id, ReadOnlySpan<float> vector)
    {
        _ids[_panels.Count] = id;
        _panels.Add(vector);
    }

    [MethodImpl(Jit.Hot)]
    private protected override Neighbor[] SearchCore(ReadOnlySpan<float> query, int k)
    {
        int count = _panels.Count, blockPanels = BlockPanels, panels = _panels.Panels;
        var top = new TopK(Math.Min(k, count));
        Span<float> scores = blockPanels * RowPanels.Width <= 4096 ? stackalloc float[blockPanels * RowPanels.Width] : new float[blockPanels * RowPanels.Width];
        for (int p0 = 0; p0 < panels; p0 += blockPanels)
        {
            int p1 = Math.Min(panels, p0 + blockPanels), first = p0 * RowPanels.Width;
            int valid = Math.Min(count - first, (p1 - p0) * RowPanels.Width);
            _panels.ScoreOne(query, p0, p1, scores);
            top.OfferAll(scores[..valid], _ids.AsSpan(first, valid));
        }
        return top.ToSortedArray();
    }

    private protected override void SearchBatchCore(IReadOnlyList<float[]> queries, int k, Neighbor[][] results, int maxDegreeOfParallelism)
    {
        int groups = (queries.Count + QueryGroup - 1) / QueryGroup;
        if (maxDegreeOfParallelism > 1 && groups < maxDegreeOfParallelism)
            groups = Math.Min(maxDegreeOfParallelism, (queries.Count + RowPanels.TileQueries - 1) / RowPanels.TileQueries);
        int perGroup = (queries.Count + groups - 1) / groups;
        if (maxDegreeOfParallelism == 1)
        {
            for (int g = 0; g < groups; g++) SearchGroup(queries, g * perGroup, Math.Min(queries.Count, (g + 1) * perGroup), k, results);
            return;
        }
        Parallel.For(0, groups, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism },
            g => SearchGroup(queries, g * perGroup, Math.Min(queries.Count, (g + 1) * perGroup), k, results));
    }

    /// <summary>Answers queries [start, end): for each cache block of items, score every query of the group against it.</summary>
    [MethodImpl(Jit.Hot)]
    private void SearchGroup(IReadOnlyList<float[]> queries, int start, int end, int k, Neighbor[][] results)
    {
        int m = end - start, d = Dimension, count = _panels.Count;
        if (m <= 0) return;
        int padded = (m + RowPanels.TileQueries - 1) / RowPanels.TileQueries * RowPanels.TileQueries;
        var prepared = new float[padded * d];
        var tops = new TopK[m];
        for (int j = 0; j < m; j++)
        {
            PrepareQuery(queries[start + j], prepared.AsSpan(j * d, d)).CopyTo(prepared.AsSpan(j * d, d));
            tops[j] = new TopK(Math.Min(k, count));
        }
        int blockPanels = BlockPanels, panels = _panels.Panels, stride = blockPanels * RowPanels.Width;
        var scores = new float[RowPanels.TileQueries * stride];
        for (int p0 = 0; p0 < panels; p0 += blockPanels)
        {
            int p1 = Math.Min(panels, p0 + blockPanels), first = p0 * RowPanels.Width, width = (p1 - p0) * RowPanels.Width;
            int valid = Math.Min(count - first, width);
            ReadOnlySpan<int> ids = _ids.AsSpan(first, valid);
            for (int j = 0; j < m; j += RowPanels.TileQueries)
            {
                _panels.Score(prepared.AsSpan(j * d, RowPanels.TileQueries * d), p0, p1, scores);
                for (int t = 0; t < RowPanels.TileQueries && j + t < m; t++)
                    tops[j + t].OfferAll(scores.AsSpan(t * width, valid), ids);
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
