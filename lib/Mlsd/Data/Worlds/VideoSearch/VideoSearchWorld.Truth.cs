namespace Mlsd.Data.Worlds;

// The hidden model: every formula of the world lives here; the log, the simulator and Truth all call it.
public sealed partial class VideoSearchWorld
{
    private const double ExaminationDecay = 0.8;
    private const double PlayGivenRelevance = 0.9;
    private const double WatchScaleSeconds = 600;
    private const double FacetWeight = 0.7;
    private const double ContentNoise = 0.6;
    private const double TitleQueryShare = 0.5, ContentQueryShare = 0.3;
    private const double TypoRate = 0.1;

    /// <summary>The kinds of query the noise model draws (<see cref="GroundTruth.QueryKind"/>).</summary>
    public static IReadOnlyList<string> QueryKinds { get; } = ["title", "content", "artist"];

    /// <summary>1 for the intended video; 0.2 for one of the same topic and style; 0.05 same topic; else 0.</summary>
    private double RelevanceOf(int intended, int video) =>
        video == intended ? 1
        : _topic[video] != _topic[intended] ? 0
        : _style[video] == _style[intended] ? 0.2 : 0.05;

    private static double PlayProbability(double relevance) => PlayGivenRelevance * relevance;

    private static double WatchSeconds(double relevance, double u) => relevance * (0.5 + u) * WatchScaleSeconds;

    /// <summary>The noise model: a query for <paramref name="video"/> typed on <paramref name="day"/>.</summary>
    private string DrawQuery(ref SplitMix64 rng, int day, int video, out int kind)
    {
        double u = rng.Uniform();
        kind = u < TitleQueryShare ? 0 : u < TitleQueryShare + ContentQueryShare ? 1 : 2;
        var title = _titleWords[video];
        if (kind == 0 && title.Length == 0) kind = 1;
        bool drifted = day >= Options.DriftDay;
        var words = new List<string>(4);
        if (kind == 0)
        {
            int n = Math.Min(title.Length, 1 + (rng.Uniform() < 0.5 ? 1 : 0));
            int first = rng.Below(title.Length);
            for (int i = 0; i < n; i++) words.Add(Misspell(title[(first + i) % title.Length], ref rng));
            if (rng.Uniform() < 0.5) words.Add(ContentWord(ref rng, 0, _topic[video], drifted));
        }
        else if (kind == 1)
        {
            words.Add(ContentWord(ref rng, 0, _topic[video], drifted));
            words.Add(ContentWord(ref rng, 1, _style[video], drifted));
            words.Add(ContentWord(ref rng, 2, _palette[video], drifted));
            var medium = _mediumWords[video];
            if (rng.Uniform() < 0.3 && medium.Length > 0) words.Add(medium[rng.Below(medium.Length)]);
        }
        else
        {
            words.Add(_surname[video]);
            words.Add(ContentWord(ref rng, 0, _topic[video], drifted));
        }
        return string.Join(' ', words);
    }

    /// <summary>A word for facet value <paramref name="value"/> of <paramref name="facet"/> (0 topic, 1 style, 2 palette);
    /// after the drift day its new word with probability DriftShare.</summary>
    private string ContentWord(ref SplitMix64 rng, int facet, int value, bool drifted)
    {
        var lists = facet == 0 ? TopicWords : facet == 1 ? StyleWords : PaletteWords;
        string word = lists[value][rng.Below(lists[value].Count)];
        int offset = facet == 0 ? 0 : facet == 1 ? TopicWords.Count : TopicWords.Count + StyleWords.Count;
        double u = rng.Uniform();       // drawn on every day, so a world without drift meets the same searches
        return drifted && u < Options.DriftShare ? NewContentWords[offset + value] : word;
    }

    /// <summary>With probability 0.1 a word of five letters or more loses one inner letter ("harbour" → "harbur").</summary>
    private static string Misspell(string word, ref SplitMix64 rng)
    {
        if (word.Length < 5 || rng.Uniform() >= TypoRate) return word;
        int drop = 1 + rng.Below(word.Length - 2);
        return word.Remove(drop, 1);
    }

    /// <summary>
    /// The world's hidden model, for ceilings and checks only. A model never sees it; a notebook that calls
    /// <c>world.Truth…</c> says "simulator-only" at a glance.
    /// </summary>
    public sealed class GroundTruth
    {
        private readonly VideoSearchWorld _w;

        internal GroundTruth(VideoSearchWorld world) => _w = world;

        /// <summary>Relevance of <paramref name="videoId"/> to a search for <paramref name="intendedVideoId"/>: 1 for the
        /// intended video, 0.2 for one of the same topic and style, 0.05 for one of the same topic, else 0.</summary>
        public double Relevance(int intendedVideoId, int videoId)
        {
            _w.CheckVideo(intendedVideoId);
            _w.CheckVideo(videoId);
            return _w.RelevanceOf(intendedVideoId, videoId);
        }

        /// <summary>P(play) of a video of relevance r in slot p: p^−0.8 × 0.9 r.</summary>
        public static double PlayProbability(double relevance, int position) =>
            ExaminationProbability(position) * VideoSearchWorld.PlayProbability(relevance);

        /// <summary>Expected seconds watched once played: relevance × 600 (uniform noise of ±50 % around it).</summary>
        public static double ExpectedWatchSeconds(double relevance) => WatchSeconds(relevance, 0.5);

        /// <summary>How a logged query was drawn: one of <see cref="QueryKinds"/>.</summary>
        public string QueryKind(int queryId)
        {
            WorldChecks.Id(queryId, _w._queries.Length, nameof(queryId));
            return QueryKinds[_w._queryKind[queryId]];
        }

        /// <summary>The video a simulated search was looking for.</summary>
        public int IntendedVideo(SearchSimulationResult result, int queryId)
        {
            ArgumentNullException.ThrowIfNull(result);
            WorldChecks.Id(queryId, result.Intents.Length, nameof(queryId));
            return result.Intents[queryId];
        }

        /// <summary>The video's hidden topic, named by its first word (one of <see cref="TopicWords"/>).</summary>
        public string Topic(int videoId)
        {
            _w.CheckVideo(videoId);
            return TopicWords[_w._topic[videoId]][0];
        }

        /// <summary>The video's hidden camera style, named by its first word.</summary>
        public string Style(int videoId)
        {
            _w.CheckVideo(videoId);
            return StyleWords[_w._style[videoId]][0];
        }

        /// <summary>The video's hidden palette, named by its first word.</summary>
        public string Palette(int videoId)
        {
            _w.CheckVideo(videoId);
            return PaletteWords[_w._palette[videoId]][0];
        }
    }
}
