using System.Diagnostics;
using System.Globalization;

namespace Mlsd.Serving;

/// <summary>
/// A multi-stage recommender in miniature: several candidate generators (each cheap, each with its own idea of
/// "worth a look") → merge, de-duplicate and filter → score every survivor with one (more expensive) ranker →
/// re-rank the scored list with business rules → a page of k items. Every stage can be timed, so the latency
/// budget can be split stage by stage.
/// </summary>
/// <remarks>
/// <para>Why a funnel: the catalogue is far too large to score every item with the best model inside the latency
/// budget, so cheap generators cut it to a few hundred candidates and only those meet the ranker (Covington et al.,
/// "Deep Neural Networks for YouTube Recommendations", RecSys 2016). Several generators, rather than one, keep
/// the candidate set from inheriting one model's blind spots: an embedding model knows the user's taste, a
/// popularity list knows what everyone watches, a trending list knows what is new.</para>
/// <para>Stages recorded in a <see cref="LatencyRecorder"/>: <c>candidates: {name}</c> per generator,
/// <c>merge + filter</c>, <c>scoring</c>, <c>re-ranking</c> and <c>total</c>.</para>
/// </remarks>
/// <example>
/// <code>
/// var funnel = new RecommendationFunnel { Score = (user, items) =&gt; ranker.Score(user, items) }
///     .AddGenerator("two-tower + ANN", user =&gt; annCandidates(user))
///     .AddGenerator("popular", _ =&gt; popular);
/// int[] page = funnel.Recommend(user: 42, k: 8);
/// </code>
/// </example>
public sealed class RecommendationFunnel
{
    private readonly List<(string Name, Func<int, IReadOnlyList<int>> Generate)> _generators = [];

    /// <summary>The ranker: (user, candidate ids) → one score per candidate, higher is better. Required.</summary>
    public required Func<int, IReadOnlyList<int>, double[]> Score { get; init; }

    /// <summary>
    /// Drops a (user, item) candidate before scoring — already watched, not allowed in the user's region, not yet
    /// uploaded… Null keeps every candidate.
    /// </summary>
    public Func<int, int, bool>? Exclude { get; init; }

    /// <summary>
    /// The re-ranking stage: (user, candidates sorted by descending score, k) → the page. Null takes the k best
    /// scores. Use <see cref="ReRanking"/> for category caps and freshness quotas.
    /// </summary>
    public Func<int, IReadOnlyList<int>, int, IReadOnlyList<int>>? ReRank { get; init; }

    /// <summary>Names of the generators, in the order they run.</summary>
    public IReadOnlyList<string> Generators => _generators.Select(g => g.Name).ToArray();

