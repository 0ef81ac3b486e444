using System.Globalization;

namespace Mlsd.Data.Worlds;

/// <summary>
/// A synthetic video-search platform (the world of chapter 4, video search) generated from a seed. The catalogue's
/// text side is real: the titles, artists and media of the 4,284 Tate artworks bundled in data/video-search
/// (<see cref="Datasets.TateText"/>), each standing for one uploaded video. What a video <i>shows</i> is synthetic:
/// three hidden facets per video — a topic (sea, city, crowd…), a camera style and a colour palette — and a
/// <see cref="ContentEmbedding"/> drawn around them, which stands in for what a video model would compute from the
/// frames. Users type short queries, each looking for one video.
/// </summary>
/// <remarks>
/// <para><b>Ground truth</b> (<see cref="Truth"/>). Every query has one intended video. The query is drawn from that
/// video's metadata with a stated noise model (<see cref="GroundTruth.QueryKind"/>): a <i>title</i> query keeps one
/// or two title words (each word of five letters or more misspelt with probability 0.1: one inner letter dropped) and adds a content word half the
/// time; a <i>content</i> query names what the video shows (a topic, a style and a palette word, and a medium word
/// 30 % of the time) and no title word at all, so only the content side can find it; an <i>artist</i> query is the artist's surname and a content
/// word. A video whose title holds a topic's word gets that topic with probability 0.8 (else a random one), so
/// titles say a little about content. The relevance of a video to a search (<see cref="GroundTruth.Relevance"/>) is 1 for the intended video,
/// 0.2 for one of the same topic and style, 0.05 for one of the same topic, else 0.</para>
/// <para><b>What changes.</b> From <see cref="VideoSearchWorldOptions.DriftDay"/> on, users describe content with new
/// words (each topic, style and palette has one, <see cref="NewContentWords"/>): each content word of a query is
/// replaced by its new word with probability <see cref="VideoSearchWorldOptions.DriftShare"/>.</para>
/// <para><b>The log.</b> Days 0 … Days − 1 of annotated queries (120 a day by default: 1,680 rows), each with its
/// intended video — the labelled ⟨query, video⟩ pairs of the book. <see cref="Simulate"/> serves any search policy on
/// later days: users look at slot p with probability p^−0.8, play a looked-at video with probability 0.9 ×
/// relevance and watch relevance × (0.5 + U) × 600 seconds of it.</para>
/// <para>Everything is drawn from <see cref="Sampler"/>s derived from the seed: the same seed gives the same tables,
/// byte for byte (<see cref="WriteCsv"/>). The shape every world follows is in Data/Worlds/README.md.</para>
/// </remarks>
/// <example>
/// <code>
/// var world = VideoSearchWorld.Generate(seed: 42);
/// var q = world.Queries[0];                                  // "harbour sea" → video 1234
/// double r = world.Truth.Relevance(q.VideoId, 17);           // simulator-only
/// </code>
/// </example>
public sealed partial class VideoSearchWorld
{
    /// <summary>Hidden topics of what a video shows, each with the words users describe it by (first word = name).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> TopicWords { get; } =
    [
        ["sea", "river", "rain"], ["street", "traffic", "skyline"], ["crowd", "faces", "dancer"],
        ["forest", "trees", "leaves"], ["dog", "horse", "birds"], ["night", "moon", "stars"],
        ["factory", "smoke", "machines"], ["piano", "singing", "drums"], ["football", "running", "swimming"],
        ["kitchen", "bread", "fruit"], ["clouds", "snow", "storm"], ["shapes", "lines", "pattern"],
    ];

    /// <summary>Hidden camera styles, with their words.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> StyleWords { get; } =
        [["slowmo", "slow"], ["timelapse", "fast"], ["aerial", "drone"], ["handheld", "shaky"]];

    /// <summary>Hidden colour palettes, with their words.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> PaletteWords { get; } =
        [["red", "warm"], ["blue", "cold"], ["green", "lush"], ["grey", "monochrome"]];

    /// <summary>The new word for each topic, then each style, then each palette, used from the drift day on.</summary>
    public static IReadOnlyList<string> NewContentWords { get; } =
    [
        "tidewater", "downtown", "influencer", "woodland", "pets", "nocturne", "industrial", "beats", "workout",
        "recipe", "blizzard", "geometric", "bullettime", "hyperlapse", "fpv", "pov", "crimson", "icy", "verdant", "noir",
    ];

    /// <summary>Results a user is shown per search.</summary>
    public const int Slots = 10;

    private readonly SearchVideo[] _videos;
    private readonly SearchQuery[] _queries;

    /// <summary>Generates the world from the bundled Tate titles; well under a second at the default size.</summary>
    /// <param name="seed">Fixes every random draw.</param>
    /// <param name="options">Sizes; null for the defaults.</param>
    public static VideoSearchWorld Generate(int seed = 42, VideoSearchWorldOptions? options = null)
    {
        options ??= new VideoSearchWorldOptions();
        options.Validate();
        var artworks = Datasets.TateText.Load();
        if (options.Videos > artworks.Length)
            throw new ArgumentOutOfRangeException("options.Videos", options.Videos, $"options.Videos must be at most {artworks.Length} (the Tate rows).");
        return new VideoSearchWorld(seed, options, artworks);
    }

    /// <summary>The seed the world was generated from.</summary>
    public int Seed { get; }

    /// <summary>The sizes used.</summary>
    public VideoSearchWorldOptions Options { get; }

    /// <summary>Days of logged queries (0 … Days − 1).</summary>
    public int Days => Options.Days;

    /// <summary>Days the world is defined for: the log, then the future days simulations may serve.</summary>
    public int TotalDays => Options.Days + Options.FutureDays;

    /// <summary>The catalogue, indexed by id.</summary>
    public IReadOnlyList<SearchVideo> Videos { get; }

    /// <summary>The annotated queries of days 0 … Days − 1, in day order.</summary>
    public IReadOnlyList<SearchQuery> Queries { get; }

    /// <summary>The hidden model the log was drawn from: for ceilings and simulations, never as a feature.</summary>
    public GroundTruth Truth { get; }

    /// <summary>P(a user looks at result slot <paramref name="position"/>) = position^−0.8 (1 at the top, ≈0.158 at slot 10).</summary>
    public static double ExaminationProbability(int position)
    {
        WorldChecks.Position(position);
        return Math.Pow(position, -ExaminationDecay);
    }

    /// <summary>The video's content embedding (a unit vector, a copy): what a video model would compute from its
    /// frames. Observable — the platform has it for every uploaded video — unlike the facets it was drawn from.</summary>
    public float[] ContentEmbedding(int videoId)
    {
        CheckVideo(videoId);
        return _content.AsSpan(videoId * Options.ContentDimension, Options.ContentDimension).ToArray();
    }

    /// <summary>"VideoSearchWorld seed 42: 4,284 videos, 1,680 annotated queries over 14 days, drift from day 21".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"VideoSearchWorld seed {Seed}: {_videos.Length:N0} videos, {_queries.Length:N0} annotated queries over {Days} days, drift from day {Options.DriftDay}");

    private void CheckVideo(int videoId) => WorldChecks.Id(videoId, _videos.Length, nameof(videoId));
}
