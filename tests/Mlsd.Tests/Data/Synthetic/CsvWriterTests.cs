using Mlsd.Data;
using Mlsd.Data.Synthetic;

namespace Mlsd.Tests.Data.Synthetic;

public class CsvWriterTests
{
    [Theory]
    [InlineData(0.1, null, "0.1")]
    [InlineData(2.0 / 3, 4, "0.6667")]
    [InlineData(-0.00001, 2, "0.00")]
    [InlineData(-1.5, 1, "-1.5")]
    [InlineData(1e-7, null, "1E-07")]
    [InlineData(double.NaN, null, "")]
    [InlineData(double.NegativeInfinity, 3, "-Infinity")]
    public void FormatDouble_Examples(double value, int? decimals, string expected) =>
        Assert.Equal(expected, CsvWriter.FormatDouble(value, decimals));

    [Fact]
    public void WritesExactBytes_AndReadsBack()
    {
        var sw = new StringWriter();
        using (var w = new CsvWriter(sw, decimals: 2))
        {
            w.WriteHeader("id", "name", "p", "ok", "at");
            w.Field(1).Field("Smith, \"J\"").Field(0.126).Field(true).Field(new DateTime(2024, 1, 2, 3, 4, 5)).EndRow();
            w.WriteRow(2, " pad", double.NaN, false, new DateTime(2024, 1, 2));
        }
        const string expected = "id,name,p,ok,at\n1,\"Smith, \"\"J\"\"\",0.13,1,2024-01-02 03:04:05\n2,\" pad\",,0,2024-01-02 00:00:00\n";
        Assert.Equal(expected, sw.ToString());
        var t = Csv.Parse(sw.ToString());
        Assert.Equal("Smith, \"J\"", t[0, "name"]);
        Assert.True(double.IsNaN(t.Doubles("p")[1]));
    }

    [Fact]
    public void RowWithWrongFieldCount_Throws()
    {
        using var w = new CsvWriter(new StringWriter());
        w.WriteHeader("a", "b");
        w.Field(1);
        Assert.Contains("1 fields but the header has 2", Assert.Throws<InvalidOperationException>(w.EndRow).Message);
    }

    [Fact]
    public void File_IsUtf8WithoutBom_WithLfLineEnds()
    {
        string path = Path.Combine(Path.GetTempPath(), $"mlsd-{Guid.NewGuid():N}", "x.csv");
        try
        {
            using (var w = new CsvWriter(path)) { w.WriteHeader("é"); w.WriteRow(1); }
            Assert.Equal([0xC3, 0xA9, (byte)'\n', (byte)'1', (byte)'\n'], File.ReadAllBytes(path));
        }
        finally { Directory.Delete(Path.GetDirectoryName(path)!, recursive: true); }
    }
}

public class SyntheticDatasetTests
{
    [Fact]
    public void ToyListings_RegeneratedFromSeed_IsByteIdenticalToTheManifest()
    {
        var check = ToyListings.Dataset.CheckReproducible();
        Assert.True(check.Identical, check.ToString());
        Assert.Single(check.Files);
    }

    [Fact]
    public void DifferentSeed_IsReportedAsMismatch()
    {
        var tampered = new SyntheticDataset("toy-listings", 2025, ToyListings.Write);
        var check = tampered.CheckReproducible();
        Assert.False(check.Identical);
        Assert.Contains("synthetic/toy-listings/listings.csv: manifest", check.Mismatches[0]);
    }

    [Fact]
    public void Ensure_RegeneratesMissingFiles_AndVerifiesThem()
    {
        using var temp = new Mlsd.Tests.Data.TempDataRoot();
        string dir = ToyListings.Dataset.Ensure();
        Assert.Equal(temp.PathOf("synthetic/toy-listings"), dir);
        Assert.Equal(200, Datasets.ToyListings.Load().Length);
    }

    [Fact]
    public void Ensure_UnrecordedDataset_Throws()
    {
        var unknown = new SyntheticDataset("not-recorded", 1, (dir, _) => File.WriteAllText(Path.Combine(dir, "a.csv"), "a\n"));
        Assert.Contains("Record()", Assert.Throws<InvalidOperationException>(() => unknown.Ensure()).Message);
    }

    [Fact]
    public void BadName_AndNonEmptyTarget_AreRejected()
    {
        Assert.Throws<ArgumentException>(() => new SyntheticDataset("Bad Name", 1, (_, _) => { }));
        string dir = Path.Combine(Path.GetTempPath(), $"mlsd-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "x"), "");
        try { Assert.Throws<ArgumentException>(() => ToyListings.Dataset.Generate(dir)); }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void ToyListings_GroundTruthIsALogisticModel()
    {
        // Paris (effect 0.3), price at the city median 140, 1 bedroom, score 4: z = −0.5 + 0.3 = −0.2.
        Assert.Equal(1 / (1 + Math.Exp(0.2)), ToyListings.BookingProbability("Paris", 140, 1, 4.0), 12);
        // Missing score counts as 3.8: z = −0.2 + 0.9 × (−0.2) = −0.38.
        Assert.Equal(1 / (1 + Math.Exp(0.38)), ToyListings.BookingProbability("Paris", 140, 1, double.NaN), 12);
    }
}
