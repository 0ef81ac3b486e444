using System.Runtime.CompilerServices;

namespace Mlsd.Models.NeuralNets;

/// <summary>
/// The differentiable operations. Each one computes its result (forward) and, when an input requires a
/// gradient, records how to push the result's gradient back to its inputs (backward) — the two rules sit
/// side by side so the chain rule can be read off the code.
/// </summary>
/// <remarks>
/// Inner loops are SIMD (dot products and multiply-adds over rows; a register-blocked matrix product). Everything is
/// summed in a fixed order; large matrix products split their rows over the cores, but each row is computed by
/// the same instructions whichever thread runs it — so the same seed gives the same numbers on every run.
/// <c>[MethodImpl(Jit.Hot)]</c> only asks the JIT to optimise a method from its first call (see <see cref="Jit"/>).
/// </remarks>
public static class Ops
{
    /// <summary>Matrix product <paramref name="a"/>·<paramref name="b"/>: (n×k)·(k×m) → n×m.</summary>
    /// <remarks>Backward: ∂L/∂a = G·bᵀ and ∂L/∂b = aᵀ·G, where G = ∂L/∂(a·b).</remarks>
    [MethodImpl(Jit.Hot)]
    public static Tensor MatMul(Tensor a, Tensor b)
    {
        CheckInner(a, b, transposeB: false, "MatMul");
        int n = a.Rows, m = b.Cols;
        var c = new float[n * m];
        Kernels.MatMulAdd(a.Data, b.Data, c, n, a.Cols, m);
        return Tensor.Result(n, m, c, [a, b], [MethodImpl(Jit.Hot)] (result) => MatMulBackward(a, b, result.Grad!));
    }

