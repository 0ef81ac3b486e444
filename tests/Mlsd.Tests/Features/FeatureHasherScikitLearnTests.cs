using Mlsd.Features;

namespace Mlsd.Tests.Features;

public class FeatureHasherScikitLearnTests
{
    // Expected entries (column, value) per row, sorted by column, produced by Debian's python3-sklearn 1.2.1:
    //   from sklearn.feature_extraction import FeatureHasher
    //   rows = [{"user_id": "42", "device": "mobile", "price": 3.5},
    //           {"user_id": "7", "device": "desktop", "hour": "23", "price": -1.25},
    //           {"ad_id": "9913", "country": "BR"}]
    //   X = FeatureHasher(n_features=2**bits, input_type="dict", alternate_sign=signed).transform(rows).tocsr()
    //   X.sort_indices(); then (X.indices, X.data) of each row
    // e.g. "user_id=42" hashes to the signed value −398,572,331: column |h| mod 16 = 11, sign −1.
    private static readonly Dictionary<string, object?>[] Rows =
    [
        new() { ["user_id"] = "42", ["device"] = "mobile", ["price"] = 3.5 },
        new() { ["user_id"] = "7", ["device"] = "desktop", ["hour"] = "23", ["price"] = -1.25 },
        new() { ["ad_id"] = "9913", ["country"] = "BR" },
    ];

    public static TheoryData<int, bool, (int, double)[][]> Expected => new()
    {
        { 4, true, [[(2, -3.5), (11, -1.0), (15, -1.0)], [(2, 1.25), (3, -1.0), (5, 1.0), (11, -1.0)], [(5, -1.0), (13, -1.0)]] },
        { 4, false, [[(2, 3.5), (11, 1.0), (15, 1.0)], [(2, -1.25), (3, 1.0), (5, 1.0), (11, 1.0)], [(5, 1.0), (13, 1.0)]] },
        { 20, true, [[(113451, -1.0), (294386, -3.5), (876735, -1.0)], [(50683, -1.0), (294386, 1.25), (331491, -1.0), (837173, 1.0)],
            [(259613, -1.0), (368725, -1.0)]] },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void ScikitLearnMapping_ReproducesScikitLearnsMatrix(int bits, bool signed, (int, double)[][] expected)
    {
        var hasher = new FeatureHasher { Bits = bits, Signed = signed, Mapping = HashColumnMapping.ScikitLearn };

        // one row at a time (the serving path)…
        for (int r = 0; r < Rows.Length; r++)
        {
            SparseVector row = hasher.TransformRow(Rows[r]);
            Assert.Equal(expected[r], row.Indices.Zip(row.Values, (i, v) => (i, v)));
        }

        // …and column-wise (the training path): the same entries
        SparseMatrix matrix = hasher.Transform(
            FeatureColumn.Categorical<string>("user_id", ["42", "7", null!]),
            FeatureColumn.Categorical<string>("device", ["mobile", "desktop", null!]),
            FeatureColumn.Numeric("price", [3.5, -1.25, double.NaN]),
            FeatureColumn.Categorical<string>("hour", [null!, "23", null!]),
            FeatureColumn.Categorical<string>("ad_id", [null!, null!, "9913"]),
            FeatureColumn.Categorical<string>("country", [null!, null!, "BR"]));
        for (int r = 0; r < Rows.Length; r++)
            Assert.Equal(expected[r], matrix.RowIndices(r).ToArray().Zip(matrix.RowValues(r).ToArray(), (i, v) => (i, (double)v)));
    }

    [Fact]
    public void DefaultMapping_UsesTheLowBitsAndDiffersForNegativeHashes()
    {
        // "user_id=42" hashes to 0xE83E_44D5 (unsigned 3,896,394,965): low 4 bits 5, while scikit-learn's |h| mod 16 is 11.
        Assert.Equal(5, new FeatureHasher { Bits = 4 }.IndexOf("user_id=42"));
        Assert.Equal(11, new FeatureHasher { Bits = 4, Mapping = HashColumnMapping.ScikitLearn }.IndexOf("user_id=42"));
        // "hour=23" hashes to a positive value, 126,666,293: both mappings agree (126,666,293 mod 16 = 5).
        Assert.Equal(5, new FeatureHasher { Bits = 4 }.IndexOf("hour=23"));
        Assert.Equal(5, new FeatureHasher { Bits = 4, Mapping = HashColumnMapping.ScikitLearn }.IndexOf("hour=23"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FeatureHasher { Mapping = (HashColumnMapping)7 });
    }
}
