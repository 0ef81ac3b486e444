using Mlsd.Data.Worlds;
using Mlsd.Features;

namespace Mlsd.Tests.Features;

public class TransactionFeaturizerTests
{
    private static readonly Device[] Devices = [new(0, "Mobile", -86_400 * 10), new(1, "Desktop", 0)];
    private static readonly Merchant[] Merchants = [new(0, "Grocery", "PT", false), new(1, "GiftCards", "PT", true)];

    private static CardTransaction Pay(long t, int card, int device, int merchant, double amount) =>
        new(0, (int)(t / 86_400), t, card, merchant, device, amount, false);

    [Fact]
    public void MatchesTheWorkedExample()
    {
        // By hand (the class comment): card 0 on device 1 (first seen t = 0), in-store, $9 at t = 1,000 and 1,300.
        var f = new TransactionFeaturizer(Devices, Merchants);
        float[] first = f.Observe(Pay(1_000, 0, 1, 0, 9));
        float[] second = f.Observe(Pay(1_300, 0, 1, 0, 9));
        Assert.Equal([0f, 0f, 0f, 1f, 0f, 0f], new[] { first[2], first[3], first[4], first[6], first[7], first[9] });
        Assert.Equal(Math.Log(10), second[0], 6);                 // ln(1 + 9) = 2.302585
        Assert.True(float.IsNaN(second[1]), "fewer than three earlier amounts: z-score missing");
        Assert.Equal([1f, 1f, 1f], second[2..5]);
        Assert.Equal(1_300 / 86_400.0, second[5], 6);             // 0.015046 days
        Assert.Equal(0f, second[6]);                                // device seen with this card before
        Assert.Equal(1f, second[7]);                                // one card on the device in 30 days
        Assert.Equal(1f, second[8]);                                // 00:21:40 is night
        Assert.Equal(0f, second[9]);
        Assert.Equal(2, f.Observed);
        Assert.Equal(TransactionFeaturizer.Names.Count, second.Length);
    }

    [Fact]
    public void WindowsExcludeTheCurrentPaymentAndExpire()
    {
        // Card 3 pays at 0, 500, 3,000, then at 3,601: the 10 minutes [3,001, 3,601) hold nothing, the hour [1, 3,601)
        // holds 500 and 3,000, the 24 hours all three.
        var f = new TransactionFeaturizer(Devices, Merchants);
        foreach (long t in new long[] { 0, 500, 3_000 }) f.Observe(Pay(t, 3, 0, 1, 2));
        float[] row = f.Observe(Pay(3_601, 3, 0, 1, 2));
        Assert.Equal([0f, 2f, 3f], row[2..5]);
        Assert.True(float.IsNaN(row[1]), "three equal amounts have no spread: z-score missing");
        float[] other = f.Observe(Pay(90_000, 4, 0, 1, 2));
        Assert.Equal(1f, other[7]);                                 // card 3 within 30 days, card 4 not yet
        Assert.Equal(7f, other[5]);                                 // device 0 is 11 days old: capped at 7
        Assert.Equal(0f, f.Observe(Pay(90_000 + 86_400, 3, 0, 1, 2))[4]); // a day later: 24 h window empty
        Assert.Equal(0f, f.Observe(Pay(90_000 + 86_401, 5, 1, 0, 2))[7]);     // device 1: no card yet
        Assert.Equal(1f, f.Observe(Pay(90_000 + 86_402, 5, 0, 0, 2))[6]);    // card 5 new on device 0
    }

    [Fact]
    public void ACloneContinuesLikeTheOriginalAndIndependently()
    {
        var f = new TransactionFeaturizer(Devices, Merchants);
        foreach (long t in new long[] { 0, 100, 200, 300 }) f.Observe(Pay(t, 1, 0, 1, 3 + t / 100.0));
        var copy = f.Clone();
        var next = Pay(400, 1, 0, 1, 50);
        Assert.Equal(f.Clone().Observe(next), copy.Observe(next));  // same history → same features (z-score too)
        Assert.Equal(4, f.Observed);                                // the original did not move
        Assert.Equal(4f, f.Observe(next)[2]);
        Assert.Equal(5, copy.Observed);
    }

    [Fact]
    public void BadInputIsNamed()
    {
        var f = new TransactionFeaturizer(Devices, Merchants);
        f.Observe(Pay(100, 0, 0, 0, 1));
        Assert.Contains("time order", Assert.Throws<ArgumentOutOfRangeException>(() => f.Observe(Pay(99, 0, 0, 0, 1))).Message);
        Assert.Contains("DeviceId", Assert.Throws<ArgumentOutOfRangeException>(() => f.Observe(Pay(200, 0, 7, 0, 1))).Message);
        Assert.Contains("MerchantId", Assert.Throws<ArgumentOutOfRangeException>(() => f.Observe(Pay(200, 0, 0, 9, 1))).Message);
        Assert.Throws<ArgumentNullException>(() => new TransactionFeaturizer(null!, Merchants));
    }
}
