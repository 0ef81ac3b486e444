using System.Runtime.CompilerServices;

namespace Mlsd.Features;

/// <summary>
/// Histogram of oriented gradients (HOG): a fixed image descriptor that records which way edges run in each small
/// cell of an image, normalised over blocks of neighbouring cells so that it ignores overall brightness and
/// contrast. Before learned convolutional features, HOG plus a linear classifier over sliding windows was the
/// standard CPU object detector (pedestrians, faces, plates), and it is still the cheapest detector to train.
/// </summary>
/// <remarks>
/// <para><b>Definition</b> (greyscale image <i>I</i>, row-major, <i>w</i> × <i>h</i>; the conventions of
/// scikit-image's <c>hog</c>, so its output is an independent check):</para>
/// <list type="number">
/// <item>Gradients by central differences, gx(r, c) = I(r, c + 1) − I(r, c − 1) and gy(r, c) = I(r + 1, c) −
/// I(r − 1, c), zero on the first and last column (gx) and row (gy). Magnitude √(gx² + gy²); unsigned orientation
/// atan2(gy, gx) in degrees, modulo 180.</item>
/// <item>Cells of <c>CellSize</c> × <c>CellSize</c> pixels (⌊h / CellSize⌋ × ⌊w / CellSize⌋ of them; leftover
/// pixels at the right and bottom are ignored). A cell's histogram has <c>Orientations</c> bins of equal width
/// over [0°, 180°); each pixel adds its magnitude to its orientation's bin (hard assignment); the histogram is
/// divided by the number of pixels in the cell.</item>
/// <item>Blocks of <c>BlockSize</c> × <c>BlockSize</c> cells, sliding by one cell. Each block's concatenated
/// histograms (cell row, cell column, orientation) are L2-Hys normalised: v / √(‖v‖² + ε²), clipped at 0.2,
/// renormalised the same way (ε = 1e−5).</item>
/// <item>The descriptor is the blocks in row-major order: (cellsHigh − BlockSize + 1) × (cellsWide − BlockSize + 1)
/// × BlockSize² × Orientations numbers.</item>
/// </list>
/// <para>Dalal and Triggs also vote into two neighbouring bins and cells (trilinear interpolation) and weight the
/// block with a Gaussian; the hard-assignment form here is what scikit-image computes and is within a point or two
/// of AP on their benchmark.</para>
/// <para>Reference: N. Dalal and B. Triggs, "Histograms of Oriented Gradients for Human Detection", CVPR 2005;
/// scikit-image, <c>skimage.feature.hog</c> (van der Walt et al., PeerJ 2:e453, 2014).</para>
/// </remarks>
/// <example>A 16 × 16 image with CellSize 8, BlockSize 2 and 9 orientations has 2 × 2 cells, one block, and a
/// 36-number descriptor. Its left half 0 and right half 1 (a vertical edge) gives gx = 1 on columns 7 and 8 and
/// no other gradient: every such pixel has orientation 0°, so each cell's histogram is [8 / 64, 0, …, 0] = [0.125,
/// 0, …] and the block holds 0.125 four times. L2 makes those 0.125 / √(4 · 0.125²) = 0.5, the clip lowers them to
/// 0.2, and renormalising gives 0.2 / √(4 · 0.2²) = 0.5 again (up to ε): [0.5, 0 ×8] four times.</example>
public sealed class HistogramOfOrientedGradients
{
    private const double Epsilon = 1e-5;
    private const float Clip = 0.2f;

    /// <summary>Configures the descriptor.</summary>
    /// <param name="orientations">Bins over [0°, 180°), at least 1 (Dalal and Triggs: 9).</param>
    /// <param name="cellSize">Cell side in pixels, at least 1 (8 for 64 × 128 pedestrians; smaller for small windows).</param>
    /// <param name="blockSize">Block side in cells, at least 1 (2).</param>
    /// <exception cref="ArgumentOutOfRangeException">A size below 1, naming it.</exception>
    public HistogramOfOrientedGradients(int orientations = 9, int cellSize = 8, int blockSize = 2)
    {
        if (orientations < 1) throw new ArgumentOutOfRangeException(nameof(orientations), orientations, "orientations must be at least 1.");
        if (cellSize < 1) throw new ArgumentOutOfRangeException(nameof(cellSize), cellSize, "cellSize must be at least 1.");
        if (blockSize < 1) throw new ArgumentOutOfRangeException(nameof(blockSize), blockSize, "blockSize must be at least 1.");
        Orientations = orientations;
        CellSize = cellSize;
        BlockSize = blockSize;
    }

    /// <summary>Orientation bins per cell.</summary>
    public int Orientations { get; }

    /// <summary>Cell side in pixels.</summary>
    public int CellSize { get; }

    /// <summary>Block side in cells.</summary>
    public int BlockSize { get; }

