using Mlsd.Data.Worlds;
using Mlsd.Serving;

namespace Mlsd.Tests.Serving;

public sealed class EngagementScoreTests
{
    private static readonly double[] Chapter = [1, 5, 10, 20, 30, -20, -50];

    [Fact]
    public void TheWorkedExampleByHand()
    {
        // 0.4×1 + 0.2×5 + 0.05×10 + 0.01×20 + 0×30 + 0.02×(−20) + 0.001×(−50) = 0.4 + 1 + 0.5 + 0.2 + 0 − 0.4 − 0.05 = 1.65.
        Assert.Equal(1.65, EngagementScore.Score([0.4, 0.2, 0.05, 0.01, 0, 0.02, 0.001], Chapter), 12);
        // The world's weights are the chapter's.
        Assert.Equal(Chapter, FeedWorld.ReactionWeights);
    }

    [Fact]
    public void RowsAndColumnsGiveTheSameScores()
    {
        // Candidate 0: 0.5×1 + 0.2×5 = 1.5; candidate 1: 0.1×1 + 0.4×5 = 2.1.
        Assert.Equal([1.5, 2.1], EngagementScore.ScoresByReaction([[0.5, 0.1], [0.2, 0.4]], [1, 5]));
        var rows = EngagementScore.Scores([[0.5, 0.2], [0.1, 0.4]], [1, 5]);
        Assert.Equal(1.5, rows[0], 12);
        Assert.Equal(2.1, rows[1], 12);
    }

    [Fact]
    public void ANegativeReactionCanSinkAPopularPost()
    {
        // A clickbait post: P(click) 0.9, P(hide) 0.1 → 0.9 − 2 = −1.1; a quiet post: P(like) 0.1 → 0.5.
        double clickbait = EngagementScore.Score([0.9, 0, 0, 0, 0, 0.1, 0], Chapter);
        double quiet = EngagementScore.Score([0, 0.1, 0, 0, 0, 0, 0], Chapter);
        Assert.Equal(-1.1, clickbait, 12);
        Assert.True(quiet > clickbait);
    }

    [Fact]
    public void BadInputNamesTheArgument()
    {
        Assert.Equal("probabilities", Assert.Throws<ArgumentException>(() => EngagementScore.Score([0.1], [1, 5])).ParamName);
        var outside = Assert.Throws<ArgumentException>(() => EngagementScore.Scores([[0.1, 0.2], [0.1, 1.5]], [1, 5]));
        Assert.Contains("probabilities[1][1]", outside.Message);
        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => EngagementScore.Score([0.1], [double.NaN])).ParamName);
        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => EngagementScore.Score([], [])).ParamName);
        Assert.Equal("byReaction", Assert.Throws<ArgumentException>(() => EngagementScore.ScoresByReaction([[0.1], [0.1, 0.2]], [1, 5])).ParamName);
        Assert.Equal("byReaction", Assert.Throws<ArgumentException>(() => EngagementScore.ScoresByReaction([[0.1]], [1, 5])).ParamName);
    }
}
