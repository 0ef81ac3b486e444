using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Mlsd.Retrieval;

/// <summary>
/// Lloyd's k-means with k-means++ seeding (Arthur &amp; Vassilvitskii, 2007), as the coarse quantiser of
/// <see cref="IvfIndex"/>. Points are rows of one contiguous array; every step runs in a fixed order from a seeded
/// <see cref="Sampler"/>, so the centroids are a pure function of (data, k, seed, iterations).
/// </summary>
/// <remarks>
/// Assignment is "most similar centroid" by dot product, the same score the index uses to probe lists. Under
/// cosine the data are unit vectors and each centroid is re-normalised after its mean is taken (spherical k-means,
/// Dhillon &amp; Modha 2001), so most-similar equals nearest. Under plain dot product the centroids stay means, which
/// is what FAISS does for an inner-product IVF. An emptied cluster takes half of the largest one: its centroid is
/// copied from the largest with a tiny opposite nudge to each (FAISS's fix), so no list is wasted.
/// <para>Speed: the assignment step is a points × centroids score matrix, computed four points at a time by the
/// register-tiled kernel of <see cref="RowPanels"/> (what FAISS hands to BLAS). k-means++ seeding needs one pass over
/// the points per seed, so it draws from a seeded subsample of at most 32 points per centroid, small enough to stay in
/// cache (scikit-learn's MiniBatchKMeans seeds from a subsample the same way); the Lloyd iterations use every point.</para>
/// </remarks>
internal static class KMeans
{
    /// <summary>Points per centroid in the k-means++ seeding pool (FAISS warns below 39 training points per centroid).</summary>
    private const int SeedPoolPerCentroid = 32;

    [MethodImpl(Jit.Hot)]
    public static float[] Fit(float[] data, int n, int d, int k, bool spherical, int iterations, Sampler sampler)
    {
        float[] centroids = SeedPlusPlus(data, n, d, k, sampler);
        if (spherical) NormalizeRows(centroids, k, d);
        var assignment = new int[n];
        Array.Fill(assignment, -1);
        var sums = new double[k * d];
        var sizes = new int[k];
        for (int iteration = 0; iteration < iterations; iteration++)
        {
            if (Assign(data, n, RowPanels.FromRows(centroids, k, d), assignment) == 0) break;

            Array.Clear(sums);
            Array.Clear(sizes);
            for (int i = 0; i < n; i++)
            {
                int c = assignment[i];
                sizes[c]++;
                AddWidened(sums.AsSpan(c * d, d), VectorStore.Row(data, i, d));
            }
            for (int c = 0; c < k; c++)
            {
                if (sizes[c] == 0) continue;
                for (int j = 0; j < d; j++) centroids[c * d + j] = (float)(sums[c * d + j] / sizes[c]);
            }
            SplitEmptyClusters(centroids, sizes, k, d);
            if (spherical) NormalizeRows(centroids, k, d);
        }
        return centroids;
    }

    /// <summary>Index of the centroid with the largest dot product with <paramref name="x"/> (first on ties).</summary>
    public static int Nearest(ReadOnlySpan<float> x, RowPanels centroids)
    {
        Span<float> scores = centroids.Panels * RowPanels.Width <= 1024 ? stackalloc float[1024] : new float[centroids.Panels * RowPanels.Width];
        centroids.ScoreOne(x, 0, centroids.Panels, scores);
        return ArgMax(scores[..centroids.Count]);
    }

    /// <summary>
    /// Points (rows of <paramref name="data"/>) to their most similar centroid, four points per register tile;
    /// returns how many assignments changed.
    /// </summary>
    [MethodImpl(Jit.Hot)]
    public static int Assign(float[] data, int n, RowPanels centroids, int[] assignment)
    {
        int d = centroids.Dimension, k = centroids.Count, panels = centroids.Panels, stride = panels * RowPanels.Width;
        const int Group = RowPanels.TileQueries;
        var scores = new float[Group * stride];
        var tail = new float[Group * d];
        int changed = 0;
        for (int i = 0; i < n; i += Group)
        {
            int m = Math.Min(Group, n - i);
            ReadOnlySpan<float> points = data.AsSpan(i * d, m * d);
            if (m < Group)
            {
                points.CopyTo(tail);
                points = tail;
            }
            centroids.Score(points, 0, panels, scores);
            for (int t = 0; t < m; t++)
            {
                int best = ArgMax(scores.AsSpan(t * stride, k));
                if (best != assignment[i + t]) changed++;
                assignment[i + t] = best;
            }
        }
        return changed;
    }

    /// <summary>sum += x, in double precision, eight components at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddWidened(Span<double> sum, ReadOnlySpan<float> x)
    {
        int j = 0, d = x.Length;
        ref double s = ref MemoryMarshal.GetReference(sum);
        ref float v = ref MemoryMarshal.GetReference(x);
        for (; j + 8 <= d; j += 8)
        {
            var (lo, hi) = Vector256.Widen(Vector256.LoadUnsafe(ref v, (nuint)j));
            (Vector256.LoadUnsafe(ref s, (nuint)j) + lo).StoreUnsafe(ref s, (nuint)j);
            (Vector256.LoadUnsafe(ref s, (nuint)j + 4) + hi).StoreUnsafe(ref s, (nuint)j + 4);
        }
        for (; j < d; j++) sum[j] += x[j];
    }

