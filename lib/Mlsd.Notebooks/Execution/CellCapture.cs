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
/// without one message per Write call.
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

    public CellCapture(Action<OutputEvent>? onOutput) => _onOutput = onOutput;

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

    /// <summary>Adds an output and returns its index (for later <see cref="Replace"/>).</summary>
    public int Add(JsonObject output)
    {
        lock (_gate)
        {
            FlushLocked();
            Emit(output);
            return _outputs.Items.Count - 1;
        }
    }

    public void Replace(int index, JsonObject output)
    {
        lock (_gate)
        {
            if (Closed) return;
            _outputs.Replace(index, output);
            _onOutput?.Invoke(new OutputEvent((JsonObject)output.DeepClone(), index));
        }
    }

    public void Close()
    {
        lock (_gate)
        {
            FlushLocked();
            Closed = true;
            _timer?.Dispose();
        }
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
