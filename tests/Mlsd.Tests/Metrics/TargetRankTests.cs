using Mlsd.Metrics;

namespace Mlsd.Tests.Metrics;

public sealed class TargetRankTests
{
    [Fact]
    public void RankMatchesTheWorkedExample()
    {
        float[] scores = [0.9f, 0.5f, 0.5f, 0.1f];
        Assert.Equal(2.5, TargetRank.Of(scores, 1));    // one above, one tie: 1 + 1 + 1/2
        Assert.Equal(2.5, TargetRank.Of(scores, 2));
        Assert.Equal(1, TargetRank.Of(scores, 0));
        Assert.Equal(4, TargetRank.Of(scores, 3));
    }

    [Fact]
    public void NonCandidatesNeverRankAbove()
    {
        float[] scores = [float.NegativeInfinity, 0.2f, float.NegativeInfinity, 0.7f];
        Assert.Equal(2, TargetRank.Of(scores, 1));
        Assert.True(TargetRank.IsHit(2.5, 3));
        Assert.False(TargetRank.IsHit(4, 3));
    }

    [Fact]
    public void BadInputFailsNamingTheArgument()
    {
        Assert.Equal("target", Assert.Throws<ArgumentException>(() => TargetRank.Of([float.NegativeInfinity, 1f], 0)).ParamName);
        Assert.Equal("scores", Assert.Throws<ArgumentException>(() => TargetRank.Of([float.NaN, 1f], 1)).ParamName);
        Assert.Equal("target", Assert.Throws<ArgumentOutOfRangeException>(() => TargetRank.Of([1f], 1)).ParamName);
        Assert.Equal("k", Assert.Throws<ArgumentOutOfRangeException>(() => TargetRank.IsHit(1, 0)).ParamName);
    }
}
