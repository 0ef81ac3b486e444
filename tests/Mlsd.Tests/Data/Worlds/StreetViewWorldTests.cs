using Mlsd.Data.Worlds;
using Mlsd.Metrics;

namespace Mlsd.Tests.Data.Worlds;

/// <summary>The street-view world follows the world template; its objects, pixels and simulator agree.</summary>
public sealed class StreetViewWorldTests
{
    private static readonly StreetViewWorldOptions Small = new() { Frames = 120, Days = 4, FutureDays = 6 };

    private static StreetViewWorld SmallWorld(int seed = 7) => StreetViewWorld.Generate(seed, Small);

    [Fact]
    public void CsvIsReproducibleByteForByte() =>
        WorldContract.CsvIsReproducible((seed, dir) => SmallWorld(seed).WriteCsv(dir), "frames.csv", "objects.csv");

    [Fact]
    public void TablesAreReadOnly()
    {
        var world = SmallWorld();
        var result = world.Simulate(_ => [], Small.Days, seed: 1, frames: 10);
        WorldContract.TablesAreReadOnly(world.Frames, world.Objects, world.ObjectsIn(0), result.Frames, result.Objects, result.Blurred);
    }

    [Fact]
    public void RowsAreConsistent()
    {
        var world = SmallWorld();
        Assert.All(world.Frames, (f, i) => Assert.Equal(i, f.FrameId));
        Assert.All(world.Objects, (o, i) => Assert.Equal(i, o.ObjectId));
        Assert.Equal(Enumerable.Range(0, Small.Days), world.Frames.Select(f => f.Day).Distinct());
        Assert.True(world.Frames.Zip(world.Frames.Skip(1)).All(p => p.First.Day <= p.Second.Day), "days ascend with frame ids");
        Assert.All(world.Objects, o => Assert.True(o.X1 >= 0 && o.Y1 >= 0 && o.X2 <= Small.Width && o.Y2 <= Small.Height && o.X2 > o.X1 && o.Y2 > o.Y1, $"{o} inside the frame"));
        Assert.Equal(world.Objects, world.Frames.SelectMany(f => world.ObjectsIn(f.FrameId)));
        Assert.All(world.Objects, o => Assert.Equal(o.Class == "face" ? 0 : 1, o.ToGroundTruth().ClassId));
        // Before the shift day every plate is standard.
        Assert.All(world.Objects.Where(o => o.Class == "plate"), o => Assert.Equal("standard", world.Truth.Variant(o)));
    }

    [Fact]
    public void PixelsAreRenderedFromTheSameScene()
    {
        var world = SmallWorld();
        var a = world.Pixels(3);
        Assert.Equal(a.Pixels, world.Pixels(3).Pixels);
        Assert.Equal(Small.Width * Small.Height, a.Pixels.Length);
        Assert.All(world.Frames.Take(20), f => Assert.All(world.Pixels(f.FrameId).Pixels, v => Assert.InRange(v, 0f, 1f)));
        Assert.NotEqual(a.Pixels, world.Pixels(4).Pixels);
        // Plates are light boards (0.92) in a dark frame (0.15) with dark 2-pixel strokes (0.1) on half the columns:
        // in daylight their boxes hold far more contrast (pixel standard deviation) than the frames they are in.
        double inPlates = 0, frames = 0;
        int n = 0;
        foreach (var f in world.Frames.Where(f => f.Light == "day"))
            foreach (var o in world.ObjectsIn(f.FrameId).Where(o => o.Class == "plate"))
            {
                var p = world.Pixels(f.FrameId).Pixels;
                var box = Enumerable.Range(o.Y1, o.Y2 - o.Y1)
                    .SelectMany(y => Enumerable.Range(o.X1, o.X2 - o.X1).Select(x => (double)p[y * Small.Width + x])).ToArray();
                inPlates += StandardDeviation(box);
                frames += StandardDeviation(p.Select(v => (double)v).ToArray());
                n++;
            }
        Assert.True(n > 20 && inPlates / n > frames / n + 0.1,
            $"plate contrast {inPlates / n:F3} vs frames {frames / n:F3} over {n}");
    }

