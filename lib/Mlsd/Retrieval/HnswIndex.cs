using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Mlsd.Retrieval;

/// <summary>
/// Hierarchical Navigable Small World graph (Malkov &amp; Yashunin, 2018, "Efficient and robust approximate nearest
/// neighbor search using Hierarchical Navigable Small World graphs", IEEE TPAMI): the approximate
/// nearest-neighbour index behind most vector databases.
/// </summary>
/// <remarks>
/// <para><b>Idea.</b> Every item is a node in layer 0; each node also appears in layers 1..ℓ with ℓ drawn as
/// ⌊−ln(U)·mL⌋, mL = 1/ln(M), so each layer up holds about 1/M of the one below — a skip list made of proximity
/// graphs. A query walks greedily through the sparse top layers to a good entry point, then runs a beam search of
/// width <see cref="EfSearch"/> in layer 0. Larger efSearch = higher recall, slower queries; that trade-off is what
/// <see cref="AnnBenchmark.SweepEfSearch"/> plots.</para>
/// <para><b>Construction</b> (the paper's Algorithm 1) inserts items one at a time, which is why adding after the
/// initial build is as natural as the build itself: beam-search with <see cref="EfConstruction"/> at each of the
/// new node's layers, link it to <see cref="M"/> neighbours chosen by the <em>neighbour-selection heuristic</em>
/// (Algorithm 4: take candidates best first, keep one only if it is closer to the new node than to every neighbour
/// already kept — this keeps links pointing in diverse directions, which is what lets greedy search cross between
/// clusters), and link back. A node keeps at most M links in upper layers and 2M in layer 0; when a back-link
/// overflows that, its list is re-pruned with the same heuristic. As in hnswlib we use the heuristic without the
/// paper's optional "extend candidates" and "keep pruned connections" steps.</para>
/// <para><b>Layout.</b> Vectors live in one contiguous array; layer-0 links in one int array with 2M+1 slots per
/// node (count, then ids); upper-layer links in a small int array per node that has them. Search marks visited
/// nodes with a one-byte generation counter (no hash set, no clearing per query; 50,000 nodes take 50 KB, so the
/// marks stay in the fastest caches) and reuses its heaps, so a query allocates only its result array. A search
/// spends its time waiting for memory, so it asks for data before it needs it: expanding a node first collects its
/// unvisited neighbours while issuing prefetches for their vectors and their own link lists, then scores them in one
/// tight loop, and the link list of the next node to expand is requested as soon as that node is known (hnswlib
/// uses the same prefetch instructions). bench/retrieval compares this with hnswlib built for the same CPU.</para>
/// <para><b>Determinism.</b> Levels come from a <see cref="Sampler"/> seeded with <see cref="Seed"/> and insertion is
/// single-threaded in call order, so the same seed and the same sequence of adds give the same graph and the same
/// answers. (No parallel build: a parallel HNSW build links nodes in a schedule-dependent order.) Searches may run
/// concurrently with each other.</para>
/// </remarks>
/// <example>
/// <code>
/// float[][] rows = SyntheticVectors.Clustered(10_200, 32, seed: 1);
/// float[][] items = rows[..10_000], queries = rows[10_000..];
/// var hnsw = HnswIndex.Build(items, m: 16, efConstruction: 100);
/// Neighbor[][] truth = ExactKnnIndex.Build(items).SearchBatch(queries, 10);
/// AnnBenchmarkPoint[] curve = AnnBenchmark.SweepEfSearch(hnsw, queries, truth, [10, 20, 40, 80]);
/// hnsw.Add(123_456, someNewVector); // findable immediately
/// </code>
/// </example>
public sealed class HnswIndex : VectorIndex
{
    private const int MaxLevelCap = 32;
    private readonly int _maxM0;
    private readonly int _stride0;
    private readonly int _strideUpper;
    private readonly double _levelMultiplier;
    private readonly Sampler _sampler;
    private readonly SearchContext _buildContext = new();
    private float[] _vectors = [];
    private int[] _links0 = [];
    private int[]?[] _upperLinks = [];
    private int[] _ids = [];
    private int _count;
    private int _entryPoint = -1;
    private int _maxLevel = -1;
    private int _efSearch = 64;
    private SearchContext? _spareContext;
    private ScoredNode[] _candidateScratch = new ScoredNode[64];
    private readonly int[] _selectedScratch;
    private readonly ScoredNode[] _pruneScratch;
    private readonly int[] _pruneOutput;

