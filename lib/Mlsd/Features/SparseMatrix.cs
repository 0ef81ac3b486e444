using System.Globalization;
using System.Text;

namespace Mlsd.Features;

/// <summary>
/// A sparse matrix in compressed sparse row (CSR) form — the layout scikit-learn and libsvm use: the
/// entries of row <c>i</c> sit at positions <c>RowOffsets[i]</c> to <c>RowOffsets[i+1]</c> of the index and
/// value arrays. Row access is a slice, so online learners stream rows without allocating. Click logs look like
/// this — a row touches a dozen of a million hashed columns — and storing only the non-zeros is what makes logistic
/// regression and factorization machines over ID features cheap. A single row is a <see cref="SparseVector"/>.
/// </summary>
/// <remarks>Immutable once built; within a row, column indices are strictly increasing. Reference: Saad,
/// <i>Iterative Methods for Sparse Linear Systems</i>, §3.4.</remarks>
public sealed class SparseMatrix
{
    private readonly int[] _offsets;
    private readonly int[] _indices;
    private readonly float[] _values;

    /// <summary>Wraps CSR arrays (held, not copied) after checking they are consistent.</summary>
    /// <param name="rowOffsets">Length rows + 1, starting at 0, non-decreasing, ending at the entry count.</param>
    /// <param name="indices">Column index of each entry, each in [0, <paramref name="columns"/>), strictly increasing within a row.</param>
    /// <param name="values">Value of each entry.</param>
    /// <param name="columns">The number of columns (for hashed features, the bucket count 2^bits).</param>
    /// <exception cref="ArgumentException">The arrays are inconsistent; the message says which and where.</exception>
    public SparseMatrix(int[] rowOffsets, int[] indices, float[] values, int columns)
    {
        ArgumentNullException.ThrowIfNull(rowOffsets);
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(values);
        if (columns < 0) throw new ArgumentOutOfRangeException(nameof(columns), columns, "columns must be non-negative.");
        if (rowOffsets.Length == 0 || rowOffsets[0] != 0)
            throw new ArgumentException("rowOffsets must have at least one element and start at 0.", nameof(rowOffsets));
        if (indices.Length != values.Length)
            throw new ArgumentException(
                $"indices and values must have the same length (got {indices.Length} and {values.Length}).", nameof(values));
        if (rowOffsets[^1] != indices.Length)
            throw new ArgumentException(
                $"the last row offset must equal the number of entries (got {rowOffsets[^1]} and {indices.Length}).", nameof(rowOffsets));
        for (int i = 1; i < rowOffsets.Length; i++)
            if (rowOffsets[i] < rowOffsets[i - 1])
                throw new ArgumentException($"rowOffsets must be non-decreasing (offset {i} is {rowOffsets[i]} < {rowOffsets[i - 1]}).", nameof(rowOffsets));
        for (int k = 0; k < indices.Length; k++)
            if ((uint)indices[k] >= (uint)columns)
                throw new ArgumentException($"column index {indices[k]} at entry {k} is outside [0, {columns}).", nameof(indices));
        for (int r = 0; r + 1 < rowOffsets.Length; r++)
            for (int k = rowOffsets[r] + 1; k < rowOffsets[r + 1]; k++)
                if (indices[k] <= indices[k - 1])
                    throw new ArgumentException(
                        $"column indices must be strictly increasing within a row (row {r}: {indices[k - 1]} then {indices[k]}).", nameof(indices));
        _offsets = rowOffsets;
        _indices = indices;
        _values = values;
        Columns = columns;
    }

    /// <summary>The number of rows.</summary>
    public int Rows => _offsets.Length - 1;

    /// <summary>The number of columns.</summary>
    public int Columns { get; }

    /// <summary>The number of stored (non-zero) entries.</summary>
    public int NonZeroCount => _indices.Length;

    /// <summary>The CSR row offsets (length <see cref="Rows"/> + 1).</summary>
    internal ReadOnlySpan<int> RowOffsets => _offsets;

    /// <summary>The column indices of row <paramref name="row"/>.</summary>
    public ReadOnlySpan<int> RowIndices(int row) => _indices.AsSpan(_offsets[row], _offsets[row + 1] - _offsets[row]);

