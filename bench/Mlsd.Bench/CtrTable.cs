using System.Globalization;
using System.Text;
using Mlsd.Features;

namespace Mlsd.Bench;

/// <summary>
/// A seeded synthetic click log: numeric features (historical CTRs, position, hour, price, age with missing
/// values, noise) and categorical IDs (device, site and ad category, user, ad, country), with a non-linear
/// ground-truth click probability (thresholds, a bump, category × category affinities, hour × device,
/// a sine × noise interaction). The same seed always gives the same table.
/// </summary>
public sealed class CtrTable
{
    public static readonly string[] NumericNames =
        ["ad_ctr_hist", "user_ctr_hist", "position", "hour", "price", "user_age", "ad_age_days", "noise_a", "noise_b", "noise_c"];
    public static readonly string[] CategoricalNames =
        ["device", "site_category", "ad_category", "user_id", "ad_id", "country"];
    private static readonly int[] Cardinality = [3, 20, 30, 5000, 2000, 10];

    public required float[][] Numeric { get; init; }     // rows × 10 (user_age NaN when missing)
    public required int[][] Categorical { get; init; }   // rows × 6 codes
    public required int[] Label { get; init; }
    public required double[] TrueProbability { get; init; }

    public int Rows => Label.Length;

    public static CtrTable Generate(int rows, int seed)
    {
        var s = new Sampler(seed);
        var world = s.Fork();
        var affinity = new double[30, 20];
        for (int a = 0; a < 30; a++) for (int b = 0; b < 20; b++) affinity[a, b] = world.Normal(0, 0.6);
        var userEffect = Enumerable.Range(0, 5000).Select(_ => world.Normal(0, 0.4)).ToArray();
        var adEffect = Enumerable.Range(0, 2000).Select(_ => world.Normal(0, 0.4)).ToArray();
        var adCategoryOf = Enumerable.Range(0, 2000).Select(_ => world.Next(30)).ToArray();
        var userCountry = Enumerable.Range(0, 5000).Select(_ => world.Next(10)).ToArray();
        var userAge = Enumerable.Range(0, 5000).Select(_ => world.Bernoulli(0.15) ? double.NaN : Math.Round(world.Uniform(18, 70))).ToArray();
        var userCtr = Enumerable.Range(0, 5000).Select(_ => world.Uniform(0, 0.12)).ToArray();
        var adCtr = Enumerable.Range(0, 2000).Select(_ => world.Uniform(0, 0.10)).ToArray();
        var users = new ZipfDistribution(5000, 0.9);
        var ads = new ZipfDistribution(2000, 1.0);

        var numeric = new float[rows][];
        var categorical = new int[rows][];
        var label = new int[rows];
        var truth = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            int user = users.Sample(s), ad = ads.Sample(s);
            int device = s.Categorical([0.55, 0.35, 0.10]);
            int site = s.Next(20);
            int adCat = adCategoryOf[ad];
            int country = userCountry[user];
            int position = 1 + Math.Min(9, s.Poisson(1.5));
            int hour = s.Next(24);
            double price = Math.Exp(s.Normal(2, 0.8));
            double age = userAge[user];
            double adAge = s.Exponential(1.0 / 30);
            double na = s.Uniform(-1, 1), nb = s.Uniform(-1, 1), nc = s.Normal();
            double aCtr = Math.Clamp(adCtr[ad] + s.Normal(0, 0.01), 0, 1), uCtr = Math.Clamp(userCtr[user] + s.Normal(0, 0.01), 0, 1);

            double logit = -2.7
                + 2.0 * Math.Tanh(40 * (aCtr - 0.05))
                + (uCtr > 0.06 ? 0.8 : 0) + (uCtr > 0.1 ? 0.4 : 0)
                - 0.45 * Math.Log(position)
                + (device == 1 && hour >= 18 ? 0.6 : 0) + (device == 0 && hour is >= 8 and <= 11 ? 0.4 : 0)
                + affinity[adCat, site]
                + userEffect[user] + adEffect[ad]
                + (double.IsNaN(age) ? -0.2 : 0.6 * Math.Exp(-Math.Pow((age - 28) / 8, 2)))
                - 0.3 * Math.Log(1 + price) * (adCat % 3 == 0 ? 1 : 0.2)
                - 0.3 * Math.Min(adAge / 60, 2)
                + 0.8 * Math.Sin(3 * na) * nb;
            double p = 1 / (1 + Math.Exp(-logit));
            truth[i] = p;
            label[i] = s.Bernoulli(p) ? 1 : 0;
            numeric[i] = [(float)aCtr, (float)uCtr, position, hour, (float)price, (float)age, (float)adAge, (float)na, (float)nb, (float)nc];
            categorical[i] = [device, site, adCat, user, ad, country];
        }
        return new CtrTable { Numeric = numeric, Categorical = categorical, Label = label, TrueProbability = truth };
    }

    public CtrTable Slice(int start, int count) => new()
    {
        Numeric = Numeric[start..(start + count)],
        Categorical = Categorical[start..(start + count)],
        Label = Label[start..(start + count)],
        TrueProbability = TrueProbability[start..(start + count)],
    };

    /// <summary>Dense rows for trees: numeric features, then category codes as numbers.</summary>
    public float[][] DenseRows() =>
        Enumerable.Range(0, Rows).Select(i => Numeric[i].Concat(Categorical[i].Select(c => (float)c)).ToArray()).ToArray();

    /// <summary>
    /// Hashed sparse features for linear models: every categorical ID, hour and position as categories, the other
    /// numerics bucketed into deciles (bucket edges from <paramref name="edgesFrom"/>), plus two declared crosses.
    /// </summary>
    public SparseMatrix Hashed(FeatureHasher hasher, CtrTable edgesFrom)
    {
        var columns = new List<FeatureColumn>();
        for (int c = 0; c < CategoricalNames.Length; c++)
        {
            int cc = c;
            columns.Add(FeatureColumn.Categorical(CategoricalNames[c], Categorical.Select(r => r[cc]).ToArray()));
        }
        columns.Add(FeatureColumn.Categorical("hour_cat", Numeric.Select(r => (int)r[3]).ToArray()));
        columns.Add(FeatureColumn.Categorical("position_cat", Numeric.Select(r => (int)r[2]).ToArray()));
        foreach (int j in new[] { 0, 1, 4, 5, 6, 7, 8, 9 })
        {
            var edges = Deciles(edgesFrom.Numeric.Select(r => r[j]));
            columns.Add(FeatureColumn.Categorical(NumericNames[j] + "_bucket",
                Numeric.Select(r => float.IsNaN(r[j]) ? "missing" : Bucket(edges, r[j]).ToString(CultureInfo.InvariantCulture)).ToArray()));
        }
        var crosses = new FeatureCrosses(("ad_category", "site_category"), ("device", "hour_cat"), ("noise_a_bucket", "noise_b_bucket"));
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        var x = hasher.Transform(columns, crosses);
        Console.WriteLine($"  FeatureHasher.Transform of {Rows} rows × {columns.Count} columns + {crosses.Pairs.Count} crosses: {sw.Elapsed.TotalSeconds:F2} s ({(System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F2} CPU s)");
        return x;
    }

    private static float[] Deciles(IEnumerable<float> values)
    {
        var sorted = values.Where(v => !float.IsNaN(v)).Order().ToArray();
        return Enumerable.Range(1, 9).Select(k => sorted[k * sorted.Length / 10]).Distinct().ToArray();
    }

    private static int Bucket(float[] edges, float v)
    {
        int b = 0;
        while (b < edges.Length && v > edges[b]) b++;
        return b;
    }

    /// <summary>Writes the table as CSV (invariant culture, shortest round-trip floats, empty = missing).</summary>
    public void WriteCsv(string path)
    {
        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        w.Write(string.Join(",", NumericNames.Concat(CategoricalNames).Append("label")));
        w.Write('\n');
        var sb = new StringBuilder();
        for (int i = 0; i < Rows; i++)
        {
            sb.Clear();
            foreach (var v in Numeric[i]) sb.Append(float.IsNaN(v) ? "" : v.ToString("R", CultureInfo.InvariantCulture)).Append(',');
            foreach (var c in Categorical[i]) sb.Append(c.ToString(CultureInfo.InvariantCulture)).Append(',');
            sb.Append(Label[i].ToString(CultureInfo.InvariantCulture)).Append('\n');
            w.Write(sb);
        }
    }
}
