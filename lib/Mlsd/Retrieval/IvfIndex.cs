using System.Buffers;
using System.Runtime.CompilerServices;

namespace Mlsd.Retrieval;

/// <summary>
/// Inverted-file index (IVF, Jégou, Douze &amp; Schmid 2011; FAISS's IndexIVFFlat): k-means splits the space into
/// <see cref="NLists"/> cells, each item is stored in the list of its nearest centroid, and a query scans only the
/// <see cref="NProbe"/> lists whose centroids are most similar to it.
/// </summary>
/// <remarks>
/// <para>Cost per query ≈ NLists centroid scores + NProbe/NLists of the data, so with 64 lists and nprobe 8 a query
/// reads about an eighth of the items. Recall is lost when a true neighbour sits in a cell that was not probed —
/// near cell borders — and raising NProbe buys it back; <see cref="AnnBenchmark.SweepNProbe"/> measures that
/// trade-off.</para>
/// <para>Lifecycle as in FAISS: <see cref="Train"/> learns the centroids (k-means++ seeding, then a few Lloyd
/// iterations, all seeded), after which items can be added at any time and each goes to its nearest centroid's list.
/// The centroids never move after training, so if the data drift far from the training sample the lists grow
/// unbalanced and the index should be retrained (re-indexed) — a real operational concern the notebooks discuss.</para>
/// </remarks>
/// <example>
/// <code>
/// var ivf = IvfIndex.Build(items, nLists: 64, nProbe: 8, seed: 1);   // train k-means on items, then add them
/// Neighbor[] top10 = ivf.Search(query, k: 10);                      // scans 8 of 64 lists
/// Neighbor[] wider = ivf.Search(query, k: 10, nProbe: 16);          // per-call override
/// </code>
/// </example>
public sealed class IvfIndex : VectorIndex
{
    private readonly InvertedList[] _lists;
    private float[] _centroids = [];
    private RowPanels? _centroidPanels;
    private int[]? _listNumbers;
    private int _maxListPanels;
    private int _nProbe = 8;

    /// <summary>An untrained index; call <see cref="Train"/> (or use <see cref="Build"/>) before adding items.</summary>
    /// <param name="dimension">Vector length.</param>
    /// <param name="metric">Similarity; cosine normalises on add and on query, and trains spherical k-means.</param>
    /// <param name="nLists">Number of k-means cells; √n to 4√n is the usual rule of thumb.</param>
    /// <param name="seed">Seeds k-means++ and the training subsample.</param>
    public IvfIndex(int dimension, SimilarityMetric metric = SimilarityMetric.Cosine, int nLists = 64, int seed = 0)
        : base(dimension, metric)
    {
        if (nLists < 1) throw new ArgumentOutOfRangeException(nameof(nLists), nLists, "nLists must be at least 1.");
        NLists = nLists;
        Seed = seed;
        _lists = new InvertedList[nLists];
        for (int i = 0; i < nLists; i++) _lists[i] = new InvertedList(dimension);
    }

    /// <summary>Trains on <paramref name="vectors"/> and adds them with ids 0..n−1.</summary>
    public static IvfIndex Build(IReadOnlyList<float[]> vectors, SimilarityMetric metric = SimilarityMetric.Cosine,
        int nLists = 64, int nProbe = 8, int seed = 0)
    {
        var index = new IvfIndex(BuildHelpers.DimensionOf(vectors), metric, nLists, seed) { NProbe = nProbe };
        index.Train(vectors);
        index.AddRange(vectors);
        return index;
    }

    /// <summary>Number of inverted lists (k-means cells).</summary>
    public int NLists { get; }

    /// <summary>Seed of k-means.</summary>
    public int Seed { get; }

    /// <summary>Lloyd iterations after k-means++ seeding (stops early when no assignment changes). Default 10.</summary>
    public int KMeansIterations { get; init; } = 10;

    /// <summary>
    /// At most this many training vectors are used (a seeded subsample beyond it, never fewer than
    /// <see cref="NLists"/>); null means 256 per list, FAISS's default — more adds time, not quality.
    /// </summary>
    public int? MaxTrainingPoints { get; init; }

