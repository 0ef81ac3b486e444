using Mlsd.Models.NeuralNets;

namespace Mlsd.Tests.Models.NeuralNets;

/// <summary>Forward values on tiny inputs worked out by hand, and the toolkit's plumbing and errors.</summary>
public class OpsValueTests
{
    private const float Tol = 1e-5f;

    [Fact]
    public void MatMulByHand()
    {
        // [1 2; 3 4]·[5 6; 7 8] = [19 22; 43 50]
        var c = Ops.MatMul(new Tensor(2, 2, [1, 2, 3, 4]), new Tensor(2, 2, [5, 6, 7, 8]));
        Assert.Equal([19f, 22f, 43f, 50f], c.Data);
    }

    [Fact]
    public void LargeMatMulMatchesANaiveTripleLoop()
    {
        // 71×65 · 65×70 ≈ 323k multiply-adds: large enough to be split across cores, with an odd row count and
        // a column count that is not a multiple of the SIMD strip. Reference: a plain triple loop in double.
        var s = new Sampler(8);
        var a = new Tensor(71, 65);
        var b = new Tensor(65, 70);
        Initializers.Normal(a, 1, s);
        Initializers.Normal(b, 1, s);
        var c = Ops.MatMul(a, b);
        for (int i = 0; i < 71; i++)
            for (int j = 0; j < 70; j++)
            {
                double expected = 0;
                for (int p = 0; p < 65; p++) expected += (double)a[i, p] * b[p, j];
                Assert.Equal(expected, c[i, j], 1e-4);
            }
    }

    [Fact]
    public void MatMulTransposeBByHand()
    {
        // rows a = (1,2), (3,4); rows b = (1,0), (0,1), (1,1): a·bᵀ = [1 2 3; 3 4 7]
        var c = Ops.MatMulTransposeB(new Tensor(2, 2, [1, 2, 3, 4]), new Tensor(3, 2, [1, 0, 0, 1, 1, 1]));
        Assert.Equal([1f, 2f, 3f, 3f, 4f, 7f], c.Data);
    }

    [Fact]
    public void LinearEqualsMatMulPlusBiasByHand()
    {
        // [1 2]·[1 0 2; 0 1 1] + [0.5 0.5 0.5] = [1.5 2.5 4.5]
        var y = Ops.Linear(new Tensor(1, 2, [1, 2]), new Tensor(2, 3, [1, 0, 2, 0, 1, 1]), new Tensor(1, 3, [0.5f, 0.5f, 0.5f]));
        Assert.Equal([1.5f, 2.5f, 4.5f], y.Data);
    }

    [Fact]
    public void L2NormalizeByHand()
    {
        var y = Ops.L2Normalize(new Tensor(2, 2, [3, 4, 0, 0]));
        Assert.Equal(0.6f, y.Data[0], Tol);
        Assert.Equal(0.8f, y.Data[1], Tol);
        Assert.Equal(0f, y.Data[2]);  // a zero row stays zero rather than dividing by zero
    }

    [Fact]
    public void ActivationsByHand()
    {
        var x = new Tensor(1, 3, [-1f, 0f, 2f]);
        Assert.Equal([0f, 0f, 2f], Ops.Relu(x).Data);
        Assert.Equal(0.5f, Ops.Sigmoid(x).Data[1], Tol);
        Assert.Equal(0.880797f, Ops.Sigmoid(x).Data[2], Tol);   // 1/(1+e^−2)
        Assert.Equal(-0.761594f, Ops.Tanh(x).Data[0], Tol);     // tanh(−1)
        var p = Ops.Softmax(new Tensor(1, 2, [0f, MathF.Log(3f)]));  // e^0 : e^ln3 = 1 : 3
        Assert.Equal(0.25f, p.Data[0], Tol);
        Assert.Equal(0.75f, p.Data[1], Tol);
    }

