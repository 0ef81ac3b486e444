using Mlsd.Exercises;

namespace Mlsd.Tests.Exercises;

public class ExerciseTests
{
    [Fact]
    public void CorrectAnswerPassesEveryPublicCheck()
    {
        var report = Exercise.Evaluate("00.selftest-add", (Func<double, double, double>)((a, b) => a + b));
        Assert.Equal((3, 3), (report.Passed, report.Total));
        Assert.True(report.Succeeded);
        Assert.StartsWith("✓ [00.selftest-add] 3 of 3 public checks passed", report.ToString());
    }

    [Fact]
    public void WrongAnswerFailsWithHintButNeverRevealsTheExpectedValue()
    {
        var report = Exercise.Evaluate("00.selftest-add", (Func<double, double, double>)((a, b) => a * b));
        Assert.False(report.Succeeded);
        Assert.Equal(1, report.Passed); // only symmetry holds for multiplication
        var text = report.ToString();
        Assert.StartsWith("✗ [00.selftest-add] 1 of 3 public checks passed", text);
        Assert.Contains("hint: Return a + b.", text);
        Assert.DoesNotContain("5", text.Split('\n')[1]); // the expected sum 2 + 3 is not shown
        Assert.DoesNotContain("all tests passed", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void StubThatThrowsNotImplementedIsReportedAsNotAttempted()
    {
        Func<double, double, double> stub = (_, _) => throw new NotImplementedException("Exercise: your code here");
        var report = Exercise.Evaluate("00.selftest-add", stub);
        Assert.Equal((0, 3), (report.Passed, report.Total));
        Assert.Contains("Not attempted yet", report.ToString());
    }

    [Fact]
    public void ExceptionsAndWrongShapesAndUnknownIdsNeverThrow()
    {
        var throwing = Exercise.Evaluate("00.selftest-add", (Func<double, double, double>)((_, _) => throw new InvalidOperationException("boom")));
        Assert.Contains("threw InvalidOperationException: boom", throwing.ToString());

        var wrongShape = Exercise.Evaluate("00.selftest-add", (Func<int, int>)(x => x));
        Assert.Contains("expects a function of shape (double a, double b) → double", wrongShape.ToString());

        var unknown = Exercise.Evaluate("99.nope", (Func<int, int>)(x => x));
        Assert.Equal(0, unknown.Total);
        Assert.Contains("no exercise called '99.nope'", unknown.ToString());

        var missing = Exercise.Evaluate("00.selftest-add", null);
        Assert.Equal(0, missing.Passed);
    }

    [Fact]
    public void CheckPrintsTheMachineReadableFirstLine()
    {
        var original = Console.Out;
        var writer = new StringWriter();
        Console.SetOut(writer);
        try
        {
            Exercise.Check("00.selftest-add", (Func<double, double, double>)((a, b) => a + b));
        }
        finally
        {
            Console.SetOut(original);
        }
        Assert.Matches(@"^(✓|✗) \[(?<id>[^\]]+)\] (?<passed>\d+) of (?<total>\d+) public checks passed", writer.ToString());
    }
}
