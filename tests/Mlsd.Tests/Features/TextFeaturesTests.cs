using Mlsd.Features;

namespace Mlsd.Tests.Features;

public class TextTests
{
    [Theory]
    // Expected: sklearn.feature_extraction.text.strip_accents_unicode(s).lower() (NFKD, combining marks dropped).
    [InlineData("Phaëthon", "phaethon")]
    [InlineData("ﬁnancial Ｆｕｌｌ", "financial full")]
    [InlineData("naïve café Ångström", "naive cafe angstrom")]
    [InlineData("Œuvre ½ ™", "œuvre 1⁄2 tm")]
    [InlineData("São Paulo – Zürich", "sao paulo – zurich")]
    [InlineData("Ｃｏｍｐｕｔｅｒ", "computer")]
    public void StripAccentsAndLowercase_MatchSklearn(string input, string expected)
    {
        var n = new TextNormalizer { RemovePunctuation = false, CollapseWhitespace = false };
        Assert.Equal(expected, n.Normalize(input));
    }

    [Fact]
    public void Normalize_DocumentedExample() =>
        Assert.Equal("cafe creme brulee", TextNormalizer.Default.Normalize("  Café — CRÈME brûlée!! "));

    [Fact]
    public void Normalize_DecomposedInputAlsoLosesAccents() =>
        Assert.Equal("cafe", TextNormalizer.Default.Normalize("cafe\u0301")); // e + combining acute

    [Fact]
    public void Normalize_KeepsSymbolsButDropsPunctuation() =>
        Assert.Equal("win $100 now 50 off", TextNormalizer.Default.Normalize("WIN $100 now!!! (50% off)")); // % is punctuation (Po), $ a symbol (Sc)

    [Fact]
    public void Words_AndMinLength()
    {
        Assert.Equal(["the", "cat", "s", "2", "hats"], Tokenizer.Words("the cat's 2 hats"));
        Assert.Equal(["the", "cat", "hats"], Tokenizer.Words("the cat's 2 hats", minLength: 2));
        Assert.Equal(["don", "t", "panic", "cafe", "bar"], Tokenizer.Tokenize("Don't PANIC: café-bar!"));
    }

    [Fact]
    public void NGrams_InSklearnOrder()
    {
        // sklearn CountVectorizer(ngram_range=(1, 2)).build_analyzer()("a b c") → ['a', 'b', 'c', 'a b', 'b c'].
        Assert.Equal(["a", "b", "c", "a b", "b c"], Tokenizer.NGrams(["a", "b", "c"], 1, 2));
        Assert.Equal(["a b c"], Tokenizer.NGrams(["a", "b", "c"], 3, 3));
        Assert.Empty(Tokenizer.NGrams(["a"], 2, 2));
        Assert.Equal(["ca", "at"], Tokenizer.CharNGrams("cat", 2));
    }

    [Fact]
    public void StopWords_RemovedWithBundledList() =>
        Assert.Equal(["cat", "sat", "mat"], StopWords.Remove(["the", "cat", "sat", "on", "the", "mat"]));

    [Fact]
    public void Vocabulary_MinDocumentFrequency_MaxSize_AndEncode()
    {
        string[][] docs = [["b", "a", "a"], ["a", "c"], ["b", "d"]];
        var v = new Vocabulary { MinDocumentFrequency = 2 }.Fit(docs);
        Assert.Equal(["a", "b"], v.Tokens);
        Assert.Equal([2, 2], v.DocumentFrequency);
        Assert.Equal([3L, 2L], v.TermFrequency);
        Assert.Equal([1, 0, 0], v.Encode(["b", "zzz", "a", "a"]));
        Assert.Equal(-1, v.IndexOf("c"));
        Assert.Equal(["a"], new Vocabulary { MaxSize = 1 }.Fit(docs).Tokens);
        Assert.Contains("Fit first", Assert.Throws<InvalidOperationException>(() => new Vocabulary().IndexOf("a")).Message);
    }
}

public class TfidfTests
{
    private static readonly string[] s_docs = ["The cat sat on the mat.", "The dog ate my homework!", "Café crème: the cat's favourite", "dogs and cats and mats, the end"];

    // sklearn TfidfVectorizer(token_pattern=r"(?u)\b\w+\b", strip_accents="unicode") on s_docs.
    private static readonly string[] s_sklearnTerms =
        ["and", "ate", "cafe", "cat", "cats", "creme", "dog", "dogs", "end", "favourite", "homework", "mat", "mats", "my", "on", "s", "sat", "the"];

