using System.Globalization;

namespace Mlsd.Data.Worlds;

/// <summary>
/// Sizes and knobs of a <see cref="HarmfulContentWorld"/>. The defaults give 8,400 logged posts over 28 days — enough
/// positives of the rarest harm class for a test set to separate good models from poor ones, small enough that a
/// notebook trains a dozen models in seconds.
/// </summary>
public sealed record HarmfulContentWorldOptions
{
    /// <summary>Number of authors (ids 0..Authors−1). Activity is long-tailed; bad actors post more (default 2,500).</summary>
    public int Authors { get; init; } = 2_500;

    /// <summary>Days of logged posts (days 0..Days−1) in <see cref="HarmfulContentWorld.Posts"/> (default 28).</summary>
    public int Days { get; init; } = 28;

    /// <summary>Days after the log that <see cref="HarmfulContentWorld.Simulate"/> can serve (default 14).</summary>
    public int FutureDays { get; init; } = 14;

    /// <summary>Posts per logged day (default 300).</summary>
    public int PostsPerDay { get; init; } = 300;

    /// <summary>
    /// The first day of the new harm trend: from this day on a growing share of hate posts swap the known marker words
    /// for new coded words no model has seen, and hate becomes more common (default <see cref="Days"/> + 4, inside the
    /// future days; a value past the last day switches the trend off).
    /// </summary>
    public int? TrendStartDay { get; init; }

    /// <summary>Dimension of each post's image vector (default 16).</summary>
    public int ImageDimensions { get; init; } = 16;

    /// <summary>The trend's first day with the default resolved.</summary>
    internal int ResolvedTrendStart => TrendStartDay ?? Days + 4;

    internal void Validate()
    {
        WorldChecks.Option(Authors >= 20, Authors, nameof(Authors), "at least 20");
        WorldChecks.Option(Days >= 1 && Days <= 120, Days, nameof(Days), "between 1 and 120");
        WorldChecks.Option(FutureDays >= 0 && FutureDays <= 120, FutureDays, nameof(FutureDays), "between 0 and 120");
        WorldChecks.Option(PostsPerDay >= 1 && PostsPerDay <= 5_000, PostsPerDay, nameof(PostsPerDay), "between 1 and 5,000");
        WorldChecks.Option(ResolvedTrendStart >= 1, ResolvedTrendStart, nameof(TrendStartDay), "at least 1 (day 0 has no earlier days to compare with)");
        WorldChecks.Option(ImageDimensions >= 4 && ImageDimensions <= 256, ImageDimensions, nameof(ImageDimensions), "between 4 and 256");
    }
}

/// <summary>An author: what the platform knows about the account (its type — normal user or bad actor — is hidden).</summary>
/// <param name="AuthorId">Dense id 0..Authors−1 (index into <see cref="HarmfulContentWorld.Authors"/>).</param>
/// <param name="Country">One of <see cref="HarmfulContentWorld.Countries"/>.</param>
/// <param name="AccountAgeDays">Age of the account on day 0.</param>
/// <param name="Followers">Followers on day 0.</param>
/// <param name="Verified">Whether the account is verified.</param>
/// <param name="PriorStrikes">Posts of this author removed for a violation before the log started: the author's history.</param>
public sealed record PostAuthor(int AuthorId, string Country, int AccountAgeDays, int Followers, bool Verified, int PriorStrikes);

/// <summary>
/// A post as the platform sees it one hour after upload, when the detector scores it: the text, an image embedding,
/// who wrote it, where, and the first hour's reactions. Whether it is harmful is hidden
/// (<see cref="HarmfulContentWorld.GroundTruth"/>).
/// </summary>
/// <param name="PostId">Logged posts 0..N−1 in time order; simulated posts from 100,000,000 up.</param>
/// <param name="Day">Day of upload.</param>
/// <param name="Hour">Hour of upload, 0–23.</param>
/// <param name="AuthorId">The author.</param>
/// <param name="Surface">Where it was posted, one of <see cref="HarmfulContentWorld.Surfaces"/>.</param>
/// <param name="Text">The text: a real e-mail of the SpamAssassin corpus — its subject, a newline and the first 280
/// characters of its body — with the world's marker words inserted for the generated harm classes.</param>
/// <param name="Image">The image embedding (<see cref="HarmfulContentWorldOptions.ImageDimensions"/> values), or null
/// for a text-only post.</param>
/// <param name="EarlyViews">Views in the first hour.</param>
/// <param name="EarlyLikes">Likes in the first hour.</param>
/// <param name="EarlyComments">Comments in the first hour.</param>
/// <param name="EarlyShares">Shares in the first hour.</param>
/// <param name="EarlyHides">"Hide post" clicks in the first hour.</param>
public sealed record Post(int PostId, int Day, int Hour, int AuthorId, string Surface, string Text,
    IReadOnlyList<float>? Image, int EarlyViews, int EarlyLikes, int EarlyComments, int EarlyShares, int EarlyHides)
{
    /// <summary>Whether the post carries an image.</summary>
    public bool HasImage => Image is not null;

    /// <summary>The hidden side of the post; null for a post built by hand (the ground truth then refuses it).</summary>
    internal HarmfulContentWorld.HiddenPost? Hidden { get; init; }

    /// <summary>"post 17 (day 0, 14h, author 3, feed, image): Re: New Sequences Window…".</summary>
    public override string ToString()
    {
        string firstLine = Text.Split('\n')[0];
        if (firstLine.Length > 60) firstLine = firstLine[..60] + "…";
        return string.Create(CultureInfo.InvariantCulture,
            $"post {PostId} (day {Day}, {Hour}h, author {AuthorId}, {Surface}{(HasImage ? ", image" : "")}): {firstLine}");
    }
}

