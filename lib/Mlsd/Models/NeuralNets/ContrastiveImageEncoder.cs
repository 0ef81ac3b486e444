using System.Globalization;
using System.Runtime.CompilerServices;
using Mlsd.Features;

namespace Mlsd.Models.NeuralNets;

/// <summary>
/// An image embedding learned without labels by contrastive training: a small network maps an image to a unit
/// vector, and is trained so that two randomly augmented views of the same image land close together while views of
/// other images stay apart. Similar-looking images then have a high cosine similarity — what a visual search needs.
/// </summary>
/// <remarks>
/// <para><b>Objective.</b> Each mini-batch holds n images; every image is augmented twice (<see cref="Augmentation"/>)
/// and both views are encoded to unit vectors u and v. For image i the positive is its own second view vᵢ and the
/// n − 1 other images' second views are the negatives: a softmax over the n cosine similarities uᵢ·vⱼ / τ, with
/// cross-entropy against the positive (the "InfoNCE" or NT-Xent loss). The loss is made symmetric by also scoring
/// each vᵢ against all u, and averaging (<see cref="Losses.InBatchSoftmax(Tensor, Tensor, float, IReadOnlyList{float}?, IReadOnlyList{int}?)"/>
/// both ways). References: van den Oord, Li &amp; Vinyals, "Representation Learning with Contrastive Predictive
/// Coding", arXiv:1807.03748 (2018); Chen et al., SimCLR, ICML 2020, arXiv:2002.05709.</para>
/// <para><b>Network.</b> A multi-layer perceptron on the pixels: input → <see cref="HiddenUnits"/> ReLU →
/// <see cref="EmbeddingDimension"/> → L2-normalised. A convolutional encoder would be the production choice; a
/// perceptron keeps training within seconds on a CPU and learns the invariances the augmentations teach (shifts,
/// zoom, exposure), though not as efficiently.</para>
/// <para><b>What the augmentations decide.</b> The embedding learns to ignore exactly what the policy varies. A
/// change of image style the policy never produced (say, rotated photos) is not ignored — retrain with a policy that
/// covers it, then re-embed and re-index the catalogue.</para>
/// <para>Deterministic: the same images, settings and <see cref="Seed"/> give the same vectors.</para>
/// </remarks>
/// <example>
/// <code>
/// var encoder = new ContrastiveImageEncoder(14, 14) { Epochs = 5, Seed = 1 }.Fit(catalogueImages);
/// float[][] vectors = encoder.Encode(catalogueImages);   // unit vectors → nearest-neighbour index
/// </code>
/// </example>
public sealed class ContrastiveImageEncoder
{
    private readonly List<double> _lossHistory = [];
    private Sequential? _network;