    [Fact]
    public void Default_MatchesSklearn()
    {
        var v = new TfidfVectorizer();
        var x = v.FitTransform(s_docs);
        Assert.Equal(s_sklearnTerms, v.FeatureNames);
        Assert.Equal(1.916290731874155, v.Idf[0], 12);   // ln(5/2) + 1
        Assert.Equal(1.5108256237659907, v.Idf[3], 12);  // "cat" in 2 docs: ln(5/3) + 1
        Assert.Equal(1.0, v.Idf[17], 12);                // "the" in every doc
        AssertRow(x[0], [(3, 0.36324741292876456), (11, 0.46073328372439065), (14, 0.46073328372439065), (16, 0.46073328372439065), (17, 0.4808594813520682)]);
        AssertRow(x[2], [(2, 0.45203489051046103), (3, 0.3563894998080638), (5, 0.45203489051046103), (9, 0.45203489051046103), (15, 0.45203489051046103), (17, 0.2358905582496689)]);
        AssertRow(x[3], [(0, 0.6953706739729052), (4, 0.3476853369864526), (7, 0.3476853369864526), (8, 0.3476853369864526), (12, 0.3476853369864526), (17, 0.181436632345663)]);
        Assert.Equal(1.0, x[1].Norm(), 12);
    }

    [Fact]
    public void SublinearTf_PlainIdf_MatchesSklearn()
    {
        // sklearn: as above plus sublinear_tf=True, smooth_idf=False.
        var v = new TfidfVectorizer { SublinearTf = true, SmoothIdf = false };
        var x = v.FitTransform(s_docs);
        Assert.Equal(2.386294361119891, v.Idf[0], 12);   // ln(4/1) + 1
        Assert.Equal(1.6931471805599454, v.Idf[3], 12);  // ln(4/2) + 1
        AssertRow(x[0], [(3, 0.35446088983962865), (11, 0.49957146807645625), (14, 0.49957146807645625), (16, 0.49957146807645625), (17, 0.35446088983962865)]);
        AssertRow(x[3], [(0, 0.6380219904652673), (4, 0.3768260655605057), (7, 0.3768260655605057), (8, 0.3768260655605057), (12, 0.3768260655605057), (17, 0.15791264971336594)]);
    }

    [Fact]
    public void Bigrams_StopWords_MinDf_MatchSklearn()
    {
        // sklearn TfidfVectorizer(token_pattern=r"(?u)\b\w+\b", ngram_range=(1, 2), stop_words=["a", "the"], min_df=2).
        string[] docs = ["the cat sat", "the cat ran", "a cat sat down", "the dog ran home"];
        var v = new TfidfVectorizer { MinN = 1, MaxN = 2, StopWords = new HashSet<string> { "a", "the" }, MinDocumentFrequency = 2 };
        var x = v.FitTransform(docs);
        Assert.Equal(["cat", "cat sat", "ran", "sat"], v.FeatureNames);
        Assert.Equal(1.2231435513142097, v.Idf[0], 12);
        AssertRow(x[0], [(0, 0.4968161174826459), (1, 0.6136667440107333), (3, 0.6136667440107333)]);
        AssertRow(x[1], [(0, 0.6292275146695526), (2, 0.7772211620785797)]);
        AssertRow(x[3], [(2, 1.0)]);
        // sklearn max_features=2 on the same docs (no stop words): ['cat', 'the'].
        Assert.Equal(["cat", "the"], new TfidfVectorizer { MaxFeatures = 2 }.Fit(docs).FeatureNames);
    }

    [Fact]
    public void UnseenTerms_AreIgnored_AndEmptyRowsStayEmpty()
    {
        var v = new TfidfVectorizer().Fit(s_docs);
        var x = v.Transform(["zebra quagga", "cat zebra"]);
        Assert.Equal(0, x[0].NonZeroCount);
        AssertRow(x[1], [(3, 1.0)]);
    }

    [Fact]
    public void SparseVector_DotCosineAndValidation()
    {
        var a = new SparseVector(5, [0, 3], [1.0, 2.0]);
        var b = new SparseVector(5, [3, 4], [4.0, 1.0]);
        Assert.Equal(8.0, a.Dot(b));
        Assert.Equal(8.0, a.Dot([0, 0, 0, 4.0, 1.0]));
        Assert.Equal(8.0 / (Math.Sqrt(5) * Math.Sqrt(17)), SparseVector.CosineSimilarity(a, b), 12);
        Assert.Equal([1.0, 0, 0, 2.0, 0], a.ToDense());
        Assert.Equal(2.0, a[3]);
        Assert.Equal(0.0, a[2]);
        Assert.Contains("strictly increasing", Assert.Throws<ArgumentException>(() => new SparseVector(5, [3, 1], [1.0, 1.0])).Message);
    }

    private static void AssertRow(SparseVector row, (int Index, double Value)[] expected)
    {
        Assert.Equal(expected.Select(e => e.Index), row.Indices);
        for (int k = 0; k < expected.Length; k++) Assert.Equal(expected[k].Value, row.Values[k], 12);
    }
}
