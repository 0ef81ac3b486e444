using Mlsd.Data;
using Mlsd.Data.Worlds;
using Mlsd.Features;

namespace Mlsd.Tests.Data.Worlds;

public sealed class VideoSearchWorldFixture
{
    public static readonly VideoSearchWorldOptions Small = new()
    {
        Videos = 600, Users = 300, QueriesPerDay = 200, Days = 4, FutureDays = 4, DriftDay = 6, DriftShare = 1,
    };

    public VideoSearchWorld World { get; } = VideoSearchWorld.Generate(7, Small);
}

public class VideoSearchWorldTests(VideoSearchWorldFixture fixture) : IClassFixture<VideoSearchWorldFixture>
{
    private readonly VideoSearchWorld _world = fixture.World;
    private static readonly VideoSearchWorldOptions Small = VideoSearchWorldFixture.Small;

    private static string[] Words(string text) => StopWords.Remove(Tokenizer.Tokenize(text));

    [Fact]
    public void CsvIsReproducibleByteForByte() => WorldContract.CsvIsReproducible(
        (seed, dir) => VideoSearchWorld.Generate(seed, Small).WriteCsv(dir), "videos.csv", "queries.csv");

    [Fact]
    public void TablesAreReadOnlyWithDenseIdsAndTheTateText()
    {
        WorldContract.TablesAreReadOnly(_world.Videos, _world.Queries);
        Assert.Equal(Small.Videos, _world.Videos.Count);
        Assert.Equal(Small.Days * Small.QueriesPerDay, _world.Queries.Count);
        Assert.All(_world.Videos, (v, i) => Assert.Equal(i, v.VideoId));
        Assert.All(_world.Queries, (q, i) => Assert.Equal(i, q.QueryId));
        var tate = Datasets.TateText.Load();
        Assert.Equal(tate[5].Title, _world.Videos[5].Title);
        Assert.Equal(tate[5].Id, _world.Videos[5].ArtworkId);
        var result = _world.Simulate(_ => [0, 1], Small.Days, seed: 1);
        WorldContract.TablesAreReadOnly(result.Searches, result.UserOutcomes);
    }

    [Fact]
    public void QueriesFollowTheNoiseModel()
    {
        var contentWords = VideoSearchWorld.TopicWords.Concat(VideoSearchWorld.StyleWords).Concat(VideoSearchWorld.PaletteWords)
            .SelectMany(w => w).ToHashSet();
        foreach (var q in _world.Queries)
        {
            Assert.InRange(q.Day, 0, Small.Days - 1);
            var words = q.Text.Split(' ');
            var video = _world.Videos[q.VideoId];
            string kind = _world.Truth.QueryKind(q.QueryId);
            if (kind == "content")
            {
                // topic, style and palette words in that order, then perhaps a medium word
                Assert.Contains(words[0], VideoSearchWorld.TopicWords.Single(t => t[0] == _world.Truth.Topic(q.VideoId)));
                Assert.Contains(words[1], VideoSearchWorld.StyleWords.Single(t => t[0] == _world.Truth.Style(q.VideoId)));
                Assert.Contains(words[2], VideoSearchWorld.PaletteWords.Single(t => t[0] == _world.Truth.Palette(q.VideoId)));
                if (words.Length == 4) Assert.Contains(words[3], Words(video.Medium));
            }
            else if (kind == "artist")
                Assert.Equal(Tokenizer.Tokenize(video.Artist.Split(',')[0])[^1], words[0]);
            else
            {
                // every word is a title word, one letter short of one (a typo), or one content word at the end
                var title = Words(video.Title);
                for (int i = 0; i < words.Length; i++)
                    Assert.True(title.Contains(words[i]) || title.Any(t => t.Length == words[i].Length + 1
                        && Enumerable.Range(1, t.Length - 2).Any(d => t.Remove(d, 1) == words[i]))
                        || (i == words.Length - 1 && contentWords.Contains(words[i])), $"{q.Text} for \"{video.Title}\"");
            }
        }
        // The mix is about 50 / 30 / 20 (title queries without usable title words become content queries).
        double titleShare = _world.Queries.Average(q => _world.Truth.QueryKind(q.QueryId) == "title" ? 1.0 : 0);
        Assert.InRange(titleShare, 0.35, 0.55);
    }

    [Fact]
    public void NewWordsAppearFromTheDriftDayOnly()
    {
        var fresh = VideoSearchWorld.NewContentWords.ToHashSet();
        var before = _world.Simulate(_ => [], Small.DriftDay - 2, seed: 3, days: 2);
        var after = _world.Simulate(_ => [], Small.DriftDay, seed: 3, days: 2);
        Assert.DoesNotContain(before.Searches.Concat(_world.Queries.Select(q => new SearchOutcome(0, q.Day, 0, q.Text, 0, 0, 0, null))),
            s => s.Text.Split(' ').Any(fresh.Contains));
        // DriftShare = 1: every content word is new; a content query has three.
        Assert.True(after.Searches.Count(s => s.Text.Split(' ').Any(fresh.Contains)) > after.Searches.Count / 2);
    }

