namespace Mlsd.Data.Worlds;

// The hidden model: every formula of the world lives here, and the log, the simulator and Truth all call it.
public sealed partial class EventWorld
{
    private const double ExaminationDecay = 0.6;
    private const double Offset = 2.5;
    private const double FriendWeight = 0.7, InvitedWeight = 1.2, HostFriendWeight = 0.5;
    private const double BandWeight = 0.5, WeekendWeight = 0.4, TimingWeight = 0.5, HolidayWeight = 2.0;

    /// <summary>The part of the affinity that does not change with the moment of the visit: taste, distance, price,
    /// time-of-day and weekend fit, host friendship, quality, and the holiday shift.</summary>
    private double StaticAffinity(int u, int e)
    {
        var ev = _events[e];
        int category = _eventTraits.Category[e];
        bool holiday = IsHoliday(ev.StartDay);
        double distanceWeight = _userTraits.DistanceSensitivity[u] * (holiday ? 0.3 : 1);
        int band = ev.StartHour < 17 ? 0 : 1;
        int dow = ((ev.StartDay % 7) + 7) % 7;
        double a = _userTraits.Taste[u, category]
            - distanceWeight * Math.Log(1 + Distance(u, e))
            - _userTraits.PriceSensitivity[u] * Math.Log(1 + ev.Price / 10)
            + (band == _userTraits.PreferredBand[u] ? BandWeight : 0)
            + (dow >= 5 && _userTraits.LikesWeekends[u] ? WeekendWeight : 0)
            + (Array.BinarySearch(_friends[u], ev.HostId) >= 0 ? HostFriendWeight : 0)
            + _eventTraits.Quality[e];
        if (holiday && (Categories[category] == "Family" || Categories[category] == "Outdoors")) a += HolidayWeight;
        return a;
    }

    /// <summary>The full affinity at time t: static part, timing (best about two days ahead), friends registered
    /// before t and an invitation received before t.</summary>
    private double Affinity(int u, int e, long t)
    {
        double hoursUntil = Math.Max(1, (_events[e].StartTime - t) / 3_600.0);
        int friends = 0;
        foreach (int f in _friends[u]) if (_registeredAt[e].TryGetValue(f, out long at) && at < t) friends++;
        bool invited = _inviteTime.TryGetValue(Key(e, u), out long it) && it < t;
        return StaticAffinity(u, e) - TimingWeight * Math.Abs(Math.Log(hoursUntil / 48))
            + FriendWeight * Math.Log(1 + friends) + (invited ? InvitedWeight : 0);
    }

    private double Probability(int u, int e, long t) => MathFunctions.Sigmoid(Affinity(u, e, t) - Offset);

    /// <summary>
    /// The world's hidden model, for ceilings and checks only. A model never sees it; a notebook that calls
    /// <c>world.Truth…</c> says "simulator-only" at a glance.
    /// </summary>
    public sealed class GroundTruth
    {
        private readonly EventWorld _w;

        internal GroundTruth(EventWorld world) => _w = world;

        /// <summary>
        /// P(register | the user looks at the event) at <paramref name="timestamp"/> = σ(affinity − 2.5), with friends'
        /// registrations and invitations counted strictly before then (those in the log and the organic ones).
        /// </summary>
        public double RegistrationProbability(int userId, int eventId, long timestamp)
        {
            _w.CheckUser(userId);
            _w.CheckEvent(eventId);
            return _w.Probability(userId, eventId, timestamp);
        }

        /// <summary>P(register) of a logged or simulated impression: examination of its slot × the probability above.</summary>
        public double RegistrationProbability(EventImpression impression) =>
            ExaminationProbability(impression.Position) * RegistrationProbability(impression.UserId, impression.EventId, impression.Timestamp);

        /// <summary>The affinity σ is taken of (before the −2.5 offset): the ideal ranking score.</summary>
        public double Affinity(int userId, int eventId, long timestamp)
        {
            _w.CheckUser(userId);
            _w.CheckEvent(eventId);
            return _w.Affinity(userId, eventId, timestamp);
        }

        /// <summary>The user's hidden taste for a category.</summary>
        public double Taste(int userId, string category)
        {
            _w.CheckUser(userId);
            return _w._userTraits.Taste[userId, IndexOf(Categories, category)];
        }

        /// <summary>The event's hidden quality (what early registrations reveal).</summary>
        public double Quality(int eventId)
        {
            _w.CheckEvent(eventId);
            return _w._eventTraits.Quality[eventId];
        }

        /// <summary>The user's hidden distance sensitivity (the coefficient of ln(1 + km) outside holidays).</summary>
        public double DistanceSensitivity(int userId)
        {
            _w.CheckUser(userId);
            return _w._userTraits.DistanceSensitivity[userId];
        }
    }
}
