using Microsoft.ML;
using Microsoft.ML.Data;
using Mlsd.Features;
using Mlsd.Models;

namespace Mlsd.Tests.Models;

public class MlNetTests
{
    /// <summary>Reads every row through a cursor, as a trainer does, copying each row before moving on.</summary>
    private static (bool[] Labels, float[][] Features, List<(int[] Indices, float[] Values)> Stored) Read(IDataView view)
    {
        var labels = new List<bool>();
        var features = new List<float[]>();
        var stored = new List<(int[], float[])>();
        using var cursor = view.GetRowCursor(view.Schema);
        var getLabel = cursor.GetGetter<bool>(view.Schema[MlNetData.Label]);
        var getFeatures = cursor.GetGetter<VBuffer<float>>(view.Schema[MlNetData.Features]);
        bool label = false;
        var buffer = default(VBuffer<float>);
        while (cursor.MoveNext())
        {
            getLabel(ref label);
            getFeatures(ref buffer);
            labels.Add(label);
            features.Add(buffer.DenseValues().ToArray());
            stored.Add((buffer.IsDense ? [] : buffer.GetIndices().ToArray(), buffer.GetValues().ToArray()));
        }
        return (labels.ToArray(), features.ToArray(), stored);
    }

    [Fact]
    public void DenseRowsBecomeALabelAndAFeatureVectorColumn()
    {
        var view = MlNetData.FromDense(new MLContext(1), new[] { new[] { 1f, 2f }, new[] { 3f, 4.5f } }, [0, 1]);
        Assert.Equal(2, view.GetRowCount());
        Assert.Equal(2, ((VectorDataViewType)view.Schema[MlNetData.Features].Type).Size);
        var (labels, features, _) = Read(view);
        Assert.Equal([false, true], labels);
        Assert.Equal([1f, 2f], features[0]);
        Assert.Equal([3f, 4.5f], features[1]);
    }

    [Fact]
    public void SparseRowsKeepOnlyTheirNonZeros()
    {
        // Row 0: column 1 = 2.5; row 1: empty; row 2: column 0 = 1, column 3 = −1 (4 columns).
        var x = new SparseMatrix([0, 1, 1, 3], [1, 0, 3], [2.5f, 1f, -1f], columns: 4);
        var view = MlNetData.FromSparse(new MLContext(1), x, [1, 0, 1]);
        var (labels, features, stored) = Read(view);
        Assert.Equal([1], stored[0].Indices);
        Assert.Equal([2.5f], stored[0].Values);
        Assert.Empty(stored[1].Values);
        Assert.Equal([0, 3], stored[2].Indices);
        Assert.Equal([true, false, true], labels);
        Assert.Equal([0f, 2.5f, 0f, 0f], features[0]);
        Assert.Equal([0f, 0f, 0f, 0f], features[1]);
        Assert.Equal([1f, 0f, 0f, -1f], features[2]);
    }

    /// <summary>
    /// One binary feature: x = 0 has 1 click in 4 rows, x = 1 has 3 in 4. Unregularised logistic regression fits the
    /// group rates exactly (its score equations make predicted and observed sums agree in each group): P = 0.25 and
    /// 0.75, i.e. intercept −ln 3 and weight 2 ln 3. Worked by hand, not by running the code.
    /// </summary>
    [Fact]
    public void UnregularisedLbfgsLogisticRegressionRecoversTheGroupRates()
    {
        int[] y = [1, 0, 0, 0, 1, 1, 1, 0];
        double[][] dense = [.. Enumerable.Repeat(new[] { 0.0 }, 4), .. Enumerable.Repeat(new[] { 1.0 }, 4)];
        var sparse = SparseMatrix.FromDense(dense);
        foreach (var p in new[]
        {
            MlNetClassifier.LbfgsLogisticRegression(l2: 0, l1: 0).Fit(dense, y).PredictProbability([[0.0], [1.0]]),
            MlNetClassifier.LbfgsLogisticRegression(l2: 0, l1: 0).Fit(sparse, y).PredictProbability(SparseMatrix.FromDense([[0.0], [1.0]])),
        })
        {
            Assert.Equal(0.25, p[0], 3);
            Assert.Equal(0.75, p[1], 3);
        }
    }

    [Fact]
    public void TreesAndTheFactorizationMachineSeparateAnEasyProblemDeterministically()
    {
        var rng = new Random(3);
        var x = Enumerable.Range(0, 400).Select(_ => new[] { (float)rng.NextDouble(), (float)rng.NextDouble() }).ToArray();
        int[] y = x.Select(r => r[0] + r[1] > 1 ? 1 : 0).ToArray();
        foreach (var make in new Func<MlNetClassifier>[]
        {
            () => MlNetClassifier.LightGbm(trees: 30, leaves: 4, minLeafRows: 5),
            () => MlNetClassifier.FastTree(trees: 30, leaves: 4, minLeafRows: 5),
            () => MlNetClassifier.SdcaLogisticRegression(),
        })
        {
            var p = make().Fit(x, y).PredictProbability(x);
            Assert.Equal(p, make().Fit(x, y).PredictProbability(x));   // same seed, same numbers
            double accuracy = p.Select((v, i) => (v > 0.5 ? 1 : 0) == y[i] ? 1.0 : 0.0).Average();
            Assert.True(accuracy > 0.9, $"{make().Name}: training accuracy {accuracy:P1} on a linearly separable problem");
        }
        var ffm = MlNetClassifier.FieldAwareFactorizationMachine(epochs: 20).Fit(SparseMatrix.FromDense(x.Select(r => Array.ConvertAll(r, v => (double)v)).ToArray()), y);
        Assert.Equal(400, ffm.PredictProbability(SparseMatrix.FromDense(x.Select(r => Array.ConvertAll(r, v => (double)v)).ToArray())).Length);
    }

    [Fact]
    public void MisuseFailsClearly()
    {
        var model = MlNetClassifier.LightGbm();
        Assert.Contains("call Fit before", Assert.Throws<InvalidOperationException>(() => model.PredictProbability([new[] { 1f }])).Message);
        model.Fit(Enumerable.Range(0, 50).Select(i => new[] { (float)i, 1f }).ToArray(), Enumerable.Range(0, 50).Select(i => i % 2).ToArray());
        Assert.Contains("has 1 features but ML.NET LightGBM was fitted on 2", Assert.Throws<ArgumentException>(() => model.PredictProbability([new[] { 1f }])).Message);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => MlNetClassifier.FastTree().Fit([new[] { 1f }], [2])).ParamName);
    }
}
