namespace Mlsd.Data.Synthetic;

/// <summary>One row of the toy listings table (00's feature-engineering toolbox).</summary>
/// <param name="Id">Listing id.</param>
/// <param name="City">One of six cities, frequencies skewed (Reykjavik is rare: an "unknown category" in small splits).</param>
/// <param name="Price">Nightly price, log-normal (long right tail: a case for log transform or quantile buckets).</param>
/// <param name="Bedrooms">1–5.</param>
/// <param name="ReviewScore">1.0–5.0, or NaN when the listing has no reviews yet (missing more often for new listings).</param>
/// <param name="ListedAt">When the listing went online (90 days from 2024-01-01).</param>
/// <param name="Booked">Whether it was booked within a week; drawn from <see cref="ToyListings.BookingProbability"/>.</param>
public sealed record ToyListing(int Id, string City, double Price, int Bedrooms, double ReviewScore, DateTime ListedAt, bool Booked);

/// <summary>
/// A 200-row synthetic table with the usual troubles of real tabular data — missing values that are not missing
/// at random, a skewed numeric column, a categorical column with a rare level, a timestamp — and a known
/// ground-truth booking model, for demonstrating imputation, scaling, bucketing and one-hot encoding.
/// </summary>
public static class ToyListings
{
    /// <summary>Number of rows.</summary>
    public const int Rows = 200;

    /// <summary>The cities, most frequent first.</summary>
    public static IReadOnlyList<string> Cities { get; } = ["Paris", "Lisbon", "Berlin", "Rome", "Oslo", "Reykjavik"];

    private static readonly double[] s_cityWeights = [0.34, 0.24, 0.18, 0.13, 0.09, 0.02];
    private static readonly double[] s_cityEffect = [0.3, 0.1, 0.0, 0.2, -0.3, -0.5];
    private static readonly double[] s_cityPrice = [140, 90, 100, 110, 160, 180];

    /// <summary>The dataset definition (folder <c>data/synthetic/toy-listings/</c>, seed 2024).</summary>
    public static SyntheticDataset Dataset { get; } = new("toy-listings", 2024, Write);

    /// <summary>
    /// The ground truth: P(booked) = σ(−0.5 + city effect + 0.9 (score − 4) − 0.8 ln(price / city median) + 0.3·[2 bedrooms]),
    /// with a missing score counted as 3.8 (unreviewed listings book a little less).
    /// </summary>
    public static double BookingProbability(string city, double price, int bedrooms, double reviewScore)
    {
        int c = IndexOfCity(city);
        double score = double.IsNaN(reviewScore) ? 3.8 : reviewScore;
        double z = -0.5 + s_cityEffect[c] + 0.9 * (score - 4) - 0.8 * Math.Log(price / s_cityPrice[c]) + (bedrooms == 2 ? 0.3 : 0);
        return 1 / (1 + Math.Exp(-z));
    }

    private static int IndexOfCity(string city)
    {
        for (int i = 0; i < Cities.Count; i++) if (Cities[i] == city) return i;
        throw new ArgumentException($"unknown city '{city}'; expected one of {string.Join(", ", Cities)}.", nameof(city));
    }

    internal static void Write(string directory, Sampler sampler)
    {
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        using var w = new CsvWriter(Path.Combine(directory, "listings.csv"), decimals: 2);
        w.WriteHeader("id", "city", "price", "bedrooms", "review_score", "listed_at", "booked");
        for (int i = 0; i < Rows; i++)
        {
            int c = sampler.Categorical(s_cityWeights);
            int bedrooms = 1 + sampler.Categorical([0.3, 0.35, 0.2, 0.1, 0.05]);
            double price = Math.Round(s_cityPrice[c] * Math.Exp(sampler.Normal(0, 0.45)) * (0.8 + 0.2 * bedrooms), 2);
            var listedAt = start.AddSeconds(sampler.Next(90 * 24 * 3600));
            double ageDays = 90 - (listedAt - start).TotalDays;
            // New listings have fewer reviews: P(missing) falls from about 0.6 at age 0 to about 0.05 at 90 days.
            bool missing = sampler.Bernoulli(0.05 + 0.55 * Math.Exp(-ageDays / 15));
            double score = Math.Clamp(Math.Round(sampler.Normal(4.2, 0.5), 1), 1.0, 5.0);
            double reported = missing ? double.NaN : score;
            bool booked = sampler.Bernoulli(BookingProbability(Cities[c], price, bedrooms, reported));
            w.Field(i + 1).Field(Cities[c]).Field(price).Field(bedrooms).Field(reported).Field(listedAt).Field(booked).EndRow();
        }
    }
}
