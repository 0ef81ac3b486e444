using Mlsd.Features;
using Mlsd.Models.NeuralNets;

namespace Mlsd.Tests.Models.NeuralNets;

/// <summary>
/// 64 random 6×6 images; the augmentation adds noise (σ 0.1) and a small exposure change. Learning to ignore exactly
/// that, the encoder should map a fresh noisy view of image i next to image i itself: top-1 retrieval far above the
/// 1/64 ≈ 1.6 % of chance, and a training loss that ends below ln(batch) — the loss of a model that cannot tell the
/// positive from the negatives.
/// </summary>
public sealed class ContrastiveImageEncoderTests
{
    private static readonly ImageAugmentation Noise = new() { NoiseStd = 0.1, MinGain = 0.9, MaxGain = 1.1 };

    private static float[][] Images()
    {
        var s = new Sampler(21);
        return Enumerable.Range(0, 64).Select(_ => Enumerable.Range(0, 36).Select(_ => (float)s.Uniform(0, 1)).ToArray()).ToArray();
    }

    private static ContrastiveImageEncoder Configure(int seed = 1, int epochs = 40) => new(6, 6)
    {
        HiddenUnits = 32, EmbeddingDimension = 16, Epochs = epochs, BatchSize = 32, LearningRate = 0.01f,
        Temperature = 0.2f, Augmentation = Noise, Seed = seed,
    };

    [Fact]
    public void LearnsToIgnoreWhatTheAugmentationVaries()
    {
        var images = Images();
        var encoder = Configure().Fit(images);
        Assert.True(encoder.LossHistory[^1] < encoder.LossHistory[0], "the loss should fall");
        Assert.True(encoder.LossHistory[^1] < Math.Log(encoder.BatchSize), "the loss should end below chance, ln(batch)");
        var catalogue = encoder.Encode(images);
        var s = new Sampler(99);
        int hits = 0;
        for (int i = 0; i < images.Length; i++)
        {
            var query = encoder.Encode(Noise.Apply(images[i], 6, 6, s));
            int best = Enumerable.Range(0, images.Length).MaxBy(j => Dot(query, catalogue[j]));
            if (best == i) hits++;
        }
        Assert.True(hits >= 32, $"a noisy view should find its own image for most images; found {hits} of 64");
        Assert.Equal(36 * 32 + 32 + 32 * 16 + 16, encoder.ParameterCount);
    }

    [Fact]
    public void EncodesToUnitVectorsDeterministically()
    {
        var images = Images();
        var a = Configure(seed: 3).Fit(images).Encode(images);
        var b = Configure(seed: 3).Fit(images).Encode(images);
        Assert.Equal(a, b);
        Assert.All(a, v => Assert.Equal(1, Math.Sqrt(Dot(v, v)), 4));
        Assert.NotEqual(a, Configure(seed: 4).Fit(images).Encode(images));
    }

    [Fact]
    public void FineTuningStartsFromTheGivenWeights()
    {
        var images = Images();
        var trained = Configure().Fit(images);
        var tuned = Configure(epochs: 1).Fit(images, startFrom: trained);
        var fresh = Configure(epochs: 1).Fit(images);
        // One epoch from trained weights starts near the trained loss, far below a fresh network's first epoch.
        Assert.True(tuned.LossHistory[0] < fresh.LossHistory[0] - 0.5, $"{tuned.LossHistory[0]} vs {fresh.LossHistory[0]}");
    }

    [Fact]
    public void BadInputNamesTheArgument()
    {
        var images = Images();
        Assert.Equal("width", Assert.Throws<ArgumentOutOfRangeException>(() => new ContrastiveImageEncoder(0, 6)).ParamName);
        Assert.Equal("images", Assert.Throws<ArgumentException>(() => Configure().Fit([images[0]])).ParamName);
        Assert.Equal("images", Assert.Throws<ArgumentException>(() => Configure().Fit([images[0], new float[35]])).ParamName);
        Assert.Equal("BatchSize", Assert.Throws<ArgumentOutOfRangeException>(() => new ContrastiveImageEncoder(6, 6) { BatchSize = 1 }.Fit(images)).ParamName);
        Assert.Equal("Temperature", Assert.Throws<ArgumentOutOfRangeException>(() => new ContrastiveImageEncoder(6, 6) { Temperature = 0 }.Fit(images)).ParamName);
        Assert.Equal("startFrom", Assert.Throws<ArgumentException>(() => Configure().Fit(images, startFrom: new ContrastiveImageEncoder(6, 6))).ParamName);
        var other = new ContrastiveImageEncoder(6, 6) { HiddenUnits = 8, EmbeddingDimension = 4, Epochs = 1, BatchSize = 32 }.Fit(images);
        Assert.Equal("startFrom", Assert.Throws<ArgumentException>(() => Configure().Fit(images, startFrom: other)).ParamName);
        Assert.Throws<InvalidOperationException>(() => new ContrastiveImageEncoder(6, 6).Encode(images));
    }

    private static double Dot(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();
}
