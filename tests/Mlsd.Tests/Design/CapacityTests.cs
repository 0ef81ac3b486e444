using System.Xml.Linq;
using Mlsd.Design;

namespace Mlsd.Tests.Design;

public class HumanTests
{
    [Theory]
    [InlineData(0, "0")]
    [InlineData(950, "950")]
    [InlineData(12.34, "12")]
    [InlineData(1.25, "1.3")]
    [InlineData(46_300, "46k")]
    [InlineData(999_600, "1 M")] // 999.6k rounds to 1000k, which is said "1 M"
    [InlineData(3_400_000, "3.4 M")]
    [InlineData(1_200_000_000, "1.2 B")]
    [InlineData(-2_000, "-2k")]
    public void Counts(double value, string expected) => Assert.Equal(expected, Human.Count(value));

    [Theory]
    [InlineData(512, "512 B")]
    [InlineData(1_500, "1.5 kB")]
    [InlineData(3.4e12, "3.4 TB")]
    [InlineData(1.825e14, "183 TB")]
    public void Bytes(double value, string expected) => Assert.Equal(expected, Human.Bytes(value));

    [Fact]
    public void QpsAndDurations()
    {
        Assert.Equal("46k QPS", Human.Qps(46_300));
        Assert.Equal("200 ms", Human.Milliseconds(200));
        Assert.Equal("0.25 ms", Human.Milliseconds(0.25));
        Assert.Equal("1.5 s", Human.Milliseconds(1_500));
        Assert.Throws<ArgumentOutOfRangeException>(() => Human.Bytes(-1));
    }
}

public class CapacityTests
{
    private static Requirements Ads => new("Ad click prediction")
    {
        Goal = "Maximise revenue",
        DailyActiveUsers = 100_000_000,
        Items = 10_000_000,
        RequestsPerUserPerDay = 10,
        PeakToAverage = 3,
        LatencyBudgetMs = 100,
        Constraints = ["privacy", "new ads daily"],
    };

    [Fact]
    public void EstimateMatchesHandArithmetic()
    {
        var e = Ads.Estimate();
        // 100 M × 10 = 1e9 requests/day; / 86,400 s = 11,574.07 QPS; × 3 = 34,722.2 QPS.
        Assert.Equal(1e9, e.RequestsPerDay);
        Assert.Equal(11_574.074, e.AverageQps, 3);
        Assert.Equal(34_722.222, e.PeakQps, 3);
        // 1e9 requests × 1 event × 500 B = 5e11 B/day; × 365 = 1.825e14 B.
        Assert.Equal(5e11, e.LogBytesPerDay);
        Assert.Equal(1.825e14, e.LogBytesRetained);
        // 1e7 items × 64 dims × 4 B = 2.56e9 B; × 1.5 = 3.84e9 B.
        Assert.Equal(2.56e9, e.EmbeddingBytes);
        Assert.Equal(3.84e9, e.IndexBytes, 3);
        // 34,722.2 / (1000 × 0.7) = 49.6 → 50 servers.
        Assert.Equal(50, e.Servers);
    }

    [Fact]
    public void TableShowsRoundedNumbersAndTheirDerivation()
    {
        var rows = Ads.Estimate().Rows().ToDictionary(r => r.Quantity);
        Assert.Equal("12k QPS", rows["Average QPS"].Estimate);
        Assert.Equal("35k QPS", rows["Peak QPS"].Estimate);
        Assert.Equal("500 GB", rows["Logs per day"].Estimate);
        Assert.Equal("183 TB", rows["Logs for 365 days"].Estimate);
        Assert.Equal("2.6 GB", rows["Item embeddings"].Estimate);
        Assert.Equal("3.8 GB", rows["ANN index"].Estimate);
        Assert.Equal("50", rows["Servers at peak"].Estimate);
        Assert.Equal("100 M users × 10 requests", rows["Requests per day"].How);
        var html = XDocument.Parse(Ads.Estimate().ToHtml());
        Assert.Contains(html.Descendants("td"), td => td.Value == "183 TB");
    }

    [Fact]
    public void ExactMultiplesDoNotRoundUpAServer()
    {
        // 8.64 M users × 10 requests / 86,400 s = exactly 1000 QPS; × 2 = 2000 QPS peak.
        var req = new Requirements("x") { DailyActiveUsers = 8_640_000, RequestsPerUserPerDay = 10, PeakToAverage = 2 };
        Assert.Equal(4, req.Estimate(new CapacityAssumptions { QpsPerServer = 500, Headroom = 0 }).Servers); // 2000 / 500
        Assert.Equal(5, req.Estimate(new CapacityAssumptions { QpsPerServer = 500, Headroom = 0.2 }).Servers); // 2000 / 400
    }

    [Fact]
    public void NonsenseInputsFailClearly()
    {
        var ex = Assert.Throws<ArgumentException>(() => (Ads with { PeakToAverage = 0.5 }).Estimate());
        Assert.Contains("PeakToAverage must be at least 1 (got 0.5)", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => Ads.Estimate(new CapacityAssumptions { Headroom = 1 }));
        Assert.Contains("Headroom", ex.Message);
    }

    [Fact]
    public void RequirementsReadAsATable()
    {
        var rows = Ads.Rows();
        Assert.Contains(("Daily active users", "100 M"), rows);
        Assert.Contains(("Requests per day", "1 B"), rows);
        Assert.Contains(("Latency budget", "100 ms"), rows);
        Assert.Contains(("Constraints", "privacy"), rows);
        Assert.Contains(("", "new ads daily"), rows);
        Assert.StartsWith("Requirements\nSystem", Ads.ToString());
        var html = XDocument.Parse(Ads.ToHtml());
        Assert.Contains(html.Descendants("td"), td => td.Value == "Ad click prediction");
    }
}