/// <summary>What the platform does with a post when it scores it.</summary>
public enum ModerationAction
{
    /// <summary>Leave it up; user reports can still bring it to a reviewer.</summary>
    Allow,

    /// <summary>Show it less (a fraction of its views) and put it in the human-review queue.</summary>
    DemoteAndReview,

    /// <summary>Take it down now; the author may appeal.</summary>
    Remove,
}

/// <summary>A policy's decision for one post: the action, and the priority of the post in the review queue
/// (reviewers take the highest first when there are more posts than they can review).</summary>
/// <param name="Action">What to do with the post.</param>
/// <param name="Priority">Queue priority (any finite number; used only with <see cref="ModerationAction.DemoteAndReview"/>).</param>
public readonly record struct ModerationDecision(ModerationAction Action, double Priority = 0);

/// <summary>How a removed post came down.</summary>
public enum RemovalPath
{
    /// <summary>Not removed (or restored after a successful appeal).</summary>
    None,

    /// <summary>Removed by the automatic decision when it was scored.</summary>
    Automatic,

    /// <summary>Removed by a reviewer who took it from the demote-and-review queue.</summary>
    ReviewQueue,

    /// <summary>Removed by a reviewer after a user reported it.</summary>
    UserReport,
}

/// <summary>
/// What happened to one post after it was scored: the life the world drew for it under the policy's decision. Logged
/// posts were served by the old, purely reactive system (every post allowed; reported posts reviewed).
/// </summary>
/// <param name="PostId">The post.</param>
/// <param name="Day">Day of upload.</param>
/// <param name="AuthorId">The author.</param>
/// <param name="Action">The decision taken one hour after upload.</param>
/// <param name="Views">Views over the post's life, the first hour included.</param>
/// <param name="ReportsByReason">User reports, one count per reason in <see cref="HarmfulContentWorld.HarmClasses"/> order.</param>
/// <param name="ReportedBeforeDecision">Whether a user reported it in its first hour, before the decision.</param>
/// <param name="Reviewed">Whether a human reviewer looked at it (from the queue or after a report).</param>
/// <param name="ReviewVerdict">The reviewer's finding — "none" or a harm class — or null when not reviewed.</param>
/// <param name="Removal">How it came down, or <see cref="RemovalPath.None"/>.</param>
/// <param name="Appealed">Whether the author appealed an automatic removal.</param>
/// <param name="AppealUpheld">Whether the appeal succeeded (the post was not harmful and was restored): a valid appeal.</param>
public sealed record PostOutcome(int PostId, int Day, int AuthorId, ModerationAction Action, int Views,
    IReadOnlyList<int> ReportsByReason, bool ReportedBeforeDecision, bool Reviewed, string? ReviewVerdict,
    RemovalPath Removal, bool Appealed, bool AppealUpheld)
{
    /// <summary>Total user reports.</summary>
    public int Reports
    {
        get
        {
            int total = 0;
            foreach (int r in ReportsByReason) total += r;
            return total;
        }
    }

    /// <summary>Whether at least one user reported the post for <paramref name="harmClass"/>: the natural label.</summary>
    public bool ReportedFor(string harmClass) => ReportsByReason[HarmfulContentWorld.HarmIndex(harmClass)] > 0;
}

