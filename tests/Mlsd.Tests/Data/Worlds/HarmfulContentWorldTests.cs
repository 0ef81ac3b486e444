using System.Globalization;
using Mlsd.Data;
using Mlsd.Data.Worlds;

namespace Mlsd.Tests.Data.Worlds;

/// <summary>A world shared by the tests that only read it (generation loads the corpus, a few hundred ms).</summary>
public sealed class HarmfulContentWorldFixture
{
    public static readonly HarmfulContentWorldOptions Small = new() { Authors = 400, Days = 10, FutureDays = 6, PostsPerDay = 400, TrendStartDay = 12 };

    public HarmfulContentWorld World { get; } = HarmfulContentWorld.Generate(7, Small);
}

public class HarmfulContentWorldTests(HarmfulContentWorldFixture fixture) : IClassFixture<HarmfulContentWorldFixture>
{
    private static readonly HarmfulContentWorldOptions Small = HarmfulContentWorldFixture.Small;
    private readonly HarmfulContentWorld _world = fixture.World;

    private static IReadOnlyList<ModerationDecision> AllowAll(IReadOnlyList<Post> posts) => new ModerationDecision[posts.Count];

    private static IReadOnlyList<ModerationDecision> RemoveAll(IReadOnlyList<Post> posts) =>
        posts.Select(_ => new ModerationDecision(ModerationAction.Remove)).ToArray();

    [Fact]
    public void CsvIsReproducibleByteForByte() => WorldContract.CsvIsReproducible(
        (seed, dir) => HarmfulContentWorld.Generate(seed, Small with { Days = 3, PostsPerDay = 60 }).WriteCsv(dir),
        "authors.csv", "posts.csv", "outcomes.csv");

    [Fact]
    public void TablesAreReadOnly()
    {
        var post = _world.Posts.First(p => p.HasImage);
        WorldContract.TablesAreReadOnly(_world.Authors, _world.Posts, _world.Outcomes, post.Image!, _world.Outcomes[0].ReportsByReason);
        var result = _world.Simulate(AllowAll, Small.Days, seed: 1);
        WorldContract.TablesAreReadOnly(result.Posts, result.Outcomes, result.AuthorOutcomes);
    }

    [Fact]
    public void TablesHaveTheConfiguredSizesAndDenseIds()
    {
        Assert.Equal(Small.Authors, _world.Authors.Count);
        Assert.Equal(Small.Days * Small.PostsPerDay, _world.Posts.Count);
        Assert.Equal(_world.Posts.Count, _world.Outcomes.Count);
        for (int i = 0; i < _world.Posts.Count; i++)
        {
            Assert.Equal(i, _world.Posts[i].PostId);
            Assert.Equal(i, _world.Outcomes[i].PostId);
        }
        Assert.All(_world.Authors.Select((a, i) => (a, i)), t => Assert.Equal(t.i, t.a.AuthorId));
        // Time order: by day, then hour within a day.
        Assert.True(_world.Posts.Zip(_world.Posts.Skip(1)).All(p => (p.First.Day, p.First.Hour).CompareTo((p.Second.Day, p.Second.Hour)) <= 0));
        Assert.Equal(Small.Days + Small.FutureDays, _world.TotalDays);
        Assert.Equal(12, _world.TrendStartDay);
    }

