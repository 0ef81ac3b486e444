namespace Mlsd.Serving;

/// <summary>
/// One way to schedule a batch precomputation (which users get a fresh result list, how often) and what it
/// gives: the work per week and the share of visits that found a fresh list. Precomputed recommendations trade
/// compute spent on users who never come back against staleness for those who do; a table of plans makes the
/// trade a choice.
/// </summary>
/// <param name="Name">A short description, e.g. "active users weekly + new users daily".</param>
/// <param name="ListsPerWeek">Result lists computed per week.</param>
/// <param name="FreshVisitShare">Share of visits, in [0, 1], that found a list fresh enough by the plan's rule.</param>
/// <example><c>new RefreshPlan("everyone, weekly", 1_000, 0.82)</c>: a thousand lists a week, 82 % of visits fresh.</example>
public sealed record RefreshPlan(string Name, double ListsPerWeek, double FreshVisitShare)
{
    /// <summary>Result lists computed per week; finite and non-negative, or the constructor throws naming it.</summary>
    public double ListsPerWeek { get; init; } = ListsPerWeek >= 0 && double.IsFinite(ListsPerWeek) ? ListsPerWeek
        : throw new ArgumentOutOfRangeException(nameof(ListsPerWeek), ListsPerWeek, "ListsPerWeek must be finite and non-negative.");

    /// <summary>Share of visits that found a fresh list, in [0, 1], or the constructor throws naming it.</summary>
    public double FreshVisitShare { get; init; } = FreshVisitShare is >= 0 and <= 1 ? FreshVisitShare
        : throw new ArgumentOutOfRangeException(nameof(FreshVisitShare), FreshVisitShare, "FreshVisitShare must be in [0, 1].");
}
