using Mlsd.Features;

namespace Mlsd.Tests.Features;

public class HistogramOfOrientedGradientsTests
{
    [Fact]
    public void VerticalEdge_ByHand()
    {
        // The class's worked example: left half 0, right half 1 → each cell [0.125, 0 ×8] → L2-Hys → 0.5 entries.
        var image = new float[16 * 16];
        for (int r = 0; r < 16; r++) for (int c = 8; c < 16; c++) image[r * 16 + c] = 1;
        var d = new HistogramOfOrientedGradients(9, 8, 2).Transform(image, 16, 16);
        Assert.Equal(36, d.Length);
        for (int i = 0; i < 36; i++) Assert.Equal(i % 9 == 0 ? 0.5 : 0.0, d[i], 1e-6);
    }

    [Fact]
    public void HorizontalEdgeGoesToThe90DegreeBin()
    {
        // Top half 0, bottom half 2: gy = 2 on rows 7 and 8, orientation 90° → bin 4 of 9 ([80°, 100°)).
        var image = new float[16 * 16];
        for (int r = 8; r < 16; r++) for (int c = 0; c < 16; c++) image[r * 16 + c] = 2;
        var d = new HistogramOfOrientedGradients(9, 8, 2).Transform(image, 16, 16);
        for (int i = 0; i < 36; i++) Assert.Equal(i % 9 == 4 ? 0.5 : 0.0, d[i], 1e-6);
    }

    [Fact]
    public void DiagonalRampOnABinEdge_GoesToTheUpperBin_ByHand()
    {
        // I(r, c) = r + c on 8 × 8, 4 orientations (edges at 45°, 90°, 135°), cells of 4, one 2 × 2 block.
        // Interior pixels: gx = gy = 2, θ = 45° exactly → bin 1 ([45°, 90°)), magnitude 2√2. Row 0 (and row 7): gy = 0,
        // gx = 2 → bin 0; column 0 (and 7): gx = 0, gy = 2 → θ = 90° → bin 2; the corners have no gradient.
        // Every cell: 3 pixels in bin 0, 9 in bin 1, 3 in bin 2 → h = [6, 18√2, 6, 0] / 16 = [0.375, 1.590990, 0.375, 0].
        // L2: ‖4 copies of h‖ = 2 √2.8125 = 3.354102 → [0.111803, 0.474342, 0.111803, 0]; clip at 0.2 → renormalise by
        // 2 √(0.0125 + 0.04 + 0.0125) = 0.509902 → [0.219265, 0.392232, 0.219265, 0] in each of the four cells.
        var image = new float[64];
        for (int r = 0; r < 8; r++) for (int c = 0; c < 8; c++) image[r * 8 + c] = r + c;
        var d = new HistogramOfOrientedGradients(4, 4, 2).Transform(image, 8, 8);
        double[] cell = [0.219265, 0.392232, 0.219265, 0];
        Assert.Equal(16, d.Length);
        for (int i = 0; i < 16; i++) Assert.Equal(cell[i % 4], d[i], 1e-5);
    }

