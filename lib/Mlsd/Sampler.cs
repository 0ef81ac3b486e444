namespace Mlsd;

/// <summary>
/// A seeded source of the random draws synthetic worlds are built from. Every world takes one of these
/// (never <see cref="Random.Shared"/>) so that the same seed regenerates the same tables byte for byte.
/// </summary>
/// <remarks>
/// Wraps <see cref="Random"/> constructed with an explicit seed, whose sequence .NET keeps stable across
/// versions. Not thread-safe: give each thread its own sampler, derived with <see cref="Fork"/>.
/// </remarks>
public sealed class Sampler
{
    private readonly Random _random;
    private double? _spareNormal;

    /// <summary>Creates a sampler whose whole sequence is fixed by <paramref name="seed"/>.</summary>
    public Sampler(int seed)
    {
        Seed = seed;
        _random = new Random(seed);
    }

    /// <summary>The seed this sampler started from.</summary>
    public int Seed { get; }

    /// <summary>A new independent sampler, seeded from this one's stream (deterministic).</summary>
    public Sampler Fork() => new(_random.Next());

    /// <summary>Uniform on [0, 1).</summary>
    public double Uniform() => _random.NextDouble();

    /// <summary>Uniform on [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public double Uniform(double low, double high) => low + (high - low) * _random.NextDouble();

    /// <summary>Uniform integer on [0, <paramref name="maxExclusive"/>).</summary>
    public int Next(int maxExclusive) => _random.Next(maxExclusive);

    /// <summary>Uniform integer on [<paramref name="minInclusive"/>, <paramref name="maxExclusive"/>).</summary>
    public int Next(int minInclusive, int maxExclusive) => _random.Next(minInclusive, maxExclusive);

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Bernoulli(double p) => _random.NextDouble() < p;

    /// <summary>A normal draw (Box–Muller, polar form), mean <paramref name="mean"/>, standard deviation <paramref name="sd"/>.</summary>
    public double Normal(double mean = 0, double sd = 1)
    {
        if (_spareNormal is double spare)
        {
            _spareNormal = null;
            return mean + sd * spare;
        }
        double u, v, s;
        do
        {
            u = 2 * _random.NextDouble() - 1;
            v = 2 * _random.NextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double factor = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareNormal = v * factor;
        return mean + sd * u * factor;
    }

    /// <summary>An exponential draw with the given <paramref name="rate"/> (mean 1/rate).</summary>
    public double Exponential(double rate) => -Math.Log(1 - _random.NextDouble()) / rate;

    /// <summary>A Poisson draw (Knuth's method for small means, normal approximation above 30).</summary>
    public int Poisson(double mean)
    {
        if (mean <= 0) return 0;
        if (mean > 30) return Math.Max(0, (int)Math.Round(Normal(mean, Math.Sqrt(mean))));
        double limit = Math.Exp(-mean), product = _random.NextDouble();
        int k = 0;
        while (product > limit)
        {
            k++;
            product *= _random.NextDouble();
        }
        return k;
    }

    /// <summary>An index drawn with probability proportional to <paramref name="weights"/> (non-negative, not all zero).</summary>
    public int Categorical(IReadOnlyList<double> weights)
    {
        double total = 0;
        for (int i = 0; i < weights.Count; i++) total += weights[i];
        if (!(total > 0)) throw new ArgumentException("weights must be non-negative with a positive sum.", nameof(weights));
        double r = _random.NextDouble() * total;
        for (int i = 0; i < weights.Count; i++)
        {
            r -= weights[i];
            if (r < 0) return i;
        }
        return weights.Count - 1;
    }

    /// <summary>One element of <paramref name="items"/>, uniformly.</summary>
    public T Choice<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>The numbers 0..<paramref name="n"/>−1 in random order (a shuffled identity, see <see cref="Shuffle"/>).</summary>
    public int[] Permutation(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        Shuffle(p);
        return p;
    }

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher–Yates).</summary>
    public void Shuffle<T>(IList<T> items)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = _random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
