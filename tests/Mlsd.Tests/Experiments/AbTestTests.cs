using Mlsd.Experiments;

namespace Mlsd.Tests.Experiments;

public class AbTestResultTests
{
    [Fact]
    public void Binary_IntervalsMatchScipyArithmetic()
    {
        // With scipy.stats.norm.ppf(0.975): unpooled SE = √(.45·.55/100 + .6·.4/100);
        // difference CI 0.013152962213704239 … 0.2868470377862957;
        // delta-method lift 1/3 with CI −0.02582837914067132 … 0.6924950458073378; pooled z-test p = 0.033672068856345855
        var r = AbTestResult.ForBinary("conversion", 45, 100, 60, 100);
        Assert.Equal(0.45, r.ControlValue, 1e-12);
        Assert.Equal(0.15, r.Difference, 1e-12);
        Assert.Equal(0.013152962213704239, r.DifferenceLow, 1e-9);
        Assert.Equal(0.2868470377862957, r.DifferenceHigh, 1e-9);
        Assert.Equal(1.0 / 3, r.RelativeLift, 1e-12);
        Assert.Equal(-0.02582837914067132, r.RelativeLiftLow, 1e-9);
        Assert.Equal(0.6924950458073378, r.RelativeLiftHigh, 1e-9);
        Assert.Equal(0.033672068856345855, r.PValue, 1e-12);
        Assert.True(r.IsSignificant);
    }

    [Fact]
    public void Binary_SummaryLine()
    {
        // scipy: z = 4.029240020403672, p = 5.6e-05; lift 0.10322580645161294, CI 0.05048302019402577 … 0.1559685927092001
        var big = AbTestResult.ForBinary("CTR", 3100, 100_000, 3420, 100_000);
        Assert.Equal("CTR 3.10% → 3.42% (+10.3%, 95% CI +5.0% … +15.6%), p < 0.0001, n = 100,000 per arm", big.ToString());

        // scipy: p = 0.20260757884389968; lift CI −0.06356152826579076 … 0.27001314116901665
        var small = AbTestResult.ForBinary("CTR", 310, 10_000, 342, 10_000);
        Assert.Equal("CTR 3.10% → 3.42% (+10.3%, 95% CI -6.4% … +27.0%), p = 0.2026, n = 10,000 per arm", small.ToString());
        Assert.False(small.IsSignificant);
    }

    [Fact]
    public void Continuous_WelchIntervals()
    {
        // scipy: t quantile stats.t.ppf(0.975, 5.520787746170677) = 2.499331087995702;
        // difference CI −0.38536807281746466 … 7.385368072817465; lift 1.4 with CI −0.6970564476772991 … 3.497056447677299
        var r = AbTestResult.ForContinuous("watch time", [1.0, 2, 3, 4], [2.0, 4, 6, 8, 10]);
        Assert.Equal(3.5, r.Difference, 1e-12);
        Assert.Equal(-0.38536807281746466, r.DifferenceLow, 1e-8);
        Assert.Equal(7.385368072817465, r.DifferenceHigh, 1e-8);
        Assert.Equal(1.4, r.RelativeLift, 1e-12);
        Assert.Equal(-0.6970564476772991, r.RelativeLiftLow, 1e-8);
        Assert.Equal(3.497056447677299, r.RelativeLiftHigh, 1e-8);
        Assert.Equal(0.06913359319239236, r.PValue, 1e-9);
        Assert.Equal("watch time 2.500 → 6.000 (+140.0%, 95% CI -69.7% … +349.7%), p = 0.0691, n = 4 control / 5 treatment", r.ToString());
    }

    [Fact]
    public void Ratio_DeltaMethod_MatchesNumpyArithmetic()
    {
        // numpy: R_c = 4/40 = 0.1, Var = (s²x − 2R sxy + R² s²y)/(n ȳ²) = 0.0013906250000000002;
        // R_t = 8/38 = 0.21052631578947367, Var = 0.0018080355430053487; z = 1.9542567343627166, p = 0.050670862780163486
        var r = AbTestResult.ForRatio("CTR",
            [1.0, 0, 2, 1, 0], [10.0, 5, 10, 8, 7],
            [2.0, 1, 3, 0, 2], [9.0, 6, 10, 5, 8], asPercentage: true);
        Assert.Equal(0.1, r.ControlValue, 1e-12);
        Assert.Equal(0.21052631578947367, r.TreatmentValue, 1e-12);
        Assert.Equal(1.9542567343627166, r.Test.Statistic, 1e-9);
        Assert.Equal(0.050670862780163486, r.PValue, 1e-9);
        Assert.StartsWith("CTR 10.00% → 21.05% (+110.5%", r.ToString());
    }

    [Fact]
    public void Html_ShowsMetricAndColoursSignificantLift()
    {
        string html = AbTestResult.ForBinary("CTR <b>", 3100, 100_000, 3420, 100_000).ToHtml();
        Assert.Contains("<table", html);
        Assert.Contains("CTR &lt;b&gt;", html);   // escaped
        Assert.Contains("+10.3%", html);
        Assert.Contains("#1a7f37", html);         // significant improvement → green
    }

    [Fact]
    public void ZeroControl_LiftIsNaN_SummaryFallsBackToDifference()
    {
        var r = AbTestResult.ForBinary("signups", 0, 100, 5, 100);
        Assert.True(double.IsNaN(r.RelativeLift));
        Assert.Contains("difference +5.00%", r.ToString());
    }
}