    /// <summary>The values of row <paramref name="row"/>.</summary>
    public ReadOnlySpan<float> RowValues(int row) => _values.AsSpan(_offsets[row], _offsets[row + 1] - _offsets[row]);

    /// <summary>Row <paramref name="row"/> as a standalone <see cref="SparseVector"/> (copies the entries).</summary>
    public SparseVector this[int row]
    {
        get
        {
            if ((uint)row >= (uint)Rows) throw new ArgumentOutOfRangeException(nameof(row), row, $"row must be in [0, {Rows}).");
            var val = RowValues(row);
            var values = new double[val.Length];
            for (int k = 0; k < values.Length; k++) values[k] = val[k];
            return new SparseVector(Columns, RowIndices(row).ToArray(), values);
        }
    }

    /// <summary>The value at (<paramref name="row"/>, <paramref name="column"/>), 0 when not stored.</summary>
    public float Get(int row, int column)
    {
        if ((uint)row >= (uint)Rows) throw new ArgumentOutOfRangeException(nameof(row), row, $"row must be in [0, {Rows}).");
        int k = RowIndices(row).BinarySearch(column);
        return k >= 0 ? RowValues(row)[k] : 0;
    }

    /// <summary>
    /// Stacks sparse vectors (all of one dimension) as rows — e.g. the TF-IDF vectors of
    /// <see cref="TfidfVectorizer"/>, so a linear model can train on them.
    /// </summary>
    public static SparseMatrix FromRows(IReadOnlyList<SparseVector> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) throw new ArgumentException("rows must contain at least one vector (the dimension comes from them).", nameof(rows));
        int columns = rows[0]?.Dimension ?? throw new ArgumentException("row 0 is null.", nameof(rows));
        var offsets = new int[rows.Count + 1];
        for (int i = 0; i < rows.Count; i++)
        {
            var r = rows[i] ?? throw new ArgumentException($"row {i} is null.", nameof(rows));
            if (r.Dimension != columns)
                throw new ArgumentException($"all rows must have the same dimension (row 0 has {columns}, row {i} has {r.Dimension}).", nameof(rows));
            offsets[i + 1] = offsets[i] + r.NonZeroCount;
        }
        var indices = new int[offsets[^1]];
        var values = new float[offsets[^1]];
        for (int i = 0; i < rows.Count; i++)
        {
            rows[i].Indices.CopyTo(indices, offsets[i]);
            for (int k = 0; k < rows[i].NonZeroCount; k++) values[offsets[i] + k] = (float)rows[i].Values[k];
        }
        return new SparseMatrix(offsets, indices, values, columns);
    }

    /// <summary>
    /// Converts dense rows (all of one length) to CSR, dropping exact zeros — which change nothing in a
    /// linear model's score or gradient. NaN is not allowed (impute first).
    /// </summary>
    public static SparseMatrix FromDense(IReadOnlyList<double[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        int width = rows.Count == 0 ? 0 : rows[0].Length;
        var offsets = new int[rows.Count + 1];
        var indices = new List<int>();
        var values = new List<float>();
        for (int i = 0; i < rows.Count; i++)
        {
            var r = rows[i] ?? throw new ArgumentException($"row {i} is null.", nameof(rows));
            if (r.Length != width)
                throw new ArgumentException($"all rows must have the same length (row 0 has {width}, row {i} has {r.Length}).", nameof(rows));
            for (int j = 0; j < r.Length; j++)
            {
                if (double.IsNaN(r[j])) throw new ArgumentException($"rows contains NaN at row {i}, column {j}; impute missing values first.", nameof(rows));
                if (r[j] != 0) { indices.Add(j); values.Add((float)r[j]); }
            }
            offsets[i + 1] = indices.Count;
        }
        return new SparseMatrix(offsets, indices.ToArray(), values.ToArray(), width);
    }

    /// <summary>The rows at <paramref name="rows"/>, in that order (for train/test splits and subsamples).</summary>
    public SparseMatrix SelectRows(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var offsets = new int[rows.Count + 1];
        for (int i = 0; i < rows.Count; i++)
        {
            int r = rows[i];
            if ((uint)r >= (uint)Rows) throw new ArgumentOutOfRangeException(nameof(rows), r, $"row index at position {i} is outside [0, {Rows}).");
            offsets[i + 1] = offsets[i] + _offsets[r + 1] - _offsets[r];
        }
        var indices = new int[offsets[^1]];
        var values = new float[offsets[^1]];
        for (int i = 0; i < rows.Count; i++)
        {
            int r = rows[i], len = _offsets[r + 1] - _offsets[r];
            Array.Copy(_indices, _offsets[r], indices, offsets[i], len);
            Array.Copy(_values, _offsets[r], values, offsets[i], len);
        }
        return new SparseMatrix(offsets, indices, values, Columns);
    }

    /// <summary>Rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> − 1 (a time-ordered slice).</summary>
    public SparseMatrix Slice(int start, int count)
    {
        if (start < 0 || count < 0 || start + count > Rows)
            throw new ArgumentOutOfRangeException(nameof(count), $"rows [{start}, {start + count}) are outside [0, {Rows}).");
        var rows = new int[count];
        for (int i = 0; i < count; i++) rows[i] = start + i;
        return SelectRows(rows);
    }

    /// <summary>
    /// Places matrices side by side (same row count; column indices of later blocks are shifted) — e.g. hashed
    /// ID features next to GBDT leaf indicators for the "GBDT + LR" model.
    /// </summary>
    public static SparseMatrix HorizontalStack(params SparseMatrix[] blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        if (blocks.Length == 0) throw new ArgumentException("blocks must contain at least one matrix.", nameof(blocks));
        int rows = blocks[0].Rows;
        long columns = 0, nnz = 0;
        for (int b = 0; b < blocks.Length; b++)
        {
            if (blocks[b].Rows != rows)
                throw new ArgumentException($"all blocks must have the same number of rows (block 0 has {rows}, block {b} has {blocks[b].Rows}).", nameof(blocks));
            columns += blocks[b].Columns;
            nnz += blocks[b].NonZeroCount;
        }
        if (columns > int.MaxValue || nnz > int.MaxValue) throw new ArgumentException("the stacked matrix is too large.", nameof(blocks));
        var offsets = new int[rows + 1];
        var indices = new int[nnz];
        var values = new float[nnz];
        int pos = 0;
        for (int i = 0; i < rows; i++)
        {
            int shift = 0;
            foreach (var m in blocks)
            {
                var idx = m.RowIndices(i);
                m.RowValues(i).CopyTo(values.AsSpan(pos));
                for (int k = 0; k < idx.Length; k++) indices[pos + k] = idx[k] + shift;
                pos += idx.Length;
                shift += m.Columns;
            }
            offsets[i + 1] = pos;
        }
        return new SparseMatrix(offsets, indices, values, (int)columns);
    }

    /// <summary>
    /// Writes the rows with their labels in the libsvm / svmlight text format (<c>label index:value …</c>, zero-based
    /// indices, invariant culture), which scikit-learn's <c>load_svmlight_file(path, zero_based=True)</c> reads —
    /// so a Python reference model trains on exactly these features.
    /// </summary>
    public void WriteSvmLight(string path, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count != Rows)
            throw new ArgumentException($"labels must have one entry per row (got {labels.Count} labels for {Rows} rows).", nameof(labels));
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        var sb = new StringBuilder();
        for (int i = 0; i < Rows; i++)
        {
            sb.Clear();
            sb.Append(labels[i].ToString(CultureInfo.InvariantCulture));
            var idx = RowIndices(i);
            var val = RowValues(i);
            for (int k = 0; k < idx.Length; k++)
                sb.Append(' ').Append(idx[k].ToString(CultureInfo.InvariantCulture)).Append(':')
                  .Append(val[k].ToString("R", CultureInfo.InvariantCulture));
            writer.Write(sb);
            writer.Write('\n');
        }
    }

    /// <summary>Shape and density, e.g. <c>SparseMatrix 1000 × 262144, 12000 non-zeros (12.0 per row)</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture,
            $"SparseMatrix {Rows} × {Columns}, {NonZeroCount} non-zeros ({(Rows == 0 ? 0 : (double)NonZeroCount / Rows):F1} per row)");
}