    /// <summary>An empty graph.</summary>
    /// <param name="dimension">Vector length.</param>
    /// <param name="metric">Similarity; cosine normalises on add and on query.</param>
    /// <param name="m">Links per node per upper layer (2M in layer 0). 12–48 is typical; 16 is hnswlib's default.</param>
    /// <param name="efConstruction">Beam width while inserting; higher builds a better graph, more slowly.</param>
    /// <param name="seed">Seeds the level draws.</param>
    public HnswIndex(int dimension, SimilarityMetric metric = SimilarityMetric.Cosine, int m = 16, int efConstruction = 200, int seed = 0)
        : base(dimension, metric)
    {
        if (m < 2) throw new ArgumentOutOfRangeException(nameof(m), m, "m must be at least 2.");
        if (efConstruction < 1) throw new ArgumentOutOfRangeException(nameof(efConstruction), efConstruction, "efConstruction must be at least 1.");
        M = m;
        EfConstruction = efConstruction;
        Seed = seed;
        _maxM0 = 2 * m;
        _stride0 = _maxM0 + 1;
        _strideUpper = m + 1;
        _levelMultiplier = 1.0 / Math.Log(m);
        _sampler = new Sampler(seed);
        _selectedScratch = new int[_maxM0];
        _pruneScratch = new ScoredNode[_maxM0 + 1];
        _pruneOutput = new int[_maxM0];
    }

    /// <summary>Builds a graph over <paramref name="vectors"/> with ids 0..n−1, inserted in list order.</summary>
    public static HnswIndex Build(IReadOnlyList<float[]> vectors, SimilarityMetric metric = SimilarityMetric.Cosine,
        int m = 16, int efConstruction = 200, int seed = 0)
    {
        var index = new HnswIndex(BuildHelpers.DimensionOf(vectors), metric, m, efConstruction, seed);
        index.AddRange(vectors);
        return index;
    }

    /// <summary>Maximum links per node in the upper layers (layer 0 allows 2M).</summary>
    public int M { get; }

    /// <summary>Beam width used while inserting.</summary>
    public int EfConstruction { get; }

    /// <summary>Seed of the level draws.</summary>
    public int Seed { get; }