    /// <summary>
    /// The affine map of a dense layer, x·W + b: (n×k)·(k×m) + (1×m) → n×m. The same as
    /// <c>AddBias(MatMul(x, W), b)</c>, fused so a layer stores one intermediate instead of two.
    /// </summary>
    [MethodImpl(Jit.Hot)]
    public static Tensor Linear(Tensor x, Tensor weight, Tensor bias)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentNullException.ThrowIfNull(bias);
        if (x.Cols != weight.Rows)
            throw new ArgumentException($"Linear needs x.Cols == weight.Rows (got x {x.Rows}×{x.Cols} and weight {weight.Rows}×{weight.Cols}).", nameof(weight));
        if (bias.Rows != 1 || bias.Cols != weight.Cols)
            throw new ArgumentException($"bias must be 1×{weight.Cols} to match weight (got {bias.Rows}×{bias.Cols}).", nameof(bias));
        int n = x.Rows, m = weight.Cols;
        var y = new float[n * m];
        for (int i = 0; i < n; i++) bias.Data.CopyTo(y, i * m);
        Kernels.MatMulAdd(x.Data, weight.Data, y, n, x.Cols, m);
        return Tensor.Result(n, m, y, [x, weight, bias], [MethodImpl(Jit.Hot)] (result) =>
        {
            var g = result.Grad!;
            MatMulBackward(x, weight, g);
            if (bias.RequiresGrad)
            {
                var gb = bias.EnsureGrad();
                for (int i = 0; i < n; i++) Simd.Add<float>(gb, g.AsSpan(i * m, m));
            }
        });
    }

    /// <summary>Accumulates G·bᵀ into a's gradient and aᵀ·G into b's, for c = a·b.</summary>
    [MethodImpl(Jit.Hot)]
    private static void MatMulBackward(Tensor a, Tensor b, float[] g)
    {
        int n = a.Rows, k = a.Cols, m = b.Cols;
        if (a.RequiresGrad)
        {
            var bt = Kernels.RentTranspose(b.Data, k, m);
            Kernels.MatMulAdd(g, bt, a.EnsureGrad(), n, m, k);
            Kernels.Return(bt);
        }
        if (b.RequiresGrad)
        {
            var at = Kernels.RentTranspose(a.Data, n, k);
            Kernels.MatMulAdd(at, g, b.EnsureGrad(), k, n, m);
            Kernels.Return(at);
        }
    }

    /// <summary>
    /// <paramref name="a"/>·<paramref name="b"/>ᵀ: (n×d)·(m×d)ᵀ → n×m, entry (i, j) = aᵢ·bⱼ. This is the score
    /// matrix of a two-tower model: every user in a batch against every item in it.
    /// </summary>
    /// <remarks>Backward: ∂L/∂a = G·b and ∂L/∂b = Gᵀ·a.</remarks>
    [MethodImpl(Jit.Hot)]
    public static Tensor MatMulTransposeB(Tensor a, Tensor b)
    {
        CheckInner(a, b, transposeB: true, "MatMulTransposeB");
        int n = a.Rows, m = b.Rows;
        var c = new float[n * m];
        ScoresInto(a, b, c);
        return Tensor.Result(n, m, c, [a, b], [MethodImpl(Jit.Hot)] (result) => ScoresBackward(a, b, result.Grad!));
    }

    /// <summary>c (n×m) = a·bᵀ.</summary>
    [MethodImpl(Jit.Hot)]
    internal static void ScoresInto(Tensor a, Tensor b, float[] c)
    {
        int n = a.Rows, m = b.Rows, d = a.Cols;
        var bt = Kernels.RentTranspose(b.Data, m, d);
        Kernels.MatMulAdd(a.Data, bt, c, n, d, m);
        Kernels.Return(bt);
    }

    /// <summary>Given G = ∂L/∂(a·bᵀ) (n×m), accumulates G·b into a's gradient and Gᵀ·a into b's.</summary>
    [MethodImpl(Jit.Hot)]
    internal static void ScoresBackward(Tensor a, Tensor b, float[] g)
    {
        int n = a.Rows, m = b.Rows, d = a.Cols;
        if (a.RequiresGrad) Kernels.MatMulAdd(g, b.Data, a.EnsureGrad(), n, m, d);
        if (b.RequiresGrad)
        {
            var gt = Kernels.RentTranspose(g, n, m);
            Kernels.MatMulAdd(gt, a.Data, b.EnsureGrad(), m, n, d);
            Kernels.Return(gt);
        }
    }

    /// <summary>Adds the 1×m row <paramref name="bias"/> to every row of <paramref name="x"/> (n×m).</summary>
    [MethodImpl(Jit.Hot)]
    public static Tensor AddBias(Tensor x, Tensor bias)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(bias);
        if (bias.Rows != 1 || bias.Cols != x.Cols)
            throw new ArgumentException($"bias must be 1×{x.Cols} to match x (got {bias.Rows}×{bias.Cols}).", nameof(bias));
        int n = x.Rows, m = x.Cols;
        var y = new float[n * m];
        for (int i = 0; i < n; i++)
        {
            x.Data.AsSpan(i * m, m).CopyTo(y.AsSpan(i * m, m));
            Simd.Add<float>(y.AsSpan(i * m, m), bias.Data);
        }
        return Tensor.Result(n, m, y, [x, bias], [MethodImpl(Jit.Hot)] (result) =>
        {
            var g = result.Grad!;
            if (x.RequiresGrad) Simd.Add<float>(x.EnsureGrad(), g);
            if (bias.RequiresGrad)
            {
                var gb = bias.EnsureGrad();
                for (int i = 0; i < n; i++) Simd.Add<float>(gb, g.AsSpan(i * m, m));
            }
        });
    }

    /// <summary>Element-wise sum of two tensors of the same shape (e.g. adding two task losses).</summary>
    [MethodImpl(Jit.Hot)]
    public static Tensor Add(Tensor a, Tensor b)
    {
        CheckSameShape(a, b);
        var y = new float[a.Size];
        a.Data.CopyTo(y, 0);
        Simd.Add<float>(y, b.Data);
        return Tensor.Result(a.Rows, a.Cols, y, [a, b], [MethodImpl(Jit.Hot)] (result) =>
        {
            var g = result.Grad!;
            if (a.RequiresGrad) Simd.Add<float>(a.EnsureGrad(), g);
            if (b.RequiresGrad) Simd.Add<float>(b.EnsureGrad(), g);
        });
    }

    /// <summary>Element-wise (Hadamard) product of two tensors of the same shape.</summary>
    [MethodImpl(Jit.Hot)]
    public static Tensor Multiply(Tensor a, Tensor b)
    {
        CheckSameShape(a, b);
        var y = new float[a.Size];
        for (int i = 0; i < y.Length; i++) y[i] = a.Data[i] * b.Data[i];
        return Tensor.Result(a.Rows, a.Cols, y, [a, b], [MethodImpl(Jit.Hot)] (result) =>
        {
            var g = result.Grad!;
            if (a.RequiresGrad)
            {
                var ga = a.EnsureGrad();
                for (int i = 0; i < ga.Length; i++) ga[i] += g[i] * b.Data[i];
            }
            if (b.RequiresGrad)
            {
                var gb = b.EnsureGrad();
                for (int i = 0; i < gb.Length; i++) gb[i] += g[i] * a.Data[i];
            }
        });
    }

    /// <summary>Multiplies every element by the constant <paramref name="factor"/> (e.g. a loss weight).</summary>
    [MethodImpl(Jit.Hot)]
    public static Tensor Scale(Tensor x, float factor)
    {
        ArgumentNullException.ThrowIfNull(x);
        var y = new float[x.Size];
        Simd.Scale<float>(x.Data, factor, y);
        return Tensor.Result(x.Rows, x.Cols, y, [x], [MethodImpl(Jit.Hot)] (result) =>
        {
            var gx = x.EnsureGrad();
            Simd.AddScaled<float>(gx, factor, result.Grad!);
        });
    }

    /// <summary>ReLU, max(x, 0): passes gradient where the input was positive, blocks it elsewhere.</summary>
    [MethodImpl(Jit.Hot)]
    public static Tensor Relu(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var y = new float[x.Size];
        Simd.Relu(x.Data, y);
        return Tensor.Result(x.Rows, x.Cols, y, [x], [MethodImpl(Jit.Hot)] (result) =>
        {
            var g = result.Grad!;
            var gx = x.EnsureGrad();
            var xd = x.Data;
            for (int i = 0; i < gx.Length; i++)
                if (xd[i] > 0f) gx[i] += g[i];
        });
    }

    /// <summary>Hyperbolic tangent; its derivative is 1 − tanh².</summary>
    [MethodImpl(Jit.Hot)]
    public static Tensor Tanh(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var y = new float[x.Size];
        for (int i = 0; i < y.Length; i++) y[i] = MathF.Tanh(x.Data[i]);
        return Tensor.Result(x.Rows, x.Cols, y, [x], [MethodImpl(Jit.Hot)] (result) =>
        {
            var g = result.Grad!;
            var gx = x.EnsureGrad();
            for (int i = 0; i < gx.Length; i++) gx[i] += g[i] * (1f - y[i] * y[i]);
        });
    }

    /// <summary>Logistic sigmoid 1/(1 + e^−x); its derivative is σ(1 − σ).</summary>
    [MethodImpl(Jit.Hot)]
    public static Tensor Sigmoid(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var y = new float[x.Size];
        for (int i = 0; i < y.Length; i++) y[i] = 1f / (1f + MathF.Exp(-x.Data[i]));
        return Tensor.Result(x.Rows, x.Cols, y, [x], [MethodImpl(Jit.Hot)] (result) =>
        {
            var g = result.Grad!;
            var gx = x.EnsureGrad();
            for (int i = 0; i < gx.Length; i++) gx[i] += g[i] * y[i] * (1f - y[i]);
        });
    }

    /// <summary>Row-wise softmax (probabilities over the columns). For training prefer <see cref="Losses.SoftmaxCrossEntropy"/>, which is more stable.</summary>
    [MethodImpl(Jit.Hot)]
    public static Tensor Softmax(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        int n = x.Rows, m = x.Cols;
        var y = new float[x.Size];
        for (int i = 0; i < n; i++) Losses.StableSoftmax(x.Data.AsSpan(i * m, m), y.AsSpan(i * m, m));
        return Tensor.Result(n, m, y, [x], [MethodImpl(Jit.Hot)] (result) =>
        {
            var g = result.Grad!;
            var gx = x.EnsureGrad();
            var dots = RowDots(y, g, n, m);
            for (int i = 0; i < n; i++)
                for (int j = i * m; j < (i + 1) * m; j++) gx[j] += y[j] * (g[j] - dots[i]);
        });
    }

    /// <summary>
    /// Scales each row to unit Euclidean length, so dot products become cosine similarities — how two-tower
    /// and contrastive models keep scores bounded and comparable across users.
    /// </summary>
    /// <remarks>With y = x/‖x‖, the backward rule is ∂L/∂x = (g − y (y·g)) / ‖x‖: the component of the
    /// gradient along the row itself is removed, since scaling x does not change y. Rows shorter than
    /// <paramref name="epsilon"/> are divided by epsilon instead (no division by zero).</remarks>
    [MethodImpl(Jit.Hot)]
    public static Tensor L2Normalize(Tensor x, float epsilon = 1e-12f)
    {
        ArgumentNullException.ThrowIfNull(x);
        int n = x.Rows, m = x.Cols;
        var y = new float[x.Size];
        var norms = new float[n];
        for (int i = 0; i < n; i++)
        {
            var xi = x.Data.AsSpan(i * m, m);
            float norm = Math.Max(MathF.Sqrt(Simd.Dot<float>(xi, xi)), epsilon);
            norms[i] = norm;
            Simd.Scale<float>(xi, 1f / norm, y.AsSpan(i * m, m));
        }
        return Tensor.Result(n, m, y, [x], [MethodImpl(Jit.Hot)] (result) =>
        {
            var g = result.Grad!;
            var gx = x.EnsureGrad();
            var dots = RowDots(y, g, n, m);
            for (int i = 0; i < n; i++)
            {
                float inv = 1f / norms[i];
                for (int j = i * m; j < (i + 1) * m; j++) gx[j] += (g[j] - y[j] * dots[i]) * inv;
            }
        });
    }

    /// <summary>Joins tensors with the same number of rows side by side: n×a, n×b, … → n×(a+b+…).</summary>
    public static Tensor Concat(params Tensor[] parts) => Join(parts, stacked: false, "Concat");

    /// <summary>Stacks tensors with the same number of columns on top of each other (e.g. two augmented views in one batch).</summary>
    public static Tensor ConcatRows(params Tensor[] parts) => Join(parts, stacked: true, "ConcatRows");

    /// <summary>
    /// Concatenation either way: each part is copied into the output at its offset, and in the backward pass the
    /// output gradient's matching slice is added back into the part's gradient.
    /// </summary>
    [MethodImpl(Jit.Hot)]
    private static Tensor Join(Tensor[] parts, bool stacked, string op)
    {
        var (n, m) = ConcatShape(parts, stacked, op);
        var y = new float[n * m];
        int offset = 0;
        foreach (var p in parts)
        {
            Place(p, y, offset, stacked, n, m, backward: false);
            offset += stacked ? p.Size : p.Cols;
        }
        return Tensor.Result(n, m, y, (Tensor[])parts.Clone(), [MethodImpl(Jit.Hot)] (result) =>
        {
            var g = result.Grad!;
            int off = 0;
            foreach (var p in parts)
            {
                if (p.RequiresGrad) Place(p, g, off, stacked, n, m, backward: true);
                off += stacked ? p.Size : p.Cols;
            }
        });
    }

    /// <summary>Forward: copies part <paramref name="p"/> into <paramref name="whole"/> at <paramref name="offset"/>; backward: adds that slice of the gradient into p's gradient.</summary>
    [MethodImpl(Jit.Hot)]
    private static void Place(Tensor p, float[] whole, int offset, bool stacked, int n, int m, bool backward)
    {
        if (stacked)
        {
            if (backward) Simd.Add<float>(p.EnsureGrad(), whole.AsSpan(offset, p.Size));
            else p.Data.CopyTo(whole, offset);
            return;
        }
        for (int i = 0; i < n; i++)
        {
            var slice = whole.AsSpan(i * m + offset, p.Cols);
            if (backward) Simd.Add<float>(p.EnsureGrad().AsSpan(i * p.Cols, p.Cols), slice);
            else p.Data.AsSpan(i * p.Cols, p.Cols).CopyTo(slice);
        }
    }

    /// <summary>The dot product of each row of <paramref name="y"/> with the same row of <paramref name="g"/> (n rows of m): the
    /// term both the softmax and the L2-normalisation Jacobians subtract.</summary>
    [MethodImpl(Jit.Hot)]
    private static float[] RowDots(float[] y, float[] g, int n, int m)
    {
        var dots = new float[n];
        for (int i = 0; i < n; i++) dots[i] = Simd.Dot<float>(y.AsSpan(i * m, m), g.AsSpan(i * m, m));
        return dots;
    }

    /// <summary>Rejects null operands and a product whose inner sizes differ: a.Cols must equal b.Rows (b.Cols when b is transposed).</summary>
    private static void CheckInner(Tensor a, Tensor b, bool transposeB, string op)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Cols != (transposeB ? b.Cols : b.Rows))
            throw new ArgumentException(
                $"{op} needs a.Cols == {(transposeB ? "b.Cols" : "b.Rows")} (got a {a.Rows}×{a.Cols} and b {b.Rows}×{b.Cols}).", nameof(b));
    }

    /// <summary>
    /// Checks the parts of a concatenation and returns the result's shape: side by side (same rows, columns add up) or
    /// <paramref name="stacked"/> (same columns, rows add up).
    /// </summary>
    private static (int Rows, int Cols) ConcatShape(Tensor[] parts, bool stacked, string op)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Length == 0) throw new ArgumentException($"{op} needs at least one tensor.", nameof(parts));
        int rows = 0, cols = 0;
        foreach (var p in parts)
        {
            ArgumentNullException.ThrowIfNull(p, nameof(parts));
            int first = stacked ? parts[0].Cols : parts[0].Rows, size = stacked ? p.Cols : p.Rows;
            if (size != first)
                throw new ArgumentException($"{op} needs the same number of {(stacked ? "columns" : "rows")} in every part (got {first} and {size}).", nameof(parts));
            (rows, cols) = stacked ? (rows + p.Rows, p.Cols) : (p.Rows, cols + p.Cols);
        }
        return (rows, cols);
    }

    /// <summary>Row-by-row dot product of two n×d tensors → n×1 (the score of each (user, item) pair).</summary>
    [MethodImpl(Jit.Hot)]
    public static Tensor RowDot(Tensor a, Tensor b)
    {
        CheckSameShape(a, b);
        int n = a.Rows, d = a.Cols;
        var y = new float[n];
        for (int i = 0; i < n; i++) y[i] = Simd.Dot<float>(a.Data.AsSpan(i * d, d), b.Data.AsSpan(i * d, d));
        return Tensor.Result(n, 1, y, [a, b], [MethodImpl(Jit.Hot)] (result) =>
        {
            var g = result.Grad!;
            if (a.RequiresGrad)
            {
                var ga = a.EnsureGrad();
                for (int i = 0; i < n; i++)
                {
                    var gai = ga.AsSpan(i * d, d);
                    Simd.AddScaled<float>(gai, g[i], b.Data.AsSpan(i * d, d));
                }
            }
            if (b.RequiresGrad)
            {
                var gb = b.EnsureGrad();
                for (int i = 0; i < n; i++)
                {
                    var gbi = gb.AsSpan(i * d, d);
                    Simd.AddScaled<float>(gbi, g[i], a.Data.AsSpan(i * d, d));
                }
            }
        });
    }

    /// <summary>
    /// Embedding lookup: row i of the result is row <c>ids[i]</c> of <paramref name="table"/>. The backward step
    /// adds each row's gradient into the looked-up table row only (a sparse update).
    /// </summary>
    [MethodImpl(Jit.Hot)]
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
        return Tensor.Result(n, d, y, [table], [MethodImpl(Jit.Hot)] (result) =>
        {
            var g = result.Grad!;
            for (int i = 0; i < n; i++)
            {
                var gt = table.EnsureGradRow(idArray[i]).AsSpan(idArray[i] * d, d);
                Simd.Add<float>(gt, g.AsSpan(i * d, d));
            }
        });
    }

    /// <summary>
    /// Mean-pooled embedding bag: row i of the result is the average of the table rows listed in
    /// <c>bags[i]</c> (e.g. the videos a user watched, or a video's tags); an empty bag gives a zero row.
    /// This is how a variable-length history becomes one fixed-size feature.
    /// </summary>
    [MethodImpl(Jit.Hot)]
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
                Simd.Add<float>(yi, table.Data.AsSpan(id * d, d));
            }
            Simd.Scale<float>(yi, 1f / bag.Count, yi);
        }
        return Tensor.Result(n, d, y, [table], [MethodImpl(Jit.Hot)] (result) =>
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
                    Simd.AddScaled<float>(gt, w, gi);
                }
            }
        });
    }

    /// <summary>Sum of all elements → 1×1.</summary>
    [MethodImpl(Jit.Hot)]
    public static Tensor Sum(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        float s = Simd.Sum<float>(x.Data);
        return Tensor.Result(1, 1, [s], [x], [MethodImpl(Jit.Hot)] (result) =>
        {
            var gx = x.EnsureGrad();
            float g = result.Grad![0];
            for (int i = 0; i < gx.Length; i++) gx[i] += g;
        });
    }

    /// <summary>Mean of all elements → 1×1.</summary>
    [MethodImpl(Jit.Hot)]
    public static Tensor Mean(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        float s = Simd.Sum<float>(x.Data) / x.Size;
        return Tensor.Result(1, 1, [s], [x], [MethodImpl(Jit.Hot)] (result) =>
        {
            var gx = x.EnsureGrad();
            float g = result.Grad![0] / x.Size;
            for (int i = 0; i < gx.Length; i++) gx[i] += g;
        });
    }

    /// <summary>The rows listed in <paramref name="rows"/> (a mini-batch of a data tensor); gradients flow back to those rows.</summary>
    [MethodImpl(Jit.Hot)]
    public static Tensor SelectRows(Tensor x, IReadOnlyList<int> rows) => Gather(x, rows);

    [MethodImpl(Jit.Hot)]
    private static void CheckSameShape(Tensor a, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Rows != b.Rows || a.Cols != b.Cols)
            throw new ArgumentException($"Both tensors must have the same shape (got {a.Rows}×{a.Cols} and {b.Rows}×{b.Cols}).", nameof(b));
    }
}
