using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Mlsd.Models.NeuralNets;

/// <summary>
/// The few dense kernels everything else reduces to. A matrix product written as one library call per row
/// segment spends most of its time in call overhead when rows are only 32–64 floats long, so the product here
/// keeps a strip of output columns in SIMD registers while it walks the shared dimension.
/// </summary>
internal static class Kernels
{
    /// <summary>Products smaller than this many multiply-adds run on one thread (splitting costs more than it saves).</summary>
    private const long ParallelThreshold = 1 << 18;

    /// <summary>
    /// c (n×m) += a (n×k) · b (k×m), all row-major (the arrays may be longer, e.g. rented from a pool).
    /// Large products split their rows over the cores; every output row is computed by the same instructions
    /// in the same order whichever thread runs it, so the result does not depend on the split.
    /// </summary>
    public static void MatMulAdd(float[] a, float[] b, float[] c, int n, int k, int m)
    {
        int cores = Environment.ProcessorCount;
        if (cores < 2 || (long)n * k * m < ParallelThreshold || n < 32)
        {
            MatMulAddRows(a, b, c, n, k, m);
            return;
        }
        int blocks = Math.Min(cores, n / 16);
        int rowsPerBlock = ((n + blocks - 1) / blocks + 1) & ~1;
        Parallel.For(0, blocks, block =>
        {
            int start = block * rowsPerBlock;
            int rows = Math.Min(rowsPerBlock, n - start);
            if (rows > 0) MatMulAddRows(a.AsSpan(start * k, rows * k), b, c.AsSpan(start * m, rows * m), rows, k, m);
        });
    }

    /// <summary>The single-threaded core of <see cref="MatMulAdd(float[], float[], float[], int, int, int)"/>.</summary>
    /// <remarks>Two rows of c at a time, 4 SIMD vectors wide: each loaded strip of b feeds 8 fused multiply-adds.</remarks>
    [MethodImpl(Jit.Hot)]
    private static void MatMulAddRows(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int n, int k, int m)
    {
        int w = Vector<float>.Count;
        int strip = 4 * w;
        int i = 0;
        for (; i + 2 <= n; i += 2)
        {
            var a0 = a.Slice(i * k, k);
            var a1 = a.Slice((i + 1) * k, k);
            var r0 = c.Slice(i * m, m);
            var r1 = c.Slice((i + 1) * m, m);
            int j = 0;
            for (; j + strip <= m; j += strip)
            {
                var c00 = new Vector<float>(r0.Slice(j));
                var c01 = new Vector<float>(r0.Slice(j + w));
                var c02 = new Vector<float>(r0.Slice(j + 2 * w));
                var c03 = new Vector<float>(r0.Slice(j + 3 * w));
                var c10 = new Vector<float>(r1.Slice(j));
                var c11 = new Vector<float>(r1.Slice(j + w));
                var c12 = new Vector<float>(r1.Slice(j + 2 * w));
                var c13 = new Vector<float>(r1.Slice(j + 3 * w));
                for (int p = 0; p < k; p++)
                {
                    var bp = b.Slice(p * m + j, strip);
                    var b0 = new Vector<float>(bp);
                    var b1 = new Vector<float>(bp.Slice(w));
                    var b2 = new Vector<float>(bp.Slice(2 * w));
                    var b3 = new Vector<float>(bp.Slice(3 * w));
                    var s0 = new Vector<float>(a0[p]);
                    var s1 = new Vector<float>(a1[p]);
                    c00 = Vector.FusedMultiplyAdd(s0, b0, c00);
                    c01 = Vector.FusedMultiplyAdd(s0, b1, c01);
                    c02 = Vector.FusedMultiplyAdd(s0, b2, c02);
                    c03 = Vector.FusedMultiplyAdd(s0, b3, c03);
                    c10 = Vector.FusedMultiplyAdd(s1, b0, c10);
                    c11 = Vector.FusedMultiplyAdd(s1, b1, c11);
                    c12 = Vector.FusedMultiplyAdd(s1, b2, c12);
                    c13 = Vector.FusedMultiplyAdd(s1, b3, c13);
                }
                c00.CopyTo(r0.Slice(j));
                c01.CopyTo(r0.Slice(j + w));
                c02.CopyTo(r0.Slice(j + 2 * w));
                c03.CopyTo(r0.Slice(j + 3 * w));
                c10.CopyTo(r1.Slice(j));
                c11.CopyTo(r1.Slice(j + w));
                c12.CopyTo(r1.Slice(j + 2 * w));
                c13.CopyTo(r1.Slice(j + 3 * w));
            }
            if (j < m)
            {
                RowTail(a0, b, r0, k, m, j);
                RowTail(a1, b, r1, k, m, j);
            }
        }
        for (; i < n; i++) RowTail(a.Slice(i * k, k), b, c.Slice(i * m, m), k, m, 0);
    }

