using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using Mlsd.Notebooks.Format;
using Mlsd.Notebooks.Scripting;

namespace Mlsd.Notebooks.Execution;

/// <summary>
/// Runs C# cells in this process, one after the other on a single Roslyn script state, with the semantics of
/// the Polyglot C# kernel: default usings, trailing expression shown, <c>display</c>, console capture,
/// <c>#r</c>/<c>#load</c> relative to the notebook's folder. It cannot stop a runaway cell — that takes a
/// process boundary: use <see cref="Running.NotebookRunner"/> for untrusted or possibly hanging notebooks.
/// </summary>
public sealed class NotebookExecutor
{
    /// <summary>The namespaces every cell imports (those of .NET Interactive's C# kernel; <c>x.Display()</c> comes with
    /// <c>System</c> from the Formatting package, as under the real kernel).</summary>
    public static IReadOnlyList<string> DefaultImports { get; } =
    [
        "System", "System.Text", "System.Collections", "System.Collections.Generic", "System.Threading.Tasks", "System.Linq",
    ];

    /// <summary>
    /// The C# version cells compile with: the one the real kernel uses (its Roslyn 5.0 takes <c>latest</c> as C# 14), pinned
    /// so that our newer compiler does not accept code the real kernel rejects. The nullable context is the scripting
    /// default, disabled, also as in the real kernel: <c>string?</c> in a cell draws warning CS8632 in both.
    /// </summary>
    public const LanguageVersion CSharpVersion = LanguageVersion.CSharp14;

    // The real kernel asks Roslyn whether the submission ends in an expression (so a null value still shows as <null>)
    // through this internal method; we ask the same way, and fall back to "a non-null value was returned" without it.
    private static readonly MethodInfo? HasReturnValueMethod =
        typeof(Script).GetMethod("HasReturnValue", BindingFlags.Instance | BindingFlags.NonPublic, Type.EmptyTypes);

    private readonly ScriptOptions _options;
    private readonly ScriptGlobals _globals = new();
    private ScriptState<object>? _state;
    private CellCapture? _lastCapture;
    private int _executionCount;
    private readonly Dictionary<int, int> _codeCellNumbers = [];
    private (string Source, string? KernelName, int CellIndex)? _lookahead;
    private Precompiled? _precompiled;

    /// <summary>A cell compiled ahead of its turn: against which script, from which code, and the compile task.</summary>
    private sealed record Precompiled(Script Previous, string Code, int CellIndex, Task<Compiled?> Compile);

    /// <summary>A compiled cell and its warnings.</summary>
    private sealed record Compiled(Script<object> Script, ImmutableArray<Diagnostic> Warnings);

