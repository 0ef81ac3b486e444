using System.Globalization;
using System.Text;
using Mlsd.Formatting;

namespace Mlsd.Design;

/// <summary>
/// The rules of thumb a capacity estimate rests on. Every default is a round, defensible number; change the ones
/// the interviewer pins down.
/// </summary>
public sealed record CapacityAssumptions
{
    /// <summary>Bytes stored per logged event (an impression or click row with ids, timestamp, context): 500 B.</summary>
    public double BytesPerEvent { get; init; } = 500;

    /// <summary>Events logged per request (e.g. 10 impressions shown per feed request): 1.</summary>
    public double EventsPerRequest { get; init; } = 1;

    /// <summary>Embedding dimension of each item: 64.</summary>
    public int EmbeddingDimension { get; init; } = 64;

    /// <summary>Bytes per embedding component: 4 (float32); 2 for float16, 1 for int8 quantisation.</summary>
    public int BytesPerFloat { get; init; } = 4;

    /// <summary>Index memory as a multiple of the raw embeddings (graph links, centroids, ids): 1.5.</summary>
    public double IndexOverhead { get; init; } = 1.5;

    /// <summary>Requests one server handles per second at full load: 1000.</summary>
    public double QpsPerServer { get; init; } = 1000;

    /// <summary>Fraction of each server's capacity kept free for spikes and failures: 0.3 (run at 70 %).</summary>
    public double Headroom { get; init; } = 0.3;

    /// <summary>Days of logs kept: 365.</summary>
    public int RetentionDays { get; init; } = 365;
}

/// <summary>
/// A back-of-envelope capacity estimate derived from <see cref="Requirements"/>: traffic, log storage, embedding and
/// index memory, and servers. Shown as a table whose last column says how each number was obtained.
/// </summary>
/// <remarks>
/// Definitions (all averages over a day of 86,400 s):
/// average QPS = DAU × requests per user per day / 86,400; peak QPS = average × peak-to-average factor;
/// log bytes per day = requests per day × events per request × bytes per event; per year = per day × retention days;
/// embedding bytes = items × dimension × bytes per float; index bytes = embedding bytes × index overhead;
/// servers = ⌈peak QPS / (QPS per server × (1 − headroom))⌉.
/// Example: 100 M DAU × 10 requests = 1 B requests/day → 11,574 average QPS, 34,722 at 3× peak → 50 servers at
/// 1000 QPS each run at 70 %. Method after Xu, <em>System Design Interview</em>, ch. 2 ("Back-of-the-envelope estimation").
/// </remarks>
[TypeFormatterSource(typeof(HtmlRenderableFormatterSource))]
public sealed record CapacityEstimate : IHtmlRenderable
{
    /// <summary>Seconds in a day.</summary>
    public const double SecondsPerDay = 86_400;

    /// <summary>The requirements this estimate came from.</summary>
    public required Requirements Requirements { get; init; }

    /// <summary>The assumptions used.</summary>
    public required CapacityAssumptions Assumptions { get; init; }

    /// <summary>Requests per day.</summary>
    public double RequestsPerDay { get; init; }

    /// <summary>Average queries per second.</summary>
    public double AverageQps { get; init; }

    /// <summary>Peak queries per second.</summary>
    public double PeakQps { get; init; }

    /// <summary>Bytes of logs written per day.</summary>
    public double LogBytesPerDay { get; init; }

    /// <summary>Bytes of logs kept over the retention period.</summary>
    public double LogBytesRetained { get; init; }

    /// <summary>Bytes to hold one embedding per item.</summary>
    public double EmbeddingBytes { get; init; }

    /// <summary>Bytes of the nearest-neighbour index over those embeddings.</summary>
    public double IndexBytes { get; init; }

    /// <summary>Servers needed at peak with the assumed headroom (at least 1 when there is traffic).</summary>
    public int Servers { get; init; }