    [Fact]
    public void RowsAreConsistent()
    {
        var corpus = Datasets.SpamAssassin.Load();
        var dayOfSource = new Dictionary<int, int>();
        for (int i = 0; i < _world.Posts.Count; i++)
        {
            var p = _world.Posts[i];
            var o = _world.Outcomes[i];
            var hidden = p.Hidden!;
            Assert.Equal(p.AuthorId, o.AuthorId);
            Assert.Equal(p.Day, o.Day);
            Assert.InRange(p.Hour, 0, 23);
            Assert.Contains(p.Surface, HarmfulContentWorld.Surfaces);
            Assert.Equal(hidden.Class == 1, corpus[hidden.Source].IsSpam);          // spam posts carry spam e-mails, others ham
            Assert.StartsWith(corpus[hidden.Source].Subject, p.Text);
            Assert.Equal(dayOfSource.GetValueOrDefault(hidden.Source, p.Day), p.Day); // an e-mail belongs to one day
            dayOfSource[hidden.Source] = p.Day;
            Assert.True(p.EarlyLikes + p.EarlyComments + p.EarlyShares + p.EarlyHides <= 4 * Math.Max(1, p.EarlyViews) + 10);
            Assert.Equal(ModerationAction.Allow, o.Action);                           // the old system allowed everything
            Assert.True(o.Views >= p.EarlyViews);
            Assert.Equal(HarmfulContentWorld.HarmClasses.Count, o.ReportsByReason.Count);
            if (o.ReportedBeforeDecision) Assert.True(o.Reports >= 1);
            Assert.Equal(o.Reports > 0, o.Reviewed);                                  // reports (only) bring reviewers
            if (o.Reviewed) Assert.Equal(_world.Truth.HarmClass(p), o.ReviewVerdict);
            Assert.Equal(o.Reviewed && hidden.Class != 0 ? RemovalPath.UserReport : RemovalPath.None, o.Removal);
            Assert.False(o.Appealed || o.AppealUpheld);
        }
    }

    [Fact]
    public void MarkerWordsFollowTheClassAndTheTrend()
    {
        var slur = HarmfulContentWorld.MarkerWords("hate").ToHashSet();
        var code = HarmfulContentWorld.TrendWords.ToHashSet();
        int Count(Post p, HashSet<string> words) => p.Text.Split([' ', '\n']).Count(words.Contains);
        double Mean(Func<Post, bool> which, HashSet<string> words) => _world.Posts.Where(which).Average(p => Count(p, words));
        Assert.InRange(Mean(p => _world.Truth.HarmClass(p) == "hate", slur), 1.6, 2.4);      // Poisson(2.0)
        Assert.InRange(Mean(p => !_world.Truth.IsHarmful(p), slur), 0.0, 0.06);              // Poisson(0.03)
        Assert.All(_world.Posts, p => Assert.Equal(0, Count(p, code)));                      // no coded words before the trend
        var later = _world.GeneratePosts(Small.Days + 3, 3_000, seed: 2);                   // trend day 2: 60 % of hate coded
        var hate = later.Where(p => _world.Truth.HarmClass(p) == "hate").ToArray();
        double coded = hate.Average(p => _world.Truth.IsCoded(p) ? 1.0 : 0);
        Assert.InRange(coded, 0.6 - 4 * Math.Sqrt(0.24 / hate.Length), 0.6 + 4 * Math.Sqrt(0.24 / hate.Length));
        Assert.True(hate.Where(_world.Truth.IsCoded).Average(p => Count(p, code)) > 1.5);
        Assert.True(later.Count(p => _world.Truth.HarmClass(p) == "hate") / 3000.0 >
                    _world.Posts.Count(p => _world.Truth.HarmClass(p) == "hate") / (double)_world.Posts.Count, "hate rises with the trend");
    }

    [Fact]
    public void ThePosteriorIsCalibratedToTheLog()
    {
        // The ground truth's posterior is exact under the generator, so within any group of posts the share that is of a
        // class must match the mean posterior — per class overall, and within bins of the posterior.
        var posts = _world.Posts;
        foreach (var k in HarmfulContentWorld.HarmClasses)
        {
            var p = _world.Truth.HarmProbabilities(posts, k);
            var y = _world.Truth.Labels(posts, k);
            AssertWithin(y.Average(), p.Average(), p.Sum(v => v * (1 - v)) / p.Length / p.Length, $"{k} overall");
            foreach (var (lo, hi) in new[] { (0.0, 0.1), (0.1, 0.5), (0.5, 0.9), (0.9, 1.01) })
            {
                var bin = Enumerable.Range(0, p.Length).Where(i => p[i] >= lo && p[i] < hi).ToArray();
                if (bin.Length < 30) continue;
                double variance = bin.Sum(i => p[i] * (1 - p[i])) / bin.Length / bin.Length;
                AssertWithin(bin.Average(i => (double)y[i]), bin.Average(i => p[i]), variance, $"{k} posterior in [{lo}, {hi})");
            }
        }
        // Spam is decided by the text alone: the posterior is exactly 0 or 1.
        Assert.All(_world.Truth.HarmProbabilities(posts, "spam"), v => Assert.True(v is 0 or 1));
    }

