using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Mlsd.Serving;

/// <summary>
/// A small feature store on SQLite with the two halves real ones have: <b>batch features</b> (values per
/// entity written as timestamped snapshots by offline jobs — an ad's CTR over the last 7 days, a user's
/// profile) and <b>online features</b> (counters fed by events — a user's impressions in the last hour, an
/// ad's clicks today). Its main job is the <b>point-in-time-correct training join</b> (<see cref="Join"/>):
/// for each labelled event at time t, each feature's value as it was known strictly before t.
/// </summary>
/// <remarks>
/// <para>Time is an integer (seconds in the worlds; round fractional times down). Entities are integer
/// ids. Feature and counter names share one namespace.</para>
/// <para>Storage: batch features live in SQLite, table <c>feature_values(feature_id, entity, ts, value)</c>
/// indexed on (feature, entity, ts); an online read (<see cref="GetLatest(string, long, long?)"/>) is an indexed
/// point query. Counters are the online store: kept in memory per entity as sorted timestamps with running
/// sums, so a window sum is two binary searches (the role Redis plays next to the offline store). A
/// file-backed store also appends every event to an <c>events</c> table and reloads it on open; an in-memory
/// store skips that copy, which makes recording hundreds of thousands of events fast. A join bulk-reads each feature
/// once, sorted by (entity, time), and answers every row with a binary search: O((N + V) log V) for N rows
/// and V stored values — a 100,000-row join takes tens of milliseconds.</para>
/// <para>Thread-safe: one lock guards the connection and the counters (serving threads serialise on it).</para>
/// </remarks>
public sealed class FeatureStore : IDisposable
{
    private const string ValueKind = "value", CounterKind = "counter";

    private readonly SqliteConnection _connection;
    private readonly bool _persistEvents;
    private SqliteCommand? _latestCommand;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (int Id, string Kind)> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<int, Dictionary<long, EventSeries>> _counters = [];
    private long _valueCount, _eventCount;
    private bool _disposed;

    /// <summary>
    /// Opens a store: in memory when <paramref name="path"/> is null (gone when disposed), otherwise the SQLite
    /// file at <paramref name="path"/>, created if missing and reloaded if it exists.
    /// </summary>
    public FeatureStore(string? path = null)
    {
        Path = path;
        _persistEvents = path is not null;
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path ?? ":memory:",
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        };
        _connection = new SqliteConnection(builder.ToString());
        _connection.Open();
        Execute(path is null ? "PRAGMA journal_mode=MEMORY;" : "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
        Execute("""
            CREATE TABLE IF NOT EXISTS names (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, kind TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS feature_values (feature_id INTEGER NOT NULL, entity INTEGER NOT NULL, ts INTEGER NOT NULL, value REAL NOT NULL);
            CREATE INDEX IF NOT EXISTS ix_feature_values ON feature_values (feature_id, entity, ts);
            CREATE TABLE IF NOT EXISTS events (counter_id INTEGER NOT NULL, entity INTEGER NOT NULL, ts INTEGER NOT NULL, amount REAL NOT NULL);
            CREATE INDEX IF NOT EXISTS ix_events ON events (counter_id, entity, ts);
            """);
        Reload();
    }

    /// <summary>The SQLite file, or null for an in-memory store.</summary>
    public string? Path { get; }

    /// <summary>Names of the batch features written so far.</summary>
    public IReadOnlyList<string> Features => NamesOf(ValueKind);

    /// <summary>Names of the counters fed so far.</summary>
    public IReadOnlyList<string> Counters => NamesOf(CounterKind);

    // ---- batch features ---------------------------------------------------------------------------

    /// <summary>Stores one value of batch feature <paramref name="feature"/> for <paramref name="entityId"/>, known from <paramref name="timestamp"/> on.</summary>
    public void Write(string feature, long entityId, long timestamp, double value) =>
        WriteSnapshot(feature, timestamp, [entityId], [value]);

