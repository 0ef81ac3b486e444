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
        // Odds after sampling = odds × w₊ / w₋, so the original odds are the sampled odds × w₋ / w₊.
        Func<double, double, double, double> right = (p, wp, wn) => p / wp / (p / wp + (1 - p) / wn);
        Func<double, double, double, double> negativesOnly = (p, wp, wn) => p / (p + (1 - p) / wn);
        Func<double, double, double, double> inverted = (p, wp, wn) => p / wn / (p / wn + (1 - p) / wp);
        Assert.True(Exercise.Evaluate("07.recalibrate", right).Succeeded);
        var ignoresPositives = Exercise.Evaluate("07.recalibrate", negativesOnly);
        Assert.Equal(2, ignoresPositives.Passed);   // right only when every click is kept, or p is 0 or 1
        Assert.Contains("✗ a hand-worked case", ignoresPositives.ToString());
        Assert.Contains("✗ thinning both classes alike changes nothing", ignoresPositives.ToString());
        var wrongWay = Exercise.Evaluate("07.recalibrate", inverted);
        Assert.False(wrongWay.Succeeded);
        Assert.Contains("✗ only negatives thinned", wrongWay.ToString());
    }

    [Fact]
    public void Ship()
    {
        Func<(string Name, double DeltaLower, double DeltaUpper, double P99Ms)[], double, string?> right = (models, budget) =>
        {
            var fits = models.Where(m => m.P99Ms <= budget).ToArray();
            var gains = fits.Where(m => m.DeltaUpper < 0).OrderBy(m => m.P99Ms).ToArray();
            if (gains.Length > 0) return gains[0].Name;
            return fits.Where(m => m.DeltaLower <= 0).OrderBy(m => m.P99Ms).Select(m => m.Name).FirstOrDefault();
        };
        // The mistake the notebook warns against: ship the best point estimate (midpoint of the interval).
        Func<(string Name, double DeltaLower, double DeltaUpper, double P99Ms)[], double, string?> bestPoint = (models, budget) =>
            models.Where(m => m.P99Ms <= budget).OrderBy(m => m.DeltaLower + m.DeltaUpper).Select(m => m.Name).FirstOrDefault();
        Func<(string Name, double DeltaLower, double DeltaUpper, double P99Ms)[], double, string?> cheapest = (models, budget) =>
            models.Where(m => m.P99Ms <= budget).OrderBy(m => m.P99Ms).Select(m => m.Name).FirstOrDefault();
        Assert.True(Exercise.Evaluate("07.ship", right).Succeeded);
        var point = Exercise.Evaluate("07.ship", bestPoint);
        Assert.False(point.Succeeded);
        Assert.Contains("✗ ties: ship the cheapest", point.ToString());
        Assert.Contains("✗ among clear gains, the cheaper", point.ToString());
        var cheap = Exercise.Evaluate("07.ship", cheapest);
        Assert.Contains("✗ a clear gain within budget wins", cheap.ToString());
        Assert.Contains("✗ a cheap model that is clearly worse is not a tie", cheap.ToString());
    }

    [Fact]
    public void PredictDownsampling()
    {
        Assert.True(Exercise.Evaluate("07.predict-downsampling", () => ("higher", 0.150, 0.160)).Succeeded);
        Assert.True(Exercise.Evaluate("07.predict-downsampling", () => ("about the same", 0.150, 0.1505)).Succeeded);
        var wrong = Exercise.Evaluate("07.predict-downsampling", () => ("lower", 0.150, 0.160));
        Assert.Equal(2, wrong.Passed);
        Assert.Contains("the run measured higher", wrong.ToString());
        var vague = Exercise.Evaluate("07.predict-downsampling", () => ("maybe", 0.150, 0.160));
        Assert.Contains("✗ a prediction in words", vague.ToString());
        var notMeasured = Exercise.Evaluate("07.predict-downsampling", () => ("higher", 0.0, double.NaN));
        Assert.Contains("✗ the measurement comes from the run", notMeasured.ToString());
        Assert.Contains("Not attempted", Exercise.Evaluate("07.predict-downsampling",
            new Func<(string, double, double)>(() => throw new NotImplementedException())).ToString());
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
