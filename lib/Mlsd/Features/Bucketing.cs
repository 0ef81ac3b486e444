using System.Globalization;

namespace Mlsd.Features;

/// <summary>
/// Bucketing with fixed edges: value → bucket index, so a linear model can learn a non-monotone effect (the
/// chapter's distance and price buckets) and outliers stop mattering. With edges e₀ &lt; … &lt; e_{k−1}, bucket 0 is
/// x &lt; e₀, bucket i is e_{i−1} ≤ x &lt; e_i, bucket k is x ≥ e_{k−1} (k + 1 buckets, as numpy.digitize).
/// </summary>
/// <example>Edges [10, 20]: 5 → 0, 10 → 1, 19.9 → 1, 20 → 2, 1000 → 2.</example>
public sealed class Bucketizer
{
    /// <summary>Creates the bucketizer from strictly increasing, finite <paramref name="edges"/>.</summary>
    public Bucketizer(IReadOnlyList<double> edges)
    {
        ArgumentNullException.ThrowIfNull(edges);
        for (int i = 0; i < edges.Count; i++)
        {
            if (!double.IsFinite(edges[i])) throw new ArgumentException($"edges must be finite (edge {i} is {edges[i]}).", nameof(edges));
            if (i > 0 && !(edges[i] > edges[i - 1])) throw new ArgumentException($"edges must be strictly increasing (edge {i - 1} = {edges[i - 1]}, edge {i} = {edges[i]}).", nameof(edges));
        }
        Edges = edges.ToArray();
    }

    /// <summary>The interior edges.</summary>
    public double[] Edges { get; }

    /// <summary>Number of buckets (edges + 1).</summary>
    public int BucketCount => Edges.Length + 1;

    /// <summary>The bucket of <paramref name="value"/>: the number of edges ≤ value. NaN is rejected (impute first).</summary>
    public int Bucket(double value)
    {
        if (double.IsNaN(value)) throw new ArgumentException("value is NaN; impute missing values (or give them their own bucket) before bucketing.", nameof(value));
        return SortedSearch.UpperBound<double>(Edges, value);
    }

    /// <summary>The bucket of every value.</summary>
    public int[] Transform(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var buckets = new int[values.Count];
        for (int i = 0; i < buckets.Length; i++) buckets[i] = Bucket(values[i]);
        return buckets;
    }

    /// <summary>Interval labels per bucket, e.g. ["(-∞, 10)", "[10, 20)", "[20, ∞)"].</summary>
    public string[] Labels()
    {
        var labels = new string[BucketCount];
        for (int b = 0; b < labels.Length; b++)
        {
            string lo = b == 0 ? "(-∞" : "[" + Edges[b - 1].ToString("G6", CultureInfo.InvariantCulture);
            string hi = b == Edges.Length ? "∞)" : Edges[b].ToString("G6", CultureInfo.InvariantCulture) + ")";
            labels[b] = lo + ", " + hi;
        }
        return labels;
    }

    /// <summary>The buckets as intervals.</summary>
    public override string ToString() => $"Bucketizer: {string.Join(" ", Labels())}";
}

/// <summary>
/// Quantile bucketing: edges at the training data's quantiles, so each bucket holds about the same number of rows
/// whatever the distribution's shape — as scikit-learn's KBinsDiscretizer(strategy="quantile", encode="ordinal"):
/// percentiles by linear interpolation, edges closer than 1e-8 merged, values outside the training range
/// clipped to the first/last bucket.
/// </summary>
/// <example>4 buckets fitted on 1..8: edges at 2.75, 4.5, 6.25 → values 1,2 | 3,4 | 5,6 | 7,8 in buckets 0–3.</example>
public sealed class QuantileBucketizer
{
    private Bucketizer? _bucketizer;

    /// <summary>Requested number of buckets (fewer result when quantiles coincide).</summary>
    public int Buckets { get; init; } = 4;

    /// <summary>The fitted fixed-edge bucketizer.</summary>
    public Bucketizer Bucketizer => _bucketizer ?? throw StandardScaler.NotFitted();

    /// <summary>The interior edges learned by Fit.</summary>
    public double[] Edges => Bucketizer.Edges;

    /// <summary>Buckets actually produced.</summary>
    public int BucketCount => Bucketizer.BucketCount;

    /// <summary>Learns edges at the 1/Buckets, 2/Buckets, … quantiles of <paramref name="values"/> (NaN not allowed).</summary>
    public QuantileBucketizer Fit(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (Buckets < 1) throw new ArgumentOutOfRangeException(nameof(Buckets), Buckets, "Buckets must be at least 1.");
        if (values.Count == 0) throw new ArgumentException("at least one value is needed.", nameof(values));
        var sorted = values.ToArray();
        if (sorted.Any(double.IsNaN)) throw new ArgumentException("values contain NaN; impute first.", nameof(values));
        Array.Sort(sorted);
        var all = new double[Buckets + 1];
        for (int k = 0; k <= Buckets; k++) all[k] = Percentile(sorted, 100.0 * k / Buckets);
        var kept = new List<double> { all[0] };
        for (int k = 1; k < all.Length; k++) if (all[k] - kept[^1] > 1e-8) kept.Add(all[k]);
        // Interior edges: drop the minimum and the maximum.
        var interior = kept.Count > 2 ? kept.GetRange(1, kept.Count - 2) : [];
        _bucketizer = new Bucketizer(interior);
        return this;
    }

    /// <summary>The bucket of every value.</summary>
    public int[] Transform(IReadOnlyList<double> values) => Bucketizer.Transform(values);

    /// <summary>Fit then Transform.</summary>
    public int[] FitTransform(IReadOnlyList<double> values) => Fit(values).Transform(values);

    /// <summary>The learned buckets.</summary>
    public override string ToString() => _bucketizer is null ? "QuantileBucketizer (not fitted)" : "Quantile" + _bucketizer;

    /// <summary>numpy's default ("linear") percentile of sorted data: position q/100 × (n − 1), interpolated.</summary>
    internal static double Percentile(double[] sorted, double q)
    {
        double pos = q / 100 * (sorted.Length - 1);
        int lo = (int)Math.Floor(pos);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        double frac = pos - lo;
        return sorted[lo] + (sorted[hi] - sorted[lo]) * frac;
    }
}