    [Fact]
    public void TruthFormulasByHand()
    {
        Assert.Equal(1, VideoSearchWorld.ExaminationProbability(1));
        Assert.Equal(Math.Pow(10, -0.8), VideoSearchWorld.ExaminationProbability(10), 12);   // 0.1584893192
        Assert.Equal(0.9 * 0.2 * Math.Pow(2, -0.8), VideoSearchWorld.GroundTruth.PlayProbability(0.2, 2), 12);
        Assert.Equal(600, VideoSearchWorld.GroundTruth.ExpectedWatchSeconds(1));
        int v = 0;
        Assert.Equal(1, _world.Truth.Relevance(v, v));
        foreach (int other in Enumerable.Range(1, 200))
        {
            double expected = _world.Truth.Topic(other) != _world.Truth.Topic(v) ? 0
                : _world.Truth.Style(other) == _world.Truth.Style(v) ? 0.2 : 0.05;
            Assert.Equal(expected, _world.Truth.Relevance(v, other));
        }
        var e = _world.ContentEmbedding(3);
        Assert.Equal(Small.ContentDimension, e.Length);
        Assert.Equal(1, Math.Sqrt(e.Sum(x => (double)x * x)), 5);
    }

    [Fact]
    public void ContentEmbeddingsCarryTheFacets()
    {
        double Cos(int a, int b) => _world.ContentEmbedding(a).Zip(_world.ContentEmbedding(b), (x, y) => (double)x * y).Sum();
        var pairs = Enumerable.Range(0, 200).SelectMany(a => Enumerable.Range(a + 1, 40).Select(b => (a, b))).ToArray();
        bool Same(int a, int b) => _world.Truth.Topic(a) == _world.Truth.Topic(b) && _world.Truth.Style(a) == _world.Truth.Style(b)
            && _world.Truth.Palette(a) == _world.Truth.Palette(b);
        double same = pairs.Where(p => Same(p.a, p.b)).Average(p => Cos(p.a, p.b));
        double other = pairs.Where(p => _world.Truth.Topic(p.a) != _world.Truth.Topic(p.b)).Average(p => Cos(p.a, p.b));
        Assert.True(same > other + 0.4, $"same facets {same:F2}, other topics {other:F2}");
    }

    [Fact]
    public void SimulatorUsesCommonRandomNumbersAndTheOracleWins()
    {
        var naive = _world.Simulate(_ => Enumerable.Range(0, 10).ToArray(), Small.Days, seed: 5, days: 2);
        var again = _world.Simulate(_ => Enumerable.Range(0, 10).ToArray(), Small.Days, seed: 5, days: 2);
        Assert.Equal(naive.Searches, again.Searches);
        // The oracle reads the intended video of each search from a first run (same seed, same searches).
        var oracle = _world.Simulate(r => [_world.Truth.IntendedVideo(naive, r.QueryId)], Small.Days, seed: 5, days: 2);
        Assert.Equal(naive.Searches.Select(s => (s.Text, s.UserId)), oracle.Searches.Select(s => (s.Text, s.UserId)));
        Assert.True(oracle.WatchSecondsPerSearch > 5 * naive.WatchSecondsPerSearch, $"{oracle} vs {naive}");
        // P(play) of the intended video at slot 1 is 0.9: the oracle's play rate is within 4 standard errors of it.
        double se = Math.Sqrt(0.9 * 0.1 / oracle.Searches.Count);
        Assert.InRange(oracle.PlayRate, 0.9 - 4 * se, 0.9 + 4 * se);
        Assert.Equal(oracle.Searches.Count, oracle.UserOutcomes.Sum(u => u.Searches));
        Assert.Equal(oracle.UserOutcomes.OrderBy(u => u.UserId).Select(u => u.UserId), oracle.UserOutcomes.Select(u => u.UserId));
    }

    [Fact]
    public void BadOptionsDaysIdsAndPoliciesAreNamed()
    {
        Assert.Equal("options.Videos", Assert.Throws<ArgumentOutOfRangeException>(() => VideoSearchWorld.Generate(1, Small with { Videos = 10 })).ParamName);
        Assert.Equal("options.Videos", Assert.Throws<ArgumentOutOfRangeException>(() => VideoSearchWorld.Generate(1, Small with { Videos = 10_000 })).ParamName);
        Assert.Equal("options.DriftShare", Assert.Throws<ArgumentOutOfRangeException>(() => VideoSearchWorld.Generate(1, Small with { DriftShare = 2 })).ParamName);
        Assert.Equal("day", Assert.Throws<ArgumentOutOfRangeException>(() => _world.Simulate(_ => [], _world.TotalDays, seed: 1)).ParamName);
        Assert.Equal("days", Assert.Throws<ArgumentOutOfRangeException>(() => _world.Simulate(_ => [], 6, seed: 1, days: 3)).ParamName);
        Assert.Equal("videoId", Assert.Throws<ArgumentOutOfRangeException>(() => _world.ContentEmbedding(Small.Videos)).ParamName);
        Assert.Equal("queryId", Assert.Throws<ArgumentOutOfRangeException>(() => _world.Truth.QueryKind(-1)).ParamName);
        Assert.Contains("twice", Assert.Throws<InvalidOperationException>(() => _world.Simulate(_ => [1, 1], 4, seed: 1)).Message);
        Assert.Contains("ids must be in", Assert.Throws<InvalidOperationException>(() => _world.Simulate(_ => [Small.Videos], 4, seed: 1)).Message);
        Assert.Contains("null", Assert.Throws<InvalidOperationException>(() => _world.Simulate(_ => null!, 4, seed: 1)).Message);
    }
}
