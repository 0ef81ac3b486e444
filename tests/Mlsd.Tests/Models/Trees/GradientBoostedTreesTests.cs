using Mlsd.Metrics;
using Mlsd.Models;

namespace Mlsd.Tests.Models.Trees;

public class GradientBoostedTreesTests
{
    [Fact]
    public void OneStump_LeafValuesAndGain_ByHand()
    {
        // x = 0, 0, 1, 1 with y = 0, 0, 1, 1. Base margin logit(0.5) = 0, so p = 0.5, g = p − y = ±0.5, h = 0.25.
        // Left (x = 0): G = 1, H = 0.5 → leaf −η·G/(H+λ) = −1/1.5 = −2/3; right: +2/3 (η = 1, λ = 1).
        // Gain ½[1²/1.5 + 1²/1.5 − 0²/2] = 2/3. The cut is the midpoint 0.5.
        float[][] x = [[0f], [0f], [1f], [1f]];
        var model = new GradientBoostedTrees { Trees = 1, MaxDepth = 1, LearningRate = 1, L2 = 1, MinChildWeight = 0 }.Fit(x, [0, 0, 1, 1]);
        var p = model.PredictProbability([[0.4f], [0.6f]]);
        Assert.Equal(1 / (1 + Math.Exp(2.0 / 3)), p[0], 12);
        Assert.Equal(1 / (1 + Math.Exp(-2.0 / 3)), p[1], 12);
        Assert.Equal(2.0 / 3, model.FeatureImportance(ImportanceType.Gain)[0], 12);
        Assert.Equal(1.0, model.FeatureImportance(ImportanceType.Split)[0]);
        Assert.Equal([2], model.LeafCounts);
    }

    [Fact]
    public void LearnsXor_WhereLogisticRegressionCannot()
    {
        var (x, y) = TabularData.Xor(4000, seed: 1);
        var (xt, yt) = TabularData.Xor(2000, seed: 2);
        var gbdt = new GradientBoostedTrees { Trees = 40, MaxDepth = 3, LearningRate = 0.3 }.Fit(x, y);
        double aucTrees = Classification.RocAucScore(yt, gbdt.PredictProbability(xt));
        var dense = x.Select(r => r.Select(v => (double)v).ToArray()).ToArray();
        var denseTest = xt.Select(r => r.Select(v => (double)v).ToArray()).ToArray();
        var lr = new LogisticRegression().Fit(dense, y);
        double aucLinear = Classification.RocAucScore(yt, lr.PredictProbability(denseTest));
        Assert.True(aucTrees > 0.9, $"GBDT AUC {aucTrees}");
        Assert.True(aucLinear < 0.6, $"LR AUC {aucLinear}");
    }

    [Fact]
    public void GbdtPlusLr_OnLeafFeatures_LearnsXor()
    {
        var (x, y) = TabularData.Xor(4000, seed: 3);
        var (xt, yt) = TabularData.Xor(2000, seed: 4);
        var gbdt = new GradientBoostedTrees { Trees = 20, MaxDepth = 3, LearningRate = 0.3 }.Fit(x, y);
        var leaves = gbdt.LeafFeatures(x);
        Assert.Equal(gbdt.LeafCounts.Sum(), leaves.Columns);
        Assert.Equal(20 * x.Length, leaves.NonZeroCount);
        var lr = new LogisticRegression { Epochs = 3 }.Fit(leaves, y);
        double auc = Classification.RocAucScore(yt, lr.PredictProbability(gbdt.LeafFeatures(xt)));
        Assert.True(auc > 0.9, $"GBDT + LR AUC {auc}");
        var applied = gbdt.ApplyLeaves(xt);
        for (int t = 0; t < gbdt.TreeCount; t++) Assert.InRange(applied[0][t], 0, gbdt.LeafCounts[t] - 1);
    }

    [Fact]
    public void MissingValues_LearnADefaultDirection()
    {
        // y = 1 exactly when the feature is missing: only the NaN bin separates the classes
        var s = new Mlsd.Sampler(5);
        var x = new float[1000][];
        var y = new int[1000];
        for (int i = 0; i < x.Length; i++)
        {
            bool missing = i % 3 == 0;
            x[i] = [missing ? float.NaN : (float)s.Uniform(0, 10)];
            y[i] = missing ? 1 : 0;
        }
        var model = new GradientBoostedTrees { Trees = 20, MaxDepth = 2, LearningRate = 0.5 }.Fit(x, y);
        var p = model.PredictProbability([[float.NaN], [3f], [11f]]);
        Assert.True(p[0] > 0.9 && p[1] < 0.1 && p[2] < 0.1, string.Join(", ", p));
    }

