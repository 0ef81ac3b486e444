namespace Mlsd.Retrieval;

/// <summary>
/// How a vector index scores a candidate against a query. Both are similarities: higher means closer, and
/// results come back best first.
/// </summary>
/// <remarks>
/// Cosine is implemented as the dot product of unit vectors: an index with <see cref="Cosine"/> normalises every
/// vector when it is added and every query when it is searched, so the hot loop is the same dot product for both
/// metrics (the trick FAISS and hnswlib use too). Two-tower and contrastive embeddings are usually compared by
/// cosine; <see cref="DotProduct"/> is for models trained with an unnormalised inner-product score (maximum
/// inner-product search), where a vector's length carries meaning, e.g. popularity.
/// </remarks>
public enum SimilarityMetric
{
    /// <summary>Score = ⟨q, x⟩ on the vectors as given.</summary>
    DotProduct,

    /// <summary>Score = ⟨q, x⟩ / (‖q‖ ‖x‖), in [−1, 1]; zero vectors are rejected because they have no direction.</summary>
    Cosine,
}
