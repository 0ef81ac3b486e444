using Mlsd.Exercises;

namespace Mlsd.Tests.Exercises;

/// <summary>Notebook 07's exercises: a correct answer passes every public check, a typical mistake does not.</summary>
public class Catalog07Tests
{
    private static double LogLoss(int[] y, double[] p) =>
        y.Select((v, i) => { double q = Math.Clamp(p[i], 1e-15, 1 - 1e-15); return v == 1 ? -Math.Log(q) : -Math.Log(1 - q); }).Average();

    [Fact]
    public void Nce()
    {
        Func<int[], double[], double> right = (y, p) =>
        {
            double r = y.Average();
            return LogLoss(y, p) / (-r * Math.Log(r) - (1 - r) * Math.Log(1 - r));
        };
        Func<int[], double[], double> plainLogLoss = LogLoss;
        Func<int[], double[], double> noClipping = (y, p) =>
        {
            double r = y.Average();
            double loss = y.Select((v, i) => v == 1 ? -Math.Log(p[i]) : -Math.Log(1 - p[i])).Average();
            return loss / (-r * Math.Log(r) - (1 - r) * Math.Log(1 - r));
        };
        Assert.True(Exercise.Evaluate("07.nce", right).Succeeded);
        var unnormalised = Exercise.Evaluate("07.nce", plainLogLoss);
        Assert.Equal(0, unnormalised.Passed);
        Assert.Contains("hint: NCE = mean log loss", unnormalised.ToString());
        var unclipped = Exercise.Evaluate("07.nce", noClipping);
        Assert.Equal(3, unclipped.Passed);   // only the certain-mistake case fails
        Assert.Contains("✗ certain mistakes stay finite", unclipped.ToString());
    }

    [Fact]
    public void LabelWindow()
    {
        Func<double?[], double[], double, double> right = (delays, windows, target) =>
        {
            var clicks = delays.Where(d => d.HasValue).Select(d => d!.Value).ToArray();
            foreach (double t in windows) if (clicks.Count(d => d <= t) >= target * clicks.Length) return t;
            return double.PositiveInfinity;
        };
        Func<double?[], double[], double, double> strictlyLess = (delays, windows, target) =>
        {
            var clicks = delays.Where(d => d.HasValue).Select(d => d!.Value).ToArray();
            foreach (double t in windows) if (clicks.Count(d => d < t) >= target * clicks.Length) return t;
            return double.PositiveInfinity;
        };
        Func<double?[], double[], double, double> shareOfImpressions = (delays, windows, target) =>
        {
            foreach (double t in windows) if (delays.Count(d => d <= t) >= target * delays.Length) return t;
            return double.PositiveInfinity;
        };
        Assert.True(Exercise.Evaluate("07.label-window", right).Succeeded);
        var strict = Exercise.Evaluate("07.label-window", strictlyLess);
        Assert.False(strict.Succeeded);
        Assert.Contains("✗ a click exactly at the window counts", strict.ToString());
        var impressions = Exercise.Evaluate("07.label-window", shareOfImpressions);
        Assert.Contains("✗ impressions without a click are not in the share", impressions.ToString());
    }

    [Fact]
    public void Recalibrate()
    {
        Func<double, double, double> right = (p, w) => p / (p + (1 - p) / w);
        Func<double, double, double> scaledByRate = (p, w) => p * w;
        Assert.True(Exercise.Evaluate("07.recalibrate", right).Succeeded);
        var wrong = Exercise.Evaluate("07.recalibrate", scaledByRate);
        Assert.Equal(1, wrong.Passed);   // only w = 1 agrees; the example, the certain predictions and the grid do not
        Assert.Contains("✗ the worked example", wrong.ToString());
    }

    [Fact]
    public void HashBits()
    {
        Func<long, double, int> right = (n, limit) =>
        {
            for (int b = 1; b <= 30; b++) if (1 - Math.Pow(1 - Math.Pow(2, -b), n - 1) <= limit) return b;
            return 30;
        };
        Func<long, double, int> strict = (n, limit) =>
        {
            for (int b = 1; b <= 30; b++) if (1 - Math.Pow(1 - Math.Pow(2, -b), n - 1) < limit) return b;
            return 30;
        };
        Func<long, double, int> oneTooFew = (n, limit) => right(n, limit) - 1;
        Assert.True(Exercise.Evaluate("07.hash-bits", right).Succeeded);
        var strictReport = Exercise.Evaluate("07.hash-bits", strict);
        Assert.Equal(3, strictReport.Passed);   // the single token (0 < 0 fails) and the inclusive limit fail
        Assert.Equal(0, Exercise.Evaluate("07.hash-bits", oneTooFew).Passed);
    }
}
