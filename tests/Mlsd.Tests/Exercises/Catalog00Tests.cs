using Mlsd.Exercises;

namespace Mlsd.Tests.Exercises;

/// <summary>Notebook 00's exercises: a correct answer passes every public check, a typical mistake does not.</summary>
public class Catalog00Tests
{
    [Fact]
    public void PeakQps()
    {
        Func<long, double, double, double> right = (dau, r, peak) => dau * r / 86_400.0 * peak;
        Func<long, double, double, double> forgotPeak = (dau, r, _) => dau * r / 86_400.0;
        Assert.True(Exercise.Evaluate("00.peak-qps", right).Succeeded);
        Assert.Equal(3, Exercise.Evaluate("00.peak-qps", forgotPeak).Passed); // only the peak-factor case fails
    }

    [Fact]
    public void PrecisionAtK()
    {
        Func<IReadOnlyList<int>, IReadOnlySet<int>, int, double> right = (ranked, relevant, k) =>
            ranked.Take(k).Count(relevant.Contains) / (double)k;
        Func<IReadOnlyList<int>, IReadOnlySet<int>, int, double> dividesByLength = (ranked, relevant, k) =>
            ranked.Take(k).Count(relevant.Contains) / (double)Math.Min(k, ranked.Count);
        Assert.True(Exercise.Evaluate("00.precision-at-k", right).Succeeded);
        var wrong = Exercise.Evaluate("00.precision-at-k", dividesByLength);
        Assert.False(wrong.Succeeded);
        Assert.Contains("hint: Missing slots count as not relevant", wrong.ToString());
    }

    [Fact]
    public void Psi()
    {
        Func<double[], double[], double> right = (r, c) => r.Zip(c, (a, b) => (Math.Max(b, 1e-4) - Math.Max(a, 1e-4)) * Math.Log(Math.Max(b, 1e-4) / Math.Max(a, 1e-4))).Sum();
        Func<double[], double[], double> noFloor = (r, c) => r.Zip(c, (a, b) => (b - a) * Math.Log(b / a)).Sum();
        Assert.True(Exercise.Evaluate("00.psi", right).Succeeded);
        Assert.Equal(3, Exercise.Evaluate("00.psi", noFloor).Passed); // the empty bin gives infinity
    }
}
