using Mlsd.Features;
using Mlsd.Metrics;
using Mlsd.Models;

namespace Mlsd.Tests.Models.FactorizationMachines;

public class FactorizationMachineTests
{
    [Fact]
    public void LearnsPlantedInteraction_WithoutDeclaredCrosses()
    {
        var (a, b, y) = TabularData.PlantedInteraction(20_000, seed: 1);
        var (ta, tb, ty) = TabularData.PlantedInteraction(5000, seed: 2);
        var fm = new FactorizationMachine { Factors = 4, Epochs = 5, Seed = 1 }.Fit(TabularData.Hash(a, b), y);
        var lr = new LogisticRegression().Fit(TabularData.Hash(a, b), y);
        double aucFm = Classification.RocAucScore(ty, fm.PredictProbability(TabularData.Hash(ta, tb)));
        double aucLr = Classification.RocAucScore(ty, lr.PredictProbability(TabularData.Hash(ta, tb)));
        // the oracle's AUC is about 0.92
        Assert.True(aucFm > 0.88, $"FM AUC {aucFm}");
        Assert.True(aucLr < 0.6, $"LR AUC {aucLr}");
    }

    [Fact]
    public void PairwiseTerm_EqualsTheExplicitSumOverPairs()
    {
        // Rendle's O(kn) identity against Σ_{i<j} ⟨v_i, v_j⟩ x_i x_j evaluated pair by pair from the learned embeddings
        var (a, b, y) = TabularData.PlantedInteraction(500, seed: 3);
        var fm = new FactorizationMachine { Factors = 3, Epochs = 1, Seed = 4 }.Fit(TabularData.Hash(a, b), y);
        var row = new SparseVector(fm.NumFeatures, [5, 77, 300], [1.0, 0.5, -2.0]);
        double expected = fm.Bias;
        for (int p = 0; p < 3; p++)
        {
            expected += fm.LinearWeights[row.Indices[p]] * row.Values[p];
            for (int q = p + 1; q < 3; q++) expected += fm.Interaction(row.Indices[p], row.Indices[q]) * row.Values[p] * row.Values[q];
        }
        Assert.Equal(TabularData.Sigmoid(expected), fm.PredictProbability(row), 6);
    }

    [Fact]
    public void SameSeed_SamePredictions()
    {
        var (a, b, y) = TabularData.PlantedInteraction(2000, seed: 5);
        var x = TabularData.Hash(a, b);
        var p1 = new FactorizationMachine { Seed = 3, Epochs = 2 }.Fit(x, y).PredictProbability(x);
        var p2 = new FactorizationMachine { Seed = 3, Epochs = 2 }.Fit(x, y).PredictProbability(x);
        var p3 = new FactorizationMachine { Seed = 4, Epochs = 2 }.Fit(x, y).PredictProbability(x);
        Assert.Equal(p1, p2);
        Assert.NotEqual(p1, p3);
    }

    [Fact]
    public void PartialFit_ContinuesTraining()
    {
        var (a, b, y) = TabularData.PlantedInteraction(5000, seed: 6);
        var (ta, tb, ty) = TabularData.PlantedInteraction(2000, seed: 7);
        var x = TabularData.Hash(a, b);
        var test = TabularData.Hash(ta, tb);
        var fm = new FactorizationMachine { Factors = 4, Epochs = 1, Seed = 1 }.Fit(x, y);
        double before = Classification.LogLoss(ty, fm.PredictProbability(test));
        for (int i = 0; i < 3; i++) fm.PartialFit(x, y);
        double after = Classification.LogLoss(ty, fm.PredictProbability(test));
        Assert.True(after < before, $"loss before {before}, after {after}");
        Assert.Equal(4, fm.TrainingLoss.Count);
    }

    [Fact]
    public void BadInput_ClearErrors()
    {
        var x = SparseMatrix.FromDense([[1.0, 0.0], [0.0, 1.0]]);
        var fm = new FactorizationMachine();
        Assert.Contains("same number of rows", Assert.Throws<ArgumentException>(() => fm.Fit(x, [1])).Message);
        Assert.Contains("0/1", Assert.Throws<ArgumentException>(() => fm.Fit(x, [1, 3])).Message);
        Assert.Throws<InvalidOperationException>(() => fm.PredictProbability(x));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FactorizationMachine { Factors = 0 });
    }
}