    [Fact]
    public void ConcatRowDotGatherMeanByHand()
    {
        var cat = Ops.Concat(new Tensor(2, 1, [1, 2]), new Tensor(2, 2, [3, 4, 5, 6]));
        Assert.Equal([1f, 3f, 4f, 2f, 5f, 6f], cat.Data);
        var rows = Ops.ConcatRows(new Tensor(1, 2, [1, 2]), new Tensor(1, 2, [3, 4]));
        Assert.Equal(2, rows.Rows);
        Assert.Equal([1f, 2f, 3f, 4f], rows.Data);
        var dot = Ops.RowDot(new Tensor(2, 2, [1, 2, 3, 4]), new Tensor(2, 2, [5, 6, 7, 8]));
        Assert.Equal([17f, 53f], dot.Data);
        var table = new Tensor(3, 2, [1, 1, 3, 5, 10, 20]);
        var mean = Ops.GatherMean(table, [[0, 1], [], [2, 2, 0]]);
        Assert.Equal([2f, 3f, 0f, 0f, 7f, 41f / 3f], mean.Data);
    }

    [Fact]
    public void LossesMatchTheirDocumentedExamples()
    {
        Assert.Equal(MathF.Log(2), Losses.SoftmaxCrossEntropy(new Tensor(1, 2, [0, 0]), [0]).Value, Tol);
        Assert.Equal(MathF.Log(2), Losses.InBatchSoftmax(new Tensor(2, 2)).Value, Tol);
        Assert.Equal(MathF.Log(2), Losses.BinaryCrossEntropyWithLogits(new Tensor(1, 1, [0f]), [1f]).Value, Tol);
        Assert.Equal(5f, Losses.MeanSquaredError(new Tensor(1, 2, [1, 3]), [0, 0]).Value, Tol);
    }

    [Fact]
    public void InBatchSoftmaxByHand()
    {
        // Row 0 scores (1, 0), row 1 scores (0, 1), τ = 1: each row's positive has probability e/(e+1),
        // so the loss is −ln(e/(e+1)) = ln(1 + e^−1) ≈ 0.313262.
        var loss = Losses.InBatchSoftmax(new Tensor(2, 2, [1, 0, 0, 1]));
        Assert.Equal(0.313262f, loss.Value, Tol);
        // τ = 0.5 doubles the logits: ln(1 + e^−2) ≈ 0.126928.
        Assert.Equal(0.126928f, Losses.InBatchSoftmax(new Tensor(2, 2, [1, 0, 0, 1]), 0.5f).Value, Tol);
        // log-Q = (0, ln 2) is subtracted from each column's logits: row 0 becomes (1, −ln 2), so its loss is
        // −ln(e/(e + 1/2)); row 1 becomes (0, 1 − ln 2), so its loss is −ln((e/2)/(1 + e/2)).
        float expected = (float)((-Math.Log(Math.E / (Math.E + 0.5)) - Math.Log(Math.E / 2 / (1 + Math.E / 2))) / 2);
        Assert.Equal(expected, Losses.InBatchSoftmax(new Tensor(2, 2, [1, 0, 0, 1]), 1f, [0f, MathF.Log(2)]).Value, Tol);
        // The same item in both columns: each row's other column is masked, leaving only its positive → loss 0.
        Assert.Equal(0f, Losses.InBatchSoftmax(new Tensor(2, 2, [1, 0, 0, 1]), 1f, null, [5, 5]).Value, Tol);
        // The fused form from tower outputs equals the score-matrix form.
        var q = new Tensor(2, 2, [1, 0, 0, 1]);
        var items = new Tensor(2, 2, [1, 0, 0, 1]);
        Assert.Equal(0.313262f, Losses.InBatchSoftmax(q, items).Value, Tol);
    }

