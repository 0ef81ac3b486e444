using System.Globalization;
using System.Runtime.CompilerServices;
using Mlsd.Features;
using Mlsd.Metrics;

namespace Mlsd.Models;

/// <summary>
/// A one-class sliding-window object detector: HOG features of a fixed-size window, a linear classifier
/// (logistic regression), scanned over an image pyramid — the Dalal–Triggs detector. Every window position and scale
/// is a region proposal, so it is a one-stage detector in the modern sense (no learned proposal step), and its
/// scores go through <see cref="NonMaximumSuppression"/> like any detector's.
/// </summary>
/// <remarks>
/// <para><b>Training.</b> Positives are the annotated boxes, cut out and resampled to the window
/// (<see cref="Describe"/>); negatives are windows that overlap no object. Random negatives are mostly sky and road,
/// so the first model fires on everything that looks a little like the object; <see cref="MineHardNegatives"/> scans
/// the training images, keeps the highest-scoring windows that are not objects, and the model is trained again with
/// them (Dalal and Triggs's retraining round; Felzenszwalb et al. formalise it as hard-negative mining).</para>
/// <para><b>Detection.</b> For each scale s, the image is resampled by s and its HOG map computed once
/// (<see cref="HogFeatureMap"/>); every cell-aligned window is scored by one dot product; windows scoring above
/// <c>minScore</c> become boxes in the original image (divided by s). A window of w pixels at scale s finds objects
/// about w / s pixels wide.</para>
/// <para>Reference: N. Dalal and B. Triggs, "Histograms of Oriented Gradients for Human Detection", CVPR 2005;
/// P. Felzenszwalb, R. Girshick, D. McAllester and D. Ramanan, "Object Detection with Discriminatively Trained
/// Part-Based Models", TPAMI 32(9), 2010.</para>
/// </remarks>
public sealed class SlidingWindowDetector
{
    private double[]? _weights;
    private double _bias;

    /// <summary>Configures a detector.</summary>
    /// <param name="classId">The class its detections carry (e.g. 0 = face, 1 = plate).</param>
    /// <param name="windowWidth">Window width in pixels, a multiple of the HOG cell size.</param>
    /// <param name="windowHeight">Window height in pixels, a multiple of the HOG cell size.</param>
    /// <param name="hog">The descriptor (cell size, orientations, block size).</param>
    /// <param name="scales">Pyramid scales, each in (0, 8]: the image is resampled by each before scanning.</param>
    /// <exception cref="ArgumentException">A window that is not a whole number of cells or smaller than a block, or
    /// a bad scale, naming the argument.</exception>
    public SlidingWindowDetector(int classId, int windowWidth, int windowHeight, HistogramOfOrientedGradients hog, IReadOnlyList<double> scales)
    {
        ArgumentNullException.ThrowIfNull(hog);
        ArgumentNullException.ThrowIfNull(scales);
        if (windowWidth < hog.CellSize * hog.BlockSize || windowWidth % hog.CellSize != 0)
            throw new ArgumentOutOfRangeException(nameof(windowWidth), windowWidth,
                $"windowWidth must be a multiple of the cell size {hog.CellSize} and at least one block ({hog.CellSize * hog.BlockSize} pixels).");
        if (windowHeight < hog.CellSize * hog.BlockSize || windowHeight % hog.CellSize != 0)
            throw new ArgumentOutOfRangeException(nameof(windowHeight), windowHeight,
                $"windowHeight must be a multiple of the cell size {hog.CellSize} and at least one block ({hog.CellSize * hog.BlockSize} pixels).");
        if (scales.Count == 0) throw new ArgumentException("scales must hold at least one scale.", nameof(scales));
        foreach (double s in scales)
            if (!(s > 0 && s <= 8)) throw new ArgumentOutOfRangeException(nameof(scales), s, "every scale must be in (0, 8].");
        ClassId = classId;
        WindowWidth = windowWidth;
        WindowHeight = windowHeight;
        Hog = hog;
        Scales = scales.ToArray();
    }

