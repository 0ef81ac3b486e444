using System.IO.Compression;
using System.Text;
using Mlsd.Data;

namespace Mlsd.Tests.Data;

public class CsvTests
{
    [Fact]
    public void Parse_Rfc4180_QuotesCommasDoubledQuotesAndLineBreaks()
    {
        const string text = "id,name,note\r\n1,\"Smith, J\",\"said \"\"hi\"\"\"\r\n2,Ann,\"two\nlines\"\r\n3,,plain\r\n";
        var t = Csv.Parse(text, "people.csv");
        Assert.Equal(["id", "name", "note"], t.Header);
        Assert.Equal(3, t.RowCount);
        Assert.Equal("Smith, J", t[0, "name"]);
        Assert.Equal("said \"hi\"", t[0, 2]);
        Assert.Equal("two\nlines", t[1, "note"]);
        Assert.Equal("", t[2, "name"]);
        Assert.Equal([2, 3, 5], Enumerable.Range(0, 3).Select(t.LineOf).ToArray());
    }

    [Fact]
    public void TypedColumns_ConvertWithInvariantCulture_AndMissingBecomesNaN()
    {
        var t = Csv.Parse("x,n,b,when\n1.5,3,TRUE,2024-03-01 13:45:00\nNA,-2,0,2024-03-02\n,7,yes,2024-03-03T00:00:00\n");
        var x = t.Doubles("x");
        Assert.Equal(1.5, x[0]);
        Assert.True(double.IsNaN(x[1]) && double.IsNaN(x[2]));
        Assert.Equal([3, -2, 7], t.Ints("n"));
        Assert.Equal([3L, -2L, 7L], t.Longs("n"));
        Assert.Equal([true, false, true], t.Bools("b"));
        Assert.Equal(new DateTime(2024, 3, 1, 13, 45, 0), t.DateTimes("when")[0]);
        Assert.Equal(new DateTime(2024, 3, 2), t.DateTimes("when")[1]);
        Assert.Equal(-2.0, t.GetDouble(1, "n"));
    }

    [Fact]
    public void BadNumber_NamesFileLineColumnAndValue()
    {
        var t = Csv.Parse("id,price\n1,10.5\n2,abc\n", "listings.csv");
        var e = Assert.Throws<CsvFormatException>(() => t.Doubles("price"));
        Assert.Equal("listings.csv:3:2: column \"price\": expected a number (Double), found \"abc\".", e.Message);
        Assert.Equal(3, e.Line);
        Assert.Equal(2, e.Column);
        Assert.Equal("abc", e.Value);
    }

    [Fact]
    public void BadValue_AfterMultiLineField_ReportsTheRightLine()
    {
        var t = Csv.Parse("note,n\n\"a\nb\nc\",x\n", "notes.csv");
        var e = Assert.Throws<CsvFormatException>(() => t.Ints("n"));
        Assert.StartsWith("notes.csv:4:2:", e.Message);
    }

    [Fact]
    public void WrongFieldCount_NamesLine()
    {
        var e = Assert.Throws<CsvFormatException>(() => Csv.Parse("a,b,c\n1,2,3\n4,5\n", "t.csv"));
        Assert.Equal("t.csv:3: expected 3 fields (as in the header), found 2.", e.Message);
    }

    [Fact]
    public void UnterminatedQuote_NamesWhereItOpened()
    {
        var e = Assert.Throws<CsvFormatException>(() => Csv.Parse("a,b\n1,\"open\n2,3\n", "t.csv"));
        Assert.StartsWith("t.csv:2:2: unterminated quoted field", e.Message);
    }

    [Fact]
    public void QuoteInsideUnquotedField_IsAnError()
    {
        var e = Assert.Throws<CsvFormatException>(() => Csv.Parse("a,b\n1,5\"\n", "t.csv"));
        Assert.StartsWith("t.csv:2:2:", e.Message);
    }

    [Fact]
    public void TextAfterClosingQuote_IsAnError() =>
        Assert.StartsWith("t.csv:2:1:", Assert.Throws<CsvFormatException>(() => Csv.Parse("a\n\"x\"y\n", "t.csv")).Message);

    [Fact]
    public void UnknownColumn_ListsTheColumnsThatExist()
    {
        var t = Csv.Parse("id,price\n1,2\n", "t.csv");
        var e = Assert.Throws<ArgumentException>(() => t.Doubles("prize"));
        Assert.Contains("\"prize\"", e.Message);
        Assert.Contains("id, price", e.Message);
    }

    [Fact]
    public void DuplicateHeader_IsAnError() =>
        Assert.Contains("duplicate column name \"a\"", Assert.Throws<CsvFormatException>(() => Csv.Parse("a,b,a\n1,2,3\n")).Message);

    [Fact]
    public void BomNoFinalNewlineAndTrailingBlankLine_AreHandled()
    {
        Assert.Equal(["x", "y"], Csv.Parse("\uFEFFx,y\n1,2").Header);
        Assert.Equal(1, Csv.Parse("x,y\n1,2\n\n").RowCount);
    }

    [Fact]
    public void NoHeader_NamesColumnsByPosition()
    {
        var t = Csv.Parse("1,2\n3,4\n", options: new CsvOptions { HasHeader = false });
        Assert.Equal(["0", "1"], t.Header);
        Assert.Equal([2, 4], t.Ints(1));
    }

    [Fact]
    public void Read_GzipTransparently_AndErrorsUseTheFileName()
    {
        string path = Path.Combine(Path.GetTempPath(), $"mlsd-{Guid.NewGuid():N}.csv.gz");
        try
        {
            using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest))
                gz.Write(Encoding.UTF8.GetBytes("a,b\n1,2\n3,oops\n"));
            var t = Csv.Read(path);
            Assert.Equal(2, t.RowCount);
            var e = Assert.Throws<CsvFormatException>(() => t.Ints("b"));
            Assert.StartsWith(Path.GetFileName(path) + ":3:2:", e.Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Parse_CustomConverter_ErrorsAreLocated()
    {
        var t = Csv.Parse("g\nham\nspam\nmaybe\n", "l.csv");
        var e = Assert.Throws<CsvFormatException>(() => t.Parse("g", s => s switch { "ham" => 0, "spam" => 1, _ => throw new FormatException("not a label") }));
        Assert.StartsWith("l.csv:4:1:", e.Message);
        Assert.Contains("maybe", e.Message);
    }

    [Fact]
    public void ToHtml_EscapesCellsAndLimitsRows()
    {
        var t = Csv.Parse("a,b\n<x>,1\n2,3\n4,5\n", "t.csv");
        string html = t.ToHtml(2);
        Assert.Contains("<td>&lt;x&gt;</td>", html);
        Assert.Contains("<td>2</td>", html);
        Assert.DoesNotContain("<td>4</td>", html);
    }

    [Fact]
    public void ToString_Summarises() =>
        Assert.Equal("t.csv: 2 rows × 2 columns (a, b)", Csv.Parse("a,b\n1,2\n3,4\n", "t.csv").ToString());
}
