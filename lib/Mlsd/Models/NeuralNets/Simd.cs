using System.Numerics;
using System.Runtime.CompilerServices;

namespace Mlsd.Models.NeuralNets;

/// <summary>
/// Small SIMD span helpers for the per-row inner loops of training (dot products, y += a·x, …).
/// </summary>
/// <remarks>
/// <see cref="System.Numerics.Tensors.TensorPrimitives"/> offers the same operations, but a notebook cell calls them
/// hundreds of thousands of times on 32-float rows right after start-up, while the JIT is still running their
/// first, unoptimised (tier-0) code: measured here, 200,000 calls of TensorPrimitives.MultiplyAdd on 32 floats took
/// 517 ms on first use and 2 ms once recompiled — about seconds per training cell. These helpers are compiled fully
/// optimised on first call (<see cref="MethodImplOptions.AggressiveOptimization"/>), so a cell pays no warm-up.
/// Sums run in a fixed order, so results are reproducible.
/// </remarks>
internal static class Simd
{
    /// <summary>Σ xᵢyᵢ.</summary>
    [MethodImpl(Jit.Hot)]
    public static T Dot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y) where T : unmanaged, INumberBase<T>
    {
        int w = Vector<T>.Count, i = 0, n = x.Length;
        var acc0 = Vector<T>.Zero;
        var acc1 = Vector<T>.Zero;
        for (; i + 2 * w <= n; i += 2 * w)
        {
            acc0 += new Vector<T>(x.Slice(i)) * new Vector<T>(y.Slice(i));
            acc1 += new Vector<T>(x.Slice(i + w)) * new Vector<T>(y.Slice(i + w));
        }
        for (; i + w <= n; i += w) acc0 += new Vector<T>(x.Slice(i)) * new Vector<T>(y.Slice(i));
        T s = Vector.Sum(acc0 + acc1);
        for (; i < n; i++) s += x[i] * y[i];
        return s;
    }

    /// <summary>y ← y + a·x.</summary>
    [MethodImpl(Jit.Hot)]
    public static void AddScaled<T>(Span<T> y, T a, ReadOnlySpan<T> x) where T : unmanaged, INumberBase<T>
    {
        int w = Vector<T>.Count, i = 0, n = y.Length;
        var av = new Vector<T>(a);
        for (; i + w <= n; i += w) (new Vector<T>(y.Slice(i)) + av * new Vector<T>(x.Slice(i))).CopyTo(y.Slice(i));
        for (; i < n; i++) y[i] += a * x[i];
    }

    /// <summary>y ← y + x.</summary>
    [MethodImpl(Jit.Hot)]
    public static void Add<T>(Span<T> y, ReadOnlySpan<T> x) where T : unmanaged, INumberBase<T>
    {
        int w = Vector<T>.Count, i = 0, n = y.Length;
        for (; i + w <= n; i += w) (new Vector<T>(y.Slice(i)) + new Vector<T>(x.Slice(i))).CopyTo(y.Slice(i));
        for (; i < n; i++) y[i] += x[i];
    }

    /// <summary>destination ← a·x.</summary>
    [MethodImpl(Jit.Hot)]
    public static void Scale<T>(ReadOnlySpan<T> x, T a, Span<T> destination) where T : unmanaged, INumberBase<T>
    {
        int w = Vector<T>.Count, i = 0, n = x.Length;
        var av = new Vector<T>(a);
        for (; i + w <= n; i += w) (av * new Vector<T>(x.Slice(i))).CopyTo(destination.Slice(i));
        for (; i < n; i++) destination[i] = a * x[i];
    }

    /// <summary>Σ xᵢ.</summary>
    [MethodImpl(Jit.Hot)]
    public static T Sum<T>(ReadOnlySpan<T> x) where T : unmanaged, INumberBase<T>
    {
        int w = Vector<T>.Count, i = 0, n = x.Length;
        var acc = Vector<T>.Zero;
        for (; i + w <= n; i += w) acc += new Vector<T>(x.Slice(i));
        T s = Vector.Sum(acc);
        for (; i < n; i++) s += x[i];
        return s;
    }

    /// <summary>Σ xᵢ².</summary>
    public static T SumOfSquares<T>(ReadOnlySpan<T> x) where T : unmanaged, INumberBase<T> => Dot(x, x);

    /// <summary>max(x, 0) element-wise into destination.</summary>
    [MethodImpl(Jit.Hot)]
    public static void Relu(ReadOnlySpan<float> x, Span<float> destination)
    {
        int w = Vector<float>.Count, i = 0, n = x.Length;
        for (; i + w <= n; i += w) Vector.Max(new Vector<float>(x.Slice(i)), Vector<float>.Zero).CopyTo(destination.Slice(i));
        for (; i < n; i++) destination[i] = x[i] > 0f ? x[i] : 0f;
    }

    /// <summary>The largest element (−∞ for an empty span).</summary>
    [MethodImpl(Jit.Hot)]
    public static float Max(ReadOnlySpan<float> x)
    {
        float max = float.NegativeInfinity;
        foreach (float v in x)
            if (v > max) max = v;
        return max;
    }

    /// <summary>Replaces z by softmax(z) and returns log Σ e^z; the maximum is subtracted first, so nothing overflows.</summary>
    [MethodImpl(Jit.Hot)]
    public static double SoftmaxInPlace(Span<float> z)
    {
        float max = Max(z);
        if (float.IsNegativeInfinity(max)) throw new InvalidOperationException("Every logit of a softmax row is −∞ (all entries masked).");
        double sum = 0;
        for (int i = 0; i < z.Length; i++)
        {
            float e = MathF.Exp(z[i] - max);
            z[i] = e;
            sum += e;
        }
        float inv = (float)(1.0 / sum);
        for (int i = 0; i < z.Length; i++) z[i] *= inv;
        return max + Math.Log(sum);
    }
}
