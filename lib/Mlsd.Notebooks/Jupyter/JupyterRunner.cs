using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mlsd.Notebooks.Execution;
using Mlsd.Notebooks.Format;
using Mlsd.Notebooks.Running;

namespace Mlsd.Notebooks.Jupyter;

/// <summary>
/// Runs notebooks the way a learner's tools do: through Jupyter's own client (nbclient, as JupyterLab, papermill and
/// <c>jupyter nbconvert --execute</c> use it) with the ".NET (C#)" kernel that <c>dotnet tool run dotnet-interactive
/// jupyter install</c> registers — the real .NET Interactive kernel, not our engine. One command then checks the path
/// a learner takes, with the same limits, progress and results as <see cref="NotebookRunner"/>.
/// </summary>
/// <remarks>
/// Needs a Python with nbclient (Debian: <c>apt-get install python3-nbclient jupyter-client</c>) and the kernel registered;
/// when either is missing the result's <see cref="NotebookRunResult.Problem"/> says what to install. The kernel starts in
/// the notebook's folder and runs <c>dotnet interactive</c>, the repository's local tool, so the notebook must be inside
/// the repository. Each notebook's kernel process tree is killed when the notebook exceeds its time limit.
/// </remarks>
public sealed class JupyterRunner
{
    /// <summary>The kernelspec name <c>dotnet interactive jupyter install</c> registers for C# (and our notebooks name).</summary>
    public const string KernelName = ".net-csharp";

    /// <summary>The commands that register the kernel, for messages.</summary>
    public const string InstallHint = "`dotnet tool restore` then `dotnet tool run dotnet-interactive jupyter install`";

    private const char Mark = '\u001e';
    private static readonly Lazy<string> DriverScript = new(() =>
    {
        using var stream = typeof(JupyterRunner).Assembly.GetManifestResourceStream("Mlsd.Notebooks.Jupyter.nbclient_run.py")
            ?? throw new InvalidOperationException("the nbclient driver is missing from the Mlsd.Notebooks assembly");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    });

    /// <summary>Creates a runner with <paramref name="options"/> (its <see cref="NotebookRunnerOptions.Kernel"/> is not used).</summary>
    /// <param name="options">Limits, stop-or-continue and parallelism, as for <see cref="NotebookRunner"/>.</param>
    /// <param name="python">The Python to run nbclient with; null finds one (<see cref="FindPython"/>).</param>
    public JupyterRunner(NotebookRunnerOptions? options = null, string? python = null)
    {
        Options = new NotebookRunner(options).Options;   // the same argument checks
        Python = python;
    }

    /// <summary>The limits in force.</summary>
    public NotebookRunnerOptions Options { get; }

    /// <summary>The Python given to the constructor, if any.</summary>
    public string? Python { get; }

