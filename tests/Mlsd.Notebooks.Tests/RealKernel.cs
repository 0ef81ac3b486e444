using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Mlsd.Notebooks.Authoring;
using Mlsd.Notebooks.Jupyter;
using Mlsd.Notebooks.Format;
using Mlsd.Notebooks.Running;

namespace Mlsd.Notebooks.Tests;

/// <summary>
/// Runs a notebook on .NET Interactive's own C# kernel (tests/Mlsd.RealKernel: the kernel package inside the
/// dotnet-interactive tool, in process, one process per notebook started in its folder) and returns the executed copy.
/// </summary>
internal static class RealKernel
{
    /// <summary>The runner's dll, built beside this test assembly (same configuration) by the project reference.</summary>
    public static string RunnerDll
    {
        get
        {
            var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            return Path.Combine(here.Parent!.Parent!.FullName, "Mlsd.RealKernel", here.Name, "Mlsd.RealKernel.dll");
        }
    }

    /// <summary>Runs <paramref name="notebookPath"/>; throws with the runner's stderr when it could not run it at all.</summary>
    public static async Task<Notebook> RunAsync(string notebookPath, bool continueOnError = false)
    {
        var output = Path.Combine(Path.GetTempPath(), $"mlsd-real-kernel-{Guid.NewGuid():N}.ipynb");
        var start = new ProcessStartInfo(KernelCommand.DotnetHost())
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(notebookPath))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "exec", RunnerDll, Path.GetFullPath(notebookPath), output }) start.ArgumentList.Add(a);
        if (continueOnError) start.ArgumentList.Add("--continue");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the real kernel did not finish {notebookPath} in 10 minutes");
        }
        var log = await stderr + await stdout;
        try
        {
            if (process.ExitCode != 0 || !File.Exists(output))
                throw new InvalidOperationException($"the real kernel could not run {notebookPath} (exit code {process.ExitCode}): {log}");
            return Notebook.Load(output);
        }
        finally
        {
            File.Delete(output);
        }
    }
}

/// <summary>What both kernels must agree on, and what "runs clean" means, over nbformat outputs.</summary>
internal static class KernelParity
{
    /// <summary>
    /// Why an executed notebook is not clean: an error output, or anything on stderr — where both kernels print compiler
    /// warnings. Learner copies are held to the same rule: their exercise stubs throw NotImplementedException only inside
    /// Exercise.Check, which catches it and prints ✗, so a learner copy also runs without errors or warnings.
    /// </summary>
    public static IReadOnlyList<string> Problems(Notebook executed)
    {
        var problems = new List<string>();
        foreach (var (cell, number) in CodeCells(executed))
        {
            foreach (var o in cell.Outputs!.OfType<JsonObject>())
            {
                var type = o["output_type"]?.GetValue<string>();
                if (type == "error") problems.Add($"code cell {number}: error {ErrorText(o)}");
                else if (type == "stream" && o["name"]?.GetValue<string>() == "stderr")
                    problems.Add($"code cell {number}: stderr {NotebookOutputs.GetText(o)!.Trim()}");
            }
        }
        return problems;
    }

    /// <summary>The exercise check lines printed by each code cell (✓/✗, the check names, the hints), in order.</summary>
    public static IReadOnlyList<string> ExerciseChecks(Notebook executed) =>
        [.. CodeCells(executed).SelectMany(c => ExerciseReport.Parse(StandardOutput(c.Cell)).Select(r => $"code cell {c.Number}: {r}"))];

    /// <summary>
    /// How our engine's outputs differ from the real kernel's, cell by cell. Equal means: the same streams with the same
    /// text (consecutive chunks of one stream joined), the same rich outputs (display_data or execute_result) whose every
    /// mime type the real kernel sent we send with the same content — we may add text/plain beside a rich type, which
    /// front ends do not show over HTML — and an error naming the same exception and message (the real kernel names every
    /// error "Error" and puts "Type: message" and the stack in its value).
    /// </summary>
    public static IReadOnlyList<string> Differences(Notebook ours, Notebook real)
    {
        var differences = new List<string>();
        var a = CodeCells(ours).ToList();
        var b = CodeCells(real).ToList();
        if (a.Count != b.Count) return [$"{a.Count} code cells in ours, {b.Count} in the real kernel's"];
        for (var i = 0; i < a.Count; i++)
        {
            var x = Normalize(a[i].Cell);
            var y = Normalize(b[i].Cell);
            for (var k = 0; k < Math.Max(x.Count, y.Count); k++)
            {
                var where = $"code cell {a[i].Number}, output {k + 1}";
                if (k >= x.Count) differences.Add($"{where}: missing in ours; the real kernel has {y[k]}");
                else if (k >= y.Count) differences.Add($"{where}: ours has {x[k]}, the real kernel nothing");
                else if (!Same(x[k], y[k])) differences.Add($"{where}: ours {x[k]}; the real kernel {y[k]}");
            }
        }
        return differences;
    }

