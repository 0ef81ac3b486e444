using System.Globalization;
using System.Text;

namespace Mlsd.Data.Worlds;

public sealed partial class VideoWorld
{
    /// <summary>
    /// Serves a recommendation policy to the users on days <paramref name="day"/> … <paramref name="day"/> + <paramref name="days"/> − 1
    /// and draws what they do from the ground truth — an online experiment without real users.
    /// </summary>
    /// <remarks>
    /// <para>Each (user, day) has its own random stream derived from (<paramref name="seed"/>, day, user): whether and how often the
    /// user visits, and the uniforms behind every slot's look/click/watch/like, are the same whichever policy is
    /// served. Comparing two policies with the same seed therefore compares them on identical visitors and luck
    /// (common random numbers), and the result does not depend on the order users are listed in.</para>
    /// <para>Each session calls <paramref name="policy"/> with the user id and shows the first
    /// <see cref="VideoWorldOptions.Slots"/> videos of the ranked list it returns, top first. A shorter list leaves
    /// slots empty. Recommending a video twice in one list, an unknown id, or a video not yet uploaded that day is an error.</para>
    /// </remarks>
    /// <param name="policy">user id → ranked video ids (best first).</param>
    /// <param name="day">First simulated day (usually ≥ <see cref="Days"/>, after the log).</param>
    /// <param name="days">Number of consecutive days, at least 1.</param>
    /// <param name="users">The users in this arm of the experiment (default: every user who has joined by the first day).
    /// Users who have not joined yet on a day do not visit that day.</param>
    /// <param name="seed">Seed of the simulation's randomness.</param>
    public VideoSimulationResult Simulate(Func<int, IReadOnlyList<int>> policy, int day, int days = 1, IReadOnlyList<int>? users = null, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (day < 0) throw new ArgumentOutOfRangeException(nameof(day), day, "day must be non-negative.");
        if (days < 1) throw new ArgumentOutOfRangeException(nameof(days), days, "days must be at least 1.");
        int[] userIds;
        if (users is null)
        {
            userIds = UsersActiveOn(day);
        }
        else
        {
            userIds = users.ToArray();
            for (int i = 0; i < userIds.Length; i++)
                if ((uint)userIds[i] >= (uint)_users.Length)
                    throw new ArgumentOutOfRangeException(nameof(users), userIds[i], $"users[{i}] = {userIds[i]} must be a user id in [0, {_users.Length}).");
            Array.Sort(userIds);
            for (int i = 1; i < userIds.Length; i++)
                if (userIds[i] == userIds[i - 1]) throw new ArgumentException($"users lists user {userIds[i]} twice.", nameof(users));
        }

        var impressions = new List<VideoImpression>();
        var outcomes = new List<VideoUserOutcome>();
        var seen = new HashSet<int>();
        var watchedInSimulation = new HashSet<int>();
        int session = 0;
        int slots = Options.Slots;
        foreach (int u in userIds)
        {
            int sessions = 0, shown = 0, clicks = 0, relevant = 0;
            watchedInSimulation.Clear();
            double watch = 0;
            for (int d = day; d < day + days; d++)
            {
                if (_users[u].JoinDay > d) continue;
                int available = UpperBound(_videoUpload, d);
                var sampler = new Sampler(MixSeed(seed, d, u));
                int count = sampler.Poisson(_activity[u]);
                for (int s = 0; s < count; s++)
                {
                    var ranked = policy(u) ?? throw new InvalidOperationException($"The policy returned null for user {u}.");
                    seen.Clear();
                    for (int p = 0; p < slots; p++)
                    {
                        if (p >= ranked.Count)
                        {
                            for (int skip = 0; skip < 6; skip++) sampler.Uniform();
                            continue;
                        }
                        int v = ranked[p];
                        if ((uint)v >= (uint)_videos.Length)
                            throw new ArgumentException($"The policy recommended video {v} to user {u}, but ids run from 0 to {_videos.Length - 1}.", nameof(policy));
                        if (v >= available)
                            throw new ArgumentException($"The policy recommended video {v} to user {u} on day {d}, but it is only uploaded on day {_videoUpload[v]}.", nameof(policy));
                        if (!seen.Add(v))
                            throw new ArgumentException($"The policy recommended video {v} twice in one list for user {u}.", nameof(policy));
                        bool rewatch = WatchedInLogBefore(u, v, d) || watchedInSimulation.Contains(v);
                        var impression = Engage(sampler, session, d, u, v, p + 1, rewatch);
                        if (impression.Clicked) watchedInSimulation.Add(v);
                        impressions.Add(impression);
                        shown++;
                        if (impression.Clicked) clicks++;
                        if (impression.IsRelevant) relevant++;
                        watch += impression.WatchSeconds;
                    }
                    session++;
                    sessions++;
                }
            }
            if (sessions > 0) outcomes.Add(new VideoUserOutcome(u, sessions, shown, clicks, relevant, watch));
        }
        return new VideoSimulationResult(impressions.ToArray(), outcomes.ToArray());
    }

    /// <summary>
    /// Writes users.csv, videos.csv and impressions.csv into <paramref name="directory"/> (created if missing):
    /// invariant culture, fixed formats, '\n' line ends, UTF-8 without BOM — the same seed gives the same bytes.
    /// </summary>
    /// <returns>The paths written.</returns>
    public IReadOnlyList<string> WriteCsv(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        var paths = new List<string>();
        var ci = CultureInfo.InvariantCulture;

        string usersPath = Path.Combine(directory, "users.csv");
        using (var w = new StreamWriter(usersPath, false, encoding) { NewLine = "\n" })
        {
            w.WriteLine("user_id,age_bucket,country,language,join_day");
            foreach (var u in _users) w.WriteLine(string.Create(ci, $"{u.Id},{u.AgeBucket},{u.Country},{u.Language},{u.JoinDay}"));
        }
        paths.Add(usersPath);

        string videosPath = Path.Combine(directory, "videos.csv");
        using (var w = new StreamWriter(videosPath, false, encoding) { NewLine = "\n" })
        {
            w.WriteLine("video_id,creator_id,category,language,duration_seconds,upload_day,tags");
            foreach (var v in _videos)
                w.WriteLine(string.Create(ci, $"{v.Id},{v.CreatorId},{v.Category},{v.Language},{v.DurationSeconds},{v.UploadDay},{string.Join('|', v.Tags)}"));
        }
        paths.Add(videosPath);

        string impressionsPath = Path.Combine(directory, "impressions.csv");
        using (var w = new StreamWriter(impressionsPath, false, encoding) { NewLine = "\n" })
        {
            w.WriteLine("session_id,day,user_id,video_id,position,clicked,watch_fraction,watch_seconds,liked,disliked");
            foreach (var i in _impressions)
                w.WriteLine(string.Create(ci,
                    $"{i.SessionId},{i.Day},{i.UserId},{i.VideoId},{i.Position},{(i.Clicked ? 1 : 0)},{i.WatchFraction.ToString("0.###", ci)},{i.WatchSeconds},{(i.Liked ? 1 : 0)},{(i.Disliked ? 1 : 0)}"));
        }
        paths.Add(impressionsPath);
        return paths;
    }

    /// <summary>A well-mixed 31-bit seed from (seed, day, user) (SplitMix64 finaliser).</summary>
    private static int MixSeed(int seed, int day, int user)
    {
        ulong x = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL;
        x ^= (ulong)(uint)day * 0xC2B2AE3D27D4EB4FUL + 0x165667B19E3779F9UL;
        x ^= (ulong)(uint)user * 0xD6E8FEB86659FD93UL;
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return (int)(x & 0x7FFFFFFF);
    }
}
