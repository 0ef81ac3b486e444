using MathNet.Numerics.LinearAlgebra;
using Mlsd.Models;

namespace Mlsd.Tests.Models.MatrixFactorization;

public class WeightedMatrixFactorizationTests
{
    /// <summary>A random sparse binary matrix with some structure (users like items of their own group).</summary>
    private static FeedbackMatrix SparseBinary(int users, int items, int seed)
    {
        var s = new Sampler(seed);
        var pairs = new List<(int, int)>();
        for (int u = 0; u < users; u++)
            for (int i = 0; i < items; i++)
                if (s.Bernoulli(u % 4 == i % 4 ? 0.3 : 0.03)) pairs.Add((u, i));
        return FeedbackMatrix.FromPairs(users, items, pairs);
    }

    [Fact]
    public void LossFallsEverySweep()
    {
        var model = new WeightedMatrixFactorization { Factors = 8, UnobservedWeight = 0.1, Regularization = 0.5, Iterations = 8, Seed = 1 }
            .Fit(SparseBinary(60, 40, 2));
        Assert.Equal(8, model.LossHistory.Count);
        Assert.True(model.LossHistory[0] < model.InitialLoss);
        for (int i = 1; i < model.LossHistory.Count; i++)
            Assert.True(model.LossHistory[i] < model.LossHistory[i - 1], $"sweep {i}: {model.LossHistory[i - 1]} → {model.LossHistory[i]}");
        Assert.Equal(model.LossHistory[^1], model.Loss(), 1e-9);
    }

    [Fact]
    public void LossOfKnownFactorsByHand()
    {
        // 2 users × 2 items, k = 1, U = (1, 2), V = (1, 0.5); observed r₀₀ = 1, r₁₁ = 2.
        // Predictions: p₀₀ = 1, p₀₁ = 0.5, p₁₀ = 2, p₁₁ = 1.
        // Observed: (1 − 1)² + (2 − 1)² = 1. Unobserved: W·(0.5² + 2²) = 0.5·4.25 = 2.125.
        // Penalty: λ(1 + 4 + 1 + 0.25) = 0.1·6.25 = 0.625. Total 3.75.
        var r = new FeedbackMatrix(2, 2, [(0, 0, 1f), (1, 1, 2f)]);
        var model = new WeightedMatrixFactorization { Factors = 1, UnobservedWeight = 0.5, Regularization = 0.1 };
        model.SetState(r, [[1.0], [2.0]], [[1.0], [0.5]]);
        Assert.Equal(3.75, model.Loss(), 1e-12);
        Assert.Equal(1.0, model.Score(0, 0), 1e-6);
        Assert.Equal(0.5, model.Score(0, 1), 1e-6);
    }

    [Fact]
    public void RecoversAPlantedLowRankMatrix()
    {
        // R = A·Bᵀ of rank 3, fully observed; with W = 1 and a tiny λ the optimum is R itself.
        var s = new Sampler(3);
        int users = 30, items = 20, rank = 3;
        var a = new double[users, rank];
        var b = new double[items, rank];
        for (int u = 0; u < users; u++) for (int d = 0; d < rank; d++) a[u, d] = s.Normal();
        for (int i = 0; i < items; i++) for (int d = 0; d < rank; d++) b[i, d] = s.Normal();
        var entries = new List<(int, int, float)>();
        var truth = new double[users, items];
        double norm = 0;
        for (int u = 0; u < users; u++)
            for (int i = 0; i < items; i++)
            {
                double v = 0;
                for (int d = 0; d < rank; d++) v += a[u, d] * b[i, d];
                truth[u, i] = v;
                norm += v * v;
                entries.Add((u, i, (float)v));
            }
        var model = new WeightedMatrixFactorization { Factors = rank, UnobservedWeight = 1, Regularization = 1e-4, Iterations = 60, Seed = 4 }
            .Fit(new FeedbackMatrix(users, items, entries));
        double error = 0;
        for (int u = 0; u < users; u++)
            for (int i = 0; i < items; i++) error += Math.Pow(model.Score(u, i) - truth[u, i], 2);
        Assert.True(Math.Sqrt(error / norm) < 1e-3, $"relative error {Math.Sqrt(error / norm):E2}");
    }

