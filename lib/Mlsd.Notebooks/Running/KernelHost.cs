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
        var request = JsonNode.Parse(line)!.AsObject();
        var events = new KernelProtocol.EventWriter(KernelProtocol.OpenRawStandardOutput());
        var notebookPath = request["notebook"]!.GetValue<string>();
        var continueOnError = request["continueOnError"]!.GetValue<bool>();
        var executor = new NotebookExecutor(Path.GetDirectoryName(notebookPath)!, notebookPath);
        var cells = request["cells"]!.AsArray();
        var first = cells.Count > 0 ? cells[0] : null;
        await executor.WarmUpAsync(first?["source"]!.GetValue<string>(), first?["kernel"]?.GetValue<string>(),
            first?["index"]!.GetValue<int>() ?? 0).ConfigureAwait(false);
        events.Send(new JsonObject { ["event"] = "ready" });

        var codeIndex = 0;
        for (var c = 0; c < cells.Count; c++)
        {
            var cell = cells[c];
            var index = cell!["index"]!.GetValue<int>();
            var following = c + 1 < cells.Count ? cells[c + 1] : null;
            executor.CompileAhead(following?["source"]!.GetValue<string>(), following?["kernel"]?.GetValue<string>(),
                following?["index"]!.GetValue<int>() ?? -1);
            events.Send(new JsonObject { ["event"] = "start", ["cell"] = index });
            var result = await executor.ExecuteCellAsync(cell["source"]!.GetValue<string>(), cell["kernel"]?.GetValue<string>(), index, codeIndex++,
                e => events.Send(new JsonObject { ["event"] = "output", ["cell"] = index, ["output"] = e.Output, ["replace"] = e.ReplaceIndex }))
                .ConfigureAwait(false);
            events.Send(KernelProtocol.CellEnd(result));
            if (!result.Succeeded && !continueOnError) break;
        }
        events.Send(new JsonObject { ["event"] = "done" });
        return 0;
    }
}
