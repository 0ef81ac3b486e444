using System.Xml.Linq;
using Mlsd.Formatting;

namespace Mlsd.Tests.Formatting;

public class TableTests
{
    [Fact]
    public void PlainTextIsAlignedAndMarksTheBest()
    {
        var table = new Table("model", "log loss", "NCE")
            .AddRow("base rate", 0.5, 1.0)
            .AddRow("logistic", 0.25, 0.75)
            .WithFormat("0.00", "log loss", "NCE")
            .HighlightMin("log loss");

        // Written out by hand: text left-aligned, numbers right-aligned, two spaces between columns,
        // the highlighted column gets a '*' on the best cell and a space on the others.
        string expected = string.Join('\n',
            "model      log loss   NCE",
            "---------  --------  ----",
            "base rate     0.50   1.00",
            "logistic      0.25*  0.75",
            "* best in column");
        Assert.Equal(expected, table.ToString());
    }

    [Fact]
    public void DefaultFormatGivesFourSignificantDigitsOfTheSmallestValue()
    {
        var table = new Table("name", "x", "n").AddRow("a", 0.012345, 3).AddRow("b", 1.5, 12);
        // smallest |x| = 0.012345 -> 4 significant digits need 5 decimals; integers stay integers.
        Assert.Equal("0.01235", table.FormatCell(0, 1));
        Assert.Equal("1.50000", table.FormatCell(1, 1));
        Assert.Equal("12", table.FormatCell(1, 2));
    }

    [Fact]
    public void WholeDoublesShowWithoutDecimalsAndNaNIsSpelledOut()
    {
        var table = new Table("x").AddRow(2.0).AddRow(double.NaN).AddRow((object?)null);
        Assert.Equal("2", table.FormatCell(0, 0));
        Assert.Equal("NaN", table.FormatCell(1, 0));
        Assert.Equal("", table.FormatCell(2, 0));
    }

    [Fact]
    public void HtmlIsWellFormedEscapedAndHighlightsOnlyTheBestCell()
    {
        var table = new Table("model <a>", "AUC")
            .WithTitle("Offline & online")
            .AddRow("x", 0.7)
            .AddRow("y", 0.9)
            .AddRow("z", 0.8)
            .HighlightMax("AUC");
        var doc = XDocument.Parse(table.ToHtml());
        Assert.Equal("Offline & online", doc.Root!.Element("caption")!.Value);
        Assert.Equal("model <a>", doc.Descendants("th").First().Value);
        var bold = doc.Descendants("td").Where(td => td.Attribute("style")!.Value.Contains("font-weight:700")).ToList();
        Assert.Single(bold);
        Assert.Equal("0.9000", bold[0].Value);
        Assert.Equal(3, doc.Descendants("tbody").Single().Elements("tr").Count());
    }

    [Fact]
    public void TiesAreAllHighlighted()
    {
        var table = new Table("m", "loss").AddRow("a", 0.3).AddRow("b", 0.3).AddRow("c", 0.4).HighlightMin("loss");
        Assert.Equal(2, table.ToString().Split('\n').Count(line => line.EndsWith('*')));
    }

    [Fact]
    public void WrongRowLengthFailsWithAClearMessage()
    {
        var table = new Table("a", "b");
        var ex = Assert.Throws<ArgumentException>(() => table.AddRow(1));
        Assert.Equal("cells", ex.ParamName);
        Assert.Contains("got 1", ex.Message);
    }

    [Fact]
    public void UnknownColumnFailsAndNamesTheColumns()
    {
        var table = new Table("a", "b");
        var ex = Assert.Throws<ArgumentException>(() => table.HighlightMin("c"));
        Assert.Contains("\"c\"", ex.Message);
        Assert.Contains("a, b", ex.Message);
    }

    private sealed record Row(string Model, double Loss, int Rank);

    [Fact]
    public void FromRecordsUsesPropertiesAsColumns()
    {
        var table = Table.From(new[] { new Row("gbdt", 0.25, 1), new Row("lr", 0.5, 2) });
        Assert.Equal(new[] { "Model", "Loss", "Rank" }, table.Columns);
        Assert.Equal(2, table.RowCount);
        Assert.Equal("lr", table[1, 0]);
        Assert.Equal("0.5000", table.FormatCell(1, 1));
    }
}

public class FormatterSourceTests
{
    private sealed class Fake : IHtmlRenderable
    {
        public string ToHtml() => "<b>hi</b>";
        public override string ToString() => "hi";
    }

    [Fact]
    public void SourceYieldsHtmlAndPlainTextFormatters()
    {
        var formatters = new HtmlRenderableFormatterSource().CreateTypeFormatters().Cast<HtmlRenderableFormatter>().ToList();
        Assert.Equal(new[] { "text/html", "text/plain" }, formatters.Select(f => f.MimeType));
        Assert.All(formatters, f => Assert.Equal(typeof(IHtmlRenderable), f.Type));

        var html = new StringWriter();
        Assert.True(formatters[0].Format(new Fake(), html));
        Assert.Equal("<b>hi</b>", html.ToString());
        var text = new StringWriter();
        Assert.True(formatters[1].Format(new Fake(), text));
        Assert.Equal("hi", text.ToString());
        Assert.False(formatters[0].Format("not renderable", new StringWriter()));
    }

    [Fact]
    public void AttributeFollowsTheNameConventionOfDotNetInteractive()
    {
        // .NET Interactive matches the attribute by type name and reads FormatterSourceType by reflection.
        var attribute = typeof(Table).GetCustomAttributes(inherit: true)
            .Single(a => a.GetType().Name == "TypeFormatterSourceAttribute");
        var sourceType = attribute.GetType().GetProperty("FormatterSourceType")!.GetValue(attribute);
        Assert.Equal(typeof(HtmlRenderableFormatterSource), sourceType);
        Assert.NotNull(attribute.GetType().GetProperty("PreferredMimeTypes"));
    }

    [Fact]
    public void EveryConcreteHtmlRenderableInTheLibraryCarriesTheAttribute()
    {
        // The kernel reads attributes from the class hierarchy, not from interfaces, so a renderable type without
        // the attribute would silently show as a property dump in notebooks.
        var missing = typeof(IHtmlRenderable).Assembly.GetTypes()
            .Where(t => typeof(IHtmlRenderable).IsAssignableFrom(t) && !t.IsAbstract && !t.IsInterface)
            .Where(t => !t.GetCustomAttributes(inherit: true).Any(a => a.GetType().Name == "TypeFormatterSourceAttribute"))
            .Select(t => t.FullName)
            .ToList();
        Assert.Empty(missing);
    }
}

public class SideBySideTests
{
    [Fact]
    public void ItemsSitInOneFlexRowAndPlainValuesAreEscaped()
    {
        var table = new Table("a").AddRow(1);
        var html = new SideBySide(table, "x < y") { MinItemWidth = 300 }.ToHtml();
        var doc = System.Xml.Linq.XDocument.Parse(html);
        var cells = doc.Root!.Elements("div").ToList();
        Assert.Equal(2, cells.Count);
        Assert.Contains("min-width:300px", cells[0].Attribute("style")!.Value);
        Assert.Equal("table", cells[0].Elements().Single().Name.LocalName);
        Assert.Equal("x < y", cells[1].Value);
        Assert.Equal(table.ToString() + "\n\nx < y", new SideBySide(table, "x < y").ToString());
    }

    [Fact]
    public void NullItemsAreRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SideBySide(new Table("a"), null!));
        Assert.Contains("items[1]", ex.Message);
    }
}