    // Expected values from scikit-image 0.19.3 (Debian python3-skimage):
    //   hog(img, orientations=o, pixels_per_cell=(cs, cs), cells_per_block=(bs, bs), block_norm='L2-Hys')
    // with img[r, c] = ((r*7 + c*13) % 17) / 16 + 0.25 * ((r*c) % 3), rows r < h, columns c < w; we check the length,
    // the sum, an order-sensitive weighted sum Σ d[i] · (i mod 7 + 1), and five single entries.
    [Theory]
    [InlineData(13, 18, 9, 4, 2, 216, 29.522390457015923, 119.78253795245274, 0.270176, 0.165792, 0.0, 0.112302, 0.24661)]
    [InlineData(16, 16, 6, 4, 3, 216, 24.810494341084983, 104.35777065382436, 0.213883, 0.077984, 0.032381, 0.057965, 0.20094)]
    [InlineData(10, 12, 9, 2, 1, 270, 50.30147596870702, 199.87335628438043, 0.707107, 0.0, 0.0, 0.620496, 0.0)]
    public void MatchesScikitImage(int h, int w, int orientations, int cellSize, int blockSize, int length, double sum,
        double weightedSum, double d0, double d1, double d2, double middle, double last)
    {
        var image = new float[h * w];
        for (int r = 0; r < h; r++)
            for (int c = 0; c < w; c++) image[r * w + c] = (float)((r * 7 + c * 13) % 17 / 16.0 + 0.25 * (r * c % 3));
        var d = new HistogramOfOrientedGradients(orientations, cellSize, blockSize).Transform(image, w, h);
        Assert.Equal(length, d.Length);
        double s = 0, ws = 0;
        for (int i = 0; i < d.Length; i++) { s += d[i]; ws += d[i] * (i % 7 + 1); }
        Assert.Equal(sum, s, 1e-4);
        Assert.Equal(weightedSum, ws, 1e-4);
        Assert.Equal(d0, d[0], 1e-5);
        Assert.Equal(d1, d[1], 1e-5);
        Assert.Equal(d2, d[2], 1e-5);
        Assert.Equal(middle, d[d.Length / 2], 1e-5);
        Assert.Equal(last, d[^1], 1e-5);
    }

    [Fact]
    public void WindowOfTheMap_IsACopyOfItsBlocks()
    {
        var image = new float[24 * 32];
        for (int i = 0; i < image.Length; i++) image[i] = (i * 37 % 101) / 100f;
        var hog = new HistogramOfOrientedGradients(9, 4, 2);
        var map = hog.Map(image, 32, 24);
        Assert.Equal((6, 8), (map.CellsHigh, map.CellsWide));
        Assert.Equal(hog.Transform(image, 32, 24), map.Window(0, 0, 6, 8));
        // A 3×4-cell window at cell (2, 3): its 2×3 blocks are the map's blocks (2..3, 3..5), row by row.
        var full = map.Window(0, 0, 6, 8);
        var window = map.Window(2, 3, 3, 4);
        Assert.Equal(hog.DescriptorLength(3, 4), window.Length);
        int block = 36;
        for (int br = 0; br < 2; br++)
            for (int bc = 0; bc < 3; bc++)
                for (int k = 0; k < block; k++)
                    Assert.Equal(full[((2 + br) * 7 + 3 + bc) * block + k], window[(br * 3 + bc) * block + k]);
    }

    [Fact]
    public void BadInput_NamesTheArgument()
    {
        Assert.Equal("orientations", Assert.Throws<ArgumentOutOfRangeException>(() => new HistogramOfOrientedGradients(0)).ParamName);
        Assert.Equal("cellSize", Assert.Throws<ArgumentOutOfRangeException>(() => new HistogramOfOrientedGradients(9, 0)).ParamName);
        Assert.Equal("blockSize", Assert.Throws<ArgumentOutOfRangeException>(() => new HistogramOfOrientedGradients(9, 8, 0)).ParamName);
        var hog = new HistogramOfOrientedGradients(9, 8, 2);
        Assert.Equal("image", Assert.Throws<ArgumentException>(() => hog.Transform(new float[10], 4, 4)).ParamName);
        var small = Assert.Throws<ArgumentException>(() => hog.Transform(new float[15 * 16], 16, 15));
        Assert.Contains("at least one block", small.Message);
        var map = hog.Map(new float[32 * 32], 32, 32);
        Assert.Equal("cellRow", Assert.Throws<ArgumentOutOfRangeException>(() => map.Window(3, 0, 2, 2)).ParamName);
        Assert.Equal("cellColumn", Assert.Throws<ArgumentOutOfRangeException>(() => map.Window(0, -1, 2, 2)).ParamName);
        Assert.Equal("cellsHigh", Assert.Throws<ArgumentOutOfRangeException>(() => map.Window(0, 0, 1, 2)).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => map.Window(0, 0, 2, 2, new float[5])).ParamName);
    }
}
