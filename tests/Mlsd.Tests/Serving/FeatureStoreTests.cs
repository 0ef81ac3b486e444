using Mlsd.Serving;

namespace Mlsd.Tests.Serving;

public sealed class FeatureStoreTests
{
    [Fact]
    public void PointInTimeJoinNeverSeesAValueWrittenAtOrAfterTheLabelTime()
    {
        using var store = new FeatureStore();
        store.Write("ad_ctr", 7, timestamp: 100, value: 0.1);
        store.Write("ad_ctr", 7, timestamp: 200, value: 0.9); // updated after the label at t = 150
        long[] times = [50, 150, 200, 201];
        long[] ads = [7, 7, 7, 7];
        var frame = store.Join(times, [FeatureLookup.Latest("ad_ctr", ads)]);
        var ctr = frame.Column("ad_ctr");
        Assert.True(double.IsNaN(ctr[0]));   // nothing known yet
        Assert.Equal(0.1, ctr[1]);            // the 0.9 written at 200 must not leak into t = 150
        Assert.Equal(0.1, ctr[2]);            // strictly before: a value stamped exactly at t is not yet known
        Assert.Equal(0.9, ctr[3]);
        var leaky = store.Join(times, [FeatureLookup.Latest("ad_ctr", ads)], JoinMode.Leaky).Column("ad_ctr");
        Assert.Equal([0.9, 0.9, 0.9, 0.9], leaky);
    }

    [Fact]
    public void GetLatestReadsTheNewestValueBeforeTheGivenTime()
    {
        using var store = new FeatureStore();
        store.WriteSnapshot("age", 0, new long[] { 1, 2 }, [30, 40]);
        store.WriteSnapshot("age", 10, new long[] { 1 }, [31]);
        Assert.Equal(31, store.GetLatest("age", 1));
        Assert.Equal(30, store.GetLatest("age", 1, before: 10));
        Assert.Null(store.GetLatest("age", 1, before: 0));
        Assert.Null(store.GetLatest("age", 3));
        Assert.Null(store.GetLatest("unknown", 1));
        var batch = store.GetLatest("age", new long[] { 2, 3 });
        Assert.Equal(40, batch[0]);
        Assert.True(double.IsNaN(batch[1]));
    }

