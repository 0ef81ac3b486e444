namespace Mlsd.Features;

/// <summary>
/// Declared feature crosses: pairs of fields whose <i>combination</i> becomes a feature of its own, such as
/// <c>user_country × ad_language</c> or <c>device × hour</c>. A linear model scores features one at a time, so it
/// cannot learn "this ad works on mobile in the evening" unless that conjunction is a column; crossing makes it one.
/// Crossed tokens are hashed like any other (<see cref="FeatureHasher"/>), which keeps the exploding number of
/// combinations in a fixed-size space.
/// </summary>
/// <remarks>
/// Tokens: categorical × categorical → <c>a=x^b=y</c> with value 1; categorical × numeric → <c>a=x^b</c> with the
/// number as value; numeric × numeric → <c>a^b</c> with the product. A missing side means no cross for that row.
/// Reference: McMahan et al. 2013, "Ad Click Prediction: a View from the Trenches" (KDD), and the "wide" part of
/// Cheng et al. 2016, "Wide &amp; Deep Learning for Recommender Systems".
/// </remarks>
public sealed class FeatureCrosses
{
    private readonly (string First, string Second)[] _pairs;

    /// <summary>Declares the crossed pairs, e.g. <c>new FeatureCrosses(("device", "hour"), ("user", "ad"))</c>.</summary>
    /// <exception cref="ArgumentException">A field name is empty, a pair crosses a field with itself, or a pair repeats.</exception>
    public FeatureCrosses(params (string First, string Second)[] pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var seen = new HashSet<(string, string)>();
        for (int i = 0; i < pairs.Length; i++)
        {
            var (a, b) = pairs[i];
            if (string.IsNullOrEmpty(a) || string.IsNullOrEmpty(b))
                throw new ArgumentException($"pair {i} has an empty field name.", nameof(pairs));
            if (a == b) throw new ArgumentException($"pair {i} crosses '{a}' with itself.", nameof(pairs));
            var key = string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a);
            if (!seen.Add(key))
                throw new ArgumentException($"pair {i} ({a}, {b}) is declared twice (in either order).", nameof(pairs));
        }
        _pairs = (ValueTuple<string, string>[])pairs.Clone();
    }

    /// <summary>Every pair of the given fields (n·(n−1)/2 crosses), in the order listed.</summary>
    public static FeatureCrosses AllPairs(params string[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var pairs = new List<(string, string)>();
        for (int i = 0; i < fields.Length; i++)
            for (int j = i + 1; j < fields.Length; j++)
                pairs.Add((fields[i], fields[j]));
        return new FeatureCrosses(pairs.ToArray());
    }

    /// <summary>The declared pairs, in order.</summary>
    public IReadOnlyList<(string First, string Second)> Pairs => _pairs;

    /// <summary>
    /// The token for one crossed value. Pass null for <paramref name="valueA"/> / <paramref name="valueB"/> when that
    /// side is numeric. E.g. <c>CrossToken("device", "mobile", "hour", "20") = "device=mobile^hour=20"</c>.
    /// </summary>
    public static string CrossToken(string fieldA, string? valueA, string fieldB, string? valueB) =>
        (valueA is null ? fieldA : fieldA + "=" + valueA) + "^" + (valueB is null ? fieldB : fieldB + "=" + valueB);

    /// <summary>E.g. <c>FeatureCrosses(device×hour, user×ad)</c>.</summary>
    public override string ToString() => "FeatureCrosses(" + string.Join(", ", _pairs.Select(p => p.First + "×" + p.Second)) + ")";
}
