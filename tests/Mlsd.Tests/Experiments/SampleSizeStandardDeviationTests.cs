using Mlsd.Experiments;

namespace Mlsd.Tests.Experiments;

public class SampleSizeStandardDeviationTests
{
    [Fact]
    public void Matches_the_hand_worked_value()
    {
        // mean 5; squared deviations 9 + 1 + 1 + 1 + 0 + 0 + 4 + 16 = 32; √(32 / 7).
        Assert.Equal(Math.Sqrt(32.0 / 7), SampleSize.StandardDeviation([2, 4, 4, 4, 5, 5, 7, 9]), 12);
        Assert.Equal(Math.Sqrt(0.5), SampleSize.StandardDeviation([1, 2]), 12);
    }

    [Fact]
    public void Bad_input_names_the_argument()
    {
        Assert.Contains("at least two", Assert.Throws<ArgumentException>(() => SampleSize.StandardDeviation([1.0])).Message);
        Assert.Contains("values[1]", Assert.Throws<ArgumentException>(() => SampleSize.StandardDeviation([1, double.NaN])).Message);
    }
}