    /// <summary>Creates an executor whose <c>#r</c>/<c>#load</c> paths resolve against <paramref name="baseDirectory"/>.</summary>
    /// <param name="baseDirectory">The notebook's folder.</param>
    /// <param name="notebookPath">The notebook file (used in stack traces and reports); optional.</param>
    public NotebookExecutor(string baseDirectory, string? notebookPath = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(baseDirectory);
        BaseDirectory = Path.GetFullPath(baseDirectory);
        NotebookPath = notebookPath is null ? Path.Combine(BaseDirectory, "notebook.ipynb") : Path.GetFullPath(notebookPath);
        ConsoleRouter.Install();
        Scripting.DisplayExtensions.Install();
        _options = ScriptOptions.Default
            .WithReferences(ScriptReferences.All)
            .WithImports(DefaultImports)
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(BaseDirectory))
            .WithSourceResolver(ScriptSourceResolver.Default.WithBaseDirectory(BaseDirectory))
            .WithLanguageVersion(CSharpVersion)
            .WithOptimizationLevel(OptimizationLevel.Release)
            .WithEmitDebugInformation(true)
            .WithFileEncoding(Encoding.UTF8)
            .WithAllowUnsafe(false);
    }

    /// <summary>The folder relative <c>#r</c> and <c>#load</c> paths resolve against.</summary>
    public string BaseDirectory { get; }

    /// <summary>The notebook being run (or a stand-in path inside <see cref="BaseDirectory"/>).</summary>
    public string NotebookPath { get; }

    /// <summary>How many cells ran from their early compilation (see <see cref="CompileAhead"/>).</summary>
    internal int CellsCompiledAhead { get; private set; }

    /// <summary>
    /// Characters of output kept per cell (default <see cref="OutputLimits.DefaultCellOutputCharacters"/>); the rest is
    /// left out with a note, so a runaway loop cannot fill the memory or the notebook.
    /// </summary>
    public long CellOutputLimit { get; init; } = OutputLimits.DefaultCellOutputCharacters;

    /// <summary>How many cells have been executed (the next cell gets this + 1).</summary>
    public int ExecutionCount => _executionCount;

    /// <summary>
    /// Loads and warms the compiler (and the formatter) before the first cell and its time limit start. When the first
    /// cell is given, it is compiled on another core meanwhile — the warm-up and the first cell's compilation
    /// overlap. Safe to skip: the first cell then pays for the warm-up.
    /// </summary>
    /// <param name="firstCellSource">The first code cell's source, to compile alongside the warm-up (optional).</param>
    /// <param name="firstCellKernel">Its kernel name from the metadata, if any.</param>
    /// <param name="firstCellIndex">Its 0-based index over all cells.</param>
    public async Task WarmUpAsync(string? firstCellSource = null, string? firstCellKernel = null, int firstCellIndex = 0)
    {
        if (_state is not null) return;
        _state = await CSharpScript.RunAsync<object>("", _options.WithFilePath(CellPath(0)), _globals, typeof(ScriptGlobals)).ConfigureAwait(false);
        // The first cell may #r or #load: no earlier cell can have written those files, so it may compile early.
        if (firstCellSource is not null) StartCompileAhead(_state.Script, (firstCellSource, firstCellKernel, firstCellIndex), fileDirectivesAllowed: true);
        // Compile and run a throw-away submission with calls and a value, and format a value: the compiler's
        // binding/emit paths and the formatter's registry are built on first use — pay for that here, not in cell 1.
        var scratch = await CSharpScript.RunAsync<object>("var w = new List<int> { 1 }; w.Count.ToString()", _options.WithFilePath(CellPath(0)),
            new ScriptGlobals(), typeof(ScriptGlobals)).ConfigureAwait(false);
        _ = ValueFormatter.ToDisplayData(new { Warm = scratch.ReturnValue });
    }

    /// <summary>
    /// Names the cell that will run after the next one, so it can be compiled on another core while the next one
    /// runs (compiling is about a quarter of a notebook's time on 2 cores). Purely an optimisation: a cell is run from
    /// its early compilation only if that compilation saw the same code, the same preceding cells and succeeded;
    /// otherwise it is compiled again in its turn, so errors and results are exactly as without it. Cells with
    /// <c>#r</c> or <c>#load</c> are never compiled early (an earlier cell may create the file they read).
    /// </summary>
    /// <param name="source">The following cell's source (null: nothing to compile ahead).</param>
    /// <param name="kernelName">Its kernel name from the metadata, if any.</param>
    /// <param name="cellIndex">Its 0-based index over all cells.</param>
    public void CompileAhead(string? source, string? kernelName, int cellIndex) =>
        _lookahead = source is null ? null : (source, kernelName, cellIndex);

    /// <summary>Runs one cell's source and returns its outputs (never throws for errors in the cell).</summary>
    /// <param name="source">The cell's C# source.</param>
    /// <param name="kernelName">The kernel named in the cell metadata, if any (non-C# kernels are refused).</param>
    /// <param name="cellIndex">0-based index over all cells, for reports and stack traces.</param>
    /// <param name="codeCellIndex">0-based index over code cells.</param>
    /// <param name="onOutput">Called with each output as it is produced (for streaming to a parent process).</param>
    public async Task<CellExecutionResult> ExecuteCellAsync(string source, string? kernelName = null, int cellIndex = 0,
        int codeCellIndex = 0, Action<OutputEvent>? onOutput = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var count = ++_executionCount;
        var capture = new CellCapture(onOutput, CellOutputLimit);
        if (_lastCapture is not null) _lastCapture.Successor = capture;
        _lastCapture = capture;
        var clock = Stopwatch.StartNew();
        CellError? error;
        var previousCapture = ConsoleRouter.Current;
        ConsoleRouter.Current = capture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        try
        {
            _codeCellNumbers[cellIndex] = codeCellIndex + 1;
            error = await RunAsync(source, kernelName, cellIndex, count, capture).ConfigureAwait(false);
        }
        finally
        {
            ConsoleRouter.Current = previousCapture;
        }
        if (error is not null) capture.Add(NotebookOutputs.Error(error.Name, error.Message, error.Traceback));
        capture.Close();
        return new CellExecutionResult(cellIndex, codeCellIndex, error is null ? CellStatus.Succeeded : CellStatus.Failed,
            capture.Outputs, error, clock.Elapsed, count);
    }

    /// <summary>
    /// Runs every code cell of <paramref name="notebook"/> in order (markdown and raw cells skipped).
    /// Stops after the first failing cell unless <paramref name="continueOnError"/>; cells not run get
    /// <see cref="CellStatus.NotRun"/>.
    /// </summary>
    public Task<IReadOnlyList<CellExecutionResult>> ExecuteAsync(Notebook notebook, bool continueOnError = false,
        Action<CellExecutionResult>? onCellFinished = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        var cells = Enumerable.Range(0, notebook.Cells.Count).Where(i => notebook.Cells[i].Kind == CellKind.Code)
            .Select(i => new CodeCell(i, notebook.Cells[i].Source, notebook.Cells[i].KernelName)).ToList();
        return ExecuteCellsAsync(cells, continueOnError, new CellLoopEvents(CellFinished: onCellFinished), cancellationToken);
    }

    /// <summary>
    /// The cell loop, for <see cref="ExecuteAsync"/> and the kernel process alike: warm up (compiling the first cell
    /// meanwhile), then run each cell while the one after it compiles, and stop after the first failure unless
    /// <paramref name="continueOnError"/>. Every cell gets a result, <see cref="CellStatus.NotRun"/> for those skipped.
    /// </summary>
    internal async Task<IReadOnlyList<CellExecutionResult>> ExecuteCellsAsync(IReadOnlyList<CodeCell> cells, bool continueOnError,
        CellLoopEvents? events = null, CancellationToken cancellationToken = default)
    {
        var results = new List<CellExecutionResult>(cells.Count);
        if (cells.Count > 0 && !cancellationToken.IsCancellationRequested)
            await WarmUpAsync(cells[0].Source, cells[0].KernelName, cells[0].Index).ConfigureAwait(false);
        events?.Ready?.Invoke();
        var stop = false;
        for (var c = 0; c < cells.Count; c++)
        {
            var cell = cells[c];
            CellExecutionResult result;
            if (stop || cancellationToken.IsCancellationRequested)
                result = new CellExecutionResult(cell.Index, c, CellStatus.NotRun, [], null, TimeSpan.Zero, null);
            else
            {
                CodeCell? following = c + 1 < cells.Count ? cells[c + 1] : null;
                CompileAhead(following?.Source, following?.KernelName, following?.Index ?? -1);
                events?.CellStarted?.Invoke(cell.Index);
                var onOutput = events?.Output is { } output ? e => output(cell.Index, e) : (Action<OutputEvent>?)null;
                result = await ExecuteCellAsync(cell.Source, cell.KernelName, cell.Index, c, onOutput).ConfigureAwait(false);
                stop = !result.Succeeded && !continueOnError;
            }
            results.Add(result);
            events?.CellFinished?.Invoke(result);
        }
        return results;
    }

    private async Task<CellError?> RunAsync(string source, string? kernelName, int cellIndex, int executionCount, CellCapture capture)
    {
        var (code, refusal) = CellPreprocessor.Prepare(source, kernelName);
        if (refusal is not null) return refusal;
        var path = CellPath(cellIndex);
        ScriptState<object> next;
        if (_state is null) await WarmUpAsync().ConfigureAwait(false);
        var compiled = await TakePrecompiledAsync(code!, cellIndex).ConfigureAwait(false);
        if (compiled is null)
        {
            var fresh = _state!.Script.ContinueWith<object>(code!, _options.WithFilePath(path));
            var diagnostics = fresh.Compile();
            if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error)) return CompilationError(diagnostics);
            compiled = new Compiled(fresh, Warnings(diagnostics));
        }
        var script = compiled.Script;
        StartCompileAhead(script);
        try
        {
            next = await script.RunFromAsync(_state!, catchException: _ => true).ConfigureAwait(false);
        }
        catch (CompilationErrorException e)
        {
            return CompilationError(e.Diagnostics);
        }
        _state = next;
        // After the cell's own output and before its value or error, as the real kernel reports them.
        if (compiled.Warnings.Length > 0) capture.Add(NotebookOutputs.Stream("stderr", FormatWarnings(compiled.Warnings)));
        if (next.Exception is not null) return RuntimeError(next.Exception, path, cellIndex, new Regex(Regex.Escape(NotebookPath) + @"#cell(\d+)"));
        var value = next.ReturnValue;
        var hasValue = HasReturnValueMethod?.Invoke(script, null) is bool b ? b : value is not null;
        if (hasValue && value is not DisplayedValue and not Microsoft.DotNet.Interactive.Formatting.DisplayedValue)
        {
            try
            {
                capture.Add(ValueFormatter.ToExecuteResult(value, executionCount));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A broken custom formatter should not hide the value: fall back to ToString().
                capture.Add(NotebookOutputs.ExecuteResult([new("text/plain", value?.ToString() ?? "")], executionCount));
            }
        }
        return null;
    }

    private static ImmutableArray<Diagnostic> Warnings(ImmutableArray<Diagnostic> diagnostics) =>
        [.. diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning)];

    /// <summary>
    /// Compiler warnings as the real kernel shows them in Jupyter and VS Code: one stderr text, each diagnostic as
    /// <c>(line,column): warning CSnnnn: message</c> (cell-relative, no file), a blank line around and between them.
    /// </summary>
    private static string FormatWarnings(IEnumerable<Diagnostic> warnings) =>
        "\n" + string.Join("\n\n", warnings.Select(FormatDiagnostic)) + "\n\n";

    private static string FormatDiagnostic(Diagnostic d)
    {
        var span = d.Location.GetLineSpan().StartLinePosition;
        var severity = d.Severity.ToString().ToLowerInvariant();
        var where = d.Location.IsInSource ? FormattableString.Invariant($"({span.Line + 1},{span.Character + 1}): ") : "";
        return $"{where}{severity} {d.Id}: {d.GetMessage(CultureInfo.InvariantCulture)}";
    }

    private string CellPath(int cellIndex) => $"{NotebookPath}#cell{cellIndex + 1}";

    /// <summary>"code cell 3" for the cell whose script file is <c>…#cell5</c> (stack traces name cells as reports do).</summary>
    private string CodeCellLabel(Match path)
    {
        var index = int.Parse(path.Groups[1].Value, CultureInfo.InvariantCulture) - 1;
        return _codeCellNumbers.TryGetValue(index, out var number) ? $"code cell {number}" : $"cell {index + 1}";
    }

    /// <summary>Starts compiling the look-ahead cell against <paramref name="current"/> on the thread pool.</summary>
    private void StartCompileAhead(Script current)
    {
        var cell = _lookahead;
        _lookahead = null;
        StartCompileAhead(current, cell, fileDirectivesAllowed: false);
    }

    private void StartCompileAhead(Script current, (string Source, string? KernelName, int CellIndex)? cell, bool fileDirectivesAllowed)
    {
        _precompiled = null;
        if (cell is not var (source, kernelName, cellIndex)) return;
        var (code, refusal) = CellPreprocessor.Prepare(source, kernelName);
        if (refusal is not null || code is null || (!fileDirectivesAllowed && CellPreprocessor.HasFileDirective(code))) return;
        var options = _options.WithFilePath(CellPath(cellIndex));
        _precompiled = new Precompiled(current, code, cellIndex, Task.Run(() =>
        {
            try
            {
                var script = current.ContinueWith<object>(code, options);
                var diagnostics = script.Compile();
                return diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error) ? null : new Compiled(script, Warnings(diagnostics));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return null;   // compiled again in its turn, where the error is reported
            }
        }));
    }

    /// <summary>The early compilation of this cell, if it matches what would be compiled now.</summary>
    private async Task<Compiled?> TakePrecompiledAsync(string code, int cellIndex)
    {
        var p = _precompiled;
        _precompiled = null;
        if (p is null || p.CellIndex != cellIndex || p.Code != code || !ReferenceEquals(p.Previous, _state!.Script)) return null;
        var compiled = await p.Compile.ConfigureAwait(false);
        if (compiled is not null) CellsCompiledAhead++;
        return compiled;
    }

    private static CellError CompilationError(IEnumerable<Diagnostic> diagnostics)
    {
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var lines = errors.Select(FormatDiagnostic).ToList();
        int? line = errors.Count > 0 && errors[0].Location.IsInSource ? errors[0].Location.GetLineSpan().StartLinePosition.Line + 1 : null;
        return new CellError("CompilationError", OutputLimits.Clip(lines.FirstOrDefault() ?? "compilation failed"), line, OutputLimits.ClipLines(lines));
    }

    private CellError RuntimeError(Exception exception, string cellPath, int cellIndex, Regex anyCell)
    {
        var e = exception;
        while (e is AggregateException { InnerExceptions.Count: 1 } agg) e = agg.InnerExceptions[0];
        while (e is System.Reflection.TargetInvocationException { InnerException: { } inner }) e = inner;
        int? line = null;
        foreach (var frame in new StackTrace(e, fNeedFileInfo: true).GetFrames())
        {
            if (frame.GetFileName() == cellPath && frame.GetFileLineNumber() > 0)
            {
                line = frame.GetFileLineNumber();
                break;
            }
        }
        var traceback = e.ToString().Split('\n')
            .Select(l => OutputLimits.Clip(l.TrimEnd('\r')))
            .Where(l => !l.Contains("Microsoft.CodeAnalysis.Scripting", StringComparison.Ordinal)
                        && !l.Contains("System.Runtime.CompilerServices.", StringComparison.Ordinal)
                        && !l.Contains("System.Threading.ExecutionContext", StringComparison.Ordinal)
                        && !l.StartsWith("--- End of stack trace", StringComparison.Ordinal))
            .Select(l => anyCell.Replace(l, CodeCellLabel))
            .ToList();
        var name = e.GetType().FullName ?? e.GetType().Name;
        var message = OutputLimits.Clip(e.Message);
        // Under a heap limit, running out of memory is the limit — unless an array was simply too large to exist.
        if (e is OutOfMemoryException && !e.Message.StartsWith("Array dimensions", StringComparison.Ordinal) && MemoryLimit.InForce() is { } limit)
            return new CellError(MemoryLimit.ErrorName, $"code cell {_codeCellNumbers[cellIndex]} exceeded the memory limit of {MemoryLimit.Describe(limit)} ({name}: {message})",
                line, OutputLimits.ClipLines(traceback));
        return new CellError(name, message, line, OutputLimits.ClipLines(traceback));
    }
}
