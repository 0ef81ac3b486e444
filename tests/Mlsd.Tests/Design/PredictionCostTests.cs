using Mlsd.Design;

namespace Mlsd.Tests.Design;

/// <summary>The batch-vs-online cost model against the worked example in its documentation (values by hand).</summary>
public class PredictionCostTests
{
    private static readonly PredictionCostAssumptions Example = new()
    {
        UsersCovered = 100, DailyActiveUsers = 20, RequestsPerUserPerDay = 5,
        VcpuSecondsPerPrediction = 1, DollarsPerVcpuHour = 3.6, BatchUtilisation = 1, OnlineUtilisation = 0.5,
    };

    [Fact]
    public void WorkedExampleByHand()
    {
        Assert.Equal(0.001, PredictionCost.DollarsPerPrediction(Example, 1), 12);
        Assert.Equal(0.002, PredictionCost.DollarsPerPrediction(Example, 0.5), 12);
        Assert.Equal(0.10, PredictionCost.Batch(Example, 24).DollarsPerDay, 12);
        Assert.Equal(2.40, PredictionCost.Batch(Example, 1).DollarsPerDay, 12);
        Assert.Equal(0.20, PredictionCost.Online(Example).DollarsPerDay, 12);
        Assert.Equal(0.10, PredictionCost.BreakEvenDailyShare(Example), 12);
        Assert.Equal((24.0, 0.0), (PredictionCost.Batch(Example, 24).StalenessHours, PredictionCost.Online(Example).StalenessHours));
        Assert.Equal("batch every 6 h", PredictionCost.Batch(Example, 6).Name);
    }

    [Fact]
    public void AtTheBreakEvenShareDailyBatchAndOnlineCostTheSame()
    {
        var atBreakEven = Example with { DailyActiveUsers = Example.UsersCovered * PredictionCost.BreakEvenDailyShare(Example) };
        Assert.Equal(PredictionCost.Batch(atBreakEven, 24).DollarsPerDay, PredictionCost.Online(atBreakEven).DollarsPerDay, 12);
    }

    [Fact]
    public void FleetSizedForThePeakIdlesOnAverage()
    {
        Assert.Equal(0.7 / 3, PredictionCostAssumptions.OnlineUtilisationFor(3, 0.3), 12);
        Assert.Equal(1, PredictionCostAssumptions.OnlineUtilisationFor(1, 0), 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => PredictionCostAssumptions.OnlineUtilisationFor(0.5, 0.3));
        Assert.Throws<ArgumentOutOfRangeException>(() => PredictionCostAssumptions.OnlineUtilisationFor(3, 1));
    }

    [Fact]
    public void BadInputNamesTheArgument()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => PredictionCost.Online(Example with { UsersCovered = 0 }));
        Assert.Contains("UsersCovered", e.Message);
        var u = Assert.Throws<ArgumentOutOfRangeException>(() => PredictionCost.Online(Example with { OnlineUtilisation = 0 }));
        Assert.Contains("OnlineUtilisation", u.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => PredictionCost.Batch(Example, 0));
    }
}
