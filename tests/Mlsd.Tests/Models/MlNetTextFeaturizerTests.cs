using Mlsd.Models;

namespace Mlsd.Tests.Models;

public class MlNetTextFeaturizerTests
{
    // By hand, term frequencies with L2 normalisation: "win win money" counts win 2, money 1 → (2, 1) / √5.
    [Fact]
    public void TermFrequencies_AreCountedAndL2Normalised()
    {
        var text = new MlNetTextFeaturizer { WordNgramLength = 1, CharNgramLength = 0, TfIdf = false }
            .Fit(["Win money", "win WIN"]);
        Assert.Equal(2, text.FeatureCount);
        int win = IndexOf(text, "win"), money = IndexOf(text, "money");
        var x = text.Transform(["win win money", "lottery win", "lottery"]);
        Assert.Equal(2 / Math.Sqrt(5), x.Get(0, win), 5);
        Assert.Equal(1 / Math.Sqrt(5), x.Get(0, money), 5);
        Assert.Equal(1, x.Get(1, win), 5);              // the unseen "lottery" has no column
        Assert.Equal(0, x.RowIndices(2).Length);        // nothing known: an empty row
    }

    [Fact]
    public void WordPairs_AddColumns()
    {
        var pairs = new MlNetTextFeaturizer { WordNgramLength = 2, CharNgramLength = 0, TfIdf = false }.Fit(["free money now"]);
        Assert.Equal(5, pairs.FeatureCount);   // free, money, now, free|money, money|now
        Assert.Contains(pairs.FeatureNames, n => n.Contains("free") && n.Contains("money"));
    }

    [Fact]
    public void BadInputNamesTheArgument()
    {
        Assert.Throws<InvalidOperationException>(() => new MlNetTextFeaturizer().Transform(["a"]));
        Assert.Equal("texts", Assert.Throws<ArgumentException>(() => new MlNetTextFeaturizer().Fit([])).ParamName);
        Assert.Equal("texts", Assert.Throws<ArgumentException>(() =>
            new MlNetTextFeaturizer { WordNgramLength = 0, CharNgramLength = 0 }.Fit(["a"])).ParamName);
        Assert.Equal("WordNgramLength", Assert.Throws<ArgumentOutOfRangeException>(() =>
            new MlNetTextFeaturizer { WordNgramLength = 6 }).ParamName);
    }

    private static int IndexOf(MlNetTextFeaturizer text, string word) =>
        text.FeatureNames.Select((n, i) => (n, i)).Single(t => t.n.EndsWith(word, StringComparison.Ordinal)).i;
}
