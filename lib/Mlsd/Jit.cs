using System.Runtime.CompilerServices;

namespace Mlsd;

/// <summary>How the library asks the JIT to treat its hot code.</summary>
/// <remarks>
/// A notebook cell trains a model once, in a fresh process. .NET first runs every method as quick, unoptimised
/// (tier-0) code and then as profiling (instrumented) code before it settles on fully optimised code — a warm-up
/// that cost the first two-tower training about 0.5–1 s of CPU here. The rest of the library is precompiled
/// (ReadyToRun, see Directory.Build.targets), but precompiled code targets a generic x64 CPU and a method that
/// runs one long loop is never recompiled. Methods marked <c>[MethodImpl(Jit.Hot)]</c> — the numeric kernels and
/// the loops that call them — skip both: they are compiled fully optimised for this CPU on their first call.
/// It changes speed only, never results.
/// </remarks>
internal static class Jit
{
    /// <summary>Compile fully optimised on first call (<see cref="MethodImplOptions.AggressiveOptimization"/>).</summary>
    public const MethodImplOptions Hot = MethodImplOptions.AggressiveOptimization;
}
