using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Mlsd.Retrieval;

/// <summary>
/// Vectors stored for scoring many at a time: rows are grouped in panels of <see cref="Width"/> = 16, and inside a
/// panel the values are laid out dimension by dimension (the 16 rows' first components, then their second, …).
/// One SIMD register then holds one component of 16 rows, so ⟨q, x⟩ for 16 rows at once is d fused multiply-adds of
/// a broadcast query component with one load — no horizontal sums, which dominate a row-by-row dot product of
/// short vectors.
/// </summary>
/// <remarks>
/// <para><see cref="Score"/> computes a block of a query-by-row score matrix the way a tuned matrix product (GEMM)
/// does: a register tile of 4 queries × 4 panels (64 rows) keeps 16 accumulators in registers, so each loaded
/// value feeds four multiply-adds, and callers walk the rows in cache-sized blocks so a block is read from memory
/// once for a whole group of queries. That is how FAISS's flat index turns a batch of queries into one BLAS call.</para>
/// <para>Every score is the same sequential chain of fused multiply-adds over the components, whatever the tile,
/// the block size or the thread, so a score does not depend on which path or batch computed it.</para>
/// <para>Storage grows in groups of 4 panels; rows past <see cref="Count"/> are zero.</para>
/// </remarks>
internal sealed class RowPanels
{
    /// <summary>Rows per panel (one 512-bit register of floats).</summary>
    public const int Width = 16;

    /// <summary>Panels per register tile: storage is padded to a multiple of this many panels.</summary>
    public const int TilePanels = 4;

    /// <summary>Queries per register tile.</summary>
    public const int TileQueries = 4;

    private float[] _data = [];

    public RowPanels(int dimension)
    {
        Dimension = dimension;
    }

    public int Dimension { get; }

    public int Count { get; private set; }

    /// <summary>Panels holding <see cref="Count"/> rows, rounded up to a whole tile.</summary>
    public int Panels => (Count + Width * TilePanels - 1) / (Width * TilePanels) * TilePanels;

    /// <summary>Panels holding the <paramref name="n"/> rows of a row-major array.</summary>
    [MethodImpl(Jit.Hot)]
    public static RowPanels FromRows(float[] rows, int n, int dimension)
    {
        var panels = new RowPanels(dimension);
        panels.Reserve(n);
        for (int i = 0; i < n; i++) panels.Put(panels.Count++, rows.AsSpan(i * dimension, dimension));
        return panels;
    }

    /// <summary>Makes room for <paramref name="rows"/> rows (padded to whole tiles), doubling as needed.</summary>
    public void Reserve(int rows)
    {
        long tiles = ((long)rows + Width * TilePanels - 1) / (Width * TilePanels);
        VectorStore.Grow(ref _data, tiles * TilePanels * Width * Dimension);
        // VectorStore.Grow may round up; the extra tail stays zero, which the padding rule needs.
    }

    /// <summary>Appends one row.</summary>
    public void Add(ReadOnlySpan<float> row)
    {
        Reserve(Count + 1);
        Put(Count++, row);
    }

