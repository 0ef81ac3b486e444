using Mlsd.Features;

namespace Mlsd.Tests.Features;

// Reference values marked "sklearn" were computed once with scikit-learn 1.2.1 (Debian python3-sklearn) on the
// same inputs and pasted here; the rest are worked by hand.
public class ScalingTests
{
    private static readonly double[][] s_x = [[1, 10], [2, 20], [3, 30], [4, 100]];

    [Fact]
    public void StandardScaler_MatchesSklearn()
    {
        var s = new StandardScaler().Fit(s_x);
        Assert.Equal([2.5, 40.0], s.Mean);
        AssertClose([1.118033988749895, 35.35533905932738], s.Scale);
        var z = s.Transform(s_x);
        AssertClose([-1.3416407864998738, -0.848528137423857], z[0]);
        AssertClose([1.3416407864998738, 1.697056274847714], z[3]);
        AssertClose([2.23606797749979, -1.131370849898476], s.Transform([[5.0, 0.0]])[0]);
        AssertClose(s_x[2], s.InverseTransform(z)[2]);
    }

    [Fact]
    public void StandardScaler_SingleColumn_HandValues()
    {
        // mean 2.5, population variance (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25.
        var z = new StandardScaler().FitTransform([1.0, 2, 3, 4]);
        Assert.Equal(1.5 / Math.Sqrt(1.25), z[3], 12);
        Assert.Equal([0.0, 0.0], new StandardScaler().FitTransform([7.0, 7.0])); // constant: scale 1
    }

    [Fact]
    public void MinMaxScaler_MatchesSklearn_AndDoesNotClip()
    {
        var m = new MinMaxScaler { Min = -1, Max = 1 }.Fit(s_x);
        var t = m.Transform(s_x);
        AssertClose([-1.0, -1.0], t[0]);
        AssertClose([-0.33333333333333326, -0.7777777777777779], t[1]);
        AssertClose([1.6666666666666665, -1.2222222222222223], m.Transform([[5.0, 0.0]])[0]);
        Assert.Equal([0.0, 0.25, 1.0, 1.25], new MinMaxScaler().Fit([2.0, 4, 10]).Transform([2.0, 4, 10, 12]));
    }

    [Fact]
    public void Scalers_RejectNaNAndUnfittedUse()
    {
        Assert.Contains("impute", Assert.Throws<ArgumentException>(() => new StandardScaler().Fit([1.0, double.NaN])).Message);
        Assert.Contains("Fit first", Assert.Throws<InvalidOperationException>(() => new MinMaxScaler().Transform([1.0])).Message);
        Assert.Contains("fitted on 2", Assert.Throws<ArgumentException>(() => new StandardScaler().Fit(s_x).Transform([[1.0]])).Message);
    }

    [Fact]
    public void LogTransformer_HandValues()
    {
        var log = new LogTransformer();
        AssertClose([0.0, 1.0, Math.Log(100)], log.Transform([0.0, Math.E - 1, 99]));
        Assert.Equal(99, log.InverseTransform([Math.Log(100)])[0], 9);
        Assert.Equal(Math.Log(2), new LogTransformer { Offset = 0 }.Transform([2.0])[0], 12);
        Assert.Contains("not above", Assert.Throws<ArgumentException>(() => log.Transform([-1.0])).Message);
    }

    internal static void AssertClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double tolerance = 1e-12)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++) Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"element {i}: expected {expected[i]:R}, got {actual[i]:R}");
    }
}

public class ImputationTests
{
    private static readonly double[][] s_x = [[1, double.NaN, 5], [double.NaN, 2, 5], [3, 4, double.NaN], [7, 4, 6]];

