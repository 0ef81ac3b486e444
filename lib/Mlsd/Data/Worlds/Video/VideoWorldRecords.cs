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

    internal void Validate()
    {
        WorldChecks.Option(Users >= 10, Users, nameof(Users), "at least 10");
        WorldChecks.Option(Videos >= 50, Videos, nameof(Videos), "at least 50");
        WorldChecks.Option(Creators >= 1 && Creators <= Videos, Creators, nameof(Creators), "in [1, Videos]");
        WorldChecks.Option(Days >= 1 && Days <= 365, Days, nameof(Days), "between 1 and 365");
        WorldChecks.Option(FutureDays >= 0 && FutureDays <= 365, FutureDays, nameof(FutureDays), "between 0 and 365");
        WorldChecks.Option(Slots >= 1 && Slots <= 40, Slots, nameof(Slots), "in [1, 40]");
        WorldChecks.Option(SessionsPerUserDay > 0 && SessionsPerUserDay <= 10, SessionsPerUserDay, nameof(SessionsPerUserDay), "in (0, 10]");
        WorldChecks.Option(TasteDimensions >= 4, TasteDimensions, nameof(TasteDimensions), "at least 4");
        WorldChecks.Option(NewUserShare >= 0 && NewUserShare < 1, NewUserShare, nameof(NewUserShare), "in [0, 1)");
        WorldChecks.Option(NewVideoShare >= 0 && NewVideoShare < 1, NewVideoShare, nameof(NewVideoShare), "in [0, 1)");
    }
}

/// <summary>A user of the video platform: demographics the platform knows (no taste — that is hidden).</summary>
/// <param name="UserId">Row index in <see cref="VideoWorld.Users"/> (ids are ordered by join day).</param>
/// <param name="AgeBucket">One of <see cref="VideoWorld.AgeBuckets"/>.</param>
/// <param name="Country">One of <see cref="VideoWorld.Countries"/> (ISO code).</param>
/// <param name="Language">Preferred language, one of <see cref="VideoWorld.Languages"/>.</param>
/// <param name="JoinDay">Sign-up day; negative for users who joined before the log starts.</param>
public sealed record VideoUser(int UserId, string AgeBucket, string Country, string Language, int JoinDay);

/// <summary>A video in the catalogue.</summary>
/// <param name="VideoId">Row index in <see cref="VideoWorld.Videos"/> (ids are ordered by upload day).</param>
/// <param name="CreatorId">The uploading creator, in [0, Creators).</param>
/// <param name="Category">One of <see cref="VideoWorld.Categories"/>.</param>
/// <param name="Language">Spoken language, one of <see cref="VideoWorld.Languages"/>.</param>
/// <param name="DurationSeconds">Length in seconds.</param>
/// <param name="UploadDay">Upload day; negative for videos older than the log. A video can be shown from this day on.</param>
/// <param name="Tags">Two to four tags from <see cref="VideoWorld.Tags"/>.</param>
public sealed record Video(int VideoId, int CreatorId, string Category, string Language, int DurationSeconds, int UploadDay, IReadOnlyList<string> Tags)
{
    /// <summary>"Video 17: Cooking, es, 9:45, day −12, tags recipe|vegan".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"Video {VideoId}: {Category}, {Language}, {DurationSeconds / 60}:{DurationSeconds % 60:00}, day {UploadDay}, creator {CreatorId}, tags {string.Join('|', Tags)}");
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
/// The outcome of serving a recommendation policy to simulated users (<see cref="VideoWorld.Simulate"/>): the
/// impressions it produced, per-user totals (the unit of analysis of an A/B test, where users are randomised),
/// and the headline rates.
/// </summary>
public sealed class VideoSimulationResult
{
    internal VideoSimulationResult(int firstDay, int days, VideoImpression[] log, VideoUserOutcome[] userOutcomes)
    {
        FirstDay = firstDay;
        Days = days;
        Log = Array.AsReadOnly(log);
        UserOutcomes = Array.AsReadOnly(userOutcomes);
        foreach (var u in userOutcomes)
        {
            Sessions += u.Sessions;
            Clicks += u.Clicks;
            Relevant += u.Relevant;
            WatchSeconds += u.WatchSeconds;
        }
    }

    /// <summary>The first day served.</summary>
    public int FirstDay { get; }

    /// <summary>The number of consecutive days served.</summary>
    public int Days { get; }

    /// <summary>Every impression the policy produced, in session order — a log to train on, like <see cref="VideoWorld.Impressions"/>.</summary>
    public IReadOnlyList<VideoImpression> Log { get; }

    /// <summary>One row per user who had at least one session, ascending id.</summary>
    public IReadOnlyList<VideoUserOutcome> UserOutcomes { get; }

    /// <summary>Number of homepage sessions.</summary>
    public int Sessions { get; }

    /// <summary>Number of videos shown.</summary>
    public int Impressions => Log.Count;

    /// <summary>Number of clicks.</summary>
    public int Clicks { get; }

    /// <summary>Number of relevant impressions (like, or watched ≥ half).</summary>
    public int Relevant { get; }

    /// <summary>Total seconds watched.</summary>
    public double WatchSeconds { get; }

    /// <summary>Click-through rate: clicks / impressions.</summary>
    public double ClickThroughRate => Impressions == 0 ? 0 : (double)Clicks / Impressions;

    /// <summary>Relevant videos per session (the chapter's objective, per page view).</summary>
    public double RelevantPerSession => Sessions == 0 ? 0 : (double)Relevant / Sessions;

    /// <summary>Watch time per session, in seconds.</summary>
    public double WatchSecondsPerSession => Sessions == 0 ? 0 : WatchSeconds / Sessions;

    /// <summary>"1,234 sessions, 9,872 impressions: CTR 14.2%, 1.23 relevant/session, 312 s watched/session".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Sessions:N0} sessions, {Impressions:N0} impressions: CTR {ClickThroughRate:P1}, {RelevantPerSession:0.00} relevant/session, {WatchSecondsPerSession:0} s watched/session");
}
