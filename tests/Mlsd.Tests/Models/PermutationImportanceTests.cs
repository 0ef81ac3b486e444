using Mlsd.Models;

namespace Mlsd.Tests.Models;

public class PermutationImportanceTests
{
    private static double Accuracy(IReadOnlyList<int> y, IReadOnlyList<double> s) =>
        y.Select((label, i) => (s[i] >= 0.5 ? 1 : 0) == label ? 1.0 : 0.0).Average();

    [Fact]
    public void AnUnusedFeatureScoresZeroAndAUsedOneAboutHalf()
    {
        // Labels [1, 1, 0, 0], the model predicts feature 0. Unused feature 1: exactly 0. Feature 0: a random
        // permutation of [1, 1, 0, 0] matches on 2 of 4 rows on average (by symmetry each row keeps its label with
        // probability ½), so the mean drop → 1 − ½ = ½; 4,000 repeats: standard error ≈ 0.35/√4000 ≈ 0.006.
        float[][] x = [[1, 5], [1, 3], [0, 9], [0, 1]];
        int[] y = [1, 1, 0, 0];
        double[] importance = PermutationImportance.Compute(rows => rows.Select(r => (double)r[0]).ToArray(), x, y,
            Accuracy, repeats: 4_000, seed: 3);
        Assert.Equal(0, importance[1]);
        Assert.InRange(importance[0], 0.47, 0.53);
        Assert.Equal([1f, 5f], x[0]);                                // the caller's rows are untouched
    }

    [Fact]
    public void BadInputIsNamed()
    {
        float[][] x = [[1f], [0f]];
        Func<IReadOnlyList<float[]>, double[]> model = rows => rows.Select(r => (double)r[0]).ToArray();
        Assert.Equal("repeats", Assert.Throws<ArgumentOutOfRangeException>(() => PermutationImportance.Compute(model, x, [1, 0], Accuracy, 0)).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => PermutationImportance.Compute(model, x, [1], Accuracy)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => PermutationImportance.Compute(model, [[1f], [0f, 1f]], [1, 0], Accuracy)).ParamName);
    }
}
