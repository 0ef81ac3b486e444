using Mlsd.Retrieval;

namespace Mlsd.Tests.Retrieval;

/// <summary>
/// Shared seeded data for the index tests: 5,000 items and 200 held-out queries, 32-d, 40 overlapping Gaussian
/// clusters (spread 1.5, hard enough that the recall floors below are not met by accident), plus
/// the exact top-10 of every query. Built once and shared by the test classes of the collection below.
/// </summary>
public sealed class RetrievalData
{
    public const int Items = 5_000;
    public const int QueryCount = 200;
    public const int Dim = 32;

    public RetrievalData()
    {
        float[][] all = SyntheticVectors.Clustered(Items + QueryCount, Dim, clusters: 40, spread: 1.5, seed: 2024);
        Vectors = all[..Items];
        Queries = all[Items..];
        Exact = ExactKnnIndex.Build(Vectors);
        Truth = Exact.SearchBatch(Queries, 10);
        _hnsw = new Lazy<HnswIndex>(() => HnswIndex.Build(Vectors, m: 12, efConstruction: 32, seed: 7));
    }

    private readonly Lazy<HnswIndex> _hnsw;

    /// <summary>An HNSW graph over <see cref="Vectors"/> (M 12, efConstruction 32), built on first use.</summary>
    public HnswIndex Hnsw => _hnsw.Value;

    public float[][] Vectors { get; }

    public float[][] Queries { get; }

    public ExactKnnIndex Exact { get; }

    public Neighbor[][] Truth { get; }
}

/// <summary>The classes that share one <see cref="RetrievalData"/> (they then run one after another).</summary>
[CollectionDefinition(nameof(RetrievalData))]
public sealed class RetrievalDataCollection : ICollectionFixture<RetrievalData>;
