using Mlsd.Models.NeuralNets;

namespace Mlsd.Tests.Models.NeuralNets;

/// <summary>
/// Every operation's back-propagated gradient against central finite differences computed here, independently
/// of the library: (L(w + ε) − L(w − ε)) / 2ε per entry. Float32 forward passes, so ε = 1e-2 and a relative
/// tolerance of 1e-2 (with an absolute floor for near-zero gradients); inputs are kept away from ReLU's kink.
/// </summary>
public class GradientCheckTests
{
    private const float Epsilon = 1e-2f;
    private const double Tolerance = 1e-2;

    /// <summary>Asserts that the analytic gradient of <paramref name="loss"/> w.r.t. each of <paramref name="parameters"/> matches finite differences.</summary>
    internal static void AssertGradientsMatch(Func<Tensor> loss, params Tensor[] parameters)
    {
        foreach (var p in parameters) p.ZeroGrad();
        loss().Backward();
        foreach (var p in parameters)
        {
            Assert.NotNull(p.Grad);
            var analytic = (float[])p.Grad!.Clone();
            for (int i = 0; i < p.Size; i++)
            {
                float original = p.Data[i];
                p.Data[i] = original + Epsilon;
                double plus = loss().Value;
                p.Data[i] = original - Epsilon;
                double minus = loss().Value;
                p.Data[i] = original;
                double numeric = (plus - minus) / (2 * Epsilon);
                double error = Math.Abs(analytic[i] - numeric) / Math.Max(Math.Abs(analytic[i]) + Math.Abs(numeric), 1e-2);
                Assert.True(error < Tolerance, $"{p.Name ?? "parameter"}[{i}]: analytic {analytic[i]:G6} vs numeric {numeric:G6} (relative error {error:G3}).");
            }
        }
    }

    internal static Tensor Param(int rows, int cols, int seed, double scale = 1.0, string name = "p")
    {
        var t = new Tensor(rows, cols, requiresGrad: true) { Name = name };
        var s = new Sampler(seed);
        for (int i = 0; i < t.Size; i++) t.Data[i] = (float)s.Uniform(-scale, scale);
        return t;
    }

    /// <summary>A fixed random projection so a non-scalar output becomes a scalar loss with varied upstream gradients.</summary>
    private static Tensor Project(Tensor x, int seed)
    {
        var w = new Tensor(x.Rows, x.Cols);
        var s = new Sampler(seed);
        for (int i = 0; i < w.Size; i++) w.Data[i] = (float)s.Uniform(-1, 1);
        return Ops.Sum(Ops.Multiply(x, w));
    }

    [Fact]
    public void MatMulBothInputs()
    {
        var a = Param(3, 4, 1, name: "a");
        var b = Param(4, 5, 2, name: "b");
        AssertGradientsMatch(() => Project(Ops.MatMul(a, b), 9), a, b);
    }

    [Fact]
    public void MatMulLargeEnoughForTheBlockedKernelAndTails()
    {
        // 5 rows (a pair-blocked part and a single leftover row), 37 columns (a 32-wide strip, then a tail).
        var a = Param(5, 6, 3, 0.5, "a");
        var b = Param(6, 37, 4, 0.5, "b");
        AssertGradientsMatch(() => Project(Ops.MatMul(a, b), 10), a, b);
    }

    [Fact]
    public void MatMulTransposeB()
    {
        var a = Param(3, 4, 5, name: "a");
        var b = Param(6, 4, 6, name: "b");
        AssertGradientsMatch(() => Project(Ops.MatMulTransposeB(a, b), 11), a, b);
    }

    [Fact]
    public void LinearAndAddBias()
    {
        var x = Param(4, 3, 7, name: "x");
        var w = Param(3, 2, 8, name: "w");
        var b = Param(1, 2, 9, name: "b");
        AssertGradientsMatch(() => Project(Ops.Linear(x, w, b), 12), x, w, b);
        AssertGradientsMatch(() => Project(Ops.AddBias(x, Param(1, 3, 13)), 14), x);
        var bias = Param(1, 3, 15, name: "bias");
        AssertGradientsMatch(() => Project(Ops.AddBias(x, bias), 16), bias);
    }

    [Fact]
    public void ElementWiseAddMultiplyScale()
    {
        var a = Param(2, 3, 17, name: "a");
        var b = Param(2, 3, 18, name: "b");
        AssertGradientsMatch(() => Project(Ops.Add(a, b), 19), a, b);
        AssertGradientsMatch(() => Project(Ops.Multiply(a, b), 20), a, b);
        AssertGradientsMatch(() => Project(Ops.Scale(a, -2.5f), 21), a);
    }

    [Fact]
    public void Activations()
    {
        // ReLU inputs kept at least 0.1 away from 0, where the derivative jumps.
        var x = Param(3, 4, 22, name: "x");
        for (int i = 0; i < x.Size; i++) x.Data[i] = x.Data[i] >= 0 ? x.Data[i] + 0.1f : x.Data[i] - 0.1f;
        AssertGradientsMatch(() => Project(Ops.Relu(x), 23), x);
        AssertGradientsMatch(() => Project(Ops.Tanh(x), 24), x);
        AssertGradientsMatch(() => Project(Ops.Sigmoid(x), 25), x);
        AssertGradientsMatch(() => Project(Ops.Softmax(x), 26), x);
    }

    [Fact]
    public void L2Normalize()
    {
        var x = Param(3, 5, 27, name: "x");
        AssertGradientsMatch(() => Project(Ops.L2Normalize(x), 28), x);
    }

