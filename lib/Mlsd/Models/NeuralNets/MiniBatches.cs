
namespace Mlsd.Models.NeuralNets;

/// <summary>Splits a data set into shuffled mini-batches of example indices, reproducibly from a sampler.</summary>
public static class MiniBatches
{
    /// <summary>
    /// One epoch of mini-batches: the indices 0..count−1 shuffled by <paramref name="sampler"/>, cut into
    /// consecutive batches of <paramref name="batchSize"/> (the last one shorter unless <paramref name="dropLast"/>).
    /// </summary>
    /// <example>count 5, batchSize 2 → three batches of sizes 2, 2, 1 covering each index once.</example>
    public static IEnumerable<int[]> Shuffled(int count, int batchSize, Sampler sampler, bool dropLast = false)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "count must be non-negative.");
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batchSize must be at least 1.");
        var order = new int[count];
        for (int i = 0; i < count; i++) order[i] = i;
        sampler.Shuffle(order);
        return Cut(order, batchSize, dropLast);
    }

    private static IEnumerable<int[]> Cut(int[] order, int batchSize, bool dropLast)
    {
        for (int start = 0; start < order.Length; start += batchSize)
        {
            int size = Math.Min(batchSize, order.Length - start);
            if (dropLast && size < batchSize) yield break;
            yield return order.AsSpan(start, size).ToArray();
        }
    }
}
