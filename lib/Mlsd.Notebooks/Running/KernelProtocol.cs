using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mlsd.Notebooks.Execution;

namespace Mlsd.Notebooks.Running;

/// <summary>
/// The wire format between <see cref="NotebookRunner"/> and its kernel process. The parent writes one JSON
/// request line to the kernel's stdin; the kernel answers with JSON event lines on stdout, each starting with
/// the ASCII record separator (U+001E) so stray text a cell writes straight to the stdout handle cannot be
/// mistaken for an event. Events: ready, start {cell}, output {cell, output, replace?}, end {cell, …}, done.
/// </summary>
internal static class KernelProtocol
{
    public const char Marker = '\u001e';

    /// <summary>What the kernel is asked to run.</summary>
    public sealed record RunRequest(string NotebookPath, bool ContinueOnError, long OutputLimit, IReadOnlyList<CodeCell> Cells);

    public static string Request(RunRequest request)
    {
        var array = new JsonArray();
        foreach (var cell in request.Cells)
            array.Add(new JsonObject { ["index"] = cell.Index, ["source"] = cell.Source, ["kernel"] = cell.KernelName });
        return new JsonObject
        {
            ["notebook"] = request.NotebookPath,
            ["continueOnError"] = request.ContinueOnError,
            ["outputLimit"] = request.OutputLimit,
            ["cells"] = array,
        }.ToJsonString();
    }

    public static RunRequest ReadRequest(string line)
    {
        var request = JsonNode.Parse(line)!.AsObject();
        return new RunRequest(
            request["notebook"]!.GetValue<string>(),
            request["continueOnError"]!.GetValue<bool>(),
            request["outputLimit"]!.GetValue<long>(),
            [.. request["cells"]!.AsArray().Select(c => new CodeCell(c!["index"]!.GetValue<int>(), c["source"]!.GetValue<string>(), c["kernel"]?.GetValue<string>()))]);
    }

    public static JsonObject CellEnd(CellExecutionResult r) => new()
    {
        ["event"] = "end",
        ["cell"] = r.CellIndex,
        ["status"] = r.Status.ToString(),
        ["ms"] = r.Elapsed.TotalMilliseconds,
        ["count"] = r.ExecutionCount,
        ["error"] = r.Error is null ? null : new JsonObject
        {
            ["name"] = r.Error.Name,
            ["message"] = r.Error.Message,
            ["line"] = r.Error.Line,
            ["traceback"] = new JsonArray([.. r.Error.Traceback.Select(t => (JsonNode?)JsonValue.Create(t))]),
        },
    };

    public static CellError? ReadError(JsonNode? node) => node is JsonObject e
        ? new CellError(
            e["name"]!.GetValue<string>(),
            e["message"]!.GetValue<string>(),
            e["line"]?.GetValue<int>(),
            [.. ((JsonArray?)e["traceback"] ?? []).Select(t => t!.GetValue<string>())])
        : null;

    /// <summary>
    /// The process's standard output as a plain stream. Not <see cref="Console.OpenStandardOutput()"/>: on Unix its
    /// writes take the lock of <see cref="Console.Out"/>, which a cell's <c>Console.Write</c> already holds while it
    /// waits for the capture's lock — and the capture's flush timer holds that one while it sends an event here.
    /// </summary>
    public static Stream OpenRawStandardOutput() => OperatingSystem.IsWindows()
        ? Console.OpenStandardOutput()
        : new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0);

    /// <summary>Writes events as marker-prefixed JSON lines, one write per event, thread-safe.</summary>
    public sealed class EventWriter(Stream stdout)
    {
        private readonly object _gate = new();

        public void Send(JsonObject message)
        {
            var bytes = Encoding.UTF8.GetBytes(Marker + message.ToJsonString(new JsonSerializerOptions { WriteIndented = false }) + "\n");
            lock (_gate)
            {
                stdout.Write(bytes);
                stdout.Flush();
            }
        }
    }
}
