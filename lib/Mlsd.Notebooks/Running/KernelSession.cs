using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Mlsd.Notebooks.Execution;
using Mlsd.Notebooks.Format;

namespace Mlsd.Notebooks.Running;

/// <summary>One kernel process running one notebook: starts it, feeds it the cells, watches the clock, reads its events.</summary>
internal sealed class KernelSession
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50);

    /// <summary>How long a kernel may take to exit once it has reported its last cell, before it is stopped.</summary>
    private static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(5);

    /// <summary>Text a kernel writes outside any cell (kept to quote in a report).</summary>
    private const int StrayOutsideCells = 4096;

    private readonly string _path;
    private readonly Notebook _notebook;
    private readonly NotebookRunnerOptions _options;
    private readonly KernelCommand _kernel;
    private readonly Action<RunProgress>? _progress;
    private readonly Stopwatch _clock;
    private readonly object _gate = new();
    private readonly List<(int CellIndex, int CodeIndex)> _codeCells = [];
    private readonly Dictionary<int, OutputList> _outputs = [];
    private readonly Dictionary<int, long> _strayKept = [];
    private readonly Dictionary<int, CellExecutionResult> _finished = [];
    private readonly StringBuilder _strayOutput = new();
    private int? _current;
    private TimeSpan _currentStart;
    private int _lastCount;
    private bool _done;

    public KernelSession(string path, Notebook notebook, NotebookRunnerOptions options, KernelCommand kernel, Action<RunProgress>? progress, Stopwatch clock)
    {
        _path = path;
        _notebook = notebook;
        _options = options;
        _kernel = kernel;
        _progress = progress;
        _clock = clock;
        var code = 0;
        for (var i = 0; i < notebook.Cells.Count; i++)
        {
            if (notebook.Cells[i].Kind != CellKind.Code) continue;
            _codeCells.Add((i, code++));
            _outputs[i] = new OutputList();
        }
    }

    /// <summary>Why the kernel was stopped early, and which limit (if any) that was.</summary>
    private sealed record Stop(string Reason, RunLimit? Limit, bool Cancelled = false);

    public async Task<NotebookRunResult> RunAsync(CancellationToken cancellationToken)
    {
        _progress?.Invoke(new RunProgress(_path, RunStage.NotebookStarted, _codeCells.Count, -1));
        if (_codeCells.Count == 0) return Assemble(null, null, "");

        Process process;
        try
        {
            process = Process.Start(StartInfo()) ?? throw new InvalidOperationException("Process.Start returned null");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return Assemble(null, null, "", $"could not start the kernel ({_kernel.FileName}): {e.Message}");
        }
        using (process)
        {
            var stderr = new BoundedText(8192, 4096);
            var stderrTask = PumpStderrAsync(process.StandardError, stderr);
            var readTask = ReadEventsAsync(process.StandardOutput);
            // Not awaited here: a kernel that never reads its request must still meet the watchdog below.
            var request = KernelProtocol.Request(new KernelProtocol.RunRequest(_path, _options.ContinueOnError, _options.CellOutputLimit,
                [.. _codeCells.Select(c => new CodeCell(c.CellIndex, _notebook.Cells[c.CellIndex].Source, _notebook.Cells[c.CellIndex].KernelName))]));
            var writeTask = SendRequestAsync(process.StandardInput, request);

            // Until the kernel reports its last cell, exits, or breaks a limit.
            Stop? stop = null;
            while (!readTask.IsCompleted && !Done && !process.HasExited)
            {
                stop = CheckLimits(cancellationToken);
                if (stop is not null)
                {
                    ProcessGroup.Kill(process);
                    break;
                }
                await Task.WhenAny(readTask, Task.Delay(Tick, CancellationToken.None)).ConfigureAwait(false);
            }
            // A kernel that finished (or died) should be gone within moments; a foreground thread keeps it alive, and a
            // process its cells started would outlive it holding its output pipe: stop both, and say so below.
            var exited = true;
            IReadOnlyList<string> children = [];
            if (stop is null)
            {
                exited = await WaitForExitAsync(process, ExitGrace).ConfigureAwait(false);
                children = ProcessGroup.OtherMembers(process.Id, exited);
                if (!exited || children.Count > 0) ProcessGroup.Kill(process);
            }
            // Once killed, the pipe closes; allow a moment for the last events and the exit code.
            await Task.WhenAny(readTask, Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
            if (!await WaitForExitAsync(process, TimeSpan.FromSeconds(5)).ConfigureAwait(false))
            {
                ProcessGroup.Kill(process);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
            await Task.WhenAny(stderrTask, Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false);
            await Task.WhenAny(writeTask, Task.Delay(TimeSpan.FromSeconds(1))).ConfigureAwait(false);
            var leftRunning = Done && stop is null ? LeftRunning(!exited, children) : null;
            return Assemble(stop, process.HasExited ? process.ExitCode : null, stderr.ToString(), leftRunning);
        }
    }

    private bool Done
    {
        get
        {
            lock (_gate) return _done;
        }
    }

    private ProcessStartInfo StartInfo()
    {
        var start = new ProcessStartInfo(_kernel.FileName)
        {
            WorkingDirectory = Path.GetDirectoryName(_path)!,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
            StandardInputEncoding = new UTF8Encoding(false),
        };
        foreach (var a in _kernel.Arguments) start.ArgumentList.Add(a);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        // A notebook trains each model once in a fresh process; dynamic PGO's instrumented tier slows those
        // first (and only) runs of the library's hot loops by up to ~2× (measured on the two-tower fit).
        start.Environment["DOTNET_TieredPGO"] = "0";
        // The memory limit: the runtime's hard limit on the GC heap, in hexadecimal bytes; other heap-limit settings
        // inherited from our environment would compete with it.
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("DOTNET_GCHeapHardLimit", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(inherited);
        if (_options.MemoryLimit is long limit)
            start.Environment[MemoryLimit.EnvironmentVariable] = limit.ToString("x", CultureInfo.InvariantCulture);
        return start;
    }

    private static async Task<bool> WaitForExitAsync(Process process, TimeSpan limit)
    {
        using var wait = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The notebook-level problem of a kernel that kept running, or was survived by processes, after its last cell.</summary>
    private static string? LeftRunning(bool kernelStayed, IReadOnlyList<string> children)
    {
        var seconds = Seconds(ExitGrace);
        var processes = children.Count == 0 ? null
            : $"{(children.Count == 1 ? "a process" : $"{children.Count} processes")} ({string.Join(", ", children.Take(3))}{(children.Count > 3 ? ", …" : "")})";
        return (kernelStayed, processes) switch
        {
            (true, null) => $"left a thread running after its last cell: the kernel had not exited {seconds} later, so it was stopped",
            (true, _) => $"left a thread and {processes} running after its last cell: they were stopped {seconds} later",
            (false, not null) => $"left {processes} running after its last cell: stopped",
            _ => null,
        };
    }

    private Stop? CheckLimits(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested) return new Stop("the run was cancelled", null, Cancelled: true);
        var now = _clock.Elapsed;
        lock (_gate)
        {
            if (now > _options.NotebookTimeout)
                return new Stop($"timed out: the notebook exceeded its limit of {Seconds(_options.NotebookTimeout)}", RunLimit.NotebookTime);
            if (_current is not null && now - _currentStart > _options.CellTimeout)
                return new Stop($"timed out after {Seconds(_options.CellTimeout)} (the per-cell limit)", RunLimit.CellTime);
        }
        return null;
    }

    /// <summary>
    /// Reads the kernel's stdout: event lines (starting with the marker) and stray text, in bounded pieces — a line of
    /// stray text is handed on every 64 K characters, so text without line breaks cannot pile up here.
    /// </summary>
    private async Task ReadEventsAsync(StreamReader stdout)
    {
        const int StrayPiece = 65_536;
        // An event carries at most one cell's capped output, escaped as JSON (up to 6 characters per character).
        var longestEvent = 6 * _options.CellOutputLimit + 65_536;
        var buffer = new char[16_384];
        var line = new StringBuilder();
        var isEvent = false;
        var discarding = false;
        int n;
        while ((n = await stdout.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            var rest = buffer.AsMemory(0, n);
            while (rest.Length > 0)
            {
                var newline = rest.Span.IndexOf('\n');
                var part = newline < 0 ? rest : rest[..newline];
                if (!isEvent && part.Span.IndexOf(KernelProtocol.Marker) is var marker and >= 0)
                {
                    // Text before the marker on the same line is stray output (native code wrote without a newline).
                    line.Append(part.Span[..marker]);
                    if (line.Length > 0) Stray(line.ToString());
                    line.Clear();
                    part = part[(marker + 1)..];
                    isEvent = true;
                }
                if (!discarding) line.Append(part.Span);
                if (!isEvent && line.Length >= StrayPiece)
                {
                    Stray(line.ToString());
                    line.Clear();
                }
                else if (isEvent && line.Length > longestEvent)
                {
                    discarding = true;   // not an event of ours: no event is this long
                    line.Clear();
                }
                if (newline < 0) break;
                EndLine(line, isEvent, discarding);
                line.Clear();
                isEvent = discarding = false;
                rest = rest[(newline + 1)..];
            }
        }
        if (line.Length > 0) EndLine(line, isEvent, discarding);
    }

    private void EndLine(StringBuilder line, bool isEvent, bool discarded)
    {
        if (discarded) return;
        if (!isEvent)
        {
            if (line.Length > 0 && line[^1] == '\r') line.Length--;
            Stray(line.Append('\n').ToString());
            return;
        }
        JsonObject message;
        try
        {
            message = JsonNode.Parse(line.ToString())!.AsObject();
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            Stray(line.Append('\n').ToString());
            return;
        }
        Handle(message);
    }

    private void Stray(string text)
    {
        // Text written to the raw stdout handle (native code, child processes): keep it with the running cell, within
        // the cell's output limit.
        lock (_gate)
        {
            if (_current is int c)
            {
                var kept = _strayKept.GetValueOrDefault(c);
                var room = _options.CellOutputLimit - kept;
                if (room <= 0) return;
                if (text.Length > room) text = text[..OutputLimits.SafeCut(text, (int)room)];
                _strayKept[c] = kept + text.Length;
                _outputs[c].Add(NotebookOutputs.Stream("stdout", text));
            }
            else if (_strayOutput.Length < StrayOutsideCells)
                _strayOutput.Append(text.AsSpan(0, Math.Min(text.Length, StrayOutsideCells - _strayOutput.Length)));
        }
    }

    private void Handle(JsonObject message)
    {
        RunProgress? report = null;
        lock (_gate)
        {
            var cell = message["cell"]?.GetValue<int>() ?? -1;
            switch (message["event"]?.GetValue<string>())
            {
                case "start":
                    _current = cell;
                    _currentStart = _clock.Elapsed;
                    report = new RunProgress(_path, RunStage.CellStarted, _codeCells.Count, CodeIndexOf(cell));
                    break;
                case "output" when _outputs.TryGetValue(cell, out var list):
                    // Rebuild as plain values: element-backed strings would keep the wire's \u003C-style escapes.
                    var output = JsonCopy.Fresh(message["output"]!).AsObject();
                    if (message["replace"]?.GetValue<int>() is int at && at < list.Count) list.Replace(at, output);
                    else list.Add(output);
                    break;
                case "end" when _outputs.TryGetValue(cell, out var list):
                    var status = Enum.Parse<CellStatus>(message["status"]!.GetValue<string>());
                    var count = message["count"]?.GetValue<int>();
                    if (count is int n) _lastCount = n;
                    var result = new CellExecutionResult(cell, CodeIndexOf(cell), status, [.. list.Items],
                        KernelProtocol.ReadError(message["error"]), TimeSpan.FromMilliseconds(message["ms"]!.GetValue<double>()), count);
                    _finished[cell] = result;
                    _current = null;
                    report = new RunProgress(_path, RunStage.CellFinished, _codeCells.Count, result.CodeCellIndex, result);
                    break;
                case "done":
                    _done = true;
                    break;
            }
        }
        if (report is not null) _progress?.Invoke(report);
    }

    private int CodeIndexOf(int cellIndex) => _codeCells.FindIndex(c => c.CellIndex == cellIndex);

    private NotebookRunResult Assemble(Stop? stop, int? exitCode, string stderr, string? problem = null)
    {
        lock (_gate)
        {
            var executed = _notebook.Clone();
            executed.ClearOutputs();
            var results = new List<CellExecutionResult>();
            var stderrLines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
            // A kernel that dies of memory exhaustion says so on stderr; under a heap limit, that is the limit.
            var outOfMemory = _options.MemoryLimit is not null && stop is null
                && stderrLines.Any(l => l.Contains("OutOfMemory", StringComparison.Ordinal) || l.Contains("Out of memory", StringComparison.OrdinalIgnoreCase));
            RunLimit? limitReached = stop?.Limit ?? (outOfMemory ? RunLimit.Memory : null);
            foreach (var (cellIndex, codeIndex) in _codeCells)
            {
                CellExecutionResult result;
                if (_finished.TryGetValue(cellIndex, out var done))
                {
                    result = done;
                    if (done.Error?.Name == MemoryLimit.ErrorName) limitReached ??= RunLimit.Memory;
                }
                else if (_current == cellIndex)
                    result = Interrupted(cellIndex, codeIndex, stop, exitCode, stderrLines, outOfMemory);
                else
                    result = new CellExecutionResult(cellIndex, codeIndex, CellStatus.NotRun, [], null, TimeSpan.Zero, null);
                results.Add(result);
                if (result.Status != CellStatus.NotRun)
                {
                    var cell = executed.Cells[cellIndex];
                    cell.SetOutputs(result.Outputs);
                    cell.ExecutionCount = result.ExecutionCount;
                }
            }
            if (stop?.Cancelled == true) problem ??= stop.Reason;
            if (problem is null && !_done && _current is null && _codeCells.Count > 0)
            {
                // Died or was stopped between cells (or before the first one): not any one cell's fault.
                var excerpt = string.Join(" | ", stderrLines.Take(3));
                var next = results.FirstOrDefault(r => r.Status == CellStatus.NotRun);
                var before = next is null ? "" : $" before code cell {next.CodeCellNumber}";
                var anyFailed = results.Any(r => r.Status is CellStatus.Failed);
                if (!anyFailed || stop is not null || exitCode is not 0)
                    problem = stop is not null
                        ? $"{stop.Reason}{before}"
                        : $"the kernel stopped (exit code {exitCode?.ToString(CultureInfo.InvariantCulture) ?? "unknown"}){before}" +
                          (outOfMemory ? $", out of memory under the memory limit of {MemoryLimit.Describe(_options.MemoryLimit!.Value)}" : "") +
                          (excerpt.Length > 0 ? $": {excerpt}" : _strayOutput.Length > 0 ? $": {_strayOutput.ToString().Trim()}" : "");
            }
            return new NotebookRunResult(_path, results, _clock.Elapsed, problem, executed) { LimitReached = limitReached };
        }
    }

    /// <summary>The result of the cell that was running when the kernel was stopped or died.</summary>
    private CellExecutionResult Interrupted(int cellIndex, int codeIndex, Stop? stop, int? exitCode, List<string> stderrLines, bool outOfMemory)
    {
        string name, message;
        CellStatus status;
        IReadOnlyList<string> traceback;
        if (stop is not null)
        {
            (name, status) = stop.Cancelled ? ("Cancelled", CellStatus.Cancelled) : ("Timeout", CellStatus.TimedOut);
            message = $"code cell {codeIndex + 1} did not finish: {stop.Reason}";
            traceback = [message];
        }
        else
        {
            var why = outOfMemory
                ? $"it exceeded the memory limit of {MemoryLimit.Describe(_options.MemoryLimit!.Value)} and the kernel ran out of memory"
                : exitCode is 0 or null
                    ? $"the kernel process exited unexpectedly (exit code {exitCode?.ToString(CultureInfo.InvariantCulture) ?? "unknown"})"
                    : $"process crashed (exit code {exitCode.Value.ToString(CultureInfo.InvariantCulture)})";
            var firstLine = stderrLines.FirstOrDefault(l => l.Trim().Length > 0)?.Trim();
            (name, status) = (outOfMemory ? MemoryLimit.ErrorName : "KernelCrashed", CellStatus.Crashed);
            message = $"code cell {codeIndex + 1} did not finish: {why}" + (firstLine is not null ? $": {OutputLimits.Clip(firstLine)}" : "");
            traceback = [message, .. stderrLines.Take(40)];
        }
        var error = new CellError(name, message, null, traceback);
        _outputs[cellIndex].Add(NotebookOutputs.Error(error.Name, error.Message, error.Traceback));
        return new CellExecutionResult(cellIndex, codeIndex, status, [.. _outputs[cellIndex].Items], error, _clock.Elapsed - _currentStart, ++_lastCount);
    }

    private static async Task SendRequestAsync(StreamWriter stdin, string request)
    {
        try
        {
            await stdin.WriteLineAsync(request).ConfigureAwait(false);
            stdin.Close();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The kernel died (or was killed) before reading its request; reported from its exit code and stderr.
        }
    }

    private static async Task PumpStderrAsync(StreamReader reader, BoundedText sink)
    {
        var buffer = new char[4096];
        int n;
        while ((n = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0) sink.Append(buffer.AsSpan(0, n));
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    /// <summary>Keeps the head and the tail of a possibly huge text (a stack overflow prints thousands of frames).</summary>
    private sealed class BoundedText(int headLimit, int tailLimit)
    {
        private readonly StringBuilder _head = new();
        private readonly StringBuilder _tail = new();
        private bool _truncated;

        public void Append(ReadOnlySpan<char> text)
        {
            lock (_head)
            {
                var room = headLimit - _head.Length;
                if (room > 0)
                {
                    var take = Math.Min(room, text.Length);
                    _head.Append(text[..take]);
                    text = text[take..];
                }
                if (text.Length == 0) return;
                _tail.Append(text);
                if (_tail.Length > tailLimit)
                {
                    _tail.Remove(0, _tail.Length - tailLimit);
                    _truncated = true;
                }
            }
        }

        public override string ToString()
        {
            lock (_head) return _head + (_truncated ? "\n…\n" : "") + _tail;
        }
    }
}