    /// <summary>Adds a candidate generator: user → candidate item ids (its own order does not matter downstream).</summary>
    /// <param name="name">Unique name, used in latency stages and source counts.</param>
    /// <param name="generate">The generator.</param>
    /// <returns>This funnel, so generators chain.</returns>
    public RecommendationFunnel AddGenerator(string name, Func<int, IReadOnlyList<int>> generate)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(generate);
        if (_generators.Any(g => g.Name == name)) throw new ArgumentException($"A generator named '{name}' was already added.", nameof(name));
        _generators.Add((name, generate));
        return this;
    }

    /// <summary>The page of at most <paramref name="k"/> items for <paramref name="user"/> (see <see cref="Run"/>).</summary>
    public int[] Recommend(int user, int k, LatencyRecorder? latency = null) => Run(user, k, latency).Page;

    /// <summary>
    /// Runs every stage for one request and returns the page with what happened on the way: how many candidates each
    /// generator proposed, how many were duplicates or excluded, the scored list, and which generator each page item
    /// came from.
    /// </summary>
    /// <param name="user">The user id passed to every stage.</param>
    /// <param name="k">Page length, at least 1.</param>
    /// <param name="latency">Where to record stage timings (null: not timed).</param>
    /// <exception cref="InvalidOperationException">No generator was added, or the ranker returned the wrong number of scores.</exception>
    public FunnelResult Run(int user, int k, LatencyRecorder? latency = null)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be at least 1.");
        if (_generators.Count == 0) throw new InvalidOperationException("Add at least one candidate generator before running the funnel.");
        long start = Stopwatch.GetTimestamp();

        var proposed = new IReadOnlyList<int>[_generators.Count];
        for (int g = 0; g < _generators.Count; g++)
        {
            long t = Stopwatch.GetTimestamp();
            proposed[g] = _generators[g].Generate(user) ?? [];
            latency?.Record("candidates: " + _generators[g].Name, Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        }

        long tMerge = Stopwatch.GetTimestamp();
        var candidates = new List<int>();
        var source = new Dictionary<int, int>();   // item → first generator that proposed it
        int duplicates = 0, excluded = 0;
        var generated = new int[_generators.Count];
        for (int g = 0; g < proposed.Length; g++)
        {
            generated[g] = proposed[g].Count;
            foreach (int item in proposed[g])
            {
                if (source.ContainsKey(item)) { duplicates++; continue; }
                source[item] = g;
                if (Exclude is not null && Exclude(user, item)) { excluded++; continue; }
                candidates.Add(item);
            }
        }
        latency?.Record("merge + filter", Stopwatch.GetElapsedTime(tMerge).TotalMilliseconds);

        long tScore = Stopwatch.GetTimestamp();
        var items = candidates.ToArray();
        var scores = items.Length == 0 ? [] : Score(user, items);
        if (scores is null || scores.Length != items.Length)
            throw new InvalidOperationException($"Score returned {scores?.Length ?? 0} scores for {items.Length} candidates; it must return one per candidate.");
        var order = new int[items.Length];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(order, (a, b) => scores[b] != scores[a] ? scores[b].CompareTo(scores[a]) : items[a].CompareTo(items[b]));
        var sortedItems = new int[items.Length];
        var sortedScores = new double[items.Length];
        for (int i = 0; i < order.Length; i++)
        {
            sortedItems[i] = items[order[i]];
            sortedScores[i] = scores[order[i]];
        }
        latency?.Record("scoring", Stopwatch.GetElapsedTime(tScore).TotalMilliseconds);

        long tRerank = Stopwatch.GetTimestamp();
        IReadOnlyList<int> page = ReRank is null ? sortedItems.AsSpan(0, Math.Min(k, sortedItems.Length)).ToArray() : ReRank(user, sortedItems, k);
        var pageArray = page.Take(k).ToArray();
        latency?.Record("re-ranking", Stopwatch.GetElapsedTime(tRerank).TotalMilliseconds);
        latency?.Record("total", Stopwatch.GetElapsedTime(start).TotalMilliseconds);

        var names = Generators;
        var pageSources = pageArray.Select(i => source.TryGetValue(i, out int g) ? names[g] : "re-ranking").ToArray();
        return new FunnelResult(user, names, generated, duplicates, excluded, sortedItems, sortedScores, pageArray, pageSources);
    }
}

/// <summary>What one request through a <see cref="RecommendationFunnel"/> produced.</summary>
/// <param name="User">The user served.</param>
/// <param name="Generators">Generator names, in run order.</param>
/// <param name="Generated">Candidates proposed by each generator (before de-duplication).</param>
/// <param name="Duplicates">Candidates dropped because an earlier generator had already proposed them.</param>
/// <param name="Excluded">Candidates dropped by the exclusion filter.</param>
/// <param name="Ranked">The scored candidates, best first.</param>
/// <param name="Scores">Their scores, aligned with <paramref name="Ranked"/>.</param>
/// <param name="Page">The final page after re-ranking.</param>
/// <param name="PageSources">For each page item, the first generator that proposed it.</param>
public sealed record FunnelResult(int User, IReadOnlyList<string> Generators, IReadOnlyList<int> Generated, int Duplicates, int Excluded,
    IReadOnlyList<int> Ranked, IReadOnlyList<double> Scores, int[] Page, IReadOnlyList<string> PageSources)
{
    /// <summary>Candidates that reached the ranker.</summary>
    public int Scored => Ranked.Count;

    /// <summary>"user 7: 100 + 50 + 30 proposed, 21 duplicates, 12 excluded → 147 scored → page of 8".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"user {User}: {string.Join(" + ", Generated)} proposed, {Duplicates} duplicates, {Excluded} excluded → {Scored} scored → page of {Page.Length}");
}