    [Fact]
    public void ReportsFollowTheNoiseModel()
    {
        foreach (var trueClass in HarmfulContentWorld.HarmClasses)
        {
            var rows = Enumerable.Range(0, _world.Posts.Count).Where(i => _world.Truth.HarmClass(_world.Posts[i]) == trueClass).ToArray();
            double reports = rows.Sum(i => _world.Outcomes[i].Reports), views = rows.Sum(i => (double)_world.Outcomes[i].Views);
            double rate = HarmfulContentWorld.ReportRatePerView(trueClass);
            // Reports per view: Poisson counts, so the standard error of the total is about √(expected count).
            AssertWithin(reports / views, rate, rate / views, $"reports per view of {trueClass}");
            int k = HarmfulContentWorld.HarmClasses.ToList().IndexOf(trueClass);
            double right = rows.Sum(i => _world.Outcomes[i].ReportsByReason[k]);
            AssertWithin(right / reports, 0.8, 0.16 / reports, $"share of {trueClass} reports naming it");
        }
    }

    [Fact]
    public void FormulasByHand()
    {
        Assert.Equal(["spam", "hate", "violence", "nudity"], HarmfulContentWorld.HarmClasses);
        Assert.Equal(0.020, HarmfulContentWorld.ReportRatePerView("hate"), 12);
        Assert.Equal(0.00015, HarmfulContentWorld.ReportRatePerView("none"), 12);
        Assert.Equal(0.8, HarmfulContentWorld.ReportReasonProbability("violence", "violence"), 12);
        Assert.Equal(0.2 / 3, HarmfulContentWorld.ReportReasonProbability("violence", "spam"), 12);
        Assert.Equal(0.4, HarmfulContentWorld.ReportReasonProbability("none", "hate"), 12);
        Assert.Equal(1.0, HarmfulContentWorld.HarmClasses.Sum(r => HarmfulContentWorld.ReportReasonProbability("nudity", r)), 12);
        Assert.Equal("slur01", HarmfulContentWorld.MarkerWords("hate")[0]);
        Assert.Equal("gore10", HarmfulContentWorld.MarkerWords("violence")[^1]);
        Assert.Equal(8, HarmfulContentWorld.TrendWords.Count);
        double[] share = new[] { 11, 12, 13, 14, 15 }.Select(d => Math.Round(_world.Truth.CodedShare(d), 12)).ToArray();
        Assert.Equal(new[] { 0, 0.3, 0.6, 0.8, 0.8 }, share);
        var post = _world.Posts[5];
        double sum = HarmfulContentWorld.HarmClasses.Sum(k => _world.Truth.HarmProbability(post, k));
        Assert.InRange(sum, 0, 1 + 1e-12);
    }

    [Fact]
    public void SimulationIsSeededAndFairBetweenPolicies()
    {
        int day = Small.Days;
        var a1 = _world.Simulate(AllowAll, day, seed: 5, days: 2);
        var a2 = _world.Simulate(AllowAll, day, seed: 5, days: 2);
        var removed = _world.Simulate(RemoveAll, day, seed: 5, days: 2);
        Assert.Equal(a1.Outcomes.Select(o => (o.PostId, o.Views, o.Reports)), a2.Outcomes.Select(o => (o.PostId, o.Views, o.Reports)));
        Assert.Equal(a1.Posts.Select(p => p.Text), removed.Posts.Select(p => p.Text));    // the same posts, whatever the policy
        Assert.Equal(2 * Small.PostsPerDay, a1.Posts.Count);
        Assert.All(removed.Outcomes.Zip(removed.Posts), t =>
            Assert.True(t.First.AppealUpheld || t.First.Views == t.Second.EarlyViews, "a removed post gets no views after the decision"));
        Assert.True(removed.Prevalence < a1.Prevalence);
        Assert.Equal(removed.Posts.Count, removed.Removals);
        // Removing at the decision is proactive unless a user reported the post in its first hour.
        Assert.Equal(removed.Outcomes.Count(o => o.Removal == RemovalPath.Automatic && !o.ReportedBeforeDecision && removed.Posts.First(p => p.PostId == o.PostId).Hidden!.Class != 0),
            removed.HarmfulRemovedProactively);
        Assert.NotEqual(a1.Views, _world.Simulate(AllowAll, day, seed: 6, days: 2).Views);
    }

