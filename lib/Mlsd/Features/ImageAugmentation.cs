using System.Globalization;
using System.Runtime.CompilerServices;

namespace Mlsd.Features;

/// <summary>
/// A random image augmentation policy: each call to <see cref="Apply"/> draws a new geometric warp (shift, zoom,
/// rotation, mirror), a new exposure (gain and offset), sensor noise and an occluding patch, all from the ranges set
/// here. Contrastive training treats two draws of the same image as a positive pair, so the policy <i>is</i> the
/// definition of "the same picture": whatever it varies, the embedding learns to ignore.
/// </summary>
/// <remarks>
/// <para>Order of a draw: warp (<see cref="ImageTransforms.Affine"/>, background filled with 0), then
/// x ← gain·x + offset + noise, clamped to [0, 1], then erase one rectangle (set to 0) with probability
/// <see cref="EraseProbability"/>. Every range defaults to "no change", so <c>new ImageAugmentation()</c> returns a
/// copy of its input, and a policy is read off its settings (<see cref="ToString"/>).</para>
/// <para>The parameters of a draw come from the <see cref="Sampler"/> passed in, in a fixed order, so the same seed
/// gives the same images. Policies of this kind are those of SimCLR (Chen et al., "A Simple Framework for
/// Contrastive Learning of Visual Representations", ICML 2020, arXiv:2002.05709); random erasing is Zhong et al.,
/// AAAI 2020 (arXiv:1708.04896).</para>
/// </remarks>
/// <example>
/// <code>
/// var camera = new ImageAugmentation { MaxShift = 1.5, MinScale = 0.8, MaxScale = 1.2, MinGain = 0.6, MaxGain = 1.4 };
/// float[] photo = camera.Apply(image, 14, 14, new Sampler(1));
/// </code>
/// </example>
public sealed record ImageAugmentation
{
    /// <summary>Largest move in pixels, drawn uniformly in [−MaxShift, MaxShift] for x and y separately. Default 0.</summary>
    public double MaxShift { get; init; }

    /// <summary>Smallest zoom factor (uniform in [MinScale, MaxScale]). Default 1.</summary>
    public double MinScale { get; init; } = 1;

    /// <summary>Largest zoom factor. Default 1.</summary>
    public double MaxScale { get; init; } = 1;

    /// <summary>Largest rotation in degrees, drawn uniformly in [−MaxRotationDegrees, MaxRotationDegrees]. Default 0.</summary>
    public double MaxRotationDegrees { get; init; }

    /// <summary>Probability of mirroring left–right. Default 0.</summary>
    public double FlipProbability { get; init; }

    /// <summary>Smallest exposure gain (uniform in [MinGain, MaxGain]), multiplying every pixel. Default 1.</summary>
    public double MinGain { get; init; } = 1;

    /// <summary>Largest exposure gain. Default 1.</summary>
    public double MaxGain { get; init; } = 1;

    /// <summary>Largest offset added to every pixel, drawn uniformly in [−MaxOffset, MaxOffset]. Default 0.</summary>
    public double MaxOffset { get; init; }

    /// <summary>Standard deviation of Gaussian noise added to each pixel independently. Default 0.</summary>
    public double NoiseStd { get; init; }

    /// <summary>Probability of blacking out one random rectangle. Default 0.</summary>
    public double EraseProbability { get; init; }

    /// <summary>Largest side of the erased rectangle as a share of the image side (each side uniform in
    /// [1 pixel, share × side]). Default 0.5.</summary>
    public double EraseMaxSide { get; init; } = 0.5;

    /// <summary>
    /// Returns a new, randomly augmented copy of <paramref name="image"/> (the input is not changed). Pixel values are
    /// expected in [0, 1] and come back clamped to [0, 1].
    /// </summary>
    /// <param name="image">Row-major greyscale pixels, <paramref name="width"/> × <paramref name="height"/>.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="sampler">Source of the random draws.</param>
    /// <exception cref="ArgumentException">A size that does not match the image, a null sampler, or settings out of range
    /// (negative shift, noise or rotation; a probability outside [0, 1]; a zoom or gain range that is empty or not positive).</exception>
    [MethodImpl(Jit.Hot)]
    public float[] Apply(ReadOnlySpan<float> image, int width, int height, Sampler sampler)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        ImageTransforms.CheckSize(image.Length, width, height, nameof(image));
        Validate();
        double scale = Draw(sampler, MinScale, MaxScale);
        double angle = MaxRotationDegrees > 0 ? sampler.Uniform(-MaxRotationDegrees, MaxRotationDegrees) : 0;
        double dx = MaxShift > 0 ? sampler.Uniform(-MaxShift, MaxShift) : 0;
        double dy = MaxShift > 0 ? sampler.Uniform(-MaxShift, MaxShift) : 0;
        bool flip = FlipProbability > 0 && sampler.Bernoulli(FlipProbability);
        float[] result = scale == 1 && angle == 0 && dx == 0 && dy == 0 && !flip
            ? image.ToArray()
            : ImageTransforms.Affine(image, width, height, scale, angle, dx, dy, flip);