    /// <summary>
    /// Stores a snapshot of batch feature <paramref name="feature"/>: one value per entity, all known from
    /// <paramref name="timestamp"/> on (the time the batch job finished — not the end of the data it read). Older
    /// values stay, so a training join can still see what was current at any earlier time.
    /// </summary>
    public void WriteSnapshot(string feature, long timestamp, IReadOnlyList<long> entityIds, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(entityIds);
        ArgumentNullException.ThrowIfNull(values);
        if (entityIds.Count != values.Count)
            throw new ArgumentException($"entityIds and values must have the same length (got {entityIds.Count} and {values.Count}).", nameof(values));
        for (int i = 0; i < values.Count; i++)
            if (double.IsNaN(values[i])) throw new ArgumentException($"values[{i}] is NaN; store only known values (absence already reads as NaN).", nameof(values));
        lock (_gate)
        {
            ThrowIfDisposed();
            int id = NameId(feature, ValueKind, nameof(feature));
            using var transaction = _connection.BeginTransaction();
            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO feature_values (feature_id, entity, ts, value) VALUES ($f, $e, $t, $v)";
            var f = command.Parameters.Add("$f", SqliteType.Integer);
            var e = command.Parameters.Add("$e", SqliteType.Integer);
            var t = command.Parameters.Add("$t", SqliteType.Integer);
            var v = command.Parameters.Add("$v", SqliteType.Real);
            f.Value = id;
            t.Value = timestamp;
            command.Prepare();
            for (int i = 0; i < entityIds.Count; i++)
            {
                e.Value = entityIds[i];
                v.Value = values[i];
                command.ExecuteNonQuery();
            }
            transaction.Commit();
            _valueCount += entityIds.Count;
        }
    }

    /// <summary>As <see cref="WriteSnapshot(string, long, IReadOnlyList{long}, IReadOnlyList{double})"/>, for int ids.</summary>
    public void WriteSnapshot(string feature, long timestamp, IReadOnlyList<int> entityIds, IReadOnlyList<double> values) =>
        WriteSnapshot(feature, timestamp, FeatureLookup.Widen(entityIds), values);