    [Fact]
    public void BackwardOfASimpleExpressionByHand()
    {
        // L = Σ (w·x)² with w = 3, x = 2: L = 36, dL/dw = 2·(w·x)·x = 24.
        var w = new Tensor(1, 1, [3f], requiresGrad: true);
        var x = new Tensor(1, 1, [2f]);
        var y = Ops.MatMul(w, x);
        var loss = Ops.Sum(Ops.Multiply(y, y));
        loss.Backward();
        Assert.Equal(36f, loss.Value);
        Assert.Equal(24f, w.Grad![0]);
        // Gradients accumulate until cleared.
        Ops.Sum(Ops.Multiply(Ops.MatMul(w, x), Ops.MatMul(w, x))).Backward();
        Assert.Equal(48f, w.Grad![0]);
        w.ZeroGrad();
        Assert.Equal(0f, w.Grad![0]);
    }

    [Fact]
    public void NoGradRecordsNothing()
    {
        var w = new Tensor(1, 1, [1f], requiresGrad: true);
        Tensor y;
        using (Tensor.NoGrad()) y = Ops.Scale(w, 2f);
        Assert.False(y.RequiresGrad);
        Assert.True(Ops.Scale(w, 2f).RequiresGrad);
        Assert.Throws<InvalidOperationException>(() => Ops.Sum(y).Backward());
    }

    [Fact]
    public void BadShapesAndArgumentsFailWithClearMessages()
    {
        var ex = Assert.Throws<ArgumentException>(() => Ops.MatMul(new Tensor(2, 3), new Tensor(2, 3)));
        Assert.Contains("a.Cols == b.Rows", ex.Message);
        Assert.Contains("2×3", ex.Message);
        Assert.Throws<ArgumentException>(() => Ops.Add(new Tensor(1, 2), new Tensor(2, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Ops.Gather(new Tensor(3, 2), [3]));
        Assert.Throws<ArgumentException>(() => new Tensor(2, 2, new float[3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Tensor(0, 2));
        Assert.Throws<InvalidOperationException>(() => new Tensor(2, 2, requiresGrad: true).Backward());
        var targets = Assert.Throws<ArgumentException>(() => Losses.SoftmaxCrossEntropy(new Tensor(2, 3), [0]));
        Assert.Equal("targets", targets.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Losses.SoftmaxCrossEntropy(new Tensor(1, 3), [3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Losses.InBatchSoftmax(new Tensor(2, 2), 0f));
        Assert.Throws<ArgumentException>(() => Losses.InBatchSoftmax(new Tensor(3, 2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Losses.BinaryCrossEntropyWithLogits(new Tensor(1, 1), [2f]));
        Assert.Throws<ArgumentException>(() => new Dense(3, 2, Activation.Relu, new Sampler(1)).Forward(new Tensor(1, 4)));
    }

    [Fact]
    public void MiniBatchesCoverEveryIndexOnceAndRepeatBySeed()
    {
        var batches = MiniBatches.Shuffled(5, 2, new Sampler(3)).ToList();
        Assert.Equal([2, 2, 1], batches.Select(b => b.Length));
        Assert.Equal([0, 1, 2, 3, 4], batches.SelectMany(b => b).Order());
        Assert.Equal(batches.SelectMany(b => b), MiniBatches.Shuffled(5, 2, new Sampler(3)).SelectMany(b => b));
        Assert.Equal([2, 2], MiniBatches.Shuffled(5, 2, new Sampler(3), dropLast: true).Select(b => b.Length));
    }

    [Fact]
    public void InitialisersRespectTheirScales()
    {
        // Xavier uniform on a 30×20 matrix: |w| ≤ √(6/50) ≈ 0.3464.
        var w = new Tensor(30, 20);
        Initializers.XavierUniform(w, new Sampler(4));
        Assert.All(w.Data, v => Assert.InRange(v, -0.3465f, 0.3465f));
        // He normal with fan-in 200: variance 2/200 = 0.01; 20,000 draws estimate it within a few percent.
        var h = new Tensor(200, 100);
        Initializers.HeNormal(h, new Sampler(5));
        double variance = h.Data.Select(v => (double)v * v).Average();
        Assert.InRange(variance, 0.0095, 0.0105);
    }
}
