using System.Globalization;

namespace Mlsd.Serving;

/// <summary>
/// One candidate threshold of a human-review queue, measured on held-out days: how many posts a day it sends to
/// reviewers and how many of those are really harmful. A sweep of these is the trade-off behind a moderation policy:
/// lowering the threshold reviews more harm but needs more reviewers, and reviewers are the fixed budget.
/// </summary>
/// <param name="Threshold">Posts whose queue priority (e.g. the highest class probability) reaches this value are queued.</param>
/// <param name="ReviewsPerDay">Posts queued per day at this threshold (what reviewers would have to handle).</param>
/// <param name="HarmfulPerDay">Harmful posts among them per day (what the reviews would catch).</param>
/// <example><c>new ReviewOption(0.2, 45, 30)</c>: a threshold of 0.2 queues 45 posts a day, 30 of them harmful —
/// two reviews in three find harm.</example>
public sealed record ReviewOption(double Threshold, double ReviewsPerDay, double HarmfulPerDay)
{
    /// <summary>"threshold 0.200: 45.0 reviews/day, 30.0 harmful".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"threshold {Threshold:0.000}: {ReviewsPerDay:0.0} reviews/day, {HarmfulPerDay:0.0} harmful");
}
