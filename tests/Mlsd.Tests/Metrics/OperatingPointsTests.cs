using Mlsd.Metrics;

namespace Mlsd.Tests.Metrics;

public class OperatingPointsTests
{
    private static readonly int[] Y = [1, 0, 1, 0, 1];
    private static readonly double[] S = [0.9, 0.8, 0.7, 0.6, 0.5];

    [Fact]
    public void MatchesTheWorkedExample()
    {
        // By hand: negatives at 0.8 and 0.6. FPR ≤ ½ admits 0.9, 0.8, 0.7 → 2 of 3 positives; threshold 0.7.
        Assert.Equal(2 / 3.0, OperatingPoints.RecallAtFalsePositiveRate(Y, S, 0.5), 12);
        Assert.Equal(0.7, OperatingPoints.ThresholdAtFalsePositiveRate(Y, S, 0.5));
        // Amounts 100, 50, 850 on the positives: 150 of 1,000 caught.
        Assert.Equal(0.15, OperatingPoints.RecallAtFalsePositiveRate(Y, S, 0.5, [100, 0, 50, 0, 850]), 12);
        // FPR 0: only 0.9 → 1/3; FPR 1: everything → 1.
        Assert.Equal(1 / 3.0, OperatingPoints.RecallAtFalsePositiveRate(Y, S, 0), 12);
        Assert.Equal(1, OperatingPoints.RecallAtFalsePositiveRate(Y, S, 1), 12);
        // Row 4 counted twice (a bootstrap draw): positives weigh 1 + 1 + 2; caught 2 → ½.
        Assert.Equal(0.5, OperatingPoints.RecallAtFalsePositiveRate(Y, S, 0.5, counts: [1, 1, 1, 1, 2]), 12);
    }

    [Fact]
    public void RankedScoresGiveTheSameAnswers()
    {
        var ranked = new RankedScores(Y, S);
        Assert.Equal(2 / 3.0, ranked.RecallAtFalsePositiveRate(0.5), 12);
        Assert.Equal(0.15, ranked.RecallAtFalsePositiveRate(0.5, [100, 0, 50, 0, 850]), 12);
        Assert.Equal(0.5, ranked.RecallAtFalsePositiveRate(0.5, counts: [1, 1, 1, 1, 2]), 12);
        Assert.Equal(0.7, ranked.ThresholdAtFalsePositiveRate(0.5));
    }

    [Fact]
    public void TiedScoresEnterTogether()
    {
        // 0.9 holds a positive and a negative: with FPR 0 neither may be flagged → recall 0, threshold +∞.
        int[] y = [1, 0, 1];
        double[] s = [0.9, 0.9, 0.1];
        Assert.Equal(0, OperatingPoints.RecallAtFalsePositiveRate(y, s, 0));
        Assert.Equal(double.PositiveInfinity, OperatingPoints.ThresholdAtFalsePositiveRate(y, s, 0));
    }

    [Fact]
    public void BadInputIsNamed()
    {
        Assert.Equal("maxFalsePositiveRate",
            Assert.Throws<ArgumentOutOfRangeException>(() => OperatingPoints.RecallAtFalsePositiveRate(Y, S, 1.5)).ParamName);
        Assert.Equal("yTrue", Assert.Throws<ArgumentException>(() => OperatingPoints.RecallAtFalsePositiveRate([1, 1], [0.1, 0.2], 0.1)).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => OperatingPoints.RecallAtFalsePositiveRate(Y, S, 0.5, [1, 1, -1, 1, 1])).ParamName);
        Assert.Equal("counts", Assert.Throws<ArgumentException>(() => OperatingPoints.RecallAtFalsePositiveRate(Y, S, 0.5, counts: [1, 1, -1, 1, 1])).ParamName);
    }
}
