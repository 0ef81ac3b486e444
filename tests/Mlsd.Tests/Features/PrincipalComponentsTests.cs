using Mlsd.Features;

namespace Mlsd.Tests.Features;

/// <summary>PCA against the XML doc's hand-worked example and against scikit-learn.</summary>
public sealed class PrincipalComponentsTests
{
    [Fact]
    public void TheDocumentedExample()
    {
        // Rows (0,0), (2,2), (4,4): mean (2,2); centred rows (−2,−2), (0,0), (2,2) project on (1/√2, 1/√2) to
        // −2√2, 0, 2√2, whose variance is (8 + 0 + 8)/(3 − 1) = 8 (the covariance [[4, 4], [4, 4]] has eigenvalues 8, 0).
        var pca = new PrincipalComponents(1).Fit([[0, 0], [2, 2], [4, 4]]);
        Assert.Equal([2f, 2f], pca.Mean);
        Assert.Equal(1 / Math.Sqrt(2), pca.Axes[0][0], 5);
        Assert.Equal(1 / Math.Sqrt(2), pca.Axes[0][1], 5);
        Assert.Equal(8, pca.ExplainedVariance[0], 5);
        Assert.Equal(1, pca.ExplainedVarianceRatio[0], 6);
        Assert.Equal(2 * Math.Sqrt(2), pca.Transform([4f, 4f])[0], 5);
    }

    [Fact]
    public void AgreesWithScikitLearn()
    {
        // Reference: Debian python3-sklearn 1.2.1, PCA(n_components=2, svd_solver='full').fit(X) on the rows below;
        // components_ were [[−0.6988434667, −0.6785838059, 0.2261455891], [−0.360201632, 0.060724313, −0.9308959889]],
        // here sign-flipped so each axis's largest-magnitude entry is positive (PCA fixes an axis only up to sign);
        // transform([1, 2, 0.5]) was [0.9531198283, 0.4485637347], flipped with its axes.
        float[][] x = [[2.5f, 2.4f, 0.5f], [0.5f, 0.7f, 1.0f], [2.2f, 2.9f, 0.1f], [1.9f, 2.2f, 0.8f], [3.1f, 3.0f, 0.2f], [2.3f, 2.7f, 0.9f]];
        var pca = new PrincipalComponents(2).Fit(x);
        AssertClose([2.0833333333, 2.3166666667, 0.5833333333], pca.Mean.Select(v => (double)v));
        AssertClose([0.6988434667, 0.6785838059, -0.2261455891], pca.Axes[0].Select(v => (double)v));
        AssertClose([0.360201632, -0.060724313, 0.9308959889], pca.Axes[1].Select(v => (double)v));
        AssertClose([1.5058760866, 0.070357544], pca.ExplainedVariance);
        AssertClose([0.9289796956, 0.0434037903], pca.ExplainedVarianceRatio);
        AssertClose([-0.9531198283, -0.4485637347], pca.Transform([1f, 2f, 0.5f]).Select(v => (double)v));
        Assert.Contains("97.2", pca.ToString());   // 0.92898 + 0.04340 = 97.24 % kept
    }

    [Fact]
    public void BadInputNamesTheArgument()
    {
        Assert.Equal("components", Assert.Throws<ArgumentOutOfRangeException>(() => new PrincipalComponents(0)).ParamName);
        Assert.Equal("rows", Assert.Throws<ArgumentException>(() => new PrincipalComponents(1).Fit([[1f]])).ParamName);
        Assert.Equal("rows", Assert.Throws<ArgumentException>(() => new PrincipalComponents(1).Fit([[1f, 2f], [1f]])).ParamName);
        Assert.Equal("rows", Assert.Throws<ArgumentException>(() => new PrincipalComponents(3).Fit([[1f, 2f], [3f, 1f]])).ParamName);
        Assert.Equal("rows", Assert.Throws<ArgumentException>(() => new PrincipalComponents(1).Fit([[1f], [float.NaN]])).ParamName);
        var fitted = new PrincipalComponents(1).Fit([[0f, 1f], [1f, 0f]]);
        Assert.Equal("row", Assert.Throws<ArgumentException>(() => fitted.Transform([1f, 2f, 3f])).ParamName);
        Assert.Throws<InvalidOperationException>(() => new PrincipalComponents(1).Transform([1f]));
    }

    private static void AssertClose(double[] expected, IEnumerable<double> actual)
    {
        var a = actual.ToArray();
        Assert.Equal(expected.Length, a.Length);
        for (int i = 0; i < a.Length; i++) Assert.Equal(expected[i], a[i], 5);
    }
}
