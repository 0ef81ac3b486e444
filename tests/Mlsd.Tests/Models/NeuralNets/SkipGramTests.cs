using Mlsd.Models.NeuralNets;

namespace Mlsd.Tests.Models.NeuralNets;

public sealed class SkipGramTests
{
    [Fact]
    public void OneStep_PositiveWithZeroOutput_MatchesTheWorkedExample()
    {
        // By hand (the class remarks): v = (0.1, 0.2), u = 0, label 1, lr 0.5: σ(0) = 0.5, g = 0.5 · (1 − 0.5) = 0.25,
        // u ← 0.25 · v = (0.025, 0.05); the gradient for v is g · u(old) = 0; the loss is −log σ(0) = ln 2.
        float[] v = [0.1f, 0.2f], u = [0, 0], grad = [0, 0];
        double loss = SkipGram.Step(v, u, grad, label: 1, lr: 0.5f);
        Assert.Equal(0.025, u[0], 6);
        Assert.Equal(0.05, u[1], 6);
        Assert.Equal([0f, 0f], grad);
        Assert.Equal(Math.Log(2), loss, 6);
    }

    [Fact]
    public void OneStep_Negative_MatchesValuesWorkedInPython()
    {
        // python3: z = 0.1·0.3 + 0.2·(−0.1) = 0.01; p = σ(z) = 0.5024999792; g = 1 · (0 − p);
        // grad = g·u = (−0.1507499938, 0.0502499979); u + g·v = (0.2497500021, −0.2004999958); loss = ln(1 + e^z) = 0.6981596805.
        float[] v = [0.1f, 0.2f], u = [0.3f, -0.1f], grad = [0, 0];
        double loss = SkipGram.Step(v, u, grad, label: 0, lr: 1f);
        Assert.Equal(-0.1507499938, grad[0], 6);
        Assert.Equal(0.0502499979, grad[1], 6);
        Assert.Equal(0.2497500021, u[0], 6);
        Assert.Equal(-0.2004999958, u[1], 6);
        Assert.Equal(0.6981596805, loss, 5);
    }

    private static int[][] TwoClusters()
    {
        var sampler = new Sampler(3);
        return Enumerable.Range(0, 300).Select(i =>
        {
            int offset = i % 2 == 0 ? 0 : 5;                 // items 0–4 and 5–9 never share a sequence
            return Enumerable.Range(0, 6).Select(_ => offset + sampler.Next(5)).ToArray();
        }).ToArray();
    }

    [Fact]
    public void ItemsOfOneClusterEndUpCloserThanItemsOfTwo()
    {
        var model = new SkipGram { Dimension = 8, Epochs = 5, Seed = 1 }.Fit(TwoClusters(), vocabulary: 10);
        double within = 0, across = 0;
        for (int a = 0; a < 5; a++)
            for (int b = 0; b < 5; b++)
            {
                if (a != b) within += model.Similarity(a, b) + model.Similarity(a + 5, b + 5);
                across += model.Similarity(a, b + 5);
            }
        Assert.True(within / 40 > across / 25 + 0.5, $"within {within / 40:F3}, across {across / 25:F3}");
        Assert.True(model.LossHistory[^1] < model.LossHistory[0]);
        Assert.True(model.IsTrained(3));
    }

    [Fact]
    public void SameSeedSameVectors_OtherSeedOtherVectors()
    {
        var data = TwoClusters();
        var a = new SkipGram { Dimension = 4, Epochs = 2, Seed = 5 }.Fit(data, 10);
        var b = new SkipGram { Dimension = 4, Epochs = 2, Seed = 5 }.Fit(data, 10);
        var c = new SkipGram { Dimension = 4, Epochs = 2, Seed = 6 }.Fit(data, 10);
        Assert.Equal(a.Vector(7), b.Vector(7));
        Assert.NotEqual(a.Vector(7), c.Vector(7));
    }

