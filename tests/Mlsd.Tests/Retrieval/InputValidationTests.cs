using Mlsd.Retrieval;

namespace Mlsd.Tests.Retrieval;

public class InputValidationTests
{
    public static TheoryData<string> Kinds => ["exact", "ivf", "hnsw"];

    private static VectorIndex Make(string kind, SimilarityMetric metric = SimilarityMetric.Cosine)
    {
        float[][] seed = SyntheticVectors.Clustered(40, 4, clusters: 3, seed: 1);
        VectorIndex index = kind switch
        {
            "exact" => new ExactKnnIndex(4, metric),
            "ivf" => new IvfIndex(4, metric, nLists: 4),
            _ => new HnswIndex(4, metric, m: 4, efConstruction: 16),
        };
        if (index is IvfIndex ivf) ivf.Train(seed);
        index.AddRange(seed);
        return index;
    }

    [Theory, MemberData(nameof(Kinds))]
    public void WrongDimensionIsRejectedNamingTheArgument(string kind)
    {
        VectorIndex index = Make(kind);
        var add = Assert.Throws<ArgumentException>(() => index.Add(100, [1f, 2f, 3f]));
        Assert.Equal("vector", add.ParamName);
        Assert.Contains("3 dimensions but the index expects 4", add.Message);

        var search = Assert.Throws<ArgumentException>(() => index.Search([1f, 2f], 3));
        Assert.Equal("query", search.ParamName);
    }

    [Theory, MemberData(nameof(Kinds))]
    public void KBelowOneIsRejected(string kind)
    {
        VectorIndex index = Make(kind);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => index.Search([1f, 0f, 0f, 0f], 0));
        Assert.Equal("k", e.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => index.SearchBatch([[1f, 0f, 0f, 0f]], -1));
    }

    [Theory, MemberData(nameof(Kinds))]
    public void NaNAndInfinityAreRejected(string kind)
    {
        VectorIndex index = Make(kind);
        var add = Assert.Throws<ArgumentException>(() => index.Add(100, [1f, float.NaN, 0f, 0f]));
        Assert.Equal("vector", add.ParamName);
        Assert.Contains("NaN", add.Message);
        var search = Assert.Throws<ArgumentException>(() => index.Search([float.PositiveInfinity, 0f, 0f, 0f], 1));
        Assert.Equal("query", search.ParamName);
        Assert.Equal(40, index.Count);
    }

    [Theory, MemberData(nameof(Kinds))]
    public void ZeroVectorIsRejectedUnderCosineOnly(string kind)
    {
        var e = Assert.Throws<ArgumentException>(() => Make(kind).Add(100, [0f, 0f, 0f, 0f]));
        Assert.Contains("zero vector", e.Message);

        VectorIndex dot = Make(kind, SimilarityMetric.DotProduct);
        dot.Add(100, [0f, 0f, 0f, 0f]);
        Assert.Equal(41, dot.Count);
    }

    [Theory, MemberData(nameof(Kinds))]
    public void DuplicateIdIsRejected(string kind)
    {
        VectorIndex index = Make(kind);
        var e = Assert.Throws<ArgumentException>(() => index.Add(7, [1f, 1f, 1f, 1f]));
        Assert.Equal("id", e.ParamName);
    }

    [Theory, MemberData(nameof(Kinds))]
    public void AddRangeChecksEverythingBeforeAddingAnything(string kind)
    {
        VectorIndex index = Make(kind);
        float[][] rows = [[1f, 2f, 3f, 4f], [1f, float.NaN, 3f, 4f]];
        var e = Assert.Throws<ArgumentException>(() => index.AddRange([500, 501], rows));
        Assert.Equal("vectors", e.ParamName);
        Assert.Contains("vectors[1]", e.Message);
        Assert.Equal(40, index.Count);
        Assert.False(index.Contains(500));

        var lengths = Assert.Throws<ArgumentException>(() => index.AddRange([500], rows));
        Assert.Equal("ids", lengths.ParamName);
        var repeated = Assert.Throws<ArgumentException>(() => index.AddRange([500, 500], [[1f, 2f, 3f, 4f], [4f, 3f, 2f, 1f]]));
        Assert.Equal("ids", repeated.ParamName);
    }

    [Fact]
    public void ConstructorAndKnobArgumentsAreChecked()
    {
        Assert.Equal("dimension", Assert.Throws<ArgumentOutOfRangeException>(() => new ExactKnnIndex(0)).ParamName);
        Assert.Equal("m", Assert.Throws<ArgumentOutOfRangeException>(() => new HnswIndex(4, m: 1)).ParamName);
        Assert.Equal("efConstruction", Assert.Throws<ArgumentOutOfRangeException>(() => new HnswIndex(4, efConstruction: 0)).ParamName);
        Assert.Equal("nLists", Assert.Throws<ArgumentOutOfRangeException>(() => new IvfIndex(4, nLists: 0)).ParamName);

        var hnsw = (HnswIndex)Make("hnsw");
        Assert.Equal("efSearch", Assert.Throws<ArgumentOutOfRangeException>(() => hnsw.Search([1f, 0f, 0f, 0f], 1, efSearch: 0)).ParamName);
        Assert.Equal("EfSearch", Assert.Throws<ArgumentOutOfRangeException>(() => hnsw.EfSearch = 0).ParamName);
        var ivf = (IvfIndex)Make("ivf");
        Assert.Equal("nProbe", Assert.Throws<ArgumentOutOfRangeException>(() => ivf.Search([1f, 0f, 0f, 0f], 1, nProbe: 0)).ParamName);
    }

    [Fact]
    public void IvfMustBeTrainedBeforeAddingAndOnlyOnce()
    {
        var ivf = new IvfIndex(4, nLists: 8);
        var e = Assert.Throws<InvalidOperationException>(() => ivf.Add(1, [1f, 2f, 3f, 4f]));
        Assert.Contains("Train", e.Message);
        var few = Assert.Throws<ArgumentException>(() => ivf.Train(SyntheticVectors.Clustered(5, 4, seed: 1)));
        Assert.Contains("at least nLists = 8", few.Message);
        ivf.Train(SyntheticVectors.Clustered(50, 4, seed: 1));
        Assert.Throws<InvalidOperationException>(() => ivf.Train(SyntheticVectors.Clustered(50, 4, seed: 1)));
    }
}
