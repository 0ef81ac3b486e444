using System.Reflection;
using Mlsd.Experiments;
using Mlsd.Formatting;
using Mlsd.Metrics;
using Mlsd.Monitoring;

namespace Mlsd.Tests.Metrics;

public class RenderingTests
{
    [Theory]
    [InlineData(typeof(BinaryConfusionMatrix))]
    [InlineData(typeof(AbTestResult))]
    [InlineData(typeof(AbTestReport))]
    [InlineData(typeof(DriftReport))]
    public void RichTypes_AreHtmlRenderable_AndCarryTheFormatterAttribute(Type type)
    {
        Assert.True(typeof(IHtmlRenderable).IsAssignableFrom(type));
        var attribute = type.GetCustomAttributes(inherit: false).FirstOrDefault(a => a.GetType().Name == "TypeFormatterSourceAttribute");
        Assert.NotNull(attribute);
        var source = (Type)attribute!.GetType().GetProperty("FormatterSourceType", BindingFlags.Public | BindingFlags.Instance)!.GetValue(attribute)!;
        Assert.Equal(typeof(HtmlRenderableFormatterSource), source);
    }

    [Fact]
    public void ConfusionMatrix_Html_HasTheFourCounts()
    {
        string html = new BinaryConfusionMatrix(12, 3, 40, 5).ToHtml();
        foreach (string n in new[] { ">12<", ">3<", ">40<", ">5<" }) Assert.Contains(n, html);
        Assert.Contains("precision 0.800", html); // 12 / 15
    }
}