/// <summary>What one author's posts came to during a simulation (see <see cref="ModerationSimulationResult.AuthorOutcomes"/>).</summary>
/// <param name="AuthorId">The author.</param>
/// <param name="Posts">Posts served.</param>
/// <param name="HarmfulPosts">Posts that were harmful (ground truth).</param>
/// <param name="Views">Views of all their posts.</param>
/// <param name="HarmfulViews">Views of harmful posts: harmful impressions.</param>
/// <param name="Removals">Posts removed automatically.</param>
/// <param name="Appeals">Appeals of automatic removals.</param>
/// <param name="ValidAppeals">Appeals that succeeded (the removed post was not harmful).</param>
/// <param name="HarmfulRemoved">Harmful posts taken down by any path.</param>
/// <param name="HarmfulRemovedProactively">Harmful posts taken down by the system (automatically or from its review
/// queue) before any user report.</param>
/// <param name="Reviews">Posts a reviewer looked at.</param>
public readonly record struct ModerationAuthorOutcome(int AuthorId, int Posts, int HarmfulPosts, double Views, double HarmfulViews,
    int Removals, int Appeals, int ValidAppeals, int HarmfulRemoved, int HarmfulRemovedProactively, int Reviews);

/// <summary>
/// Outcome of serving a moderation policy on simulated days (see <see cref="HarmfulContentWorld.Simulate"/>): the posts,
/// what happened to each, one row per author (the unit an experiment randomises) and the chapter's online metrics.
/// Harm is judged by the ground truth, as an audit of a random sample of views would judge it.
/// </summary>
public sealed class ModerationSimulationResult
{
    internal ModerationSimulationResult(int day, int days, Post[] posts, PostOutcome[] outcomes, ModerationAuthorOutcome[] authors)
    {
        Day = day;
        Days = days;
        Posts = Array.AsReadOnly(posts);
        Outcomes = Array.AsReadOnly(outcomes);
        AuthorOutcomes = Array.AsReadOnly(authors);
        foreach (var a in authors)
        {
            Views += a.Views;
            HarmfulViews += a.HarmfulViews;
            HarmfulPosts += a.HarmfulPosts;
            Removals += a.Removals;
            ValidAppeals += a.ValidAppeals;
            HarmfulRemoved += a.HarmfulRemoved;
            HarmfulRemovedProactively += a.HarmfulRemovedProactively;
            Reviews += a.Reviews;
        }
    }

    /// <summary>First simulated day.</summary>
    public int Day { get; }

    /// <summary>Number of simulated days.</summary>
    public int Days { get; }

    /// <summary>The posts served, in day and upload order.</summary>
    public IReadOnlyList<Post> Posts { get; }

    /// <summary>What happened to each post (same order as <see cref="Posts"/>): retrain on these.</summary>
    public IReadOnlyList<PostOutcome> Outcomes { get; }

    /// <summary>One row per author with at least one post, ascending id.</summary>
    public IReadOnlyList<ModerationAuthorOutcome> AuthorOutcomes { get; }

    /// <summary>All views.</summary>
    public double Views { get; }

    /// <summary>Views of harmful posts: the harmful impressions.</summary>
    public double HarmfulViews { get; }

    /// <summary>Harmful posts served.</summary>
    public int HarmfulPosts { get; }

    /// <summary>Automatic removals.</summary>
    public int Removals { get; }

    /// <summary>Appeals that restored a wrongly removed post.</summary>
    public int ValidAppeals { get; }

    /// <summary>Harmful posts taken down by any path.</summary>
    public int HarmfulRemoved { get; }

    /// <summary>Harmful posts the system took down before any user report.</summary>
    public int HarmfulRemovedProactively { get; }

    /// <summary>Posts reviewed by a human (queue and reports).</summary>
    public int Reviews { get; }

    /// <summary>Prevalence: harmful views / all views — the share of what users saw that was harmful.</summary>
    public double Prevalence => Views == 0 ? 0 : HarmfulViews / Views;

    /// <summary>Valid appeals / automatic removals: how often the system took down something it should not have.</summary>
    public double ValidAppealRate => Removals == 0 ? 0 : (double)ValidAppeals / Removals;

    /// <summary>Proactive rate: harmful posts taken down before any user report / all harmful posts taken down.</summary>
    public double ProactiveRate => HarmfulRemoved == 0 ? 0 : (double)HarmfulRemovedProactively / HarmfulRemoved;

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"days {Day}–{Day + Days - 1}: {Posts.Count:N0} posts ({HarmfulPosts:N0} harmful), {Views:N0} views, prevalence {Prevalence:P2}, " +
        $"{Removals:N0} automatic removals, {ValidAppeals:N0} valid appeals ({ValidAppealRate:P1}), proactive rate {ProactiveRate:P1}, " +
        $"{Reviews:N0} reviews");
}
