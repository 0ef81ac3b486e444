using Mlsd.Features;

namespace Mlsd.Tests.Features;

/// <summary>Random augmentation: the identity by default, reproducible per seed, each setting doing what it says.</summary>
public sealed class ImageAugmentationTests
{
    private static readonly float[] Image = Enumerable.Range(0, 16).Select(i => i / 20f).ToArray();   // 4×4, values 0..0.75

    [Fact]
    public void TheDefaultPolicyReturnsACopy()
    {
        var copy = new ImageAugmentation().Apply(Image, 4, 4, new Sampler(1));
        Assert.Equal(Image, copy);
        Assert.NotSame(Image, copy);
        Assert.Equal("no augmentation", new ImageAugmentation().ToString());
    }

    [Fact]
    public void TheSameSeedGivesTheSameViewAndAnotherSeedAnother()
    {
        var policy = new ImageAugmentation { MaxShift = 1, MinScale = 0.8, MaxScale = 1.2, FlipProbability = 0.5, NoiseStd = 0.05 };
        Assert.Equal(policy.Apply(Image, 4, 4, new Sampler(7)), policy.Apply(Image, 4, 4, new Sampler(7)));
        Assert.NotEqual(policy.Apply(Image, 4, 4, new Sampler(7)), policy.Apply(Image, 4, 4, new Sampler(8)));
    }

    [Fact]
    public void AFixedGainScalesEveryPixelAndClampsToOne()
    {
        // Gain exactly 2: pixel i/20 → i/10, clamped at 1 from i = 10 on.
        var doubled = new ImageAugmentation { MinGain = 2, MaxGain = 2 }.Apply(Image, 4, 4, new Sampler(1));
        for (int i = 0; i < 16; i++) Assert.Equal(Math.Min(i / 10f, 1f), doubled[i], 5);
    }

    [Fact]
    public void ADrawnGainStaysInItsRangeForEveryPixelAlike()
    {
        var sampler = new Sampler(3);
        var policy = new ImageAugmentation { MinGain = 0.5, MaxGain = 0.9 };
        for (int trial = 0; trial < 20; trial++)
        {
            var view = policy.Apply(Image, 4, 4, sampler);
            double gain = view[15] / Image[15];
            Assert.InRange(gain, 0.5, 0.9);
            for (int i = 1; i < 16; i++) Assert.Equal(gain, view[i] / Image[i], 4);   // one gain for the whole image
        }
    }

    [Fact]
    public void ErasingBlacksOutOneRectangle()
    {
        var ones = Enumerable.Repeat(1f, 36).ToArray();
        var view = new ImageAugmentation { EraseProbability = 1, EraseMaxSide = 0.5 }.Apply(ones, 6, 6, new Sampler(5));
        var zeros = Enumerable.Range(0, 36).Where(i => view[i] == 0).ToArray();
        Assert.NotEmpty(zeros);
        int x0 = zeros.Min(i => i % 6), x1 = zeros.Max(i => i % 6), y0 = zeros.Min(i => i / 6), y1 = zeros.Max(i => i / 6);
        Assert.Equal((x1 - x0 + 1) * (y1 - y0 + 1), zeros.Length);   // a full rectangle
        Assert.InRange(x1 - x0 + 1, 1, 3);                           // each side ≤ 0.5 × 6
        Assert.InRange(y1 - y0 + 1, 1, 3);
        Assert.All(view, v => Assert.True(v is 0 or 1));
    }

    [Fact]
    public void ToStringListsTheSettingsThatChangeSomething()
    {
        var policy = new ImageAugmentation { MaxShift = 1.5, MinScale = 0.8, MaxScale = 1.2, FlipProbability = 0.5 };
        Assert.Equal("shift ±1.5 px, zoom 0.8–1.2, mirror 50 %", policy.ToString().Replace("50%", "50 %"));
    }

    [Fact]
    public void BadSettingsNameTheSetting()
    {
        var sampler = new Sampler(1);
        string Param(ImageAugmentation p) => Assert.ThrowsAny<ArgumentException>(() => p.Apply(Image, 4, 4, sampler)).ParamName!;
        Assert.Equal("MaxShift", Param(new ImageAugmentation { MaxShift = -1 }));
        Assert.Equal("MinScale", Param(new ImageAugmentation { MinScale = 1.2, MaxScale = 0.8 }));
        Assert.Equal("FlipProbability", Param(new ImageAugmentation { FlipProbability = 2 }));
        Assert.Equal("MinGain", Param(new ImageAugmentation { MinGain = -0.1 }));
        Assert.Equal("NoiseStd", Param(new ImageAugmentation { NoiseStd = double.NaN }));
        Assert.Equal("EraseMaxSide", Param(new ImageAugmentation { EraseMaxSide = 0 }));
        Assert.Equal("image", Assert.Throws<ArgumentException>(() => new ImageAugmentation().Apply(Image, 3, 3, sampler)).ParamName);
        Assert.Equal("sampler", Assert.Throws<ArgumentNullException>(() => new ImageAugmentation().Apply(Image, 4, 4, null!)).ParamName);
    }
}
