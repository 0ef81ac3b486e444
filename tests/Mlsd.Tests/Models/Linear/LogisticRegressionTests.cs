using Mlsd.Features;
using Mlsd.Metrics;
using Mlsd.Models;

namespace Mlsd.Tests.Models.Linear;

public class LogisticRegressionTests
{
    [Fact]
    public void RecoversKnownWeights()
    {
        // labels drawn from σ(1.5·x0 − 2·x1 + 0.5·x2 − 0.5); 20,000 rows pin the maximum-likelihood weights to about ±0.03
        double[] w = [1.5, -2.0, 0.5];
        var (x, y) = TabularData.Logistic(20_000, w, -0.5, seed: 1);
        var model = new LogisticRegression { Epochs = 5, Alpha = 0.1, L2 = 1, Seed = 3 }.Fit(x, y);
        for (int j = 0; j < w.Length; j++) Assert.InRange(model.Weights[j], w[j] - 0.15, w[j] + 0.15);
        Assert.InRange(model.Intercept, -0.65, -0.35);
    }

    [Theory]
    // scikit-learn 1.2.1 (Debian python3-sklearn): LogisticRegression(C, solver="lbfgs", tol=1e-12) on the same rows
    [InlineData(1.0, new[] { 0.1121773328525104, -0.974420829218176, 0.8622530865136472 }, -0.9773461283700343)]
    [InlineData(0.1, new[] { 0.030831551347479953, -0.4230458387133613, 0.3922159958222894 }, -0.9275921585203105)]
    public void C_ReachesScikitLearnsOptimumOnOneHotGroups(double c, double[] sklearnWeights, double sklearnIntercept)
    {
        // three one-hot categories with 9/30, 4/40 and 15/30 positives
        var x = new List<double[]>();
        var y = new List<int>();
        foreach (var (group, rows, clicks) in new[] { (0, 30, 9), (1, 40, 4), (2, 30, 15) })
            for (int i = 0; i < rows; i++)
            {
                var row = new double[3];
                row[group] = 1;
                x.Add(row);
                y.Add(i < clicks ? 1 : 0);
            }
        // many passes settle at the optimum of each pass's objective, which C makes scikit-learn's
        var model = new LogisticRegression { Epochs = 400, Alpha = 0.5, C = c, Seed = 1 }.Fit(x, y);
        for (int j = 0; j < 3; j++) Assert.Equal(sklearnWeights[j], model.Weights[j], 0.01);
        Assert.Equal(sklearnIntercept, model.Intercept, 0.01);
        Assert.Equal(0, model.L2);
        Assert.Contains($"C={c}", model.ToString());

        // L2 = Epochs / C, the same penalty charged once over all passes, lands visibly off (weights ~20 % larger at C = 1)
        var viaL2 = new LogisticRegression { Epochs = 400, Alpha = 0.5, L2 = 400 / c, Seed = 1 }.Fit(x, y);
        Assert.True(Math.Abs(viaL2.Weights[1] - sklearnWeights[1]) > 0.05, $"{viaL2.Weights[1]} vs {sklearnWeights[1]}");
        Assert.Throws<InvalidOperationException>(() => new LogisticRegression { L2 = 2, C = 1 }.Fit(x, y));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LogisticRegression { C = 0 });
    }

    [Fact]
    public void LinearlySeparable_HighAccuracy()
    {
        var (x, _) = TabularData.Logistic(4000, [1, 1], 0, seed: 2);
        var y = x.Select(r => r[0] + r[1] > 0 ? 1 : 0).ToArray();
        var model = new LogisticRegression { Epochs = 5, Alpha = 0.5 }.Fit(x, y);
        var predicted = model.Predict(x);
        double accuracy = predicted.Zip(y, (p, t) => p == t ? 1.0 : 0.0).Average();
        Assert.True(accuracy > 0.98, $"accuracy {accuracy}");
    }

    [Fact]
    public void SameSeed_SamePredictions_DifferentSeed_Different()
    {
        var (x, y) = TabularData.Logistic(2000, [1, -1], 0, seed: 4);
        var p1 = new LogisticRegression { Seed = 7 }.Fit(x, y).PredictProbability(x);
        var p2 = new LogisticRegression { Seed = 7 }.Fit(x, y).PredictProbability(x);
        var p3 = new LogisticRegression { Seed = 8 }.Fit(x, y).PredictProbability(x);
        Assert.Equal(p1, p2);
        Assert.NotEqual(p1, p3);
    }

    [Fact]
    public void PlantedInteraction_NeedsTheDeclaredCross()
    {
        var (a, b, y) = TabularData.PlantedInteraction(20_000, seed: 5);
        var (ta, tb, ty) = TabularData.PlantedInteraction(5000, seed: 6);
        var crosses = new FeatureCrosses(("A", "B"));
        var plain = new LogisticRegression().Fit(TabularData.Hash(a, b), y);
        var crossed = new LogisticRegression().Fit(TabularData.Hash(a, b, crosses), y);
        double aucPlain = Classification.RocAucScore(ty, plain.PredictProbability(TabularData.Hash(ta, tb)));
        double aucCrossed = Classification.RocAucScore(ty, crossed.PredictProbability(TabularData.Hash(ta, tb, crosses)));
        // the oracle's AUC is about 0.92 (σ(±2.5) = 0.924 / 0.076 in two equal halves)
        Assert.True(aucPlain < 0.6, $"plain AUC {aucPlain}");
        Assert.True(aucCrossed > 0.88, $"crossed AUC {aucCrossed}");
    }

    [Fact]
    public void PartialFit_AdaptsToShiftedData()
    {
        // day 1 and day 2 have different true weights; one PartialFit pass over day 2 must lower day-2 held-out loss
        var (x1, y1) = TabularData.Logistic(5000, [2, 0], 0, seed: 10);
        var (x2, y2) = TabularData.Logistic(5000, [0, 2], 0, seed: 11);
        var (x2Test, y2Test) = TabularData.Logistic(2000, [0, 2], 0, seed: 12);
        var model = new LogisticRegression { Epochs = 3 }.Fit(x1, y1);
        double before = Classification.LogLoss(y2Test, model.PredictProbability(x2Test));
        model.PartialFit(x2, y2);
        double after = Classification.LogLoss(y2Test, model.PredictProbability(x2Test));
        Assert.True(after < before - 0.1, $"loss before {before}, after {after}");
        Assert.Equal(4, model.TrainingLoss.Count); // 3 epochs + 1 partial pass, state kept
    }

    [Fact]
    public void PartialFit_FromScratch_EqualsOneEpochFit()
    {
        var (x, y) = TabularData.Logistic(1000, [1, -1], 0.2, seed: 13);
        var a = new LogisticRegression { Epochs = 1, Seed = 2 }.Fit(x, y).PredictProbability(x);
        var b = new LogisticRegression { Seed = 2 }.PartialFit(x, y).PredictProbability(x);
        Assert.Equal(a, b);
    }

    [Fact]
    public void L1_ZerosOutNoiseFeatures()
    {
        double[] w = [2, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        var (x, y) = TabularData.Logistic(5000, w, 0, seed: 14);
        var sparse = new LogisticRegression { L1 = 200, Epochs = 3 }.Fit(x, y);
        var dense = new LogisticRegression { L1 = 0, Epochs = 3 }.Fit(x, y);
        Assert.NotEqual(0, sparse.Weights[0]);
        Assert.True(sparse.NonZeroWeights <= 3, $"{sparse.NonZeroWeights} non-zero weights: {string.Join(", ", sparse.Weights)}");
        Assert.Equal(10, dense.NonZeroWeights);
    }

    [Fact]
    public void SingleRowPrediction_MatchesBatch()
    {
        var (a, b, y) = TabularData.PlantedInteraction(2000, seed: 15);
        var hasher = new FeatureHasher { Bits = 12 };
        var x = hasher.Transform(FeatureColumn.Categorical("A", a), FeatureColumn.Categorical("B", b));
        var model = new LogisticRegression().Fit(x, y);
        var row = hasher.TransformRow(new Dictionary<string, object?> { ["A"] = a[0], ["B"] = b[0] });
        Assert.Equal(model.PredictProbability(x)[0], model.PredictProbability(row), 12);
    }

    [Fact]
    public void BadInput_ClearErrors()
    {
        var x = SparseMatrix.FromDense([[1.0, 0.0], [0.0, 1.0]]);
        var model = new LogisticRegression();
        var e1 = Assert.Throws<ArgumentException>(() => model.Fit(x, [1, 0, 1]));
        Assert.Contains("same number of rows (got 2 and 3)", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => model.Fit(x, [1, 2]));
        Assert.Contains("0/1", e2.Message);
        var e3 = Assert.Throws<ArgumentException>(() => model.Fit(Array.Empty<double[]>(), []));
        Assert.Contains("at least one row", e3.Message);
        Assert.Throws<InvalidOperationException>(() => model.PredictProbability(x));
        model.Fit(x, [1, 0]);
        var e4 = Assert.Throws<ArgumentException>(() => model.PartialFit(SparseMatrix.FromDense([[1.0, 0.0, 1.0]]), [1]));
        Assert.Contains("columns", e4.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new LogisticRegression { Alpha = 0 });
    }
}