    /// <summary>Lists scanned per query by default (clamped to <see cref="NLists"/>); a per-call value can be passed to <see cref="Search(ReadOnlySpan{float}, int, int)"/>.</summary>
    public int NProbe
    {
        get => _nProbe;
        set => _nProbe = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(NProbe), value, "NProbe must be at least 1.");
    }

    /// <summary>True once <see cref="Train"/> has run.</summary>
    public bool IsTrained => _centroids.Length > 0;

    /// <summary>Items per list, in list order — shows how balanced the cells are.</summary>
    public int[] ListSizes()
    {
        var sizes = new int[NLists];
        for (int i = 0; i < NLists; i++) sizes[i] = _lists[i].Count;
        return sizes;
    }

    /// <summary>A copy of the centroids (unit length under cosine), one row per list.</summary>
    public float[][] Centroids()
    {
        if (!IsTrained) return [];
        var rows = new float[NLists][];
        for (int i = 0; i < NLists; i++) rows[i] = VectorStore.Row(_centroids, i, Dimension).ToArray();
        return rows;
    }

    /// <summary>Learns the coarse quantiser from <paramref name="vectors"/> (needs at least <see cref="NLists"/> of them).</summary>
    /// <exception cref="InvalidOperationException">The index is already trained.</exception>
    public void Train(IReadOnlyList<float[]> vectors)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        if (IsTrained) throw new InvalidOperationException("This IvfIndex is already trained; create a new one to retrain.");
        if (KMeansIterations < 0) throw new ArgumentOutOfRangeException(nameof(KMeansIterations), KMeansIterations, "KMeansIterations must be non-negative.");
        if (vectors.Count < NLists)
            throw new ArgumentException($"Training needs at least nLists = {NLists} vectors (got {vectors.Count}).", nameof(vectors));

        var sampler = new Sampler(Seed);
        int cap = MaxTrainingPoints is int max ? Math.Max(max, NLists) : (int)Math.Min(256L * NLists, int.MaxValue);
        var rows = new int[vectors.Count];
        for (int i = 0; i < rows.Length; i++) rows[i] = i;
        if (rows.Length > cap)
        {
            sampler.Shuffle(rows);
            Array.Resize(ref rows, cap);
            Array.Sort(rows);
        }

        int d = Dimension;
        var data = new float[rows.Length * d];
        for (int i = 0; i < rows.Length; i++)
        {
            float[]? v = vectors[rows[i]];
            if (v is null) throw new ArgumentNullException(nameof(vectors), $"vectors[{rows[i]}] is null.");
            CheckAndCopy(v, data.AsSpan(i * d, d), $"vectors[{rows[i]}]", nameof(vectors));
        }
        _centroids = KMeans.Fit(data, rows.Length, d, NLists, Metric == SimilarityMetric.Cosine, KMeansIterations, sampler);
        _centroidPanels = RowPanels.FromRows(_centroids, NLists, d);
    }

    /// <summary>Searches the <paramref name="nProbe"/> most similar lists instead of <see cref="NProbe"/>.</summary>
    public Neighbor[] Search(ReadOnlySpan<float> query, int k, int nProbe)
    {
        CheckK(k);
        if (nProbe < 1) throw new ArgumentOutOfRangeException(nameof(nProbe), nProbe, "nProbe must be at least 1.");
        Span<float> scratch = Dimension <= StackLimit ? stackalloc float[StackLimit] : new float[Dimension];
        ReadOnlySpan<float> prepared = PrepareQuery(query, scratch);
        return Count == 0 ? [] : SearchLists(prepared, k, nProbe);
    }

    /// <summary>
    /// <see cref="VectorIndex.SearchBatch(IReadOnlyList{float[]}, int, int)"/> probing <paramref name="nProbe"/> lists
    /// for this call, leaving <see cref="NProbe"/> untouched. The third argument is nProbe here, as in
    /// <see cref="Search(ReadOnlySpan{float}, int, int)"/>.
    /// </summary>
    public Neighbor[][] SearchBatch(IReadOnlyList<float[]> queries, int k, int nProbe, int maxDegreeOfParallelism = 1)
    {
        if (nProbe < 1) throw new ArgumentOutOfRangeException(nameof(nProbe), nProbe, "nProbe must be at least 1.");
        return SearchBatchWith(queries, k, maxDegreeOfParallelism, (query, kk) => SearchLists(query, kk, nProbe));
    }

    private protected override string DescribeSettings() =>
        IsTrained ? $", {NLists} lists, nProbe={NProbe}" : $", {NLists} lists (untrained)";

    private protected override void EnsureCanAdd()
    {
        if (!IsTrained)
            throw new InvalidOperationException("IvfIndex must be trained before items are added: call Train(sample) first, or use IvfIndex.Build(vectors).");
    }

    /// <summary>
    /// Assigns the whole chunk to lists first (four vectors per scoring tile), then appends list by list: writing a
    /// list's panel rows one after another keeps them in cache, where scattered single adds would touch a different
    /// list's panel every time.
    /// </summary>
    private protected override void AddBatchCore(ReadOnlySpan<int> ids, float[] prepared)
    {
        int n = ids.Length;
        var assignment = new int[n];
        KMeans.Assign(prepared, n, _centroidPanels!, assignment);
        var start = new int[NLists + 1];
        foreach (int list in assignment) start[list + 1]++;
        for (int c = 0; c < NLists; c++) start[c + 1] += start[c];
        var order = new int[n];
        var next = start[..NLists];
        for (int i = 0; i < n; i++) order[next[assignment[i]]++] = i; // stable: input order within a list
        for (int c = 0; c < NLists; c++)
        {
            if (start[c + 1] == start[c]) continue;
            _lists[c].AddRows(ids, prepared, order.AsSpan(start[c], start[c + 1] - start[c]));
            _maxListPanels = Math.Max(_maxListPanels, _lists[c].Vectors.Panels);
        }
    }

    private protected override void AddCore(int id, ReadOnlySpan<float> vector)
    {
        InvertedList list = _lists[KMeans.Nearest(vector, _centroidPanels!)];
        list.Add(id, vector);
        _maxListPanels = Math.Max(_maxListPanels, list.Vectors.Panels);
    }

    private protected override Neighbor[] SearchCore(ReadOnlySpan<float> query, int k) => SearchLists(query, k, _nProbe);

    [MethodImpl(Jit.Hot)]
    private Neighbor[] SearchLists(ReadOnlySpan<float> query, int k, int nProbe)
    {
        RowPanels centroids = _centroidPanels!;
        var closest = new TopK(Math.Min(nProbe, NLists));
        float[] scores = ArrayPool<float>.Shared.Rent(Math.Max(centroids.Panels, _maxListPanels) * RowPanels.Width);
        centroids.ScoreOne(query, 0, centroids.Panels, scores);
        closest.OfferAll(scores.AsSpan(0, NLists), ListNumbers);

        var top = new TopK(Math.Min(k, Count));
        foreach (int list in closest.Ids)
        {
            InvertedList l = _lists[list];
            if (l.Count == 0) continue;
            l.Vectors.ScoreOne(query, 0, l.Vectors.Panels, scores);
            top.OfferAll(scores.AsSpan(0, l.Count), l.Ids.AsSpan(0, l.Count));
        }
        ArrayPool<float>.Shared.Return(scores);
        return top.ToSortedArray();
    }

    /// <summary>0, 1, …, NLists − 1: the ids under which list scores are offered.</summary>
    private int[] ListNumbers => _listNumbers ??= Enumerable.Range(0, NLists).ToArray();

    /// <summary>One cell's items: ids, and vectors in <see cref="RowPanels"/> scanned 64 at a time.</summary>
    private sealed class InvertedList(int dimension)
    {
        public readonly RowPanels Vectors = new(dimension);
        public int[] Ids = [];

        public int Count => Vectors.Count;

        public void Add(int id, ReadOnlySpan<float> vector)
        {
            VectorStore.Grow(ref Ids, Count + 1);
            Ids[Count] = id;
            Vectors.Add(vector);
        }

        /// <summary>Appends rows <paramref name="members"/> of <paramref name="prepared"/> under their <paramref name="ids"/>.</summary>
        public void AddRows(ReadOnlySpan<int> ids, float[] prepared, ReadOnlySpan<int> members)
        {
            VectorStore.Grow(ref Ids, Count + members.Length);
            for (int j = 0; j < members.Length; j++) Ids[Count + j] = ids[members[j]];
            Vectors.AddRows(prepared, members);
        }
    }
}
