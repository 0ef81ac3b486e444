using Mlsd.Serving;

namespace Mlsd.Tests.Serving;

/// <summary>Near-duplicate removal on pages small enough to check by hand.</summary>
public sealed class NearDuplicatesTests
{
    private static readonly Dictionary<int, float[]> Vectors = new()
    {
        [1] = [1, 0], [2] = [0.995f, 0.1f], [3] = [0, 1], [4] = [0, 2], [5] = [-1, 0], [6] = [0.6f, 0.8f],
    };

    [Fact]
    public void TheDocumentedExample()
    {
        // cos(1, 2) = 0.995 / √(0.995² + 0.1²) = 0.995 / 1.00001 ≈ 0.99499 ≥ 0.99 → 2 is dropped.
        Assert.Equal([1, 3], NearDuplicates.Remove([1, 2, 3], id => Vectors[id], 0.99, 3));
        // Just above that cosine the two are different items.
        Assert.Equal([1, 2, 3], NearDuplicates.Remove([1, 2, 3], id => Vectors[id], 0.995, 3));
    }

    [Fact]
    public void CosineIgnoresLengthAndTheBestRankedCopyStays()
    {
        // 3 = (0, 1) and 4 = (0, 2) point the same way (cosine 1); whichever comes first is kept.
        Assert.Equal([4, 1], NearDuplicates.Remove([4, 3, 1], id => Vectors[id], 0.99, 5));
        // 6 = (0.6, 0.8): cosine 0.6 with 1 and 0.8 with 3 → kept at threshold 0.9, dropped at 0.8 (≥ is a duplicate).
        Assert.Equal([1, 3, 6], NearDuplicates.Remove([1, 3, 6], id => Vectors[id], 0.9, 3));
        Assert.Equal([1, 3], NearDuplicates.Remove([1, 3, 6], id => Vectors[id], 0.8, 3));
    }

    [Fact]
    public void ThePageStopsAtKAndIsNeverRefilledWithCopies()
    {
        Assert.Equal([1, 3], NearDuplicates.Remove([1, 3, 5, 6], id => Vectors[id], 0.99, 2));
        Assert.Equal([1], NearDuplicates.Remove([1, 1, 2], id => Vectors[id], 0.99, 3));   // repeated ids and a copy
        Assert.Empty(NearDuplicates.Remove([], id => Vectors[id], 0.99, 3));
    }

    [Fact]
    public void BadInputNamesTheArgument()
    {
        Assert.Equal("threshold", Assert.Throws<ArgumentOutOfRangeException>(() => NearDuplicates.Remove([1], id => Vectors[id], 1.5, 3)).ParamName);
        Assert.Equal("threshold", Assert.Throws<ArgumentOutOfRangeException>(() => NearDuplicates.Remove([1], id => Vectors[id], double.NaN, 3)).ParamName);
        Assert.Equal("k", Assert.Throws<ArgumentOutOfRangeException>(() => NearDuplicates.Remove([1], id => Vectors[id], 0.9, 0)).ParamName);
        Assert.Equal("vectorOf", Assert.Throws<ArgumentException>(() => NearDuplicates.Remove([1], _ => [0f, 0f], 0.9, 3)).ParamName);
        Assert.Equal("vectorOf", Assert.Throws<ArgumentException>(() => NearDuplicates.Remove([1, 3], id => id == 1 ? [1f, 0f] : [1f, 0f, 0f], 0.9, 3)).ParamName);
        Assert.Equal("ranked", Assert.Throws<ArgumentNullException>(() => NearDuplicates.Remove(null!, id => Vectors[id], 0.9, 3)).ParamName);
    }
}