    [Fact]
    public void CompletesHeldOutEntriesWhenUnobservedCellsAreIgnored()
    {
        // Same kind of rank-2 matrix, 60% of cells observed, W = 0 (plain matrix completion): held-out cells are predicted.
        var s = new Sampler(5);
        int users = 40, items = 30;
        var a = new double[users, 2];
        var b = new double[items, 2];
        for (int u = 0; u < users; u++) { a[u, 0] = s.Normal(); a[u, 1] = s.Normal(); }
        for (int i = 0; i < items; i++) { b[i, 0] = s.Normal(); b[i, 1] = s.Normal(); }
        var observed = new List<(int, int, float)>();
        var heldOut = new List<(int U, int I, double V)>();
        for (int u = 0; u < users; u++)
            for (int i = 0; i < items; i++)
            {
                double v = a[u, 0] * b[i, 0] + a[u, 1] * b[i, 1];
                if (s.Bernoulli(0.6)) observed.Add((u, i, (float)v)); else heldOut.Add((u, i, v));
            }
        var model = new WeightedMatrixFactorization { Factors = 2, UnobservedWeight = 0, Regularization = 1e-3, Iterations = 80, Seed = 6 }
            .Fit(new FeedbackMatrix(users, items, observed));
        double err = heldOut.Sum(h => Math.Pow(model.Score(h.U, h.I) - h.V, 2));
        double norm = heldOut.Sum(h => h.V * h.V);
        Assert.True(Math.Sqrt(err / norm) < 0.02, $"held-out relative error {Math.Sqrt(err / norm):F4}");
    }

    [Fact]
    public void AfterFitTheItemFactorsZeroTheGradient()
    {
        // Each sweep ends with the exact item solve, so ∂L/∂V = 0 at the end. Check with the dense gradient, written
        // out over all users × items independently of the Gramian trick:
        // ∂L/∂vᵢ = −2 Σ_u wᵤᵢ (rᵤᵢ − uᵤ·vᵢ) uᵤ + 2λ vᵢ with w = 1 on observed cells and W elsewhere.
        var r = SparseBinary(25, 15, 7);
        var model = new WeightedMatrixFactorization { Factors = 4, UnobservedWeight = 0.2, Regularization = 0.3, Iterations = 3, Seed = 8 }.Fit(r);
        for (int i = 0; i < r.ItemCount; i++)
        {
            var grad = new double[4];
            for (int u = 0; u < r.UserCount; u++)
            {
                double p = model.Score(u, i);
                double w = r.Contains(u, i) ? 1 : 0.2;
                for (int d = 0; d < 4; d++) grad[d] += -2 * w * (r[u, i] - p) * model.UserFactors[u][d];
            }
            for (int d = 0; d < 4; d++) grad[d] += 2 * 0.3 * model.ItemFactors[i][d];
            Assert.All(grad, g => Assert.True(Math.Abs(g) < 1e-4, $"item {i}: gradient {g:E2}"));
        }
    }

    [Fact]
    public void FoldInSolvesTheNewUsersRidgeRegression()
    {
        // Reference: the dense normal equations (W·VᵀV + (1 − W)·Σ_obs vvᵀ + λI) u = Σ_obs r·v, solved by MathNet.
        var model = new WeightedMatrixFactorization { Factors = 3, UnobservedWeight = 0.1, Regularization = 0.5, Iterations = 4, Seed = 9 }
            .Fit(SparseBinary(30, 12, 10));
        int[] items = [1, 5, 9];
        var v = Matrix<double>.Build.Dense(12, 3, (i, d) => model.ItemFactors[i][d]);
        var a = 0.1 * v.TransposeThisAndMultiply(v) + 0.5 * Matrix<double>.Build.DenseIdentity(3);
        var b = Vector<double>.Build.Dense(3);
        foreach (int i in items)
        {
            var vi = v.Row(i);
            a += 0.9 * vi.OuterProduct(vi);
            b += vi;
        }
        var expected = a.Solve(b);
        var folded = model.FoldIn(items);
        for (int d = 0; d < 3; d++) Assert.Equal(expected[d], folded[d], 1e-4);
        Assert.All(model.FoldIn([]), x => Assert.Equal(0f, x));  // nothing known → the zero vector
    }

    [Fact]
    public void RecommendRanksByScoreAndSkipsSeenItems()
    {
        var r = new FeedbackMatrix(1, 4, [(0, 1, 1f)]);
        var model = new WeightedMatrixFactorization { Factors = 1 };
        model.SetState(r, [[1.0]], [[0.5], [2.0], [-1.0], [0.7]]);
        Assert.Equal([3, 0], model.Recommend(0, 2));
        Assert.Equal([1, 3, 0, 2], model.Recommend(0, 10, excludeSeen: false));
        Assert.Equal([1, 0], model.Recommend([1f], 2, exclude: [3]));
    }

    [Fact]
    public void SameSeedSameModelWhateverTheThreadCount()
    {
        var r = SparseBinary(50, 30, 11);
        var one = new WeightedMatrixFactorization { Factors = 5, Iterations = 3, Seed = 12, MaxDegreeOfParallelism = 1 }.Fit(r);
        var many = new WeightedMatrixFactorization { Factors = 5, Iterations = 3, Seed = 12, MaxDegreeOfParallelism = 4 }.Fit(r);
        Assert.Equal(one.UserFactors.SelectMany(x => x), many.UserFactors.SelectMany(x => x));
        Assert.Equal(one.ItemFactors.SelectMany(x => x), many.ItemFactors.SelectMany(x => x));
    }