    /// <summary>Columns j…m−1 of one output row: a single SIMD vector at a time, then scalars.</summary>
    [MethodImpl(Jit.Hot)]
    private static void RowTail(ReadOnlySpan<float> ai, ReadOnlySpan<float> b, Span<float> ci, int k, int m, int j)
    {
        int w = Vector<float>.Count;
        for (; j + w <= m; j += w)
        {
            var acc = new Vector<float>(ci.Slice(j));
            for (int p = 0; p < k; p++) acc = Vector.FusedMultiplyAdd(new Vector<float>(ai[p]), new Vector<float>(b.Slice(p * m + j, w)), acc);
            acc.CopyTo(ci.Slice(j));
        }
        for (; j < m; j++)
        {
            float s = ci[j];
            for (int p = 0; p < k; p++) s = MathF.FusedMultiplyAdd(ai[p], b[p * m + j], s);
            ci[j] = s;
        }
    }

    /// <summary>
    /// The transpose of a row-major rows×cols matrix, in an array rented from <see cref="ArrayPool{T}.Shared"/>
    /// (at least cols×rows long; give it back with <see cref="Return"/> when done).
    /// </summary>
    [MethodImpl(Jit.Hot)]
    public static float[] RentTranspose(ReadOnlySpan<float> x, int rows, int cols)
    {
        var t = ArrayPool<float>.Shared.Rent(rows * cols);
        const int block = 32;
        for (int r0 = 0; r0 < rows; r0 += block)
        {
            int r1 = Math.Min(rows, r0 + block);
            for (int c0 = 0; c0 < cols; c0 += block)
            {
                int c1 = Math.Min(cols, c0 + block);
                for (int r = r0; r < r1; r++)
                    for (int c = c0; c < c1; c++) t[c * rows + r] = x[r * cols + c];
            }
        }
        return t;
    }

    /// <summary>Returns a rented buffer to the pool.</summary>
    public static void Return(float[] buffer) => ArrayPool<float>.Shared.Return(buffer);

    /// <summary>One Adam update on a span: moments m, v; parameters x; gradient g.</summary>
    [MethodImpl(Jit.Hot)]
    public static void AdamUpdate(Span<float> x, ReadOnlySpan<float> g, Span<float> m, Span<float> v,
        float beta1, float beta2, float stepSize, float invSqrtCorrection2, float epsilon, float decay)
    {
        int w = Vector<float>.Count, i = 0;
        var xv = MemoryMarshal.Cast<float, Vector<float>>(x);
        var gv = MemoryMarshal.Cast<float, Vector<float>>(g);
        var mv = MemoryMarshal.Cast<float, Vector<float>>(m);
        var vv = MemoryMarshal.Cast<float, Vector<float>>(v);
        var b1 = new Vector<float>(beta1);
        var b2 = new Vector<float>(beta2);
        var ob1 = new Vector<float>(1f - beta1);
        var ob2 = new Vector<float>(1f - beta2);
        var step = new Vector<float>(stepSize);
        var inv = new Vector<float>(invSqrtCorrection2);
        var eps = new Vector<float>(epsilon);
        var keep = new Vector<float>(1f - decay);
        for (int q = 0; q < xv.Length; q++)
        {
            var gq = gv[q];
            var mq = b1 * mv[q] + ob1 * gq;
            var vq = b2 * vv[q] + ob2 * gq * gq;
            mv[q] = mq;
            vv[q] = vq;
            xv[q] = xv[q] * keep - step * mq / (Vector.SquareRoot(vq) * inv + eps);
        }
        i = xv.Length * w;
        for (; i < x.Length; i++)
        {
            float gi = g[i];
            m[i] = beta1 * m[i] + (1f - beta1) * gi;
            v[i] = beta2 * v[i] + (1f - beta2) * gi * gi;
            x[i] = x[i] * (1f - decay) - stepSize * m[i] / (MathF.Sqrt(v[i]) * invSqrtCorrection2 + epsilon);
        }
    }
}
