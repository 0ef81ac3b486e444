using Mlsd.Metrics;
using Mlsd.Models.NeuralNets;

namespace Mlsd.Tests.Models.NeuralNets;

/// <summary>The regression heads of <see cref="MultiTaskClassifier"/> (the feed's dwell-time head).</summary>
public sealed class MultiTaskRegressionHeadTests
{
    // Known by construction: "word" is 1 exactly when term 3 is in the text; the target "dwell" is 2·d0 − d1 + 1 when
    // term 5 is present and 2·d0 − d1 otherwise — a function the network can represent, so R² on fresh rows is near 1.
    private static (MultiTaskInput[] X, IReadOnlyList<int>[] Y, IReadOnlyList<double>[] T) Data(int n, int seed)
    {
        var rng = new Sampler(seed);
        var x = new MultiTaskInput[n];
        var y = new IReadOnlyList<int>[n];
        var t = new IReadOnlyList<double>[n];
        for (int i = 0; i < n; i++)
        {
            int[] terms = [.. Enumerable.Range(0, 10).Where(_ => rng.Bernoulli(0.3))];
            float d0 = (float)rng.Normal(), d1 = (float)rng.Normal();
            x[i] = new MultiTaskInput(terms, [.. terms.Select(_ => 1f)], [d0, d1]);
            y[i] = [terms.Contains(3) ? 1 : 0];
            t[i] = [2.0 * d0 - d1 + (terms.Contains(5) ? 1 : 0)];
        }
        return (x, y, t);
    }

    private static MultiTaskClassifier Net(params string[] regression) =>
        new(["word"], textWidth: 10, denseWidth: 2)
        {
            Epochs = 30, BatchSize = 32, LearningRate = 0.02f, Seed = 3, RegressionTasks = regression,
        };

    private static double RSquared(IReadOnlyList<IReadOnlyList<double>> truth, double[] predicted) =>
        Regression.R2Score([.. truth.Select(r => r[0])], predicted);

    [Fact]
    public void TheDwellHeadLearnsAKnownFunctionBesideTheClassifier()
    {
        var (x, y, t) = Data(800, 1);
        var (xTest, yTest, tTest) = Data(300, 2);
        var net = Net("dwell").Fit(x, y, t);
        Assert.True(RSquared(tTest, net.PredictValue(xTest, "dwell")) > 0.95);
        Assert.True(Classification.RocAucScore([.. yTest.Select(r => r[0])], net.PredictProbability(xTest, "word")) > 0.99);
        Assert.Equal(net.PredictValue(xTest).Select(r => r[0]), net.PredictValue(xTest, "dwell"));
        Assert.Contains("+ 1 regression", net.ToString());
    }

    [Fact]
    public void UnknownTargetsAreLeftOut()
    {
        // Half the targets unknown (NaN): nothing turns NaN, and the known half still teaches the head.
        var (x, y, t) = Data(800, 1);
        var (xTest, _, tTest) = Data(300, 2);
        IReadOnlyList<double>[] half = [.. t.Select((r, i) => (IReadOnlyList<double>)[i % 2 == 0 ? r[0] : double.NaN])];
        var predicted = Net("dwell").Fit(x, y, half).PredictValue(xTest, "dwell");
        Assert.All(predicted, v => Assert.True(double.IsFinite(v)));
        Assert.True(RSquared(tTest, predicted) > 0.9);
    }

    [Fact]
    public void AllTargetsUnknownLeavesTheClassifierExactlyAsWithoutTheHead()
    {
        // With every target unknown the regression loss and its gradients are 0, and its head's weights are drawn after
        // the classification heads: the classifier must be bit-for-bit the one trained without regression tasks.
        var (x, y, _) = Data(300, 1);
        IReadOnlyList<double>[] unknown = [.. x.Select(_ => (IReadOnlyList<double>)[double.NaN])];
        var plain = Net().Fit(x, y).DecisionFunction(x).SelectMany(r => r);
        var withHead = Net("dwell").Fit(x, y, unknown).DecisionFunction(x).SelectMany(r => r);
        Assert.Equal(plain, withHead);
    }

    [Fact]
    public void BadInputNamesTheArgument()
    {
        var (x, y, t) = Data(50, 1);
        Assert.Equal("targets", Assert.Throws<ArgumentException>(() => Net("dwell").Fit(x, y)).ParamName);
        Assert.Equal("targets", Assert.Throws<ArgumentException>(() => Net().Fit(x, y, t)).ParamName);
        Assert.Equal("targets", Assert.Throws<ArgumentException>(() => Net("dwell").Fit(x, y, t.Take(10).ToArray())).ParamName);
        IReadOnlyList<double>[] wide = [.. t.Select(r => (IReadOnlyList<double>)[r[0], 1.0])];
        Assert.Equal("targets", Assert.Throws<ArgumentException>(() => Net("dwell").Fit(x, y, wide)).ParamName);
        IReadOnlyList<double>[] infinite = [.. t.Select(_ => (IReadOnlyList<double>)[double.PositiveInfinity])];
        Assert.Equal("targets", Assert.Throws<ArgumentException>(() => Net("dwell").Fit(x, y, infinite)).ParamName);
        Assert.Equal("RegressionTasks", Assert.Throws<ArgumentException>(() => Net("word").Fit(x, y, t)).ParamName);
        var fitted = Net("dwell").Fit(x, y, t);
        Assert.Equal("task", Assert.Throws<ArgumentException>(() => fitted.PredictValue(x, "skip")).ParamName);
        Assert.Throws<InvalidOperationException>(() => Net().Fit(x, y).PredictValue(x));
    }

    [Fact]
    public void WeightedSquaredErrorByHand()
    {
        // Predictions [1, 3] against [0, 0]: (1 + 9)/2 = 5; weights [1, 0] leave the second out: 1/2 = 0.5.
        Assert.Equal(5f, Losses.MeanSquaredError(new Tensor(1, 2, [1, 3]), [0, 0]).Value, 1e-6f);
        Assert.Equal(0.5f, Losses.MeanSquaredError(new Tensor(1, 2, [1, 3]), [0, 0], [1, 0]).Value, 1e-6f);
        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => Losses.MeanSquaredError(new Tensor(1, 2, [1, 3]), [0, 0], [1])).ParamName);
    }
}
