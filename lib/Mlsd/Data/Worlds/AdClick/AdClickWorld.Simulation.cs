namespace Mlsd.Data.Worlds;

public sealed partial class AdClickWorld
{
    /// <summary>
    /// Serves <paramref name="requests"/> fresh requests on <paramref name="day"/> with a ranking policy and
    /// draws what users do from the ground truth: the online half of an A/B test.
    /// </summary>
    /// <param name="score">The policy: a score for (request, candidate ad); the top
    /// <see cref="AdClickWorldOptions.SlotsPerRequest"/> candidates by score fill slots 1, 2, … (ties keep
    /// candidate order). To maximise revenue, score by predicted CTR × <see cref="Ad.BidCpc"/>.</param>
    /// <param name="day">Day to serve (0..TotalDays−1); days ≥ <see cref="Days"/> lie after the log.</param>
    /// <param name="seed">Traffic seed. Requests, candidates and every user's random draws depend only on
    /// (world, seed, day), not on the policy: two policies run with the same seed face the same users with the
    /// same coin flips (common random numbers, a paired test with far less noise); different seeds give
    /// independent samples.</param>
    /// <param name="requests">Number of requests (1..1,000,000).</param>
    /// <remarks>Revenue is first-price CPC: each click pays the clicked ad's bid. A click needs the slot to be
    /// examined (position bias), so a policy is rewarded both for choosing good ads and for putting them high.</remarks>
    public AdSimulationResult Simulate(Func<AdRequest, Ad, double> score, int day, int seed, int requests = 5_000)
    {
        ArgumentNullException.ThrowIfNull(score);
        return SimulateCore((request, candidates, scores) =>
        {
            for (int i = 0; i < candidates.Length; i++) scores[i] = score(request, candidates[i]);
        }, day, seed, requests);
    }

    /// <summary>
    /// As <see cref="Simulate(Func{AdRequest, Ad, double}, int, int, int)"/>, with a policy that scores a
    /// request's whole candidate list at once (batch inference: featurise once, one model call per request).
    /// It must return one score per candidate, in candidate order.
    /// </summary>
    public AdSimulationResult Simulate(Func<AdRequest, IReadOnlyList<Ad>, IReadOnlyList<double>> scoreBatch, int day, int seed,
        int requests = 5_000)
    {
        ArgumentNullException.ThrowIfNull(scoreBatch);
        return SimulateCore((request, candidates, scores) =>
        {
            var result = scoreBatch(request, candidates)
                ?? throw new ArgumentException("scoreBatch returned null; it must return one score per candidate.", nameof(scoreBatch));
            if (result.Count != candidates.Length)
                throw new ArgumentException(
                    $"scoreBatch must return one score per candidate (got {result.Count} scores for {candidates.Length} candidates).",
                    nameof(scoreBatch));
            for (int i = 0; i < candidates.Length; i++) scores[i] = result[i];
        }, day, seed, requests);
    }

    /// <summary>
    /// As <see cref="Simulate(Func{AdRequest, Ad, double}, int, int, int)"/>, with a policy that builds the page itself:
    /// it returns the indices (into the candidate list) of the ads to show, slot 1 first. For a pipeline whose last
    /// stage is not a sort by score — re-ranking rules that drop an ad or cap an advertiser may leave a slot empty — so
    /// an A/B test measures exactly the pages that would ship. Outcomes are drawn as in the score overloads (the same
    /// seed gives the same users the same coin flips whatever the policy).
    /// </summary>
    /// <param name="page">Candidate indices to show, at most <see cref="AdClickWorldOptions.SlotsPerRequest"/>,
    /// distinct, each in 0..candidates−1; an empty page shows nothing.</param>
    /// <param name="day">Day to serve, as in the score overloads.</param>
    /// <param name="seed">Traffic seed, as in the score overloads.</param>
    /// <param name="requests">Number of requests (1..1,000,000).</param>
    /// <exception cref="ArgumentException">The page is null, too long, repeats an index or holds one out of range.</exception>
    public AdSimulationResult SimulatePages(Func<AdRequest, IReadOnlyList<Ad>, IReadOnlyList<int>> page, int day, int seed,
        int requests = 5_000)
    {
        ArgumentNullException.ThrowIfNull(page);
        return SimulateCore((request, candidates, order) =>
        {
            var chosen = page(request, candidates)
                ?? throw new ArgumentException("page returned null; it must return the candidate indices to show.", nameof(page));
            if (chosen.Count > Options.SlotsPerRequest)
                throw new ArgumentException(
                    $"page returned {chosen.Count} ads for {Options.SlotsPerRequest} slots (request {request.RequestId}).", nameof(page));
            for (int k = 0; k < chosen.Count; k++)
            {
                int c = chosen[k];
                if (c < 0 || c >= candidates.Length)
                    throw new ArgumentException(
                        $"page returned candidate index {c}; request {request.RequestId} has candidates 0..{candidates.Length - 1}.", nameof(page));
                for (int j = 0; j < k; j++)
                    if (order[j] == c)
                        throw new ArgumentException($"page returned candidate index {c} twice (request {request.RequestId}).", nameof(page));
                order[k] = c;
            }
            return chosen.Count;
        }, day, seed, requests);
    }