    /// <summary>Numbers in the descriptor of a window <paramref name="cellsHigh"/> × <paramref name="cellsWide"/> cells.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A window smaller than one block.</exception>
    public int DescriptorLength(int cellsHigh, int cellsWide)
    {
        if (cellsHigh < BlockSize) throw new ArgumentOutOfRangeException(nameof(cellsHigh), cellsHigh, $"cellsHigh must be at least BlockSize ({BlockSize}).");
        if (cellsWide < BlockSize) throw new ArgumentOutOfRangeException(nameof(cellsWide), cellsWide, $"cellsWide must be at least BlockSize ({BlockSize}).");
        return (cellsHigh - BlockSize + 1) * (cellsWide - BlockSize + 1) * BlockSize * BlockSize * Orientations;
    }

    /// <summary>The HOG descriptor of a whole image (see the class remarks for the definition).</summary>
    /// <param name="image">Row-major greyscale pixels, <paramref name="width"/> × <paramref name="height"/>.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <exception cref="ArgumentException">A size that does not match the image, or an image smaller than one block.</exception>
    public float[] Transform(ReadOnlySpan<float> image, int width, int height)
    {
        var map = Map(image, width, height);
        return map.Window(0, 0, map.CellsHigh, map.CellsWide);
    }

    /// <summary>
    /// Cell histograms and normalised blocks of a whole image, computed once, from which the descriptor of any
    /// cell-aligned window is read by copying blocks — how a sliding-window detector scores thousands of windows
    /// without recomputing gradients.
    /// </summary>
    /// <param name="image">Row-major greyscale pixels.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <exception cref="ArgumentException">A size that does not match the image, or an image smaller than one block.</exception>
    [MethodImpl(Jit.Hot)]
    public HogFeatureMap Map(ReadOnlySpan<float> image, int width, int height)
    {
        ImageTransforms.CheckSize(image.Length, width, height, nameof(image));
        int cellsHigh = height / CellSize, cellsWide = width / CellSize;
        if (cellsHigh < BlockSize || cellsWide < BlockSize)
            throw new ArgumentException(
                $"image ({width}×{height}) must hold at least one block of {BlockSize}×{BlockSize} cells of {CellSize} pixels.", nameof(image));
        var cells = new double[cellsHigh * cellsWide * Orientations];
        var (cosines, sines) = BinEdges();
        int rows = cellsHigh * CellSize, columns = cellsWide * CellSize;
        for (int r = 0; r < rows; r++)
        {
            int cellIndex = (r / CellSize) * cellsWide * Orientations, inCell = 0;
            bool rowEdge = r == 0 || r == height - 1;
            int at = r * width;
            for (int c = 0; c < columns; c++, at++)
            {
                double gx = c == 0 || c == width - 1 ? 0 : image[at + 1] - (double)image[at - 1];
                double gy = rowEdge ? 0 : image[at + width] - (double)image[at - width];
                if (gx != 0 || gy != 0)
                    cells[cellIndex + OrientationBin(gx, gy, cosines, sines)] += Math.Sqrt(gx * gx + gy * gy);
                if (++inCell == CellSize) { inCell = 0; cellIndex += Orientations; }
            }
        }
        double perPixel = 1.0 / (CellSize * CellSize);
        for (int i = 0; i < cells.Length; i++) cells[i] *= perPixel;
        return new HogFeatureMap(this, cellsHigh, cellsWide, NormaliseBlocks(cells, cellsHigh, cellsWide));
    }

    /// <summary>Unit vectors of the bin edges k · 180° / Orientations, k = 1 … Orientations − 1.</summary>
    private (double[] Cosines, double[] Sines) BinEdges()
    {
        var cosines = new double[Orientations - 1];
        var sines = new double[Orientations - 1];
        for (int k = 1; k < Orientations; k++)
        {
            double angle = Math.PI * k / Orientations;
            cosines[k - 1] = Math.Cos(angle);
            sines[k - 1] = Math.Sin(angle);
        }
        return (cosines, sines);
    }

    /// <summary>
    /// The bin of the unsigned orientation of (gx, gy) — ⌊θ / (180° / Orientations)⌋ with θ = atan2(gy, gx) mod 180° —
    /// without a trigonometric call: the gradient is turned into the upper half-plane (θ and θ + 180° share a bin), and
    /// θ is at or past edge φ exactly when the cross product cos φ · gy − sin φ · gx is not negative. Gradients along
    /// the axes and the diagonals, which an image's pixel steps produce exactly, are binned by exact arithmetic
    /// (0°, 45°, 90°, 135°), so an edge that coincides with a bin edge lands in the upper bin, as ⌊θ / width⌋ says.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int OrientationBin(double gx, double gy, double[] cosines, double[] sines)
    {
        if (gy < 0 || (gy == 0 && gx < 0)) { gx = -gx; gy = -gy; }
        if (gy == 0) return 0;
        if (gx == 0) return Orientations / 2;
        if (gx == gy) return Orientations / 4;
        if (gx == -gy) return 3 * Orientations / 4;
        int bin = 0;
        for (int k = 0; k < cosines.Length; k++) bin += cosines[k] * gy - sines[k] * gx >= 0 ? 1 : 0;
        return bin;
    }

