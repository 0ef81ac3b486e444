namespace Mlsd.Bench;

/// <summary>The two metrics the benchmark reports, computed as scikit-learn does (ties in ROC-AUC get average rank).</summary>
internal static class Metrics
{
    public static double RocAuc(IReadOnlyList<int> y, IReadOnlyList<double> score)
    {
        int n = y.Count;
        var order = Enumerable.Range(0, n).OrderBy(i => score[i]).ToArray();
        double rankSumPositives = 0;
        long positives = 0;
        for (int i = 0; i < n;)
        {
            int j = i;
            while (j + 1 < n && score[order[j + 1]] == score[order[i]]) j++;
            double averageRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++)
                if (y[order[k]] == 1) { rankSumPositives += averageRank; positives++; }
            i = j + 1;
        }
        long negatives = n - positives;
        return (rankSumPositives - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }

    public static double LogLoss(IReadOnlyList<int> y, IReadOnlyList<double> p)
    {
        double sum = 0;
        for (int i = 0; i < y.Count; i++)
        {
            double q = Math.Clamp(p[i], 1e-15, 1 - 1e-15);
            sum -= y[i] == 1 ? Math.Log(q) : Math.Log(1 - q);
        }
        return sum / y.Count;
    }
}
