using System.Globalization;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;

namespace Mlsd.Features;

/// <summary>
/// Principal component analysis: the <see cref="Components"/> orthogonal directions along which the training rows vary
/// most, and the projection of any row onto them. Fitted on pixels it is the classic unsupervised baseline for image
/// embeddings ("eigen-images"): it keeps the largest-variance structure of the catalogue and discards the rest.
/// </summary>
/// <remarks>
/// <para>Fit centres the rows, forms the d×d covariance matrix with divisor n − 1 and takes its eigenvectors with the
/// largest eigenvalues (MathNet.Numerics' symmetric eigen-decomposition). That costs O(n·d² + d³): right for d up to a
/// few hundred (a 14×14 image has 196 pixels), too slow for raw megapixels, where a randomized SVD is used instead.
/// <see cref="ExplainedVariance"/> and <see cref="ExplainedVarianceRatio"/> follow scikit-learn's <c>PCA</c>
/// definitions, so the two agree; each axis's sign is fixed so that its largest-magnitude entry is positive (PCA
/// determines an axis only up to sign).</para>
/// <para>Reference: Jolliffe &amp; Cadima, "Principal component analysis: a review and recent developments",
/// Phil. Trans. R. Soc. A 374 (2016), doi:10.1098/rsta.2015.0202; Turk &amp; Pentland, "Eigenfaces for recognition",
/// J. Cognitive Neuroscience 3 (1991).</para>
/// </remarks>
/// <example>Rows (0, 0), (2, 2), (4, 4): mean (2, 2), one axis (1/√2, 1/√2) holding all the variance
/// (the projections −2√2, 0, 2√2 give explained variance (8 + 0 + 8)/(3 − 1) = 8, ratio 1); row (4, 4) projects to 2√2 ≈ 2.828.</example>
public sealed class PrincipalComponents
{
    private float[]? _mean;
    private float[][]? _axes;
    private double[]? _variance;
    private double _totalVariance;

    /// <summary>Configures a PCA keeping <paramref name="components"/> directions.</summary>
    /// <param name="components">Number of directions to keep, at least 1 (and at most the data's dimension).</param>
    public PrincipalComponents(int components)
    {
        if (components < 1) throw new ArgumentOutOfRangeException(nameof(components), components, "components must be at least 1.");
        Components = components;
    }

    /// <summary>Number of directions kept.</summary>
    public int Components { get; }

    /// <summary>Mean of the training rows (subtracted before projecting).</summary>
    public IReadOnlyList<float> Mean => _mean ?? throw NotFitted();

    /// <summary>The directions, one unit vector of length d per component, largest variance first.</summary>
    public IReadOnlyList<float[]> Axes => _axes ?? throw NotFitted();

    /// <summary>Variance of the training rows along each axis (eigenvalues of the covariance, divisor n − 1).</summary>
    public IReadOnlyList<double> ExplainedVariance => _variance ?? throw NotFitted();

    /// <summary>Share of the total variance each axis holds; their sum is the share the projection keeps.</summary>
    public IReadOnlyList<double> ExplainedVarianceRatio =>
        (_variance ?? throw NotFitted()).Select(v => _totalVariance > 0 ? v / _totalVariance : 0).ToArray();

