using Mlsd.Metrics;

namespace Mlsd.Tests.Metrics;

public class ClassificationTests
{
    private const double Tol = 1e-12;

    // A 10-example set used with scikit-learn 1.2.1 (Debian python3-sklearn) for reference values.
    private static readonly int[] YTrue10 = [0, 1, 1, 0, 1, 0, 1, 1, 0, 0];
    private static readonly double[] YProb10 = [0.1, 0.9, 0.6, 0.4, 0.7, 0.3, 0.45, 0.8, 0.55, 0.2];

    // A set with tied scores: 0.4 three times (labels 0, 1, 0) and 0.1 twice (labels 0, 1).
    private static readonly int[] YTrueTies = [0, 0, 1, 1, 1, 0, 1, 1];
    private static readonly double[] YScoreTies = [0.1, 0.4, 0.35, 0.8, 0.4, 0.4, 0.9, 0.1];

    [Fact]
    public void LogLoss_TwoExamples_ByHand()
    {
        // −(ln 0.8 + ln 0.6) / 2 = (0.22314355131420976 + 0.5108256237659907) / 2
        Assert.Equal(0.3669845875401002, Classification.LogLoss([1, 0], [0.8, 0.4]), Tol);
    }

    [Fact]
    public void LogLoss_MatchesSklearn()
    {
        // sklearn.metrics.log_loss(YTrue10, YProb10) = 0.3989024661789062
        Assert.Equal(0.3989024661789062, Classification.LogLoss(YTrue10, YProb10), Tol);
    }

    [Fact]
    public void LogLoss_ClipsCertainMistakes()
    {
        // sklearn.metrics.log_loss([1, 0], [0.0, 1.0], labels=[0, 1], eps=1e-15) = 34.53917619362578
        Assert.Equal(34.53917619362578, Classification.LogLoss([1, 0], [0.0, 1.0]), 1e-9);
    }

    [Fact]
    public void NormalizedCrossEntropy_BalancedLabels_DividesByLn2()
    {
        // base rate ½ → entropy ln 2; 0.3669845875401002 / 0.6931471805599453
        Assert.Equal(0.5294468445267843, Classification.NormalizedCrossEntropy([1, 0], [0.8, 0.4]), Tol);
    }

    [Fact]
    public void NormalizedCrossEntropy_ImbalancedLabels()
    {
        // base rate 2/8 = 0.25: H = −(0.25 ln 0.25 + 0.75 ln 0.75) = 0.5623351446188083;
        // sklearn log_loss = 0.4062223037010022 → NCE = 0.722384698143612
        int[] y = [0, 0, 0, 1, 0, 0, 1, 0];
        double[] p = [0.2, 0.1, 0.3, 0.6, 0.05, 0.25, 0.3, 0.4];
        Assert.Equal(0.722384698143612, Classification.NormalizedCrossEntropy(y, p), Tol);
    }

    [Fact]
    public void NormalizedCrossEntropy_PredictingBaseRate_IsOne()
    {
        // Predicting the empirical rate exactly gives log loss = entropy, so NCE = 1 by definition.
        Assert.Equal(1.0, Classification.NormalizedCrossEntropy([1, 0, 0, 0], [0.25, 0.25, 0.25, 0.25]), Tol);
    }

