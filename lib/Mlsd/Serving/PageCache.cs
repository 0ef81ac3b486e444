namespace Mlsd.Serving;

/// <summary>
/// A fixed recommendation policy: each user's page is computed once, on the first request, and then served
/// unchanged. Simulated A/B tests and monitoring runs call a policy once per session, so a policy whose inputs
/// do not change during the run (a nightly snapshot, a frozen model) would otherwise recompute the same page for
/// every visit — the cache makes that explicit and cheap.
/// </summary>
/// <remarks>
/// The cache is what a production page cache does for a few hours between batch refreshes; it is only correct
/// while the policy's inputs are fixed, so build a new cache when the snapshot changes (a new day, a retrained
/// model). Thread-safe; the first page computed for a user is the one every later request gets.
/// <code>
/// var pages = new PageCache(user =&gt; funnel.Recommend(user, k: 8));
/// var run = world.Simulate(pages.Page, day: 30, seed: 7);   // each user's page computed once
/// </code>
/// </remarks>
public sealed class PageCache
{
    private readonly Func<int, IReadOnlyList<int>> _recommend;
    private readonly Dictionary<int, IReadOnlyList<int>> _pages = [];
    private readonly Lock _gate = new();

    /// <summary>A cache in front of <paramref name="recommend"/> (user id → ranked item ids).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="recommend"/> is null.</exception>
    public PageCache(Func<int, IReadOnlyList<int>> recommend)
    {
        ArgumentNullException.ThrowIfNull(recommend);
        _recommend = recommend;
    }

    /// <summary>Users whose page has been computed.</summary>
    public int Count
    {
        get
        {
            lock (_gate) return _pages.Count;
        }
    }

    /// <summary>The user's page: computed on the first call, the same list afterwards.</summary>
    /// <exception cref="InvalidOperationException">The policy returned null for the user.</exception>
    public IReadOnlyList<int> Page(int user)
    {
        lock (_gate)
        {
            if (_pages.TryGetValue(user, out var page)) return page;
            page = _recommend(user)
                ?? throw new InvalidOperationException($"The policy returned null for user {user}; it must return a list.");
            _pages[user] = page;
            return page;
        }
    }
}