    [Fact]
    public void CountsFollowTheOptions()
    {
        var world = StreetViewWorld.Generate(3, new StreetViewWorldOptions { Frames = 600 });
        // Poisson means (capped at 6 and 4, which cuts less than 0.1 %): within 4 standard errors √(λ / n).
        double faces = world.Objects.Count(o => o.Class == "face") / 600.0, plates = world.Objects.Count(o => o.Class == "plate") / 600.0;
        Assert.InRange(faces, 1.6 - 4 * Math.Sqrt(1.6 / 600), 1.6 + 4 * Math.Sqrt(1.6 / 600));
        Assert.InRange(plates, 1.4 - 4 * Math.Sqrt(1.4 / 600), 1.4 + 4 * Math.Sqrt(1.4 / 600));
        double day = world.Frames.Count(f => f.Light == "day") / 600.0, se = Math.Sqrt(0.6 * 0.4 / 600);
        Assert.InRange(day, 0.6 - 4 * se, 0.6 + 4 * se);
        // A quarter of faces in profile.
        var faceRows = world.Objects.Where(o => o.Class == "face").ToList();
        double profile = faceRows.Count(o => world.Truth.Variant(o) == "profile") / (double)faceRows.Count;
        Assert.InRange(profile, 0.25 - 4 * Math.Sqrt(0.1875 / faceRows.Count), 0.25 + 4 * Math.Sqrt(0.1875 / faceRows.Count));
    }

    [Fact]
    public void TruthByHand()
    {
        var world = SmallWorld();   // Days 4 → shift day 6, share 0.5
        Assert.Equal(0, world.Truth.TwoLinePlateShare(5));
        Assert.Equal(0.5, world.Truth.TwoLinePlateShare(6));
        Assert.Equal(0.04, world.Truth.ReportProbability);
        var never = StreetViewWorld.Generate(1, Small with { ShiftDay = 10 });
        Assert.Equal(0, never.Truth.TwoLinePlateShare(9));
        var sim = world.Simulate(_ => [], 7, seed: 2, frames: 300);
        var plates = sim.Objects.Where(o => o.Class == "plate").ToList();
        double twoLine = plates.Count(o => world.Truth.Variant(o) == "two-line") / (double)plates.Count;
        Assert.InRange(twoLine, 0.5 - 4 * Math.Sqrt(0.25 / plates.Count), 0.5 + 4 * Math.Sqrt(0.25 / plates.Count));
    }

    [Fact]
    public void CoverageRule_SixtyPercentOfTheBox()
    {
        var world = SmallWorld();
        var truth = world.Simulate(_ => [], 5, seed: 4, frames: 30);
        // Blur the left 70 % (covered) or 50 % (missed) of every face's width; plates never.
        // The policy recognises the frame by its pixels (the same seed draws the same frames): Simulate calls it for
        // several frames at once, so it keeps no counter.
        var pixels = Enumerable.Range(0, 30).Select(f => truth.Pixels(f).Pixels).ToList();
        StreetViewSimulationResult Run(double share) => world.Simulate(image =>
        {
            int frame = pixels.FindIndex(p => p.AsSpan().SequenceEqual(image.Pixels));
            return truth.Objects.Where(o => o.FrameId == frame && o.Class == "face")
                .Select(o => new Box(o.X1, o.Y1, o.X1 + share * (o.X2 - o.X1), o.Y2)).ToList();
        }, 5, seed: 4, frames: 30);
        var wide = Run(0.7);
        var narrow = Run(0.5);
        // Faces that overlap no other object (a neighbour's blur could cover part of an overlapping face).
        bool Isolated(StreetObject o) => !truth.Objects.Any(q => q != o && q.FrameId == o.FrameId &&
            q.X1 < o.X2 && o.X1 < q.X2 && q.Y1 < o.Y2 && o.Y1 < q.Y2);
        var isolated = truth.Objects.Where(o => o.Class == "face" && Isolated(o)).Select(o => o.ObjectId).ToList();
        Assert.True(isolated.Count > 20, $"{isolated.Count} isolated faces");
        Assert.All(isolated, i => Assert.True(wide.Blurred[i], $"face {i} 70 % covered"));
        Assert.All(isolated, i => Assert.False(narrow.Blurred[i], $"face {i} at most 50 % covered"));
        Assert.Equal(0.0, wide.PlateRecall);
        Assert.Equal(truth.Objects, wide.Objects);
        // Over-blur counts only pixels outside every object: none here (boxes lie inside faces; faces may overlap others).
        Assert.Equal(0.0, wide.OverBlurredShare);
    }

