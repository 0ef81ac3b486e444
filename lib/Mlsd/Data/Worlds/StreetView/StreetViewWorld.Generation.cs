namespace Mlsd.Data.Worlds;

public sealed partial class StreetViewWorld
{
    private readonly int _sceneSeed, _noiseSeed;
    private readonly IReadOnlyList<StreetObject>[] _objectsByFrame;

    private StreetViewWorld(int seed, StreetViewWorldOptions options)
    {
        Seed = seed;
        Options = options;
        var sampler = new Sampler(seed);
        // Stage 1: the seeds of the per-frame streams — a frame's scene and its sensor noise depend only on its id.
        _sceneSeed = sampler.Fork().Next(int.MaxValue);
        _noiseSeed = sampler.Fork().Next(int.MaxValue);
        // Stage 2: the capture log — frames spread evenly over the days, each with its light.
        Frames = Array.AsReadOnly(CaptureFrames());
        // Stage 3: the labellers' boxes — every face and plate of every frame, from the frame's scene.
        (Objects, _objectsByFrame) = Annotate();
        Truth = new GroundTruth(this);
    }

    private StreetFrame[] CaptureFrames()
    {
        var frames = new StreetFrame[Options.Frames];
        for (int f = 0; f < frames.Length; f++)
        {
            var rng = new SplitMix64(_sceneSeed, f);
            int light = Categorical(ref rng, LightWeights);
            frames[f] = new StreetFrame(f, DayOf(f), LightConditions[light]);
        }
        return frames;
    }

    private (IReadOnlyList<StreetObject>, IReadOnlyList<StreetObject>[]) Annotate()
    {
        var all = new List<StreetObject>();
        var byFrame = new IReadOnlyList<StreetObject>[Frames.Count];
        for (int f = 0; f < Frames.Count; f++)
        {
            var (scene, _) = LoggedScene(f);
            var mine = new List<StreetObject>();
            foreach (var p in scene.Objects)
                mine.Add(new StreetObject(all.Count + mine.Count, f, p.Class, p.X1, p.Y1, p.X2, p.Y2) { Variant = p.Variant });
            all.AddRange(mine);
            byFrame[f] = mine.AsReadOnly();
        }
        return (all.AsReadOnly(), byFrame);
    }

    /// <summary>The scene of logged frame <paramref name="frameId"/>: its light is the stream's first draw (as
    /// <see cref="CaptureFrames"/> drew it), the scene the draws after.</summary>
    private (Scene Scene, int Light) LoggedScene(int frameId)
    {
        var rng = new SplitMix64(_sceneSeed, frameId);
        int light = Categorical(ref rng, LightWeights);
        int day = DayOf(frameId);
        return (Compose(Options, ref rng, light, TwoLineShare(day), frameId), light);
    }

    private int DayOf(int frameId) => (int)((long)frameId * Options.Days / Options.Frames);

    private double TwoLineShare(int day) => day >= Options.Shift ? Options.ShiftShare : 0;

    private static int Categorical(ref SplitMix64 rng, double[] weights)
    {
        double u = rng.Uniform(), total = 0;
        for (int i = 0; i < weights.Length; i++) { total += weights[i]; if (u < total) return i; }
        return weights.Length - 1;
    }
}