        float gain = (float)Draw(sampler, MinGain, MaxGain);
        float offset = MaxOffset > 0 ? (float)sampler.Uniform(-MaxOffset, MaxOffset) : 0f;
        for (int i = 0; i < result.Length; i++)
        {
            float noise = NoiseStd > 0 ? (float)sampler.Normal(0, NoiseStd) : 0f;
            result[i] = Math.Clamp(gain * result[i] + offset + noise, 0f, 1f);
        }

        if (EraseProbability > 0 && sampler.Bernoulli(EraseProbability))
        {
            int w = 1 + sampler.Next(Math.Max(1, (int)(EraseMaxSide * width))), h = 1 + sampler.Next(Math.Max(1, (int)(EraseMaxSide * height)));
            w = Math.Min(w, width);
            h = Math.Min(h, height);
            int x0 = sampler.Next(width - w + 1), y0 = sampler.Next(height - h + 1);
            for (int y = y0; y < y0 + h; y++) result.AsSpan(y * width + x0, w).Clear();
        }
        return result;
    }

    /// <summary>The settings that differ from "no change", e.g. <c>shift ±1.5 px, zoom 0.8–1.2, mirror 50 %</c>.</summary>
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var parts = new List<string>();
        if (MaxShift > 0) parts.Add(string.Create(c, $"shift ±{MaxShift:0.##} px"));
        if (MinScale != 1 || MaxScale != 1) parts.Add(string.Create(c, $"zoom {MinScale:0.##}–{MaxScale:0.##}"));
        if (MaxRotationDegrees > 0) parts.Add(string.Create(c, $"rotate ±{MaxRotationDegrees:0.#}°"));
        if (FlipProbability > 0) parts.Add(string.Create(c, $"mirror {FlipProbability:P0}"));
        if (MinGain != 1 || MaxGain != 1) parts.Add(string.Create(c, $"gain {MinGain:0.##}–{MaxGain:0.##}"));
        if (MaxOffset > 0) parts.Add(string.Create(c, $"offset ±{MaxOffset:0.##}"));
        if (NoiseStd > 0) parts.Add(string.Create(c, $"noise σ {NoiseStd:0.###}"));
        if (EraseProbability > 0) parts.Add(string.Create(c, $"erase {EraseProbability:P0} (≤ {EraseMaxSide:P0} of a side)"));
        return parts.Count == 0 ? "no augmentation" : string.Join(", ", parts);
    }

    private static double Draw(Sampler sampler, double min, double max) => min == max ? min : sampler.Uniform(min, max);

    private void Validate()
    {
        if (!(MaxShift >= 0) || double.IsInfinity(MaxShift)) throw new ArgumentOutOfRangeException(nameof(MaxShift), MaxShift, "MaxShift must be finite and ≥ 0.");
        if (!(MinScale > 0 && MinScale <= MaxScale) || double.IsInfinity(MaxScale))
            throw new ArgumentOutOfRangeException(nameof(MinScale), MinScale, $"the zoom range must satisfy 0 < MinScale ≤ MaxScale < ∞ (got {MinScale}–{MaxScale}).");
        if (!(MaxRotationDegrees >= 0 && MaxRotationDegrees <= 180))
            throw new ArgumentOutOfRangeException(nameof(MaxRotationDegrees), MaxRotationDegrees, "MaxRotationDegrees must be in [0, 180].");
        if (!(FlipProbability >= 0 && FlipProbability <= 1)) throw new ArgumentOutOfRangeException(nameof(FlipProbability), FlipProbability, "FlipProbability must be in [0, 1].");
        if (!(MinGain >= 0 && MinGain <= MaxGain) || double.IsInfinity(MaxGain))
            throw new ArgumentOutOfRangeException(nameof(MinGain), MinGain, $"the gain range must satisfy 0 ≤ MinGain ≤ MaxGain < ∞ (got {MinGain}–{MaxGain}).");
        if (!(MaxOffset >= 0 && MaxOffset <= 1)) throw new ArgumentOutOfRangeException(nameof(MaxOffset), MaxOffset, "MaxOffset must be in [0, 1].");
        if (!(NoiseStd >= 0) || double.IsInfinity(NoiseStd)) throw new ArgumentOutOfRangeException(nameof(NoiseStd), NoiseStd, "NoiseStd must be finite and ≥ 0.");
        if (!(EraseProbability >= 0 && EraseProbability <= 1)) throw new ArgumentOutOfRangeException(nameof(EraseProbability), EraseProbability, "EraseProbability must be in [0, 1].");
        if (!(EraseMaxSide > 0 && EraseMaxSide <= 1)) throw new ArgumentOutOfRangeException(nameof(EraseMaxSide), EraseMaxSide, "EraseMaxSide must be in (0, 1].");
    }
}
