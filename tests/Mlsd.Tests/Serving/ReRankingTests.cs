using Mlsd.Serving;

namespace Mlsd.Tests.Serving;

/// <summary>Greedy re-ranking rules, checked on lists small enough to work out by hand.</summary>
public sealed class ReRankingTests
{
    private static int Letter(int item) => item switch { 1 or 2 or 3 => 'a', 4 => 'b', _ => 'c' };

    [Fact]
    public void DiversifyCapsAGroupAndKeepsTheRankerOrderOtherwise()
    {
        // Worked example of the XML doc: the third "a" (item 3) is skipped.
        Assert.Equal([1, 2, 4, 5], ReRanking.Diversify([1, 2, 3, 4, 5], 4, (Letter, 2)));
        // A longer page is filled with the skipped item rather than left short.
        Assert.Equal([1, 2, 4, 5, 3], ReRanking.Diversify([1, 2, 3, 4, 5], 5, (Letter, 2)));
        // Cap 1: one per group first, then the skipped in order.
        Assert.Equal([1, 4, 5, 2], ReRanking.Diversify([1, 2, 3, 4, 5], 4, (Letter, 1)));
    }

    [Fact]
    public void DiversifyEnforcesSeveralCapsTogetherAndDropsRepeats()
    {
        // Items 10..15: category = item % 2, creator = item / 12 (10, 11 → 0; 12..15 → 1).
        int[] ranked = [10, 10, 12, 14, 11, 13, 15];
        // At most 2 per category and 2 per creator: 10 (c0, k0), 12 (c0, k1), 14 would be the 3rd c0 → skip,
        // 11 (c1, k0), 13 (c1, k1) → page of 4 is [10, 12, 11, 13].
        Assert.Equal([10, 12, 11, 13], ReRanking.Diversify(ranked, 4, (i => i % 2, 2), (i => i / 12, 2)));
    }

    [Fact]
    public void DiversifyRejectsBadInput()
    {
        Assert.Equal("k", Assert.Throws<ArgumentOutOfRangeException>(() => ReRanking.Diversify([1], 0, (Letter, 1))).ParamName);
        Assert.Throws<ArgumentException>(() => ReRanking.Diversify([1], 1));
        Assert.Contains("caps[0].Max", Assert.Throws<ArgumentOutOfRangeException>(() => ReRanking.Diversify([1], 1, (Letter, 0))).Message);
    }

    [Fact]
    public void PromoteReservesSlotsForQualifyingItems()
    {
        static bool EvenAboveThree(int i) => i > 3 && i % 2 == 0;
        // Worked example of the XML doc.
        Assert.Equal([1, 4, 6], ReRanking.Promote([1, 2, 3, 4, 5, 6], 3, EvenAboveThree, 2));
        // Already enough qualifying items on the page: nothing moves.
        Assert.Equal([4, 1, 2], ReRanking.Promote([4, 1, 2, 3, 6], 3, EvenAboveThree, 1));
        // Not enough qualifying items anywhere: promote what exists.
        Assert.Equal([1, 2, 4], ReRanking.Promote([1, 2, 3, 4], 3, EvenAboveThree, 3));
        // Minimum 0 is a plain cut; repeats are dropped.
        Assert.Equal([7, 5], ReRanking.Promote([7, 7, 5, 8], 2, EvenAboveThree, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReRanking.Promote([1], 2, EvenAboveThree, 3));
    }
}
