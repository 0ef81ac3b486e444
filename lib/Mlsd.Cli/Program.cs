using System.Runtime.InteropServices;

// The kernel processes `mlsd run` starts are `dotnet Mlsd.Notebooks.dll`, not this assembly: a process whose entry
// assembly is named `mlsd` would capture the notebooks' references to the library `Mlsd`.

// Ctrl+C or SIGTERM (what `kill`, `timeout` and a cancelled CI job send): stop the kernels — the runner kills each one
// with the processes its cells started — then exit with the shell's code for the signal (128 + its number). A second
// signal ends mlsd at once.
using var stop = new CancellationTokenSource();
var signal = 0;
void OnSignal(PosixSignalContext context, int number)
{
    if (Interlocked.CompareExchange(ref signal, number, 0) != 0) return;
    context.Cancel = true;
    stop.Cancel();
}
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => OnSignal(c, 2));
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => OnSignal(c, 15));
var code = await Mlsd.Cli.CommandLine.RunAsync(args, stop.Token);
return signal != 0 ? 128 + signal : code;
