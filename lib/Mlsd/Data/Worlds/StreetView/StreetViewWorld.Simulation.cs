using System.Globalization;
using System.Runtime.ExceptionServices;
using Mlsd.Metrics;

namespace Mlsd.Data.Worlds;

public sealed partial class StreetViewWorld
{
    /// <summary>
    /// Captures <paramref name="frames"/> new frames on <paramref name="day"/>, blurs what <paramref name="policy"/>
    /// returns, publishes them, and draws what follows: an object counts as blurred when at least
    /// <see cref="CoveredShare"/> of its box is; viewers report each unblurred face or plate with
    /// <see cref="GroundTruth.ReportProbability"/>; a reviewer spot-checks each frame with
    /// <paramref name="spotCheckRate"/> and sees every miss in it.
    /// </summary>
    /// <param name="policy">Boxes to blur per frame; it sees the pixels only. Frames are independent, as in a batch
    /// job, so it is called for several frames at once: it must be a function of the pixels (no state kept between
    /// calls; a cache must be thread-safe).</param>
    /// <param name="day">Capture day, 0 … TotalDays − 1 (from the shift day on, some plates are two-line).</param>
    /// <param name="seed">Seed of the frames and the draws (no default: two arms of a test name the same one, so
    /// they see the same frames and the same viewer and reviewer coin flips).</param>
    /// <param name="frames">Frames to capture (default 100).</param>
    /// <param name="spotCheckRate">Share of frames a reviewer audits, in [0, 1] (default 0.05).</param>
    /// <exception cref="ArgumentException">A bad day, size or rate; a policy that returns null or a malformed box
    /// (named with the frame).</exception>
    public StreetViewSimulationResult Simulate(BlurPolicy policy, int day, int seed, int frames = 100, double spotCheckRate = 0.05)
    {
        ArgumentNullException.ThrowIfNull(policy);
        WorldChecks.Day(day, TotalDays);
        if (frames < 1 || frames > 100_000) throw new ArgumentOutOfRangeException(nameof(frames), frames, "frames must be in [1, 100000].");
        if (!(spotCheckRate >= 0 && spotCheckRate <= 1))
            throw new ArgumentOutOfRangeException(nameof(spotCheckRate), spotCheckRate, "spotCheckRate must be in [0, 1].");
        int sceneSeed = SplitMix64.Seed(seed, day, 1), drawSeed = SplitMix64.Seed(seed, day, 2), noiseSeed = SplitMix64.Seed(seed, day, 3);
        var scenes = new Scene[frames];
        var images = new StreetImage[frames];
        for (int f = 0; f < frames; f++)
        {
            var rng = new SplitMix64(sceneSeed, f);
            int light = Categorical(ref rng, LightWeights);
            scenes[f] = Compose(Options, ref rng, light, TwoLineShare(day), f);
            images[f] = new StreetImage(scenes[f].Render(noiseSeed), Options.Width, Options.Height);
        }
        // A batch job: frames are blurred independently, so the policy runs on several at once (results by index).
        var chosen = new IReadOnlyList<Box>?[frames];
        try
        {
            Parallel.For(0, frames, f => chosen[f] = policy(images[f]));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);   // the policy's own exception, not a wrapper
        }
        var objects = new List<StreetObject>();
        var blurred = new List<bool>();
        var outcomes = new StreetFrameOutcome[frames];
        for (int f = 0; f < frames; f++)
        {
            var boxes = chosen[f] ?? throw new ArgumentException($"policy returned null for frame {f} of day {day}; expected a list of boxes (empty: blur nothing).", nameof(policy));
            var mask = BlurMask(boxes, f, day);
            var draws = new SplitMix64(drawSeed, f);
            bool audited = draws.Uniform() < spotCheckRate;
            int faces = 0, plates = 0, missedFaces = 0, missedPlates = 0, reports = 0;
            var inObject = new bool[mask.Length];
            foreach (var p in scenes[f].Objects)
            {
                bool covered = Coverage(mask, inObject, p) >= CoveredShare;
                bool reported = draws.Uniform() < Options.ReportProbability;   // drawn for every object: common random numbers
                if (p.Class == "face") { faces++; if (!covered) missedFaces++; }
                else { plates++; if (!covered) missedPlates++; }
                if (!covered && reported) reports++;
                objects.Add(new StreetObject(objects.Count, f, p.Class, p.X1, p.Y1, p.X2, p.Y2) { Variant = p.Variant });
                blurred.Add(covered);
            }
            int outside = 0;
            for (int i = 0; i < mask.Length; i++) if (mask[i] && !inObject[i]) outside++;
            outcomes[f] = new StreetFrameOutcome(f, faces, plates, missedFaces, missedPlates, reports, audited, (double)outside / mask.Length);
        }
        return new StreetViewSimulationResult(day, outcomes, objects, blurred, f => scenes[f].Render(noiseSeed), Options.Width, Options.Height);
    }

    private bool[] BlurMask(IReadOnlyList<Box> boxes, int frame, int day)
    {
        int w = Options.Width, h = Options.Height;
        var mask = new bool[w * h];
        for (int b = 0; b < boxes.Count; b++)
        {
            var box = boxes[b];
            if (!(double.IsFinite(box.X1) && double.IsFinite(box.Y1) && double.IsFinite(box.X2) && double.IsFinite(box.Y2)) || box.X2 < box.X1 || box.Y2 < box.Y1)
                throw new ArgumentException($"policy returned box {b} = {box} for frame {frame} of day {day}; expected finite corners with X2 ≥ X1 and Y2 ≥ Y1.", "policy");
            // A pixel is blurred when its centre lies in the box.
            int x1 = Math.Max(0, (int)Math.Ceiling(box.X1 - 0.5)), x2 = Math.Min(w, (int)Math.Ceiling(box.X2 - 0.5));
            int y1 = Math.Max(0, (int)Math.Ceiling(box.Y1 - 0.5)), y2 = Math.Min(h, (int)Math.Ceiling(box.Y2 - 0.5));
            for (int y = y1; y < y2; y++) for (int x = x1; x < x2; x++) mask[y * w + x] = true;
        }
        return mask;
    }

    private double Coverage(bool[] mask, bool[] inObject, Placed p)
    {
        int w = Options.Width, h = Options.Height, covered = 0, area = 0;
        for (int y = Math.Max(0, p.Y1); y < Math.Min(h, p.Y2); y++)
            for (int x = Math.Max(0, p.X1); x < Math.Min(w, p.X2); x++)
            {
                area++;
                inObject[y * w + x] = true;
                if (mask[y * w + x]) covered++;
            }
        return area == 0 ? 1 : (double)covered / area;
    }
}

