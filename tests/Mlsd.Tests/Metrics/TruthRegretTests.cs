using Mlsd.Metrics;

namespace Mlsd.Tests.Metrics;

public class TruthRegretTests
{
    [Fact]
    public void Kl_matches_hand_worked_values()
    {
        // 0.5 ln(0.5/0.25) + 0.5 ln(0.5/0.75) = 0.5 ln(4/3); 0.1 ln(0.1/0.2) + 0.9 ln(0.9/0.8) (worked in Python).
        var kl = TruthRegret.BernoulliKullbackLeibler([0.5, 0.1, 0.3], [0.25, 0.2, 0.3]);
        Assert.Equal(0.14384103622589042, kl[0], 12);
        Assert.Equal(0.036690014034750584, kl[1], 12);
        Assert.Equal(0, kl[2], 12);
    }

    [Fact]
    public void Normalized_regret_matches_hand_worked_values()
    {
        Assert.Equal(0.20751874963942185, TruthRegret.NormalizedRegret([0.5], [0.25]), 12);
        // mean KL (0.036690… + 0) / 2 over H(0.2) = −0.2 ln 0.2 − 0.8 ln 0.8.
        Assert.Equal(0.036660507932122964, TruthRegret.NormalizedRegret([0.1, 0.3], [0.2, 0.3]), 12);
        Assert.Equal(0, TruthRegret.NormalizedRegret([0.1, 0.4], [0.1, 0.4]), 12);
    }

    [Fact]
    public void A_certain_truth_costs_only_the_clipped_side()
    {
        // p = 0: KL = ln(1/(1 − q)); a prediction of 1 is clipped, so the result stays finite.
        Assert.Equal(-Math.Log(0.5), TruthRegret.BernoulliKullbackLeibler([0.0], [0.5])[0], 12);
        Assert.True(double.IsFinite(TruthRegret.BernoulliKullbackLeibler([0.0], [1.0])[0]));
    }

    [Fact]
    public void Bad_input_names_the_argument()
    {
        Assert.Contains("predicted", Assert.Throws<ArgumentException>(() => TruthRegret.BernoulliKullbackLeibler([0.1], [0.1, 0.2])).Message);
        Assert.Contains("truth[1]", Assert.Throws<ArgumentException>(() => TruthRegret.BernoulliKullbackLeibler([0.1, 1.5], [0.1, 0.2])).Message);
        Assert.Contains("predicted[0]", Assert.Throws<ArgumentException>(() => TruthRegret.NormalizedRegret([0.1], [double.NaN])).Message);
        Assert.Throws<ArgumentException>(() => TruthRegret.NormalizedRegret([0.0, 0.0], [0.1, 0.1]));
    }
}
