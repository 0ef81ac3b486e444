using Mlsd.Retrieval;

namespace Mlsd.Tests.Retrieval;

public sealed class CoVisitationTests
{
    // The worked example of the class remarks, counted by hand.
    private static readonly int[][] Sessions = [[0, 1, 2], [1, 0, 1], [2, 3]];

    [Fact]
    public void CountsMatchTheWorkedExample()
    {
        var co = CoVisitation.Fit(Sessions, vocabulary: 5, window: 1);
        Assert.Equal(2, co.Count(0, 1));          // adjacent in sessions 0 and 1 (session 1 counts once)
        Assert.Equal(2, co.Count(1, 0));          // symmetric
        Assert.Equal(0, co.Count(0, 2));          // two apart in session 0
        Assert.Equal(1, co.Count(1, 2));
        Assert.Equal(1, co.Count(2, 3));
        Assert.Equal([2, 2, 2, 1, 0], co.Sessions);
        Assert.Equal([(0, 2), (2, 1)], co.Neighbors(1));
        Assert.Empty(co.Neighbors(4));
    }

    [Fact]
    public void AWiderWindowCountsFartherPairs()
    {
        var co = CoVisitation.Fit(Sessions, vocabulary: 5, window: 2);
        Assert.Equal(1, co.Count(0, 2));
        Assert.Equal(2, co.Count(0, 1));
    }

    [Fact]
    public void BadInputFailsNamingTheArgument()
    {
        Assert.Equal("window", Assert.Throws<ArgumentOutOfRangeException>(() => CoVisitation.Fit(Sessions, 5, 0)).ParamName);
        Assert.Equal("sequences", Assert.Throws<ArgumentException>(() => CoVisitation.Fit([[0, 9]], 5)).ParamName);
        var co = CoVisitation.Fit(Sessions, 5);
        Assert.Equal("other", Assert.Throws<ArgumentOutOfRangeException>(() => co.Count(0, 5)).ParamName);
    }
}
