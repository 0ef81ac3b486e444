using System.Globalization;
using System.Text.Json.Nodes;
using Mlsd.Notebooks.Execution;

namespace Mlsd.Notebooks.Running;

/// <summary>
/// The kernel process side of <see cref="NotebookRunner"/>: reads the cells to run from stdin, runs them with a
/// <see cref="NotebookExecutor"/> and streams events on stdout. Started as
/// <c>dotnet Mlsd.Notebooks.dll</c> (see <see cref="KernelProgram"/>); not meant to be called by notebook code.
/// </summary>
public static class KernelHost
{
    /// <summary>Runs the kernel loop over the process's stdin/stdout and returns the process exit code.</summary>
    public static async Task<int> RunAsync()
    {
        // Lead a process group first, so the runner can end this kernel together with whatever its cells start.
        ProcessGroup.LeadOwnGroup();
        ProcessGroup.EndWithParent();
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var stdin = new StreamReader(Console.OpenStandardInput(), new System.Text.UTF8Encoding(false));
        var line = await stdin.ReadLineAsync().ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(line))
        {
            await Console.Error.WriteLineAsync("Mlsd.Notebooks kernel: expected a JSON request line on stdin (the kernel is started by `mlsd run` / NotebookRunner).").ConfigureAwait(false);
            return 2;
        }
        Console.SetIn(TextReader.Null);
        var request = KernelProtocol.ReadRequest(line);
        var events = new KernelProtocol.EventWriter(KernelProtocol.OpenRawStandardOutput());
        var executor = new NotebookExecutor(Path.GetDirectoryName(request.NotebookPath)!, request.NotebookPath) { CellOutputLimit = request.OutputLimit };
        await executor.ExecuteCellsAsync(request.Cells, request.ContinueOnError, new CellLoopEvents(
            Ready: () => events.Send(new JsonObject { ["event"] = "ready" }),
            CellStarted: index => events.Send(new JsonObject { ["event"] = "start", ["cell"] = index }),
            Output: (index, e) => events.Send(new JsonObject { ["event"] = "output", ["cell"] = index, ["output"] = e.Output, ["replace"] = e.ReplaceIndex }),
            CellFinished: result =>
            {
                if (result.Status != CellStatus.NotRun) events.Send(KernelProtocol.CellEnd(result));
            })).ConfigureAwait(false);
        events.Send(new JsonObject { ["event"] = "done" });
        return 0;
    }
}
