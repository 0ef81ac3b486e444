using System.Globalization;

namespace Mlsd.Data.Worlds;

public sealed partial class VideoWorld
{
    /// <summary>
    /// Writes users.csv, videos.csv and impressions.csv into <paramref name="directory"/> (created if missing):
    /// snake-case headers, invariant culture, '\n' line ends, UTF-8 without BOM, booleans as 0/1 — the same seed
    /// gives the same bytes. The ground truth is not written: the files hold only what a real platform would log.
    /// </summary>
    /// <returns>The paths written, in the order above.</returns>
    public IReadOnlyList<string> WriteCsv(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        var ci = CultureInfo.InvariantCulture;
        return
        [
            WorldCsv.Write(directory, "users.csv", ["user_id", "age_bucket", "country", "language", "join_day"], _users,
                (w, u) => w.Field(u.UserId).Field(u.AgeBucket).Field(u.Country).Field(u.Language).Field(u.JoinDay)),
            WorldCsv.Write(directory, "videos.csv",
                ["video_id", "creator_id", "category", "language", "duration_seconds", "upload_day", "tags"], _videos,
                (w, v) => w.Field(v.VideoId).Field(v.CreatorId).Field(v.Category).Field(v.Language).Field(v.DurationSeconds)
                    .Field(v.UploadDay).Field(string.Join('|', v.Tags))),
            WorldCsv.Write(directory, "impressions.csv",
                ["session_id", "day", "user_id", "video_id", "position", "clicked", "watch_fraction", "watch_seconds", "liked", "disliked"],
                _impressions,
                (w, i) => w.Field(i.SessionId).Field(i.Day).Field(i.UserId).Field(i.VideoId).Field(i.Position).Field(i.Clicked)
                    .Field(i.WatchFraction.ToString("0.###", ci)).Field(i.WatchSeconds).Field(i.Liked).Field(i.Disliked)),
        ];
    }
}
