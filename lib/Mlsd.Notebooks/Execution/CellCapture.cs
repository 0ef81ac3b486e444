using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Mlsd.Notebooks.Format;

namespace Mlsd.Notebooks.Execution;

/// <summary>An output produced by a running cell: a new output, or a replacement of output <see cref="ReplaceIndex"/>.</summary>
/// <param name="Output">The nbformat output object.</param>
/// <param name="ReplaceIndex">Null for a new output; otherwise the index of the output it replaces (display update).</param>
public sealed record OutputEvent(JsonObject Output, int? ReplaceIndex = null);

/// <summary>
/// Collects what one running cell produces (console text and displayed values) in order. Console text
/// is buffered per stream and handed on in chunks at line ends (throttled), when the other stream or a
/// display intervenes, and when the cell ends — so a parent process sees progress of a long cell
/// without one message per Write call. Past <see cref="Limit"/> characters, further text and displays are
/// counted but not kept, and a note at the end says how much was produced (error outputs are always kept).
/// </summary>
internal sealed class CellCapture
{
    private static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(50);
    private readonly object _gate = new();
    private readonly OutputList _outputs = new();
    private readonly Action<OutputEvent>? _onOutput;
    private readonly StringBuilder _pending = new();
    private string? _pendingStream;
    private long _lastFlush = Stopwatch.GetTimestamp();
    private Timer? _timer;
    private bool _timerArmed;
    private long _kept;
    private long _elided;

    public CellCapture(Action<OutputEvent>? onOutput, long limit = OutputLimits.DefaultCellOutputCharacters)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        _onOutput = onOutput;
        Limit = limit;
    }

    /// <summary>Characters of output kept for this cell.</summary>
    public long Limit { get; }

    /// <summary>Set once the cell has finished.</summary>
    public bool Closed { get; private set; }

    /// <summary>The capture of the cell that ran after this one: late writes from background work go there.</summary>
    public CellCapture? Successor { get; set; }

    /// <summary>This capture, or the latest successor still open.</summary>
    public CellCapture? Live
    {
        get
        {
            var c = this;
            while (c.Closed && c.Successor is not null) c = c.Successor;
            return c.Closed ? null : c;
        }
    }

    public IReadOnlyList<JsonObject> Outputs
    {
        get { lock (_gate) return [.. _outputs.Items]; }
    }

    public void WriteStream(string stream, string text)
    {
        if (text.Length == 0) return;
        lock (_gate)
        {
            var room = Limit - _kept;
            if (text.Length > room)
            {
                var keep = room <= 0 ? 0 : OutputLimits.SafeCut(text, (int)room);
                _elided += text.Length - keep;
                text = text[..keep];
                if (text.Length == 0) return;
            }
            _kept += text.Length;
            if (_pendingStream != stream) FlushLocked();
            _pendingStream = stream;
            _pending.Append(text);
            if (_pending.Length > 16_384 || (text.Contains('\n') && Stopwatch.GetElapsedTime(_lastFlush) >= FlushInterval))
                FlushLocked();
            else if (!_timerArmed && _onOutput is not null)
            {
                // Held back for batching: make sure it goes out soon even if the cell then hangs or spins.
                _timer ??= new Timer(_ =>
                {
                    lock (_gate)
                    {
                        _timerArmed = false;
                        if (!Closed) FlushLocked();
                    }
                });
                _timerArmed = true;
                _timer.Change(FlushInterval, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>
    /// Adds an output and returns its index (for later <see cref="Replace"/>), or -1 when it was left out for
    /// being over the limit. Errors are always kept.
    /// </summary>
    public int Add(JsonObject output)
    {
        lock (_gate)
        {
            if (!Charge(output, 0)) return -1;
            FlushLocked();
            Emit(output);
            return _outputs.Count - 1;
        }
    }

    public void Replace(int index, JsonObject output)
    {
        lock (_gate)
        {
            if (Closed || index < 0 || !Charge(output, OutputLimits.Size(_outputs[index]))) return;
            _outputs.Replace(index, output);
            _onOutput?.Invoke(new OutputEvent((JsonObject)output.DeepClone(), index));
        }
    }

    public void Close()
    {
        lock (_gate)
        {
            FlushLocked();
            if (_elided > 0) Emit(NotebookOutputs.Stream("stderr", OutputLimits.ElisionNote(_kept + _elided, _elided, Limit)));
            Closed = true;
            _timer?.Dispose();
        }
    }

    /// <summary>Counts <paramref name="output"/> against the limit (replacing one of <paramref name="replacedSize"/>); false if it does not fit.</summary>
    private bool Charge(JsonObject output, long replacedSize)
    {
        if (output["output_type"]?.GetValue<string>() == "error") return true;
        var size = OutputLimits.Size(output);
        if (_kept - replacedSize + size > Limit)
        {
            _elided += size;
            return false;
        }
        _kept += size - replacedSize;
        return true;
    }

    private void FlushLocked()
    {
        _lastFlush = Stopwatch.GetTimestamp();
        if (_pendingStream is null || _pending.Length == 0) return;
        var chunk = NotebookOutputs.Stream(_pendingStream, _pending.ToString());
        _pending.Clear();
        _pendingStream = null;
        Emit(chunk);
    }

    private void Emit(JsonObject output)
    {
        _outputs.Add(output);
        _onOutput?.Invoke(new OutputEvent((JsonObject)output.DeepClone()));
    }
}
