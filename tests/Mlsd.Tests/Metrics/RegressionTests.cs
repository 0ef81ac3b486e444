using Mlsd.Metrics;

namespace Mlsd.Tests.Metrics;

public class RegressionTests
{
    private static readonly double[] YTrue = [3, -0.5, 2, 7];
    private static readonly double[] YPred = [2.5, 0, 2, 8];

    [Fact]
    public void Errors_MatchSklearnDocumentationExample()
    {
        // scikit-learn 1.2.1: mean_squared_error = 0.375, mean_absolute_error = 0.5,
        // mean_squared_error(squared=False) = 0.6123724356957945, r2_score = 0.9486081370449679
        Assert.Equal(0.375, Regression.MeanSquaredError(YTrue, YPred), 1e-12);
        Assert.Equal(0.5, Regression.MeanAbsoluteError(YTrue, YPred), 1e-12);
        Assert.Equal(0.6123724356957945, Regression.RootMeanSquaredError(YTrue, YPred), 1e-12);
        Assert.Equal(0.9486081370449679, Regression.R2Score(YTrue, YPred), 1e-12);
    }

    [Fact]
    public void BadInput_Throws()
    {
        var lengths = Assert.Throws<ArgumentException>(() => Regression.MeanSquaredError([1.0, 2.0], [1.0]));
        Assert.Contains("yTrue and yPred must have the same length (got 2 and 1)", lengths.Message);
        Assert.Throws<ArgumentException>(() => Regression.MeanAbsoluteError([], []));
        var nan = Assert.Throws<ArgumentException>(() => Regression.MeanSquaredError([1.0, double.NaN], [1.0, 2.0]));
        Assert.Equal("yTrue", nan.ParamName);
        var constant = Assert.Throws<ArgumentException>(() => Regression.R2Score([2.0, 2.0], [1.0, 2.0]));
        Assert.Contains("constant", constant.Message);
    }
}
