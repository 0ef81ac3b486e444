using Mlsd.Models.NeuralNets;

namespace Mlsd.Tests.Models.NeuralNets;

public class DeepCrossNetworkTests
{
    private static CrossLayer Layer(float[] weight, float[] bias)
    {
        var layer = new CrossLayer(2, new Sampler(1));
        weight.CopyTo(layer.Weight.Data, 0);
        bias.CopyTo(layer.Bias.Data, 0);
        return layer;
    }

    [Fact]
    public void Cross_layer_matches_hand_worked_values()
    {
        // Row 1: W = I, b = (0.5, −1), x0 = (1, 2), x = (3, 1):
        //   x·W + b = (3.5, 0); x0 ⊙ that = (3.5, 0); + x = (6.5, 1).
        var identity = Layer([1, 0, 0, 1], [0.5f, -1]);
        var y = identity.Forward(new Tensor(1, 2, [1, 2]), new Tensor(1, 2, [3, 1]));
        Assert.Equal(new[] { 6.5f, 1f }, y.Data);

        // Row 2: W = [[1, 2], [0, 1]] (x·W), b = 0, x0 = (2, −1), x = (1, 1):
        //   x·W = (1·1 + 1·0, 1·2 + 1·1) = (1, 3); x0 ⊙ = (2, −3); + x = (3, −2).
        var skew = Layer([1, 2, 0, 1], [0, 0]);
        var z = skew.Forward(new Tensor(1, 2, [2, -1]), new Tensor(1, 2, [1, 1]));
        Assert.Equal(new[] { 3f, -2f }, z.Data);
    }

    [Fact]
    public void Cross_layer_gradients_agree_with_finite_differences()
    {
        var layer = new CrossLayer(3, new Sampler(5));
        var x0 = new Tensor(2, 3, [0.5f, -1, 2, 1.5f, 0.2f, -0.7f]);
        Tensor Loss() => Ops.Mean(Ops.Multiply(layer.Forward(x0, layer.Forward(x0, x0)), layer.Forward(x0, x0)));
        Assert.True(GradientCheck.MaxRelativeError(Loss, layer.Weight) < 1e-2);
        Assert.True(GradientCheck.MaxRelativeError(Loss, layer.Bias) < 1e-2);
    }

    [Fact]
    public void Cross_layer_refuses_mismatched_shapes()
    {
        var layer = new CrossLayer(2, new Sampler(1));
        var e = Assert.Throws<ArgumentException>(() => layer.Forward(new Tensor(1, 2), new Tensor(1, 3)));
        Assert.Contains("n×2", e.Message);
    }

    // Clicks depend only on whether two fields agree (p = 0.8 when a ≠ b, 0.2 when a = b): an interaction no
    // model without crosses can express (each field alone carries no signal). The right answer per cell is
    // known by construction.
    private static (int[][] Fields, int[] Labels) Xor(int n, int seed)
    {
        var s = new Sampler(seed);
        var fields = new int[n][];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            int a = s.Next(0, 2), b = s.Next(0, 2);
            fields[i] = [a, b];
            labels[i] = s.Bernoulli(a != b ? 0.8 : 0.2) ? 1 : 0;
        }
        return (fields, labels);
    }

    [Fact]
    public void Learns_an_interaction_to_the_known_probabilities()
    {
        var (fields, labels) = Xor(6_000, 3);
        var dcn = new DeepCrossNetwork { EmbeddingDimension = 4, Epochs = 10, BatchSize = 64, LearningRate = 0.02, Seed = 2 }
            .Fit(fields, null, labels);
        var p = dcn.PredictProbability([[0, 0], [0, 1], [1, 0], [1, 1]]);
        Assert.InRange(p[0], 0.14, 0.26);
        Assert.InRange(p[1], 0.74, 0.86);
        Assert.InRange(p[2], 0.74, 0.86);
        Assert.InRange(p[3], 0.14, 0.26);
        Assert.True(dcn.TrainingLoss[^1] < dcn.TrainingLoss[0]);
    }

    [Fact]
    public void Cross_tower_alone_learns_the_interaction()
    {
        // Degree 2 is within one cross layer's reach, with no MLP at all.
        var (fields, labels) = Xor(6_000, 4);
        var dcn = new DeepCrossNetwork { HiddenUnits = [], CrossLayers = 1, Epochs = 6, BatchSize = 64, LearningRate = 0.02, Seed = 2 }
            .Fit(fields, null, labels);
        var p = dcn.PredictProbability([[0, 0], [0, 1]]);
        Assert.InRange(p[0], 0.12, 0.28);
        Assert.InRange(p[1], 0.72, 0.88);
    }

    [Fact]
    public void Same_seed_same_model_and_unknown_codes_are_scored()
    {
        var (fields, labels) = Xor(1_000, 5);
        var numeric = fields.Select(f => new[] { f[0] * 0.5f }).ToArray();
        DeepCrossNetwork Train() => new DeepCrossNetwork { Epochs = 1, Seed = 9 }.Fit(fields, numeric, labels);
        var test = new[] { new[] { 0, 1 }, new[] { 7, -1 } };      // 7 and −1 were never seen: the unknown row
        var testNumeric = new[] { new[] { 0f }, new[] { 1f } };
        var first = Train().PredictProbability(test, testNumeric);
        Assert.Equal(first, Train().PredictProbability(test, testNumeric));
        Assert.All(first, v => Assert.InRange(v, 0.0, 1.0));
        var model = Train();
        Assert.Equal(new[] { 2, 2 }, model.Cardinalities);
        Assert.Equal(2 * 4 + 1, model.InputWidth);
    }

    [Fact]
    public void Bad_input_names_the_argument()
    {
        var (fields, labels) = Xor(100, 6);
        var ragged = fields.Select((f, i) => i == 3 ? new[] { 1 } : f).ToArray();
        Assert.Contains("fields[3]", Assert.Throws<ArgumentException>(() => new DeepCrossNetwork().Fit(ragged, null, labels)).Message);
        var badLabels = labels.ToArray();
        badLabels[7] = 2;
        Assert.Contains("labels[7]", Assert.Throws<ArgumentException>(() => new DeepCrossNetwork().Fit(fields, null, badLabels)).Message);
        var nan = fields.Select(_ => new[] { float.NaN }).ToArray();
        Assert.Contains("numeric[0]", Assert.Throws<ArgumentException>(() => new DeepCrossNetwork().Fit(fields, nan, labels)).Message);
        var fitted = new DeepCrossNetwork { Epochs = 1 }.Fit(fields, null, labels);
        Assert.Contains("every row must have 2", Assert.Throws<ArgumentException>(() => fitted.PredictProbability([[1, 0, 0]])).Message);
        Assert.Throws<InvalidOperationException>(() => new DeepCrossNetwork().PredictProbability(fields));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DeepCrossNetwork { Epochs = 0 }.Fit(fields, null, labels));
    }
}
