using Mlsd.Features;

namespace Mlsd.Tests.Features;

public class HashingVectorizerTests
{
    // Independent values: MurmurHash3_x86_32 with seed 0 — "abc" → 0xB3DD93FA (published reference vector) and "price" →
    // 0xE7CB820E (scikit-learn's murmurhash3_32, see HashingTests). Both are negative as signed 32-bit integers:
    // |0xB3DD93FA| = 0x4C226C06, |0xE7CB820E| = 0x18347DF2. scikit-learn's HashingVectorizer puts a term in column
    // |h| mod 2^bits with sign −1 when h < 0: with 4 bits "abc" → 6, "price" → 2; with 8 bits "abc" → 0x06 = 6,
    // "price" → 0xF2 = 242.
    [Fact]
    public void Columns_AndSigns_FollowScikitLearn()
    {
        var x = new HashingVectorizer { Bits = 4, Normalize = false }.Transform(["abc price abc"]);
        Assert.Equal(16, x.Columns);
        Assert.Equal([2, 6], x.RowIndices(0).ToArray());
        Assert.Equal([-1f, -2f], x.RowValues(0).ToArray());
        var wide = new HashingVectorizer { Bits = 8, Normalize = false, AlternateSign = false };
        Assert.Equal(6, wide.IndexOf("abc"));
        Assert.Equal(242, wide.IndexOf("price"));
        Assert.Equal([2f, 1f], wide.Transform(["price ABC abc"]).RowValues(0).ToArray());   // columns 6, 242; lower-cased first
    }

    [Fact]
    public void Normalize_DividesByTheL2Norm()
    {
        // Values −1 and −2 (above): the norm is √5.
        var x = new HashingVectorizer { Bits = 4 }.Transform(["abc price abc"]);
        Assert.Equal(-1 / Math.Sqrt(5), x.RowValues(0)[0], 6);
        Assert.Equal(-2 / Math.Sqrt(5), x.RowValues(0)[1], 6);
    }

    [Fact]
    public void Analyze_FormsNGramsByLengthThenPosition()
    {
        var v = new HashingVectorizer { MaxN = 2 };
        Assert.Equal(["win", "free", "money", "win free", "free money"], v.Analyze("Win FREE money!"));
        Assert.Equal(["win free", "free money"], new HashingVectorizer { MinN = 2, MaxN = 2 }.Analyze("win free money"));
        Assert.Equal(v.Analyze("win free").Select(v.IndexOf).ToArray(), v.Buckets("win free"));
        var custom = new HashingVectorizer { Tokenizer = t => t.Split('-') };
        Assert.Equal(["a", "b"], custom.Analyze("a-b"));
    }

    [Fact]
    public void EmptyDocuments_GiveEmptyRows_AndBadInputNamesTheArgument()
    {
        var x = new HashingVectorizer { Bits = 4 }.Transform(["", "abc"]);
        Assert.Equal(0, x.RowIndices(0).Length);
        Assert.Equal(1, x.RowIndices(1).Length);
        Assert.Equal("Bits", Assert.Throws<ArgumentOutOfRangeException>(() => new HashingVectorizer { Bits = 31 }).ParamName);
        Assert.Equal("documents", Assert.Throws<ArgumentException>(() => new HashingVectorizer().Transform([])).ParamName);
        Assert.Equal("documents", Assert.Throws<ArgumentException>(() => new HashingVectorizer().Transform(["a", null!])).ParamName);
        Assert.Throws<InvalidOperationException>(() => new HashingVectorizer { MinN = 3, MaxN = 2 }.Analyze("a b c"));
    }
}
