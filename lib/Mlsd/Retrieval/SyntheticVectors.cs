
namespace Mlsd.Retrieval;

/// <summary>
/// Seeded embedding-like test data: vectors drawn from a mixture of Gaussian clusters, the shape real item
/// embeddings have (topics, genres, categories) and the shape that makes IVF and HNSW interesting — uniform random
/// vectors have no structure to exploit, and a single blob is too easy.
/// </summary>
public static class SyntheticVectors
{
    /// <summary>
    /// <paramref name="count"/> vectors of length <paramref name="dimension"/> from <paramref name="clusters"/>
    /// Gaussian clusters. Cluster centres are N(0, 1) per component; each cluster gets a weight in [0.5, 1.5) and a
    /// spread of <paramref name="spread"/> × U[0.5, 1.5) (per-component standard deviation), so sizes and
    /// tightness vary as they do in real data.
    /// </summary>
    /// <remarks>
    /// Draw a query set from the same distribution by generating count + queries rows in one call and splitting
    /// (rows are independent draws, so any split is a fair held-out set).
    /// </remarks>
    public static float[][] Clustered(int count, int dimension, int clusters = 50, double spread = 0.5, int seed = 0)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "count must be non-negative.");
        if (dimension < 1) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "dimension must be at least 1.");
        if (clusters < 1) throw new ArgumentOutOfRangeException(nameof(clusters), clusters, "clusters must be at least 1.");
        if (!(spread >= 0) || double.IsInfinity(spread)) throw new ArgumentOutOfRangeException(nameof(spread), spread, "spread must be a finite non-negative number.");

        var sampler = new Sampler(seed);
        var centres = new double[clusters][];
        var weights = new double[clusters];
        var spreads = new double[clusters];
        for (int c = 0; c < clusters; c++)
        {
            centres[c] = new double[dimension];
            for (int j = 0; j < dimension; j++) centres[c][j] = sampler.Normal();
            weights[c] = sampler.Uniform(0.5, 1.5);
            spreads[c] = spread * sampler.Uniform(0.5, 1.5);
        }
        var cumulative = new double[clusters];
        double total = 0;
        for (int c = 0; c < clusters; c++) cumulative[c] = total += weights[c];

        var rows = new float[count][];
        for (int i = 0; i < count; i++)
        {
            int c = Array.BinarySearch(cumulative, sampler.Uniform() * total);
            c = Math.Min(c < 0 ? ~c : c, clusters - 1);
            var row = new float[dimension];
            for (int j = 0; j < dimension; j++) row[j] = (float)sampler.Normal(centres[c][j], spreads[c]);
            rows[i] = row;
        }
        return rows;
    }
}
