namespace Mlsd.Serving;

/// <summary>
/// The ranking score of a feed that predicts several reactions: the expected value of showing a post,
/// Σ_r P(reaction r) × weight_r, with negative weights for reactions the platform wants to avoid (hide, block). One
/// number per candidate lets a feed sort by "how much engagement this post is worth" while each reaction keeps its own
/// model, and the weights are a product decision that can change without retraining anything.
/// </summary>
/// <remarks>
/// The chapter's weights are click 1, like 5, comment 10, share 20, friend request 30, hide −20, block −50 (Aminian &amp; Xu,
/// <i>Machine Learning System Design Interview</i>, ch. 10; the same weighted sum of predicted actions is how Facebook
/// described its feed ranking: Lada, Wang &amp; Yan, "How does News Feed predict what you want to see?", Meta, 2021).
/// A reaction the model does not predict simply has no term. The score is linear in each probability, so a model that
/// over-predicts one reaction by a factor inflates that reaction's weight by the same factor: calibrate each head.
/// </remarks>
public static class EngagementScore
{
    /// <summary>
    /// Σ_r <paramref name="probabilities"/>[r] × <paramref name="weights"/>[r]: the expected engagement of one candidate.
    /// </summary>
    /// <param name="probabilities">P(reaction r) for each reaction, each in [0, 1].</param>
    /// <param name="weights">The weight of each reaction (same order and length); any finite value.</param>
    /// <example>P = [click 0.4, like 0.2, comment 0.05, share 0.01, friend request 0, hide 0.02, block 0.001] with the
    /// chapter's weights → 0.4 + 1.0 + 0.5 + 0.2 + 0 − 0.4 − 0.05 = 1.65.</example>
    /// <exception cref="ArgumentException">Null or empty lists, lengths that differ, a probability outside [0, 1] or a
    /// weight that is not finite.</exception>
    public static double Score(IReadOnlyList<double> probabilities, IReadOnlyList<double> weights)
    {
        CheckWeights(weights);
        return ScoreChecked(probabilities, weights, nameof(probabilities));
    }

    /// <summary><see cref="Score"/> of every candidate: <paramref name="probabilities"/>[i] holds candidate i's
    /// probability of each reaction.</summary>
    /// <exception cref="ArgumentException">As for <see cref="Score"/>, naming the offending row.</exception>
    public static double[] Scores(IReadOnlyList<IReadOnlyList<double>> probabilities, IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        CheckWeights(weights);
        var scores = new double[probabilities.Count];
        for (int i = 0; i < scores.Length; i++) scores[i] = ScoreChecked(probabilities[i], weights, $"probabilities[{i}]");
        return scores;
    }

    /// <summary>
    /// The scores from one probability column per reaction (the shape per-reaction models produce):
    /// <paramref name="byReaction"/>[r][i] = P(reaction r) for candidate i.
    /// </summary>
    /// <example>byReaction = [[0.5, 0.1], [0.2, 0.4]] with weights [1, 5] → [0.5 + 1.0, 0.1 + 2.0] = [1.5, 2.1].</example>
    /// <exception cref="ArgumentException">Columns of different lengths, a column count that differs from the weights,
    /// or a probability outside [0, 1].</exception>
    public static double[] ScoresByReaction(IReadOnlyList<IReadOnlyList<double>> byReaction, IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(byReaction);
        CheckWeights(weights);
        if (byReaction.Count != weights.Count)
            throw new ArgumentException($"byReaction must have one column per weight ({weights.Count}); it has {byReaction.Count}.", nameof(byReaction));
        int n = byReaction[0]?.Count ?? throw new ArgumentException("byReaction[0] is null.", nameof(byReaction));
        var scores = new double[n];
        for (int r = 0; r < byReaction.Count; r++)
        {
            var column = byReaction[r] ?? throw new ArgumentException($"byReaction[{r}] is null.", nameof(byReaction));
            if (column.Count != n)
                throw new ArgumentException($"byReaction[{r}] has {column.Count} values; byReaction[0] has {n}.", nameof(byReaction));
            for (int i = 0; i < n; i++)
            {
                double p = column[i];
                if (!(p >= 0 && p <= 1))
                    throw new ArgumentException($"byReaction[{r}][{i}] = {p} must be a probability in [0, 1].", nameof(byReaction));
                scores[i] += p * weights[r];
            }
        }
        return scores;
    }

    private static double ScoreChecked(IReadOnlyList<double>? probabilities, IReadOnlyList<double> weights, string name)
    {
        if (probabilities is null) throw new ArgumentException($"{name} is null.", nameof(probabilities));
        if (probabilities.Count != weights.Count)
            throw new ArgumentException($"{name} must have one probability per weight ({weights.Count}); it has {probabilities.Count}.",
                nameof(probabilities));
        double score = 0;
        for (int r = 0; r < weights.Count; r++)
        {
            double p = probabilities[r];
            if (!(p >= 0 && p <= 1)) throw new ArgumentException($"{name}[{r}] = {p} must be a probability in [0, 1].", nameof(probabilities));
            score += p * weights[r];
        }
        return score;
    }

    private static void CheckWeights(IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count == 0) throw new ArgumentException("weights must hold at least one reaction's weight.", nameof(weights));
        for (int r = 0; r < weights.Count; r++)
            if (!double.IsFinite(weights[r])) throw new ArgumentException($"weights[{r}] = {weights[r]} must be finite.", nameof(weights));
    }
}