    [Fact]
    public void WindowCountsAreHalfOpenAtTheBoundaries()
    {
        using var store = new FeatureStore();
        foreach (long t in new long[] { 100, 160, 220 }) store.RecordEvent("clicks", 1, t);
        // Window [now − 60, now): the event at now − 60 counts, the event at now does not.
        Assert.Equal(0, store.WindowSum("clicks", 1, now: 100, windowSeconds: 60));
        Assert.Equal(1, store.WindowSum("clicks", 1, now: 101, windowSeconds: 60));
        Assert.Equal(1, store.WindowSum("clicks", 1, now: 160, windowSeconds: 60));
        Assert.Equal(1, store.WindowSum("clicks", 1, now: 220, windowSeconds: 60));
        Assert.Equal(2, store.WindowSum("clicks", 1, now: 220, windowSeconds: 120));
        Assert.Equal(1, store.WindowSum("clicks", 1, now: 280, windowSeconds: 60));
        Assert.Equal(0, store.WindowSum("clicks", 1, now: 281, windowSeconds: 60));
        Assert.Equal(3, store.WindowSum("clicks", 1, now: 1_000, windowSeconds: 1_000));
        Assert.Equal(0, store.WindowSum("clicks", 2, now: 1_000, windowSeconds: 1_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => store.WindowSum("clicks", 1, 10, 0));
    }

    [Fact]
    public void PeriodSumsStartAtThePeriodBoundary()
    {
        using var store = new FeatureStore();
        store.RecordEvents("ad_clicks", new long[] { 5, 5, 5 }, [86_399, 86_400, 90_000]);
        Assert.Equal(0, store.PeriodSum("ad_clicks", 5, now: 86_400, periodSeconds: 86_400));
        Assert.Equal(1, store.PeriodSum("ad_clicks", 5, now: 86_401, periodSeconds: 86_400));
        Assert.Equal(2, store.PeriodSum("ad_clicks", 5, now: 90_001, periodSeconds: 86_400));
        Assert.Equal(0, store.PeriodSum("ad_clicks", 5, now: 86_399, periodSeconds: 86_400));
        Assert.Equal(2, store.PeriodSum("ad_clicks", 5, now: 86_400 * 2 - 1, periodSeconds: 86_400));
        Assert.Equal(0, store.PeriodSum("ad_clicks", 5, now: 86_400 * 2, periodSeconds: 86_400));
    }

    [Fact]
    public void LateEventsKeepTheSeriesSortedAndAmountsAdd()
    {
        using var store = new FeatureStore();
        store.RecordEvent("spend", 1, 300, 1);
        store.RecordEvent("spend", 1, 100, 2);
        store.RecordEvent("spend", 1, 200, 4);
        store.RecordEvent("spend", 1, 200, 8);
        Assert.Equal(2 + 4 + 8, store.Sum("spend", 1, 0, 250));
        Assert.Equal(4 + 8 + 1, store.Sum("spend", 1, 150, 400));
        Assert.Equal(2, store.Sum("spend", 1, 100, 200));
        Assert.Equal(0, store.Sum("spend", 1, 250, 250));
    }

    [Fact]
    public void JoinedCounterColumnsMatchABruteForceComputation()
    {
        var rng = new Sampler(3);
        var eventEntities = new long[3_000];
        var eventTimes = new long[3_000];
        for (int i = 0; i < eventTimes.Length; i++)
        {
            eventEntities[i] = rng.Next(40);
            eventTimes[i] = rng.Next(100_000);
        }
        using var store = new FeatureStore();
        store.RecordEvents("clicks", eventEntities, eventTimes);
        var snapshotEntities = Enumerable.Range(0, 40).Select(i => (long)i).ToArray();
        for (long day = 0; day < 4; day++)
            store.WriteSnapshot("ctr", day * 25_000 + 7, snapshotEntities, snapshotEntities.Select(e => e + day / 10.0).ToArray());
        var rows = 2_000;
        var times = Enumerable.Range(0, rows).Select(_ => (long)rng.Next(110_000)).ToArray();
        var users = Enumerable.Range(0, rows).Select(_ => (long)rng.Next(45)).ToArray();
        var frame = store.Join(times,
        [
            FeatureLookup.WindowSum("clicks", users, 3_600, "clicks_1h"),
            FeatureLookup.PeriodSum("clicks", users, 10_000, "clicks_period"),
            FeatureLookup.Latest("ctr", users),
        ]);
        var leaky = store.Join(times, [FeatureLookup.WindowSum("clicks", users, 3_600, "clicks_1h")], JoinMode.Leaky);
        // Brute force: scan every event of the row's entity.
        var byEntity = new Dictionary<long, List<long>>();
        for (int i = 0; i < eventTimes.Length; i++)
        {
            if (!byEntity.TryGetValue(eventEntities[i], out var list)) byEntity[eventEntities[i]] = list = [];
            list.Add(eventTimes[i]);
        }
        for (int r = 0; r < rows; r++)
        {
            long t = times[r], u = users[r];
            int Count(long from, long to)
            {
                int n = 0;
                if (byEntity.TryGetValue(u, out var list)) foreach (long e in list) if (e >= from && e < to) n++;
                return n;
            }
            Assert.Equal(Count(t - 3_600, t), frame.Column("clicks_1h")[r]);
            Assert.Equal(Count(t / 10_000 * 10_000, t), frame.Column("clicks_period")[r]);
            Assert.Equal(Count(t - 3_600, long.MaxValue), leaky.Column("clicks_1h")[r]);
            long? lastDay = Enumerable.Range(0, 4).Where(d => d * 25_000 + 7 < t).Select(d => (long?)d).LastOrDefault();
            double expectedCtr = u >= 40 || lastDay is null ? double.NaN : u + lastDay.Value / 10.0;
            Assert.Equal(expectedCtr, frame.Column("ctr")[r]);
        }
        Assert.Equal(rows, frame.RowCount);
        Assert.Equal(["clicks_1h", "clicks_period", "ctr"], frame.Columns);
        Assert.Equal(frame.Column("ctr")[5], frame.ToRows()[5][2]);
        Assert.Contains("2,000 rows", frame.ToString());
    }

    [Fact]
    public void RatioSnapshotSmoothsWithThePriorAndReadsOnlyThePast()
    {
        using var store = new FeatureStore();
        store.RecordEvents("imps", new long[] { 9, 9, 9, 9, 9 }, [10, 20, 30, 40, 120]);
        store.RecordEvents("clicks", new long[] { 9, 9 }, [25, 120]);
        // At t = 100 over the last 100: 4 impressions, 1 click (the ones at 120 are in the future).
        int written = store.WriteRatioSnapshot("ctr_100", "clicks", "imps", timestamp: 100, windowSeconds: 100, priorNumerator: 1, priorDenominator: 10);
        Assert.Equal(1, written);
        Assert.Equal((1 + 1) / (4 + 10.0), store.GetLatest("ctr_100", 9)!.Value, 12);
        Assert.Null(store.GetLatest("ctr_100", 9, before: 100));
    }

    [Fact]
    public void FileStoreSurvivesReopening()
    {
        string path = Path.Combine(Path.GetTempPath(), "mlsd-fs-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            using (var store = new FeatureStore(path))
            {
                store.Write("profile_age", 4, 0, 33);
                store.RecordEvents("views", new long[] { 4, 4 }, [10, 20]);
            }
            using (var reopened = new FeatureStore(path))
            {
                Assert.Equal(33, reopened.GetLatest("profile_age", 4));
                Assert.Equal(2, reopened.WindowSum("views", 4, now: 21, windowSeconds: 100));
                Assert.Equal(["profile_age"], reopened.Features);
                Assert.Equal(["views"], reopened.Counters);
                Assert.Contains("1 batch features, 1 values; 1 counters, 2 events", reopened.ToString());
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" }) if (File.Exists(file)) File.Delete(file);
        }
    }

    [Fact]
    public void BadInputFailsWithClearMessages()
    {
        using var store = new FeatureStore();
        store.Write("ctr", 1, 0, 0.5);
        store.RecordEvent("clicks", 1, 0);
        var length = Assert.Throws<ArgumentException>(() => store.WriteSnapshot("ctr", 1, new long[] { 1, 2 }, [0.1]));
        Assert.Contains("same length (got 2 and 1)", length.Message);
        var kind = Assert.Throws<ArgumentException>(() => store.RecordEvent("ctr", 1, 5));
        Assert.Contains("'ctr' is a batch feature, not a counter", kind.Message);
        var parallel = Assert.Throws<ArgumentException>(() => store.Join(new long[] { 1, 2 }, [FeatureLookup.Latest("ctr", new long[] { 1 })]));
        Assert.Contains("parallel", parallel.Message);
        var duplicate = Assert.Throws<ArgumentException>(() =>
            store.Join(new long[] { 1 }, [FeatureLookup.Latest("ctr", new long[] { 1 }), FeatureLookup.Latest("ctr", new long[] { 1 })]));
        Assert.Contains("distinct column name", duplicate.Message);
        Assert.Throws<ArgumentException>(() => store.Write("ctr", 1, 0, double.NaN));
        var missing = Assert.Throws<ArgumentException>(() => store.Join(new long[] { 1 }, [FeatureLookup.Latest("ctr", new long[] { 1 })]).Column("nope"));
        Assert.Contains("No column 'nope'", missing.Message);
        store.Dispose();
        Assert.Throws<ObjectDisposedException>(() => store.GetLatest("ctr", 1));
    }
}
