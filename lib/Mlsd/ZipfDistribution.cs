namespace Mlsd;

/// <summary>
/// Draws ranks 0..n−1 with probability ∝ 1/(rank+1)^s — the long-tailed popularity of items, users and
/// queries in every case study (a few items take most traffic; most items are rarely seen).
/// </summary>
public sealed class ZipfDistribution
{
    private readonly double[] _cdf;

    /// <summary>Precomputes the CDF over <paramref name="n"/> ranks with exponent <paramref name="exponent"/> (≈1 for web popularity).</summary>
    public ZipfDistribution(int n, double exponent)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "n must be at least 1.");
        if (exponent < 0) throw new ArgumentOutOfRangeException(nameof(exponent), exponent, "exponent must be non-negative.");
        _cdf = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) _cdf[i] = total += 1.0 / Math.Pow(i + 1, exponent);
        for (int i = 0; i < n; i++) _cdf[i] /= total;
        Exponent = exponent;
    }

    /// <summary>The number of ranks.</summary>
    public int Count => _cdf.Length;

    /// <summary>The exponent s.</summary>
    public double Exponent { get; }

    /// <summary>P(rank = <paramref name="rank"/>).</summary>
    public double Probability(int rank) => rank == 0 ? _cdf[0] : _cdf[rank] - _cdf[rank - 1];

    /// <summary>A rank drawn from the distribution (binary search on the CDF).</summary>
    public int Sample(Sampler sampler)
    {
        double u = sampler.Uniform();
        int i = Array.BinarySearch(_cdf, u);
        if (i < 0) i = ~i;
        return Math.Min(i, _cdf.Length - 1);
    }
}
