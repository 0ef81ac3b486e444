using Mlsd.Exercises;
using Mlsd.Metrics;
using Mlsd.Retrieval;

namespace Mlsd.Tests.Exercises;

/// <summary>Notebook 01's exercises: a correct answer passes every public check, a typical mistake does not.</summary>
public sealed class Catalog01Tests
{
    [Fact]
    public void ContrastiveLoss()
    {
        Func<double[], int, double, double> right = (s, pos, tau) =>
        {
            double m = s.Max() / tau;
            return m + Math.Log(s.Sum(x => Math.Exp(x / tau - m))) - s[pos] / tau;
        };
        Func<double[], int, double, double> naive = (s, pos, tau) => Math.Log(s.Sum(x => Math.Exp(x / tau))) - s[pos] / tau;
        Func<double[], int, double, double> firstIsPositive = (s, _, tau) => right(s, 0, tau);
        Func<double[], int, double, double> noTemperature = (s, pos, _) => right(s, pos, 1);
        Assert.True(Exercise.Evaluate("01.contrastive-loss", right).Succeeded);
        var overflow = Exercise.Evaluate("01.contrastive-loss", naive);
        Assert.Equal(4, overflow.Passed);   // only the tiny temperature overflows
        Assert.Contains("✗ a tiny temperature stays finite", overflow.ToString());
        Assert.Contains("✗ the positive need not come first", Exercise.Evaluate("01.contrastive-loss", firstIsPositive).ToString());
        Assert.False(Exercise.Evaluate("01.contrastive-loss", noTemperature).Succeeded);
    }

    [Fact]
    public void GradedNdcg()
    {
        static double Dcg(IEnumerable<double> g, int k, Func<double, double> gain) =>
            g.Take(k).Select((x, i) => gain(x) / Math.Log2(i + 2)).Sum();
        Func<double[], double[], int, double> right = (r, all, k) =>
        {
            double ideal = Dcg(all.OrderDescending(), k, g => Math.Pow(2, g) - 1);
            return ideal == 0 ? 0 : Dcg(r, k, g => Math.Pow(2, g) - 1) / ideal;
        };
        Func<double[], double[], int, double> linearGain = (r, all, k) =>
        {
            double ideal = Dcg(all.OrderDescending(), k, g => g);
            return ideal == 0 ? 0 : Dcg(r, k, g => g) / ideal;
        };
        Func<double[], double[], int, double> idealFromReturned = (r, _, k) => right(r, r, k);
        Func<double[], double[], int, double> noZeroGuard = (r, all, k) =>
            Dcg(r, k, g => Math.Pow(2, g) - 1) / Dcg(all.OrderDescending(), k, g => Math.Pow(2, g) - 1);
        Assert.True(Exercise.Evaluate("01.graded-ndcg", right).Succeeded);
        Assert.Contains("✗ a page of three", Exercise.Evaluate("01.graded-ndcg", linearGain).ToString());
        Assert.Contains("✗ the ideal comes from all judged grades", Exercise.Evaluate("01.graded-ndcg", idealFromReturned).ToString());
        Assert.Contains("✗ nothing relevant anywhere: the result is NaN", Exercise.Evaluate("01.graded-ndcg", noZeroGuard).ToString());
    }

    [Fact]
    public void OperatingPoint()
    {
        Func<IReadOnlyList<AnnBenchmarkPoint>, double, int> right = (points, target) =>
        {
            int best = -1;
            for (int i = 0; i < points.Count; i++)
                if (points[i].RecallAtK >= target && (best < 0 || points[i].P99LatencyMicroseconds < points[best].P99LatencyMicroseconds
                    || (points[i].P99LatencyMicroseconds == points[best].P99LatencyMicroseconds && points[i].RecallAtK > points[best].RecallAtK)))
                    best = i;
            return best;
        };
        Func<IReadOnlyList<AnnBenchmarkPoint>, double, int> byMean = (points, target) =>
        {
            var ok = Enumerable.Range(0, points.Count).Where(i => points[i].RecallAtK >= target).ToArray();
            return ok.Length == 0 ? -1 : ok.MinBy(i => points[i].MeanLatencyMicroseconds);
        };
        Func<IReadOnlyList<AnnBenchmarkPoint>, double, int> strict = (points, target) => right(points, target + 1e-9);
        Func<IReadOnlyList<AnnBenchmarkPoint>, double, int> firstOnTies = (points, target) =>
        {
            var ok = Enumerable.Range(0, points.Count).Where(i => points[i].RecallAtK >= target).ToArray();
            return ok.Length == 0 ? -1 : ok.MinBy(i => points[i].P99LatencyMicroseconds);
        };
        Assert.True(Exercise.Evaluate("01.operating-point", right).Succeeded);
        Assert.Contains("✗ the cheapest tail that meets the target", Exercise.Evaluate("01.operating-point", byMean).ToString());
        Assert.Contains("✗ the target is inclusive", Exercise.Evaluate("01.operating-point", strict).ToString());
        var ties = Exercise.Evaluate("01.operating-point", firstOnTies);
        Assert.Equal(4, ties.Passed);
        Assert.Contains("✗ equal p99: the higher recall", ties.ToString());
    }

    [Fact]
    public void PredictThenRun()
    {
        var worse = new MetricDifference("nDCG@10", 0.70, 0.60, -0.12, -0.08, 0.95, HigherIsBetter: true);
        var tie = new MetricDifference("nDCG@10", 0.70, 0.69, -0.03, 0.01, 0.95, HigherIsBetter: true);
        Assert.True(Exercise.Evaluate("01.predict-no-geometry", () => ("worse", worse)).Succeeded);
        Assert.True(Exercise.Evaluate("01.predict-no-geometry", () => ("tie", tie)).Succeeded);
        var wrong = Exercise.Evaluate("01.predict-no-geometry", () => ("better", worse));
        Assert.Equal(1, wrong.Passed);
        Assert.Contains("the run measured \"worse\"", wrong.ToString());
        Assert.Contains("hint: The query photos are shifted", wrong.ToString());
        Assert.Equal(0, Exercise.Evaluate("01.predict-no-geometry", () => ("much worse", worse)).Passed);
        Assert.Contains("Not attempted yet", Exercise.Evaluate("01.predict-no-geometry",
            new Func<(string, MetricDifference)>(() => throw new NotImplementedException())).ToString());
    }
}