    /// <summary>First index of the largest value: a SIMD maximum, then a SIMD search for its first occurrence.</summary>
    [MethodImpl(Jit.Hot)]
    private static int ArgMax(ReadOnlySpan<float> values)
    {
        int n = values.Length, i = 0;
        ref float v = ref MemoryMarshal.GetReference(values);
        float max = float.NegativeInfinity;
        if (n >= 8)
        {
            var m = Vector256.Create(float.NegativeInfinity);
            for (; i + 8 <= n; i += 8) m = Vector256.Max(m, Vector256.LoadUnsafe(ref v, (nuint)i));
            for (int j = 0; j < 8; j++) max = Math.Max(max, m[j]);
        }
        for (; i < n; i++) max = Math.Max(max, values[i]);
        i = 0;
        for (; i + 8 <= n; i += 8)
        {
            uint hit = Vector256.Equals(Vector256.LoadUnsafe(ref v, (nuint)i), Vector256.Create(max)).ExtractMostSignificantBits();
            if (hit != 0) return i + BitOperations.TrailingZeroCount(hit);
        }
        for (; i < n; i++) if (values[i] == max) return i;
        return 0; // all NaN: cannot happen with finite inputs
    }

    /// <summary>
    /// k-means++: each next seed is a point drawn with probability ∝ squared distance to its nearest seed. The
    /// draw needs a pass over the points per seed, so it runs on a seeded subsample of at most
    /// <see cref="SeedPoolPerCentroid"/>·k points, small enough to stay in cache over the k passes.
    /// </summary>
    [MethodImpl(Jit.Hot)]
    private static float[] SeedPlusPlus(float[] data, int n, int d, int k, Sampler sampler)
    {
        if (n > SeedPoolPerCentroid * k)
        {
            int m = SeedPoolPerCentroid * k;
            var rows = new int[n];
            for (int i = 0; i < n; i++) rows[i] = i;
            for (int i = 0; i < m; i++)
            {
                int j = i + sampler.Next(n - i);
                (rows[i], rows[j]) = (rows[j], rows[i]);
            }
            Array.Sort(rows, 0, m);
            var pool = new float[m * d];
            for (int i = 0; i < m; i++) VectorStore.Row(data, rows[i], d).CopyTo(pool.AsSpan(i * d, d));
            data = pool;
            n = m;
        }
        var centroids = new float[k * d];
        var points = RowPanels.FromRows(data, n, d);
        var dots = new float[points.Panels * RowPanels.Width];
        var norms = new double[n];
        for (int i = 0; i < n; i++) norms[i] = VectorStore.Dot(VectorStore.Row(data, i, d), data, i);
        var distance = new double[n];
        Array.Fill(distance, double.PositiveInfinity);
        int chosen = sampler.Next(n);
        for (int c = 0; c < k; c++)
        {
            ReadOnlySpan<float> seed = VectorStore.Row(data, chosen, d);
            seed.CopyTo(centroids.AsSpan(c * d, d));
            points.ScoreOne(seed, 0, points.Panels, dots);
            double total = 0, seedNorm = norms[chosen];
            for (int i = 0; i < n; i++)
            {
                double dist = Math.Max(0, norms[i] + seedNorm - 2.0 * dots[i]);
                if (dist < distance[i]) distance[i] = dist;
                total += distance[i];
            }
            if (c == k - 1) break;
            if (total > 0)
            {
                double r = sampler.Uniform() * total;
                chosen = n - 1;
                for (int i = 0; i < n; i++)
                {
                    r -= distance[i];
                    if (r < 0)
                    {
                        chosen = i;
                        break;
                    }
                }
            }
            else
            {
                chosen = sampler.Next(n); // fewer distinct points than k: duplicates are unavoidable
            }
        }
        return centroids;
    }

    private static void SplitEmptyClusters(float[] centroids, int[] sizes, int k, int d)
    {
        const float Nudge = 1f / 1024;
        for (int empty = 0; empty < k; empty++)
        {
            if (sizes[empty] != 0) continue;
            int largest = 0;
            for (int c = 1; c < k; c++) if (sizes[c] > sizes[largest]) largest = c;
            if (sizes[largest] < 2) return;
            for (int j = 0; j < d; j++)
            {
                float value = centroids[largest * d + j];
                float sign = (j & 1) == 0 ? 1f : -1f;
                centroids[empty * d + j] = value * (1 + sign * Nudge);
                centroids[largest * d + j] = value * (1 - sign * Nudge);
            }
            sizes[empty] = sizes[largest] / 2;
            sizes[largest] -= sizes[empty];
        }
    }

    private static void NormalizeRows(float[] rows, int count, int d)
    {
        for (int c = 0; c < count; c++)
        {
            Span<float> row = rows.AsSpan(c * d, d);
            double sumSquares = 0;
            foreach (float v in row) sumSquares += (double)v * v;
            if (sumSquares == 0) continue;
            float scale = (float)(1.0 / Math.Sqrt(sumSquares));
            for (int j = 0; j < d; j++) row[j] *= scale;
        }
    }
}
