using System.Globalization;

namespace Mlsd.Data.Worlds;

/// <summary>How big a <see cref="VideoSearchWorld"/> to generate. The defaults train the notebook's encoder in well under a second.</summary>
public sealed record VideoSearchWorldOptions
{
    /// <summary>Videos in the catalogue: the first this many Tate artworks (default all 4,284).</summary>
    public int Videos { get; init; } = 4_284;

    /// <summary>Users who search (default 3,000).</summary>
    public int Users { get; init; } = 3_000;

    /// <summary>Annotated queries logged per day (default 120).</summary>
    public int QueriesPerDay { get; init; } = 120;

    /// <summary>Days of annotated queries, day 0 … Days − 1 (default 14).</summary>
    public int Days { get; init; } = 14;

    /// <summary>Days after the log that <see cref="VideoSearchWorld.Simulate"/> may serve (default 14).</summary>
    public int FutureDays { get; init; } = 14;

    /// <summary>First day on which users start describing content with new words (default 21; after the last day
    /// for none).</summary>
    public int DriftDay { get; init; } = 21;

    /// <summary>Share of content words replaced by their new word from <see cref="DriftDay"/> on (default 0.7).</summary>
    public double DriftShare { get; init; } = 0.7;

    /// <summary>Length of the content embedding that stands in for the video's frames (default 16).</summary>
    public int ContentDimension { get; init; } = 16;

    internal void Validate()
    {
        WorldChecks.Option(Videos >= 100, Videos, nameof(Videos), "at least 100");
        WorldChecks.Option(Users >= 10, Users, nameof(Users), "at least 10");
        WorldChecks.Option(QueriesPerDay >= 1 && QueriesPerDay <= 100_000, QueriesPerDay, nameof(QueriesPerDay), "in [1, 100000]");
        WorldChecks.Option(Days >= 1 && Days <= 365, Days, nameof(Days), "between 1 and 365");
        WorldChecks.Option(FutureDays >= 0 && FutureDays <= 365, FutureDays, nameof(FutureDays), "between 0 and 365");
        WorldChecks.Option(DriftDay >= 1, DriftDay, nameof(DriftDay), "at least 1");
        WorldChecks.Option(DriftShare >= 0 && DriftShare <= 1, DriftShare, nameof(DriftShare), "in [0, 1]");
        WorldChecks.Option(ContentDimension >= 4 && ContentDimension <= 256, ContentDimension, nameof(ContentDimension), "in [4, 256]");
    }
}

/// <summary>A video of the catalogue: its text side is a real Tate artwork's metadata; its content is synthetic.</summary>
/// <param name="VideoId">Row index in <see cref="VideoSearchWorld.Videos"/>.</param>
/// <param name="ArtworkId">Tate's artwork id the text came from.</param>
/// <param name="Title">Title (Tate's).</param>
/// <param name="Artist">Artist, "Surname, Forenames" (Tate's).</param>
/// <param name="Medium">Medium (Tate's), e.g. "Video, monitor or projection, colour and sound (stereo)".</param>
/// <param name="Year">Year (Tate's acquisition-era date, 1990–2012).</param>
public sealed record SearchVideo(int VideoId, int ArtworkId, string Title, string Artist, string Medium, int Year)
{
    /// <summary>"Video 7: "Michael" by Auerbach, Frank (Etching on paper, 1990)".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"Video {VideoId}: \"{Title}\" by {Artist} ({Medium}, {Year})");
}

/// <summary>One logged search, annotated with the video it was looking for (the book's ⟨query, video⟩ pairs).</summary>
/// <param name="QueryId">Row index in <see cref="VideoSearchWorld.Queries"/> (in day order).</param>
/// <param name="Day">Day it was typed.</param>
/// <param name="UserId">Who searched.</param>
/// <param name="Text">What was typed.</param>
/// <param name="VideoId">The one relevant video (the annotation).</param>
public sealed record SearchQuery(int QueryId, int Day, int UserId, string Text, int VideoId);

/// <summary>What a search policy sees: the query as typed, who typed it and when (never the intended video).</summary>
/// <param name="QueryId">The simulation's own counter.</param>
/// <param name="Day">Day of the search.</param>
/// <param name="UserId">Who searched (for choosing an arm only).</param>
/// <param name="Text">The query text.</param>
public sealed record SearchRequest(int QueryId, int Day, int UserId, string Text);

/// <summary>One simulated search and what the user did with the results.</summary>
/// <param name="QueryId">The simulation's counter, index in <see cref="SearchSimulationResult.Searches"/>.</param>
/// <param name="Day">Day of the search.</param>
/// <param name="UserId">Who searched.</param>
/// <param name="Text">The query text.</param>
/// <param name="Shown">Videos shown (at most <see cref="VideoSearchWorld.Slots"/>).</param>
/// <param name="Clicks">Videos played.</param>
/// <param name="WatchSeconds">Seconds watched over all plays.</param>
/// <param name="WatchedVideoId">The video watched longest, or null when nothing was played — the implicit label a
/// retrain can use.</param>
public sealed record SearchOutcome(int QueryId, int Day, int UserId, string Text, int Shown, int Clicks, double WatchSeconds,
    int? WatchedVideoId);

/// <summary>One user's totals in a simulation: the unit an A/B test randomises.</summary>
/// <param name="UserId">The user.</param>
/// <param name="Searches">Searches made.</param>
/// <param name="Clicks">Videos played.</param>
/// <param name="WatchSeconds">Seconds watched.</param>
public sealed record SearchUserOutcome(int UserId, int Searches, int Clicks, double WatchSeconds);

/// <summary>The result of <see cref="VideoSearchWorld.Simulate"/>: every search, per-user totals and the rates.</summary>
public sealed class SearchSimulationResult
{
    internal SearchSimulationResult(int firstDay, int days, SearchOutcome[] searches, int[] intents, SearchUserOutcome[] users)
    {
        FirstDay = firstDay;
        Days = days;
        Searches = Array.AsReadOnly(searches);
        Intents = intents;
        UserOutcomes = Array.AsReadOnly(users);
    }

    /// <summary>First simulated day.</summary>
    public int FirstDay { get; }

    /// <summary>Number of simulated days.</summary>
    public int Days { get; }

    /// <summary>Every search, in day then arrival order (the log the platform would keep).</summary>
    public IReadOnlyList<SearchOutcome> Searches { get; }

    /// <summary>One row per user with at least one search, ascending id.</summary>
    public IReadOnlyList<SearchUserOutcome> UserOutcomes { get; }

    /// <summary>The intended video of each search: read through <see cref="VideoSearchWorld.GroundTruth.IntendedVideo"/>.</summary>
    internal int[] Intents { get; }

    /// <summary>Seconds watched per search.</summary>
    public double WatchSecondsPerSearch => Searches.Count == 0 ? 0 : Searches.Sum(s => s.WatchSeconds) / Searches.Count;

    /// <summary>Share of searches with at least one play.</summary>
    public double PlayRate => Searches.Count == 0 ? 0 : Searches.Count(s => s.Clicks > 0) / (double)Searches.Count;

    /// <summary>"days 14–20: 840 searches by 740 users, play rate 41.2 %, 95.3 s watched per search".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"days {FirstDay}–{FirstDay + Days - 1}: {Searches.Count:N0} searches by {UserOutcomes.Count:N0} users, play rate {PlayRate:P1}, {WatchSecondsPerSearch:0.0} s watched per search");
}
