using Mlsd.Serving;

namespace Mlsd.Tests.Serving;

public sealed class TwoStagePipelineTests
{
    [Fact]
    public void ResultsMatchTheSingleLoopInOrder()
    {
        // By hand: (x + 1) · 2 over [1, 2, 3] = [4, 6, 8].
        var run = TwoStagePipeline.Run([1, 2, 3], x => x + 1, y => 2 * y, capacity: 1);
        Assert.Equal([4, 6, 8], run.Results);
        var inputs = Enumerable.Range(0, 500).ToArray();
        var piped = TwoStagePipeline.Run(inputs, x => x * 3, y => y - 1, capacity: 2);
        var loop = TwoStagePipeline.RunSequential(inputs, x => x * 3, y => y - 1);
        Assert.Equal(loop.Results, piped.Results);
        Assert.InRange(piped.MostQueued, 0, 2);          // the bound holds
        Assert.Equal(0, loop.MostQueued);
    }

    [Fact]
    public void AFailingStageFailsTheRunWithoutHanging()
    {
        var inputs = Enumerable.Range(0, 100).ToArray();
        var second = Assert.Throws<InvalidOperationException>(() => TwoStagePipeline.Run(inputs, x => x,
            y => y == 10 ? throw new InvalidOperationException("bad item 10") : y, capacity: 1));
        Assert.Equal("bad item 10", second.Message);
        var first = Assert.Throws<InvalidOperationException>(() => TwoStagePipeline.Run(inputs,
            x => x == 50 ? throw new InvalidOperationException("bad input 50") : x, y => y, capacity: 1));
        Assert.Equal("bad input 50", first.Message);
    }

    [Fact]
    public void BadInputNamesTheArgument()
    {
        Assert.Equal("capacity", Assert.Throws<ArgumentOutOfRangeException>(() =>
            TwoStagePipeline.Run([1], x => x, y => y, capacity: 0)).ParamName);
        Assert.Equal("inputs", Assert.Throws<ArgumentNullException>(() =>
            TwoStagePipeline.Run<int, int, int>(null!, x => x, y => y)).ParamName);
    }
}
