using Microsoft.ML;
using Microsoft.ML.Data;
using Mlsd.Features;

namespace Mlsd.Models;

/// <summary>
/// Feeds our feature matrices to ML.NET: an <see cref="IDataView"/> with a <c>Label</c> column (bool) and a
/// <c>Features</c> column (a float vector of fixed size, dense or sparse), the two columns ML.NET's binary trainers read
/// by default. The rows are read straight from our arrays — nothing is copied into an intermediate table.
/// </summary>
public static class MlNetData
{
    /// <summary>The label column's name, ML.NET's default.</summary>
    public const string Label = "Label";

    /// <summary>The feature vector column's name, ML.NET's default.</summary>
    public const string Features = "Features";

    /// <summary>Dense rows (all the same length) with optional 0/1 labels (null: a Label column of false, for scoring).</summary>
    public static IDataView FromDense(MLContext context, IReadOnlyList<float[]> x, IReadOnlyList<int>? y = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        int width = ModelInput.CheckDense(x);
        if (y is not null) ModelInput.CheckLabels(y, x.Count);
        return new RowsView(x.Count, width, (row, buffer) =>
        {
            var editor = VBufferEditor.Create(ref buffer, width);
            x[row].AsSpan().CopyTo(editor.Values);
            return editor.Commit();
        }, y);
    }

    /// <summary>Dense rows of doubles (converted to float, ML.NET's feature type).</summary>
    public static IDataView FromDense(MLContext context, IReadOnlyList<double[]> x, IReadOnlyList<int>? y = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        return FromDense(context, x.Select(r => r is null ? null! : Array.ConvertAll(r, v => (float)v)).ToArray(), y);
    }

    /// <summary>Sparse rows (hashed features, one-hot codes): each row becomes a sparse vector of
    /// <see cref="SparseMatrix.Columns"/> slots holding only its non-zeros.</summary>
    public static IDataView FromSparse(MLContext context, SparseMatrix x, IReadOnlyList<int>? y = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rows == 0) throw new ArgumentException("x must contain at least one row.", nameof(x));
        if (y is not null) ModelInput.CheckLabels(y, x.Rows);
        return new RowsView(x.Rows, x.Columns, (row, buffer) =>
        {
            var indices = x.RowIndices(row);
            var editor = VBufferEditor.Create(ref buffer, x.Columns, indices.Length, keepOldOnResize: false, requireIndicesOnDense: true);
            indices.CopyTo(editor.Indices);
            x.RowValues(row).CopyTo(editor.Values);
            return editor.Commit();
        }, y);
    }

    /// <summary>An <see cref="IDataView"/> over row-indexed data: a cursor asks <c>fill</c> for row i's features.</summary>
    private sealed class RowsView(int rows, int width, Func<int, VBuffer<float>, VBuffer<float>> fill, IReadOnlyList<int>? labels) : IDataView
    {
        private readonly DataViewSchema _schema = BuildSchema(width);

        public bool CanShuffle => false;

        public DataViewSchema Schema => _schema;

        public long? GetRowCount() => rows;

        public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
            new Cursor(this);

        public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
            [new Cursor(this)];

        private static DataViewSchema BuildSchema(int width)
        {
            var builder = new DataViewSchema.Builder();
            builder.AddColumn(Label, BooleanDataViewType.Instance);
            builder.AddColumn(Features, new VectorDataViewType(NumberDataViewType.Single, width));
            return builder.ToSchema();
        }

        private sealed class Cursor(RowsView view) : DataViewRowCursor
        {
            private long _position = -1;
            private VBuffer<float> _features;
            private long _filled = -1;

            public override DataViewSchema Schema => view._schema;

            public override long Position => _position;

            public override long Batch => 0;

            public override bool IsColumnActive(DataViewSchema.Column column) => true;

            public override bool MoveNext()
            {
                if (_position + 1 >= view.GetRowCount()) return false;
                _position++;
                return true;
            }

            public override ValueGetter<DataViewRowId> GetIdGetter() =>
                (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);

            public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
            {
                if (column.Index == 0 && typeof(TValue) == typeof(bool))
                {
                    ValueGetter<bool> label = (ref bool value) => value = view.Labels is { } l && l[(int)_position] == 1;
                    return (ValueGetter<TValue>)(Delegate)label;
                }
                if (column.Index == 1 && typeof(TValue) == typeof(VBuffer<float>))
                {
                    ValueGetter<VBuffer<float>> features = (ref VBuffer<float> value) =>
                    {
                        if (_filled != _position)
                        {
                            _features = view.Fill((int)_position, _features);
                            _filled = _position;
                        }
                        _features.CopyTo(ref value);
                    };
                    return (ValueGetter<TValue>)(Delegate)features;
                }
                throw new InvalidOperationException($"Column '{column.Name}' has no getter of type {typeof(TValue).Name}.");
            }
        }

        private IReadOnlyList<int>? Labels => labels;

        private VBuffer<float> Fill(int row, VBuffer<float> buffer) => fill(row, buffer);
    }
}
