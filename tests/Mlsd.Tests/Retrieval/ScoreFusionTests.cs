using Mlsd.Retrieval;

namespace Mlsd.Tests.Retrieval;

/// <summary>Score fusion on the worked examples of its documentation, computed by hand.</summary>
public sealed class ScoreFusionTests
{
    [Fact]
    public void MaxNormalizedDividesByTheBest()
    {
        Assert.Equal([1f, 0.5f, 0f], ScoreFusion.MaxNormalized([2f, 1f, 0f]));
        Assert.Equal([0f, 0f], ScoreFusion.MaxNormalized([0f, 0f]));
        Assert.Equal("scores", Assert.Throws<ArgumentException>(() => ScoreFusion.MaxNormalized([1f, -1f])).ParamName);
    }

    [Fact]
    public void WeightedSumMixesTheTwoSides()
    {
        // 0.5 · [1, 0.5, 0] + 0.5 · [0.1, 0.9, 0.5] = [0.55, 0.7, 0.25]
        var fused = ScoreFusion.WeightedSum([1f, 0.5f, 0f], [0.1f, 0.9f, 0.5f], 0.5);
        Assert.Equal([0.55f, 0.7f, 0.25f], fused.Select(x => MathF.Round(x, 6)));
        Assert.Equal([0.1f, 0.9f], ScoreFusion.WeightedSum([1f, 0f], [0.1f, 0.9f], 0));
        Assert.Equal("textWeight", Assert.Throws<ArgumentOutOfRangeException>(() => ScoreFusion.WeightedSum([1f], [1f], 1.5)).ParamName);
        Assert.Equal("content", Assert.Throws<ArgumentException>(() => ScoreFusion.WeightedSum([1f], [1f, 2f], 0.5)).ParamName);
    }

    [Fact]
    public void TopBreaksTiesByIdAndSkipsNonCandidates()
    {
        Assert.Equal([1, 2, 0], ScoreFusion.Top([0.2f, 0.9f, 0.9f, float.NegativeInfinity], 3));
        Assert.Equal([1, 2, 0], ScoreFusion.Top([0.2f, 0.9f, 0.9f, float.NegativeInfinity], 10));
        Assert.Equal("k", Assert.Throws<ArgumentOutOfRangeException>(() => ScoreFusion.Top([1f], 0)).ParamName);
        Assert.Equal("scores", Assert.Throws<ArgumentException>(() => ScoreFusion.Top([float.NaN], 1)).ParamName);
    }

    [Fact]
    public void DotWithAllScoresEveryRow()
    {
        // [1, 2] · [3, 4] = 11; [1, 2] · [−1, 0.5] = 0
        Assert.Equal([11f, 0f], ScoreFusion.DotWithAll([1f, 2f], [[3f, 4f], [-1f, 0.5f]]));
        Assert.Equal("items", Assert.Throws<ArgumentException>(() => ScoreFusion.DotWithAll([1f, 2f], [[1f]])).ParamName);
    }
}
