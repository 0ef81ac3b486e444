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
    private readonly string _path;
    private readonly Notebook _notebook;
    private readonly NotebookRunnerOptions _options;
    private readonly KernelCommand _kernel;
    private readonly Action<RunProgress>? _progress;
    private readonly Stopwatch _clock;
    private readonly object _gate = new();
    private readonly List<(int CellIndex, int CodeIndex)> _codeCells = [];
    private readonly Dictionary<int, OutputList> _outputs = [];
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

    public async Task<NotebookRunResult> RunAsync(CancellationToken cancellationToken)
    {
        _progress?.Invoke(new RunProgress(_path, RunStage.NotebookStarted, _codeCells.Count, -1));
        if (_codeCells.Count == 0) return Assemble(null, null, "");

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

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("Process.Start returned null");
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
            var request = KernelProtocol.Request(_path, _options.ContinueOnError,
                _codeCells.Select(c => (c.CellIndex, _notebook.Cells[c.CellIndex].Source, _notebook.Cells[c.CellIndex].KernelName)));
            var writeTask = SendRequestAsync(process.StandardInput, request);

            string? killReason = null;
            while (!readTask.IsCompleted)
            {
                killReason = CheckLimits(cancellationToken);
                if (killReason is not null)
                {
                    Kill(process);
                    break;
                }
                await Task.WhenAny(readTask, Task.Delay(Tick, CancellationToken.None)).ConfigureAwait(false);
            }
            // Once killed, the pipe closes; allow a moment for the last events and the exit code.
            await Task.WhenAny(readTask, Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
            using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(_done ? 3 : 5)))
            {
                try
                {
                    await process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Finished its cells but will not exit (a foreground thread left running): stop it.
                    Kill(process);
                    await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }
            await Task.WhenAny(stderrTask, Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false);
            await Task.WhenAny(writeTask, Task.Delay(TimeSpan.FromSeconds(1))).ConfigureAwait(false);
            int? exitCode = process.HasExited ? process.ExitCode : null;
            return Assemble(killReason, exitCode, stderr.ToString());
        }
    }

    private string? CheckLimits(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested) return "the run was cancelled";
        var now = _clock.Elapsed;
        lock (_gate)
        {
            if (now > _options.NotebookTimeout)
                return $"timed out: the notebook exceeded its limit of {Seconds(_options.NotebookTimeout)} (--notebook-timeout)";
            if (_current is not null && now - _currentStart > _options.CellTimeout)
                return $"timed out after {Seconds(_options.CellTimeout)} (per-cell limit, --timeout)";
        }
        return null;
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Exiting as we speak.
        }
    }

    private async Task ReadEventsAsync(StreamReader stdout)
    {
        while (await stdout.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            var marker = line.IndexOf(KernelProtocol.Marker);
            if (marker != 0) Stray(marker < 0 ? line + "\n" : line[..marker]);
            if (marker < 0) continue;
            JsonObject message;
            try
            {
                message = JsonNode.Parse(line.AsSpan(marker + 1).ToString())!.AsObject();
            }
            catch (System.Text.Json.JsonException)
            {
                Stray(line[(marker + 1)..] + "\n");
                continue;
            }
            Handle(message);
        }
    }

    private void Stray(string text)
    {
        // Text written to the raw stdout handle (native code, child processes): keep it with the running cell.
        lock (_gate)
        {
            if (_current is int c) _outputs[c].Add(NotebookOutputs.Stream("stdout", text));
            else _strayOutput.Append(text);
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
                    if (message["replace"]?.GetValue<int>() is int at && at < list.Items.Count) list.Replace(at, output);
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

    private NotebookRunResult Assemble(string? killReason, int? exitCode, string stderr, string? problem = null)
    {
        lock (_gate)
        {
            var executed = _notebook.Clone();
            executed.ClearOutputs();
            var results = new List<CellExecutionResult>();
            var stderrLines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
            foreach (var (cellIndex, codeIndex) in _codeCells)
            {
                CellExecutionResult result;
                if (_finished.TryGetValue(cellIndex, out var done))
                    result = done;
                else if (_current == cellIndex)
                {
                    var timedOut = killReason is not null;
                    var why = timedOut
                        ? killReason!
                        : exitCode is 0 or null
                            ? $"the kernel process exited unexpectedly (exit code {exitCode?.ToString(CultureInfo.InvariantCulture) ?? "unknown"})"
                            : $"process crashed (exit code {exitCode.Value.ToString(CultureInfo.InvariantCulture)})";
                    var firstLine = stderrLines.FirstOrDefault(l => l.Trim().Length > 0)?.Trim();
                    var message = $"code cell {codeIndex + 1} did not finish: {why}" + (!timedOut && firstLine is not null ? $": {firstLine}" : "");
                    var error = new CellError(timedOut ? "Timeout" : "KernelCrashed", message, null, timedOut ? [message] : [message, .. stderrLines.Take(40)]);
                    _outputs[cellIndex].Add(NotebookOutputs.Error(error.Name, error.Message, error.Traceback));
                    result = new CellExecutionResult(cellIndex, codeIndex, timedOut ? CellStatus.TimedOut : CellStatus.Crashed,
                        [.. _outputs[cellIndex].Items], error, _clock.Elapsed - _currentStart, ++_lastCount);
                }
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
            if (problem is null && !_done && _current is null && _codeCells.Count > 0)
            {
                // Died or was stopped between cells (or before the first one): not any one cell's fault.
                var excerpt = string.Join(" | ", stderrLines.Take(3));
                var next = results.FirstOrDefault(r => r.Status == CellStatus.NotRun);
                var anyFailed = results.Any(r => r.Status is CellStatus.Failed);
                if (!anyFailed || killReason is not null || exitCode is not 0)
                    problem = killReason is not null
                        ? $"{killReason}{(next is null ? "" : $" before code cell {next.CodeCellNumber}")}"
                        : $"the kernel stopped (exit code {exitCode?.ToString(CultureInfo.InvariantCulture) ?? "unknown"}){(next is null ? "" : $" before code cell {next.CodeCellNumber}")}" +
                          (excerpt.Length > 0 ? $": {excerpt}" : _strayOutput.Length > 0 ? $": {_strayOutput.ToString().Trim()}" : "");
            }
            return new NotebookRunResult(_path, results, _clock.Elapsed, problem, executed);
        }
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
