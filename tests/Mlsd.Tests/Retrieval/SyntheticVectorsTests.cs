using Mlsd.Retrieval;

namespace Mlsd.Tests.Retrieval;

public class SyntheticVectorsTests
{
    [Fact]
    public void SameSeedSameVectorsOtherSeedOtherVectors()
    {
        float[][] a = SyntheticVectors.Clustered(100, 8, seed: 5), b = SyntheticVectors.Clustered(100, 8, seed: 5), c = SyntheticVectors.Clustered(100, 8, seed: 6);
        Assert.Equal(100, a.Length);
        Assert.All(a, row => Assert.Equal(8, row.Length));
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void RowsClusterAroundFewCentres()
    {
        // Spread 0 puts every row exactly on one of the 3 centres.
        float[][] rows = SyntheticVectors.Clustered(200, 4, clusters: 3, spread: 0, seed: 1);
        Assert.Equal(3, rows.Select(r => string.Join(",", r)).Distinct().Count());
        Assert.Equal("spread", Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticVectors.Clustered(10, 4, spread: double.NaN)).ParamName);
    }
}
