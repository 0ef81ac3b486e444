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
    /// <param name="requests">Number of requests (1..1,000,000).</param>
    /// <param name="seed">Traffic seed. Requests, candidates and every user's random draws depend only on
    /// (world, seed, day), not on the policy: two policies run with the same seed face the same users with the
    /// same coin flips (common random numbers, a paired test with far less noise); different seeds give
    /// independent samples.</param>
    /// <remarks>Revenue is first-price CPC: each click pays the clicked ad's bid. A click needs the slot to be
    /// examined (position bias), so a policy is rewarded both for choosing good ads and for putting them high.</remarks>
    public AdSimulationResult Simulate(Func<AdRequest, Ad, double> score, int day, int requests = 5_000, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(score);
        return SimulateCore((request, candidates, scores) =>
        {
            for (int i = 0; i < candidates.Length; i++) scores[i] = score(request, candidates[i]);
        }, day, requests, seed);
    }

    /// <summary>
    /// As <see cref="Simulate(Func{AdRequest, Ad, double}, int, int, int)"/>, with a policy that scores a
    /// request's whole candidate list at once (batch inference: featurise once, one model call per request).
    /// It must return one score per candidate, in candidate order.
    /// </summary>
    public AdSimulationResult Simulate(Func<AdRequest, IReadOnlyList<Ad>, IReadOnlyList<double>> scoreBatch, int day,
        int requests = 5_000, int seed = 1)
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
        }, day, requests, seed);
    }

    private AdSimulationResult SimulateCore(Action<AdRequest, Ad[], double[]> policy, int day, int requestCount, int seed)
    {
        CheckDay(day);
        var requests = GenerateRequests(day, requestCount, seed);
        int outcomeSeed = MixSeed(MixSeed(_seed, seed), 1_000_003 + day);
        int slots = Options.SlotsPerRequest;
        var requestClicks = new int[requests.Length];
        var requestRevenue = new double[requests.Length];
        var requestHides = new int[requests.Length];
        var requestConversions = new int[requests.Length];
        var log = new List<AdImpression>(requests.Length * slots);
        int clicks = 0, hides = 0, conversions = 0;
        double revenue = 0, expectedClicks = 0, expectedRevenue = 0;
        int maxCandidates = Math.Max(Options.CandidatesPerRequest, 1);
        var scores = new double[maxCandidates];
        var order = new int[maxCandidates];
        var uClick = new double[maxCandidates];
        var uHide = new double[maxCandidates];
        var uConvert = new double[maxCandidates];
        var clickDelay = new double[maxCandidates];
        var conversionDelay = new double[maxCandidates];

        for (int r = 0; r < requests.Length; r++)
        {
            var request = requests[r];
            var candidates = Candidates(request);
            int n = candidates.Length;
            if (n == 0) continue;
            Array.Clear(scores, 0, n);
            policy(request, candidates, scores);
            for (int i = 0; i < n; i++)
            {
                if (double.IsNaN(scores[i]))
                    throw new InvalidOperationException($"The policy returned NaN for ad {candidates[i].AdId} in request {request.RequestId}; scores must be numbers.");
                order[i] = i;
            }
            // One stream per request, drawn per candidate in candidate order: independent of the policy.
            var rng = new RequestStream(outcomeSeed, request.RequestId);
            for (int i = 0; i < n; i++)
            {
                uClick[i] = rng.Uniform();
                uHide[i] = rng.Uniform();
                uConvert[i] = rng.Uniform();
                clickDelay[i] = ClickDelay(rng.Uniform(), rng.Normal());
                conversionDelay[i] = Math.Round(rng.Exponential(1.0 / 14_400), 3);
            }
            SortByScoreDescending(order, scores, n);
            int device = DeviceIndex(request.Device);
            int shown = Math.Min(slots, n);
            for (int k = 0; k < shown; k++)
            {
                int c = order[k], position = k + 1;
                var ad = candidates[c];
                double pClick = ClickProbability(request.UserId, ad.AdId, device, request.Hour, request.SiteId, position, day);
                double pHide = HideProbability(request.UserId, ad.AdId, position, day);
                double pConvert = ConversionProbability(request.UserId, ad.AdId, day);
                expectedClicks += pClick;
                expectedRevenue += pClick * ad.BidCpc;
                bool clicked = uClick[c] < pClick;
                bool hidden = !clicked && uHide[c] < pHide;
                bool converted = clicked && uConvert[c] < pConvert;
                if (clicked)
                {
                    clicks++;
                    requestClicks[r]++;
                    revenue += ad.BidCpc;
                    requestRevenue[r] += ad.BidCpc;
                }
                if (hidden)
                {
                    hides++;
                    requestHides[r]++;
                }
                if (converted)
                {
                    conversions++;
                    requestConversions[r]++;
                }
                log.Add(new AdImpression(log.Count, request.RequestId, day, request.Timestamp, request.Hour, request.UserId,
                    request.Device, request.SiteId, ad.AdId, position, clicked, clicked ? clickDelay[c] : null, hidden,
                    converted, converted ? conversionDelay[c] : null));
            }
        }
        return new AdSimulationResult(day, requests.Length, log.Count, clicks, hides, conversions, revenue, expectedClicks,
            expectedRevenue, requestClicks, requestRevenue, requestHides, requestConversions, log);
    }
}
