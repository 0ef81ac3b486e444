using Mlsd.Exercises;
using Mlsd.Metrics;

namespace Mlsd.Tests.Exercises;

/// <summary>Notebook 05's design-judgement and predict-then-run exercises: a sound choice passes, each typical
/// mistake fails the case written for it.</summary>
public class Catalog05JudgementTests
{
    private delegate bool Qualifies(MetricDifference vsToday, double categories, double floor);

    private static Func<IReadOnlyList<(string Name, double Relevant, double Categories, MetricDifference VsToday)>, double, string?>
        Choose(Qualifies qualifies) => (pages, floor) => pages
            .Where(p => qualifies(p.VsToday, p.Categories, floor))
            .OrderByDescending(p => p.Relevant).ThenByDescending(p => p.Categories)
            .Select(p => p.Name).FirstOrDefault();

    [Fact]
    public void CategoryFloorAcceptsTheSoundChoice() =>
        Assert.True(Exercise.Evaluate("05.category-floor", Choose((d, c, f) => !d.CandidateIsWorse && c >= f)).Succeeded);

    [Fact]
    public void CategoryFloorRejectsAPageThatLosesToToday()
    {
        var report = Exercise.Evaluate("05.category-floor", Choose((_, c, f) => c >= f));
        Assert.False(report.Succeeded);
        Assert.Contains("✗ a page that loses to today's is never shipped", report.ToString());
    }

    [Fact]
    public void CategoryFloorRejectsDemandingAWinWhereATieIsEnough()
    {
        var report = Exercise.Evaluate("05.category-floor", Choose((d, c, f) => d.CandidateIsBetter && c >= f));
        Assert.False(report.Succeeded);
        Assert.Contains("✗ a tie with today's page is acceptable", report.ToString());
    }

    [Fact]
    public void CategoryFloorRejectsAStrictFloorAndTheMostDiversePage()
    {
        var strict = Exercise.Evaluate("05.category-floor", Choose((d, c, f) => !d.CandidateIsWorse && c > f));
        Assert.Contains("✗ the floor is inclusive", strict.ToString());
        Func<IReadOnlyList<(string Name, double Relevant, double Categories, MetricDifference VsToday)>, double, string?>
            mostDiverse = (pages, floor) => pages.Where(p => !p.VsToday.CandidateIsWorse && p.Categories >= floor)
                .OrderByDescending(p => p.Categories).Select(p => p.Name).FirstOrDefault();
        var diverse = Exercise.Evaluate("05.category-floor", mostDiverse);
        Assert.Contains("✗ the most relevant page that meets the floor", diverse.ToString());
    }

    private static MetricDifference Measured(double lower, double upper) =>
        new("expected relevant", 1.6, 1.6 + (lower + upper) / 2, lower, upper, 0.95, HigherIsBetter: true);

    [Theory]
    [InlineData("tie", -0.02, 0.03)]
    [InlineData("down", -0.10, -0.04)]
    [InlineData(" Up ", 0.01, 0.05)]
    public void PredictionThatMatchesTheRunPasses(string prediction, double lower, double upper)
    {
        Func<(string, MetricDifference)> answer = () => (prediction, Measured(lower, upper));
        Assert.True(Exercise.Evaluate("05.predict-ann-candidates", answer).Succeeded);
    }

    [Fact]
    public void WrongPredictionFailsAndExplainsTheMechanism()
    {
        Func<(string, MetricDifference)> answer = () => ("tie", Measured(0.06, 0.10));
        var report = Exercise.Evaluate("05.predict-ann-candidates", answer);
        Assert.Equal(1, report.Passed);
        Assert.Contains("the run measured \"up\"", report.ToString());
        Assert.Contains("orders videos better than the retrieval score", report.ToString());
        Func<(string, MetricDifference)> vague = () => ("it depends", Measured(-0.02, 0.03));
        Assert.Equal(0, Exercise.Evaluate("05.predict-ann-candidates", vague).Passed);
    }

    [Fact]
    public void UnansweredPredictionIsNotAttempted()
    {
        Func<(string, MetricDifference)> stub = () => throw new NotImplementedException();
        Assert.Contains("Not attempted yet", Exercise.Evaluate("05.predict-ann-candidates", stub).ToString());
    }
}