    [Fact]
    public void NormalizedCrossEntropy_WithTrainingBaseRate_ByHand()
    {
        // log loss (−ln 0.8 − ln 0.6)/2 = 0.3669845875…; H(0.25) = 0.25 ln 4 + 0.75 ln(4/3) = 0.5623351446…
        Assert.Equal(0.3669845875401002 / 0.5623351446188083, Classification.NormalizedCrossEntropy([1, 0], [0.8, 0.4], baseRate: 0.25), Tol);
        // the labels' own rate reproduces the two-argument form
        Assert.Equal(Classification.NormalizedCrossEntropy([1, 0], [0.8, 0.4]), Classification.NormalizedCrossEntropy([1, 0], [0.8, 0.4], 0.5), Tol);
        // one class is fine with an outside denominator: (−ln 0.9 − ln 0.8)/2 = 0.1642520335 over H(0.1) = 0.3250829734
        Assert.Equal(0.164252033486018 / 0.3250829733914482, Classification.NormalizedCrossEntropy([0, 0], [0.1, 0.2], 0.1), Tol);
        Assert.Throws<ArgumentOutOfRangeException>(() => Classification.NormalizedCrossEntropy([1, 0], [0.8, 0.4], 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Classification.NormalizedCrossEntropy([1, 0], [0.8, 0.4], double.NaN));
    }

    [Fact]
    public void NormalizedCrossEntropy_SingleClass_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Classification.NormalizedCrossEntropy([1, 1], [0.5, 0.7]));
        Assert.Equal("yTrue", ex.ParamName);
        Assert.Contains("both classes", ex.Message);
    }

    [Fact]
    public void RocAuc_SmallExample_ByHand()
    {
        // pairs (pos, neg): (0.35, 0.1) ok, (0.35, 0.4) wrong, (0.8, 0.1) ok, (0.8, 0.4) ok → 3/4
        Assert.Equal(0.75, Classification.RocAucScore([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]), Tol);
    }

    [Fact]
    public void RocAuc_TieIsHalfCredit()
    {
        Assert.Equal(0.5, Classification.RocAucScore([0, 1], [0.5, 0.5]), Tol);
    }

    [Fact]
    public void RocAuc_WithTies_MatchesSklearnAndMannWhitney()
    {
        // sklearn.metrics.roc_auc_score(YTrueTies, YScoreTies) = 0.6333333333333333.
        // By hand: 5 positives × 3 negatives = 15 pairs; wins + ½ ties = 9.5 → 9.5/15.
        Assert.Equal(0.6333333333333333, Classification.RocAucScore(YTrueTies, YScoreTies), Tol);
        // sklearn.metrics.roc_auc_score(YTrue10, YProb10) = 0.9600000000000001
        Assert.Equal(0.96, Classification.RocAucScore(YTrue10, YProb10), Tol);
    }

    [Fact]
    public void RocAuc_LargeInput_NoOverflow()
    {
        // 100,000 examples, label 1 at odd indices, score = index. The positive at 2k+1 outranks the k+1 negatives
        // 0, 2, …, 2k, so the wins sum to P(P+1)/2 with P = N = 50,000: AUC = (P+1)/(2N) = 50,001/100,000.
        int n = 100_000;
        var y = new int[n];
        var s = new double[n];
        for (int i = 0; i < n; i++) { y[i] = i % 2; s[i] = i; }
        Assert.Equal(0.50001, Classification.RocAucScore(y, s), 1e-12);
    }

    [Fact]
    public void RocAuc_OneClass_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Classification.RocAucScore([0, 0, 0], [0.1, 0.2, 0.3]));
        Assert.Equal("yTrue", ex.ParamName);
    }

    [Fact]
    public void PrAuc_SmallExample_ByHand()
    {
        // See the XML doc: ½·1 + 0 + ½·⅔ = 5/6; sklearn average_precision_score gives 0.8333333333333333
        Assert.Equal(5.0 / 6, Classification.PrAucScore([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]), Tol);
    }

    [Fact]
    public void PrAuc_MatchesSklearnAveragePrecision()
    {
        // sklearn.metrics.average_precision_score(YTrueTies, YScoreTies) = 0.7783333333333333
        Assert.Equal(0.7783333333333333, Classification.PrAucScore(YTrueTies, YScoreTies), Tol);
        // sklearn.metrics.average_precision_score(YTrue10, YProb10) = 0.9666666666666666
        Assert.Equal(0.9666666666666666, Classification.PrAucScore(YTrue10, YProb10), Tol);
    }

    [Fact]
    public void PrAuc_NoPositives_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Classification.PrAucScore([0, 0], [0.1, 0.2]));
        Assert.Equal("yTrue", ex.ParamName);
    }

    [Fact]
    public void RocCurve_MatchesSklearnWithoutDropIntermediate()
    {
        // sklearn.metrics.roc_curve(YTrueTies, YScoreTies, drop_intermediate=False):
        // fpr [0, 0, 0, 2/3, 2/3, 1], tpr [0, .2, .4, .6, .8, 1], thresholds [1.9, .9, .8, .4, .35, .1]
        // (sklearn 1.2 uses max+1 for the first threshold; we use +∞).
        var curve = Classification.RocCurve(YTrueTies, YScoreTies);
        AssertSequence([0, 0, 0, 2.0 / 3, 2.0 / 3, 1], curve.FalsePositiveRate);
        AssertSequence([0, 0.2, 0.4, 0.6, 0.8, 1], curve.TruePositiveRate);
        AssertSequence([double.PositiveInfinity, 0.9, 0.8, 0.4, 0.35, 0.1], curve.Thresholds);
        Assert.Equal(0.6333333333333333, curve.Area, Tol); // trapezoids reproduce the AUC
    }

    [Fact]
    public void PrecisionRecallCurve_MatchesSklearnReversed()
    {
        // sklearn.metrics.precision_recall_curve(YTrueTies, YScoreTies), arrays reversed to strict → loose:
        // precision [1, 1, 1, .6, 2/3, .625], recall [0, .2, .4, .6, .8, 1], thresholds [.9, .8, .4, .35, .1]
        var curve = Classification.PrecisionRecallCurve(YTrueTies, YScoreTies);
        AssertSequence([1, 1, 1, 0.6, 2.0 / 3, 0.625], curve.Precision);
        AssertSequence([0, 0.2, 0.4, 0.6, 0.8, 1], curve.Recall);
        AssertSequence([double.PositiveInfinity, 0.9, 0.8, 0.4, 0.35, 0.1], curve.Thresholds);
        Assert.Equal(0.7783333333333333, curve.AveragePrecision, Tol);
    }

    [Fact]
    public void ConfusionMatrix_AtThreshold_MatchesSklearn()
    {
        // sklearn.metrics.confusion_matrix(YTrue10, YProb10 >= 0.5) = [[TN 4, FP 1], [FN 1, TP 4]]
        var cm = Classification.ConfusionMatrix(YTrue10, YProb10, 0.5);
        Assert.Equal(new BinaryConfusionMatrix(TruePositives: 4, FalsePositives: 1, TrueNegatives: 4, FalseNegatives: 1), cm);
        Assert.Equal(0.8, cm.Accuracy, Tol);
    }

    [Fact]
    public void ConfusionMatrix_DocExample_AndToString()
    {
        // scores ≥ 0.5 → predictions [1, 0, 1, 0, 1] vs labels [1, 1, 0, 0, 1]: TP 2, FP 1, TN 1, FN 1
        var cm = Classification.ConfusionMatrix([1, 1, 0, 0, 1], [0.9, 0.4, 0.6, 0.2, 0.5]);
        Assert.Equal((2, 1, 1, 1), (cm.TruePositives, cm.FalsePositives, cm.TrueNegatives, cm.FalseNegatives));
        string text = cm.ToString();
        Assert.Contains("TP=2 FP=1 TN=1 FN=1", text);
        Assert.Contains("precision 0.667", text);
        Assert.Contains("actual 1", text);
    }

    [Fact]
    public void ConfusionMatrix_FromHardPredictions()
    {
        var cm = Classification.ConfusionMatrix([1, 1, 0, 0], [1, 0, 1, 0]);
        Assert.Equal(new BinaryConfusionMatrix(1, 1, 1, 1), cm);
    }

    [Fact]
    public void PrecisionRecallF1_MatchSklearn()
    {
        // sklearn precision_score / recall_score / f1_score on YTrue10 with predictions YProb10 >= 0.5: 0.8, 0.8, 0.8
        Assert.Equal(0.8, Classification.PrecisionScore(YTrue10, YProb10, 0.5), Tol);
        Assert.Equal(0.8, Classification.RecallScore(YTrue10, YProb10, 0.5), Tol);
        Assert.Equal(0.8, Classification.F1Score(YTrue10, YProb10, 0.5), Tol);
    }

    [Fact]
    public void F1_DocExample_ByHand()
    {
        // predictions [1, 1, 0, 0] vs [1, 0, 1, 0]: TP 1, FP 1, FN 1 → 2/(2+1+1)
        Assert.Equal(0.5, Classification.F1Score([1, 0, 1, 0], [0.9, 0.8, 0.3, 0.1]), Tol);
    }

    [Fact]
    public void Precision_NothingPredictedPositive_IsZero()
    {
        Assert.Equal(0.0, Classification.PrecisionScore([1, 0], [0.1, 0.2], 0.5));
    }

    [Fact]
    public void Lists_WorkLikeArrays()
    {
        var y = new List<int> { 0, 0, 1, 1 };
        var s = new List<double> { 0.1, 0.4, 0.35, 0.8 };
        Assert.Equal(0.75, Classification.RocAucScore(y, s), Tol);
    }

    [Fact]
    public void BadInput_NamesTheArgument()
    {
        var lengths = Assert.Throws<ArgumentException>(() => Classification.LogLoss([1, 0, 1], [0.5, 0.5, 0.5, 0.5]));
        Assert.Contains("yTrue and yProb must have the same length (got 3 and 4)", lengths.Message);

        var empty = Assert.Throws<ArgumentException>(() => Classification.LogLoss([], []));
        Assert.Equal("yTrue", empty.ParamName);

        var label = Assert.Throws<ArgumentException>(() => Classification.RocAucScore([0, 2, 1], [0.1, 0.2, 0.3]));
        Assert.Contains("found 2 at index 1", label.Message);

        var prob = Assert.Throws<ArgumentException>(() => Classification.LogLoss([0, 1], [0.5, 1.2]));
        Assert.Equal("yProb", prob.ParamName);
        Assert.Contains("[0, 1]", prob.Message);

        var nanProb = Assert.Throws<ArgumentException>(() => Classification.LogLoss([0, 1], [double.NaN, 0.5]));
        Assert.Equal("yProb", nanProb.ParamName);

        var nanScore = Assert.Throws<ArgumentException>(() => Classification.RocAucScore([0, 1], [0.3, double.NaN]));
        Assert.Equal("yScore", nanScore.ParamName);
        Assert.Contains("NaN", nanScore.Message);

        Assert.Throws<ArgumentNullException>(() => Classification.LogLoss(null!, [0.5]));
    }

    private static void AssertSequence(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (double.IsInfinity(expected[i])) Assert.Equal(expected[i], actual[i]);
            else Assert.Equal(expected[i], actual[i], Tol);
        }
    }
}
