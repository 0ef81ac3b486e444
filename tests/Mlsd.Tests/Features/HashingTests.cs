using Mlsd.Features;

namespace Mlsd.Tests.Features;

public class HashingTests
{
    // Published MurmurHash3_x86_32 test vectors (the set circulated with the reference implementation), each also
    // checked against scikit-learn 1.2.1's independent implementation: sklearn.utils.murmurhash3_32(s.encode(), seed, positive=True).
    [Theory]
    [InlineData("", 0u, 0u)]
    [InlineData("", 1u, 0x514E28B7u)]
    [InlineData("", 0xFFFFFFFFu, 0x81F16F39u)]
    [InlineData("\0\0\0\0", 0u, 0x2362F9DEu)]
    [InlineData("aaaa", 0x9747B28Cu, 0x5A97808Au)]
    [InlineData("aaa", 0x9747B28Cu, 0x283E0130u)]
    [InlineData("aa", 0x9747B28Cu, 0x5D211726u)]
    [InlineData("a", 0x9747B28Cu, 0x7FA09EA6u)]
    [InlineData("abcd", 0x9747B28Cu, 0xF0478627u)]
    [InlineData("abc", 0x9747B28Cu, 0xC84A62DDu)]
    [InlineData("ab", 0x9747B28Cu, 0x74875592u)]
    [InlineData("Hello, world!", 0x9747B28Cu, 0x24884CBAu)]
    [InlineData("ππππππππ", 0x9747B28Cu, 0xD58063C1u)]
    [InlineData("abc", 0u, 0xB3DD93FAu)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0x9747B28Cu, 0x2FA826CDu)]
    public void MurmurHash3_MatchesPublishedVectors(string text, uint seed, uint expected)
    {
        Assert.Equal(expected, MurmurHash3.Hash32(text, seed));
        Assert.Equal(expected, MurmurHash3.Hash32(System.Text.Encoding.UTF8.GetBytes(text), seed));
    }

    // Hashes below from sklearn.utils.murmurhash3_32(token.encode(), seed=0, positive=True):
    //   "user=42" 0xE8979F2E, "ad=7" 0x3649AA8A, "device=mobile" 0xF4A29F41, "hour=20" 0x721295FE,
    //   "device=mobile^hour=20" 0x14EE20A0, "price" 0xE7CB820E. Bucket = hash & (2^bits − 1); sign = top bit.
    [Fact]
    public void IndexOf_IsLowBitsOfTheHash()
    {
        var h4 = new FeatureHasher { Bits = 4 };
        Assert.Equal(14, h4.IndexOf("user", "42"));
        Assert.Equal(10, h4.IndexOf("ad=7"));
        Assert.Equal(1, h4.IndexOf("device", "mobile"));
        var h20 = new FeatureHasher { Bits = 20 };
        Assert.Equal(499502, h20.IndexOf("user=42"));
        Assert.Equal(925856, h20.IndexOf("device=mobile^hour=20"));
    }

    [Fact]
    public void Transform_HashesCategoriesAndCrosses_AndSumsInRowCollisions()
    {
        // bits 4: user=42 → 14, ad=7 → 10, device=mobile → 1, hour=20 → 14 (collides with user=42), cross → 0
        var hasher = new FeatureHasher { Bits = 4 };
        var x = hasher.Transform(OneRow(), new FeatureCrosses(("device", "hour")));
        Assert.Equal(1, x.Rows);
        Assert.Equal(16, x.Columns);
        Assert.Equal([0, 1, 10, 14], x.RowIndices(0).ToArray());
        Assert.Equal([1f, 1f, 1f, 2f], x.RowValues(0).ToArray());
    }

    [Fact]
    public void Signed_UsesTheTopBit_SoCollisionsCanCancel()
    {
        // signs: user=42 −1 (top bit 1), hour=20 +1, device=mobile −1, ad=7 +1, cross +1; user and hour cancel in bucket 14
        var hasher = new FeatureHasher { Bits = 4, Signed = true };
        var x = hasher.Transform(OneRow(), new FeatureCrosses(("device", "hour")));
        Assert.Equal([0, 1, 10], x.RowIndices(0).ToArray());
        Assert.Equal([1f, -1f, 1f], x.RowValues(0).ToArray());
        Assert.Equal(-1f, hasher.SignOf("user=42"));
    }

    [Fact]
    public void Numeric_CarriesTheValue_AndMissingIsSkipped()
    {
        // "price" → bucket 14 with sign −1 when signed
        var hasher = new FeatureHasher { Bits = 4, Signed = true };
        var x = hasher.Transform(FeatureColumn.Numeric("price", [2.5, double.NaN, 0]));
        Assert.Equal([14], x.RowIndices(0).ToArray());
        Assert.Equal([-2.5f], x.RowValues(0).ToArray());
        Assert.Equal(0, x.RowIndices(1).Length);
        Assert.Equal(0, x.RowIndices(2).Length);
    }

    [Fact]
    public void TransformRow_GivesTheSameRowAsTransform()
    {
        var hasher = new FeatureHasher { Bits = 12, Signed = true };
        var crosses = new FeatureCrosses(("device", "hour"), ("device", "price"));
        var x = hasher.Transform(
            [FeatureColumn.Categorical("device", new[] { "mobile" }), FeatureColumn.Categorical("hour", new[] { 20 }), FeatureColumn.Numeric("price", [1.5])],
            crosses);
        var row = hasher.TransformRow(new Dictionary<string, object?> { ["device"] = "mobile", ["hour"] = 20, ["price"] = 1.5 }, crosses);
        Assert.Equal(x.RowIndices(0).ToArray(), row.Indices);
        Assert.Equal(x.RowValues(0).ToArray().Select(v => (double)v), row.Values);
        Assert.Equal(4096, row.Dimension);
    }

    [Fact]
    public void CrossToken_Format()
    {
        Assert.Equal("device=mobile^hour=20", FeatureCrosses.CrossToken("device", "mobile", "hour", "20"));
        Assert.Equal("device=mobile^price", FeatureCrosses.CrossToken("device", "mobile", "price", null));
        Assert.Equal(3, FeatureCrosses.AllPairs("a", "b", "c").Pairs.Count);
    }

    [Fact]
    public void Collisions_CountsTokensSharingABucket()
    {
        // murmurhash3_32 of "a","b","c","d","e" (seed 0) = 0x3C2569B2, 0x95DE7E03, 0xE132D65F, 0x27191473, 0x656C4367
        // bits 2 → buckets 2, 3, 3, 3, 3: two buckets used, b, c, d, e collide (4 of 5)
        var r2 = new FeatureHasher { Bits = 2 }.Collisions(["a", "b", "c", "d", "e", "a"]);
        Assert.Equal(new HashCollisionReport(5, 4, 2, 4), r2);
        Assert.Equal(0.8, r2.CollisionRate, 12);
        // bits 4 → buckets 2, 3, 15, 3, 7: b and d collide
        var r4 = new FeatureHasher { Bits = 4 }.Collisions(["a", "b", "c", "d", "e"]);
        Assert.Equal(new HashCollisionReport(5, 16, 4, 2), r4);
    }

    [Fact]
    public void ExpectedCollisionRate_ByHand()
    {
        Assert.Equal(0.5, FeatureHasher.ExpectedCollisionRate(2, 1), 12);       // 1 − (1/2)^1
        Assert.Equal(1 - 0.75 * 0.75, FeatureHasher.ExpectedCollisionRate(3, 2), 12); // 1 − (3/4)^2
        Assert.Equal(0, FeatureHasher.ExpectedCollisionRate(1, 10));
    }

    [Fact]
    public void DistinctTokens_ListsCategoriesNumericsAndObservedCrossPairs()
    {
        var columns = new[]
        {
            FeatureColumn.Categorical("d", new[] { "m", "m", "w" }),
            FeatureColumn.Categorical("h", new[] { 1, 2, 1 }),
            FeatureColumn.Numeric("p", [1, 2, 3]),
        };
        var tokens = new FeatureHasher().DistinctTokens(columns, new FeatureCrosses(("d", "h")));
        Assert.Equal(["d=m", "d=w", "h=1", "h=2", "p", "d=m^h=1", "d=m^h=2", "d=w^h=1"], tokens);
    }

    [Fact]
    public void BadInput_ClearErrors()
    {
        var hasher = new FeatureHasher();
        var e1 = Assert.Throws<ArgumentException>(() => hasher.Transform(FeatureColumn.Numeric("a", [1, 2]), FeatureColumn.Numeric("b", [1])));
        Assert.Contains("same number of rows", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => hasher.Transform([FeatureColumn.Numeric("a", [1])], new FeatureCrosses(("a", "zzz"))));
        Assert.Contains("'zzz'", e2.Message);
        var e3 = Assert.Throws<ArgumentException>(() => hasher.Transform(FeatureColumn.Numeric("a", [1]), FeatureColumn.Numeric("a", [1])));
        Assert.Contains("unique", e3.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new FeatureHasher { Bits = 31 });
        Assert.Throws<ArgumentException>(() => new FeatureCrosses(("a", "b"), ("b", "a")));
        Assert.Throws<ArgumentException>(() => new FeatureCrosses(("a", "a")));
    }

    /// <summary>One impression: user 42 saw ad 7 on mobile at 20h.</summary>
    private static FeatureColumn[] OneRow() =>
    [
        FeatureColumn.Categorical("user", new[] { "42" }),
        FeatureColumn.Categorical("ad", new[] { 7 }),
        FeatureColumn.Categorical("device", new[] { "mobile" }),
        FeatureColumn.Categorical("hour", new[] { 20 }),
    ];
}