    [MethodImpl(Jit.Hot)]
    private float[] NormaliseBlocks(double[] cells, int cellsHigh, int cellsWide)
    {
        int blocksHigh = cellsHigh - BlockSize + 1, blocksWide = cellsWide - BlockSize + 1;
        int blockLength = BlockSize * BlockSize * Orientations;
        var blocks = new float[blocksHigh * blocksWide * blockLength];
        var v = new double[blockLength];
        for (int br = 0; br < blocksHigh; br++)
            for (int bc = 0; bc < blocksWide; bc++)
            {
                int k = 0;
                for (int r = br; r < br + BlockSize; r++)
                    for (int c = bc; c < bc + BlockSize; c++)
                        for (int o = 0; o < Orientations; o++) v[k++] = cells[(r * cellsWide + c) * Orientations + o];
                double norm = Norm(v);
                for (int i = 0; i < v.Length; i++) v[i] = Math.Min(v[i] / norm, Clip);
                norm = Norm(v);
                int offset = (br * blocksWide + bc) * blockLength;
                for (int i = 0; i < v.Length; i++) blocks[offset + i] = (float)(v[i] / norm);
            }
        return blocks;
    }

    private static double Norm(double[] v)
    {
        double sum = Epsilon * Epsilon;
        foreach (double x in v) sum += x * x;
        return Math.Sqrt(sum);
    }
}

/// <summary>
/// The normalised HOG blocks of one image (<see cref="HistogramOfOrientedGradients.Map"/>). A window's descriptor is
/// its blocks, copied: identical to <see cref="HistogramOfOrientedGradients.Transform"/> of the window cut out of the
/// image, except that the pixels on the cut's border keep their real gradients (a cut-out has none there).
/// </summary>
public sealed class HogFeatureMap
{
    private readonly float[] _blocks;

    internal HogFeatureMap(HistogramOfOrientedGradients descriptor, int cellsHigh, int cellsWide, float[] blocks)
    {
        Descriptor = descriptor;
        CellsHigh = cellsHigh;
        CellsWide = cellsWide;
        _blocks = blocks;
    }

    /// <summary>The descriptor settings the map was computed with.</summary>
    public HistogramOfOrientedGradients Descriptor { get; }

    /// <summary>Cells down the image.</summary>
    public int CellsHigh { get; }

    /// <summary>Cells across the image.</summary>
    public int CellsWide { get; }

    /// <summary>The normalised blocks, row-major (block row, block column, then the block's numbers) — for scanning
    /// windows in place.</summary>
    internal ReadOnlySpan<float> Blocks => _blocks;

    /// <summary>The descriptor of the window whose top-left cell is (<paramref name="cellRow"/>,
    /// <paramref name="cellColumn"/>) and whose size is <paramref name="cellsHigh"/> × <paramref name="cellsWide"/> cells.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A window smaller than a block or not inside the image.</exception>
    public float[] Window(int cellRow, int cellColumn, int cellsHigh, int cellsWide)
    {
        var destination = new float[Descriptor.DescriptorLength(cellsHigh, cellsWide)];
        Window(cellRow, cellColumn, cellsHigh, cellsWide, destination);
        return destination;
    }

    /// <summary>Writes the window's descriptor into <paramref name="destination"/> (no allocation: for scanning).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A window smaller than a block or not inside the image.</exception>
    /// <exception cref="ArgumentException">A destination of the wrong length.</exception>
    public void Window(int cellRow, int cellColumn, int cellsHigh, int cellsWide, Span<float> destination)
    {
        int length = Descriptor.DescriptorLength(cellsHigh, cellsWide);
        if (cellRow < 0 || cellRow + cellsHigh > CellsHigh)
            throw new ArgumentOutOfRangeException(nameof(cellRow), cellRow, $"rows {cellRow}…{cellRow + cellsHigh - 1} must lie within the image's {CellsHigh} cell rows.");
        if (cellColumn < 0 || cellColumn + cellsWide > CellsWide)
            throw new ArgumentOutOfRangeException(nameof(cellColumn), cellColumn, $"columns {cellColumn}…{cellColumn + cellsWide - 1} must lie within the image's {CellsWide} cell columns.");
        if (destination.Length != length)
            throw new ArgumentException($"destination must hold {length} numbers (got {destination.Length}).", nameof(destination));
        int block = Descriptor.BlockSize * Descriptor.BlockSize * Descriptor.Orientations;
        int blocksWideInMap = CellsWide - Descriptor.BlockSize + 1;
        int blocksHigh = cellsHigh - Descriptor.BlockSize + 1, blocksWide = cellsWide - Descriptor.BlockSize + 1;
        int k = 0;
        for (int br = 0; br < blocksHigh; br++)
        {
            int source = ((cellRow + br) * blocksWideInMap + cellColumn) * block;
            int count = blocksWide * block;
            _blocks.AsSpan(source, count).CopyTo(destination.Slice(k, count));
            k += count;
        }
    }
}