    [Fact]
    public void BadSettingsAndUseBeforeFitFail()
    {
        var r = SparseBinary(5, 5, 13);
        Assert.Equal("Regularization", Assert.Throws<ArgumentOutOfRangeException>(() => new WeightedMatrixFactorization { Regularization = 0 }.Fit(r)).ParamName);
        Assert.Equal("UnobservedWeight", Assert.Throws<ArgumentOutOfRangeException>(() => new WeightedMatrixFactorization { UnobservedWeight = 2 }.Fit(r)).ParamName);
        Assert.Throws<InvalidOperationException>(() => new WeightedMatrixFactorization().Recommend(0));
        var model = new WeightedMatrixFactorization { Factors = 2, Iterations = 1 }.Fit(r);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Recommend(5));
        Assert.Throws<ArgumentException>(() => model.Recommend(new float[3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.FoldIn([7]));
    }

    [Fact]
    public void AlphaAndRegularization_AreHuKorenVolinskysParameters()
    {
        // α = 3, reg = 2 ⇔ W = 1/(1+3) = 0.25, λ = 2/(1+3) = 0.5: the same minimiser, so the very same factors.
        var r = SparseBinary(40, 30, 13);
        var viaAlpha = new WeightedMatrixFactorization { Factors = 4, Alpha = 3, Regularization = 2, Iterations = 4, Seed = 2 }.Fit(r);
        var viaW = new WeightedMatrixFactorization { Factors = 4, UnobservedWeight = 0.25, Regularization = 0.5, Iterations = 4, Seed = 2 }.Fit(r);
        Assert.Equal(0.25, viaAlpha.UnobservedWeight);
        Assert.Equal(0.5, viaAlpha.Penalty);
        Assert.Equal(viaW.UserFactors.SelectMany(x => x), viaAlpha.UserFactors.SelectMany(x => x));
        Assert.Equal(viaW.ItemFactors.SelectMany(x => x), viaAlpha.ItemFactors.SelectMany(x => x));

        // Independent check of the scale: their loss Σ c·(p − u·v)² + reg(‖U‖² + ‖V‖²), c = 1 + α on observed cells
        // (p = 1) and 1 elsewhere (p = 0), written out cell by cell, is (1 + α) times ours.
        double theirs = 0;
        for (int u = 0; u < r.UserCount; u++)
            for (int i = 0; i < r.ItemCount; i++)
            {
                double score = viaAlpha.UserFactors[u].Zip(viaAlpha.ItemFactors[i], (a, b) => (double)a * b).Sum();
                theirs += r.Contains(u, i) ? 4 * Math.Pow(1 - score, 2) : score * score;
            }
        theirs += 2 * viaAlpha.UserFactors.Concat(viaAlpha.ItemFactors).SelectMany(x => x).Sum(x => (double)x * x);
        Assert.Equal(theirs, 4 * viaAlpha.Loss(), 1e-3 * theirs);
        Assert.Throws<InvalidOperationException>(() => new WeightedMatrixFactorization { Alpha = 3, UnobservedWeight = 0.1 }.Fit(r));
        Assert.Equal("Alpha", Assert.Throws<ArgumentOutOfRangeException>(() => new WeightedMatrixFactorization { Alpha = -1 }.Fit(r)).ParamName);
    }

    [Fact]
    public void TrackLossOff_SameFactorsWithoutTheLossHistory()
    {
        var r = SparseBinary(30, 20, 14);
        var tracked = new WeightedMatrixFactorization { Factors = 3, Iterations = 3, Seed = 5 }.Fit(r);
        var untracked = new WeightedMatrixFactorization { Factors = 3, Iterations = 3, Seed = 5, TrackLoss = false }.Fit(r);
        Assert.Equal(tracked.ItemFactors.SelectMany(x => x), untracked.ItemFactors.SelectMany(x => x));
        Assert.Empty(untracked.LossHistory);
        Assert.True(double.IsNaN(untracked.InitialLoss));
        Assert.Equal(tracked.Loss(), untracked.Loss());
        Assert.EndsWith(": 3 sweeps", untracked.ToString());
    }

    [Fact]
    public void RecommendAll_EqualsRecommendForEveryUser()
    {
        var r = SparseBinary(70, 90, 15); // 70 users: not a multiple of the 4-user tile or the 64-user group
        var model = new WeightedMatrixFactorization { Factors = 6, Iterations = 3, Seed = 3, MaxDegreeOfParallelism = 2 }.Fit(r);
        foreach (bool excludeSeen in new[] { true, false })
        {
            int[][] all = model.RecommendAll(k: 7, excludeSeen);
            Assert.Equal(70, all.Length);
            for (int u = 0; u < 70; u++) Assert.Equal(model.Recommend(u, 7, excludeSeen), all[u]);
        }
        // and the order is by u·v, written out here in double precision for user 0
        int[] expected = Enumerable.Range(0, 90).Where(i => !r.Contains(0, i))
            .OrderByDescending(i => model.UserFactors[0].Zip(model.ItemFactors[i], (a, b) => (double)a * b).Sum()).Take(7).ToArray();
        Assert.Equal(expected, model.RecommendAll(7)[0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.RecommendAll(0));
    }
}
