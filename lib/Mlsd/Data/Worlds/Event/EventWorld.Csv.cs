namespace Mlsd.Data.Worlds;

public sealed partial class EventWorld
{
    /// <summary>
    /// Writes users.csv, events.csv, friendships.csv, invitations.csv, registrations.csv, visits.csv and
    /// impressions.csv into <paramref name="directory"/> (created if missing), with <see cref="WorldCsv"/>'s format —
    /// the same seed gives the same bytes. The ground truth is not written.
    /// </summary>
    /// <returns>The paths written, in the order above.</returns>
    public IReadOnlyList<string> WriteCsv(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        return
        [
            WorldCsv.Write(directory, "users.csv", ["user_id", "city", "home_x", "home_y", "age_bucket", "interests"], _users,
                (w, u) => w.Field(u.UserId).Field(u.City).Field(u.HomeX).Field(u.HomeY).Field(u.AgeBucket).Field(string.Join('|', u.Interests))),
            WorldCsv.Write(directory, "events.csv",
                ["event_id", "host_id", "city", "x", "y", "category", "price", "capacity", "publish_time", "start_time", "description"], _events,
                (w, e) => w.Field(e.EventId).Field(e.HostId).Field(e.City).Field(e.X).Field(e.Y).Field(e.Category).Field(e.Price)
                    .Field(e.Capacity).Field(e.PublishTime).Field(e.StartTime).Field(e.Description)),
            WorldCsv.Write(directory, "friendships.csv", ["user_id", "friend_id"], _friendships, (w, f) => w.Field(f.UserId).Field(f.FriendId)),
            WorldCsv.Write(directory, "invitations.csv", ["event_id", "user_id", "timestamp"], _invitations,
                (w, i) => w.Field(i.EventId).Field(i.UserId).Field(i.Timestamp)),
            WorldCsv.Write(directory, "registrations.csv", ["event_id", "user_id", "timestamp", "from_feed"], _registrations,
                (w, r) => w.Field(r.EventId).Field(r.UserId).Field(r.Timestamp).Field(r.FromFeed)),
            WorldCsv.Write(directory, "visits.csv", ["visit_id", "day", "timestamp", "user_id"], _visits,
                (w, v) => w.Field(v.VisitId).Field(v.Day).Field(v.Timestamp).Field(v.UserId)),
            WorldCsv.Write(directory, "impressions.csv", ["visit_id", "day", "timestamp", "user_id", "event_id", "position", "registered"],
                _impressions,
                (w, i) => w.Field(i.VisitId).Field(i.Day).Field(i.Timestamp).Field(i.UserId).Field(i.EventId).Field(i.Position).Field(i.Registered)),
        ];
    }
}
