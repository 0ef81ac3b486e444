using Mlsd.Metrics;
using Mlsd.Models.NeuralNets;

namespace Mlsd.Tests.Models.NeuralNets;

public class MultiTaskClassifierTests
{
    // A two-task world whose answers are known by construction: task "word" is 1 exactly when term 3 is in the text,
    // task "dense" is 1 exactly when the first dense feature is positive. A network that learns both ranks every
    // positive above every negative: ROC-AUC 1 on fresh examples.
    private static (MultiTaskInput[] X, IReadOnlyList<int>[] Y) Data(int n, int seed)
    {
        var rng = new Sampler(seed);
        var x = new MultiTaskInput[n];
        var y = new IReadOnlyList<int>[n];
        for (int i = 0; i < n; i++)
        {
            int[] terms = [.. Enumerable.Range(0, 10).Where(_ => rng.Bernoulli(0.3))];
            float d0 = (float)rng.Normal(), d1 = (float)rng.Normal();
            x[i] = new MultiTaskInput(terms, [.. terms.Select(_ => 1f)], [d0, d1]);
            y[i] = [terms.Contains(3) ? 1 : 0, d0 > 0 ? 1 : 0];
        }
        return (x, y);
    }

    private static MultiTaskClassifier Net() =>
        new(["word", "dense"], textWidth: 10, denseWidth: 2) { Epochs = 30, BatchSize = 32, LearningRate = 0.02f, Seed = 3 };

    [Fact]
    public void LearnsEachTaskFromItsOwnSignal()
    {
        var (x, y) = Data(600, 1);
        var (xTest, yTest) = Data(300, 2);
        var net = Net().Fit(x, y);
        var p = net.PredictProbability(xTest);
        for (int k = 0; k < 2; k++)
            Assert.True(Classification.RocAucScore(yTest.Select(r => r[k]).ToArray(), p.Select(r => r[k]).ToArray()) > 0.99);
        Assert.True(net.LossHistory[^1] < net.LossHistory[0] / 4);
        Assert.Equal(p.Select(r => r[1]), net.PredictProbability(xTest, "dense"));
    }

    [Fact]
    public void UnknownLabelsAreLeftOutOfTheLoss()
    {
        // Task "dense" is unknown (−1) everywhere: training must still learn "word", and must not learn "dense" at all,
        // so its ROC-AUC stays near chance (0.5) rather than near 1.
        var (x, y) = Data(600, 1);
        var (xTest, yTest) = Data(300, 2);
        IReadOnlyList<int>[] partial = [.. y.Select(r => (IReadOnlyList<int>)[r[0], -1])];
        var p = Net().Fit(x, partial).PredictProbability(xTest);
        Assert.True(Classification.RocAucScore(yTest.Select(r => r[0]).ToArray(), p.Select(r => r[0]).ToArray()) > 0.99);
        Assert.InRange(Classification.RocAucScore(yTest.Select(r => r[1]).ToArray(), p.Select(r => r[1]).ToArray()), 0.3, 0.7);
    }

    [Fact]
    public void SameSeedSameWeights()
    {
        var (x, y) = Data(200, 1);
        Assert.Equal(Net().Fit(x, y).DecisionFunction(x).SelectMany(r => r), Net().Fit(x, y).DecisionFunction(x).SelectMany(r => r));
    }

    [Fact]
    public void BadInputNamesTheArgument()
    {
        var (x, y) = Data(20, 1);
        Assert.Equal("tasks", Assert.Throws<ArgumentException>(() => new MultiTaskClassifier(["a", "a"], 10, 2)).ParamName);
        Assert.Equal("textWidth", Assert.Throws<ArgumentOutOfRangeException>(() => new MultiTaskClassifier(["a"], 0, 2)).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => Net().Fit(x, y[..5])).ParamName);
        IReadOnlyList<int>[] bad = [.. y.Select(r => (IReadOnlyList<int>)[r[0], 2])];
        Assert.Contains("must be 0, 1 or −1", Assert.Throws<ArgumentException>(() => Net().Fit(x, bad)).Message);
        MultiTaskInput[] outside = [new([10], [1f], [0f, 0f]), .. x[1..]];
        Assert.Contains("outside [0, 10)", Assert.Throws<ArgumentException>(() => Net().Fit(outside, y)).Message);
        Assert.Throws<InvalidOperationException>(() => Net().PredictProbability(x));
        Assert.Equal("task", Assert.Throws<ArgumentException>(() => Net().Fit(x, y).TaskIndex("other")).ParamName);
    }
}