    [Fact]
    public void ConcatAndConcatRows()
    {
        var a = Param(2, 3, 29, name: "a");
        var b = Param(2, 2, 30, name: "b");
        AssertGradientsMatch(() => Project(Ops.Concat(a, b), 31), a, b);
        var c = Param(4, 3, 32, name: "c");
        AssertGradientsMatch(() => Project(Ops.ConcatRows(a, c), 33), a, c);
    }

    [Fact]
    public void RowDot()
    {
        var a = Param(4, 3, 34, name: "a");
        var b = Param(4, 3, 35, name: "b");
        AssertGradientsMatch(() => Project(Ops.RowDot(a, b), 36), a, b);
    }

    [Fact]
    public void GatherAndGatherMeanWithRepeatsAndEmptyBags()
    {
        var table = Param(5, 3, 37, name: "table");
        AssertGradientsMatch(() => Project(Ops.Gather(table, [4, 1, 4, 0]), 38), table);
        int[][] bags = [[0, 2], [], [3, 3, 1], [4]];
        AssertGradientsMatch(() => Project(Ops.GatherMean(table, bags), 39), table);
    }

    [Fact]
    public void SumAndMean()
    {
        var x = Param(2, 3, 40, name: "x");
        AssertGradientsMatch(() => Ops.Scale(Ops.Sum(Ops.Tanh(x)), 0.7f), x);
        AssertGradientsMatch(() => Ops.Mean(Ops.Multiply(x, x)), x);
    }

    [Fact]
    public void SoftmaxCrossEntropy()
    {
        var logits = Param(4, 3, 41, 2, "logits");
        AssertGradientsMatch(() => Losses.SoftmaxCrossEntropy(logits, [0, 2, 1, 2]), logits);
    }

    [Fact]
    public void InBatchSoftmaxWithTemperatureLogQAndDuplicateMask()
    {
        var scores = Param(3, 4, 42, name: "scores");
        float[] logQ = [-1.2f, -0.3f, -2.0f, -0.7f];
        int[] ids = [7, 8, 7, 9];  // column 2 repeats row 0's item: masked for row 0
        AssertGradientsMatch(() => Losses.InBatchSoftmax(scores, 0.5f, logQ, ids), scores);
    }

    [Fact]
    public void FusedInBatchSoftmaxFromTowers()
    {
        var q = Param(3, 4, 43, name: "queries");
        var items = Param(3, 4, 44, name: "items");
        float[] logQ = [-1.0f, -0.5f, -2.0f];
        AssertGradientsMatch(() => Losses.InBatchSoftmax(q, items, 0.5f, logQ, [1, 2, 3]), q, items);
    }

    [Fact]
    public void BinaryCrossEntropyWithLogitsAndWeights()
    {
        var z = Param(4, 1, 45, 2, "logits");
        AssertGradientsMatch(() => Losses.BinaryCrossEntropyWithLogits(z, [1f, 0f, 0.3f, 1f], [1f, 2f, 0.5f, 1f]), z);
    }

    [Fact]
    public void MeanSquaredError()
    {
        var p = Param(3, 2, 46, name: "predictions");
        AssertGradientsMatch(() => Losses.MeanSquaredError(p, [0.5f, -1f, 2f, 0f, 1f, 3f]), p);
        AssertGradientsMatch(() => Losses.MeanSquaredError(p, [0.5f, -1f, 2f, 0f, 1f, 3f], [1f, 0f, 2f, 0.5f, 1f, 0f]), p);
    }

    [Fact]
    public void DenseLayersAndMlp()
    {
        var s = new Sampler(47);
        var mlp = Sequential.Mlp(3, [5, 2], s);
        var tanh = new Dense(3, 2, Activation.Tanh, s);
        var x = Param(4, 3, 48, name: "x");
        AssertGradientsMatch(() => Project(mlp.Forward(x), 49), [.. mlp.Parameters, x]);
        AssertGradientsMatch(() => Project(tanh.Forward(x), 50), [.. tanh.Parameters, x]);
    }

    [Fact]
    public void SharedParameterUsedTwiceAccumulatesBothPaths()
    {
        // A contrastive-style pattern: one encoder applied to two inputs, outputs compared.
        var w = Param(3, 3, 51, name: "w");
        var x1 = Param(2, 3, 52);
        var x2 = Param(2, 3, 53);
        AssertGradientsMatch(() => Ops.Sum(Ops.RowDot(Ops.Tanh(Ops.MatMul(x1, w)), Ops.Tanh(Ops.MatMul(x2, w)))), w);
    }

    [Fact]
    public void FeatureTowerEndToEnd()
    {
        var tower = new FeatureTower(new TowerSchema(4, [3, 2], BagVocabulary: 5, NumericCount: 1), 3, 2, 3, 4, 3, new Sampler(54));
        TowerInput[] inputs =
        [
            new(0, [1, 0], [1, 2], [0.5f]),
            new(TowerInput.UnknownId, [2, -1], [], [-1f]),
            new(3, [0, 1], [4, 4, 0], [0.2f]),
        ];
        AssertGradientsMatch(() => Project(tower.Forward(inputs), 55), [.. tower.Parameters]);
    }

    [Fact]
    public void LibraryGradientCheckAcceptsACorrectRuleAndFlagsAGraphThatMissesAPath()
    {
        var x = Param(2, 3, 56, name: "x");
        Assert.True(GradientCheck.MaxRelativeError(() => Ops.Sum(Ops.Tanh(x)), x) < 1e-2);
        // The second term depends on x numerically but is a detached copy, so back-propagation misses its +1.
        double broken = GradientCheck.MaxRelativeError(() => Ops.Sum(Ops.Add(Ops.Tanh(x), new Tensor(2, 3, (float[])x.Data.Clone()))), x);
        Assert.True(broken > 0.1, $"expected a large error, got {broken}");
    }
}
