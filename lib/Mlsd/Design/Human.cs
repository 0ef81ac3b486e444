using System.Globalization;

namespace Mlsd.Design;

/// <summary>
/// Back-of-envelope numbers the way people say them in a design interview: two significant figures and a
/// suffix — "1.2 B", "3.4 TB", "46k QPS".
/// </summary>
/// <remarks>
/// Counts use k (thousand, written attached as in speech: "46k"), M, B (billion) and T; bytes use decimal SI units
/// (1 kB = 1000 B), the convention of capacity estimates, where powers of ten keep mental arithmetic easy.
/// Values below 10 of their unit keep one decimal ("3.4"), larger ones are rounded to whole units ("46", "460").
/// </remarks>
public static class Human
{
    private static readonly string[] CountSuffixes = ["", "k", " M", " B", " T"];
    private static readonly string[] ByteUnits = [" B", " kB", " MB", " GB", " TB", " PB", " EB"];

    /// <summary>A count: 950 → "950", 46_300 → "46k", 3_400_000 → "3.4 M", 1.2e9 → "1.2 B".</summary>
    public static string Count(double value) => Scaled(value, CountSuffixes, "");

    /// <summary>A size in bytes (decimal units): 512 → "512 B", 3.4e12 → "3.4 TB".</summary>
    public static string Bytes(double bytes)
    {
        if (bytes < 0) throw new ArgumentOutOfRangeException(nameof(bytes), $"bytes must be non-negative (got {bytes}).");
        return Scaled(bytes, ByteUnits, " B");
    }

    /// <summary>A request rate: 46_300 → "46k QPS".</summary>
    public static string Qps(double queriesPerSecond) => Count(queriesPerSecond) + " QPS";

    /// <summary>A duration in milliseconds: 0.25 → "0.25 ms", 200 → "200 ms", 1500 → "1.5 s".</summary>
    public static string Milliseconds(double ms)
    {
        if (double.IsNaN(ms)) return "NaN";
        if (Math.Abs(ms) >= 1000) return Round2(ms / 1000) + " s";
        return (Math.Abs(ms) < 1 ? ms.ToString("0.##", CultureInfo.InvariantCulture) : Round2(ms)) + " ms";
    }

    private static string Scaled(double value, string[] units, string zeroUnit)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsInfinity(value)) return value > 0 ? "∞" : "-∞";
        if (value == 0) return "0" + (zeroUnit.Length > 0 ? zeroUnit : units[0]);
        double magnitude = Math.Abs(value);
        int unit = 0;
        while (unit < units.Length - 1 && magnitude >= 1000)
        {
            magnitude /= 1000;
            unit++;
        }
        string text = Round2(magnitude);
        if (text == "1000" && unit < units.Length - 1)
        {
            // 999.6k rounds to "1000k": say "1 M" instead.
            unit++;
            text = "1";
        }
        return (value < 0 ? "-" : "") + text + units[unit];
    }

    /// <summary>One decimal below 10 (dropping ".0"), whole numbers from 10 up.</summary>
    private static string Round2(double magnitude)
    {
        double rounded = magnitude < 9.95 ? Math.Round(magnitude, 1, MidpointRounding.AwayFromZero) : Math.Round(magnitude, 0, MidpointRounding.AwayFromZero);
        return rounded.ToString(rounded < 10 ? "0.#" : "0", CultureInfo.InvariantCulture);
    }
}