    /// <summary>Appends rows <paramref name="which"/>[0], [1], … of the row-major <paramref name="rows"/>.</summary>
    [MethodImpl(Jit.Hot)]
    public void AddRows(float[] rows, ReadOnlySpan<int> which)
    {
        Reserve(Count + which.Length);
        int d = Dimension;
        foreach (int i in which) Put(Count++, rows.AsSpan(i * d, d));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Put(int index, ReadOnlySpan<float> row)
    {
        int panel = index / Width, lane = index % Width, d = Dimension;
        Span<float> block = _data.AsSpan(panel * Width * d, Width * d);
        if (row.Length < d) throw new ArgumentException("row is shorter than the dimension.", nameof(row));
        ref float target = ref Unsafe.Add(ref MemoryMarshal.GetReference(block), lane);
        ref float source = ref MemoryMarshal.GetReference(row);
        for (int k = 0; k < d; k++) Unsafe.Add(ref target, k * Width) = Unsafe.Add(ref source, k);
    }

    /// <summary>Copies row <paramref name="row"/> into <paramref name="destination"/>.</summary>
    public void CopyRow(int row, Span<float> destination)
    {
        int panel = row / Width, lane = row % Width, d = Dimension;
        ReadOnlySpan<float> block = _data.AsSpan(panel * Width * d, Width * d);
        for (int k = 0; k < d; k++) destination[k] = block[k * Width + lane];
    }

    /// <summary>
    /// Scores of <see cref="TileQueries"/> queries against panels [<paramref name="panelFrom"/>,
    /// <paramref name="panelTo"/>) (a whole number of tiles): <paramref name="scores"/>[j·stride + r − 16·panelFrom] =
    /// ⟨query j, row r⟩, stride = 16·(panelTo − panelFrom). <paramref name="queries"/> holds the 4 queries row-major
    /// (pad with zero rows when there are fewer).
    /// </summary>
    [MethodImpl(Jit.Hot)]
    public void Score(ReadOnlySpan<float> queries, int panelFrom, int panelTo, Span<float> scores)
    {
        int d = Dimension, stride = Width * (panelTo - panelFrom);
        if (queries.Length < TileQueries * d || scores.Length < TileQueries * stride || (panelTo - panelFrom) % TilePanels != 0 || panelTo > _data.Length / (Width * d))
            throw new ArgumentException("RowPanels.Score: buffers too small or panel range not whole tiles.");
        ref float q0 = ref MemoryMarshal.GetReference(queries);
        ref float q1 = ref Unsafe.Add(ref q0, d);
        ref float q2 = ref Unsafe.Add(ref q0, 2 * d);
        ref float q3 = ref Unsafe.Add(ref q0, 3 * d);
        ref float s0 = ref MemoryMarshal.GetReference(scores);
        nint panelFloats = Width * d;
        for (int p = panelFrom; p < panelTo; p += TilePanels)
        {
            ref float x = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_data), p * panelFloats);
            ref float s = ref Unsafe.Add(ref s0, (p - panelFrom) * Width);
            if (Vector512.IsHardwareAccelerated) Tile512(ref x, panelFloats, d, ref q0, ref q1, ref q2, ref q3, ref s, stride);
            else Tile256(ref x, panelFloats, d, ref q0, ref q1, ref q2, ref q3, ref s, stride);
        }
    }

    /// <summary>
    /// Scores of one query against panels [<paramref name="panelFrom"/>, <paramref name="panelTo"/>) (whole tiles):
    /// <paramref name="scores"/>[r − 16·panelFrom] = ⟨query, row r⟩, bit-identical to <see cref="Score"/>.
    /// </summary>
    [MethodImpl(Jit.Hot)]
    public void ScoreOne(ReadOnlySpan<float> query, int panelFrom, int panelTo, Span<float> scores)
    {
        int d = Dimension;
        if (query.Length < d || scores.Length < Width * (panelTo - panelFrom) || (panelTo - panelFrom) % TilePanels != 0 || panelTo > _data.Length / (Width * d))
            throw new ArgumentException("RowPanels.ScoreOne: buffers too small or panel range not whole tiles.");
        ref float q = ref MemoryMarshal.GetReference(query);
        ref float s0 = ref MemoryMarshal.GetReference(scores);
        nint panelFloats = Width * d;
        for (int p = panelFrom; p < panelTo; p += TilePanels)
        {
            ref float x = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_data), p * panelFloats);
            ref float s = ref Unsafe.Add(ref s0, (p - panelFrom) * Width);
            if (Vector512.IsHardwareAccelerated)
            {
                Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
                for (nint k = 0; k < d; k++)
                {
                    var b = Vector512.Create(Unsafe.Add(ref q, k));
                    nint o = k * Width;
                    a0 = Vector512.FusedMultiplyAdd(b, Vector512.LoadUnsafe(ref x, (nuint)o), a0);
                    a1 = Vector512.FusedMultiplyAdd(b, Vector512.LoadUnsafe(ref x, (nuint)(o + panelFloats)), a1);
                    a2 = Vector512.FusedMultiplyAdd(b, Vector512.LoadUnsafe(ref x, (nuint)(o + 2 * panelFloats)), a2);
                    a3 = Vector512.FusedMultiplyAdd(b, Vector512.LoadUnsafe(ref x, (nuint)(o + 3 * panelFloats)), a3);
                }
                a0.StoreUnsafe(ref s);
                a1.StoreUnsafe(ref s, 16);
                a2.StoreUnsafe(ref s, 32);
                a3.StoreUnsafe(ref s, 48);
            }
            else
            {
                for (int panel = 0; panel < TilePanels; panel++)
                {
                    ref float xp = ref Unsafe.Add(ref x, panel * panelFloats);
                    Vector256<float> lo = default, hi = default;
                    for (nint k = 0; k < d; k++)
                    {
                        var b = Vector256.Create(Unsafe.Add(ref q, k));
                        lo = Vector256.FusedMultiplyAdd(b, Vector256.LoadUnsafe(ref xp, (nuint)(k * Width)), lo);
                        hi = Vector256.FusedMultiplyAdd(b, Vector256.LoadUnsafe(ref xp, (nuint)(k * Width + 8)), hi);
                    }
                    lo.StoreUnsafe(ref s, (nuint)(panel * Width));
                    hi.StoreUnsafe(ref s, (nuint)(panel * Width + 8));
                }
            }
        }
    }

    /// <summary>4 queries × 4 panels with 16 zmm accumulators.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile512(ref float x, nint panelFloats, int d, ref float q0, ref float q1, ref float q2, ref float q3, ref float s, int stride)
    {
        Row4 r0 = default, r1 = default, r2 = default, r3 = default;
        for (nint k = 0; k < d; k++)
        {
            nint o = k * Width;
            var x0 = Vector512.LoadUnsafe(ref x, (nuint)o);
            var x1 = Vector512.LoadUnsafe(ref x, (nuint)(o + panelFloats));
            var x2 = Vector512.LoadUnsafe(ref x, (nuint)(o + 2 * panelFloats));
            var x3 = Vector512.LoadUnsafe(ref x, (nuint)(o + 3 * panelFloats));
            r0 = r0.Add(Unsafe.Add(ref q0, k), x0, x1, x2, x3);
            r1 = r1.Add(Unsafe.Add(ref q1, k), x0, x1, x2, x3);
            r2 = r2.Add(Unsafe.Add(ref q2, k), x0, x1, x2, x3);
            r3 = r3.Add(Unsafe.Add(ref q3, k), x0, x1, x2, x3);
        }
        r0.Store(ref s);
        r1.Store(ref Unsafe.Add(ref s, stride));
        r2.Store(ref Unsafe.Add(ref s, 2 * stride));
        r3.Store(ref Unsafe.Add(ref s, 3 * stride));
    }

    /// <summary>One query's scores against the 64 rows of a tile, as four 16-row accumulators.</summary>
    private readonly struct Row4(Vector512<float> a, Vector512<float> b, Vector512<float> c, Vector512<float> e)
    {
        private readonly Vector512<float> _a = a, _b = b, _c = c, _e = e;

        /// <summary>Accumulators + q·x for the four panels' component vectors.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Row4 Add(float q, Vector512<float> x0, Vector512<float> x1, Vector512<float> x2, Vector512<float> x3)
        {
            var b = Vector512.Create(q);
            return new(Vector512.FusedMultiplyAdd(b, x0, _a), Vector512.FusedMultiplyAdd(b, x1, _b),
                Vector512.FusedMultiplyAdd(b, x2, _c), Vector512.FusedMultiplyAdd(b, x3, _e));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Store(ref float s)
        {
            _a.StoreUnsafe(ref s);
            _b.StoreUnsafe(ref s, 16);
            _c.StoreUnsafe(ref s, 32);
            _e.StoreUnsafe(ref s, 48);
        }
    }

    /// <summary>Without 512-bit SIMD: 4 queries × one panel (two 256-bit halves) at a time, 8 accumulators.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile256(ref float x, nint panelFloats, int d, ref float q0, ref float q1, ref float q2, ref float q3, ref float s, int stride)
    {
        for (int panel = 0; panel < TilePanels; panel++)
        {
            ref float xp = ref Unsafe.Add(ref x, panel * panelFloats);
            Vector256<float> l0 = default, h0 = default, l1 = default, h1 = default, l2 = default, h2 = default, l3 = default, h3 = default;
            for (nint k = 0; k < d; k++)
            {
                var xl = Vector256.LoadUnsafe(ref xp, (nuint)(k * Width));
                var xh = Vector256.LoadUnsafe(ref xp, (nuint)(k * Width + 8));
                var b = Vector256.Create(Unsafe.Add(ref q0, k));
                l0 = Vector256.FusedMultiplyAdd(b, xl, l0);
                h0 = Vector256.FusedMultiplyAdd(b, xh, h0);
                b = Vector256.Create(Unsafe.Add(ref q1, k));
                l1 = Vector256.FusedMultiplyAdd(b, xl, l1);
                h1 = Vector256.FusedMultiplyAdd(b, xh, h1);
                b = Vector256.Create(Unsafe.Add(ref q2, k));
                l2 = Vector256.FusedMultiplyAdd(b, xl, l2);
                h2 = Vector256.FusedMultiplyAdd(b, xh, h2);
                b = Vector256.Create(Unsafe.Add(ref q3, k));
                l3 = Vector256.FusedMultiplyAdd(b, xl, l3);
                h3 = Vector256.FusedMultiplyAdd(b, xh, h3);
            }
            ref float sp = ref Unsafe.Add(ref s, panel * Width);
            l0.StoreUnsafe(ref sp); h0.StoreUnsafe(ref sp, 8);
            l1.StoreUnsafe(ref sp, (nuint)stride); h1.StoreUnsafe(ref sp, (nuint)stride + 8);
            l2.StoreUnsafe(ref sp, (nuint)(2 * stride)); h2.StoreUnsafe(ref sp, (nuint)(2 * stride) + 8);
            l3.StoreUnsafe(ref sp, (nuint)(3 * stride)); h3.StoreUnsafe(ref sp, (nuint)(3 * stride) + 8);
        }
    }
}