public class AbTestRunnerTests
{
    private sealed record User(int Id, double BaseRate);

    private static User[] Users(int n) => Enumerable.Range(0, n).Select(i => new User(i, 0.10)).ToArray();

    [Fact]
    public void Assignment_IsDeterministic_Balanced_AndSeedDependent()
    {
        int treated = 0, same = 0;
        for (int i = 0; i < 10_000; i++)
        {
            string id = "user-" + i;
            var arm = Assignment.Assign(id, seed: 1);
            Assert.Equal(arm, Assignment.Assign(id, seed: 1));
            if (arm == Arm.Treatment) treated++;
            if (arm == Assignment.Assign(id, seed: 2)) same++;
        }
        // Binomial(10 000, ½) has sd 50: a fair hash lands within ±250 (5 sd).
        Assert.InRange(treated, 4750, 5250);
        // Independent splits agree on about half the units.
        Assert.InRange(same, 4750, 5250);
    }

    [Fact]
    public void Assignment_HonoursTreatmentShare()
    {
        int treated = 0;
        for (int i = 0; i < 10_000; i++) if (Assignment.Assign(i, seed: 3, treatmentShare: 0.2) == Arm.Treatment) treated++;
        Assert.InRange(treated, 1800, 2200); // sd = 40
    }

    [Fact]
    public void Run_DoesNotDependOnUnitOrder()
    {
        var users = Users(500);
        var test = new AbTest { Seed = 11 };
        static (int Id, bool Click) Sim(User u, Arm arm, Mlsd.Sampler rng) => (u.Id, rng.Bernoulli(u.BaseRate));
        var forward = test.Run(users, u => u.Id, Sim);
        var backward = test.Run(users.Reverse(), u => u.Id, Sim);
        Assert.Equal(forward.Treatment.OrderBy(o => o.Id), backward.Treatment.OrderBy(o => o.Id));
        Assert.Equal(500, forward.Control.Count + forward.Treatment.Count);
    }

    [Fact]
    public void Run_DetectsALargeTrueEffect_AndCoversIt()
    {
        // True CTR 10 % in control and 20 % in treatment (lift +100 %); 4,000 users. Required n per arm for this effect at
        // power 0.999 is far below 2,000, so the test must be significant, and the 95 % CI should cover the true lift.
        var run = new AbTest { Seed = 5 }.Run(Users(4000), u => u.Id,
            (u, arm, rng) => rng.Bernoulli(arm == Arm.Treatment ? 2 * u.BaseRate : u.BaseRate));
        var ctr = run.Binary("CTR", clicked => clicked);
        Assert.True(ctr.PValue < 1e-6, ctr.ToString());
        Assert.InRange(1.0, ctr.RelativeLiftLow, ctr.RelativeLiftHigh);
        Assert.Equal(4000, ctr.ControlCount + ctr.TreatmentCount);
        Assert.True(run.SampleRatioPValue > 0.001, run.ToString());
    }

    [Fact]
    public void Run_AATest_ContinuousAndRatioReadouts()
    {
        // Identical arms (an A/A test): the readouts estimate the simulated means, and the report has one line per metric
        // plus the sample-ratio check.
        var run = new AbTest { Seed = 8 }.Run(Users(2000), u => u.Id,
            (u, arm, rng) => (Seconds: rng.Exponential(1 / 30.0), Clicks: rng.Poisson(1), Views: 5));
        var watch = run.Continuous("watch time", o => o.Seconds);
        var ctr = run.Ratio("CTR", o => o.Clicks, o => o.Views, asPercentage: true);
        Assert.InRange(watch.ControlValue, 27, 33); // mean 30, SE ≈ 30/√1000 ≈ 0.95
        Assert.InRange(ctr.ControlValue, 0.18, 0.22); // 1 click / 5 views
        var report = run.Report(watch, ctr);
        Assert.Equal(3, report.ToString().Split('\n').Length);
        Assert.Contains("sample-ratio check", report.ToHtml());
    }

    [Fact]
    public void SampleRatioMismatch_MatchesScipyChiSquare()
    {
        // scipy.stats.chisquare([5100, 4900]).pvalue = 0.04550026389635857 (χ² = 4, 1 df)
        var run = new AbTestRun<int>(new int[4900], new int[5100], treatmentShare: 0.5, confidenceLevel: 0.95);
        Assert.Equal(0.04550026389635857, run.SampleRatioPValue, 1e-12);
        // 20 % share: expected 2000 / 8000, observed 2100 / 7900 → χ² = 100²/2000 + 100²/8000 = 6.25;
        // scipy.stats.chi2.sf(6.25, 1) = 0.012419330651552265
        var skewed = new AbTestRun<int>(new int[7900], new int[2100], treatmentShare: 0.2, confidenceLevel: 0.95);
        Assert.Equal(0.012419330651552265, skewed.SampleRatioPValue, 1e-12);
    }

    [Fact]
    public void Run_RejectsDuplicateIds()
    {
        var ex = Assert.Throws<ArgumentException>(() => new AbTest().Run(new[] { "a", "a" }, s => s, (s, arm, rng) => 0));
        Assert.Contains("occurs twice", ex.Message);
    }
}