    /// <summary>Configures an encoder for greyscale images of <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size below 1.</exception>
    public ContrastiveImageEncoder(int width, int height)
    {
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "width must be at least 1.");
        if (height < 1) throw new ArgumentOutOfRangeException(nameof(height), height, "height must be at least 1.");
        Width = width;
        Height = height;
    }

    /// <summary>Image width in pixels.</summary>
    public int Width { get; }

    /// <summary>Image height in pixels.</summary>
    public int Height { get; }

    /// <summary>Width of the hidden ReLU layer (default 256).</summary>
    public int HiddenUnits { get; init; } = 256;

    /// <summary>Length of the output unit vectors (default 64).</summary>
    public int EmbeddingDimension { get; init; } = 64;

    /// <summary>Passes over the training images (default 5).</summary>
    public int Epochs { get; init; } = 5;

    /// <summary>Images per mini-batch: each image's positive competes with BatchSize − 1 negatives (default 256).</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>Adam step size (default 0.003).</summary>
    public float LearningRate { get; init; } = 0.003f;

    /// <summary>Softmax temperature τ on cosine similarities (default 0.1): smaller τ weighs the hardest negatives more.</summary>
    public float Temperature { get; init; } = 0.1f;

    /// <summary>
    /// How each view is drawn. Default: shift up to a tenth of the width, zoom 0.8–1.2, mirror half the time, gain
    /// 0.6–1.4, offset ±0.1, noise σ 0.05, erase a patch half the time.
    /// </summary>
    public ImageAugmentation? Augmentation { get; init; }

    /// <summary>Seed of the initial weights, the batch order and the augmentations.</summary>
    public int Seed { get; init; }

    /// <summary>Mean training loss of each epoch (ln BatchSize is chance level).</summary>
    public IReadOnlyList<double> LossHistory => _lossHistory;

    /// <summary>Whether <see cref="Fit"/> has run.</summary>
    public bool IsFitted => _network is not null;

    /// <summary>Trainable numbers in the network (0 before <see cref="Fit"/>).</summary>
    public int ParameterCount => _network?.ParameterCount ?? 0;

    /// <summary>The policy used when <see cref="Augmentation"/> is not set.</summary>
    public ImageAugmentation DefaultAugmentation => new()
    {
        MaxShift = 0.1 * Width, MinScale = 0.8, MaxScale = 1.2, FlipProbability = 0.5, MinGain = 0.6, MaxGain = 1.4,
        MaxOffset = 0.1, NoiseStd = 0.05, EraseProbability = 0.5, EraseMaxSide = 0.5,
    };

    /// <summary>
    /// Trains on <paramref name="images"/> (labels are never needed): a fresh network, or — with
    /// <paramref name="startFrom"/> — a copy of a fitted encoder's network, trained further (fine-tuning: cheaper than
    /// starting over when only the data or the augmentation policy changed).
    /// </summary>
    /// <param name="images">At least two images of Width × Height pixels in [0, 1], row-major.</param>
    /// <param name="startFrom">Optional fitted encoder of the same image size and layer widths whose weights are the
    /// starting point (it is not changed).</param>
    /// <returns>This encoder, fitted.</returns>
    /// <exception cref="ArgumentException">Fewer than two images, an image of the wrong size, settings out of range, or a
    /// <paramref name="startFrom"/> that is not fitted or has another shape.</exception>
    [MethodImpl(Jit.Hot)]
    public ContrastiveImageEncoder Fit(IReadOnlyList<float[]> images, ContrastiveImageEncoder? startFrom = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Count < 2) throw new ArgumentException($"images must hold at least 2 images: each needs others as negatives (got {images.Count}).", nameof(images));
        CheckImages(images, nameof(images));
        ValidateSettings();
        var policy = Augmentation ?? DefaultAugmentation;
        var sampler = new Sampler(Seed);
        var network = new Sequential(
            new Dense(Width * Height, HiddenUnits, Activation.Relu, sampler, "encoder.hidden"),
            new Dense(HiddenUnits, EmbeddingDimension, Activation.None, sampler, "encoder.output"));
        if (startFrom is not null) CopyWeights(startFrom, network);
        var shuffle = sampler.Fork();
        var augment = sampler.Fork();
        var optimizer = new Adam(network.Parameters, LearningRate);
        _lossHistory.Clear();
        for (int epoch = 0; epoch < Epochs; epoch++)
        {
            double total = 0;
            int seen = 0;
            foreach (var batch in MiniBatches.Shuffled(images.Count, BatchSize, shuffle))
            {
                if (batch.Length < 2) continue;
                var first = Views(images, batch, policy, augment);
                var second = Views(images, batch, policy, augment);
                var u = Ops.L2Normalize(network.Forward(first));
                var v = Ops.L2Normalize(network.Forward(second));
                var loss = Ops.Scale(Ops.Add(Losses.InBatchSoftmax(u, v, Temperature), Losses.InBatchSoftmax(v, u, Temperature)), 0.5f);
                loss.Backward();
                optimizer.Step();
                total += (double)loss.Value * batch.Length;
                seen += batch.Length;
            }
            _lossHistory.Add(total / Math.Max(seen, 1));
        }
        _network = network;
        return this;
    }

    /// <summary>Unit-length embeddings of <paramref name="images"/>, one row each (cosine similarity = dot product).</summary>
    /// <exception cref="ArgumentException">An image of the wrong size.</exception>
    /// <exception cref="InvalidOperationException">Not fitted.</exception>
    [MethodImpl(Jit.Hot)]
    public float[][] Encode(IReadOnlyList<float[]> images)
    {
        var network = _network ?? throw new InvalidOperationException("Call Fit before Encode.");
        ArgumentNullException.ThrowIfNull(images);
        CheckImages(images, nameof(images));
        var result = new float[images.Count][];
        const int chunk = 1024;
        int d = Width * Height;
        using (Tensor.NoGrad())
        {
            for (int start = 0; start < images.Count; start += chunk)
            {
                int size = Math.Min(chunk, images.Count - start);
                var input = new Tensor(size, d);
                for (int i = 0; i < size; i++) images[start + i].CopyTo(input.Data, i * d);
                var encoded = Ops.L2Normalize(network.Forward(input));
                for (int i = 0; i < size; i++) result[start + i] = encoded.Row(i).ToArray();
            }
        }
        return result;
    }

    /// <summary>The embedding of one image.</summary>
    public float[] Encode(float[] image) => Encode([image])[0];

    /// <summary>"ContrastiveImageEncoder 196 → 256 → 64, τ=0.1: loss 8.31 → 6.77 over 8 epochs".</summary>
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        string shape = string.Create(c, $"ContrastiveImageEncoder {Width * Height} → {HiddenUnits} → {EmbeddingDimension}, τ={Temperature}");
        return _lossHistory.Count > 0
            ? string.Create(c, $"{shape}: loss {_lossHistory[0]:0.###} → {_lossHistory[^1]:0.###} over {Epochs} epochs")
            : shape + " (not fitted)";
    }

    private void CopyWeights(ContrastiveImageEncoder source, Sequential network)
    {
        var trained = source._network ?? throw new ArgumentException("startFrom must be fitted before it can be fine-tuned.", "startFrom");
        if (source.Width != Width || source.Height != Height || source.HiddenUnits != HiddenUnits || source.EmbeddingDimension != EmbeddingDimension)
            throw new ArgumentException(
                $"startFrom has shape {source.Width}×{source.Height} → {source.HiddenUnits} → {source.EmbeddingDimension}; " +
                $"this encoder is {Width}×{Height} → {HiddenUnits} → {EmbeddingDimension}.", "startFrom");
        var from = trained.Parameters;
        var to = network.Parameters;
        for (int p = 0; p < to.Count; p++) from[p].Data.CopyTo(to[p].Data, 0);
    }

    private Tensor Views(IReadOnlyList<float[]> images, int[] batch, ImageAugmentation policy, Sampler sampler)
    {
        int d = Width * Height;
        var views = new Tensor(batch.Length, d);
        for (int b = 0; b < batch.Length; b++)
            policy.Apply(images[batch[b]], Width, Height, sampler).CopyTo(views.Data, b * d);
        return views;
    }

    private void CheckImages(IReadOnlyList<float[]> images, string name)
    {
        int d = Width * Height;
        for (int i = 0; i < images.Count; i++)
        {
            if (images[i] is null) throw new ArgumentException($"{name}[{i}] is null.", name);
            if (images[i].Length != d)
                throw new ArgumentException($"{name}[{i}] has {images[i].Length} pixels; this encoder takes {Width}×{Height} = {d}.", name);
        }
    }

    private void ValidateSettings()
    {
        if (HiddenUnits < 1) throw new ArgumentOutOfRangeException(nameof(HiddenUnits), HiddenUnits, "HiddenUnits must be at least 1.");
        if (EmbeddingDimension < 1) throw new ArgumentOutOfRangeException(nameof(EmbeddingDimension), EmbeddingDimension, "EmbeddingDimension must be at least 1.");
        if (Epochs < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Epochs must be at least 1.");
        if (BatchSize < 2) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be at least 2 (in-batch negatives need company).");
        if (!(LearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "LearningRate must be positive.");
        if (!(Temperature > 0)) throw new ArgumentOutOfRangeException(nameof(Temperature), Temperature, "Temperature must be positive.");
    }
}