    [Theory]
    // sklearn SimpleImputer(strategy=…, add_indicator=True) on s_x: statistics_ and transform(s_x)[0].
    [InlineData(ImputeStrategy.Mean, new[] { 3.6666666666666665, 3.3333333333333335, 5.333333333333333 }, new[] { 1.0, 3.3333333333333335, 5.0, 0.0, 1.0, 0.0 })]
    [InlineData(ImputeStrategy.Median, new[] { 3.0, 4.0, 5.0 }, new[] { 1.0, 4.0, 5.0, 0.0, 1.0, 0.0 })]
    [InlineData(ImputeStrategy.MostFrequent, new[] { 1.0, 4.0, 5.0 }, new[] { 1.0, 4.0, 5.0, 0.0, 1.0, 0.0 })]
    [InlineData(ImputeStrategy.Constant, new[] { -1.0, -1.0, -1.0 }, new[] { 1.0, -1.0, 5.0, 0.0, 1.0, 0.0 })]
    public void SimpleImputer_MatchesSklearn(ImputeStrategy strategy, double[] statistics, double[] firstRow)
    {
        var imp = new SimpleImputer { Strategy = strategy, FillValue = -1, AddIndicator = true }.Fit(s_x);
        ScalingTests.AssertClose(statistics, imp.Statistics);
        var t = imp.Transform(s_x);
        ScalingTests.AssertClose(firstRow, t[0]);
        Assert.Equal([0.0, 0.0, 1.0], t[2][3..]);
        Assert.Equal(["a", "b", "c", "missing_a", "missing_b", "missing_c"], imp.FeatureNamesOut(["a", "b", "c"]));
    }

    [Fact]
    public void Indicator_OnlyForFeaturesMissingAtFit()
    {
        double[][] x = [[1, 2], [double.NaN, 3]];
        var imp = new SimpleImputer { AddIndicator = true }.Fit(x);
        Assert.Equal([0], imp.IndicatorFeatures);
        Assert.Equal([1.0, 9.0, 1.0], imp.Transform([[double.NaN, 9.0]])[0]);
    }

    [Fact]
    public void AllMissingFeature_IsReported()
    {
        var e = Assert.Throws<ArgumentException>(() => new SimpleImputer().Fit([[double.NaN, 1.0], [double.NaN, 2.0]]));
        Assert.Contains("feature 0 has no observed values", e.Message);
    }

    [Fact]
    public void SingleColumn_Median() =>
        Assert.Equal([1.0, 2.5, 4.0, 2.5], new SimpleImputer { Strategy = ImputeStrategy.Median }.Fit([1.0, double.NaN, 4.0, double.NaN]).Transform([1.0, double.NaN, 4.0, double.NaN]));
}

public class BucketingTests
{
    [Fact]
    public void Bucketizer_DocumentedExample()
    {
        var b = new Bucketizer([10, 20]);
        Assert.Equal([0, 1, 1, 2, 2], b.Transform([5.0, 10, 19.9, 20, 1000]));
        Assert.Equal(["(-∞, 10)", "[10, 20)", "[20, ∞)"], b.Labels());
        Assert.Throws<ArgumentException>(() => new Bucketizer([3, 3]));
        Assert.Throws<ArgumentException>(() => b.Bucket(double.NaN));
    }

    [Fact]
    public void Quantile_DocumentedExample()
    {
        var q = new QuantileBucketizer { Buckets = 4 }.Fit([1.0, 2, 3, 4, 5, 6, 7, 8]);
        Assert.Equal([2.75, 4.5, 6.25], q.Edges);
        Assert.Equal([0, 0, 1, 1, 2, 2, 3, 3], q.Transform([1.0, 2, 3, 4, 5, 6, 7, 8]));
    }

    [Fact]
    public void Quantile_MatchesSklearnKBinsDiscretizer()
    {
        // sklearn KBinsDiscretizer(n_bins=3, encode="ordinal", strategy="quantile"): bin_edges_ [0.1, 2.2000000000000006,
        // 6.300000000000001, 9.9]; transform of the training data below.
        double[] v = [0.5, 3.2, 1.7, 8.8, 2.2, 9.9, 4.4, 0.1, 6.3, 7.7];
        var q = new QuantileBucketizer { Buckets = 3 }.Fit(v);
        ScalingTests.AssertClose([2.2000000000000006, 6.300000000000001], q.Edges, 1e-12);
        Assert.Equal([0, 1, 0, 2, 0, 2, 1, 0, 1, 2], q.Transform(v));
    }