    /// <summary>The class id of the detections.</summary>
    public int ClassId { get; }

    /// <summary>Window width in pixels.</summary>
    public int WindowWidth { get; }

    /// <summary>Window height in pixels.</summary>
    public int WindowHeight { get; }

    /// <summary>The HOG descriptor.</summary>
    public HistogramOfOrientedGradients Hog { get; }

    /// <summary>Pyramid scales.</summary>
    public IReadOnlyList<double> Scales { get; }

    /// <summary>Features per window.</summary>
    public int FeatureCount => Hog.DescriptorLength(WindowHeight / Hog.CellSize, WindowWidth / Hog.CellSize);

    /// <summary>Whether <see cref="Fit"/> has run.</summary>
    public bool IsFitted => _weights is not null;

    /// <summary>
    /// The HOG descriptor of a box, as a scan would see it: the box plus one cell of context on every side is cut out
    /// and resampled so that the box fills the window, and the window's blocks are read from that patch's map — so
    /// the gradients on the box's border are real, as they are when the window is scanned over a whole image (a bare
    /// cut-out has none there, and a thin object such as a plate loses its top and bottom edges).
    /// </summary>
    /// <exception cref="ArgumentException">A size that does not match the image, or an empty box.</exception>
    public float[] Describe(ReadOnlySpan<float> image, int width, int height, Box box)
    {
        int cell = Hog.CellSize;
        double sx = box.Width / WindowWidth, sy = box.Height / WindowHeight;
        int pw = WindowWidth + 2 * cell, ph = WindowHeight + 2 * cell;
        var patch = ImageTransforms.CropResize(image, width, height, box.X1 - cell * sx, box.Y1 - cell * sy,
            box.X2 + cell * sx, box.Y2 + cell * sy, pw, ph);
        return Hog.Map(patch, pw, ph).Window(1, 1, WindowHeight / cell, WindowWidth / cell);
    }

    /// <summary>Trains the window classifier: logistic regression on positives (label 1) and negatives (label 0).</summary>
    /// <param name="positives">Descriptors of object windows.</param>
    /// <param name="negatives">Descriptors of background windows.</param>
    /// <param name="model">The classifier to train (default: 20 epochs, L2 1, seed 0).</param>
    /// <exception cref="ArgumentException">No positives or no negatives, or a descriptor of the wrong length.</exception>
    public SlidingWindowDetector Fit(IReadOnlyList<float[]> positives, IReadOnlyList<float[]> negatives, LogisticRegression? model = null)
    {
        ArgumentNullException.ThrowIfNull(positives);
        ArgumentNullException.ThrowIfNull(negatives);
        if (positives.Count == 0) throw new ArgumentException("positives must hold at least one window.", nameof(positives));
        if (negatives.Count == 0) throw new ArgumentException("negatives must hold at least one window.", nameof(negatives));
        var x = new List<double[]>(positives.Count + negatives.Count);
        var y = new List<int>(positives.Count + negatives.Count);
        Add(positives, 1, nameof(positives));
        Add(negatives, 0, nameof(negatives));
        model ??= new LogisticRegression { Epochs = 20, L2 = 1, Seed = 0 };
        model.Fit(x, y);
        _weights = model.Weights.ToArray();
        _bias = model.Intercept;
        return this;

        void Add(IReadOnlyList<float[]> windows, int label, string name)
        {
            for (int i = 0; i < windows.Count; i++)
            {
                if (windows[i] is null || windows[i].Length != FeatureCount)
                    throw new ArgumentException($"{name}[{i}] must be a descriptor of {FeatureCount} numbers (got {windows[i]?.Length.ToString(CultureInfo.InvariantCulture) ?? "null"}).", name);
                x.Add(Array.ConvertAll(windows[i], v => (double)v));
                y.Add(label);
            }
        }
    }

