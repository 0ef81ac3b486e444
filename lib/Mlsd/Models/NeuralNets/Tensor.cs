using System.Runtime.CompilerServices;
using System.Globalization;
using System.Text;

namespace Mlsd.Models.NeuralNets;

/// <summary>
/// A row-major matrix of <see cref="float"/>s that remembers how it was computed, so that calling
/// <see cref="Backward"/> on a scalar loss fills in the gradient of every parameter that fed it
/// (reverse-mode automatic differentiation, as in PyTorch's autograd, kept deliberately small).
/// </summary>
/// <remarks>
/// <para>Everything in this toolkit is two-dimensional: a batch of <see cref="Rows"/> examples by
/// <see cref="Cols"/> features. A scalar is a 1×1 tensor. Keeping one shape keeps every operation's
/// forward and backward rule short enough to read next to each other in <see cref="Ops"/>.</para>
/// <para>Parameters are tensors created with <c>requiresGrad: true</c>; an operation's result requires a
/// gradient when any input does, and then records its inputs and a backward step. <see cref="Backward"/>
/// orders the recorded graph topologically and runs the steps from the loss back to the parameters,
/// accumulating (so a parameter used twice — a shared encoder applied to two views — gets both
/// contributions). Call <see cref="Optimizer.ZeroGrad"/> between training steps.</para>
/// </remarks>
public sealed class Tensor
{
    [ThreadStatic] private static int s_noGradDepth;

    private readonly Tensor[] _parents = [];
    private Action? _backwardStep;
    private bool[]? _touched;
    private List<int>? _touchedRows;

    /// <summary>A zero-filled <paramref name="rows"/>×<paramref name="cols"/> tensor.</summary>
    /// <param name="rows">Number of rows (examples), at least 1.</param>
    /// <param name="cols">Number of columns (features), at least 1.</param>
    /// <param name="requiresGrad">True for a trainable parameter: gradients will be accumulated into <see cref="Grad"/>.</param>
    public Tensor(int rows, int cols, bool requiresGrad = false)
        : this(rows, cols, new float[CheckedSize(rows, cols)], requiresGrad)
    {
    }

    /// <summary>A tensor over an existing row-major buffer (not copied).</summary>
    /// <param name="rows">Number of rows, at least 1.</param>
    /// <param name="cols">Number of columns, at least 1.</param>
    /// <param name="data">Row-major values; its length must be rows × cols.</param>
    /// <param name="requiresGrad">True for a trainable parameter.</param>
    public Tensor(int rows, int cols, float[] data, bool requiresGrad = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        int size = CheckedSize(rows, cols);
        if (data.Length != size)
            throw new ArgumentException($"data must hold rows × cols = {rows} × {cols} = {size} values (got {data.Length}).", nameof(data));
        Rows = rows;
        Cols = cols;
        Data = data;
        RequiresGrad = requiresGrad;
        IsLeaf = true;
    }

    private Tensor(int rows, int cols, float[] data, Tensor[] parents)
    {
        Rows = rows;
        Cols = cols;
        Data = data;
        _parents = parents;
        RequiresGrad = true;
        IsLeaf = false;
    }

    /// <summary>Number of rows (the batch dimension).</summary>
    public int Rows { get; }

    /// <summary>Number of columns (the feature dimension).</summary>
    public int Cols { get; }

    /// <summary>The values, row-major: element (r, c) is <c>Data[r * Cols + c]</c>.</summary>
    public float[] Data { get; }

    /// <summary>∂loss/∂this after <see cref="Backward"/> (same layout as <see cref="Data"/>), or null if no gradient has flowed here.</summary>
    public float[]? Grad { get; private set; }

    /// <summary>Whether gradients flow to (or through) this tensor.</summary>
    public bool RequiresGrad { get; }

    /// <summary>True for tensors created directly (inputs, parameters); false for results of operations.</summary>
    public bool IsLeaf { get; }

    /// <summary>An optional label (parameters are named, e.g. "dense1.weight"), shown by <see cref="ToString"/>.</summary>
    public string? Name { get; init; }

