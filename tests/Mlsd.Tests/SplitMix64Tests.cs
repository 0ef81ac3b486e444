namespace Mlsd.Tests;

public class SplitMix64Tests
{
    [Fact]
    public void Poisson_HasItsMeanAndVariance()
    {
        // Poisson(λ = 1.5): mean and variance both 1.5, P(0) = e^−1.5 = 0.22313. 20,000 draws: the mean's standard error
        // is √(1.5/20000) = 0.0087, so 4 SE = 0.035; P(0)'s is √(0.2231·0.7769/20000) = 0.0029, 4 SE = 0.012.
        var rng = new SplitMix64(3, 9);
        var draws = Enumerable.Range(0, 20_000).Select(_ => rng.Poisson(1.5)).ToArray();
        double mean = draws.Average(), variance = draws.Select(d => (d - mean) * (d - mean)).Sum() / (draws.Length - 1);
        Assert.InRange(mean, 1.5 - 0.035, 1.5 + 0.035);
        Assert.InRange(variance, 1.4, 1.6);
        Assert.InRange(draws.Count(d => d == 0) / 20_000.0, 0.22313 - 0.012, 0.22313 + 0.012);
        Assert.Equal(0, new SplitMix64(1, 1).Poisson(0));
    }
}