    [Fact]
    public void AnOracleBeatsAllowingEverything()
    {
        int day = Small.Days;
        var truth = _world.Truth;
        var oracle = _world.Simulate(posts => posts.Select(p => new ModerationDecision(truth.IsHarmful(p) ? ModerationAction.Remove : ModerationAction.Allow)).ToArray(),
            day, seed: 3, days: 2);
        var allow = _world.Simulate(AllowAll, day, seed: 3, days: 2);
        Assert.Equal(0, oracle.ValidAppeals);                                  // it never removes a benign post
        Assert.True(oracle.Prevalence < 0.5 * allow.Prevalence, $"oracle {oracle} vs allow-all {allow}");
        // Under the oracle, harmful posts are seen only in their first hour (early views), never after.
        Assert.Equal(oracle.Posts.Where(truth.IsHarmful).Sum(p => (double)p.EarlyViews), oracle.HarmfulViews);
        Assert.True(allow.HarmfulRemoved > 0 && allow.HarmfulRemovedProactively == 0, "allowing everything removes only after reports");
    }

    [Fact]
    public void TheReviewQueueHasTheGivenCapacity()
    {
        int day = Small.Days;
        var demote = _world.Simulate(posts => posts.Select((p, i) => new ModerationDecision(ModerationAction.DemoteAndReview, -i)).ToArray(),
            day, seed: 4, days: 2, reviewCapacityPerDay: 25);
        foreach (var d in new[] { day, day + 1 })
        {
            var dayOutcomes = demote.Outcomes.Where(o => o.Day == d).ToArray();
            var queued = dayOutcomes.Take(25).ToArray();                    // priority −i: the first 25 of the day go first
            Assert.All(queued, o => Assert.True(o.Reviewed));
            Assert.Equal(queued.Count(o => o.ReviewVerdict != HarmfulContentWorld.NoHarm), queued.Count(o => o.Removal == RemovalPath.ReviewQueue));
            Assert.DoesNotContain(dayOutcomes.Skip(25), o => o.Removal == RemovalPath.ReviewQueue);
        }
        var none = _world.Simulate(posts => posts.Select(_ => new ModerationDecision(ModerationAction.DemoteAndReview)).ToArray(), day, seed: 4);
        Assert.DoesNotContain(none.Outcomes, o => o.Removal == RemovalPath.ReviewQueue);
    }

    [Fact]
    public void ArmsSplitOnePopulation()
    {
        int day = Small.Days;
        var all = _world.Simulate(AllowAll, day, seed: 8);
        var even = Enumerable.Range(0, Small.Authors).Where(a => a % 2 == 0).ToArray();
        var odd = Enumerable.Range(0, Small.Authors).Where(a => a % 2 == 1).ToArray();
        var a = _world.Simulate(AllowAll, day, seed: 8, authors: even);
        var b = _world.Simulate(AllowAll, day, seed: 8, authors: odd);
        Assert.Equal(all.Posts.Count, a.Posts.Count + b.Posts.Count);
        Assert.Equal(all.Views, a.Views + b.Views);
        Assert.All(a.AuthorOutcomes, o => Assert.Equal(0, o.AuthorId % 2));
        Assert.True(a.AuthorOutcomes.Zip(a.AuthorOutcomes.Skip(1)).All(p => p.First.AuthorId < p.Second.AuthorId));
    }