public class SparseMatrixTests
{
    private static SparseMatrix Small() => new([0, 2, 2, 3], [0, 3, 1], [1f, 0.5f, 2f], 4);

    [Fact]
    public void RowAccess_AndGet()
    {
        var x = Small();
        Assert.Equal(3, x.Rows);
        Assert.Equal(3, x.NonZeroCount);
        Assert.Equal(0.5f, x.Get(0, 3));
        Assert.Equal(0f, x.Get(0, 2));
        Assert.Equal(0, x.RowIndices(1).Length);
        var v = x[2];
        Assert.Equal(4, v.Dimension);
        Assert.Equal(2.0, v[1]);
    }

    [Fact]
    public void SelectRows_HorizontalStack_FromDense_FromRows()
    {
        var x = Small();
        var picked = x.SelectRows([2, 0]);
        Assert.Equal([1, 0, 3], picked.RowIndices(0).ToArray().Concat(picked.RowIndices(1).ToArray()));
        var stacked = SparseMatrix.HorizontalStack(x, x);
        Assert.Equal(8, stacked.Columns);
        Assert.Equal([0, 3, 4, 7], stacked.RowIndices(0).ToArray());
        var dense = SparseMatrix.FromDense([[0.0, 2.0], [3.0, 0.0]]);
        Assert.Equal([1], dense.RowIndices(0).ToArray());
        Assert.Equal(3f, dense.Get(1, 0));
        var fromRows = SparseMatrix.FromRows([new SparseVector(4, [1, 2], [1.0, 2.0]), new SparseVector(4, [], [])]);
        Assert.Equal(2f, fromRows.Get(0, 2));
        Assert.Equal(2, x.Slice(1, 2).Rows);
    }

    [Fact]
    public void WriteSvmLight_Format()
    {
        string path = Path.Combine(Path.GetTempPath(), $"mlsd-svm-{Guid.NewGuid():N}.svm");
        try
        {
            Small().WriteSvmLight(path, [1, 0, 1]);
            Assert.Equal("1 0:1 3:0.5\n0\n1 1:2\n", File.ReadAllText(path));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void BadInput_ClearErrors()
    {
        var e1 = Assert.Throws<ArgumentException>(() => new SparseMatrix([0, 2], [3, 1], [1f, 1f], 4));
        Assert.Contains("strictly increasing", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => new SparseMatrix([0, 1], [4], [1f], 4));
        Assert.Contains("outside", e2.Message);
        var e3 = Assert.Throws<ArgumentException>(() => SparseMatrix.FromDense([[1.0, 2.0], [1.0]]));
        Assert.Contains("same length", e3.Message);
        Assert.Throws<ArgumentException>(() => Small().WriteSvmLight("unused", [1]));
    }
}
