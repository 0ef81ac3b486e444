using System.Globalization;
using System.Text;
using Mlsd.Formatting;

namespace Mlsd.Design;

/// <summary>
/// The scope agreed in step 1 of a design ("Clarify requirements"): who uses the system, how much, how fast it must
/// answer, and what data and constraints we have. Everything later — capacity, architecture, metrics — follows from it.
/// </summary>
/// <example>
/// <code>
/// var req = new Requirements("Ad click prediction")
/// {
///     Goal = "Maximise revenue by showing ads users will click",
///     DailyActiveUsers = 100_000_000,
///     Items = 10_000_000,
///     RequestsPerUserPerDay = 10,
///     LatencyBudgetMs = 100,
///     DataAvailable = "Impression and click logs, 30 days",
///     Constraints = ["New ads every day", "Privacy: no raw user ids in features"],
/// };
/// </code>
/// </example>
[TypeFormatterSource(typeof(HtmlRenderableFormatterSource))]
public sealed record Requirements(string Name) : IHtmlRenderable
{
    /// <summary>The business objective in one sentence.</summary>
    public string? Goal { get; init; }

    /// <summary>Distinct users active on a typical day (DAU).</summary>
    public long DailyActiveUsers { get; init; }

    /// <summary>How many items the system chooses among (ads, videos, listings, documents…).</summary>
    public long Items { get; init; }

    /// <summary>Requests one active user makes per day (feed refreshes, searches, page views…).</summary>
    public double RequestsPerUserPerDay { get; init; }

    /// <summary>Peak traffic divided by average traffic; 2–3 is typical for consumer products with a daily cycle.</summary>
    public double PeakToAverage { get; init; } = 3;

    /// <summary>End-to-end time the system may spend per request, in milliseconds.</summary>
    public double LatencyBudgetMs { get; init; }

    /// <summary>What data exists to learn from (logs, labels, their size and age).</summary>
    public string? DataAvailable { get; init; }

    /// <summary>Anything else that limits the design: privacy, fairness, freshness, budget, devices.</summary>
    public IReadOnlyList<string> Constraints { get; init; } = [];

    /// <summary>Average requests per day: users × requests per user.</summary>
    public double RequestsPerDay => DailyActiveUsers * RequestsPerUserPerDay;

    /// <summary>The back-of-envelope capacity this scope implies, under <paramref name="assumptions"/> (defaults when null).</summary>
    public CapacityEstimate Estimate(CapacityAssumptions? assumptions = null) => CapacityEstimate.From(this, assumptions ?? new CapacityAssumptions());

    /// <summary>The requirements as (field, value) rows, in reading order.</summary>
    public IReadOnlyList<(string Field, string Value)> Rows()
    {
        var rows = new List<(string, string)> { ("System", Name) };
        if (Goal is not null) rows.Add(("Goal", Goal));
        if (DailyActiveUsers > 0) rows.Add(("Daily active users", Human.Count(DailyActiveUsers)));
        if (Items > 0) rows.Add(("Items", Human.Count(Items)));
        if (RequestsPerUserPerDay > 0)
        {
            rows.Add(("Requests per user per day", RequestsPerUserPerDay.ToString("0.##", CultureInfo.InvariantCulture)));
            if (DailyActiveUsers > 0) rows.Add(("Requests per day", Human.Count(RequestsPerDay)));
        }
        rows.Add(("Peak / average traffic", PeakToAverage.ToString("0.##", CultureInfo.InvariantCulture) + "×"));
        if (LatencyBudgetMs > 0) rows.Add(("Latency budget", Human.Milliseconds(LatencyBudgetMs)));
        if (DataAvailable is not null) rows.Add(("Data available", DataAvailable));
        for (int i = 0; i < Constraints.Count; i++) rows.Add((i == 0 ? "Constraints" : "", Constraints[i]));
        return rows;
    }

    /// <inheritdoc />
    public string ToHtml()
    {
        var table = new Table("Requirement", "Value").WithTitle("Requirements");
        foreach (var (field, value) in Rows()) table.AddRow(field, value);
        return table.ToHtml();
    }

    /// <summary>The requirements as an aligned two-column list.</summary>
    public override string ToString()
    {
        var rows = Rows();
        int width = rows.Max(r => r.Field.Length);
        var sb = new StringBuilder("Requirements");
        foreach (var (field, value) in rows) sb.Append('\n').Append(field.PadRight(width)).Append("  ").Append(value);
        return sb.ToString();
    }
}