    /// <summary>The classifier's score (log-odds) of one descriptor.</summary>
    /// <exception cref="InvalidOperationException">Before <see cref="Fit"/>.</exception>
    public double Score(ReadOnlySpan<float> descriptor)
    {
        var w = Fitted();
        if (descriptor.Length != w.Length) throw new ArgumentException($"descriptor must hold {w.Length} numbers (got {descriptor.Length}).", nameof(descriptor));
        return Dot(w, descriptor) + _bias;
    }

    /// <summary>
    /// Every window scoring at least <paramref name="minScore"/> (log-odds), at every scale, as a box in the original
    /// image — before non-maximum suppression.
    /// </summary>
    /// <param name="image">Row-major greyscale pixels.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="imageId">The image id the detections carry.</param>
    /// <param name="minScore">Lowest log-odds kept (default 0: probability ½).</param>
    /// <exception cref="InvalidOperationException">Before <see cref="Fit"/>.</exception>
    public List<DetectedBox> Detect(ReadOnlySpan<float> image, int width, int height, int imageId = 0, double minScore = 0) =>
        Detect(Prepare(image, width, height), imageId, minScore);

    /// <summary>
    /// The scan's preprocessing: the image resampled to every scale of the pyramid and each level's HOG map. It is
    /// the costly half of <see cref="Detect(ReadOnlySpan{float}, int, int, int, double)"/> and needs no trained
    /// weights, so a serving pipeline can run it on one core while another scores the previous image.
    /// </summary>
    /// <exception cref="ArgumentException">Pixels that do not match <paramref name="width"/> × <paramref name="height"/>.</exception>
    public WindowPyramid Prepare(ReadOnlySpan<float> image, int width, int height)
    {
        if (width < 1 || height < 1 || image.Length != width * height)
            throw new ArgumentException($"image must hold width × height = {width} × {height} pixels (got {image.Length}).", nameof(image));
        var levels = new List<(double, double, HogFeatureMap)>();
        foreach (double s in Scales)
        {
            int sw = (int)Math.Round(width * s), sh = (int)Math.Round(height * s);
            if (sw < WindowWidth || sh < WindowHeight) continue;
            var scaled = s == 1 ? image.ToArray() : ImageTransforms.CropResize(image, width, height, 0, 0, width, height, sw, sh);
            levels.Add(((double)width / sw, (double)height / sh, Hog.Map(scaled, sw, sh)));
        }
        return new WindowPyramid(width, height, levels);
    }

    /// <summary>Scores every window of a prepared pyramid (see <see cref="Prepare"/>); the same boxes as
    /// <see cref="Detect(ReadOnlySpan{float}, int, int, int, double)"/>.</summary>
    /// <exception cref="InvalidOperationException">Before <see cref="Fit"/>.</exception>
    [MethodImpl(Jit.Hot)]
    public List<DetectedBox> Detect(WindowPyramid pyramid, int imageId = 0, double minScore = 0)
    {
        ArgumentNullException.ThrowIfNull(pyramid);
        var w = Fitted();
        var found = new List<DetectedBox>();
        int cellsHigh = WindowHeight / Hog.CellSize, cellsWide = WindowWidth / Hog.CellSize;
        int blockSize = Hog.BlockSize, block = blockSize * blockSize * Hog.Orientations;
        int run = (cellsWide - blockSize + 1) * block, blockRows = cellsHigh - blockSize + 1;
        foreach (var (sx, sy, map) in pyramid.Levels)
        {
            if (map.Descriptor.CellSize != Hog.CellSize || map.Descriptor.BlockSize != blockSize
                || map.Descriptor.Orientations != Hog.Orientations)
                throw new ArgumentException("pyramid was prepared with other HOG settings.", nameof(pyramid));
            var blocks = map.Blocks;
            int rowStride = (map.CellsWide - blockSize + 1) * block;
            for (int r = 0; r + cellsHigh <= map.CellsHigh; r++)
                for (int c = 0; c + cellsWide <= map.CellsWide; c++)
                {
                    // The window's descriptor is blockRows runs of the map, one per block row: score it in place,
                    // in the order Score would (no copy).
                    double score = 0;
                    for (int br = 0, k = 0; br < blockRows; br++, k += run)
                        score = DotRun(score, w.AsSpan(k, run), blocks.Slice((r + br) * rowStride + c * block, run));
                    score += _bias;
                    if (score < minScore) continue;
                    double x1 = c * Hog.CellSize * sx, y1 = r * Hog.CellSize * sy;
                    found.Add(new DetectedBox(imageId, new Box(x1, y1, x1 + WindowWidth * sx, y1 + WindowHeight * sy), score, ClassId));
                }
        }
        return found;
    }

