using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;

// Runs a notebook's code cells on .NET Interactive's own C# kernel — the package inside the dotnet-interactive tool that
// learners run in VS Code and Jupyter — in this process, and writes the notebook with the outputs the tool would send
// to Jupyter. The parity tests compare them with our engine's. Its own process, started in the notebook's folder:
// the kernel resolves `#r` against the current directory, and one notebook must not see another's state.
//
// Usage: dotnet Mlsd.RealKernel.dll <notebook.ipynb> <executed.ipynb> [--continue]
// Exit code 0 when the notebook was run (whatever its cells did), 2 when the arguments or the file are wrong.

if (args.Length < 2 || args.Length > 3 || (args.Length == 3 && args[2] != "--continue"))
{
    Console.Error.WriteLine("usage: Mlsd.RealKernel <notebook.ipynb> <executed.ipynb> [--continue]");
    return 2;
}
JsonObject notebook;
try
{
    notebook = JsonNode.Parse(File.ReadAllText(args[0]))?.AsObject() ?? throw new JsonException("the file is empty JSON");
}
catch (Exception e) when (e is IOException or JsonException or InvalidOperationException)
{
    Console.Error.WriteLine($"Mlsd.RealKernel: cannot read {args[0]}: {e.Message}");
    return 2;
}
var keepGoing = args.Length == 3;

// The tool's C# kernel: CSharpKernel with the kernel helpers (display, HTML) in a composite kernel, as
// KernelBuilder.CreateKernel sets it up (the NuGet directive, #!who and value sharing are not used by our notebooks).
using var kernel = new CompositeKernel { new CSharpKernel().UseKernelHelpers() };
kernel.DefaultKernelName = "csharp";
var clock = System.Diagnostics.Stopwatch.StartNew();
var outputsByDisplayId = new Dictionary<string, (JsonArray Outputs, int Index)>(StringComparer.Ordinal);
var executionCount = 0;
var stopped = false;
foreach (var cell in notebook["cells"]?.AsArray().OfType<JsonObject>() ?? [])
{
    if (cell["cell_type"]?.GetValue<string>() != "code") continue;
    var outputs = new JsonArray();
    cell["outputs"] = outputs;
    cell["execution_count"] = null;
    if (stopped) continue;
    cell["execution_count"] = ++executionCount;
    var source = cell["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>())),
        JsonValue text => text.GetValue<string>(),
        _ => "",
    };
    var result = await kernel.SendAsync(new SubmitCode(source));
    foreach (var e in result.Events) Record(e, outputs, executionCount);
    stopped = !keepGoing && result.Events.OfType<CommandFailed>().Any();
}
notebook["metadata"]!.AsObject()["mlsd_real_kernel_seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 2);
var json = new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
File.WriteAllText(args[1], notebook.ToJsonString(json) + "\n");
return 0;

// What the tool's Jupyter front end (ExecuteRequestHandler) sends for each kernel event, as nbformat outputs.
void Record(KernelEvent e, JsonArray outputs, int count)
{
    switch (e)
    {
        case ReturnValueProduced r when r.Value is Microsoft.DotNet.Interactive.Formatting.DisplayedValue:
            break;   // the value of `display(x)` as a cell's last expression: already shown
        case ReturnValueProduced r:
            outputs.Add(new JsonObject { ["data"] = Data(r), ["execution_count"] = count, ["metadata"] = new JsonObject(), ["output_type"] = "execute_result" });
            break;
        case DisplayedValueUpdated u when u.ValueId is { } id && outputsByDisplayId.TryGetValue(id, out var shown):
            shown.Outputs[shown.Index] = DisplayData(u);   // Jupyter replaces the output with that display id, in any cell
            break;
        case DisplayedValueProduced d:
            outputs.Add(DisplayData(d));
            if (d.ValueId is { } valueId) outputsByDisplayId[valueId] = (outputs, outputs.Count - 1);
            break;
        case StandardOutputValueProduced o:
            outputs.Add(Stream("stdout", PlainText(o)));
            break;
        case StandardErrorValueProduced or ErrorProduced:
            outputs.Add(Stream("stderr", PlainText((DisplayEvent)e)));
            break;
        case DiagnosticsProduced { FormattedDiagnostics.Count: > 0 } d:
            outputs.Add(Stream("stderr", "\n" + string.Join("\n\n", d.FormattedDiagnostics.Select(v => v.Value)) + "\n\n"));
            break;
        case CommandFailed f:
            var traceback = new JsonArray();
            if (f.Exception is CodeSubmissionCompilationErrorException) { }
            else if (f.Exception is null) traceback.Add(f.Message);
            else
            {
                traceback.Add(f.Exception.ToString());
                foreach (var line in (f.Exception.StackTrace ?? "").Split('\r', '\n', StringSplitOptions.RemoveEmptyEntries)) traceback.Add(line);
            }
            outputs.Add(new JsonObject
            {
                ["ename"] = "Error",
                ["evalue"] = f.Exception is CodeSubmissionCompilationErrorException ? "compilation error" : f.Message,
                ["output_type"] = "error",
                ["traceback"] = traceback,
            });
            break;
    }
}

static JsonObject Data(DisplayEvent e)
{
    var data = new JsonObject();
    foreach (var v in e.FormattedValues) data[v.MimeType] = v.Value;
    return data;
}

static JsonObject DisplayData(DisplayEvent e) =>
    new() { ["data"] = Data(e), ["metadata"] = new JsonObject(), ["output_type"] = "display_data" };

static JsonObject Stream(string name, string text) => new() { ["name"] = name, ["output_type"] = "stream", ["text"] = text };

static string PlainText(DisplayEvent e) =>
    e.FormattedValues.FirstOrDefault(v => v.MimeType == "text/plain")?.Value ?? e.Value?.ToString() ?? "";