/// <summary>What a blurring policy did on one simulated day: per frame, per object, and in total.</summary>
public sealed class StreetViewSimulationResult
{
    private readonly Func<int, float[]> _render;

    internal StreetViewSimulationResult(int day, StreetFrameOutcome[] frames, List<StreetObject> objects, List<bool> blurred,
        Func<int, float[]> render, int width, int height)
    {
        Day = day;
        Frames = Array.AsReadOnly(frames);
        Objects = objects.AsReadOnly();
        Blurred = blurred.AsReadOnly();
        _render = render;
        Width = width;
        Height = height;
    }

    /// <summary>The simulated day.</summary>
    public int Day { get; }

    /// <summary>One outcome per captured frame.</summary>
    public IReadOnlyList<StreetFrameOutcome> Frames { get; }

    /// <summary>Every face and plate in the captured frames (their <c>FrameId</c> indexes <see cref="Frames"/>) —
    /// what labellers would box if these frames were annotated, e.g. to retrain after a shift.</summary>
    public IReadOnlyList<StreetObject> Objects { get; }

    /// <summary>Whether each object of <see cref="Objects"/> was blurred (at least <see cref="StreetViewWorld.CoveredShare"/> covered).</summary>
    public IReadOnlyList<bool> Blurred { get; }

    /// <summary>Frame width in pixels.</summary>
    public int Width { get; }

    /// <summary>Frame height in pixels.</summary>
    public int Height { get; }

    /// <summary>A captured frame's pixels (before blurring), the same the policy saw.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An unknown frame index.</exception>
    public StreetImage Pixels(int frameId)
    {
        WorldChecks.Id(frameId, Frames.Count, nameof(frameId));
        return new StreetImage(_render(frameId), Width, Height);
    }

    /// <summary>Share of faces blurred (the recall that matters for privacy).</summary>
    public double FaceRecall => Recall("face");

    /// <summary>Share of plates blurred.</summary>
    public double PlateRecall => Recall("plate");

    /// <summary>Viewer reports of unblurred faces and plates.</summary>
    public int Reports => Frames.Sum(f => f.Reports);

    /// <summary>Frames a reviewer audited.</summary>
    public int SpotCheckedFrames => Frames.Count(f => f.SpotChecked);

    /// <summary>Unblurred objects the reviewers found in the audited frames.</summary>
    public int SpotCheckedMisses => Frames.Where(f => f.SpotChecked).Sum(f => f.MissedFaces + f.MissedPlates);

    /// <summary>Mean share of a frame's pixels blurred outside any face or plate (lost imagery).</summary>
    public double OverBlurredShare => Frames.Average(f => f.BlurredShare);

    private double Recall(string cls)
    {
        int n = 0, hit = 0;
        for (int i = 0; i < Objects.Count; i++)
            if (Objects[i].Class == cls) { n++; if (Blurred[i]) hit++; }
        return n == 0 ? double.NaN : (double)hit / n;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"day {Day}: {Frames.Count} frames, face recall {FaceRecall:P1}, plate recall {PlateRecall:P1}, {Reports} reports, " +
        $"{SpotCheckedMisses} misses in {SpotCheckedFrames} spot-checked frames, {OverBlurredShare:P1} over-blurred");
}
