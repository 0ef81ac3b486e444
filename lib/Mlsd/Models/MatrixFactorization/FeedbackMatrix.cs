using System.Globalization;

namespace Mlsd.Models;

/// <summary>
/// A sparse user × item feedback matrix (compressed sparse rows): for each user, the items with observed
/// feedback and its value. Everything not stored is "unobserved" — not a zero the user gave, which is why
/// matrix factorisation weights those entries separately.
/// </summary>
/// <example>
/// <code>var r = FeedbackMatrix.FromPairs(users: 3, items: 4, [(0, 1), (0, 3), (2, 0)]);  // 3 observed entries</code>
/// </example>
public sealed class FeedbackMatrix
{
    private readonly int[] _rowStart;
    private readonly int[] _items;
    private readonly float[] _values;

    /// <summary>
    /// Builds the matrix from (user, item, value) entries. Repeated (user, item) entries are summed (as in
    /// counting views), so pass each cell once if you want its value kept as given.
    /// </summary>
    /// <param name="users">Number of rows (users), at least 1.</param>
    /// <param name="items">Number of columns (items), at least 1.</param>
    /// <param name="entries">Observed cells; user in [0, users), item in [0, items), finite value.</param>
    public FeedbackMatrix(int users, int items, IEnumerable<(int User, int Item, float Value)> entries)
        : this(users, items, entries, sumDuplicates: true)
    {
    }

    private FeedbackMatrix(int users, int items, IEnumerable<(int User, int Item, float Value)> entries, bool sumDuplicates)
    {
        if (users < 1) throw new ArgumentOutOfRangeException(nameof(users), users, "users must be at least 1.");
        if (items < 1) throw new ArgumentOutOfRangeException(nameof(items), items, "items must be at least 1.");
        ArgumentNullException.ThrowIfNull(entries);
        UserCount = users;
        ItemCount = items;

        var list = new List<(int User, int Item, float Value)>();
        int index = 0;
        foreach (var e in entries)
        {
            if ((uint)e.User >= (uint)users) throw new ArgumentOutOfRangeException(nameof(entries), e.User, $"entry {index}: user {e.User} is outside [0, {users}).");
            if ((uint)e.Item >= (uint)items) throw new ArgumentOutOfRangeException(nameof(entries), e.Item, $"entry {index}: item {e.Item} is outside [0, {items}).");
            if (!float.IsFinite(e.Value)) throw new ArgumentException($"entry {index}: value must be finite (got {e.Value}).", nameof(entries));
            list.Add(e);
            index++;
        }
        list.Sort((a, b) => a.User != b.User ? a.User.CompareTo(b.User) : a.Item.CompareTo(b.Item));

        _rowStart = new int[users + 1];
        var itemList = new List<int>(list.Count);
        var valueList = new List<float>(list.Count);
        for (int i = 0; i < list.Count; i++)
        {
            var (u, it, v) = list[i];
            if (i > 0 && list[i - 1].User == u && list[i - 1].Item == it)
            {
                if (sumDuplicates) valueList[^1] += v;
                continue;
            }
            itemList.Add(it);
            valueList.Add(v);
            _rowStart[u + 1]++;
        }
        for (int u = 0; u < users; u++) _rowStart[u + 1] += _rowStart[u];
        _items = itemList.ToArray();
        _values = valueList.ToArray();
    }

    /// <summary>
    /// Binary implicit feedback: each (user, item) pair becomes a 1 (pairs repeated any number of times still give 1),
    /// the usual input for "did the user find this item relevant".
    /// </summary>
    public static FeedbackMatrix FromPairs(int users, int items, IEnumerable<(int User, int Item)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        return new FeedbackMatrix(users, items, pairs.Select(p => (p.User, p.Item, 1f)), sumDuplicates: false);
    }

    /// <summary>Number of users (rows).</summary>
    public int UserCount { get; }

    /// <summary>Number of items (columns).</summary>
    public int ItemCount { get; }

    /// <summary>Number of observed cells.</summary>
    public int Count => _items.Length;

    /// <summary>Observed cells / all cells — typically well under 1% in recommendation.</summary>
    public double Density => (double)Count / ((double)UserCount * ItemCount);

    /// <summary>The items user <paramref name="user"/> has feedback on, ascending.</summary>
    public ReadOnlySpan<int> ItemsOf(int user)
    {
        CheckUser(user);
        return _items.AsSpan(_rowStart[user], _rowStart[user + 1] - _rowStart[user]);
    }

    /// <summary>The feedback values of user <paramref name="user"/>, aligned with <see cref="ItemsOf"/>.</summary>
    public ReadOnlySpan<float> ValuesOf(int user)
    {
        CheckUser(user);
        return _values.AsSpan(_rowStart[user], _rowStart[user + 1] - _rowStart[user]);
    }

    /// <summary>Whether (user, item) is observed.</summary>
    public bool Contains(int user, int item) => ItemsOf(user).BinarySearch(item) >= 0;

    /// <summary>The value at (user, item), or 0 when unobserved.</summary>
    public float this[int user, int item]
    {
        get
        {
            int k = ItemsOf(user).BinarySearch(item);
            return k >= 0 ? _values[_rowStart[user] + k] : 0f;
        }
    }

    /// <summary>The item × user matrix (the same cells, read by column).</summary>
    public FeedbackMatrix Transpose()
    {
        var entries = new (int, int, float)[Count];
        int n = 0;
        for (int u = 0; u < UserCount; u++)
            for (int k = _rowStart[u]; k < _rowStart[u + 1]; k++) entries[n++] = (_items[k], u, _values[k]);
        return new FeedbackMatrix(ItemCount, UserCount, entries, sumDuplicates: false);
    }

    /// <summary>"FeedbackMatrix 4000 users × 2500 items, 61,234 observed (0.61%)".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"FeedbackMatrix {UserCount} users × {ItemCount} items, {Count:N0} observed ({Density:P2})");

    private void CheckUser(int user)
    {
        if ((uint)user >= (uint)UserCount) throw new ArgumentOutOfRangeException(nameof(user), user, $"user must be in [0, {UserCount}).");
    }
}
