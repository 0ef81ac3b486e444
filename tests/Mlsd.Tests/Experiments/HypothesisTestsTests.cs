using Mlsd.Experiments;

namespace Mlsd.Tests.Experiments;

public class HypothesisTestsTests
{
    [Fact]
    public void TwoProportionZTest_MatchesScipy()
    {
        // z by hand: p̂ = 105/200 = 0.525, SE = √(0.525·0.475·(1/100 + 1/100)) = 0.0706222…, z = 0.15/SE = 2.1239769762143657;
        // p = 2·scipy.stats.norm.sf(z) = 0.033672068856345855, equal to scipy.stats.chi2_contingency([[45,55],[60,40]],
        // correction=False) p-value 0.033672068856345896 (χ² = 4.511278195488721 = z²).
        var r = HypothesisTests.TwoProportionZTest(45, 100, 60, 100);
        Assert.Equal(2.1239769762143657, r.Statistic, 1e-12);
        Assert.Equal(0.033672068856345855, r.PValue, 1e-12);
        Assert.True(double.IsPositiveInfinity(r.DegreesOfFreedom));
    }

    [Fact]
    public void TwoProportionZTest_IsSymmetricInSign()
    {
        var r = HypothesisTests.TwoProportionZTest(60, 100, 45, 100);
        Assert.Equal(-2.1239769762143657, r.Statistic, 1e-12);
        Assert.Equal(0.033672068856345855, r.PValue, 1e-12);
    }

    [Fact]
    public void TwoProportionZTest_NoVariation_IsPOne()
    {
        Assert.Equal(1.0, HypothesisTests.TwoProportionZTest(0, 50, 0, 60).PValue);
    }

    [Fact]
    public void WelchTTest_MatchesScipy()
    {
        // scipy.stats.ttest_ind([2,4,6,8,10], [1,2,3,4], equal_var=False): statistic 2.2514363231593695, pvalue 0.06913359319239236;
        // Welch–Satterthwaite df by formula (s²/n = 5/12 and 10/5): 5.520787746170677
        var r = HypothesisTests.WelchTTest([1.0, 2, 3, 4], [2.0, 4, 6, 8, 10]);
        Assert.Equal(2.2514363231593695, r.Statistic, 1e-12);
        Assert.Equal(5.520787746170677, r.DegreesOfFreedom, 1e-10);
        Assert.Equal(0.06913359319239236, r.PValue, 1e-9);
        Assert.StartsWith("t = 2.251 (df = 5.5), p = 0.0691", r.ToString());
    }

    [Fact]
    public void WelchTTest_FromSummaryStatistics_EqualsFromSamples()
    {
        // means 2.5 and 6, variances 5/3 and 10 (ddof = 1), n 4 and 5: same test as the samples above.
        var r = HypothesisTests.WelchTTest(2.5, 5.0 / 3, 4, 6, 10, 5);
        Assert.Equal(2.2514363231593695, r.Statistic, 1e-12);
    }

    [Fact]
    public void BadInput_Throws()
    {
        var n = Assert.ThrowsAny<ArgumentException>(() => HypothesisTests.TwoProportionZTest(5, 0, 1, 10));
        Assert.Equal("nA", n.ParamName);
        var s = Assert.ThrowsAny<ArgumentException>(() => HypothesisTests.TwoProportionZTest(5, 10, 11, 10));
        Assert.Equal("successesB", s.ParamName);
        var few = Assert.Throws<ArgumentException>(() => HypothesisTests.WelchTTest([1.0], [1.0, 2.0]));
        Assert.Contains("at least 2 values", few.Message);
        Assert.Throws<ArgumentException>(() => HypothesisTests.WelchTTest([1.0, double.NaN], [1.0, 2.0]));
    }
}

public class SampleSizeTests
{
    [Fact]
    public void TwoProportions_REDocumentationExample()
    {
        // R: power.prop.test(p1 = .50, p2 = .75, power = .90) → n = 76.7 per group (the help page's example);
        // the formula evaluated with scipy.stats.norm.ppf gives 76.70692845177743.
        Assert.Equal(76.70692845177743, SampleSize.PerArmExact(0.5, 0.75, 0.05, 0.9), 1e-9);
        Assert.Equal(77, SampleSize.PerArm(0.5, 0.75, 0.05, 0.9));
        Assert.Equal(77, SampleSize.PerArmForRelativeLift(0.5, 0.5, 0.05, 0.9));
    }

    [Fact]
    public void TwoProportions_CtrExample()
    {
        // 3.1 % → 3.41 % (+10 % relative), α = 0.05, power 0.8: formula with scipy = 51437.97352453459 → 51,438 per arm
        Assert.Equal(51438, SampleSize.PerArm(0.031, 0.0341));
    }

    [Fact]
    public void Means_ByHand()
    {
        // 2·(z_.975 + z_.8)²·σ²/δ² = 2·(1.959964 + 0.841621)²·1/0.25 = 62.79103787479271 (scipy) → 63
        Assert.Equal(63, SampleSize.PerArmForMeans(1, 0.5));
        // van Belle's rule of thumb n ≈ 16σ²/δ² = 64 is close.
    }

    [Fact]
    public void BadInput_Throws()
    {
        Assert.ThrowsAny<ArgumentException>(() => SampleSize.PerArm(0.1, 0.1));
        var rate = Assert.ThrowsAny<ArgumentException>(() => SampleSize.PerArm(0, 0.1));
        Assert.Equal("baselineRate", rate.ParamName);
        Assert.ThrowsAny<ArgumentException>(() => SampleSize.PerArmForRelativeLift(0.6, 1.0));
        Assert.ThrowsAny<ArgumentException>(() => SampleSize.PerArmForMeans(1, 0));
    }
}
