using System.Globalization;

namespace Mlsd.Metrics;

/// <summary>
/// Calibration: whether predicted probabilities mean what they say — of all the times a model says
/// "30 %", about 30 % should be positives. Ads bidding and any decision that multiplies a probability by
/// a value need this, and ranking metrics such as ROC-AUC cannot see it.
/// </summary>
/// <remarks>
/// Both functions use <c>bins</c> equal-width bins on [0, 1]: bin b covers
/// [b/B, (b+1)/B) and the last bin also includes 1 (a probability exactly on an inner edge goes to the upper
/// bin; the edges are computed as b/B in floating point and each probability is compared with exactly
/// those edges, so a value such as 0.3 with 10 bins lands in [0.3, 0.4)).
/// </remarks>
public static class Calibration
{
    /// <summary>
    /// The data of a reliability diagram: for each of <paramref name="bins"/> equal-width probability bins,
    /// its edges, how many predictions fell in it, their mean predicted probability, and the observed
    /// positive rate. A calibrated model has mean predicted ≈ observed rate in every bin.
    /// All bins are returned, so the edges are regular; an empty bin has count 0 and NaN for both means
    /// (skip it when plotting).
    /// </summary>
    /// <param name="yTrue">Labels, 0 or 1.</param>
    /// <param name="yProb">Predicted probabilities of label 1, in [0, 1].</param>
    /// <param name="bins">Number of bins, at least 1; default 10.</param>
    /// <example>yTrue = [0, 1, 0, 1], yProb = [0.1, 0.3, 0.6, 0.8], bins = 2 → bin [0, 0.5): count 2, mean predicted 0.2,
    /// observed 0.5; bin [0.5, 1]: count 2, mean predicted 0.7, observed 0.5.</example>
    /// <remarks>Reference: DeGroot &amp; Fienberg, "The comparison and evaluation of forecasters", The Statistician 32 (1983);
    /// Niculescu-Mizil &amp; Caruana, "Predicting good probabilities with supervised learning", ICML 2005.</remarks>
    /// <exception cref="ArgumentException">Lengths differ, input empty, labels not 0/1, probabilities outside [0, 1], or bins &lt; 1.</exception>
    public static ReliabilityBin[] ReliabilityBins(IReadOnlyList<int> yTrue, IReadOnlyList<double> yProb, int bins = 10)
    {
        Classification.CheckProbabilistic(yTrue, yProb);
        Guard.AtLeastOne(bins, nameof(bins));
        var count = new int[bins];
        var sumProb = new double[bins];
        var sumTrue = new double[bins];
        for (int i = 0; i < yTrue.Count; i++)
        {
            int b = BinOf(yProb[i], bins);
            count[b]++;
            sumProb[b] += yProb[i];
            sumTrue[b] += yTrue[i];
        }
        var result = new ReliabilityBin[bins];
        for (int b = 0; b < bins; b++)
        {
            result[b] = new ReliabilityBin(
                (double)b / bins, (double)(b + 1) / bins, count[b],
                count[b] == 0 ? double.NaN : sumProb[b] / count[b],
                count[b] == 0 ? double.NaN : sumTrue[b] / count[b]);
        }
        return result;
    }

    /// <summary>
    /// Expected calibration error: the count-weighted mean gap between mean predicted probability and
    /// observed positive rate over equal-width bins, ECE = Σ_b (n_b / n) · |p̄_b − ȳ_b| (empty bins
    /// contribute nothing). Lower is better; 0 is perfect calibration at this binning. It depends on
    /// the number of bins, so compare models at the same <paramref name="bins"/>.
    /// </summary>
    /// <param name="yTrue">Labels, 0 or 1.</param>
    /// <param name="yProb">Predicted probabilities of label 1, in [0, 1].</param>
    /// <param name="bins">Number of bins, at least 1; default 10.</param>
    /// <example>yTrue = [0, 1, 0, 1], yProb = [0.1, 0.3, 0.6, 0.8], bins = 2 → ½·|0.2 − 0.5| + ½·|0.7 − 0.5| = 0.25.</example>
    /// <remarks>Reference: Naeini, Cooper &amp; Hauskrecht, "Obtaining well calibrated probabilities using Bayesian
    /// binning", AAAI 2015; Guo et al., "On calibration of modern neural networks", ICML 2017, §2.</remarks>
    /// <exception cref="ArgumentException">As <see cref="ReliabilityBins"/>.</exception>
    public static double ExpectedCalibrationError(IReadOnlyList<int> yTrue, IReadOnlyList<double> yProb, int bins = 10)
    {
        var table = ReliabilityBins(yTrue, yProb, bins);
        double ece = 0;
        foreach (var bin in table)
            if (bin.Count > 0) ece += (double)bin.Count / yTrue.Count * Math.Abs(bin.MeanPredicted - bin.ObservedRate);
        return ece;
    }

    /// <summary>The bin whose reported edges [b/B, (b+1)/B) contain p (the last bin also holds 1).</summary>
    internal static int BinOf(double p, int bins)
    {
        int b = Math.Min((int)(p * bins), bins - 1);
        // p·B can round across an edge; settle against the very edges that are reported.
        if (b > 0 && p < (double)b / bins) b--;
        else if (b < bins - 1 && p >= (double)(b + 1) / bins) b++;
        return b;
    }
}

/// <summary>One bin of a reliability diagram.</summary>
/// <param name="Lower">Lower edge (inclusive).</param>
/// <param name="Upper">Upper edge (exclusive, except 1 for the last bin).</param>
/// <param name="Count">Number of predictions in the bin.</param>
/// <param name="MeanPredicted">Mean predicted probability in the bin (NaN when empty).</param>
/// <param name="ObservedRate">Fraction of positives in the bin (NaN when empty).</param>
public sealed record ReliabilityBin(double Lower, double Upper, int Count, double MeanPredicted, double ObservedRate)
{
    /// <inheritdoc/>
    public override string ToString() => Count == 0
        ? string.Create(CultureInfo.InvariantCulture, $"[{Lower:0.###}, {Upper:0.###}): empty")
        : string.Create(CultureInfo.InvariantCulture,
            $"[{Lower:0.###}, {Upper:0.###}): n = {Count}, mean predicted {MeanPredicted:0.0000}, observed {ObservedRate:0.0000}");
}