    /// <summary>Computes the estimate; fails with a clear message on negative or nonsensical inputs.</summary>
    public static CapacityEstimate From(Requirements requirements, CapacityAssumptions assumptions)
    {
        ArgumentNullException.ThrowIfNull(requirements);
        ArgumentNullException.ThrowIfNull(assumptions);
        if (requirements.DailyActiveUsers < 0) throw new ArgumentException($"DailyActiveUsers must be non-negative (got {requirements.DailyActiveUsers}).", nameof(requirements));
        if (requirements.Items < 0) throw new ArgumentException($"Items must be non-negative (got {requirements.Items}).", nameof(requirements));
        if (requirements.RequestsPerUserPerDay < 0) throw new ArgumentException($"RequestsPerUserPerDay must be non-negative (got {requirements.RequestsPerUserPerDay}).", nameof(requirements));
        if (requirements.PeakToAverage < 1) throw new ArgumentException($"PeakToAverage must be at least 1 (got {requirements.PeakToAverage}).", nameof(requirements));
        if (assumptions.QpsPerServer <= 0) throw new ArgumentException($"QpsPerServer must be positive (got {assumptions.QpsPerServer}).", nameof(assumptions));
        if (assumptions.Headroom is < 0 or >= 1) throw new ArgumentException($"Headroom must be in [0, 1) (got {assumptions.Headroom}).", nameof(assumptions));
        if (assumptions.BytesPerEvent < 0 || assumptions.EventsPerRequest < 0 || assumptions.EmbeddingDimension < 0
            || assumptions.BytesPerFloat < 0 || assumptions.IndexOverhead < 1 || assumptions.RetentionDays < 0)
            throw new ArgumentException("Sizes and counts in assumptions must be non-negative and IndexOverhead at least 1.", nameof(assumptions));

        double perDay = requirements.RequestsPerDay;
        double average = perDay / SecondsPerDay;
        double peak = average * requirements.PeakToAverage;
        double logPerDay = perDay * assumptions.EventsPerRequest * assumptions.BytesPerEvent;
        double embeddings = (double)requirements.Items * assumptions.EmbeddingDimension * assumptions.BytesPerFloat;
        int servers = peak <= 0 ? 0 : (int)Math.Ceiling(peak / (assumptions.QpsPerServer * (1 - assumptions.Headroom)) - 1e-9);
        return new CapacityEstimate
        {
            Requirements = requirements,
            Assumptions = assumptions,
            RequestsPerDay = perDay,
            AverageQps = average,
            PeakQps = peak,
            LogBytesPerDay = logPerDay,
            LogBytesRetained = logPerDay * assumptions.RetentionDays,
            EmbeddingBytes = embeddings,
            IndexBytes = embeddings * assumptions.IndexOverhead,
            Servers = Math.Max(servers, peak > 0 ? 1 : 0),
        };
    }

    /// <summary>(quantity, estimate, how it was computed) rows, as the table shows them.</summary>
    public IReadOnlyList<(string Quantity, string Estimate, string How)> Rows()
    {
        var r = Requirements;
        var a = Assumptions;
        string N(double v) => v.ToString("#,0.##", CultureInfo.InvariantCulture);
        return
        [
            ("Requests per day", Human.Count(RequestsPerDay), $"{Human.Count(r.DailyActiveUsers)} users × {N(r.RequestsPerUserPerDay)} requests"),
            ("Average QPS", Human.Qps(AverageQps), $"{Human.Count(RequestsPerDay)} / 86,400 s"),
            ("Peak QPS", Human.Qps(PeakQps), $"{Human.Qps(AverageQps)} × {N(r.PeakToAverage)} peak factor"),
            ("Logs per day", Human.Bytes(LogBytesPerDay), $"{Human.Count(RequestsPerDay)} requests × {N(a.EventsPerRequest)} events × {Human.Bytes(a.BytesPerEvent)}"),
            ($"Logs for {a.RetentionDays} days", Human.Bytes(LogBytesRetained), $"{Human.Bytes(LogBytesPerDay)} × {a.RetentionDays}"),
            ("Item embeddings", Human.Bytes(EmbeddingBytes), $"{Human.Count(r.Items)} items × {a.EmbeddingDimension} dims × {a.BytesPerFloat} B"),
            ("ANN index", Human.Bytes(IndexBytes), $"{Human.Bytes(EmbeddingBytes)} × {N(a.IndexOverhead)} overhead"),
            ("Servers at peak", Servers.ToString(CultureInfo.InvariantCulture), $"{Human.Qps(PeakQps)} / ({Human.Qps(a.QpsPerServer)} × {N(1 - a.Headroom)} utilisation)"),
        ];
    }

    /// <summary>The estimate as a <see cref="Table"/> (quantity, estimate, how).</summary>
    public Table ToTable()
    {
        var table = new Table("Quantity", "Estimate", "How").WithTitle($"Capacity estimate: {Requirements.Name}");
        foreach (var (quantity, estimate, how) in Rows()) table.AddRow(quantity, estimate, how);
        return table;
    }

    /// <inheritdoc />
    public string ToHtml() => ToTable().ToHtml();

    /// <summary>The estimate as an aligned text table.</summary>
    public override string ToString() => ToTable().ToString();
}
