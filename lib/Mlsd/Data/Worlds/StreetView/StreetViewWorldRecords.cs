using Mlsd.Metrics;

namespace Mlsd.Data.Worlds;

/// <summary>How big a <see cref="StreetViewWorld"/> to generate. The defaults train a sliding-window detector in a
/// second or two.</summary>
public sealed record StreetViewWorldOptions
{
    /// <summary>Annotated frames in the log, spread evenly over the logged days (default 240).</summary>
    public int Frames { get; init; } = 240;

    /// <summary>Days of logged (annotated) capture, day 0 … Days − 1 (default 8).</summary>
    public int Days { get; init; } = 8;

    /// <summary>Days after the log that <see cref="StreetViewWorld.Simulate"/> may capture (default 12).</summary>
    public int FutureDays { get; init; } = 12;

    /// <summary>Frame width in pixels (default 128).</summary>
    public int Width { get; init; } = 128;

    /// <summary>Frame height in pixels (default 96).</summary>
    public int Height { get; init; } = 96;

    /// <summary>Mean pedestrians (faces) per frame (default 1.6).</summary>
    public double PedestriansPerFrame { get; init; } = 1.6;

    /// <summary>Mean parked cars (plates) per frame (default 1.4).</summary>
    public double CarsPerFrame { get; init; } = 1.4;

    /// <summary>Mean round street signs per frame — face-like clutter (default 1.0).</summary>
    public double SignsPerFrame { get; init; } = 1.0;

    /// <summary>First day on which two-line plates appear (default Days + 2; a day ≥ Days + FutureDays means never).</summary>
    public int? ShiftDay { get; init; }

    /// <summary>Share of plates in the two-line style from <see cref="ShiftDay"/> on (default 0.5).</summary>
    public double ShiftShare { get; init; } = 0.5;

    /// <summary>Chance that a viewer reports one unblurred face or plate in a published frame (default 0.04).</summary>
    public double ReportProbability { get; init; } = 0.04;

    internal int Shift => ShiftDay ?? Days + 2;

    internal void Validate()
    {
        WorldChecks.Option(Frames >= 10 && Frames <= 100_000, Frames, nameof(Frames), "in [10, 100000]");
        WorldChecks.Option(Days >= 1 && Days <= 365, Days, nameof(Days), "between 1 and 365");
        WorldChecks.Option(FutureDays >= 0 && FutureDays <= 365, FutureDays, nameof(FutureDays), "between 0 and 365");
        WorldChecks.Option(Width >= 64 && Width <= 1024, Width, nameof(Width), "in [64, 1024]");
        WorldChecks.Option(Height >= 48 && Height <= 1024, Height, nameof(Height), "in [48, 1024]");
        WorldChecks.Option(PedestriansPerFrame >= 0 && PedestriansPerFrame <= 6, PedestriansPerFrame, nameof(PedestriansPerFrame), "in [0, 6]");
        WorldChecks.Option(CarsPerFrame >= 0 && CarsPerFrame <= 4, CarsPerFrame, nameof(CarsPerFrame), "in [0, 4]");
        WorldChecks.Option(SignsPerFrame >= 0 && SignsPerFrame <= 4, SignsPerFrame, nameof(SignsPerFrame), "in [0, 4]");
        WorldChecks.Option(Shift >= 0, Shift, nameof(ShiftDay), "non-negative");
        WorldChecks.Option(ShiftShare >= 0 && ShiftShare <= 1, ShiftShare, nameof(ShiftShare), "in [0, 1]");
        WorldChecks.Option(ReportProbability >= 0 && ReportProbability <= 1, ReportProbability, nameof(ReportProbability), "in [0, 1]");
    }
}

/// <summary>One captured frame of the log.</summary>
/// <param name="FrameId">Row index in <see cref="StreetViewWorld.Frames"/>.</param>
/// <param name="Day">Capture day.</param>
/// <param name="Light">One of <see cref="StreetViewWorld.LightConditions"/> (sets brightness and contrast).</param>
public sealed record StreetFrame(int FrameId, int Day, string Light);

/// <summary>An annotated object: a face or a licence plate and its box, as a human labeller drew it.</summary>
/// <param name="ObjectId">Row index in <see cref="StreetViewWorld.Objects"/> (or in a simulation's objects).</param>
/// <param name="FrameId">The frame it is in.</param>
/// <param name="Class">One of <see cref="StreetViewWorld.ObjectClasses"/>.</param>
/// <param name="X1">Left edge, pixels.</param>
/// <param name="Y1">Top edge, pixels.</param>
/// <param name="X2">Right edge (exclusive), pixels.</param>
/// <param name="Y2">Bottom edge (exclusive), pixels.</param>
public sealed record StreetObject(int ObjectId, int FrameId, string Class, int X1, int Y1, int X2, int Y2)
{
    /// <summary>0 for faces, 1 for plates: the class id the detection metrics take.</summary>
    public int ClassId => Class == "face" ? 0 : 1;

    /// <summary>The box in the metrics' coordinates.</summary>
    public Box Box => new(X1, Y1, X2, Y2);

    /// <summary>The object as ground truth for <see cref="Detection"/>'s AP.</summary>
    public GroundTruthBox ToGroundTruth() => new(FrameId, Box, ClassId);

    // Hidden: the plate style or the face pose, read through StreetViewWorld.Truth.
    internal string Variant { get; init; } = "";
}

/// <summary>What a blurring policy sees: one frame's pixels, row-major greyscale in [0, 1].</summary>
/// <param name="Pixels">Width × Height values.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
public sealed record StreetImage(float[] Pixels, int Width, int Height);

/// <summary>A blurring policy: the boxes to blur in one frame. It sees the pixels only, and the simulator calls it for
/// several frames at once (frames are independent, as in a batch job), so it must keep no state between calls.</summary>
public delegate IReadOnlyList<Box> BlurPolicy(StreetImage image);

/// <summary>What happened to one captured frame under a policy.</summary>
/// <param name="FrameId">Index of the frame in the simulation (0 … frames − 1).</param>
/// <param name="Faces">Faces in the frame.</param>
/// <param name="Plates">Plates in the frame.</param>
/// <param name="MissedFaces">Faces less than <see cref="StreetViewWorld.CoveredShare"/> covered by blur.</param>
/// <param name="MissedPlates">Plates less than that covered.</param>
/// <param name="Reports">Viewer reports of an unblurred face or plate.</param>
/// <param name="SpotChecked">Whether a reviewer audited the frame (and so saw every miss).</param>
/// <param name="BlurredShare">Share of the frame's pixels blurred that are not part of a face or plate.</param>
public sealed record StreetFrameOutcome(int FrameId, int Faces, int Plates, int MissedFaces, int MissedPlates, int Reports,
    bool SpotChecked, double BlurredShare);
