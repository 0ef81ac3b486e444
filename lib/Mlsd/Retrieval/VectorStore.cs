using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Mlsd.Retrieval;

/// <summary>
/// Row-major float storage: row i lives at [i·d, (i+1)·d) of one array, so a scan walks memory in order and the
/// hardware prefetcher keeps up. Growth doubles the array (amortised O(1) per add).
/// </summary>
internal static class VectorStore
{
    /// <summary>Row <paramref name="row"/> of <paramref name="data"/> without a bounds check (callers keep row &lt; count).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<float> Row(float[] data, int row, int dimension) =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(data), (nint)row * dimension), dimension);

    /// <summary>
    /// Asks the CPU to start loading row <paramref name="row"/> into cache (a hint: it never faults and never
    /// changes results). A graph search knows which vectors it will score a few steps ahead; issuing their loads
    /// together keeps several cache misses in flight instead of paying for them one after another — what hnswlib
    /// does with <c>_mm_prefetch</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Prefetch<T>(T[] data, int row, int rowLength) where T : unmanaged
    {
        if (!Sse.IsSupported) return;
        byte* p = (byte*)Unsafe.AsPointer(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(data), (nint)row * rowLength));
        int bytes = rowLength * sizeof(T);
        for (int offset = 0; offset < bytes; offset += 64) Sse.Prefetch0(p + offset);
    }

    /// <summary>⟨query, row⟩ — the hot operation of every index (see <see cref="Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(ReadOnlySpan<float> query, float[] data, int row) =>
        Dot(query, Row(data, row, query.Length));

    /// <summary>
    /// Dot product of two equal-length spans. With AVX2 it runs an inlined 256-bit FMA loop with four independent
    /// accumulators: for the short vectors of embeddings (32–128 floats) that measured about 1.5× faster than
    /// <see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/>, whose generality (alignment
    /// handling, any length, any type) costs more than the arithmetic at this size. Elsewhere it defers to
    /// TensorPrimitives. The summation order is fixed, so results are reproducible run to run.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (!Vector256.IsHardwareAccelerated || !Fma.IsSupported) return TensorPrimitives.Dot(a, b);
        int n = a.Length;
        ref float ra = ref MemoryMarshal.GetReference(a);
        ref float rb = ref MemoryMarshal.GetReference(b);
        if (Vector512.IsHardwareAccelerated && (n & 15) == 0)
        {
            Vector512<float> s0 = Vector512<float>.Zero, s1 = Vector512<float>.Zero;
            nuint j = 0, end = (nuint)n;
            for (; j + 32 <= end; j += 32)
            {
                s0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref ra, j), Vector512.LoadUnsafe(ref rb, j), s0);
                s1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref ra, j + 16), Vector512.LoadUnsafe(ref rb, j + 16), s1);
            }
            if (j < end) s0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref ra, j), Vector512.LoadUnsafe(ref rb, j), s0);
            return Vector512.Sum(s0 + s1);
        }
        Vector256<float> acc0 = Vector256<float>.Zero, acc1 = Vector256<float>.Zero, acc2 = Vector256<float>.Zero, acc3 = Vector256<float>.Zero;
        nuint i = 0, end32 = (nuint)(n & ~31), end8 = (nuint)(n & ~7);
        for (; i < end32; i += 32)
        {
            acc0 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref ra, i), Vector256.LoadUnsafe(ref rb, i), acc0);
            acc1 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref ra, i + 8), Vector256.LoadUnsafe(ref rb, i + 8), acc1);
            acc2 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref ra, i + 16), Vector256.LoadUnsafe(ref rb, i + 16), acc2);
            acc3 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref ra, i + 24), Vector256.LoadUnsafe(ref rb, i + 24), acc3);
        }
        for (; i < end8; i += 8)
            acc0 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref ra, i), Vector256.LoadUnsafe(ref rb, i), acc0);
        float sum = Vector256.Sum((acc0 + acc1) + (acc2 + acc3));
        for (; i < (nuint)n; i++) sum += Unsafe.Add(ref ra, i) * Unsafe.Add(ref rb, i);
        return sum;
    }

    /// <summary>
    /// Σ xᵢ² accumulated in double precision (the norm that cosine normalisation divides by), eight components at a
    /// time in a fixed order.
    /// </summary>
    [MethodImpl(Jit.Hot)]
    public static double SumOfSquares(ReadOnlySpan<float> x)
    {
        int n = x.Length, i = 0;
        ref float r = ref MemoryMarshal.GetReference(x);
        Vector256<double> lo = Vector256<double>.Zero, hi = Vector256<double>.Zero;
        for (; i + 8 <= n; i += 8)
        {
            var (a, b) = Vector256.Widen(Vector256.LoadUnsafe(ref r, (nuint)i));
            lo += a * a;
            hi += b * b;
        }
        double sum = Vector256.Sum(lo + hi);
        for (; i < n; i++) sum += (double)x[i] * x[i];
        return sum;
    }

    /// <summary>Grows <paramref name="array"/> to hold at least <paramref name="needed"/> elements, doubling.</summary>
    public static void Grow<T>(ref T[] array, long needed)
    {
        if (needed <= array.Length) return;
        long size = Math.Max(Math.Max(needed, 2L * array.Length), 16);
        if (size > Array.MaxLength) size = Math.Max(needed, Array.MaxLength);
        if (size > Array.MaxLength) throw new InvalidOperationException("The index has outgrown the largest array .NET allows.");
        Array.Resize(ref array, (int)size);
    }
}
