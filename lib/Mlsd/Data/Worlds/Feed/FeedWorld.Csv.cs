using System.Globalization;

namespace Mlsd.Data.Worlds;

public sealed partial class FeedWorld
{
    /// <summary>
    /// Writes users.csv, friendships.csv, authors.csv, follows.csv, posts.csv and impressions.csv into
    /// <paramref name="directory"/> (created if missing): snake-case headers, invariant culture, '\n' line ends, UTF-8
    /// without BOM, booleans as 0/1, a page's missing user id empty — the same seed gives the same bytes. The ground
    /// truth (tastes, topics, passivity, affinities) is not written: the files hold what the platform logs.
    /// </summary>
    /// <returns>The paths written, in the order above.</returns>
    public IReadOnlyList<string> WriteCsv(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        var ci = CultureInfo.InvariantCulture;
        return
        [
            WorldCsv.Write(directory, "users.csv", ["user_id", "country", "age_group", "account_age_days"], _users,
                (w, u) => w.Field(u.UserId).Field(u.Country).Field(u.AgeGroup).Field(u.AccountAgeDays)),
            WorldCsv.Write(directory, "friendships.csv", ["friendship_id", "user_id", "friend_id"], _friendships,
                (w, f) => w.Field(f.FriendshipId).Field(f.UserId).Field(f.FriendId)),
            WorldCsv.Write(directory, "authors.csv", ["author_id", "kind", "user_id", "main_topic", "followers"], _authors,
                (w, a) => w.Field(a.AuthorId).Field(a.Kind).Field(a.UserId is int u ? u.ToString(ci) : "").Field(a.MainTopic).Field(a.Followers)),
            WorldCsv.Write(directory, "follows.csv", ["user_id", "author_id", "is_friend"], _follows,
                (w, f) => w.Field(f.UserId).Field(f.AuthorId).Field(f.IsFriend)),
            WorldCsv.Write(directory, "posts.csv", ["post_id", "author_id", "day", "hour", "media", "text", "hashtags"], Posts,
                (w, p) => w.Field(p.PostId).Field(p.AuthorId).Field(p.Day).Field(p.Hour).Field(p.Media).Field(p.Text).Field(p.Hashtags)),
            WorldCsv.Write(directory, "impressions.csv",
                ["day", "hour", "user_id", "post_id", "position", "post_age_hours", .. Reactions, "dwell_seconds"], _impressions,
                (w, i) => w.Field(i.Day).Field(i.Hour).Field(i.UserId).Field(i.PostId).Field(i.Position).Field(i.PostAgeHours)
                    .Field(i.Click).Field(i.Like).Field(i.Comment).Field(i.Share).Field(i.FriendRequest).Field(i.Hide).Field(i.Block)
                    .Field(i.DwellSeconds.ToString("0.###", ci))),
        ];
    }
}
