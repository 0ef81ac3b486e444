using Mlsd.Features;

namespace Mlsd.Tests.Features;

public class StreamingAggregatesTests
{
    [Fact]
    public void RunningStatistics_MatchTheWorkedExample()
    {
        // 10, 20, 60: mean 30, s = √((400 + 100 + 900)/2) = √700 = 26.4575131; z(83) = 53/26.4575131 = 2.0032117 (Python: 53 / math.sqrt(700)).
        var stats = new KeyedRunningStatistics();
        Assert.True(double.IsNaN(stats.Mean(5)));
        stats.Add(5, 10);
        Assert.True(double.IsNaN(stats.StandardDeviation(5)));
        stats.Add(5, 20);
        Assert.True(double.IsNaN(stats.ZScore(5, 83)), "two values are below the default minCount of 3");
        stats.Add(5, 60);
        stats.Add(6, 1_000);
        Assert.Equal(3, stats.Count(5));
        Assert.Equal(30, stats.Mean(5), 12);
        Assert.Equal(26.4575131, stats.StandardDeviation(5), 7);
        Assert.Equal(2.0032117, stats.ZScore(5, 83), 7);
        Assert.Equal(1, stats.Count(6));
        Assert.Equal(0, stats.Count(7));
    }

    [Fact]
    public void RunningStatistics_AreStableForLargeOffsets()
    {
        // 1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16: the spread of 4, 7, 13, 16 — mean offset 10, variance (36 + 9 + 9 + 36)/3 = 30.
        var stats = new KeyedRunningStatistics();
        foreach (double v in new[] { 4.0, 7, 13, 16 }) stats.Add(1, 1e9 + v);
        Assert.Equal(Math.Sqrt(30), stats.StandardDeviation(1), 6);
    }

    [Fact]
    public void SlidingWindowDistinct_MatchesTheWorkedExample()
    {
        var cards = new SlidingWindowDistinct(100);
        cards.Add(key: 1, item: 7, timestamp: 0);
        cards.Add(1, 8, 50);
        Assert.Equal(2, cards.DistinctCount(1, 51));   // [−49, 51): cards 7 and 8
        cards.Add(1, 7, 120);
        Assert.Equal(1, cards.DistinctCount(1, 120));  // [20, 120): card 8; the event at 120 is not before now
        Assert.Equal(2, cards.DistinctCount(1, 121));  // [21, 121): cards 8 and 7
        Assert.Equal(1, cards.DistinctCount(1, 151));  // [51, 151): card 7
        Assert.Equal(0, cards.DistinctCount(2, 151));  // an unseen key
    }

    [Fact]
    public void SlidingWindowDistinct_AgreesWithARecountOnARandomStream()
    {
        // Independent reference: recount the distinct items in [now − w, now) from the full list each time.
        var rng = new Random(4);
        var window = new SlidingWindowDistinct(300);
        var events = new List<(long Key, long Item, long Time)>();
        long t = 0;
        for (int i = 0; i < 2_000; i++)
        {
            t += rng.Next(0, 40);
            long key = rng.Next(5), item = rng.Next(12);
            int expected = events.Where(e => e.Key == key && e.Time >= t - 300 && e.Time < t).Select(e => e.Item).Distinct().Count();
            Assert.Equal(expected, window.DistinctCount(key, t));
            window.Add(key, item, t);
            events.Add((key, item, t));
        }
    }

    [Fact]
    public void BadInputNamesTheArgument()
    {
        Assert.Equal("value", Assert.Throws<ArgumentOutOfRangeException>(() => new KeyedRunningStatistics().Add(1, double.NaN)).ParamName);
        Assert.Equal("minCount", Assert.Throws<ArgumentOutOfRangeException>(() => new KeyedRunningStatistics().ZScore(1, 2, 1)).ParamName);
        Assert.Equal("windowSeconds", Assert.Throws<ArgumentOutOfRangeException>(() => new SlidingWindowDistinct(0)).ParamName);
        var w = new SlidingWindowDistinct(10);
        w.Add(1, 1, 100);
        Assert.Equal("timestamp", Assert.Throws<ArgumentOutOfRangeException>(() => w.Add(1, 2, 99)).ParamName);
        w.DistinctCount(1, 105);
        Assert.Equal("now", Assert.Throws<ArgumentOutOfRangeException>(() => w.DistinctCount(1, 104)).ParamName);
    }
}
