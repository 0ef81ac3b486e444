namespace Mlsd;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014): a mixing
/// function that turns a few integers into a well-spread seed, and a random stream that costs nothing to create.
/// </summary>
/// <remarks>
/// A simulator needs one random stream per unit (a request, a user on a day) so that what happens to that unit
/// depends only on its keys, never on the policy served or on the order units are visited in. A seeded
/// <see cref="Sampler"/> (System.Random) takes microseconds to create; this stream is a single ulong, which matters
/// at tens of thousands of units per simulated day.
/// </remarks>
internal struct SplitMix64
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private ulong _state;
    private double? _spareNormal;

    /// <summary>A stream keyed by (<paramref name="seed"/>, <paramref name="key"/>).</summary>
    public SplitMix64(int seed, int key) => _state = (ulong)(uint)Seed(seed, key) << 32 ^ (uint)key;

    /// <summary>SplitMix64's finaliser: every input bit affects every output bit.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A non-negative 31-bit seed from two integers.</summary>
    public static int Seed(int a, int b) => (int)(Mix((ulong)(uint)a * Golden ^ ((ulong)(uint)b + 0x632BE59BD9B4E019UL)) & 0x7FFFFFFF);

    /// <summary>A non-negative 31-bit seed from three integers (its own combination, not <c>Seed(Seed(a, b), c)</c>).</summary>
    public static int Seed(int a, int b, int c)
    {
        ulong x = (ulong)(uint)a * Golden;
        x ^= (ulong)(uint)b * 0xC2B2AE3D27D4EB4FUL + 0x165667B19E3779F9UL;
        x ^= (ulong)(uint)c * 0xD6E8FEB86659FD93UL;
        return (int)(Mix(x) & 0x7FFFFFFF);
    }

    /// <summary>Uniform on [0, 1), 53 random bits.</summary>
    public double Uniform()
    {
        _state += Golden;
        return (Mix(_state) >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>A uniform integer in [0, <paramref name="n"/>), for n ≥ 1 (Lemire's multiply-shift on the top 32 bits;
    /// the bias is below n / 2³², negligible for resampling).</summary>
    public int Below(int n)
    {
        _state += Golden;
        return (int)(((Mix(_state) >> 32) * (ulong)n) >> 32);
    }

    /// <summary>A standard normal draw (Box–Muller, both values used).</summary>
    public double Normal()
    {
        if (_spareNormal is double spare)
        {
            _spareNormal = null;
            return spare;
        }
        double u = 1 - Uniform(), v = Uniform();
        double r = Math.Sqrt(-2 * Math.Log(u));
        _spareNormal = r * Math.Sin(2 * Math.PI * v);
        return r * Math.Cos(2 * Math.PI * v);
    }

    /// <summary>An exponential draw with the given <paramref name="rate"/> (mean 1/rate).</summary>
    public double Exponential(double rate) => -Math.Log(1 - Uniform()) / rate;

    /// <summary>A Poisson draw with the given <paramref name="mean"/> (Knuth's product of uniforms: k + 1 draws for
    /// result k, so keep the mean small — a few per unit, as the worlds' visits and payments per day are).</summary>
    public int Poisson(double mean)
    {
        double limit = Math.Exp(-mean), product = Uniform();
        int k = 0;
        while (product > limit) { k++; product *= Uniform(); }
        return k;
    }
}