    [Fact]
    public void GlobalContext_BringsListingsThatLeadToOneBookingTogether()
    {
        // Sessions over 0–2 and sessions over 3–5 never share a listing, but both end with a booking of 9:
        // as global context, 9 pulls the clicks of both groups towards its output vector, so the groups meet.
        int[][] seqs = [.. Enumerable.Repeat(new[] { 0, 1, 2 }, 100), .. Enumerable.Repeat(new[] { 3, 4, 5 }, 100),
            .. Enumerable.Repeat(new[] { 6, 7, 8 }, 100)];
        int[] booked = [.. Enumerable.Repeat(9, 200), .. Enumerable.Repeat(-1, 100)];
        var without = new SkipGram { Dimension = 8, Epochs = 5, Negatives = 1, Seed = 1 }.Fit(seqs, 10);
        var with = new SkipGram { Dimension = 8, Epochs = 5, Negatives = 1, Seed = 1 }.Fit(seqs, 10, globalContext: booked);
        double Between(SkipGramModel m, int a, int b) =>
            Enumerable.Range(a, 3).SelectMany(i => Enumerable.Range(b, 3).Select(j => m.Similarity(i, j))).Average();
        double gainWith = Between(with, 0, 3) - Between(with, 0, 6);          // booked alike vs not
        double gainWithout = Between(without, 0, 3) - Between(without, 0, 6);
        Assert.True(gainWith > gainWithout + 0.2, $"with {gainWith:F3}, without {gainWithout:F3}");
        Assert.True(with.PairsPerEpoch > without.PairsPerEpoch);
        Assert.False(with.IsTrained(9));
    }

    [Fact]
    public void HardNegatives_SeparateItemsWithinAGroup()
    {
        // Two groups {0..4} and {5..9}; sequences mix items of one group only in pairs (0,1), (2,3), (5,6), (7,8).
        int[][] seqs = [.. Enumerable.Repeat(new[] { 0, 1 }, 60), .. Enumerable.Repeat(new[] { 2, 3 }, 60),
            .. Enumerable.Repeat(new[] { 5, 6 }, 60), .. Enumerable.Repeat(new[] { 7, 8 }, 60),
            .. Enumerable.Repeat(new[] { 4, 9 }, 30)];
        int[] groups = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1];
        var plain = new SkipGram { Dimension = 8, Epochs = 10, Seed = 2 }.Fit(seqs, 10);
        var hard = new SkipGram { Dimension = 8, Epochs = 10, Seed = 2, HardNegatives = 3 }.Fit(seqs, 10, groups: groups);
        Assert.True(hard.Similarity(0, 2) < plain.Similarity(0, 2),
            $"hard {hard.Similarity(0, 2):F3}, plain {plain.Similarity(0, 2):F3}");
    }

    [Fact]
    public void BadInputFailsNamingTheArgument()
    {
        int[][] ok = [[0, 1], [1, 2]];
        Assert.Equal("Dimension", Assert.Throws<ArgumentOutOfRangeException>(() => new SkipGram { Dimension = 0 }.Fit(ok, 3)).ParamName);
        Assert.Equal("UnigramPower", Assert.Throws<ArgumentOutOfRangeException>(() => new SkipGram { UnigramPower = 2 }.Fit(ok, 3)).ParamName);
        Assert.Equal("sequences", Assert.Throws<ArgumentException>(() => new SkipGram().Fit([[0, 7]], 3)).ParamName);
        Assert.Equal("globalContext", Assert.Throws<ArgumentException>(() => new SkipGram().Fit(ok, 3, [1])).ParamName);
        Assert.Equal("groups", Assert.Throws<ArgumentException>(() => new SkipGram { HardNegatives = 1 }.Fit(ok, 3)).ParamName);
        Assert.Equal("vocabulary", Assert.Throws<ArgumentOutOfRangeException>(() => new SkipGram().Fit(ok, 1)).ParamName);
        var model = new SkipGram { Epochs = 1 }.Fit(ok, 3);
        Assert.Equal("item", Assert.Throws<ArgumentOutOfRangeException>(() => model.Vector(3)).ParamName);
    }

    [Fact]
    public void UnitVectorsHaveLengthOne()
    {
        var model = new SkipGram { Dimension = 6, Epochs = 1, Seed = 1 }.Fit(TwoClusters(), 10);
        foreach (var v in model.UnitVectors()) Assert.Equal(1, Math.Sqrt(v.Sum(x => (double)x * x)), 5);
        Assert.Equal(model.Similarity(1, 2), model.UnitVectors()[1].Zip(model.UnitVectors()[2], (a, b) => (double)a * b).Sum(), 5);
    }
}
