namespace Mlsd.Retrieval;

/// <summary>One search hit: the caller's item id and its similarity to the query (higher is closer).</summary>
/// <param name="Id">The id the item was added with.</param>
/// <param name="Score">The similarity under the index's <see cref="SimilarityMetric"/>.</param>
public readonly record struct Neighbor(int Id, float Score)
{
    /// <summary>Reads as <c>#42 (0.913)</c>.</summary>
    public override string ToString() => $"#{Id} ({Score.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)})";
}
