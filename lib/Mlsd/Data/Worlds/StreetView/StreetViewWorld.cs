using System.Globalization;

namespace Mlsd.Data.Worlds;

/// <summary>
/// Street-level imagery for a privacy blurring system (the world of chapter 3, Street View blurring) generated from a
/// seed: small greyscale frames of streets with pedestrians and parked cars, and the faces and licence plates in them
/// boxed by labellers — all drawn from a known scene model, so every box is right and every miss can be counted.
/// </summary>
/// <remarks>
/// <para><b>Why synthetic, and what stands in for photos.</b> No open street-scene set with face and plate boxes is
/// bundled (and real faces are what the system must hide). Frames here are cartoon streets, 128 × 96 pixels: sky,
/// buildings with windows, the road, cars seen from behind with a light plate of dark strokes, pedestrians whose
/// heads are skin-toned ellipses with hair, eyes and a mouth. They keep what makes the task hard for a detector —
/// objects of several sizes, faces in profile, dusk light with half the contrast, sensor noise — and add clutter
/// that looks like the targets: shop signs with letter strokes (like plates) and round street signs (like faces).
/// The photograph in data/street-view and OpenCV's Haar cascades show the same pipeline on a real image.</para>
/// <para><b>The ground truth</b> (<see cref="Truth"/>). Every face and plate is in <see cref="Objects"/> with an exact
/// box; hidden are each object's variant (a face frontal or in profile, a plate standard or two-line) and the
/// viewer-report rate. The pixels are rendered on demand from the same draws (<see cref="Pixels"/>).</para>
/// <para><b>What drifts.</b> From <see cref="StreetViewWorldOptions.ShiftDay"/> on, a share of cars carry a new
/// two-line plate — taller, with a dark band — which a detector trained on the log has never seen.</para>
/// <para><b>The log and the simulator.</b> Days 0 … <see cref="Days"/> − 1 are the annotated training frames (240 at
/// the default size, about 380 faces and 330 plates). <see cref="Simulate"/> captures new frames on later days, asks
/// a blurring policy for boxes, and draws what follows: the faces and plates left unblurred, viewers' reports of
/// them, and which frames a reviewer spot-checks. Everything is drawn from streams derived from the seed; the same
/// seed gives the same tables, byte for byte (<see cref="WriteCsv"/>). The shape every world follows is in
/// Data/Worlds/README.md.</para>
/// </remarks>
public sealed partial class StreetViewWorld
{
    /// <summary>The two things the system must blur; the index is the class id the detection metrics take.</summary>
    public static IReadOnlyList<string> ObjectClasses { get; } = Array.AsReadOnly(["face", "plate"]);

    /// <summary>Light at capture time: day, overcast (80 % contrast), dusk (50 % contrast and darker).</summary>
    public static IReadOnlyList<string> LightConditions { get; } = Array.AsReadOnly(["day", "overcast", "dusk"]);

    /// <summary>An object counts as blurred when at least this share of its box is blurred (60 %).</summary>
    public const double CoveredShare = 0.6;

    /// <summary>Generates a world; the same seed and options give the same world.</summary>
    /// <param name="seed">Seed of every draw.</param>
    /// <param name="options">Sizes (null: the defaults).</param>
    /// <exception cref="ArgumentOutOfRangeException">An option out of range, named as <c>options.Frames</c> etc.</exception>
    public static StreetViewWorld Generate(int seed = 42, StreetViewWorldOptions? options = null)
    {
        options ??= new StreetViewWorldOptions();
        options.Validate();
        return new StreetViewWorld(seed, options);
    }

    /// <summary>The seed the world was generated from.</summary>
    public int Seed { get; }

    /// <summary>The options the world was generated with.</summary>
    public StreetViewWorldOptions Options { get; }

    /// <summary>Logged days: 0 … Days − 1.</summary>
    public int Days => Options.Days;

    /// <summary>Logged days plus the future days the simulator may capture.</summary>
    public int TotalDays => Options.Days + Options.FutureDays;

    /// <summary>The annotated frames, by id.</summary>
    public IReadOnlyList<StreetFrame> Frames { get; }

    /// <summary>Every face and plate in the annotated frames, by id, in frame order.</summary>
    public IReadOnlyList<StreetObject> Objects { get; }

    /// <summary>The hidden side of the world (simulator-only).</summary>
    public GroundTruth Truth { get; }

    /// <summary>The objects of one frame.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An unknown frame id.</exception>
    public IReadOnlyList<StreetObject> ObjectsIn(int frameId)
    {
        WorldChecks.Id(frameId, Frames.Count, nameof(frameId));
        return _objectsByFrame[frameId];
    }

    /// <summary>A frame's pixels (row-major greyscale in [0, 1], <see cref="StreetViewWorldOptions.Width"/> ×
    /// <see cref="StreetViewWorldOptions.Height"/>), rendered from its scene: the same every call.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An unknown frame id.</exception>
    public StreetImage Pixels(int frameId)
    {
        WorldChecks.Id(frameId, Frames.Count, nameof(frameId));
        var (scene, _) = LoggedScene(frameId);
        return new StreetImage(scene.Render(_noiseSeed), Options.Width, Options.Height);
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"StreetViewWorld(seed {Seed}): {Frames.Count} frames over {Days} days, {Objects.Count(o => o.Class == "face")} faces, " +
        $"{Objects.Count(o => o.Class == "plate")} plates; two-line plates from day {Options.Shift}");
}
