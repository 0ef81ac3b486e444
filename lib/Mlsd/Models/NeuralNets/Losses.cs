using System.Runtime.CompilerServices;

namespace Mlsd.Models.NeuralNets;

/// <summary>
/// Training losses, each returning a 1×1 tensor (the mean over the batch) ready for <see cref="Tensor.Backward"/>.
/// They fuse the final activation with the loss (softmax with cross-entropy, sigmoid with binary
/// cross-entropy) because the fused gradient, p − y, is both simpler and numerically safer.
/// </summary>
public static class Losses
{
    /// <summary>
    /// Softmax cross-entropy for multi-class targets: mean over rows of log Σⱼ e^{zᵢⱼ} − zᵢ,ₜᵢ.
    /// Gradient: (softmax(zᵢ) − one-hot(tᵢ)) / n.
    /// </summary>
    /// <param name="logits">n×C unnormalised class scores.</param>
    /// <param name="targets">n class indices in [0, C).</param>
    /// <example>Logits [0, 0] with target 0 give ln 2 ≈ 0.6931.</example>
    [MethodImpl(Jit.Hot)]
    public static Tensor SoftmaxCrossEntropy(Tensor logits, IReadOnlyList<int> targets)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Count != logits.Rows)
            throw new ArgumentException($"targets must have one entry per row of logits (got {targets.Count} targets for {logits.Rows} rows).", nameof(targets));
        int n = logits.Rows, c = logits.Cols;
        var probs = new float[n * c];
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            int t = targets[i];
            if ((uint)t >= (uint)c) throw new ArgumentOutOfRangeException(nameof(targets), t, $"targets[{i}] = {t} must be a class index in [0, {c}).");
            var zi = logits.Data.AsSpan(i * c, c);
            total += LogSumExp(zi) - zi[t];
            StableSoftmax(zi, probs.AsSpan(i * c, c));
        }
        var targetCopy = targets.ToArray();
        return Tensor.Result(1, 1, [(float)(total / n)], [logits], [MethodImpl(Jit.Hot)] (result) =>
        {
            float scale = result.Grad![0] / n;
            var gz = logits.EnsureGrad();
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < c; j++) gz[i * c + j] += scale * probs[i * c + j];
                gz[i * c + targetCopy[i]] -= scale;
            }
        });
    }

    /// <summary>
    /// In-batch softmax (sampled softmax with in-batch negatives): row i of the n×m score matrix scores
    /// query i against every item in the batch, and its positive is item i (the diagonal); the other items
    /// serve as negatives. Loss = mean over i of −log softmax(zᵢ)ᵢ with zᵢⱼ = sᵢⱼ/τ − log qⱼ.
    /// </summary>
    /// <param name="scores">n×m scores with m ≥ n (columns beyond n are extra negatives).</param>
    /// <param name="temperature">τ &gt; 0. With L2-normalised towers scores lie in [−1, 1]; a small τ (≈0.05–0.2) sharpens the softmax.</param>
    /// <param name="logQ">Optional log-sampling-probability of each column's item (length m). Popular items appear
    /// as in-batch negatives more often than a full softmax would weigh them, which unfairly pushes them down;
    /// subtracting log q corrects the estimate (Yi et al., "Sampling-Bias-Corrected Neural Modeling for Large Corpus
    /// Item Recommendations", RecSys 2019).</param>
    /// <param name="itemIds">Optional item id of each column (length m): a column holding the same item as row i's
    /// positive is masked out of row i, so a popular video twice in a batch is not treated as its own negative.</param>
    /// <example>A 2×2 score matrix of zeros with τ = 1 gives ln 2 ≈ 0.6931.</example>
    [MethodImpl(Jit.Hot)]
    public static Tensor InBatchSoftmax(Tensor scores, float temperature = 1f, IReadOnlyList<float>? logQ = null, IReadOnlyList<int>? itemIds = null)
    {
        ArgumentNullException.ThrowIfNull(scores);
        int n = scores.Rows, m = scores.Cols;
        if (m < n) throw new ArgumentException($"scores must have at least as many columns as rows (the positives sit on the diagonal); got {n}×{m}.", nameof(scores));
        CheckInBatchArguments(m, temperature, logQ, itemIds);
        var probs = (float[])scores.Data.Clone();
        double total = InBatchSoftmaxRows(probs, n, m, 1f / temperature, logQ, itemIds);
        return Tensor.Result(1, 1, [(float)(total / n)], [scores], [MethodImpl(Jit.Hot)] (result) =>
            AddInBatchGradient(probs, n, m, result.Grad![0] / (temperature * n), scores.EnsureGrad()));
    }

    /// <summary>
    /// In-batch softmax straight from the two towers' outputs: the same loss as
    /// <c>InBatchSoftmax(Ops.MatMulTransposeB(queries, items), …)</c>, fused so the n×m score matrix and its
    /// gradient are never stored as tensors (less memory traffic per training step).
    /// </summary>
    /// <param name="queries">n×d query (user) vectors.</param>
    /// <param name="items">m×d item vectors, m ≥ n; item i is query i's positive.</param>
    /// <param name="temperature">τ &gt; 0.</param>
    /// <param name="logQ">Optional log-sampling-probability per item (length m).</param>
    /// <param name="itemIds">Optional item id per item (length m), to mask duplicates of the positive.</param>
    [MethodImpl(Jit.Hot)]
    public static Tensor InBatchSoftmax(Tensor queries, Tensor items, float temperature = 1f, IReadOnlyList<float>? logQ = null, IReadOnlyList<int>? itemIds = null)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(items);
        if (queries.Cols != items.Cols)
            throw new ArgumentException($"queries and items must have the same width (got {queries.Cols} and {items.Cols}).", nameof(items));
        int n = queries.Rows, m = items.Rows;
        if (m < n) throw new ArgumentException($"items must have at least as many rows as queries (item i is query i's positive); got {n} queries and {m} items.", nameof(items));
        CheckInBatchArguments(m, temperature, logQ, itemIds);
        var probs = new float[n * m];
        Ops.ScoresInto(queries, items, probs);
        double total = InBatchSoftmaxRows(probs, n, m, 1f / temperature, logQ, itemIds);
        return Tensor.Result(1, 1, [(float)(total / n)], [queries, items], [MethodImpl(Jit.Hot)] (result) =>
        {
            var g = System.Buffers.ArrayPool<float>.Shared.Rent(n * m);
            Array.Clear(g, 0, n * m);
            AddInBatchGradient(probs, n, m, result.Grad![0] / (temperature * n), g);
            Ops.ScoresBackward(queries, items, g);
            System.Buffers.ArrayPool<float>.Shared.Return(g);
        });
    }

    [MethodImpl(Jit.Hot)]
    private static void CheckInBatchArguments(int m, float temperature, IReadOnlyList<float>? logQ, IReadOnlyList<int>? itemIds)
    {
        if (!(temperature > 0)) throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "temperature must be positive.");
        if (logQ is not null && logQ.Count != m)
            throw new ArgumentException($"logQ must have one entry per item column (got {logQ.Count} for {m} columns).", nameof(logQ));
        if (itemIds is not null && itemIds.Count != m)
            throw new ArgumentException($"itemIds must have one entry per item column (got {itemIds.Count} for {m} columns).", nameof(itemIds));
    }

    /// <summary>Turns the n×m scores in <paramref name="z"/> into row softmax probabilities in place; returns Σᵢ −log pᵢᵢ.</summary>
    [MethodImpl(Jit.Hot)]
    private static double InBatchSoftmaxRows(float[] z, int n, int m, float invT, IReadOnlyList<float>? logQ, IReadOnlyList<int>? itemIds)
    {
        float[]? logQArray = logQ?.ToArray();
        int[]? ids = itemIds?.ToArray();
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            var zi = z.AsSpan(i * m, m);
            Simd.Scale<float>(zi, invT, zi);
            if (logQArray is not null)
                for (int j = 0; j < m; j++) zi[j] -= logQArray[j];
            if (ids is not null)
            {
                int own = ids[i];
                for (int j = 0; j < m; j++)
                    if (ids[j] == own && j != i) zi[j] = float.NegativeInfinity;
            }
            float positive = zi[i];
            // Softmax in place; −log p(positive) = log Σ e^z − z_positive.
            total += Simd.SoftmaxInPlace(zi) - positive;
        }
        return total;
    }

    /// <summary>g += scale·(P − I) over the n×m probabilities: the gradient of the mean in-batch loss w.r.t. the scores.</summary>
    [MethodImpl(Jit.Hot)]
    private static void AddInBatchGradient(float[] probs, int n, int m, float scale, float[] g)
    {
        for (int i = 0; i < n; i++)
        {
            var gi = g.AsSpan(i * m, m);
            Simd.AddScaled<float>(gi, scale, probs.AsSpan(i * m, m));
            gi[i] -= scale;
        }
    }

    /// <summary>
    /// Binary cross-entropy on logits: mean of wᵢ·[max(zᵢ, 0) − zᵢyᵢ + log(1 + e^{−|zᵢ|})] (the stable form of
    /// −y log σ(z) − (1 − y) log(1 − σ(z))). Gradient: wᵢ(σ(zᵢ) − yᵢ)/N.
    /// </summary>
    /// <param name="logits">Any shape; N = rows × cols logits.</param>
    /// <param name="targets">N labels in [0, 1], row-major like the logits.</param>
    /// <param name="weights">Optional N non-negative example weights (e.g. to undo negative down-sampling).</param>
    /// <example>Logit 0 with target 1 gives ln 2 ≈ 0.6931.</example>
    [MethodImpl(Jit.Hot)]
    public static Tensor BinaryCrossEntropyWithLogits(Tensor logits, IReadOnlyList<float> targets, IReadOnlyList<float>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(targets);
        int count = logits.Size;
        if (targets.Count != count)
            throw new ArgumentException($"targets must have one label per logit (got {targets.Count} for {count} logits).", nameof(targets));
        if (weights is not null && weights.Count != count)
            throw new ArgumentException($"weights must have one weight per logit (got {weights.Count} for {count} logits).", nameof(weights));
        var y = new float[count];
        var w = new float[count];
        double total = 0;
        for (int i = 0; i < count; i++)
        {
            float yi = targets[i];
            if (!(yi >= 0f && yi <= 1f)) throw new ArgumentOutOfRangeException(nameof(targets), yi, $"targets[{i}] must lie in [0, 1].");
            float wi = weights is null ? 1f : weights[i];
            if (!(wi >= 0f)) throw new ArgumentOutOfRangeException(nameof(weights), wi, $"weights[{i}] must be non-negative.");
            y[i] = yi;
            w[i] = wi;
            double z = logits.Data[i];
            total += wi * (Math.Max(z, 0) - z * yi + Math.Log(1 + Math.Exp(-Math.Abs(z))));
        }
        return Tensor.Result(1, 1, [(float)(total / count)], [logits], [MethodImpl(Jit.Hot)] (result) =>
        {
            float scale = result.Grad![0] / count;
            var gz = logits.EnsureGrad();
            for (int i = 0; i < count; i++)
            {
                float p = 1f / (1f + MathF.Exp(-logits.Data[i]));
                gz[i] += scale * w[i] * (p - y[i]);
            }
        });
    }

    /// <summary>Mean squared error: mean of wᵢ(pᵢ − yᵢ)² (wᵢ = 1 without weights). Gradient: 2wᵢ(pᵢ − yᵢ)/N.</summary>
    /// <param name="predictions">Any shape; N = rows × cols predictions.</param>
    /// <param name="targets">N targets, row-major like the predictions.</param>
    /// <param name="weights">Optional N non-negative weights; a weight of 0 leaves a value out (an unknown target —
    /// give it any finite target) while N still counts it, as in <see cref="BinaryCrossEntropyWithLogits"/>.</param>
    /// <example>Predictions [1, 3] against targets [0, 0] give (1 + 9)/2 = 5; with weights [1, 0], 1/2 = 0.5.</example>
    [MethodImpl(Jit.Hot)]
    public static Tensor MeanSquaredError(Tensor predictions, IReadOnlyList<float> targets, IReadOnlyList<float>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(targets);
        int count = predictions.Size;
        if (targets.Count != count)
            throw new ArgumentException($"targets must have one value per prediction (got {targets.Count} for {count} predictions).", nameof(targets));
        if (weights is not null && weights.Count != count)
            throw new ArgumentException($"weights must have one weight per prediction (got {weights.Count} for {count} predictions).", nameof(weights));
        var weightedDiff = new float[count];
        double total = 0;
        for (int i = 0; i < count; i++)
        {
            float wi = weights is null ? 1f : weights[i];
            if (!(wi >= 0f)) throw new ArgumentOutOfRangeException(nameof(weights), wi, $"weights[{i}] must be non-negative.");
            if (wi == 0f) continue;
            float diff = predictions.Data[i] - targets[i];
            weightedDiff[i] = wi * diff;
            total += (double)wi * diff * diff;
        }
        return Tensor.Result(1, 1, [(float)(total / count)], [predictions], [MethodImpl(Jit.Hot)] (result) =>
        {
            var gp = predictions.EnsureGrad();
            Simd.AddScaled<float>(gp, 2f * result.Grad![0] / count, weightedDiff);
        });
    }

    /// <summary>Softmax of z into destination, maximum subtracted first so large logits cannot overflow.</summary>
    [MethodImpl(Jit.Hot)]
    internal static void StableSoftmax(ReadOnlySpan<float> z, Span<float> destination)
    {
        z.CopyTo(destination);
        Simd.SoftmaxInPlace(destination);
    }

    [MethodImpl(Jit.Hot)]
    private static double LogSumExp(ReadOnlySpan<float> z)
    {
        float max = Simd.Max(z);
        if (float.IsNegativeInfinity(max)) return double.NegativeInfinity;
        double s = 0;
        foreach (float v in z) s += Math.Exp(v - max);
        return max + Math.Log(s);
    }
}