    /// <summary>
    /// Hard negatives: in each image, the windows scoring at least <paramref name="minScore"/> whose IoU with every
    /// object of this class is below <paramref name="maxIoU"/>, best first, at most <paramref name="perImage"/> per
    /// image after NMS at 0.3 (so one false alarm does not fill the quota with near-copies) — as descriptors.
    /// </summary>
    /// <param name="images">Training images (row-major pixels, all <paramref name="width"/> × <paramref name="height"/>).</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="objects">Ground-truth boxes; ImageId indexes <paramref name="images"/>, other classes are ignored.</param>
    /// <param name="perImage">Most negatives taken per image (default 5).</param>
    /// <param name="maxIoU">A window overlapping an object by this much or more is not a negative (default 0.3).</param>
    /// <param name="minScore">Lowest score worth mining (default −1).</param>
    /// <exception cref="InvalidOperationException">Before <see cref="Fit"/>.</exception>
    public List<float[]> MineHardNegatives(IReadOnlyList<float[]> images, int width, int height, IReadOnlyList<GroundTruthBox> objects,
        int perImage = 5, double maxIoU = 0.3, double minScore = -1)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(objects);
        if (perImage < 1) throw new ArgumentOutOfRangeException(nameof(perImage), perImage, "perImage must be at least 1.");
        Fitted();
        var byImage = objects.Where(o => o.ClassId == ClassId).ToLookup(o => o.ImageId, o => o.Box);
        var mined = new List<float[]>();
        for (int i = 0; i < images.Count; i++)
        {
            var truths = byImage[i].ToList();
            var candidates = Detect(images[i], width, height, i, minScore)
                .Where(d => truths.All(t => Metrics.Detection.IoUUnchecked(d.Box, t) < maxIoU)).ToList();
            foreach (var d in NonMaximumSuppression.Apply(candidates, 0.3, maxPerImage: perImage))
                mined.Add(Describe(images[i], width, height, d.Box));
        }
        return mined;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"SlidingWindowDetector(class {ClassId}, window {WindowWidth}×{WindowHeight}, {FeatureCount} HOG features, scales [{string.Join(", ", Scales)}]{(IsFitted ? "" : ", not fitted")})");

    private double[] Fitted() => _weights ?? throw new InvalidOperationException("Call Fit before scoring or detecting.");

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double DotRun(double sum, ReadOnlySpan<double> w, ReadOnlySpan<float> x)
    {
        for (int i = 0; i < w.Length; i++) sum += w[i] * x[i];
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Dot(double[] w, ReadOnlySpan<float> x)
    {
        double sum = 0;
        for (int i = 0; i < w.Length; i++) sum += w[i] * x[i];
        return sum;
    }
}

/// <summary>A prepared image for <see cref="SlidingWindowDetector"/>: per pyramid level, the factors that map the
/// level back to the image (x, y) and its HOG map. Made by <see cref="SlidingWindowDetector.Prepare"/>.</summary>
/// <param name="Width">Image width in pixels.</param>
/// <param name="Height">Image height in pixels.</param>
/// <param name="Levels">Per level: image pixels per level pixel across and down, and the level's HOG map.</param>
public sealed record WindowPyramid(int Width, int Height, IReadOnlyList<(double ScaleX, double ScaleY, HogFeatureMap Map)> Levels);
