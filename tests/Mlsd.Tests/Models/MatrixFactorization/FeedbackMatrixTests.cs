using Mlsd.Models;

namespace Mlsd.Tests.Models.MatrixFactorization;

public class FeedbackMatrixTests
{
    [Fact]
    public void StoresRowsSortedAndSumsDuplicates()
    {
        var r = new FeedbackMatrix(3, 4, [(2, 1, 1f), (0, 3, 2f), (0, 1, 1f), (0, 3, 0.5f)]);
        Assert.Equal(3, r.Count);
        Assert.Equal([1, 3], r.ItemsOf(0).ToArray());
        Assert.Equal([1f, 2.5f], r.ValuesOf(0).ToArray());
        Assert.Empty(r.ItemsOf(1).ToArray());
        Assert.Equal(2.5f, r[0, 3]);
        Assert.Equal(0f, r[1, 1]);
        Assert.True(r.Contains(2, 1));
        Assert.Equal(3.0 / 12, r.Density, 1e-12);
    }

    [Fact]
    public void FromPairsIsBinary()
    {
        var r = FeedbackMatrix.FromPairs(2, 2, [(0, 1), (0, 1), (1, 0)]);
        Assert.Equal(2, r.Count);
        Assert.Equal(1f, r[0, 1]);
    }

    [Fact]
    public void TransposeSwapsTheRoles()
    {
        var t = new FeedbackMatrix(2, 3, [(0, 2, 5f), (1, 2, 7f), (1, 0, 1f)]).Transpose();
        Assert.Equal(3, t.UserCount);
        Assert.Equal(2, t.ItemCount);
        Assert.Equal([0, 1], t.ItemsOf(2).ToArray());
        Assert.Equal([5f, 7f], t.ValuesOf(2).ToArray());
        Assert.Equal(1f, t[0, 1]);
    }

    [Fact]
    public void BadEntriesNameTheProblem()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new FeedbackMatrix(2, 2, [(0, 0, 1f), (0, 5, 1f)]));
        Assert.Contains("entry 1", ex.Message);
        Assert.Contains("item 5", ex.Message);
        Assert.Throws<ArgumentException>(() => new FeedbackMatrix(2, 2, [(0, 0, float.NaN)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FeedbackMatrix(0, 2, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => FeedbackMatrix.FromPairs(2, 2, [(0, 0)]).ItemsOf(2).ToArray());
    }
}
