using System.Globalization;

namespace Mlsd.Data.Synthetic;

/// <summary>
/// The examination hypothesis for simulated users: an item at rank r (0 = top) is looked at with probability
/// 1/(1 + r)^η, and clicked if looked at and attractive. So clicks confound relevance with position — which is
/// why a logged CTR favours whatever was already ranked high, and why IPS weights exist.
/// </summary>
/// <remarks>
/// Richardson, Dominowska &amp; Ragno (WWW 2007) and Craswell et al., "An experimental comparison of click
/// position-bias models" (WSDM 2008); the power-law form with η ≈ 1 follows Joachims, Swaminathan &amp; Schnabel,
/// "Unbiased Learning-to-Rank with Biased Feedback" (WSDM 2017).
/// </remarks>
public sealed class PositionBiasModel
{
    /// <summary>Creates the model with severity <paramref name="eta"/> (0 = no position bias; 1 is typical; 2 is steep).</summary>
    public PositionBiasModel(double eta = 1.0)
    {
        if (!(eta >= 0)) throw new ArgumentOutOfRangeException(nameof(eta), eta, "eta must be non-negative.");
        Eta = eta;
    }

    /// <summary>The severity exponent η.</summary>
    public double Eta { get; }

    /// <summary>P(examined | rank) = 1/(1 + rank)^η, rank 0-based.</summary>
    /// <example>η = 1: rank 0 → 1, rank 1 → 0.5, rank 3 → 0.25.</example>
    public double ExaminationProbability(int rank)
    {
        if (rank < 0) throw new ArgumentOutOfRangeException(nameof(rank), rank, "rank must be non-negative (0 = top).");
        return Math.Pow(1 + rank, -Eta);
    }

    /// <summary>P(click) = P(examined | rank) × <paramref name="attractiveness"/> (the item's click probability when seen).</summary>
    public double ClickProbability(int rank, double attractiveness)
    {
        if (!(attractiveness >= 0 && attractiveness <= 1)) throw new ArgumentOutOfRangeException(nameof(attractiveness), attractiveness, "attractiveness must be in [0, 1].");
        return ExaminationProbability(rank) * attractiveness;
    }

    /// <summary>Inverse-propensity weight 1 / P(examined | rank) that debiases a click at that rank.</summary>
    public double InversePropensityWeight(int rank) => 1.0 / ExaminationProbability(rank);

    /// <summary>Draws one click for an item at <paramref name="rank"/>.</summary>
    public bool SampleClick(Sampler sampler, int rank, double attractiveness)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        return sampler.Bernoulli(ClickProbability(rank, attractiveness));
    }

    /// <summary>Draws clicks for a ranked list, given each item's attractiveness in rank order.</summary>
    public bool[] SampleClicks(Sampler sampler, IReadOnlyList<double> attractivenessInRankOrder)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        ArgumentNullException.ThrowIfNull(attractivenessInRankOrder);
        var clicks = new bool[attractivenessInRankOrder.Count];
        for (int r = 0; r < clicks.Length; r++) clicks[r] = SampleClick(sampler, r, attractivenessInRankOrder[r]);
        return clicks;
    }

    /// <summary>A summary such as <c>position bias 1/(1+rank)^1</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"position bias 1/(1+rank)^{Eta}");
}
