using Mlsd.Models;

namespace Mlsd.Tests.Models.Trees;

public class TreeShapTests
{
    // Node i is a leaf when Left[i] < 0; rows with value ≤ threshold go left.
    private static TreeShap.Tree Stump() => new([0, 0, 0], [0.5f, 0, 0], [1, -1, -1], [2, -1, -1], [true, true, true],
        [0, -1, 3], [4, 3, 1]);

    /// <summary>Root x0 ≤ 0.5 (cover 10); each child splits on x1 ≤ 0.5. Leaves LL=1 (cover 2), LR=3 (4), RL=5 (1), RR=9 (3).</summary>
    private static TreeShap.Tree TwoFeatures() => new(
        Feature: [0, 1, 1, 0, 0, 0, 0], Threshold: [0.5f, 0.5f, 0.5f, 0, 0, 0, 0],
        Left: [1, 3, 5, -1, -1, -1, -1], Right: [2, 4, 6, -1, -1, -1, -1], DefaultLeft: [true, true, false, true, true, true, true],
        Value: [0, 0, 0, 1, 3, 5, 9], Cover: [10, 6, 4, 2, 4, 1, 3]);

    private static double[] Shap(TreeShap.Tree tree, float[] row, int features)
    {
        var phi = new double[features];
        TreeShap.Add(tree, row, phi);
        return phi;
    }

    [Fact]
    public void Stump_ContributionIsValueMinusExpectation()
    {
        // E = (3·(−1) + 1·3)/4 = 0; right: φ₀ = 3 − 0; left: φ₀ = −1 − 0.
        Assert.Equal(0, Stump().ExpectedValue(), 12);
        Assert.Equal(3, Shap(Stump(), [1f], 1)[0], 12);
        Assert.Equal(-1, Shap(Stump(), [0f], 1)[0], 12);
    }

    [Fact]
    public void TwoFeatureTree_MatchesShapleyValuesWorkedByHand()
    {
        // Row (1, 1) reaches RR = 9. Value of a known set S (unknown features split by cover):
        // f(∅) = (2·1 + 4·3 + 1·5 + 3·9)/10 = 4.6; f({0}) = (1·5 + 3·9)/4 = 8; f({1}) = (6·3 + 4·9)/10 = 5.4; f({0,1}) = 9.
        // φ₀ = ½[(8 − 4.6) + (9 − 5.4)] = 3.5; φ₁ = ½[(5.4 − 4.6) + (9 − 8)] = 0.9; 4.6 + 3.5 + 0.9 = 9.
        var phi = Shap(TwoFeatures(), [1f, 1f], 2);
        Assert.Equal(3.5, phi[0], 12);
        Assert.Equal(0.9, phi[1], 12);
        Assert.Equal(4.6, TwoFeatures().ExpectedValue(), 12);
        // Missing x1: the right node sends it right (same leaf, 9) but the left node sends it left, so f({1}) =
        // (6·1 + 4·9)/10 = 4.2: φ₀ = ½[(8 − 4.6) + (9 − 4.2)] = 4.1, φ₁ = ½[(4.2 − 4.6) + (9 − 8)] = 0.3.
        var missing = Shap(TwoFeatures(), [1f, float.NaN], 2);
        Assert.Equal(4.1, missing[0], 12);
        Assert.Equal(0.3, missing[1], 12);
    }

    [Fact]
    public void FeatureRepeatedOnAPath_IsCountedOnce()
    {
        // x0 ≤ 0.5 → leaf 0 (cover 5); else x0 ≤ 1.5 → leaf 2 (cover 3) or leaf 6 (cover 2). E = (0 + 6 + 12)/10 = 1.8.
        // One feature: φ₀ = f(x) − E = 6 − 1.8 = 4.2 for x0 = 2, and 2 − 1.8 = 0.2 for x0 = 1.
        var tree = new TreeShap.Tree([0, 0, 0, 0, 0], [0.5f, 0, 1.5f, 0, 0], [1, -1, 3, -1, -1], [2, -1, 4, -1, -1],
            [true, true, true, true, true], [0, 0, 0, 2, 6], [10, 5, 5, 3, 2]);
        Assert.Equal(4.2, Shap(tree, [2f], 1)[0], 12);
        Assert.Equal(0.2, Shap(tree, [1f], 1)[0], 12);
    }

    [Fact]
    public void RandomTrees_MatchBruteForceShapleyValues()
    {
        // An independent reference: enumerate every subset S and weigh f(S ∪ {j}) − f(S) by |S|!(M−|S|−1)!/M!.
        var rng = new Random(11);
        const int M = 4;
        for (int trial = 0; trial < 30; trial++)
        {
            var tree = RandomTree(rng, depth: 4, M);
            var row = Enumerable.Range(0, M).Select(_ => (float)rng.NextDouble()).ToArray();
            var phi = Shap(tree, row, M);
            for (int j = 0; j < M; j++) Assert.Equal(BruteForce(tree, row, j, M), phi[j], 9);
            Assert.Equal(Conditional(tree, row, 0, (1 << M) - 1), tree.ExpectedValue() + phi.Sum(), 9);
        }
    }