    /// <summary>
    /// Online read of a batch feature: the latest value for <paramref name="entityId"/> with timestamp strictly
    /// before <paramref name="before"/> (or the newest of all when null); null if none.
    /// </summary>
    public double? GetLatest(string feature, long entityId, long? before = null)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            if (!TryNameId(feature, ValueKind, nameof(feature), out int id)) return null;
            if (_latestCommand is null)
            {
                // Prepared once and reused: a point lookup then costs microseconds (the index does the rest).
                _latestCommand = _connection.CreateCommand();
                _latestCommand.CommandText =
                    "SELECT value FROM feature_values WHERE feature_id = $f AND entity = $e AND ts < $t ORDER BY ts DESC, rowid DESC LIMIT 1";
                _latestCommand.Parameters.Add("$f", SqliteType.Integer);
                _latestCommand.Parameters.Add("$e", SqliteType.Integer);
                _latestCommand.Parameters.Add("$t", SqliteType.Integer);
                _latestCommand.Prepare();
            }
            _latestCommand.Parameters[0].Value = id;
            _latestCommand.Parameters[1].Value = entityId;
            _latestCommand.Parameters[2].Value = before ?? long.MaxValue;
            return _latestCommand.ExecuteScalar() is double value ? value : null;
        }
    }

    /// <summary>Online read of one batch feature for several entities (NaN where none is known).</summary>
    public double[] GetLatest(string feature, IReadOnlyList<long> entityIds, long? before = null)
    {
        ArgumentNullException.ThrowIfNull(entityIds);
        var result = new double[entityIds.Count];
        for (int i = 0; i < result.Length; i++) result[i] = GetLatest(feature, entityIds[i], before) ?? double.NaN;
        return result;
    }

    // ---- online counters --------------------------------------------------------------------------

    /// <summary>Records one event (amount 1 counts it) of counter <paramref name="counter"/> for <paramref name="entityId"/> at <paramref name="timestamp"/>.</summary>
    public void RecordEvent(string counter, long entityId, long timestamp, double amount = 1) =>
        RecordEvents(counter, [entityId], [timestamp], [amount]);

    /// <summary>
    /// Records a batch of events (parallel lists; <paramref name="amounts"/> null means 1 each). Events may
    /// arrive out of time order (late clicks): each entity's series stays sorted.
    /// </summary>
    public void RecordEvents(string counter, IReadOnlyList<long> entityIds, IReadOnlyList<long> timestamps, IReadOnlyList<double>? amounts = null)
    {
        ArgumentNullException.ThrowIfNull(entityIds);
        ArgumentNullException.ThrowIfNull(timestamps);
        if (entityIds.Count != timestamps.Count)
            throw new ArgumentException($"entityIds and timestamps must have the same length (got {entityIds.Count} and {timestamps.Count}).", nameof(timestamps));
        if (amounts is not null && amounts.Count != entityIds.Count)
            throw new ArgumentException($"amounts must have one value per event (got {amounts.Count} for {entityIds.Count} events).", nameof(amounts));
        lock (_gate)
        {
            ThrowIfDisposed();
            int id = NameId(counter, CounterKind, nameof(counter));
            if (!_counters.TryGetValue(id, out var series)) _counters[id] = series = [];
            for (int i = 0; i < entityIds.Count; i++)
            {
                if (!series.TryGetValue(entityIds[i], out var s)) series[entityIds[i]] = s = new EventSeries();
                s.Add(timestamps[i], amounts?[i] ?? 1);
            }
            _eventCount += entityIds.Count;
            if (!_persistEvents) return;
            using var transaction = _connection.BeginTransaction();
            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO events (counter_id, entity, ts, amount) VALUES ($c, $e, $t, $a)";
            var c = command.Parameters.Add("$c", SqliteType.Integer);
            var e = command.Parameters.Add("$e", SqliteType.Integer);
            var t = command.Parameters.Add("$t", SqliteType.Integer);
            var a = command.Parameters.Add("$a", SqliteType.Real);
            c.Value = id;
            command.Prepare();
            for (int i = 0; i < entityIds.Count; i++)
            {
                e.Value = entityIds[i];
                t.Value = timestamps[i];
                a.Value = amounts?[i] ?? 1;
                command.ExecuteNonQuery();
            }
            transaction.Commit();
        }
    }

    /// <summary>As <see cref="RecordEvents(string, IReadOnlyList{long}, IReadOnlyList{long}, IReadOnlyList{double}?)"/>, for int ids.</summary>
    public void RecordEvents(string counter, IReadOnlyList<int> entityIds, IReadOnlyList<long> timestamps, IReadOnlyList<double>? amounts = null) =>
        RecordEvents(counter, FeatureLookup.Widen(entityIds), timestamps, amounts);

    /// <summary>Sum of the counter's events for the entity with <paramref name="fromInclusive"/> ≤ timestamp &lt; <paramref name="toExclusive"/>.</summary>
    public double Sum(string counter, long entityId, long fromInclusive, long toExclusive)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            return TryCounter(counter, out var series) && series.TryGetValue(entityId, out var s) ? s.Sum(fromInclusive, toExclusive) : 0;
        }
    }

    /// <summary>
    /// Sliding-window value at time <paramref name="now"/>: the sum over events with
    /// now − <paramref name="windowSeconds"/> ≤ timestamp &lt; now. The window is half-open so that an event at
    /// exactly <paramref name="now"/> (the request being scored) is not counted in its own features.
    /// </summary>
    public double WindowSum(string counter, long entityId, long now, long windowSeconds)
    {
        if (windowSeconds <= 0) throw new ArgumentOutOfRangeException(nameof(windowSeconds), windowSeconds, "windowSeconds must be positive.");
        return Sum(counter, entityId, now - windowSeconds, now);
    }

    /// <summary>
    /// Calendar-period value at <paramref name="now"/>: the sum over events since the start of now's period
    /// (a multiple of <paramref name="periodSeconds"/>) and before now — e.g. "clicks today so far" with 86,400.
    /// </summary>
    public double PeriodSum(string counter, long entityId, long now, long periodSeconds)
    {
        if (periodSeconds <= 0) throw new ArgumentOutOfRangeException(nameof(periodSeconds), periodSeconds, "periodSeconds must be positive.");
        return Sum(counter, entityId, PeriodStart(now, periodSeconds), now);
    }

    /// <summary>
    /// A batch job over the counters: at <paramref name="timestamp"/>, for every entity with denominator events in
    /// the <paramref name="windowSeconds"/> before it, writes (numerator + priorNumerator) / (denominator +
    /// priorDenominator) as batch feature <paramref name="feature"/> — e.g. an ad's smoothed CTR over the last
    /// 7 days from "ad_clicks" and "ad_impressions". Reads only events before <paramref name="timestamp"/>.
    /// </summary>
    /// <returns>The number of entities written.</returns>
    public int WriteRatioSnapshot(string feature, string numerator, string denominator, long timestamp, long windowSeconds,
        double priorNumerator = 0, double priorDenominator = 0)
    {
        if (windowSeconds <= 0) throw new ArgumentOutOfRangeException(nameof(windowSeconds), windowSeconds, "windowSeconds must be positive.");
        if (priorDenominator < 0) throw new ArgumentOutOfRangeException(nameof(priorDenominator), priorDenominator, "priorDenominator must be non-negative.");
        var ids = new List<long>();
        var values = new List<double>();
        lock (_gate)
        {
            ThrowIfDisposed();
            if (!TryCounter(denominator, out var den)) return 0;
            TryCounter(numerator, out var num);
            foreach (var (entity, series) in den.OrderBy(p => p.Key))
            {
                double d = series.Sum(timestamp - windowSeconds, timestamp);
                if (d <= 0) continue;
                double n = num is not null && num.TryGetValue(entity, out var ns) ? ns.Sum(timestamp - windowSeconds, timestamp) : 0;
                ids.Add(entity);
                values.Add((n + priorNumerator) / (d + priorDenominator));
            }
        }
        if (ids.Count > 0) WriteSnapshot(feature, timestamp, ids, values);
        return ids.Count;
    }

    // ---- training join ----------------------------------------------------------------------------

    /// <summary>
    /// Builds training features for labelled events: row i is event i at time <paramref name="timestamps"/>[i], and
    /// each lookup reads its feature for the row's entity. In <see cref="JoinMode.PointInTime"/> mode (the
    /// default) only values known strictly before the event time are used; <see cref="JoinMode.Leaky"/> shows
    /// what goes wrong without that filter.
    /// </summary>
    public FeatureFrame Join(IReadOnlyList<long> timestamps, IReadOnlyList<FeatureLookup> lookups, JoinMode mode = JoinMode.PointInTime)
    {
        ArgumentNullException.ThrowIfNull(timestamps);
        ArgumentNullException.ThrowIfNull(lookups);
        int n = timestamps.Count;
        var columns = new string[lookups.Count];
        var values = new double[lookups.Count][];
        for (int l = 0; l < lookups.Count; l++)
        {
            var lookup = lookups[l] ?? throw new ArgumentException($"lookups[{l}] is null.", nameof(lookups));
            if (lookup.EntityIds.Count != n)
                throw new ArgumentException(
                    $"lookup '{lookup.Column}' has {lookup.EntityIds.Count} entity ids but there are {n} timestamps; they must be parallel.", nameof(lookups));
            if (Array.IndexOf(columns, lookup.Column, 0, l) >= 0)
                throw new ArgumentException($"Two lookups are named '{lookup.Column}'; give each a distinct column name.", nameof(lookups));
            columns[l] = lookup.Column;
            values[l] = lookup.Kind == FeatureLookupKind.Latest ? JoinLatest(timestamps, lookup, mode) : JoinCounter(timestamps, lookup, mode);
        }
        return new FeatureFrame(columns, values, n);
    }

    private double[] JoinLatest(IReadOnlyList<long> timestamps, FeatureLookup lookup, JoinMode mode)
    {
        var result = new double[timestamps.Count];
        Array.Fill(result, double.NaN);
        long[] entities, times;
        double[] stored;
        lock (_gate)
        {
            ThrowIfDisposed();
            if (!TryNameId(lookup.Feature, ValueKind, "lookups", out int id)) return result;
            // One sorted bulk read; rowid breaks ties so the later write of the same (entity, ts) wins.
            using var count = _connection.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM feature_values WHERE feature_id = $f";
            count.Parameters.AddWithValue("$f", id);
            int total = Convert.ToInt32(count.ExecuteScalar(), CultureInfo.InvariantCulture);
            entities = new long[total];
            times = new long[total];
            stored = new double[total];
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT entity, ts, value FROM feature_values WHERE feature_id = $f ORDER BY entity, ts, rowid";
            command.Parameters.AddWithValue("$f", id);
            using var reader = command.ExecuteReader();
            int k = 0;
            while (reader.Read() && k < total)
            {
                entities[k] = reader.GetInt64(0);
                times[k] = reader.GetInt64(1);
                stored[k] = reader.GetDouble(2);
                k++;
            }
        }
        // Entity → [start, end) range in the sorted arrays.
        var ranges = new Dictionary<long, (int Start, int End)>();
        for (int i = 0; i < entities.Length;)
        {
            int j = i + 1;
            while (j < entities.Length && entities[j] == entities[i]) j++;
            ranges[entities[i]] = (i, j);
            i = j;
        }
        var ids = lookup.EntityIds;
        for (int r = 0; r < result.Length; r++)
        {
            if (!ranges.TryGetValue(ids[r], out var range)) continue;
            if (mode == JoinMode.Leaky)
            {
                result[r] = stored[range.End - 1];
                continue;
            }
            // Last index in the range with time < t: lower bound of t, minus one.
            int index = LowerBound(times, range.Start, range.End, timestamps[r]) - 1;
            if (index >= range.Start) result[r] = stored[index];
        }
        return result;
    }

    private double[] JoinCounter(IReadOnlyList<long> timestamps, FeatureLookup lookup, JoinMode mode)
    {
        var result = new double[timestamps.Count];
        lock (_gate)
        {
            ThrowIfDisposed();
            if (!TryCounter(lookup.Feature, out var series, "lookups")) return result;
            var ids = lookup.EntityIds;
            for (int r = 0; r < result.Length; r++)
            {
                if (!series.TryGetValue(ids[r], out var s)) continue;
                long t = timestamps[r];
                long from = lookup.Kind == FeatureLookupKind.WindowSum ? t - lookup.Seconds : PeriodStart(t, lookup.Seconds);
                result[r] = s.Sum(from, mode == JoinMode.Leaky ? long.MaxValue : t);
            }
        }
        return result;
    }

    // ---- housekeeping -----------------------------------------------------------------------------

    /// <summary>Row counts, for display.</summary>
    public override string ToString()
    {
        lock (_gate)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"FeatureStore ({Path ?? "in memory"}): {Features.Count} batch features, {_valueCount:N0} values; {Counters.Count} counters, {_eventCount:N0} events");
        }
    }

    /// <summary>Closes the SQLite connection (an in-memory store is discarded).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _latestCommand?.Dispose();
            _connection.Dispose();
        }
    }

    private void Reload()
    {
        using (var command = _connection.CreateCommand())
        {
            command.CommandText = "SELECT id, name, kind FROM names";
            using var reader = command.ExecuteReader();
            while (reader.Read()) _names[reader.GetString(1)] = (reader.GetInt32(0), reader.GetString(2));
        }
        using (var command = _connection.CreateCommand())
        {
            command.CommandText = "SELECT COUNT(*) FROM feature_values";
            _valueCount = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
        using (var command = _connection.CreateCommand())
        {
            command.CommandText = "SELECT counter_id, entity, ts, amount FROM events ORDER BY counter_id, entity, ts, rowid";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                int id = reader.GetInt32(0);
                long entity = reader.GetInt64(1);
                if (!_counters.TryGetValue(id, out var series)) _counters[id] = series = [];
                if (!series.TryGetValue(entity, out var s)) series[entity] = s = new EventSeries();
                s.Add(reader.GetInt64(2), reader.GetDouble(3));
                _eventCount++;
            }
        }
    }

    private IReadOnlyList<string> NamesOf(string kind)
    {
        lock (_gate)
        {
            return _names.Where(p => p.Value.Kind == kind).OrderBy(p => p.Value.Id).Select(p => p.Key).ToArray();
        }
    }

    /// <summary>Id of <paramref name="name"/> as <paramref name="kind"/>, registering it on first use.</summary>
    private int NameId(string name, string kind, string argument)
    {
        if (TryNameId(name, kind, argument, out int id)) return id;
        using var command = _connection.CreateCommand();
        command.CommandText = "INSERT INTO names (name, kind) VALUES ($n, $k); SELECT last_insert_rowid();";
        command.Parameters.AddWithValue("$n", name);
        command.Parameters.AddWithValue("$k", kind);
        id = Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        _names[name] = (id, kind);
        return id;
    }

    private bool TryNameId(string name, string kind, string argument, out int id)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A feature or counter name must be non-empty.", argument);
        if (_names.TryGetValue(name, out var entry))
        {
            if (entry.Kind != kind)
                throw new ArgumentException(
                    $"'{name}' is a {(entry.Kind == ValueKind ? "batch feature" : "counter")}, not a {(kind == ValueKind ? "batch feature" : "counter")}.", argument);
            id = entry.Id;
            return true;
        }
        id = -1;
        return false;
    }

    private bool TryCounter(string name, out Dictionary<long, EventSeries> series, string argument = "counter")
    {
        if (TryNameId(name, CounterKind, argument, out int id) && _counters.TryGetValue(id, out var found))
        {
            series = found;
            return true;
        }
        series = null!;
        return false;
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    private static long PeriodStart(long t, long period)
    {
        long start = t / period * period;
        return start > t ? start - period : start; // round towards −∞ for negative times
    }

    /// <summary>First index in [start, end) whose value is ≥ <paramref name="value"/> (end if none).</summary>
    private static int LowerBound(long[] sorted, int start, int end, long value) =>
        start + SortedSearch.LowerBound<long>(sorted.AsSpan(start, end - start), value);

    /// <summary>One entity's events of one counter: timestamps kept sorted, with running sums of amounts.</summary>
    private sealed class EventSeries
    {
        private readonly List<long> _times = [];
        private readonly List<double> _cumulative = []; // _cumulative[i] = sum of amounts of events 0..i

        public void Add(long time, double amount)
        {
            int n = _times.Count;
            if (n == 0 || _times[n - 1] <= time)
            {
                _times.Add(time);
                _cumulative.Add((n == 0 ? 0 : _cumulative[n - 1]) + amount);
                return;
            }
            // Late event: insert after any equal timestamps, then shift the running sums after it.
            int at = UpperBound(time);
            _times.Insert(at, time);
            _cumulative.Insert(at, (at == 0 ? 0 : _cumulative[at - 1]) + amount);
            for (int i = at + 1; i < _cumulative.Count; i++) _cumulative[i] += amount;
        }

        /// <summary>Sum of amounts with from ≤ time &lt; to.</summary>
        [MethodImpl(Jit.Hot)]   // the online feature read: binary searches called for every candidate of every request
        public double Sum(long from, long to)
        {
            if (to <= from) return 0;
            int lo = LowerBound(from), hi = LowerBound(to);
            if (hi <= lo) return 0;
            return _cumulative[hi - 1] - (lo == 0 ? 0 : _cumulative[lo - 1]);
        }

        private int LowerBound(long value) => SortedSearch.LowerBound<long>(CollectionsMarshal.AsSpan(_times), value);

        private int UpperBound(long value) => SortedSearch.UpperBound<long>(CollectionsMarshal.AsSpan(_times), value);
    }
}
