using Mlsd.Serving;

namespace Mlsd.Tests.Serving;

/// <summary>A fixed policy computes each user's page once and serves that same page afterwards.</summary>
public sealed class PageCacheTests
{
    [Fact]
    public void ComputesEachUsersPageOnceAndServesItAgain()
    {
        int calls = 0;
        var cache = new PageCache(user => { calls++; return [user, user + 1, calls]; });
        var first = cache.Page(3);
        Assert.Equal([3, 4, 1], first);
        Assert.Same(first, cache.Page(3));      // the second request is the cached list
        Assert.Equal([5, 6, 2], cache.Page(5)); // a new user calls the policy again
        Assert.Equal(2, calls);
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void RejectsAMissingPolicyAndANullPage()
    {
        Assert.Equal("recommend", Assert.Throws<ArgumentNullException>(() => new PageCache(null!)).ParamName);
        var cache = new PageCache(_ => null!);
        Assert.Contains("user 7", Assert.Throws<InvalidOperationException>(() => cache.Page(7)).Message);
        Assert.Equal(0, cache.Count);
    }
}