    private sealed record Output(string Kind, string Text, IReadOnlyDictionary<string, string> Data)
    {
        public override string ToString() =>
            Data.Count == 0 ? $"{Kind} \"{Text}\"" : $"{Kind} {{{string.Join(", ", Data.Select(d => $"{d.Key}: \"{Excerpt(d.Value)}\""))}}}";

        private static string Excerpt(string s) => s.Length <= 160 ? s : s[..160] + "…";
    }

    private static bool Same(Output ours, Output real) =>
        ours.Kind == real.Kind && ours.Text == real.Text
        && real.Data.All(d => ours.Data.TryGetValue(d.Key, out var v) && v == d.Value)
        && ours.Data.Keys.All(k => real.Data.ContainsKey(k) || (k == "text/plain" && ours.Data.Count > 1));

    private static List<Output> Normalize(NotebookCell cell)
    {
        var list = new List<Output>();
        foreach (var o in cell.Outputs!.OfType<JsonObject>())
        {
            var type = o["output_type"]!.GetValue<string>();
            if (JupyterRunner.IsKernelBootstrap(o)) continue;
            if (type == "stream")
            {
                var name = o["name"]!.GetValue<string>();
                var text = NotebookOutputs.GetText(o)!;
                if (list.Count > 0 && list[^1].Kind == name) list[^1] = list[^1] with { Text = list[^1].Text + text };
                else list.Add(new Output(name, text, new Dictionary<string, string>()));
            }
            else if (type == "error") list.Add(new Output("error", ErrorText(o), new Dictionary<string, string>()));
            else
            {
                var data = (o["data"] as JsonObject ?? []).ToDictionary(kv => kv.Key, kv => NotebookOutputs.GetText(o, kv.Key) ?? "", StringComparer.Ordinal);
                list.Add(new Output(type, "", data));
            }
        }
        return list;
    }

    /// <summary>"System.InvalidOperationException: boom" from either kernel's error output.</summary>
    private static string ErrorText(JsonObject error)
    {
        var name = error["ename"]?.GetValue<string>() ?? "";
        var value = error["evalue"]?.GetValue<string>() ?? "";
        var text = name == "Error" ? value : $"{name}: {value}";
        return text.Split('\n')[0].TrimEnd('\r');
    }

    private static IEnumerable<(NotebookCell Cell, int Number)> CodeCells(Notebook notebook) =>
        notebook.Cells.Where(c => c.Kind == CellKind.Code).Select((c, i) => (c, i + 1));

    private static string StandardOutput(NotebookCell cell)
    {
        var text = new StringBuilder();
        foreach (var o in cell.Outputs!.OfType<JsonObject>())
            if (o["output_type"]?.GetValue<string>() == "stream" && o["name"]?.GetValue<string>() == "stdout") text.Append(NotebookOutputs.GetText(o));
        return text.ToString();
    }
}

/// <summary>Finds what a run through Jupyter needs: nbclient and the registered ".NET (C#)" kernel.</summary>
internal static class JupyterEnvironment
{
    private static readonly Lazy<string?> Python = new(JupyterRunner.FindPython);

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why Jupyter cannot run notebooks here, or null when it can.</summary>
    public static string? Missing()
    {
        if (Python.Value is null) return "Jupyter's nbclient is not installed (apt-get install python3-nbclient jupyter-client)";
        var home = Environment.GetEnvironmentVariable("HOME") ?? "";
        var dirs = new[]
        {
            Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR"), Path.Combine(home, ".local", "share", "jupyter"),
            "/usr/local/share/jupyter", "/usr/share/jupyter",
        };
        return dirs.Any(d => !string.IsNullOrEmpty(d) && File.Exists(Path.Combine(d, "kernels", JupyterRunner.KernelName, "kernel.json")))
            ? null
            : $"the {JupyterRunner.KernelName} Jupyter kernel is not registered ({JupyterRunner.InstallHint})";
    }
}

/// <summary>A fact that needs Jupyter and the .NET kernel: skipped where they are missing, except on CI (CI=true), where
/// the test runs and fails with a message saying what to install (.ci/run installs both).</summary>
public sealed class JupyterFactAttribute : FactAttribute
{
    public JupyterFactAttribute()
    {
        if (!JupyterEnvironment.IsCi && JupyterEnvironment.Missing() is { } why) Skip = why;
    }
}
