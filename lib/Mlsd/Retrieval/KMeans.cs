using System.Runtime.CompilerServices;

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
/// </remarks>
internal static class KMeans
{
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
            int changed = 0;
            for (int i = 0; i < n; i++)
            {
                int best = Nearest(VectorStore.Row(data, i, d), centroids, k);
                if (best != assignment[i]) changed++;
                assignment[i] = best;
            }
            if (changed == 0) break;

            Array.Clear(sums);
            Array.Clear(sizes);
            for (int i = 0; i < n; i++)
            {
                int c = assignment[i];
                sizes[c]++;
                ReadOnlySpan<float> x = VectorStore.Row(data, i, d);
                Span<double> sum = sums.AsSpan(c * d, d);
                for (int j = 0; j < d; j++) sum[j] += x[j];
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
    [MethodImpl(Jit.Hot)]
    public static int Nearest(ReadOnlySpan<float> x, float[] centroids, int k)
    {
        int best = 0;
        float bestScore = float.NegativeInfinity;
        for (int c = 0; c < k; c++)
        {
            float s = VectorStore.Dot(x, centroids, c);
            if (s > bestScore)
            {
                bestScore = s;
                best = c;
            }
        }
        return best;
    }

    /// <summary>k-means++: each next seed is a point drawn with probability ∝ squared distance to its nearest seed.</summary>
    [MethodImpl(Jit.Hot)]
    private static float[] SeedPlusPlus(float[] data, int n, int d, int k, Sampler sampler)
    {
        var centroids = new float[k * d];
        var norms = new double[n];
        for (int i = 0; i < n; i++) norms[i] = VectorStore.Dot(VectorStore.Row(data, i, d), data, i);
        var distance = new double[n];
        Array.Fill(distance, double.PositiveInfinity);
        int chosen = sampler.Next(n);
        for (int c = 0; c < k; c++)
        {
            VectorStore.Row(data, chosen, d).CopyTo(centroids.AsSpan(c * d, d));
            ReadOnlySpan<float> seed = VectorStore.Row(data, chosen, d);
            double total = 0;
            for (int i = 0; i < n; i++)
            {
                double dist = Math.Max(0, norms[i] + norms[chosen] - 2.0 * VectorStore.Dot(seed, data, i));
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
