namespace Mlsd.Plots;

/// <summary>The points of a reliability diagram: mean predicted probability and observed rate per group.</summary>
/// <param name="Predicted">Mean predicted probability of each group, ascending.</param>
/// <param name="Observed">Share of positives in each group.</param>
public sealed record ReliabilityCurve(double[] Predicted, double[] Observed)
{
    /// <summary>
    /// Sorts the rows by predicted probability and cuts them into <paramref name="groups"/> groups of equal size
    /// (sizes differ by at most one): unlike fixed-width bins, every point then rests on the same number of rows,
    /// which matters when predictions crowd into a narrow range (click-through rates of a few percent).
    /// </summary>
    /// <example>labels [0, 0, 1, 1], probabilities [0.1, 0.4, 0.35, 0.8], 2 groups → rows sorted 0.1, 0.35 | 0.4, 0.8:
    /// Predicted [0.225, 0.6], Observed [0.5, 0.5].</example>
    public static ReliabilityCurve EqualCount(IReadOnlyList<int> labels, IReadOnlyList<double> probabilities, int groups)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(probabilities);
        if (labels.Count != probabilities.Count)
            throw new ArgumentException($"labels and probabilities must have the same length (got {labels.Count} and {probabilities.Count}).", nameof(probabilities));
        if (groups < 1 || groups > labels.Count)
            throw new ArgumentOutOfRangeException(nameof(groups), $"groups must be between 1 and the number of rows ({labels.Count}); got {groups}.");
        var order = Enumerable.Range(0, labels.Count).OrderBy(i => probabilities[i]).ThenBy(i => i).ToArray();
        var predicted = new double[groups];
        var observed = new double[groups];
        for (int g = 0; g < groups; g++)
        {
            int from = g * order.Length / groups, to = (g + 1) * order.Length / groups;
            double p = 0, y = 0;
            for (int i = from; i < to; i++)
            {
                p += probabilities[order[i]];
                y += labels[order[i]];
            }
            predicted[g] = p / (to - from);
            observed[g] = y / (to - from);
        }
        return new ReliabilityCurve(predicted, observed);
    }
}