    /// <summary>Rows × columns.</summary>
    public int Size => Data.Length;

    /// <summary>Element (<paramref name="row"/>, <paramref name="col"/>).</summary>
    public float this[int row, int col]
    {
        get => Data[Index(row, col)];
        set => Data[Index(row, col)] = value;
    }

    /// <summary>The value of a 1×1 tensor (a loss).</summary>
    public float Value => Size == 1
        ? Data[0]
        : throw new InvalidOperationException($"Value needs a 1×1 tensor (this one is {Rows}×{Cols}).");

    /// <summary>Row <paramref name="row"/> as a span over <see cref="Data"/>.</summary>
    public Span<float> Row(int row)
    {
        if ((uint)row >= (uint)Rows) throw new ArgumentOutOfRangeException(nameof(row), row, $"row must be in [0, {Rows}).");
        return Data.AsSpan(row * Cols, Cols);
    }

    /// <summary>A tensor whose rows are copies of <paramref name="rows"/> (all the same length).</summary>
    public static Tensor FromRows(IReadOnlyList<float[]> rows, bool requiresGrad = false)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) throw new ArgumentException("rows must not be empty.", nameof(rows));
        int cols = rows[0].Length;
        var data = new float[CheckedSize(rows.Count, cols)];
        for (int r = 0; r < rows.Count; r++)
        {
            if (rows[r].Length != cols)
                throw new ArgumentException($"every row must have {cols} values (row {r} has {rows[r].Length}).", nameof(rows));
            rows[r].CopyTo(data, r * cols);
        }
        return new Tensor(rows.Count, cols, data, requiresGrad);
    }

    /// <summary>The rows as separate arrays (copies): handy for feeding an ANN index.</summary>
    public float[][] ToRows()
    {
        var result = new float[Rows][];
        for (int r = 0; r < Rows; r++) result[r] = Data.AsSpan(r * Cols, Cols).ToArray();
        return result;
    }

    /// <summary>
    /// Back-propagates from this 1×1 tensor (a loss): afterwards every parameter that influenced it holds
    /// ∂loss/∂parameter in <see cref="Grad"/>, added to whatever was there (hence ZeroGrad between steps).
    /// </summary>
    [MethodImpl(Jit.Hot)]
    public void Backward()
    {
        if (Size != 1) throw new InvalidOperationException($"Backward starts from a scalar loss (1×1); this tensor is {Rows}×{Cols}.");
        if (!RequiresGrad) throw new InvalidOperationException("This tensor does not depend on any parameter (nothing requires a gradient), so there is nothing to back-propagate.");

        // Topological order by an iterative depth-first search (deep graphs must not overflow the stack).
        var order = new List<Tensor>();
        var visited = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Tensor Node, int NextParent)>();
        stack.Push((this, 0));
        visited.Add(this);
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            if (next < node._parents.Length)
            {
                stack.Push((node, next + 1));
                var parent = node._parents[next];
                if (parent.RequiresGrad && visited.Add(parent)) stack.Push((parent, 0));
            }
            else
            {
                order.Add(node);
            }
        }

        // Intermediate gradients start from zero on every pass; leaf (parameter) gradients accumulate.
        foreach (var node in order)
            if (!node.IsLeaf) node.Grad = null;
        EnsureGrad()[0] += 1f;
        for (int i = order.Count - 1; i >= 0; i--) order[i]._backwardStep?.Invoke();
    }

    /// <summary>Clears the gradient (parameters: call between optimisation steps; optimisers do it for you).</summary>
    [MethodImpl(Jit.Hot)]
    public void ZeroGrad()
    {
        if (Grad is null) return;
        if (_touchedRows is not null && _touched is not null && !_allRowsTouched)
        {
            foreach (int r in _touchedRows)
            {
                Array.Clear(Grad, r * Cols, Cols);
                _touched[r] = false;
            }
        }
        else
        {
            Array.Clear(Grad);
            if (_touched is not null) Array.Clear(_touched);
        }
        _touchedRows?.Clear();
        _allRowsTouched = false;
    }

    /// <summary>
    /// Inside a <c>using (Tensor.NoGrad())</c> block operations record nothing (inference: encoding users
    /// or videos for an index), which saves the memory and time of building a graph nobody will walk.
    /// </summary>
    public static IDisposable NoGrad()
    {
        s_noGradDepth++;
        return new NoGradScope();
    }

    /// <summary>"Tensor 256×32 (requires grad)" plus the first values.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(Name is null ? "Tensor " : $"Tensor '{Name}' ").Append(Rows).Append('×').Append(Cols);
        if (RequiresGrad) sb.Append(" (requires grad)");
        sb.Append(" [");
        int shown = Math.Min(Size, 6);
        for (int i = 0; i < shown; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(Data[i].ToString("0.####", CultureInfo.InvariantCulture));
        }
        if (Size > shown) sb.Append(", …");
        return sb.Append(']').ToString();
    }

    // ----- plumbing used by Ops, Losses and optimisers -----

    private bool _allRowsTouched;

    /// <summary>Parameters such as embedding tables track which rows received gradient so optimisers can update only those.</summary>
    internal bool TracksRows => _touched is not null;

    /// <summary>True when a dense operation wrote gradient to every row (then optimisers update the whole table).</summary>
    internal bool AllRowsTouched => _allRowsTouched || _touched is null;

    /// <summary>Rows that received gradient since the last ZeroGrad (valid when <see cref="TracksRows"/> and not <see cref="AllRowsTouched"/>).</summary>
    internal IReadOnlyList<int> TouchedRows => (IReadOnlyList<int>?)_touchedRows ?? [];

    /// <summary>Turns on row tracking (embedding tables): gradients then arrive row by row.</summary>
    internal void EnableRowTracking()
    {
        _touched = new bool[Rows];
        _touchedRows = [];
    }

    /// <summary>The gradient buffer for a dense contribution (every row may change).</summary>
    [MethodImpl(Jit.Hot)]
    internal float[] EnsureGrad()
    {
        _allRowsTouched = true;
        return Grad ??= new float[Size];
    }

    /// <summary>The gradient buffer for a contribution to row <paramref name="row"/> only.</summary>
    [MethodImpl(Jit.Hot)]
    internal float[] EnsureGradRow(int row)
    {
        if (_touched is not null && !_touched[row])
        {
            _touched[row] = true;
            _touchedRows!.Add(row);
        }
        return Grad ??= new float[Size];
    }

    /// <summary>
    /// Creates the result of an operation. When recording is on and some input requires a gradient, the result
    /// remembers its inputs and gets <paramref name="backward"/> (which receives the result itself) as its step.
    /// </summary>
    [MethodImpl(Jit.Hot)]
    internal static Tensor Result(int rows, int cols, float[] data, Tensor[] inputs, Action<Tensor> backward)
    {
        bool needs = false;
        if (s_noGradDepth == 0)
            foreach (var t in inputs)
                if (t.RequiresGrad) { needs = true; break; }
        if (!needs) return new Tensor(rows, cols, data);
        var result = new Tensor(rows, cols, data, inputs);
        result._backwardStep = () => backward(result);
        return result;
    }

    private int Index(int row, int col)
    {
        if ((uint)row >= (uint)Rows) throw new ArgumentOutOfRangeException(nameof(row), row, $"row must be in [0, {Rows}).");
        if ((uint)col >= (uint)Cols) throw new ArgumentOutOfRangeException(nameof(col), col, $"col must be in [0, {Cols}).");
        return row * Cols + col;
    }

    private static int CheckedSize(int rows, int cols)
    {
        if (rows < 1) throw new ArgumentOutOfRangeException(nameof(rows), rows, "rows must be at least 1.");
        if (cols < 1) throw new ArgumentOutOfRangeException(nameof(cols), cols, "cols must be at least 1.");
        long size = (long)rows * cols;
        if (size > Array.MaxLength) throw new ArgumentException($"A {rows}×{cols} tensor is too large.");
        return (int)size;
    }

    private sealed class NoGradScope : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            s_noGradDepth--;
        }
    }
}
