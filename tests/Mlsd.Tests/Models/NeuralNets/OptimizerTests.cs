using Mlsd.Models.NeuralNets;

namespace Mlsd.Tests.Models.NeuralNets;

/// <summary>Optimiser steps worked out by hand on L = w² (gradient 2w).</summary>
public class OptimizerTests
{
    private static Tensor Square(Tensor w) => Ops.Sum(Ops.Multiply(w, w));

    [Fact]
    public void SgdStepByHand()
    {
        // w = 1, g = 2, η = 0.1 → w = 1 − 0.2 = 0.8.
        var w = new Tensor(1, 1, [1f], requiresGrad: true);
        var sgd = new Sgd([w], learningRate: 0.1f);
        Square(w).Backward();
        sgd.Step();
        Assert.Equal(0.8f, w.Data[0], 1e-6f);
        Assert.Equal(0f, w.Grad![0]);  // Step clears the gradient
    }

    [Fact]
    public void SgdMomentumTwoStepsByHand()
    {
        // μ = 0.9, η = 0.1. Step 1: v = 2, w = 0.8. Step 2: g = 1.6, v = 0.9·2 + 1.6 = 3.4, w = 0.8 − 0.34 = 0.46.
        var w = new Tensor(1, 1, [1f], requiresGrad: true);
        var sgd = new Sgd([w], learningRate: 0.1f, momentum: 0.9f);
        Square(w).Backward();
        sgd.Step();
        Square(w).Backward();
        sgd.Step();
        Assert.Equal(0.46f, w.Data[0], 1e-6f);
    }

    [Fact]
    public void AdamFirstStepMovesByTheLearningRate()
    {
        // After one step the bias-corrected m̂ = g and v̂ = g², so the move is η·g/(|g| + ε) ≈ η: 1 → 0.9.
        var w = new Tensor(1, 1, [1f], requiresGrad: true);
        var adam = new Adam([w], learningRate: 0.1f);
        Square(w).Backward();
        adam.Step();
        Assert.Equal(0.9f, w.Data[0], 1e-6f);
    }

    [Fact]
    public void AdamSecondStepByHand()
    {
        // Step 2 at w = 0.9: g = 1.8; m = 0.9·0.2 + 0.1·1.8 = 0.36 → m̂ = 0.36/0.19;
        // v = 0.999·0.004 + 0.001·3.24 = 0.007236 → v̂ = 0.007236/0.001999; w = 0.9 − 0.1·m̂/√v̂.
        var w = new Tensor(1, 1, [1f], requiresGrad: true);
        var adam = new Adam([w], learningRate: 0.1f);
        for (int i = 0; i < 2; i++)
        {
            Square(w).Backward();
            adam.Step();
        }
        double mHat = 0.36 / 0.19, vHat = 0.007236 / 0.001999;
        Assert.Equal((float)(0.9 - 0.1 * mHat / Math.Sqrt(vHat)), w.Data[0], 1e-5f);
    }

    [Fact]
    public void EmbeddingRowsNotLookedUpStayUnchanged()
    {
        var emb = new Embedding(4, 2, new Sampler(1));
        var before = (float[])emb.Table.Data.Clone();
        var adam = new Adam(emb.Parameters, learningRate: 0.1f);
        Ops.Sum(emb.Forward([1, 1, 3])).Backward();
        adam.Step();
        Assert.Equal(before[0], emb.Table[0, 0]);
        Assert.Equal(before[5], emb.Table[2, 1]);
        Assert.NotEqual(before[2], emb.Table[1, 0]);
        Assert.NotEqual(before[6], emb.Table[3, 0]);
    }

    [Fact]
    public void TrainingAnMlpLowersItsLoss()
    {
        // XOR-like data a linear model cannot fit; a small MLP with Adam can.
        var s = new Sampler(2);
        var mlp = Sequential.Mlp(2, [8, 1], s);
        var x = new Tensor(4, 2, [0, 0, 0, 1, 1, 0, 1, 1]);
        float[] y = [0, 1, 1, 0];
        var adam = new Adam(mlp.Parameters, learningRate: 0.05f);
        float first = 0, last = 0;
        for (int step = 0; step < 300; step++)
        {
            var loss = Losses.BinaryCrossEntropyWithLogits(mlp.Forward(x), y);
            if (step == 0) first = loss.Value;
            last = loss.Value;
            loss.Backward();
            adam.Step();
        }
        Assert.True(last < 0.1f * first, $"loss {first} → {last}");
    }

    [Fact]
    public void BadSettingsAreRejected()
    {
        var w = new Tensor(1, 1, requiresGrad: true);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam([w], learningRate: 0f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam([w], beta1: 1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd([w], momentum: -0.1f));
        Assert.Throws<ArgumentException>(() => new Sgd([new Tensor(1, 1)]));
        Assert.Throws<ArgumentException>(() => new Sgd([]));
    }
}