    /// <summary>Default beam width at query time (a per-call value can be passed to <see cref="Search(ReadOnlySpan{float}, int, int)"/>). The effective width is max(efSearch, k).</summary>
    public int EfSearch
    {
        get => _efSearch;
        set => _efSearch = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(EfSearch), value, "EfSearch must be at least 1.");
    }

    /// <summary>Top layer of the graph (−1 while empty).</summary>
    public int MaxLevel => _maxLevel;

    /// <summary>Searches with beam width <paramref name="efSearch"/> instead of <see cref="EfSearch"/>.</summary>
    public Neighbor[] Search(ReadOnlySpan<float> query, int k, int efSearch)
    {
        CheckK(k);
        if (efSearch < 1) throw new ArgumentOutOfRangeException(nameof(efSearch), efSearch, "efSearch must be at least 1.");
        Span<float> scratch = Dimension <= StackLimit ? stackalloc float[StackLimit] : new float[Dimension];
        ReadOnlySpan<float> prepared = PrepareQuery(query, scratch);
        return _count == 0 ? [] : SearchGraph(prepared, k, efSearch);
    }

    /// <summary>
    /// <see cref="VectorIndex.SearchBatch(IReadOnlyList{float[]}, int, int)"/> with beam width
    /// <paramref name="efSearch"/> for this call, leaving <see cref="EfSearch"/> untouched — so a sweep over efSearch
    /// can run while other threads search with the default. Note the third argument is efSearch here, as in
    /// <see cref="Search(ReadOnlySpan{float}, int, int)"/>; name <c>maxDegreeOfParallelism:</c> when passing only that.
    /// </summary>
    public Neighbor[][] SearchBatch(IReadOnlyList<float[]> queries, int k, int efSearch, int maxDegreeOfParallelism = 1)
    {
        if (efSearch < 1) throw new ArgumentOutOfRangeException(nameof(efSearch), efSearch, "efSearch must be at least 1.");
        return SearchBatchWith(queries, k, maxDegreeOfParallelism, (query, kk) => SearchGraph(query, kk, efSearch));
    }

    /// <summary>Number of links of the node added <paramref name="insertionIndex"/>-th, in <paramref name="layer"/> (for tests and diagnostics).</summary>
    internal int LinkCount(int insertionIndex, int layer) => Links(insertionIndex, layer)[0];

    /// <summary>Level drawn for the node added <paramref name="insertionIndex"/>-th.</summary>
    internal int LevelOf(int insertionIndex) => _upperLinks[insertionIndex] is { } upper ? upper.Length / _strideUpper : 0;

    private protected override string DescribeSettings() =>
        $", M={M}, efConstruction={EfConstruction}, efSearch={EfSearch}, {_maxLevel + 1} layers";

    private protected override void Reserve(int capacity)
    {
        VectorStore.Grow(ref _vectors, (long)capacity * Dimension);
        VectorStore.Grow(ref _links0, (long)capacity * _stride0);
        VectorStore.Grow(ref _upperLinks, capacity);
        VectorStore.Grow(ref _ids, capacity);
    }

    private protected override Neighbor[] SearchCore(ReadOnlySpan<float> query, int k) => SearchGraph(query, k, _efSearch);

    [MethodImpl(Jit.Hot)]
    private protected override void AddCore(int id, ReadOnlySpan<float> vector)
    {
        int node = _count;
        vector.CopyTo(_vectors.AsSpan(node * Dimension, Dimension));
        _ids[node] = id;
        _links0[node * _stride0] = 0;
        int level = DrawLevel();
        _upperLinks[node] = level > 0 ? new int[level * _strideUpper] : null;
        _count++;

        if (_entryPoint < 0)
        {
            _entryPoint = node;
            _maxLevel = level;
            return;
        }

        ReadOnlySpan<float> v = VectorStore.Row(_vectors, node, Dimension);
        int current = _entryPoint;
        float currentScore = VectorStore.Dot(v, _vectors, current);
        for (int layer = _maxLevel; layer > level; layer--) GreedyStep(v, ref current, ref currentScore, layer);

        for (int layer = Math.Min(level, _maxLevel); layer >= 0; layer--)
        {
            SearchLayer(v, current, currentScore, EfConstruction, layer, _buildContext);
            int n = DrainSortedDescending(_buildContext.Results);
            int selected = SelectNeighbors(_candidateScratch, n, M, _selectedScratch);
            Span<int> links = Links(node, layer);
            links[0] = selected;
            _selectedScratch.AsSpan(0, selected).CopyTo(links[1..]);
            for (int i = 0; i < selected; i++) LinkBack(_selectedScratch[i], node, layer);
            current = _candidateScratch[0].Node;
            currentScore = _candidateScratch[0].Score;
        }

        if (level > _maxLevel)
        {
            _maxLevel = level;
            _entryPoint = node;
        }
    }

    private int DrawLevel()
    {
        double u = 1.0 - _sampler.Uniform(); // (0, 1]
        return Math.Min((int)(-Math.Log(u) * _levelMultiplier), MaxLevelCap);
    }

    private Neighbor[] SearchGraph(ReadOnlySpan<float> query, int k, int efSearch)
    {
        SearchContext context = Interlocked.Exchange(ref _spareContext, null) ?? new SearchContext();
        int current = _entryPoint;
        float currentScore = VectorStore.Dot(query, _vectors, current);
        for (int layer = _maxLevel; layer > 0; layer--) GreedyStep(query, ref current, ref currentScore, layer);
        SearchLayer(query, current, currentScore, Math.Max(efSearch, k), 0, context);

        ScoredHeap results = context.Results;
        while (results.Count > k) results.Pop();
        var neighbors = new Neighbor[results.Count];
        for (int i = neighbors.Length - 1; i >= 0; i--)
        {
            neighbors[i] = new Neighbor(_ids[results.TopNode], results.TopScore);
            results.Pop();
        }
        SortTies(neighbors);
        Volatile.Write(ref _spareContext, context);
        return neighbors;
    }

    /// <summary>Greedy walk in one upper layer: move to the best neighbour until none improves (ef = 1).</summary>
    [MethodImpl(Jit.Hot | MethodImplOptions.NoInlining)]
    private void GreedyStep(ReadOnlySpan<float> query, ref int current, ref float currentScore, int layer)
    {
        float[] vectors = _vectors;
        bool changed = true;
        while (changed)
        {
            changed = false;
            ReadOnlySpan<int> links = Links(current, layer);
            int count = links[0];
            for (int i = 1; i <= count; i++)
            {
                int candidate = links[i];
                float score = VectorStore.Dot(query, vectors, candidate);
                if (score > currentScore)
                {
                    currentScore = score;
                    current = candidate;
                    changed = true;
                }
            }
        }
    }

    /// <summary>
    /// Beam search in one layer (the paper's Algorithm 2): expand the best unexpanded candidate, stop when it is worse
    /// than the worst of the <paramref name="ef"/> results kept. Leaves those results in <c>context.Results</c> (a
    /// min-heap, worst on top).
    /// </summary>
    // NoInlining: inlined into its callers, this large loop would use up the JIT's inlining budget of the caller and
    // leave the dot products, prefetches and heap accessors inside it as calls (measured: a third slower).
    [MethodImpl(Jit.Hot | MethodImplOptions.NoInlining)]
    private void SearchLayer(ReadOnlySpan<float> query, int entry, float entryScore, int ef, int layer, SearchContext context)
    {
        byte[] visited = context.BeginQuery(_count);
        byte generation = context.Generation;
        ScoredHeap candidates = context.Candidates; // max-heap via negated scores
        ScoredHeap results = context.Results;
        candidates.Clear();
        results.Clear();
        float[] vectors = _vectors;
        int[] links0 = _links0;
        ref byte visitedRef = ref MemoryMarshal.GetArrayDataReference(visited);
        context.EnsureLinkBuffers(_maxM0);
        ref int freshRef = ref MemoryMarshal.GetArrayDataReference(context.Fresh);
        ref float scoreRef = ref MemoryMarshal.GetArrayDataReference(context.FreshScores);

        Unsafe.Add(ref visitedRef, entry) = generation;
        candidates.Push(-entryScore, entry);
        results.Push(entryScore, entry);
        float worst = entryScore;

        while (candidates.Count > 0)
        {
            float best = -candidates.TopScore;
            if (best < worst && results.Count >= ef) break;
            int node = candidates.TopNode;
            candidates.Pop();

            ReadOnlySpan<int> links = layer == 0
                ? MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(links0), (nint)node * _stride0), _stride0)
                : Links(node, layer);
            // Two passes: first collect the unvisited neighbours, then score them in a tight loop with no heap work in
            // between, so the CPU can have several vectors' cache misses in flight at once (memory-level parallelism —
            // what hnswlib gets from explicit prefetch instructions).
            int count = links[0], fresh = 0;
            for (int i = 1; i <= count; i++)
            {
                int neighbor = links[i];
                ref byte mark = ref Unsafe.Add(ref visitedRef, neighbor);
                if (mark == generation) continue;
                mark = generation;
                VectorStore.Prefetch(vectors, neighbor, Dimension);
                if (layer == 0) VectorStore.Prefetch(links0, neighbor, _stride0);
                Unsafe.Add(ref freshRef, fresh++) = neighbor;
            }
            for (int i = 0; i < fresh; i++)
                Unsafe.Add(ref scoreRef, i) = VectorStore.Dot(query, vectors, Unsafe.Add(ref freshRef, i));
            for (int i = 0; i < fresh; i++)
            {
                float score = Unsafe.Add(ref scoreRef, i);
                if (results.Count < ef)
                {
                    int neighbor = Unsafe.Add(ref freshRef, i);
                    candidates.Push(-score, neighbor);
                    results.Push(score, neighbor);
                    worst = results.TopScore;
                }
                else if (score > worst)
                {
                    int neighbor = Unsafe.Add(ref freshRef, i);
                    candidates.Push(-score, neighbor);
                    results.ReplaceTop(score, neighbor);
                    worst = results.TopScore;
                }
            }
            // The next node to expand is already known: start loading its links now.
            if (layer == 0 && candidates.Count > 0) VectorStore.Prefetch(links0, candidates.TopNode, _stride0);
        }
    }

    /// <summary>Empties <paramref name="heap"/> into <see cref="_candidateScratch"/>, best first (a min-heap pops worst first, so fill from the back); returns the count.</summary>
    private int DrainSortedDescending(ScoredHeap heap)
    {
        int n = heap.Count;
        if (_candidateScratch.Length < n) _candidateScratch = new ScoredNode[Math.Max(n, 2 * _candidateScratch.Length)];
        for (int i = n - 1; i >= 0; i--)
        {
            _candidateScratch[i] = new ScoredNode(heap.TopScore, heap.TopNode);
            heap.Pop();
        }
        return n;
    }

    /// <summary>
    /// Neighbour-selection heuristic (Algorithm 4 without extension/keep-pruned, as in hnswlib): walk the candidates
    /// best first and keep one only if it is more similar to the base node than to every candidate already kept.
    /// Fewer than <paramref name="max"/> candidates are all kept.
    /// </summary>
    [MethodImpl(Jit.Hot)]
    private int SelectNeighbors(ScoredNode[] sorted, int n, int max, int[] output)
    {
        if (n < max)
        {
            for (int i = 0; i < n; i++) output[i] = sorted[i].Node;
            return n;
        }
        int kept = 0;
        for (int i = 0; i < n && kept < max; i++)
        {
            ScoredNode candidate = sorted[i];
            ReadOnlySpan<float> cv = VectorStore.Row(_vectors, candidate.Node, Dimension);
            bool good = true;
            for (int j = 0; j < kept; j++)
            {
                if (VectorStore.Dot(cv, _vectors, output[j]) > candidate.Score)
                {
                    good = false;
                    break;
                }
            }
            if (good) output[kept++] = candidate.Node;
        }
        return kept;
    }

    /// <summary>Adds <paramref name="newNode"/> to <paramref name="node"/>'s links, re-pruning with the heuristic on overflow.</summary>
    private void LinkBack(int node, int newNode, int layer)
    {
        Span<int> links = Links(node, layer);
        int count = links[0], max = layer == 0 ? _maxM0 : M;
        if (count < max)
        {
            links[count + 1] = newNode;
            links[0] = count + 1;
            return;
        }
        ReadOnlySpan<float> v = VectorStore.Row(_vectors, node, Dimension);
        ScoredNode[] pool = _pruneScratch;
        for (int i = 0; i < count; i++) pool[i] = new ScoredNode(VectorStore.Dot(v, _vectors, links[i + 1]), links[i + 1]);
        pool[count] = new ScoredNode(VectorStore.Dot(v, _vectors, newNode), newNode);
        SortBestFirst(pool.AsSpan(0, count + 1));
        int selected = SelectNeighbors(pool, count + 1, max, _pruneOutput);
        links[0] = selected;
        _pruneOutput.AsSpan(0, selected).CopyTo(links[1..]);
    }

    /// <summary>Insertion sort, best first, ties by smaller node: at most 2M+1 items, no comparer delegate.</summary>
    private static void SortBestFirst(Span<ScoredNode> items)
    {
        for (int i = 1; i < items.Length; i++)
        {
            ScoredNode x = items[i];
            int j = i - 1;
            while (j >= 0 && (items[j].Score < x.Score || (items[j].Score == x.Score && items[j].Node > x.Node)))
            {
                items[j + 1] = items[j];
                j--;
            }
            items[j + 1] = x;
        }
    }

    /// <summary>The link slot block of <paramref name="node"/> in <paramref name="layer"/>: [count, id, id, …].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<int> Links(int node, int layer) => layer == 0
        ? _links0.AsSpan(node * _stride0, _stride0)
        : _upperLinks[node]!.AsSpan((layer - 1) * _strideUpper, _strideUpper);

    private static readonly Comparison<Neighbor> NeighborOrder =
        static (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Id.CompareTo(b.Id);

    /// <summary>Results come out of the heap by score; equal scores are put in id order to match the other indexes.</summary>
    private static void SortTies(Neighbor[] neighbors)
    {
        for (int i = 1; i < neighbors.Length; i++)
        {
            if (neighbors[i].Score == neighbors[i - 1].Score)
            {
                Array.Sort(neighbors, NeighborOrder);
                return;
            }
        }
    }

    /// <summary>Per-search scratch: visited marks with a generation counter, and the two heaps.</summary>
    private sealed class SearchContext
    {
        private byte[] _visited = [];

        public byte Generation { get; private set; }

        public ScoredHeap Candidates { get; } = new();

        public ScoredHeap Results { get; } = new();

        /// <summary>Unvisited neighbours of the node being expanded, and their scores.</summary>
        public int[] Fresh { get; private set; } = [];

        public float[] FreshScores { get; private set; } = [];

        public void EnsureLinkBuffers(int maxLinks)
        {
            if (Fresh.Length >= maxLinks) return;
            Fresh = new int[maxLinks];
            FreshScores = new float[maxLinks];
        }

        /// <summary>Starts a new generation: every node whose mark ≠ Generation counts as unvisited.</summary>
        public byte[] BeginQuery(int nodeCount)
        {
            if (_visited.Length < nodeCount)
            {
                _visited = new byte[Math.Max(nodeCount, 2 * _visited.Length)];
                Generation = 0;
            }
            if (Generation == byte.MaxValue)
            {
                Array.Clear(_visited);
                Generation = 0;
            }
            Generation++;
            return _visited;
        }
    }
}

/// <summary>A (similarity, node) pair used during graph construction.</summary>
internal readonly record struct ScoredNode(float Score, int Node);
