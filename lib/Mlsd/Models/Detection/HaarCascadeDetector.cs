using System.Globalization;
using System.Runtime.InteropServices;
using Mlsd.Data;
using Mlsd.Metrics;
using OpenCvSharp;

namespace Mlsd.Models;

/// <summary>
/// OpenCV's Viola–Jones cascade detector (the real one, through OpenCvSharp) with a bundled trained cascade — the
/// baseline a hand-built detector is measured against. A cascade of boosted Haar-feature stages rejects most windows
/// after a few cheap tests, which made real-time face detection possible on 2001 hardware.
/// </summary>
/// <remarks>
/// <para>Scores: OpenCV's <c>detectMultiScale</c> with reject levels returns, per box, the weight of the last stage it
/// passed; those weights rank the boxes for average precision. Boxes come out already merged (its own grouping of
/// neighbouring windows, <c>minNeighbors</c>), so they need no further non-maximum suppression.</para>
/// <para>Reference: P. Viola and M. Jones, "Rapid Object Detection using a Boosted Cascade of Simple Features", CVPR
/// 2001; R. Lienhart and J. Maydt, "An Extended Set of Haar-like Features for Rapid Object Detection", ICIP 2002;
/// OpenCV's cascade classifier documentation.</para>
/// </remarks>
public sealed class HaarCascadeDetector : IDisposable
{
    private readonly CascadeClassifier _cascade;

    /// <summary>
    /// Points OpenCvSharp at its native library next to Mlsd.dll. A notebook kernel loads the library with <c>#r</c>,
    /// and the runtime then looks for native code only in the kernel's own folders, not next to the assembly that
    /// asks for it (Mlsd.csproj copies the library there).
    /// </summary>
    static HaarCascadeDetector()
    {
        string? folder = Path.GetDirectoryName(typeof(HaarCascadeDetector).Assembly.Location);
        if (string.IsNullOrEmpty(folder)) return;
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(Mat).Assembly, (name, _, _) =>
            {
                string path = Path.Combine(folder, "lib" + name + ".so");
                return name == "OpenCvSharpExtern" && File.Exists(path) ? NativeLibrary.Load(path) : IntPtr.Zero;
            });
        }
        catch (InvalidOperationException)
        {
            // A resolver is already set for OpenCvSharp (by the host): keep it.
        }
    }

    /// <summary>Loads a trained cascade (OpenCV XML).</summary>
    /// <param name="cascadePath">The cascade file, e.g. <see cref="Datasets.FrontalFaceCascadePath"/>.</param>
    /// <param name="classId">The class id its detections carry.</param>
    /// <param name="scaleFactor">Step between pyramid scales, &gt; 1 (OpenCV's default 1.1).</param>
    /// <param name="minNeighbors">Overlapping raw detections a box needs to be kept, ≥ 0 (default 3).</param>
    /// <param name="minSize">Smallest object side in pixels, ≥ 0 (0: the cascade's own window).</param>
    /// <exception cref="ArgumentException">A missing or unreadable cascade file, or a bad setting, naming it.</exception>
    public HaarCascadeDetector(string cascadePath, int classId, double scaleFactor = 1.1, int minNeighbors = 3, int minSize = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cascadePath);
        if (!File.Exists(cascadePath)) throw new ArgumentException($"cascadePath: no file at {cascadePath}.", nameof(cascadePath));
        if (!(scaleFactor > 1 && scaleFactor < 4)) throw new ArgumentOutOfRangeException(nameof(scaleFactor), scaleFactor, "scaleFactor must be in (1, 4).");
        if (minNeighbors < 0) throw new ArgumentOutOfRangeException(nameof(minNeighbors), minNeighbors, "minNeighbors must be at least 0.");
        if (minSize < 0) throw new ArgumentOutOfRangeException(nameof(minSize), minSize, "minSize must be at least 0.");
        try
        {
            _cascade = new CascadeClassifier(cascadePath);
        }
        catch (OpenCVException e)
        {
            throw new ArgumentException($"cascadePath: OpenCV cannot read {cascadePath} as a cascade ({e.Message}).", nameof(cascadePath), e);
        }
        if (_cascade.Empty())
        {
            _cascade.Dispose();
            throw new ArgumentException($"cascadePath: {cascadePath} is not an OpenCV cascade OpenCV can read.", nameof(cascadePath));
        }
        // One thread: detectMultiScale's parallel loop spins worker threads that cost more than they save on the
        // small frames and shared 2-core machines this library targets, and one thread keeps results run-to-run identical.
        Cv2.SetNumThreads(1);
        ClassId = classId;
        ScaleFactor = scaleFactor;
        MinNeighbors = minNeighbors;
        MinSize = minSize;
    }

    /// <summary>The class id of the detections.</summary>
    public int ClassId { get; }

    /// <summary>Step between pyramid scales.</summary>
    public double ScaleFactor { get; }

    /// <summary>Raw detections a box needs.</summary>
    public int MinNeighbors { get; }

    /// <summary>Smallest object side in pixels (0: the cascade's window).</summary>
    public int MinSize { get; }

    /// <summary>Detections in a greyscale image with values in [0, 1] (row-major), scored by OpenCV's stage weights.</summary>
    /// <exception cref="ArgumentException">A size that does not match the image.</exception>
    public List<DetectedBox> Detect(ReadOnlySpan<float> image, int width, int height, int imageId = 0)
    {
        if (width < 1 || height < 1 || image.Length != (long)width * height)
            throw new ArgumentException($"image must hold width × height = {(long)width * height} pixels (got {image.Length}).", nameof(image));
        var bytes = new byte[image.Length];
        for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)Math.Clamp((int)Math.Round(image[i] * 255), 0, 255);
        using var mat = Mat.FromPixelData(height, width, MatType.CV_8UC1, bytes);
        var size = MinSize > 0 ? new Size(MinSize, MinSize) : (Size?)null;
        var rects = _cascade.DetectMultiScale(mat, out _, out double[] weights, ScaleFactor, MinNeighbors, HaarDetectionTypes.ScaleImage,
            size, null, outputRejectLevels: true);
        var found = new List<DetectedBox>(rects.Length);
        for (int i = 0; i < rects.Length; i++)
            found.Add(new DetectedBox(imageId, Box.FromXywh(rects[i].X, rects[i].Y, rects[i].Width, rects[i].Height), weights[i], ClassId));
        return found;
    }

    /// <summary>Detections in a decoded image (converted to greyscale luma first).</summary>
    public List<DetectedBox> Detect(RasterImage image, int imageId = 0)
    {
        ArgumentNullException.ThrowIfNull(image);
        return Detect(image.ToGreyscale(), image.Width, image.Height, imageId);
    }

    /// <summary>Releases the native cascade.</summary>
    public void Dispose() => _cascade.Dispose();

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"HaarCascadeDetector(class {ClassId}, scale factor {ScaleFactor}, min neighbours {MinNeighbors}, min size {MinSize})");
}