    [Fact]
    public void Quantile_TiedEdgesMerged_AsSklearn()
    {
        // sklearn (4 bins on [1,1,1,2,3,4,5,100]): edges [1, 2.5, 4.25, 100] after removing the empty bin [1, 1];
        // transform([0, 1, 1.5, 2, 4.5, 1000]) = [0, 0, 0, 0, 2, 2].
        var q = new QuantileBucketizer { Buckets = 4 }.Fit([1.0, 1, 1, 2, 3, 4, 5, 100]);
        Assert.Equal([2.5, 4.25], q.Edges);
        Assert.Equal(3, q.BucketCount);
        Assert.Equal([0, 0, 0, 0, 2, 2], q.Transform([0.0, 1, 1.5, 2, 4.5, 1000]));
    }
}

public class OneHotTests
{
    private static readonly string[] s_cities = ["Paris", "Oslo", "Paris", "Rome", "Oslo", "Paris", "Lima"];

    [Fact]
    public void Ignore_MatchesSklearn()
    {
        // sklearn OneHotEncoder(handle_unknown="ignore"): categories ['Lima', 'Oslo', 'Paris', 'Rome'];
        // transform([["Oslo"], ["Tokyo"]]) = [[0, 1, 0, 0], [0, 0, 0, 0]].
        var e = new OneHotEncoder { HandleUnknown = UnknownCategory.Ignore, Name = "city" }.Fit(s_cities);
        Assert.Equal(["Lima", "Oslo", "Paris", "Rome"], e.Categories);
        var t = e.Transform(["Oslo", "Tokyo"]);
        Assert.Equal([0.0, 1, 0, 0], t[0]);
        Assert.Equal([0.0, 0, 0, 0], t[1]);
        Assert.Equal([1, -1], e.TransformIndices(["Oslo", "Tokyo"]));
        Assert.Equal("city=Lima", e.FeatureNames[0]);
    }

    [Fact]
    public void MinFrequencyWithBucket_MatchesSklearnInfrequent()
    {
        // sklearn OneHotEncoder(handle_unknown="infrequent_if_exist", min_frequency=2): features
        // ['x0_Oslo', 'x0_Paris', 'x0_infrequent_sklearn']; transform(Oslo, Rome, Tokyo, Paris) =
        // [[1,0,0],[0,0,1],[0,0,1],[0,1,0]].
        var e = new OneHotEncoder { HandleUnknown = UnknownCategory.Bucket, MinFrequency = 2 }.Fit(s_cities);
        Assert.Equal(["x=Oslo", "x=Paris", "x=(other)"], e.FeatureNames);
        var t = e.Transform(["Oslo", "Rome", "Tokyo", "Paris"]);
        Assert.Equal(new double[][] { [1, 0, 0], [0, 0, 1], [0, 0, 1], [0, 1, 0] }, t);
    }

    [Fact]
    public void Error_NamesTheUnknownValue()
    {
        var e = new OneHotEncoder().Fit(s_cities);
        var ex = Assert.Throws<ArgumentException>(() => e.Transform(["Paris", "Tokyo"]));
        Assert.Contains("\"Tokyo\"", ex.Message);
        Assert.Contains("HandleUnknown", ex.Message);
    }

    [Fact]
    public void FeatureMatrix_StacksBlocks()
    {
        var rows = FeatureMatrix.HStack(FeatureMatrix.FromColumns([1.0, 2.0], [3.0, 4.0]), new OneHotEncoder().FitTransform(["b", "a"]));
        Assert.Equal(new double[][] { [1, 3, 0, 1], [2, 4, 1, 0] }, rows);
        Assert.Equal([3.0, 4.0], FeatureMatrix.Column(rows, 1));
    }
}