    [Fact]
    public void SimulatorIsDeterministic_WithCommonRandomNumbers()
    {
        var world = SmallWorld();
        BlurPolicy nothing = _ => [], everything = img => [new Box(0, 0, img.Width, img.Height)];
        var a = world.Simulate(nothing, 6, seed: 9, frames: 200);
        var b = world.Simulate(everything, 6, seed: 9, frames: 200);
        Assert.Equal(a.Frames, world.Simulate(nothing, 6, seed: 9, frames: 200).Frames);
        Assert.Equal(a.Objects, b.Objects);
        Assert.Equal(a.Frames.Select(f => f.SpotChecked), b.Frames.Select(f => f.SpotChecked));
        Assert.Equal(a.Pixels(5).Pixels, b.Pixels(5).Pixels);
        Assert.Equal((0.0, 0.0, 1.0, 1.0), (a.FaceRecall, a.PlateRecall, b.FaceRecall, b.PlateRecall));
        Assert.Equal(0, b.Reports);
        // Reports of unblurred objects: each with probability 0.04, within 4 standard errors.
        int objects = a.Objects.Count;
        Assert.InRange(a.Reports, objects * 0.04 - 4 * Math.Sqrt(objects * 0.04 * 0.96), objects * 0.04 + 4 * Math.Sqrt(objects * 0.04 * 0.96));
        Assert.True(b.OverBlurredShare > 0.9, $"{b.OverBlurredShare}");
        Assert.NotEqual(a.Objects, world.Simulate(nothing, 6, seed: 10, frames: 200).Objects);
    }

    [Fact]
    public void BadInput_NamesTheArgument()
    {
        Assert.Equal("options.Frames", Assert.Throws<ArgumentOutOfRangeException>(() => StreetViewWorld.Generate(1, new() { Frames = 2 })).ParamName);
        Assert.Equal("options.ShiftShare", Assert.Throws<ArgumentOutOfRangeException>(() => StreetViewWorld.Generate(1, new() { ShiftShare = 2 })).ParamName);
        var world = SmallWorld();
        Assert.Equal("frameId", Assert.Throws<ArgumentOutOfRangeException>(() => world.Pixels(120)).ParamName);
        Assert.Equal("day", Assert.Throws<ArgumentOutOfRangeException>(() => world.Simulate(_ => [], 10, seed: 1)).ParamName);
        Assert.Equal("day", Assert.Throws<ArgumentOutOfRangeException>(() => world.Truth.TwoLinePlateShare(-1)).ParamName);
        Assert.Equal("frames", Assert.Throws<ArgumentOutOfRangeException>(() => world.Simulate(_ => [], 5, seed: 1, frames: 0)).ParamName);
        var nullList = Assert.Throws<ArgumentException>(() => world.Simulate(_ => null!, 5, seed: 1));
        Assert.Equal("policy", nullList.ParamName);
        Assert.Contains("frame 0", nullList.Message);
        // The policy runs on several frames at once; its own exception comes out, not a wrapper.
        Assert.Throws<InvalidTimeZoneException>(() => world.Simulate(_ => throw new InvalidTimeZoneException(), 5, seed: 1, frames: 8));
        var nan = Assert.Throws<ArgumentException>(() => world.Simulate(_ => [new Box(double.NaN, 0, 1, 1)], 5, seed: 1));
        Assert.Equal("policy", nan.ParamName);
    }

    private static double StandardDeviation(double[] v)
    {
        double mean = v.Average();
        return Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / v.Length);
    }
}
