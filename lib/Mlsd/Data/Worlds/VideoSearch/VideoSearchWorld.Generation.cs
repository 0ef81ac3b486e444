using Mlsd.Features;

namespace Mlsd.Data.Worlds;

public sealed partial class VideoSearchWorld
{
    private const double TitleTopicShare = 0.8;
    private readonly int[] _topic;
    private readonly int[] _style;
    private readonly int[] _palette;
    private readonly float[] _content;
    private readonly string[][] _titleWords;
    private readonly string[][] _mediumWords;
    private readonly string[] _surname;
    private readonly int[] _queryKind;

    private VideoSearchWorld(int seed, VideoSearchWorldOptions options, TateArtwork[] artworks)
    {
        Seed = seed;
        Options = options;
        var sampler = new Sampler(seed);
        var facets = sampler.Fork();
        var content = sampler.Fork();
        var log = sampler.Fork();

        // Stage 1: the catalogue's text side — the first Videos Tate artworks, as they are.
        _videos = CatalogueFrom(artworks, options.Videos);
        (_titleWords, _mediumWords, _surname) = AnalyzeText(_videos);
        // Stage 2: what each video shows — a topic (from a title word when one names it), a style, a palette.
        (_topic, _style, _palette) = DrawFacets(facets, _titleWords);
        // Stage 3: the content embedding around the facets, standing in for what a model sees in the frames.
        _content = DrawContent(content, options.ContentDimension, _topic, _style, _palette);
        // Stage 4: the annotated query log, one intended video per query.
        (_queries, _queryKind) = DrawLog(log.Next(int.MaxValue));

        Videos = Array.AsReadOnly(_videos);
        Queries = Array.AsReadOnly(_queries);
        Truth = new GroundTruth(this);
    }

    private static SearchVideo[] CatalogueFrom(TateArtwork[] artworks, int count) =>
        artworks.Take(count).Select((a, i) => new SearchVideo(i, a.Id, a.Title, a.Artist, a.Medium, a.Year)).ToArray();

    /// <summary>The words a query can take from a video's metadata: title and medium words (stop words, short
    /// words and numbers dropped) and the artist's surname.</summary>
    private static (string[][] Title, string[][] Medium, string[] Surname) AnalyzeText(SearchVideo[] videos)
    {
        static string[] Words(string text) => StopWords.Remove(Tokenizer.Tokenize(text))
            .Where(w => w.Length >= 3 && !w.All(char.IsDigit)).Distinct().ToArray();
        var title = videos.Select(v => Words(v.Title)).ToArray();
        var medium = videos.Select(v => Words(v.Medium)).ToArray();
        var surname = videos.Select(v => Tokenizer.Tokenize(v.Artist.Split(',')[0]) is { Length: > 0 } t ? t[^1] : "unknown")
            .ToArray();
        return (title, medium, surname);
    }

    private static (int[] Topic, int[] Style, int[] Palette) DrawFacets(Sampler s, string[][] titleWords)
    {
        int n = titleWords.Length;
        var topic = new int[n];
        var style = new int[n];
        var palette = new int[n];
        for (int v = 0; v < n; v++)
        {
            int named = -1;
            for (int t = 0; t < TopicWords.Count && named < 0; t++)
                if (TopicWords[t].Any(titleWords[v].Contains)) named = t;
            topic[v] = named >= 0 && s.Bernoulli(TitleTopicShare) ? named : s.Next(TopicWords.Count);
            style[v] = s.Next(StyleWords.Count);
            palette[v] = s.Next(PaletteWords.Count);
        }
        return (topic, style, palette);
    }

    /// <summary>e = normalise(T[topic] + 0.7·S[style] + 0.7·P[palette] + noise), with unit facet directions and noise
    /// of norm about 0.6: videos sharing facets point the same way, and no two are identical.</summary>
    private static float[] DrawContent(Sampler s, int dim, int[] topic, int[] style, int[] palette)
    {
        double[][] Directions(int count) => Enumerable.Range(0, count).Select(_ =>
        {
            var d = Enumerable.Range(0, dim).Select(_ => s.Normal()).ToArray();
            double norm = Math.Sqrt(d.Sum(x => x * x));
            return d.Select(x => x / norm).ToArray();
        }).ToArray();
        var t = Directions(TopicWords.Count);
        var st = Directions(StyleWords.Count);
        var p = Directions(PaletteWords.Count);
        int n = topic.Length;
        var content = new float[n * dim];
        var e = new double[dim];
        double noise = ContentNoise / Math.Sqrt(dim);
        for (int v = 0; v < n; v++)
        {
            for (int d = 0; d < dim; d++)
                e[d] = t[topic[v]][d] + FacetWeight * (st[style[v]][d] + p[palette[v]][d]) + noise * s.Normal();
            double norm = Math.Sqrt(e.Sum(x => x * x));
            for (int d = 0; d < dim; d++) content[v * dim + d] = (float)(e[d] / norm);
        }
        return content;
    }

    private (SearchQuery[] Queries, int[] Kinds) DrawLog(int logSeed)
    {
        var queries = new SearchQuery[Options.Days * Options.QueriesPerDay];
        var kinds = new int[queries.Length];
        int id = 0;
        for (int d = 0; d < Options.Days; d++)
            for (int k = 0; k < Options.QueriesPerDay; k++, id++)
            {
                var rng = new SplitMix64(SplitMix64.Seed(logSeed, d, k), k);
                int user = rng.Below(Options.Users);
                int video = rng.Below(_videos.Length);
                string text = DrawQuery(ref rng, d, video, out kinds[id]);
                queries[id] = new SearchQuery(id, d, user, text, video);
            }
        return (queries, kinds);
    }
}