    [Fact]
    public void BadInputFailsClearly()
    {
        int day = Small.Days;
        var option = Assert.Throws<ArgumentOutOfRangeException>(() => HarmfulContentWorld.Generate(1, Small with { Authors = 5 }));
        Assert.Contains("options.Authors must be at least 20", option.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => HarmfulContentWorld.Generate(1, Small with { PostsPerDay = 0 }));
        var late = Assert.Throws<ArgumentOutOfRangeException>(() => _world.Simulate(AllowAll, _world.TotalDays, seed: 1));
        Assert.Contains("Days + FutureDays", late.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => _world.Simulate(AllowAll, _world.TotalDays - 1, seed: 1, days: 2));
        var count = Assert.Throws<ArgumentException>(() => _world.Simulate(_ => [], day, seed: 1));
        Assert.Contains("one per post", count.Message);
        var nan = Assert.Throws<ArgumentException>(() => _world.Simulate(
            posts => posts.Select(_ => new ModerationDecision(ModerationAction.DemoteAndReview, double.NaN)).ToArray(), day, seed: 1));
        Assert.Contains("finite", nan.Message);
        Assert.Throws<ArgumentException>(() => _world.Simulate(_ => null!, day, seed: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => _world.Simulate(AllowAll, day, seed: 1, authors: [Small.Authors]));
        Assert.Throws<ArgumentException>(() => _world.Simulate(AllowAll, day, seed: 1, authors: [3, 3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => _world.Simulate(AllowAll, day, seed: 1, reviewCapacityPerDay: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => _world.GeneratePosts(day, 0, seed: 1));
        var handMade = _world.Posts[0] with { Hidden = null };
        Assert.Contains("not generated by a world", Assert.Throws<ArgumentException>(() => _world.Truth.HarmClass(handMade)).Message);
        Assert.Contains("harmClass must be one of", Assert.Throws<ArgumentException>(() => _world.Truth.Labels(_world.Posts, "scam")).Message);
        Assert.Throws<ArgumentException>(() => HarmfulContentWorld.MarkerWords("spam"));
        Assert.Throws<ArgumentOutOfRangeException>(() => _world.Truth.AuthorType(Small.Authors));
    }

    [Fact]
    public void CsvRowsMatchTheTables()
    {
        string dir = Path.Combine(Path.GetTempPath(), "mlsd-harmworld-" + Guid.NewGuid().ToString("N"));
        try
        {
            var paths = _world.WriteCsv(dir);
            var outcomes = File.ReadAllLines(paths[2]);
            Assert.Equal("post_id,day,author_id,action,views,reports_spam,reports_hate,reports_violence,reports_nudity," +
                         "reported_before_decision,reviewed,review_verdict,removal,appealed,appeal_upheld", outcomes[0]);
            Assert.Equal(_world.Outcomes.Count + 1, outcomes.Length);
            var o = _world.Outcomes.First(x => x.Reports > 0);
            var row = outcomes[o.PostId + 1].Split(',');
            Assert.Equal(o.Views.ToString(CultureInfo.InvariantCulture), row[4]);
            Assert.Equal(o.ReportsByReason.Select(r => r.ToString(CultureInfo.InvariantCulture)), row[5..9]);
            Assert.Equal(o.ReviewVerdict, row[11]);
            var authors = File.ReadAllLines(paths[0]);
            var a = _world.Authors[3];
            Assert.Equal(string.Create(CultureInfo.InvariantCulture,
                $"3,{a.Country},{a.AccountAgeDays},{a.Followers},{(a.Verified ? 1 : 0)},{a.PriorStrikes}"), authors[4]);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void TheDefaultWorldHasTheAdvertisedSize()
    {
        var world = HarmfulContentWorld.Generate(4);
        Assert.Equal(2_500, world.Authors.Count);
        Assert.Equal(8_400, world.Posts.Count);
        double harmful = world.Posts.Average(p => world.Truth.IsHarmful(p) ? 1.0 : 0);
        Assert.InRange(harmful, 0.15, 0.28);
        Assert.Equal(32, world.TrendStartDay);
        Assert.Equal(27, world.Posts[^1].Day);
    }

    private static void AssertWithin(double actual, double expected, double variance, string what)
    {
        double se = Math.Sqrt(variance);
        Assert.True(Math.Abs(actual - expected) <= 4 * se + 1e-12,
            $"{what}: {actual:G5} is more than 4 standard errors ({se:G3}) from {expected:G5}");
    }
}