    private static TreeShap.Tree RandomTree(Random rng, int depth, int features)
    {
        var f = new List<int>(); var th = new List<float>(); var l = new List<int>(); var r = new List<int>();
        var v = new List<double>(); var c = new List<double>();
        int Build(int d, double cover)
        {
            int id = f.Count;
            f.Add(rng.Next(features)); th.Add((float)rng.NextDouble()); l.Add(-1); r.Add(-1); v.Add(rng.NextDouble() * 4 - 2); c.Add(cover);
            if (d == depth || rng.NextDouble() < 0.2) return id;
            double share = 0.2 + 0.6 * rng.NextDouble();
            int left = Build(d + 1, cover * share), right = Build(d + 1, cover * (1 - share));
            l[id] = left; r[id] = right;
            return id;
        }
        Build(0, 100);
        return new TreeShap.Tree([.. f], [.. th], [.. l], [.. r], Enumerable.Repeat(true, f.Count).ToArray(), [.. v], [.. c]);
    }

    /// <summary>E[f | features in <paramref name="known"/> fixed to the row's]: follow known splits, average unknown by cover.</summary>
    private static double Conditional(TreeShap.Tree t, float[] row, int node, int known)
    {
        if (t.Left[node] < 0) return t.Value[node];
        int f = t.Feature[node];
        if ((known & (1 << f)) != 0) return Conditional(t, row, row[f] <= t.Threshold[node] ? t.Left[node] : t.Right[node], known);
        return (t.Cover[t.Left[node]] * Conditional(t, row, t.Left[node], known)
            + t.Cover[t.Right[node]] * Conditional(t, row, t.Right[node], known)) / t.Cover[node];
    }

    private static double BruteForce(TreeShap.Tree t, float[] row, int j, int m)
    {
        double phi = 0;
        for (int s = 0; s < 1 << m; s++)
        {
            if ((s & (1 << j)) != 0) continue;
            int size = System.Numerics.BitOperations.PopCount((uint)s);
            double weight = Factorial(size) * Factorial(m - size - 1) / Factorial(m);
            phi += weight * (Conditional(t, row, 0, s | (1 << j)) - Conditional(t, row, 0, s));
        }
        return phi;
    }

    private static double Factorial(int n) => n <= 1 ? 1 : n * Factorial(n - 1);

    [Fact]
    public void Gbdt_StumpContributionsByHand_AndTheySumToTheMargin()
    {
        // x0 = 0, 0, 1, 1 with y = 0, 0, 1, 1; x1 is constant. Base margin 0, h = 0.25 per row: covers 0.5 | 0.5,
        // leaves ∓2/3 (η = 1, λ = 1) → expected value 0, so a row with x0 = 0.6 gets φ₀ = 2/3, φ₁ = 0, bias 0.
        float[][] x = [[0f, 7f], [0f, 7f], [1f, 7f], [1f, 7f]];
        var model = new GradientBoostedTrees { Trees = 1, MaxDepth = 1, LearningRate = 1, L2 = 1, MinChildWeight = 0 }.Fit(x, [0, 0, 1, 1]);
        var phi = model.FeatureContributions([0.6f, 7f]);
        Assert.Equal(3, phi.Length);
        Assert.Equal(2.0 / 3, phi[0], 9);
        Assert.Equal(0, phi[1]);
        Assert.Equal(0, phi[2], 12);

        var (xs, ys) = TabularData.Xor(600, seed: 3);
        var gbdt = new GradientBoostedTrees { Trees = 20, MaxDepth = 4, LearningRate = 0.3, Threads = 1 }.Fit(xs, ys);
        var margins = gbdt.DecisionFunction(xs);
        var all = gbdt.FeatureContributions(xs);
        for (int i = 0; i < xs.Length; i++) Assert.Equal(margins[i], all[i].Sum(), 6);
    }

    [Fact]
    public void Gbdt_BadInputNamesTheArgument()
    {
        Assert.Throws<InvalidOperationException>(() => new GradientBoostedTrees().FeatureContributions([1f]));
        var model = new GradientBoostedTrees { Trees = 1, MaxDepth = 1 }.Fit([[0f], [1f]], [0, 1]);
        Assert.Equal("row", Assert.Throws<ArgumentException>(() => model.FeatureContributions([1f, 2f])).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => model.FeatureContributions(new float[][] { null! })).ParamName);
    }
}
