namespace Mlsd.Data.Worlds;

public sealed partial class SocialWorld
{
    /// <summary>
    /// Writes users.csv, friendships.csv, logins.csv and suggestions.csv into <paramref name="directory"/> (created if
    /// missing): snake-case headers, invariant culture, '\n' line ends, UTF-8 without BOM, booleans as 0/1 — the same
    /// seed gives the same bytes. The ground truth is not written: the files hold only what a real platform would log.
    /// </summary>
    /// <returns>The paths written, in the order above.</returns>
    public IReadOnlyList<string> WriteCsv(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        return
        [
            WorldCsv.Write(directory, "users.csv", ["user_id", "city", "school", "company", "join_day"], _users,
                (w, u) => w.Field(u.UserId).Field(u.City).Field(u.School).Field(u.Company).Field(u.JoinDay)),
            WorldCsv.Write(directory, "friendships.csv", ["friendship_id", "user_id", "friend_id", "day", "source"], _friendships,
                (w, f) => w.Field(f.FriendshipId).Field(f.UserId).Field(f.FriendId).Field(f.Day).Field(f.Source)),
            WorldCsv.Write(directory, "logins.csv", ["day", "user_id"], _logins, (w, l) => w.Field(l.Day).Field(l.UserId)),
            WorldCsv.Write(directory, "suggestions.csv", ["day", "user_id", "candidate_id", "position", "request_sent", "request_accepted"],
                _suggestions, (w, s) => w.Field(s.Day).Field(s.UserId).Field(s.CandidateId).Field(s.Position)
                    .Field(s.RequestSent).Field(s.RequestAccepted)),
        ];
    }
}