    private AdSimulationResult SimulateCore(Action<AdRequest, Ad[], double[]> policy, int day, int seed, int requestCount)
    {
        var scores = new double[Math.Max(Options.CandidatesPerRequest, 1)];
        return SimulateCore((request, candidates, order) =>
        {
            int n = candidates.Length;
            Array.Clear(scores, 0, n);
            policy(request, candidates, scores);
            for (int i = 0; i < n; i++)
            {
                if (double.IsNaN(scores[i]))
                    throw new InvalidOperationException($"The policy returned NaN for ad {candidates[i].AdId} in request {request.RequestId}; scores must be numbers.");
                order[i] = i;
            }
            SortByScoreDescending(order, scores, n);
            return Math.Min(Options.SlotsPerRequest, n);
        }, day, seed, requestCount);
    }

    /// <summary>The simulation loop; <paramref name="page"/> writes the candidate indices to show into its third
    /// argument, slot 1 first, and returns how many.</summary>
    private AdSimulationResult SimulateCore(Func<AdRequest, Ad[], int[], int> page, int day, int seed, int requestCount)
    {
        CheckDay(day);
        var requests = GenerateRequests(day, requestCount, seed);
        int outcomeSeed = SplitMix64.Seed(SplitMix64.Seed(Seed, seed), 1_000_003 + day);
        int slots = Options.SlotsPerRequest;
        var perUser = new SortedDictionary<int, AdUserOutcome>();
        var log = new List<AdImpression>(requests.Length * slots);
        int clicks = 0, hides = 0, conversions = 0;
        double revenue = 0, expectedClicks = 0, expectedRevenue = 0;
        int maxCandidates = Math.Max(Options.CandidatesPerRequest, 1);
        var order = new int[maxCandidates];
        var draws = new OutcomeDraws[maxCandidates];

        foreach (var request in requests)
        {
            var user = perUser.GetValueOrDefault(request.UserId, new AdUserOutcome(request.UserId, 0, 0, 0, 0, 0, 0, 0, 0));
            user = user with { Requests = user.Requests + 1 };
            var candidates = Candidates(request);
            int n = candidates.Length;
            if (n > 0)
            {
                int shown = page(request, candidates, order);
                // One stream per request, drawn per candidate in candidate order: independent of the policy.
                var rng = new SplitMix64(outcomeSeed, request.RequestId);
                for (int i = 0; i < n; i++)
                    draws[i] = new OutcomeDraws(rng.Uniform(), rng.Uniform(), rng.Uniform(), ClickDelay(rng.Uniform(), rng.Normal()),
                        Math.Round(rng.Exponential(1.0 / 14_400), 3));
                int device = DeviceIndex(request.Device);
                for (int k = 0; k < shown; k++)
                {
                    int c = order[k], position = k + 1;
                    var ad = candidates[c];
                    var u = draws[c];
                    double pClick = ClickProbability(request.UserId, ad.AdId, device, request.Hour, request.SiteId, position, day);
                    double pHide = HideProbability(request.UserId, ad.AdId, position, day);
                    double pConvert = ConversionProbability(request.UserId, ad.AdId, day);
                    expectedClicks += pClick;
                    expectedRevenue += pClick * ad.BidCpc;
                    bool clicked = u.Click < pClick;
                    bool hidden = !clicked && u.Hide < pHide;
                    bool converted = clicked && u.Convert < pConvert;
                    double paid = clicked ? ad.BidCpc : 0;
                    if (clicked)
                    {
                        clicks++;
                        revenue += ad.BidCpc;
                    }
                    if (hidden) hides++;
                    if (converted) conversions++;
                    user = user with
                    {
                        Impressions = user.Impressions + 1, Clicks = user.Clicks + (clicked ? 1 : 0), Hides = user.Hides + (hidden ? 1 : 0),
                        Conversions = user.Conversions + (converted ? 1 : 0), Revenue = user.Revenue + paid,
                        ExpectedClicks = user.ExpectedClicks + pClick, ExpectedRevenue = user.ExpectedRevenue + pClick * ad.BidCpc,
                    };
                    log.Add(new AdImpression(log.Count, request.RequestId, day, request.Timestamp, request.Hour, request.UserId,
                        request.Device, request.SiteId, ad.AdId, position, clicked, clicked ? u.ClickDelay : null, hidden,
                        converted, converted ? u.ConversionDelay : null));
                }
            }
            perUser[request.UserId] = user;
        }
        return new AdSimulationResult(day, requests.Length, clicks, hides, conversions, revenue, expectedClicks, expectedRevenue,
            [.. log], [.. perUser.Values]);
    }

    /// <summary>The random numbers behind one candidate's outcome, drawn before the policy's order is known.</summary>
    private readonly record struct OutcomeDraws(double Click, double Hide, double Convert, double ClickDelay, double ConversionDelay);

    /// <summary>Sorts the first <paramref name="n"/> entries of <paramref name="order"/> by score, highest first, ties by index (insertion sort: n ≤ 500).</summary>
    private static void SortByScoreDescending(int[] order, IReadOnlyList<double> scores, int n)
    {
        for (int i = 1; i < n; i++)
        {
            int item = order[i];
            double s = scores[item];
            int j = i - 1;
            while (j >= 0 && (scores[order[j]] < s || (scores[order[j]] == s && order[j] > item)))
            {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = item;
        }
    }
}
