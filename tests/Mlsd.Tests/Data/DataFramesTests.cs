using Microsoft.Data.Analysis;
using Mlsd.Data;
using Mlsd.Formatting;

namespace Mlsd.Tests.Data;

public class DataFramesTests
{
    private sealed record Ad(int AdId, string Category, double Bid, bool Clicked, DayOfWeek Day, double? Ctr);

    [Fact]
    public void RecordsBecomeTypedColumnsInDeclarationOrder()
    {
        var frame = DataFrames.FromRecords(new[]
        {
            new Ad(7, "sports", 0.5, true, DayOfWeek.Monday, 0.02),
            new Ad(9, "news", 1.25, false, DayOfWeek.Friday, null),
        });
        Assert.Equal(["AdId", "Category", "Bid", "Clicked", "Day", "Ctr"], frame.Columns.Select(c => c.Name));
        Assert.Equal([typeof(int), typeof(string), typeof(double), typeof(bool), typeof(string), typeof(double)],
            frame.Columns.Select(c => c.DataType));
        Assert.Equal(2, frame.Rows.Count);
        Assert.Equal(9, frame["AdId"][1]);
        Assert.Equal("Friday", frame["Day"][1]);
        Assert.Null(frame["Ctr"][1]);
        Assert.Equal(1, frame["Ctr"].NullCount);
    }

    [Fact]
    public void RowsRoundTripAndMissingValuesBecomeNaN()
    {
        var frame = DataFrames.FromRows([[1.0, 2.0], [3.0, 4.5]], ["a", "b"]);
        frame.Append([new KeyValuePair<string, object?>("a", 5.0), new KeyValuePair<string, object?>("b", null)], inPlace: true);
        var rows = DataFrames.ToRows(frame, "b", "a");
        Assert.Equal([2.0, 1.0], rows[0]);
        Assert.Equal([4.5, 3.0], rows[1]);
        Assert.True(double.IsNaN(rows[2][0]));
        Assert.Equal(5.0, rows[2][1]);
        var labels = DataFrames.FromRecords(new[] { new Ad(1, "a", 1, true, 0, 0), new Ad(2, "b", 1, false, 0, 0) });
        Assert.Equal([1, 0], DataFrames.ToLabels(labels, "Clicked"));
    }

    [Fact]
    public void BadInputNamesTheProblem()
    {
        var frame = DataFrames.FromRows([[1.0]], ["a"]);
        Assert.Contains("no column 'z'", Assert.Throws<ArgumentException>(() => DataFrames.ToRows(frame, "z")).Message);
        Assert.Contains("rows[0] has 1 values but there are 2", Assert.Throws<ArgumentException>(() => DataFrames.FromRows([[1.0]], ["a", "b"])).Message);
        var text = DataFrames.FromRecords(new[] { new Ad(1, "a", 1, true, 0, 0) });
        Assert.Contains("'a', which is not a number", Assert.Throws<ArgumentException>(() => DataFrames.ToRows(text, "Category")).Message);
    }

    [Fact]
    public void ALongFrameShowsItsShapeAndItsFirstAndLastRows()
    {
        var frame = DataFrames.FromRows(Enumerable.Range(0, 20).Select(i => new[] { i, i / 4.0 }).ToArray(), ["i", "quarter"]);
        string html = DataFrameHtml.ToHtml(frame);
        Assert.Contains("DataFrame: 20 rows × 2 columns", html);
        Assert.Contains("<td style=\"border:1px solid #d0d7de;padding:2px 8px;text-align:right\">2.25</td>", html);   // row 9
        Assert.DoesNotContain(">10<", html);                                                                       // rows 10–14 left out
        Assert.Contains(">…<", html);
        Assert.Contains(">19<", html);
        string text = DataFrameHtml.ToText(frame);
        var lines = text.Split('\n');
        Assert.Equal("DataFrame: 20 rows × 2 columns", lines[0]);
        Assert.Equal(1 + 1 + 10 + 1 + 5, lines.Length);   // shape, header, 10 head rows, the gap, 5 tail rows
        Assert.Equal("19  19     4.75", lines[^1]);   // right-aligned under "quarter"
    }

    [Fact]
    public void AShortFrameShowsEveryRowAndEscapesText()
    {
        var frame = new DataFrame(new StringDataFrameColumn("name", ["<b>", "a&b"]));
        string html = DataFrameHtml.ToHtml(frame);
        Assert.Contains("&lt;b&gt;", html);
        Assert.Contains("a&amp;b", html);
        Assert.DoesNotContain("…", html);
    }
}
