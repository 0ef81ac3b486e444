using System.Text;

namespace Mlsd.Experiments;

/// <summary>The two arms of an A/B test.</summary>
public enum Arm
{
    /// <summary>The current system (A).</summary>
    Control,

    /// <summary>The candidate (B).</summary>
    Treatment,
}

/// <summary>
/// Deterministic random assignment of units (users, sessions, requests) to arms by hashing the unit id
/// with the experiment's seed — the way production experiment platforms bucket traffic: no assignment
/// table to store, the same user lands in the same arm on every request and every server, and a new
/// seed (experiment) reshuffles everyone independently of the last one.
/// </summary>
/// <remarks>
/// The hash is 64-bit FNV-1a over the seed and the UTF-8 bytes of the id, finished with the SplitMix64
/// mixer so nearby ids and seeds spread evenly; the top 53 bits give a uniform number u in [0, 1), and the
/// unit is in treatment when u &lt; the treatment share. It never uses <see cref="string.GetHashCode()"/>, which
/// .NET randomises per process. Reference: Kohavi, Tang &amp; Xu, <i>Trustworthy Online Controlled
/// Experiments</i> (2020), ch. 4 (randomization unit and bucketing).
/// </remarks>
public static class Assignment
{
    /// <summary>The arm of <paramref name="unitId"/> in the experiment identified by <paramref name="seed"/>.</summary>
    /// <param name="unitId">Stable id of the randomization unit (e.g. a user id).</param>
    /// <param name="seed">Experiment seed; different seeds give independent splits.</param>
    /// <param name="treatmentShare">Share of units sent to treatment, in (0, 1); default ½.</param>
    /// <exception cref="ArgumentException">Null id or a share outside (0, 1).</exception>
    public static Arm Assign(string unitId, int seed, double treatmentShare = 0.5)
    {
        CheckShare(treatmentShare);
        return Bucket(unitId, seed) < treatmentShare ? Arm.Treatment : Arm.Control;
    }

    /// <summary>The arm of a numeric <paramref name="unitId"/>; same as the string overload on its decimal text.</summary>
    /// <param name="unitId">Stable id of the randomization unit.</param>
    /// <param name="seed">Experiment seed.</param>
    /// <param name="treatmentShare">Share of units sent to treatment, in (0, 1); default ½.</param>
    /// <exception cref="ArgumentException">A share outside (0, 1).</exception>
    public static Arm Assign(long unitId, int seed, double treatmentShare = 0.5)
        => Assign(unitId.ToString(System.Globalization.CultureInfo.InvariantCulture), seed, treatmentShare);

    /// <summary>The unit's uniform hash value in [0, 1) for this seed (what <see cref="Assign(string, int, double)"/> compares with the share).</summary>
    /// <param name="unitId">Stable id of the unit.</param>
    /// <param name="seed">Experiment seed.</param>
    /// <exception cref="ArgumentNullException">Null id.</exception>
    public static double Bucket(string unitId, int seed) => (Hash64(unitId, seed) >> 11) * (1.0 / (1UL << 53));

    /// <summary>A 64-bit hash of (seed, id): FNV-1a then the SplitMix64 finaliser.</summary>
    internal static ulong Hash64(string unitId, int seed)
    {
        ArgumentNullException.ThrowIfNull(unitId);
        const ulong offset = 14695981039346656037UL, prime = 1099511628211UL;
        ulong h = offset;
        for (int i = 0; i < 4; i++)
        {
            h ^= (byte)(seed >> (8 * i));
            h *= prime;
        }
        Span<byte> buffer = stackalloc byte[256];
        int count = Encoding.UTF8.GetMaxByteCount(unitId.Length) <= buffer.Length
            ? Encoding.UTF8.GetBytes(unitId, buffer)
            : -1;
        ReadOnlySpan<byte> bytes = count >= 0 ? buffer[..count] : Encoding.UTF8.GetBytes(unitId);
        foreach (byte b in bytes)
        {
            h ^= b;
            h *= prime;
        }
        return Mix(h);
    }

    /// <summary>SplitMix64's output function (Steele, Lea &amp; Flood, OOPSLA 2014).</summary>
    internal static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    internal static void CheckShare(double treatmentShare)
    {
        if (!(treatmentShare > 0 && treatmentShare < 1))
            throw new ArgumentOutOfRangeException(nameof(treatmentShare), treatmentShare,
                $"treatmentShare must be in (0, 1) (got {treatmentShare.ToString(System.Globalization.CultureInfo.InvariantCulture)}).");
    }
}