    /// <summary>Learns the mean and the axes from <paramref name="rows"/>.</summary>
    /// <param name="rows">At least two rows of the same length d ≥ <see cref="Components"/>, all values finite.</param>
    /// <returns>This instance, fitted.</returns>
    /// <exception cref="ArgumentException">Fewer than two rows, ragged or non-finite rows, or d &lt; <see cref="Components"/>.</exception>
    [MethodImpl(Jit.Hot)]
    public PrincipalComponents Fit(IReadOnlyList<float[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count < 2) throw new ArgumentException($"rows must hold at least 2 rows to have a variance (got {rows.Count}).", nameof(rows));
        int n = rows.Count, d = CheckRows(rows, -1, nameof(rows));
        if (d < Components)
            throw new ArgumentException($"rows have {d} columns, fewer than the {Components} components asked for.", nameof(rows));

        // Centred columns in double, so the covariance is a dot product of two contiguous arrays.
        var mean = new double[d];
        foreach (var row in rows)
            for (int j = 0; j < d; j++) mean[j] += row[j];
        for (int j = 0; j < d; j++) mean[j] /= n;
        var columns = new double[d][];
        for (int j = 0; j < d; j++)
        {
            var column = new double[n];
            for (int i = 0; i < n; i++) column[i] = rows[i][j] - mean[j];
            columns[j] = column;
        }
        var covariance = new double[d, d];
        for (int j = 0; j < d; j++)
            for (int k = j; k < d; k++)
                covariance[j, k] = covariance[k, j] = TensorPrimitives.Dot<double>(columns[j], columns[k]) / (n - 1);

        var evd = Matrix<double>.Build.DenseOfArray(covariance).Evd(Symmetricity.Symmetric);
        var values = evd.EigenValues.Select(v => v.Real).ToArray();   // ascending
        var vectors = evd.EigenVectors;
        var axes = new float[Components][];
        var variance = new double[Components];
        for (int c = 0; c < Components; c++)
        {
            int source = d - 1 - c;
            var axis = new float[d];
            int largest = 0;
            for (int j = 0; j < d; j++)
            {
                axis[j] = (float)vectors[j, source];
                if (Math.Abs(axis[j]) > Math.Abs(axis[largest])) largest = j;
            }
            if (axis[largest] < 0) TensorPrimitives.Negate(axis, axis);
            axes[c] = axis;
            variance[c] = Math.Max(values[source], 0);
        }
        _totalVariance = values.Sum(v => Math.Max(v, 0));
        _mean = mean.Select(m => (float)m).ToArray();
        _axes = axes;
        _variance = variance;
        return this;
    }

    /// <summary>Projects one row: its coordinates along each axis after subtracting the mean.</summary>
    /// <exception cref="ArgumentException">A row of the wrong length or with non-finite values.</exception>
    /// <exception cref="InvalidOperationException">Not fitted.</exception>
    [MethodImpl(Jit.Hot)]
    public float[] Transform(ReadOnlySpan<float> row)
    {
        var mean = _mean ?? throw NotFitted();
        if (row.Length != mean.Length)
            throw new ArgumentException($"row has {row.Length} columns; the PCA was fitted on {mean.Length}.", nameof(row));
        if (!TensorPrimitives.IsFiniteAll(row)) throw new ArgumentException("row contains NaN or infinity.", nameof(row));
        Span<float> centred = mean.Length <= 1024 ? stackalloc float[mean.Length] : new float[mean.Length];
        TensorPrimitives.Subtract(row, mean, centred);
        var projected = new float[Components];
        for (int c = 0; c < Components; c++) projected[c] = TensorPrimitives.Dot<float>(centred, _axes![c]);
        return projected;
    }

    /// <summary>Projects every row (see <see cref="Transform(ReadOnlySpan{float})"/>).</summary>
    public float[][] Transform(IReadOnlyList<float[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var mean = _mean ?? throw NotFitted();
        CheckRows(rows, mean.Length, nameof(rows));
        var result = new float[rows.Count][];
        for (int i = 0; i < result.Length; i++) result[i] = Transform(rows[i]);
        return result;
    }

    /// <summary>"PCA: 32 components keep 81.3 % of the variance" (or "PCA: 32 components (not fitted)").</summary>
    public override string ToString() => _variance is null
        ? string.Create(CultureInfo.InvariantCulture, $"PCA: {Components} components (not fitted)")
        : string.Create(CultureInfo.InvariantCulture, $"PCA: {Components} components keep {ExplainedVarianceRatio.Sum():P1} of the variance");

    private static int CheckRows(IReadOnlyList<float[]> rows, int expected, string name)
    {
        int d = expected;
        for (int i = 0; i < rows.Count; i++)
        {
            var row = rows[i] ?? throw new ArgumentException($"{name}[{i}] is null.", name);
            if (d < 0) d = row.Length;
            if (row.Length != d || d == 0)
                throw new ArgumentException($"{name}[{i}] has {row.Length} columns; expected {(d == 0 ? "at least 1" : d)}.", name);
            if (!TensorPrimitives.IsFiniteAll(row)) throw new ArgumentException($"{name}[{i}] contains NaN or infinity.", name);
        }
        return d;
    }

    private static InvalidOperationException NotFitted() => new("Call Fit before using the PCA.");
}
