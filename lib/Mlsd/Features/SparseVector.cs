using System.Globalization;
using System.Text;

namespace Mlsd.Features;

/// <summary>
/// A sparse vector: sorted indices of the non-zero entries and their values. Text features (TF-IDF, bag of
/// words, hashed features) have thousands of dimensions but a handful of non-zeros per document.
/// </summary>
public sealed class SparseVector
{
    /// <summary>Creates the vector; <paramref name="indices"/> must be strictly increasing and in [0, dimension).</summary>
    public SparseVector(int dimension, int[] indices, double[] values)
    {
        if (dimension < 0) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "dimension must be non-negative.");
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(values);
        if (indices.Length != values.Length)
            throw new ArgumentException($"indices and values must have the same length (got {indices.Length} and {values.Length}).", nameof(values));
        for (int k = 0; k < indices.Length; k++)
        {
            if ((uint)indices[k] >= (uint)dimension)
                throw new ArgumentException($"index {indices[k]} at position {k} is outside [0, {dimension}).", nameof(indices));
            if (k > 0 && indices[k] <= indices[k - 1])
                throw new ArgumentException($"indices must be strictly increasing (position {k}: {indices[k - 1]} then {indices[k]}).", nameof(indices));
        }
        Dimension = dimension;
        Indices = indices;
        Values = values;
    }

    /// <summary>The vector's length (number of features).</summary>
    public int Dimension { get; }

    /// <summary>Indices of stored entries, ascending.</summary>
    public int[] Indices { get; }

    /// <summary>Values of stored entries, parallel to <see cref="Indices"/>.</summary>
    public double[] Values { get; }

    /// <summary>Number of stored entries.</summary>
    public int NonZeroCount => Indices.Length;

    /// <summary>Entry <paramref name="index"/> (0 when not stored).</summary>
    public double this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Dimension) throw new ArgumentOutOfRangeException(nameof(index), index, $"index must be in [0, {Dimension}).");
            int k = Array.BinarySearch(Indices, index);
            return k >= 0 ? Values[k] : 0;
        }
    }

    /// <summary>Dot product with another sparse vector of the same dimension (merge of the two index lists).</summary>
    public double Dot(SparseVector other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Dimension != Dimension) throw new ArgumentException($"dimensions differ ({Dimension} and {other.Dimension}).", nameof(other));
        double sum = 0;
        int i = 0, j = 0;
        while (i < Indices.Length && j < other.Indices.Length)
        {
            int a = Indices[i], b = other.Indices[j];
            if (a == b) sum += Values[i++] * other.Values[j++];
            else if (a < b) i++;
            else j++;
        }
        return sum;
    }

    /// <summary>Dot product with a dense vector of length <see cref="Dimension"/>.</summary>
    public double Dot(ReadOnlySpan<double> dense)
    {
        if (dense.Length != Dimension) throw new ArgumentException($"dense has length {dense.Length}, expected {Dimension}.", nameof(dense));
        double sum = 0;
        for (int k = 0; k < Indices.Length; k++) sum += Values[k] * dense[Indices[k]];
        return sum;
    }

    /// <summary>Euclidean (L2) norm.</summary>
    public double Norm()
    {
        double sum = 0;
        foreach (double v in Values) sum += v * v;
        return Math.Sqrt(sum);
    }

    /// <summary>Cosine similarity of two vectors (0 when either is all zeros).</summary>
    public static double CosineSimilarity(SparseVector a, SparseVector b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        double na = a.Norm(), nb = b.Norm();
        return na == 0 || nb == 0 ? 0 : a.Dot(b) / (na * nb);
    }

    /// <summary>The vector as a dense array.</summary>
    public double[] ToDense()
    {
        var dense = new double[Dimension];
        for (int k = 0; k < Indices.Length; k++) dense[Indices[k]] = Values[k];
        return dense;
    }

    /// <summary>A summary such as <c>sparse[1000] 3 non-zeros {4: 0.5, 17: 0.5, 99: 0.7071}</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"sparse[{Dimension}] {NonZeroCount} non-zeros {{");
        for (int k = 0; k < Math.Min(8, Indices.Length); k++)
        {
            if (k > 0) sb.Append(", ");
            sb.Append(CultureInfo.InvariantCulture, $"{Indices[k]}: {Values[k]:G4}");
        }
        if (Indices.Length > 8) sb.Append(", …");
        return sb.Append('}').ToString();
    }
}
