using System.Globalization;

namespace Mlsd.Data.Worlds;

/// <summary>How big a <see cref="VideoWorld"/> to generate. The defaults train WALS and a two-tower model in seconds.</summary>
public sealed record VideoWorldOptions
{
    /// <summary>Number of users, including those who join later (default 3,000).</summary>
    public int Users { get; init; } = 3000;

    /// <summary>Number of videos, including those uploaded later (default 2,000).</summary>
    public int Videos { get; init; } = 2000;

    /// <summary>Number of creators who upload the videos (default 250).</summary>
    public int Creators { get; init; } = 250;

    /// <summary>Days of logged impressions, day 0 … Days − 1 (default 30).</summary>
    public int Days { get; init; } = 30;

    /// <summary>Days after the log during which new users and videos keep arriving — the period simulated A/B tests run in (default 14).</summary>
    public int FutureDays { get; init; } = 14;

    /// <summary>Homepage slots per session (default 8).</summary>
    public int Slots { get; init; } = 8;

    /// <summary>Mean homepage sessions per user per day; individual users vary around it with a long tail (default 0.5).</summary>
    public double SessionsPerUserDay { get; init; } = 0.5;

    /// <summary>Dimension of the hidden taste space (default 16).</summary>
    public int TasteDimensions { get; init; } = 16;

    /// <summary>Share of users who join during the log or after it, i.e. potential cold-start users (default 0.25).</summary>
    public double NewUserShare { get; init; } = 0.25;

    /// <summary>Share of videos uploaded during the log or after it (default 0.3).</summary>
    public double NewVideoShare { get; init; } = 0.3;
}

/// <summary>A user of the video platform: demographics the platform knows (no taste — that is hidden).</summary>
/// <param name="Id">Row index in <see cref="VideoWorld.Users"/> (ids are ordered by join day).</param>
/// <param name="AgeBucket">One of <see cref="VideoWorld.AgeBuckets"/>.</param>
/// <param name="Country">One of <see cref="VideoWorld.Countries"/> (ISO code).</param>
/// <param name="Language">Preferred language, one of <see cref="VideoWorld.Languages"/>.</param>
/// <param name="JoinDay">Sign-up day; negative for users who joined before the log starts.</param>
public sealed record VideoUser(int Id, string AgeBucket, string Country, string Language, int JoinDay);

/// <summary>A video in the catalogue.</summary>
/// <param name="Id">Row index in <see cref="VideoWorld.Videos"/> (ids are ordered by upload day).</param>
/// <param name="CreatorId">The uploading creator, in [0, Creators).</param>
/// <param name="Category">One of <see cref="VideoWorld.Categories"/>.</param>
/// <param name="Language">Spoken language, one of <see cref="VideoWorld.Languages"/>.</param>
/// <param name="DurationSeconds">Length in seconds.</param>
/// <param name="UploadDay">Upload day; negative for videos older than the log. A video can be shown from this day on.</param>
/// <param name="Tags">Two to four tags from <see cref="VideoWorld.Tags"/>.</param>
public sealed record Video(int Id, int CreatorId, string Category, string Language, int DurationSeconds, int UploadDay, IReadOnlyList<string> Tags)
{
    /// <summary>"Video 17: Cooking, es, 9:45, day −12, tags recipe|vegan".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"Video {Id}: {Category}, {Language}, {DurationSeconds / 60}:{DurationSeconds % 60:00}, day {UploadDay}, creator {CreatorId}, tags {string.Join('|', Tags)}");
}

/// <summary>
/// One video shown in one homepage slot, with what the user did: the row of the impression log.
/// </summary>
/// <param name="SessionId">The homepage session (a page view of <see cref="VideoWorldOptions.Slots"/> slots).</param>
/// <param name="Day">Day of the session.</param>
/// <param name="UserId">Viewer.</param>
/// <param name="VideoId">Video shown.</param>
/// <param name="Position">Slot, 1 = top; lower slots are less often even looked at (position bias).</param>
/// <param name="Clicked">Whether the user started the video.</param>
/// <param name="WatchFraction">Share of the video watched (0 when not clicked), rounded to 3 decimals.</param>
/// <param name="WatchSeconds">Seconds watched (rounded).</param>
/// <param name="Liked">Explicit like.</param>
/// <param name="Disliked">Explicit dislike.</param>
public readonly record struct VideoImpression(
    int SessionId, int Day, int UserId, int VideoId, int Position,
    bool Clicked, float WatchFraction, int WatchSeconds, bool Liked, bool Disliked)
{
    /// <summary>
    /// The relevance label the chapter uses: the user liked the video explicitly, or watched at least half of it.
    /// Clicks alone are too noisy (clickbait), likes alone too rare.
    /// </summary>
    public bool IsRelevant => Liked || WatchFraction >= 0.5f;
}

/// <summary>What one user did during a simulated period.</summary>
/// <param name="UserId">The user.</param>
/// <param name="Sessions">Homepage sessions.</param>
/// <param name="Impressions">Videos shown.</param>
/// <param name="Clicks">Videos started.</param>
/// <param name="Relevant">Videos liked or watched at least halfway.</param>
/// <param name="WatchSeconds">Total seconds watched.</param>
public readonly record struct VideoUserOutcome(int UserId, int Sessions, int Impressions, int Clicks, int Relevant, double WatchSeconds);

/// <summary>
/// The outcome of serving a recommendation policy to simulated users: the impression log it produced and
/// per-user totals (the unit of analysis of an A/B test, where users are randomised).
/// </summary>
/// <param name="Impressions">Every impression, in session order.</param>
/// <param name="Users">One row per user who had at least one session, ascending id.</param>
public sealed record VideoSimulationResult(VideoImpression[] Impressions, VideoUserOutcome[] Users)
{
    /// <summary>Number of homepage sessions.</summary>
    public int Sessions { get; } = Users.Sum(u => u.Sessions);

    /// <summary>Number of clicks.</summary>
    public int Clicks { get; } = Users.Sum(u => u.Clicks);

    /// <summary>Number of relevant impressions (like, or watched ≥ half).</summary>
    public int Relevant { get; } = Users.Sum(u => u.Relevant);

    /// <summary>Total seconds watched.</summary>
    public double WatchSeconds { get; } = Users.Sum(u => u.WatchSeconds);

    /// <summary>Click-through rate: clicks / impressions.</summary>
    public double ClickThroughRate => Impressions.Length == 0 ? 0 : (double)Clicks / Impressions.Length;

    /// <summary>Relevant videos per session (the chapter's objective, per page view).</summary>
    public double RelevantPerSession => Sessions == 0 ? 0 : (double)Relevant / Sessions;

    /// <summary>Watch time per session, in seconds.</summary>
    public double WatchSecondsPerSession => Sessions == 0 ? 0 : WatchSeconds / Sessions;

    /// <summary>"1,234 sessions, 9,872 impressions: CTR 14.2%, 1.23 relevant/session, 312 s watched/session".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Sessions:N0} sessions, {Impressions.Length:N0} impressions: CTR {ClickThroughRate:P1}, {RelevantPerSession:0.00} relevant/session, {WatchSecondsPerSession:0} s watched/session");
}
