using System.Globalization;

namespace Mlsd.Data.Worlds;

public sealed partial class HarmfulContentWorld
{
    /// <summary>
    /// Writes authors.csv, posts.csv and outcomes.csv into <paramref name="directory"/> (created if missing): snake-case
    /// headers, invariant culture, '\n' line ends, UTF-8 without BOM, booleans as 0/1 — the same seed gives the same
    /// bytes. The image is one column of '|'-separated values (empty without image); report counts are one column per
    /// reason. The ground truth (classes, author types) is not written: the files hold what the platform logs.
    /// </summary>
    /// <returns>The paths written, in the order above.</returns>
    public IReadOnlyList<string> WriteCsv(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        var ci = CultureInfo.InvariantCulture;
        string[] reportColumns = HarmClasses.Select(c => "reports_" + c).ToArray();
        return
        [
            WorldCsv.Write(directory, "authors.csv", ["author_id", "country", "account_age_days", "followers", "verified", "prior_strikes"],
                _authors, (w, a) => w.Field(a.AuthorId).Field(a.Country).Field(a.AccountAgeDays).Field(a.Followers).Field(a.Verified)
                    .Field(a.PriorStrikes)),
            WorldCsv.Write(directory, "posts.csv",
                ["post_id", "day", "hour", "author_id", "surface", "text", "image", "early_views", "early_likes", "early_comments",
                 "early_shares", "early_hides"], _posts,
                (w, p) => w.Field(p.PostId).Field(p.Day).Field(p.Hour).Field(p.AuthorId).Field(p.Surface).Field(p.Text)
                    .Field(p.Image is null ? "" : string.Join('|', p.Image.Select(v => v.ToString("0.####", ci))))
                    .Field(p.EarlyViews).Field(p.EarlyLikes).Field(p.EarlyComments).Field(p.EarlyShares).Field(p.EarlyHides)),
            WorldCsv.Write(directory, "outcomes.csv",
                ["post_id", "day", "author_id", "action", "views", .. reportColumns, "reported_before_decision", "reviewed",
                 "review_verdict", "removal", "appealed", "appeal_upheld"], _outcomes,
                (w, o) =>
                {
                    w.Field(o.PostId).Field(o.Day).Field(o.AuthorId).Field(o.Action.ToString()).Field(o.Views);
                    foreach (int r in o.ReportsByReason) w.Field(r);
                    w.Field(o.ReportedBeforeDecision).Field(o.Reviewed).Field(o.ReviewVerdict).Field(o.Removal.ToString())
                        .Field(o.Appealed).Field(o.AppealUpheld);
                }),
        ];
    }
}
