using Mlsd.Features;

namespace Mlsd.Tests.Features;

public class FeatureSchemaTests
{
    private sealed record Shown(int User, string? Device, double Price);

    private static readonly Shown[] s_rows =
    [
        new(7, "mobile", 2.5),
        new(7, "desktop", 0),
        new(12, null, double.NaN),
        new(3, "mobile", -1),
    ];

    private static FeatureSchema<Shown> Schema(FeatureHasher hasher, FeatureCrosses? crosses = null) =>
        new FeatureSchema<Shown>(hasher, crosses)
            .Categorical("user", s => s.User)
            .Categorical("device", s => s.Device)
            .Numeric("price", s => s.Price);

    private static FeatureColumn[] Columns() =>
    [
        FeatureColumn.Categorical("user", s_rows.Select(r => r.User).ToArray()),
        FeatureColumn.Categorical("device", s_rows.Select(r => r.Device!).ToArray()),
        FeatureColumn.Numeric("price", s_rows.Select(r => r.Price).ToArray()),
    ];

    [Fact]
    public void HandWorkedColumn_FromTheMurmurReferenceValue()
    {
        // MurmurHash3_x86_32("abc", 0) = 0xB3DD93FA (reference value): with 8 bits the column is 0xFA = 250, and the
        // top bit is set, so a signed hasher gives the value a minus sign.
        var schema = new FeatureSchema<double>(new FeatureHasher { Bits = 8, Signed = true }).Numeric("abc", x => x);
        var row = schema.TransformRow(2.5);
        Assert.Equal([250], row.Indices);
        Assert.Equal([-2.5], row.Values);
        Assert.Equal(256, row.Dimension);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SameColumnsAsTheHasherOnEquivalentColumns(bool signed)
    {
        var hasher = new FeatureHasher { Bits = 6, Signed = signed }; // few buckets: in-row collisions happen and must be summed alike
        var crosses = new FeatureCrosses(("user", "device"), ("device", "price"), ("user", "price"));
        var expected = hasher.Transform(Columns(), crosses);
        var actual = Schema(hasher, crosses).Transform(s_rows);
        Assert.Equal(expected.Rows, actual.Rows);
        Assert.Equal(expected.Columns, actual.Columns);
        for (int r = 0; r < expected.Rows; r++)
        {
            Assert.Equal(expected.RowIndices(r).ToArray(), actual.RowIndices(r).ToArray());
            Assert.Equal(expected.RowValues(r).ToArray(), actual.RowValues(r).ToArray());
        }
    }

    [Fact]
    public void MissingValuesAndZerosAddNoEntries()
    {
        var hasher = new FeatureHasher { Bits = 20 };
        var schema = Schema(hasher, new FeatureCrosses(("user", "device")));
        // Row 2: device missing (no device token, no cross), price NaN → only the user token.
        var row2 = schema.TransformRow(s_rows[2]);
        Assert.Equal([hasher.IndexOf("user=12")], row2.Indices);
        // Row 1: price 0 adds nothing; user, device and their cross do.
        var row1 = schema.TransformRow(s_rows[1]);
        int[] expected = [hasher.IndexOf("user=7"), hasher.IndexOf("device=desktop"), hasher.IndexOf("user=7^device=desktop")];
        Assert.Equal(expected.Order().ToArray(), row1.Indices);
        Assert.All(row1.Values, v => Assert.Equal(1.0, v));
    }

    [Fact]
    public void TransformRowMatchesTransform_AndWithCrossesSharesTheFields()
    {
        var plain = Schema(new FeatureHasher { Bits = 12 });
        var crossed = plain.WithCrosses(new FeatureCrosses(("user", "device")));
        var m = crossed.Transform(s_rows);
        for (int r = 0; r < s_rows.Length; r++)
        {
            var v = crossed.TransformRow(s_rows[r]);
            Assert.Equal(m.RowIndices(r).ToArray(), v.Indices);
            Assert.Equal(m.RowValues(r).ToArray().Select(x => (double)x), v.Values);
        }
        Assert.Equal(plain.Fields, crossed.Fields);
        Assert.Equal(3, plain.Transform(s_rows).RowIndices(0).Length);   // user, device, price
        Assert.Equal(4, m.RowIndices(0).Length);                          // … plus user × device
    }

    [Fact]
    public void ConcurrentCallsGiveTheSameRows()
    {
        var schema = Schema(new FeatureHasher { Bits = 16 }, new FeatureCrosses(("user", "device")));
        var rows = Enumerable.Range(0, 2000).Select(i => new Shown(i % 97, i % 3 == 0 ? "tablet" : "mobile", i % 5)).ToArray();
        var results = new SparseVector[rows.Length];
        Parallel.For(0, rows.Length, i => results[i] = schema.TransformRow(rows[i]));
        var sequential = Schema(new FeatureHasher { Bits = 16 }, new FeatureCrosses(("user", "device"))).Transform(rows);
        for (int i = 0; i < rows.Length; i++) Assert.Equal(sequential.RowIndices(i).ToArray(), results[i].Indices);
    }

    [Fact]
    public void ToColumnsFeedsTheCollisionReport()
    {
        var hasher = new FeatureHasher { Bits = 20 };
        var columns = Schema(hasher).ToColumns(s_rows);
        Assert.Equal(["user", "device", "price"], columns.Select(c => c.Name));
        // 3 users + 2 devices + 1 numeric field = 6 distinct tokens.
        Assert.Equal(6, hasher.Collisions(columns).DistinctTokens);
    }

    [Fact]
    public void CollisionsFromTheMemoMatchTheHasherReport()
    {
        var hasher = new FeatureHasher { Bits = 5 };   // 32 buckets: collisions are certain
        var crosses = new FeatureCrosses(("user", "device"), ("device", "price"));
        var rows = Enumerable.Range(0, 60).Select(i => new Shown(i % 23, i % 4 == 0 ? null : $"d{i % 3}", i % 7)).ToArray();
        var schema = Schema(hasher, crosses);
        schema.Transform(rows);
        var expected = hasher.Collisions(schema.ToColumns(rows), crosses);
        Assert.Equal(expected, schema.Collisions());
        Assert.True(expected.CollidingTokens > 0);
    }

    [Fact]
    public void BadDeclarationsFailWithClearMessages()
    {
        var schema = Schema(new FeatureHasher { Bits = 8 });
        var duplicate = Assert.Throws<ArgumentException>(() => schema.Numeric("price", s => s.Price));
        Assert.Contains("'price' is already declared", duplicate.Message);
        var unknown = Assert.Throws<ArgumentException>(() => schema.WithCrosses(new FeatureCrosses(("user", "site"))).Transform(s_rows));
        Assert.Contains("'site'", unknown.Message);
        var empty = Assert.Throws<ArgumentException>(() => new FeatureSchema<Shown>().Transform(s_rows));
        Assert.Contains("no fields", empty.Message);
        Assert.Throws<ArgumentException>(() => schema.Categorical("", s => s.User));
    }
}