    /// <summary>
    /// The first Python that can import nbclient and jupyter_client: <c>$MLSD_PYTHON</c>, <c>python3</c>,
    /// <c>/usr/bin/python3</c> (Debian's, where apt installs nbclient), <c>python</c>; null when none can.
    /// </summary>
    public static string? FindPython()
    {
        var candidates = new[] { Environment.GetEnvironmentVariable("MLSD_PYTHON"), "python3", "/usr/bin/python3", "python" };
        foreach (var candidate in candidates.Where(c => !string.IsNullOrWhiteSpace(c)).Distinct(StringComparer.Ordinal))
        {
            try
            {
                var probe = new ProcessStartInfo(candidate!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                foreach (var a in new[] { "-c", "import nbclient, jupyter_client" }) probe.ArgumentList.Add(a);
                using var p = Process.Start(probe);
                if (p is null) continue;
                if (!p.WaitForExit(30_000))
                {
                    p.Kill(entireProcessTree: true);
                    continue;
                }
                if (p.ExitCode == 0) return candidate;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // not installed under that name
            }
        }
        return null;
    }

    /// <summary>Runs several notebooks, <see cref="NotebookRunnerOptions.Parallelism"/> at a time, results in the given order.</summary>
    public Task<IReadOnlyList<NotebookRunResult>> RunAllAsync(IReadOnlyList<string> notebookPaths, Action<RunProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var python = Python ?? FindPython();
        return NotebookBatch.RunAsync(notebookPaths, Options.Parallelism, path => RunAsync(path, python, progress, cancellationToken), cancellationToken);
    }

    /// <summary>Runs one notebook through Jupyter; never throws for problems in the notebook or the setup (they are in the result).</summary>
    public Task<NotebookRunResult> RunAsync(string notebookPath, Action<RunProgress>? progress = null, CancellationToken cancellationToken = default) =>
        RunAsync(notebookPath, Python ?? FindPython(), progress, cancellationToken);

    private async Task<NotebookRunResult> RunAsync(string notebookPath, string? python, Action<RunProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(notebookPath);
        var full = Path.GetFullPath(notebookPath);
        var clock = Stopwatch.StartNew();
        if (!NotebookBatch.TryLoad(full, clock, progress, out var notebook, out var failed)) return failed;
        var run = new Run(full, notebook, progress, clock);
        progress?.Invoke(new RunProgress(full, RunStage.NotebookStarted, run.CodeCells.Length, -1));
        if (python is null)
            return Finish(progress, run.Result(
                "Jupyter's nbclient was not found (tried $MLSD_PYTHON, python3, /usr/bin/python3, python): install it, e.g. " +
                "`apt-get install python3-nbclient jupyter-client` or `pip install nbclient`, then register the kernel with " + InstallHint));
        var driver = Path.Combine(Path.GetTempPath(), $"mlsd-nbclient-run-{Environment.ProcessId}-{Guid.NewGuid():N}.py");
        File.WriteAllText(driver, DriverScript.Value);
        try
        {
            return Finish(progress, await run.ExecuteAsync(python, driver, Options, cancellationToken).ConfigureAwait(false));
        }
        finally
        {
            try { File.Delete(driver); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static NotebookRunResult Finish(Action<RunProgress>? progress, NotebookRunResult result)
    {
        progress?.Invoke(new RunProgress(result.NotebookPath, RunStage.NotebookFinished, result.Cells.Count, -1, Result: result));
        return result;
    }

    /// <summary>One notebook's trip through nbclient: the process, its report lines, the cells' results.</summary>
    private sealed class Run(string path, Notebook notebook, Action<RunProgress>? progress, Stopwatch clock)
    {
        private readonly Dictionary<int, CellExecutionResult> _done = [];
        private readonly StringBuilder _stderr = new();
        private (int CellIndex, TimeSpan Start)? _current;
        private string? _problem;

        public int[] CodeCells { get; } = [.. Enumerable.Range(0, notebook.Cells.Count).Where(i => notebook.Cells[i].Kind == CellKind.Code)];

        public async Task<NotebookRunResult> ExecuteAsync(string python, string driver, NotebookRunnerOptions options, CancellationToken cancellationToken)
        {
            var start = new ProcessStartInfo(python)
            {
                WorkingDirectory = Path.GetDirectoryName(path)!,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = new UTF8Encoding(false),
                StandardErrorEncoding = new UTF8Encoding(false),
            };
            var cellSeconds = (int)Math.Ceiling(options.CellTimeout.TotalSeconds);
            foreach (var a in new[] { driver, path, KernelName, cellSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                         options.ContinueOnError ? "continue" : "stop" })
                start.ArgumentList.Add(a);
            start.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            start.Environment["PYTHONIOENCODING"] = "utf-8";
            Process process;
            try
            {
                process = Process.Start(start) ?? throw new InvalidOperationException("Process.Start returned null");
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                return Result($"could not start {python}: {e.Message}");
            }
            using (process)
            {
                var stderr = PumpStderrAsync(process.StandardError);
                var left = options.NotebookTimeout - clock.Elapsed;
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                limit.CancelAfter(left > TimeSpan.Zero ? left : TimeSpan.Zero);
                try
                {
                    while (await process.StandardOutput.ReadLineAsync(limit.Token).ConfigureAwait(false) is { } line)
                    {
                        if (line.Length > 0 && line[0] == Mark) OnReport(line[1..]);
                    }
                    await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                    await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                    var why = cancellationToken.IsCancellationRequested ? "cancelled" : $"exceeded the notebook time limit ({options.NotebookTimeout.TotalSeconds:0} s)";
                    if (_current is { } c) Record(c.CellIndex, null, [], CellStatus.TimedOut, new CellError("Timeout", $"the notebook {why}", null, []));
                    else _problem ??= $"the notebook {why}";
                }
                await stderr.ConfigureAwait(false);
                if (_problem is null && _done.Count == 0 && CodeCells.Length > 0)
                    _problem = $"the Jupyter run ended before the first cell (exit code {process.ExitCode}): {Tail()}";
                return Result(_problem);
            }
        }

        private void OnReport(string report)
        {
            var (verb, rest) = report.IndexOf(' ') is var space and > 0 ? (report[..space], report[(space + 1)..]) : (report, "");
            switch (verb)
            {
                case "start" when int.TryParse(rest, out var index):
                    _current = (index, clock.Elapsed);
                    progress?.Invoke(new RunProgress(path, RunStage.CellStarted, CodeCells.Length, CodeIndex(index)));
                    break;
                case "end" or "timeout":
                    var json = JsonNode.Parse(rest)!.AsObject();
                    var cell = json["cell"]!.GetValue<int>();
                    var outputs = (json["outputs"] as JsonArray ?? []).OfType<JsonObject>().Where(o => !IsKernelBootstrap(o)).Select(FromJupyter).ToList();
                    var count = json["execution_count"] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<int>() : (int?)null;
                    var error = verb == "timeout"
                        ? new CellError("Timeout", "the cell ran longer than the per-cell limit", null, [])
                        : outputs.FirstOrDefault(o => o["output_type"]?.GetValue<string>() == "error") is { } e ? ErrorOf(e, outputs) : null;
                    Record(cell, count, outputs, verb == "timeout" ? CellStatus.TimedOut : error is null ? CellStatus.Succeeded : CellStatus.Failed, error);
                    break;
                case "missing":
                    _problem = $"Jupyter's Python modules are incomplete (no module {rest}): `apt-get install python3-nbclient jupyter-client` or `pip install nbclient`";
                    break;
                case "no-kernel":
                    _problem = $"the Jupyter kernel '{rest}' is not registered: run {InstallHint} in the repository";
                    break;
                default:   // dead, failed: the kernel is gone
                    if (_current is { } running)
                        Record(running.CellIndex, null, [], CellStatus.Crashed, new CellError("KernelDied", rest, null, []));
                    var hint = rest.Contains("kernel_info", StringComparison.Ordinal)
                        ? $" — the kernel runs `dotnet interactive`, the repository's local tool: is the notebook inside the repository, and did {InstallHint} run?"
                        : "";
                    _problem = $"the Jupyter kernel {verb}: {rest}{hint}" + (Tail() is { Length: > 0 } tail ? $" Kernel output: {tail}" : "");
                    break;
            }
        }

        private void Record(int cellIndex, int? executionCount, IReadOnlyList<JsonObject> outputs, CellStatus status, CellError? error)
        {
            var started = _current is { } c && c.CellIndex == cellIndex ? c.Start : clock.Elapsed;
            _current = null;
            var result = new CellExecutionResult(cellIndex, CodeIndex(cellIndex), status, outputs, error, clock.Elapsed - started, executionCount);
            _done[cellIndex] = result;
            progress?.Invoke(new RunProgress(path, RunStage.CellFinished, CodeCells.Length, result.CodeCellIndex, result));
        }

        private int CodeIndex(int cellIndex) => Math.Max(0, Array.IndexOf(CodeCells, cellIndex));

        public NotebookRunResult Result(string? problem)
        {
            var executed = notebook.Clone();
            executed.ClearOutputs();
            var cells = new List<CellExecutionResult>();
            for (var k = 0; k < CodeCells.Length; k++)
            {
                var i = CodeCells[k];
                if (_done.TryGetValue(i, out var r))
                {
                    executed.Cells[i].SetOutputs(r.Outputs);
                    executed.Cells[i].ExecutionCount = r.ExecutionCount;
                    cells.Add(r);
                }
                else cells.Add(new CellExecutionResult(i, k, CellStatus.NotRun, [], null, TimeSpan.Zero, null));
            }
            return new NotebookRunResult(path, cells, clock.Elapsed, problem, executed);
        }

        private async Task PumpStderrAsync(StreamReader reader)
        {
            var buffer = new char[4096];
            int n;
            while ((n = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                lock (_stderr)
                {
                    _stderr.Append(buffer, 0, n);
                    if (_stderr.Length > 16_384) _stderr.Remove(0, _stderr.Length - 8_192);
                }
            }
        }

        private string Tail()
        {
            lock (_stderr)
            {
                var lines = _stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                return string.Join(" | ", lines.TakeLast(4));
            }
        }
    }

    /// <summary>
    /// The script the .NET kernel sends with the first cell's outputs in Jupyter, so a browser front end can find the
    /// kernel's HTTP API (it probes local ports). It belongs to the session, not to the notebook: not kept.
    /// </summary>
    internal static bool IsKernelBootstrap(JsonObject output) =>
        (output["data"] as JsonObject)?["text/html"] is { } html && html.ToJsonString().Contains("dotnet-interactive-this-cell", StringComparison.Ordinal);

    /// <summary>An output as nbclient holds it (text as one string) in our layout (text as line arrays, keys sorted).</summary>
    internal static JsonObject FromJupyter(JsonObject output)
    {
        static string Text(JsonNode? node) => node switch
        {
            JsonArray parts => string.Concat(parts.Select(p => p?.GetValue<string>())),
            JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
            _ => node?.ToJsonString() ?? "",
        };
        switch (output["output_type"]?.GetValue<string>())
        {
            case "stream":
                return NotebookOutputs.Stream(output["name"]?.GetValue<string>() ?? "stdout", Text(output["text"]));
            case "error":
                return NotebookOutputs.Error(output["ename"]?.GetValue<string>() ?? "", output["evalue"]?.GetValue<string>() ?? "",
                    (output["traceback"] as JsonArray ?? []).Select(Text));
            case "display_data" or "execute_result":
                var data = (output["data"] as JsonObject ?? []).Select(kv => new KeyValuePair<string, string>(kv.Key, Text(kv.Value))).ToList();
                var converted = output["output_type"]!.GetValue<string>() == "execute_result" && output["execution_count"] is JsonValue n
                    ? NotebookOutputs.ExecuteResult(data, n.GetValue<int>())
                    : NotebookOutputs.DisplayData(data);
                // Non-text payloads (application/json) keep their JSON form.
                foreach (var (mime, value) in output["data"] as JsonObject ?? [])
                    if (value is JsonObject) converted["data"]![mime] = value.DeepClone();
                return converted;
            default:
                return (JsonObject)output.DeepClone();
        }
    }

    /// <summary>
    /// The real kernel names every error "Error" and puts the exception's whole text in its value; a compile error's
    /// value is just "compilation error", with the diagnostics in the cell's stderr. One line for the report either way.
    /// </summary>
    private static CellError ErrorOf(JsonObject error, IReadOnlyList<JsonObject> outputs)
    {
        var name = error["ename"]?.GetValue<string>() ?? "Error";
        var value = error["evalue"]?.GetValue<string>() ?? "";
        var first = value.Split('\n')[0].TrimEnd('\r');
        if (first == "compilation error")
        {
            var diagnostics = string.Concat(outputs.Where(o => o["name"]?.GetValue<string>() == "stderr").Select(o => NotebookOutputs.GetText(o)))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (diagnostics.FirstOrDefault(d => d.Contains(": error ", StringComparison.Ordinal)) is { } d) first = $"compilation error {d}";
        }
        var traceback = (error["traceback"] as JsonArray ?? []).Select(t => t?.GetValue<string>() ?? "").ToList();
        return new CellError(name, first, null, traceback);
    }
}
