using System.Numerics.Tensors;

namespace Mlsd.Models.NeuralNets;

/// <summary>
/// The differentiable operations. Each one computes its result (forward) and, when an input requires a
/// gradient, records how to push the result's gradient back to its inputs (backward) — the two rules sit
/// side by side so the chain rule can be read off the code.
/// </summary>
/// <remarks>
/// Inner loops use <see cref="TensorPrimitives"/> (SIMD dot products and multiply-adds). Everything is
/// single-threaded and sums in a fixed order, so the same seed gives the same numbers on every run.
/// </remarks>
public static class Ops
{
    /// <summary>Matrix product <paramref name="a"/>·<paramref name="b"/>: (n×k)·(k×m) → n×m.</summary>
    /// <remarks>Backward: ∂L/∂a = G·bᵀ and ∂L/∂b = aᵀ·G, where G = ∂L/∂(a·b).</remarks>
    public static Tensor MatMul(Tensor a, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Cols != b.Rows)
            throw new ArgumentException($"MatMul needs a.Cols == b.Rows (got a {a.Rows}×{a.Cols} and b {b.Rows}×{b.Cols}).", nameof(b));
        int n = a.Rows, k = a.Cols, m = b.Cols;
        var c = new float[n * m];
        float[] ad = a.Data, bd = b.Data;
        for (int i = 0; i < n; i++)
        {
            var ci = c.AsSpan(i * m, m);
            for (int p = 0; p < k; p++)
            {
                float aip = ad[i * k + p];
                if (aip != 0f) TensorPrimitives.MultiplyAdd(bd.AsSpan(p * m, m), aip, ci, ci);
            }
        }
        return Tensor.Result(n, m, c, [a, b], result =>
        {
            var g = result.Grad!;
            if (a.RequiresGrad)
            {
                var ga = a.EnsureGrad();
                for (int i = 0; i < n; i++)
                {
                    var gi = g.AsSpan(i * m, m);
                    for (int p = 0; p < k; p++) ga[i * k + p] += TensorPrimitives.Dot(gi, bd.AsSpan(p * m, m));
                }
            }
            if (b.RequiresGrad)
            {
                var gb = b.EnsureGrad();
                for (int i = 0; i < n; i++)
                {
                    var gi = g.AsSpan(i * m, m);
                    for (int p = 0; p < k; p++)
                    {
                        float aip = ad[i * k + p];
                        if (aip != 0f)
                        {
                            var gbp = gb.AsSpan(p * m, m);
                            TensorPrimitives.MultiplyAdd(gi, aip, gbp, gbp);
                        }
                    }
                }
            }
        });
    }

    /// <summary>
    /// <paramref name="a"/>·<paramref name="b"/>ᵀ: (n×d)·(m×d)ᵀ → n×m, entry (i, j) = aᵢ·bⱼ. This is the score
    /// matrix of a two-tower model: every user in a batch against every item in it.
    /// </summary>
    public static Tensor MatMulTransposeB(Tensor a, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Cols != b.Cols)
            throw new ArgumentException($"MatMulTransposeB needs a.Cols == b.Cols (got a {a.Rows}×{a.Cols} and b {b.Rows}×{b.Cols}).", nameof(b));
        int n = a.Rows, m = b.Rows, d = a.Cols;
        var c = new float[n * m];
        float[] ad = a.Data, bd = b.Data;
        for (int i = 0; i < n; i++)
        {
            var ai = ad.AsSpan(i * d, d);
            for (int j = 0; j < m; j++) c[i * m + j] = TensorPrimitives.Dot(ai, bd.AsSpan(j * d, d));
        }
        return Tensor.Result(n, m, c, [a, b], result =>
        {
            var g = result.Grad!;
            if (a.RequiresGrad)
            {
                var ga = a.EnsureGrad();
                for (int i = 0; i < n; i++)
                {
                    var gai = ga.AsSpan(i * d, d);
                    for (int j = 0; j < m; j++)
                    {
                        float gij = g[i * m + j];
                        if (gij != 0f) TensorPrimitives.MultiplyAdd(bd.AsSpan(j * d, d), gij, gai, gai);
                    }
                }
            }
            if (b.RequiresGrad)
            {
                var gb = b.EnsureGrad();
                for (int i = 0; i < n; i++)
                {
                    var ai = ad.AsSpan(i * d, d);
                    for (int j = 0; j < m; j++)
                    {
                        float gij = g[i * m + j];
                        if (gij != 0f)
                        {
                            var gbj = gb.AsSpan(j * d, d);
                            TensorPrimitives.MultiplyAdd(ai, gij, gbj, gbj);
                        }
                    }
                }
            }
        });
    }

    /// <summary>Adds the 1×m row <paramref name="bias"/> to every row of <paramref name="x"/> (n×m).</summary>
    public static Tensor AddBias(Tensor x, Tensor bias)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(bias);
        if (bias.Rows != 1 || bias.Cols != x.Cols)
            throw new ArgumentException($"bias must be 1×{x.Cols} to match x (got {bias.Rows}×{bias.Cols}).", nameof(bias));
        int n = x.Rows, m = x.Cols;
        var y = new float[n * m];
        for (int i = 0; i < n; i++) TensorPrimitives.Add(x.Data.AsSpan(i * m, m), bias.Data, y.AsSpan(i * m, m));
        return Tensor.Result(n, m, y, [x, bias], result =>
        {
            var g = result.Grad!;
            if (x.RequiresGrad) TensorPrimitives.Add(x.EnsureGrad(), g, x.Grad!);
            if (bias.RequiresGrad)
            {
                var gb = bias.EnsureGrad();
                for (int i = 0; i < n; i++) TensorPrimitives.Add(gb, g.AsSpan(i * m, m), gb);
            }
        });
    }

    /// <summary>Element-wise sum of two tensors of the same shape (e.g. adding two task losses).</summary>
    public static Tensor Add(Tensor a, Tensor b)
    {
        CheckSameShape(a, b);
        var y = new float[a.Size];
        TensorPrimitives.Add(a.Data, b.Data, y);
        return Tensor.Result(a.Rows, a.Cols, y, [a, b], result =>
        {
            var g = result.Grad!;
            if (a.RequiresGrad) TensorPrimitives.Add(a.EnsureGrad(), g, a.Grad!);
            if (b.RequiresGrad) TensorPrimitives.Add(b.EnsureGrad(), g, b.Grad!);
        });
    }

    /// <summary>Element-wise (Hadamard) product of two tensors of the same shape.</summary>
    public static Tensor Multiply(Tensor a, Tensor b)
    {
        CheckSameShape(a, b);
        var y = new float[a.Size];
        TensorPrimitives.Multiply(a.Data, b.Data, y);
        return Tensor.Result(a.Rows, a.Cols, y, [a, b], result =>
        {
            var g = result.Grad!;
            if (a.RequiresGrad)
            {
                var ga = a.EnsureGrad();
                TensorPrimitives.MultiplyAdd(g, b.Data, ga, ga);
            }
            if (b.RequiresGrad)
            {
                var gb = b.EnsureGrad();
                TensorPrimitives.MultiplyAdd(g, a.Data, gb, gb);
            }
        });
    }

    /// <summary>Multiplies every element by the constant <paramref name="factor"/> (e.g. a loss weight).</summary>
    public static Tensor Scale(Tensor x, float factor)
    {
        ArgumentNullException.ThrowIfNull(x);
        var y = new float[x.Size];
        TensorPrimitives.Multiply(x.Data, factor, y);
        return Tensor.Result(x.Rows, x.Cols, y, [x], result =>
        {
            var gx = x.EnsureGrad();
            TensorPrimitives.MultiplyAdd(result.Grad!, factor, gx, gx);
        });
    }

    /// <summary>ReLU, max(x, 0): passes gradient where the input was positive, blocks it elsewhere.</summary>
    public static Tensor Relu(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var y = new float[x.Size];
        TensorPrimitives.Max(x.Data, 0f, y);
        return Tensor.Result(x.Rows, x.Cols, y, [x], result =>
        {
            var g = result.Grad!;
            var gx = x.EnsureGrad();
            var xd = x.Data;
            for (int i = 0; i < gx.Length; i++)
                if (xd[i] > 0f) gx[i] += g[i];
        });
    }

    /// <summary>Hyperbolic tangent; its derivative is 1 − tanh².</summary>
    public static Tensor Tanh(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var y = new float[x.Size];
        TensorPrimitives.Tanh(x.Data, y);
        return Tensor.Result(x.Rows, x.Cols, y, [x], result =>
        {
            var g = result.Grad!;
            var gx = x.EnsureGrad();
            for (int i = 0; i < gx.Length; i++) gx[i] += g[i] * (1f - y[i] * y[i]);
        });
    }

    /// <summary>Logistic sigmoid 1/(1 + e^−x); its derivative is σ(1 − σ).</summary>
    public static Tensor Sigmoid(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var y = new float[x.Size];
        TensorPrimitives.Sigmoid(x.Data, y);
        return Tensor.Result(x.Rows, x.Cols, y, [x], result =>
        {
            var g = result.Grad!;
            var gx = x.EnsureGrad();
            for (int i = 0; i < gx.Length; i++) gx[i] += g[i] * y[i] * (1f - y[i]);
        });
    }

    /// <summary>Row-wise softmax (probabilities over the columns). For training prefer <see cref="Losses.SoftmaxCrossEntropy"/>, which is more stable.</summary>
    public static Tensor Softmax(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        int n = x.Rows, m = x.Cols;
        var y = new float[x.Size];
        for (int i = 0; i < n; i++) Losses.StableSoftmax(x.Data.AsSpan(i * m, m), y.AsSpan(i * m, m));
        return Tensor.Result(n, m, y, [x], result =>
        {
            var g = result.Grad!;
            var gx = x.EnsureGrad();
            for (int i = 0; i < n; i++)
            {
                var yi = y.AsSpan(i * m, m);
                var gi = g.AsSpan(i * m, m);
                float dot = TensorPrimitives.Dot(gi, yi);
                for (int j = 0; j < m; j++) gx[i * m + j] += yi[j] * (gi[j] - dot);
            }
        });
    }

    /// <summary>
    /// Scales each row to unit Euclidean length, so dot products become cosine similarities — how two-tower
    /// and contrastive models keep scores bounded and comparable across users.
    /// </summary>
    /// <remarks>With y = x/‖x‖, the backward rule is ∂L/∂x = (g − y (y·g)) / ‖x‖: the component of the
    /// gradient along the row itself is removed, since scaling x does not change y. Rows shorter than
    /// <paramref name="epsilon"/> are divided by epsilon instead (no division by zero).</remarks>
    public static Tensor L2Normalize(Tensor x, float epsilon = 1e-12f)
    {
        ArgumentNullException.ThrowIfNull(x);
        int n = x.Rows, m = x.Cols;
        var y = new float[x.Size];
        var norms = new float[n];
        for (int i = 0; i < n; i++)
        {
            var xi = x.Data.AsSpan(i * m, m);
            float norm = Math.Max(TensorPrimitives.Norm(xi), epsilon);
            norms[i] = norm;
            TensorPrimitives.Divide(xi, norm, y.AsSpan(i * m, m));
        }
        return Tensor.Result(n, m, y, [x], result =>
        {
            var g = result.Grad!;
            var gx = x.EnsureGrad();
            for (int i = 0; i < n; i++)
            {
                var yi = y.AsSpan(i * m, m);
                var gi = g.AsSpan(i * m, m);
                float dot = TensorPrimitives.Dot(yi, gi);
                float inv = 1f / norms[i];
                for (int j = 0; j < m; j++) gx[i * m + j] += (gi[j] - yi[j] * dot) * inv;
            }
        });
    }

    /// <summary>Joins tensors with the same number of rows side by side: n×a, n×b, … → n×(a+b+…).</summary>
    public static Tensor Concat(params Tensor[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Length == 0) throw new ArgumentException("Concat needs at least one tensor.", nameof(parts));
        int n = parts[0].Rows, m = 0;
        foreach (var p in parts)
        {
            ArgumentNullException.ThrowIfNull(p, nameof(parts));
            if (p.Rows != n) throw new ArgumentException($"Concat needs the same number of rows in every part (got {n} and {p.Rows}).", nameof(parts));
            m += p.Cols;
        }
        var y = new float[n * m];
        int offset = 0;
        foreach (var p in parts)
        {
            for (int i = 0; i < n; i++) p.Data.AsSpan(i * p.Cols, p.Cols).CopyTo(y.AsSpan(i * m + offset, p.Cols));
            offset += p.Cols;
        }
        return Tensor.Result(n, m, y, (Tensor[])parts.Clone(), result =>
        {
            var g = result.Grad!;
            int off = 0;
            foreach (var p in parts)
            {
                if (p.RequiresGrad)
                {
                    var gp = p.EnsureGrad();
                    for (int i = 0; i < n; i++)
                    {
                        var dst = gp.AsSpan(i * p.Cols, p.Cols);
                        TensorPrimitives.Add(dst, g.AsSpan(i * m + off, p.Cols), dst);
                    }
                }
                off += p.Cols;
            }
        });
    }

    /// <summary>Stacks tensors with the same number of columns on top of each other (e.g. two augmented views in one batch).</summary>
    public static Tensor ConcatRows(params Tensor[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Length == 0) throw new ArgumentException("ConcatRows needs at least one tensor.", nameof(parts));
        int m = parts[0].Cols, n = 0;
        foreach (var p in parts)
        {
            ArgumentNullException.ThrowIfNull(p, nameof(parts));
            if (p.Cols != m) throw new ArgumentException($"ConcatRows needs the same number of columns in every part (got {m} and {p.Cols}).", nameof(parts));
            n += p.Rows;
        }
        var y = new float[n * m];
        int offset = 0;
        foreach (var p in parts)
        {
            p.Data.CopyTo(y, offset);
            offset += p.Size;
        }
        return Tensor.Result(n, m, y, (Tensor[])parts.Clone(), result =>
        {
            var g = result.Grad!;
            int off = 0;
            foreach (var p in parts)
            {
                if (p.RequiresGrad)
                {
                    var gp = p.EnsureGrad();
                    TensorPrimitives.Add(gp, g.AsSpan(off, p.Size), gp);
                }
                off += p.Size;
            }
        });
    }

    /// <summary>Row-by-row dot product of two n×d tensors → n×1 (the score of each (user, item) pair).</summary>
    public static Tensor RowDot(Tensor a, Tensor b)
    {
        CheckSameShape(a, b);
        int n = a.Rows, d = a.Cols;
        var y = new float[n];
        for (int i = 0; i < n; i++) y[i] = TensorPrimitives.Dot(a.Data.AsSpan(i * d, d), b.Data.AsSpan(i * d, d));
        return Tensor.Result(n, 1, y, [a, b], result =>
        {
            var g = result.Grad!;
            if (a.RequiresGrad)
            {
                var ga = a.EnsureGrad();
                for (int i = 0; i < n; i++)
                {
                    var gai = ga.AsSpan(i * d, d);
                    TensorPrimitives.MultiplyAdd(b.Data.AsSpan(i * d, d), g[i], gai, gai);
                }
            }
            if (b.RequiresGrad)
            {
                var gb = b.EnsureGrad();
                for (int i = 0; i < n; i++)
                {
                    var gbi = gb.AsSpan(i * d, d);
                    TensorPrimitives.MultiplyAdd(a.Data.AsSpan(i * d, d), g[i], gbi, gbi);
                }
            }
        });
    }

    /// <summary>
    /// Embedding lookup: row i of the result is row <c>ids[i]</c> of <paramref name="table"/>. The backward step
    /// adds each row's gradient into the looked-up table row only (a sparse update).
    /// </summary>
    public static Tensor Gather(Tensor table, IReadOnlyList<int> ids)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0) throw new ArgumentException("ids must not be empty.", nameof(ids));
        int n = ids.Count, d = table.Cols;
        var idArray = new int[n];
        var y = new float[n * d];
        for (int i = 0; i < n; i++)
        {
            int id = ids[i];
            if ((uint)id >= (uint)table.Rows)
                throw new ArgumentOutOfRangeException(nameof(ids), id, $"ids[{i}] = {id} is outside the table's rows [0, {table.Rows}).");
            idArray[i] = id;
            table.Data.AsSpan(id * d, d).CopyTo(y.AsSpan(i * d, d));
        }
        return Tensor.Result(n, d, y, [table], result =>
        {
            var g = result.Grad!;
            for (int i = 0; i < n; i++)
            {
                var gt = table.EnsureGradRow(idArray[i]).AsSpan(idArray[i] * d, d);
                TensorPrimitives.Add(gt, g.AsSpan(i * d, d), gt);
            }
        });
    }

    /// <summary>
    /// Mean-pooled embedding bag: row i of the result is the average of the table rows listed in
    /// <c>bags[i]</c> (e.g. the videos a user watched, or a video's tags); an empty bag gives a zero row.
    /// This is how a variable-length history becomes one fixed-size feature.
    /// </summary>
    public static Tensor GatherMean(Tensor table, IReadOnlyList<IReadOnlyList<int>> bags)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(bags);
        if (bags.Count == 0) throw new ArgumentException("bags must not be empty.", nameof(bags));
        int n = bags.Count, d = table.Cols;
        var y = new float[n * d];
        for (int i = 0; i < n; i++)
        {
            var bag = bags[i] ?? throw new ArgumentException($"bags[{i}] is null (use an empty list for no items).", nameof(bags));
            if (bag.Count == 0) continue;
            var yi = y.AsSpan(i * d, d);
            for (int t = 0; t < bag.Count; t++)
            {
                int id = bag[t];
                if ((uint)id >= (uint)table.Rows)
                    throw new ArgumentOutOfRangeException(nameof(bags), id, $"bags[{i}][{t}] = {id} is outside the table's rows [0, {table.Rows}).");
                TensorPrimitives.Add(yi, table.Data.AsSpan(id * d, d), yi);
            }
            TensorPrimitives.Multiply(yi, 1f / bag.Count, yi);
        }
        return Tensor.Result(n, d, y, [table], result =>
        {
            var g = result.Grad!;
            for (int i = 0; i < n; i++)
            {
                var bag = bags[i];
                if (bag.Count == 0) continue;
                float w = 1f / bag.Count;
                var gi = g.AsSpan(i * d, d);
                for (int t = 0; t < bag.Count; t++)
                {
                    int id = bag[t];
                    var gt = table.EnsureGradRow(id).AsSpan(id * d, d);
                    TensorPrimitives.MultiplyAdd(gi, w, gt, gt);
                }
            }
        });
    }

    /// <summary>Sum of all elements → 1×1.</summary>
    public static Tensor Sum(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        float s = TensorPrimitives.Sum(x.Data);
        return Tensor.Result(1, 1, [s], [x], result =>
        {
            var gx = x.EnsureGrad();
            TensorPrimitives.Add(gx, result.Grad![0], gx);
        });
    }

    /// <summary>Mean of all elements → 1×1.</summary>
    public static Tensor Mean(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        float s = TensorPrimitives.Sum(x.Data) / x.Size;
        return Tensor.Result(1, 1, [s], [x], result =>
        {
            var gx = x.EnsureGrad();
            TensorPrimitives.Add(gx, result.Grad![0] / x.Size, gx);
        });
    }

    /// <summary>The rows listed in <paramref name="rows"/> (a mini-batch of a data tensor); gradients flow back to those rows.</summary>
    public static Tensor SelectRows(Tensor x, IReadOnlyList<int> rows) => Gather(x, rows);

    private static void CheckSameShape(Tensor a, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Rows != b.Rows || a.Cols != b.Cols)
            throw new ArgumentException($"Both tensors must have the same shape (got {a.Rows}×{a.Cols} and {b.Rows}×{b.Cols}).", nameof(b));
    }
}
