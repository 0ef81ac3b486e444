using Mlsd.Retrieval;

namespace Mlsd.Tests.Retrieval;

/// <summary>Lucene's BM25 against values worked out by hand from the formula (k1 = 1.2, b = 0.75).</summary>
public sealed class LuceneBm25IndexTests
{
    [Fact]
    public void ScoresMatchTheFormulaWhereLengthsAreStoredExactly()
    {
        // Lengths 4, 1, 16 (1/√|d| = 0.5, 1, 0.25 are powers of two, which Lucene's one-byte norm holds exactly);
        // N = 3, avgdl = 21/3 = 7.
        // "sea": n = 2, idf = ln(1 + 1.5/2.5) = ln 1.6 = 0.4700036292.
        //   d1 (|d| = 1): 2.2 / (1 + 1.2 · (0.25 + 0.75/7)) = 2.2 / 1.4285714286 = 1.54 → 0.7238055890.
        //   d0 (|d| = 4): 2.2 / (1 + 1.2 · (0.25 + 3/7)) = 2.2 / 1.8142857143 = 1.2125984252 → 0.5699256906.
        // "boat": n = 1, idf = ln(1 + 2.5/1.5) = ln(8/3) = 0.9808292530; d0: × 1.2125984252 = 1.1893519573.
        // "sea boat" on d0: 0.5699256906 + 1.1893519573 = 1.7592776479.
        using var index = new LuceneBm25Index().Fit(["sea boat harbour light", "sea", string.Join(' ', Enumerable.Repeat("night", 16))]);
        var hits = index.Search("sea boat", 3);
        Assert.Equal([0, 1], hits.Select(h => h.Id));
        Assert.Equal(1.7592776479, hits[0].Score, 5);
        Assert.Equal(0.7238055890, hits[1].Score, 5);
        var sea = index.Search("sea", 3);
        Assert.Equal([1, 0], sea.Select(h => h.Id));       // the shorter document first: b at work
        Assert.Equal(0.5699256906, sea[1].Score, 5);
    }

    [Fact]
    public void OtherLengthsAreScoredAsTheirOneByteApproximation()
    {
        // d0 has 3 terms. Lucene stores 1/√3 = 0.57735 = 1.1547₁₀ · 2^−1 = 1.0010…₂ · 2^−1 in one byte that keeps three
        // significant bits, the leading 1 included (the float's exponent and its top two stored mantissa bits), truncated:
        // 1.00₂ · 2^−1 = 0.5, decoded as the length 1/0.5² = 4. N = 2, avgdl = 4 terms / 2 documents = 2.
        // "boat": n = 1, idf = ln(1 + 1.5/1.5) = ln 2 = 0.6931471806;
        //   2.2 / (1 + 1.2 · (0.25 + 0.75 · 4 / 2)) = 2.2 / 3.1 = 0.7096774194 → 0.4919108701
        //   (with the true length 3 it would be 2.2 / 2.65 · ln 2 = 0.5754429424).
        using var index = new LuceneBm25Index().Fit(["sea boat harbour", "sea"]);
        var hit = Assert.Single(index.Search("boat", 5));
        Assert.Equal(0, hit.Id);
        Assert.Equal(0.4919108701, hit.Score, 5);
    }

    [Fact]
    public void ScoreAllGivesEveryDocumentItsSearchScoreAndZeroWithoutAMatch()
    {
        using var index = new LuceneBm25Index().Fit(["red boat", "blue boat", "red red door", "a sky"]);
        var all = index.ScoreAll("red boat");
        Assert.Equal(4, all.Length);
        foreach (var h in index.Search("red boat", 4)) Assert.Equal(h.Score, all[h.Id]);
        Assert.Equal(0f, all[3]);
        Assert.Equal(3, index.Search("red boat", 10).Length);
        Assert.Equal(2, index.DocumentFrequency("red"));
    }

    [Fact]
    public void AnalysisFoldsAccentsCaseAndStopWordsOnBothSides()
    {
        using var index = new LuceneBm25Index().Fit(["Phaëthon", "The Night"]);
        Assert.Equal(0, Assert.Single(index.Search("PHAETHON!", 3)).Id);
        Assert.Empty(index.Search("the of", 3));             // stop words only: no query terms
        Assert.Equal(2, index.TermCount);                     // "phaethon", "night"
        Assert.Equal(0, index.DocumentFrequency("the"));
    }

    [Fact]
    public void TiesGoToTheLowerIdAndKLimitsTheHits()
    {
        using var index = new LuceneBm25Index().Fit(["sea", "sea", "sea", "boat"]);
        Assert.Equal([0, 1], index.Search("sea", 2).Select(h => h.Id));
    }

    [Fact]
    public void FittingAgainReplacesTheIndex()
    {
        using var index = new LuceneBm25Index().Fit(["sea"]);
        index.Fit(["boat", "sea"]);
        Assert.Equal(2, index.Count);
        Assert.Equal(1, Assert.Single(index.Search("sea", 5)).Id);
    }

    [Fact]
    public void BadArgumentsAndStatesAreNamed()
    {
        var index = new LuceneBm25Index();
        Assert.Contains("Fit first", Assert.Throws<InvalidOperationException>(() => index.Search("sea", 1)).Message);
        Assert.Equal("B", Assert.Throws<ArgumentOutOfRangeException>(() => new LuceneBm25Index { B = 1.5f }.Fit(["a"])).ParamName);
        Assert.Equal("K1", Assert.Throws<ArgumentOutOfRangeException>(() => new LuceneBm25Index { K1 = -1 }.Fit(["a"])).ParamName);
        Assert.Equal("documents", Assert.Throws<ArgumentException>(() => index.Fit(["a", null!])).ParamName);
        index.Fit(["sea"]);
        Assert.Equal("k", Assert.Throws<ArgumentOutOfRangeException>(() => index.Search("sea", 0)).ParamName);
        index.Dispose();
        Assert.Throws<InvalidOperationException>(() => index.ScoreAll("sea"));
    }
}