    [Fact]
    public void MaxBins256_KeepsEveryValueAndTheMissingBinApart()
    {
        // 256 distinct values fill 256 value bins, so missing needs a 257th code. y = 1 exactly when missing: if the
        // missing code collided with a value bin (say x = 0), the rows x = 0 could not be told from the missing ones.
        var x = new float[2_570][];
        var y = new int[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            bool missing = i % 10 == 9;
            x[i] = [missing ? float.NaN : i % 256];
            y[i] = missing ? 1 : 0;
        }
        var model = new GradientBoostedTrees { Trees = 20, MaxDepth = 2, LearningRate = 0.5, MaxBins = 256 }.Fit(x, y);
        var p = model.PredictProbability([[float.NaN], [0f], [255f], [128f]]);
        Assert.True(p[0] > 0.9 && p[1] < 0.1 && p[2] < 0.1 && p[3] < 0.1, string.Join(", ", p));
    }

    [Fact]
    public void RowMajorMatrix_GivesTheSameModelAsJaggedRows()
    {
        var (x, y) = TabularData.Xor(3_000, seed: 11);
        var matrix = new float[x.Length, x[0].Length];
        for (int i = 0; i < x.Length; i++)
            for (int j = 0; j < x[i].Length; j++) matrix[i, j] = x[i][j];
        GradientBoostedTrees Make() => new() { Trees = 15, MaxDepth = 3, Subsample = 0.9, Seed = 4 };
        var jagged = Make().Fit(x, y);
        var dense = Make().Fit(matrix, y);

        Assert.Equal(jagged.DecisionFunction(x), dense.DecisionFunction(matrix));
        Assert.Equal(jagged.DecisionFunction(x), dense.DecisionFunction(x));
        Assert.Equal(jagged.ApplyLeaves(x), dense.ApplyLeaves(matrix));
        Assert.Equal(jagged.Predict(x), dense.Predict(matrix));
        var e = Assert.Throws<ArgumentException>(() => dense.PredictProbability(new float[2, 5]));
        Assert.Contains("fitted on 3 features", e.Message);
    }

    [Fact]
    public void Deterministic_AcrossRunsAndThreadCounts_WithSampling()
    {
        // 12,000 rows × 0.8 × 2 sampled features is above the size at which histograms are built on several threads
        var (x, y) = TabularData.Xor(12_000, seed: 6);
        GradientBoostedTrees Make(int threads, int seed) =>
            new() { Trees = 4, MaxDepth = 4, Subsample = 0.8, ColumnSubsample = 0.67, Threads = threads, Seed = seed };
        var p1 = Make(1, 9).Fit(x, y).DecisionFunction(x[..200]);
        var p2 = Make(2, 9).Fit(x, y).DecisionFunction(x[..200]);
        var p3 = Make(2, 9).Fit(x, y).DecisionFunction(x[..200]);
        var p4 = Make(2, 10).Fit(x, y).DecisionFunction(x[..200]);
        Assert.Equal(p1, p2);
        Assert.Equal(p2, p3);
        Assert.NotEqual(p1, p4);
    }

    [Fact]
    public void FeatureImportance_RanksTheInformativeFeatures()
    {
        var (x, y) = TabularData.Xor(4000, seed: 7);
        var gain = new GradientBoostedTrees { Trees = 20, MaxDepth = 3 }.Fit(x, y).FeatureImportance();
        Assert.True(gain[0] > 5 * gain[2] && gain[1] > 5 * gain[2], string.Join(", ", gain));
    }

    [Fact]
    public void BadInput_ClearErrors()
    {
        var model = new GradientBoostedTrees { Trees = 2 };
        var e1 = Assert.Throws<ArgumentException>(() => model.Fit(new float[][] { [1f], [2f] }, [1]));
        Assert.Contains("same number of rows (got 2 and 1)", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => model.Fit(new float[][] { [1f], [2f] }, [1, -1]));
        Assert.Contains("0/1", e2.Message);
        var e3 = Assert.Throws<ArgumentException>(() => model.Fit(new float[][] { [1f, 2f], [2f] }, [1, 0]));
        Assert.Contains("same length", e3.Message);
        Assert.Throws<ArgumentException>(() => model.Fit(Array.Empty<float[]>(), []));
        Assert.Throws<InvalidOperationException>(() => model.PredictProbability(new float[][] { [1f] }));
        model.Fit(new float[][] { [1f], [2f] }, [1, 0]);
        var e4 = Assert.Throws<ArgumentException>(() => model.PredictProbability(new float[][] { [1f, 2f] }));
        Assert.Contains("fitted on 1", e4.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new GradientBoostedTrees { MaxBins = 257 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new GradientBoostedTrees { MaxBins = 1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new GradientBoostedTrees { Subsample = 0 });
    }
}
