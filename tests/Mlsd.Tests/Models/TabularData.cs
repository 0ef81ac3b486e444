using Mlsd.Features;

namespace Mlsd.Tests.Models;

/// <summary>Small seeded data sets with a known signal, shared by the tabular model tests.</summary>
internal static class TabularData
{
    public static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    /// <summary>Dense rows x ~ N(0, 1)^d with labels drawn from σ(w·x + b).</summary>
    public static (double[][] X, int[] Y) Logistic(int n, double[] w, double b, int seed)
    {
        var s = new Sampler(seed);
        var x = new double[n][];
        var y = new int[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = new double[w.Length];
            double z = b;
            for (int j = 0; j < w.Length; j++) { x[i][j] = s.Normal(); z += w[j] * x[i][j]; }
            y[i] = s.Bernoulli(Sigmoid(z)) ? 1 : 0;
        }
        return (x, y);
    }

    /// <summary>XOR: x1, x2 ~ U(−1, 1), y = [x1·x2 > 0], 5 % of labels flipped; plus a noise feature.</summary>
    public static (float[][] X, int[] Y) Xor(int n, int seed)
    {
        var s = new Sampler(seed);
        var x = new float[n][];
        var y = new int[n];
        for (int i = 0; i < n; i++)
        {
            float a = (float)s.Uniform(-1, 1), b = (float)s.Uniform(-1, 1), c = (float)s.Uniform(-1, 1);
            x[i] = [a, b, c];
            int label = a * b > 0 ? 1 : 0;
            y[i] = s.Bernoulli(0.05) ? 1 - label : label;
        }
        return (x, y);
    }

    /// <summary>
    /// A planted pairwise interaction: fields A and B with 10 categories each, every category carrying a hidden ±1 sign,
    /// y ~ Bernoulli(σ(2.5·sA·sB)). No main effect at all, so a model without the A × B interaction sees no signal.
    /// </summary>
    public static (int[] A, int[] B, int[] Y) PlantedInteraction(int n, int seed)
    {
        var s = new Sampler(seed);
        int[] signA = [1, -1, 1, -1, 1, -1, 1, -1, 1, -1], signB = [1, 1, -1, -1, 1, 1, -1, -1, 1, -1];
        var a = new int[n];
        var b = new int[n];
        var y = new int[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = s.Next(10);
            b[i] = s.Next(10);
            y[i] = s.Bernoulli(Sigmoid(2.5 * signA[a[i]] * signB[b[i]])) ? 1 : 0;
        }
        return (a, b, y);
    }

    public static SparseMatrix Hash(int[] a, int[] b, FeatureCrosses? crosses = null) =>
        new FeatureHasher { Bits = 12 }.Transform([FeatureColumn.Categorical("A", a), FeatureColumn.Categorical("B", b)], crosses);
}
