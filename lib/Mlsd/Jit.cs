using System.Runtime.CompilerServices;

namespace Mlsd.Models.NeuralNets;

/// <summary>How the toolkit asks the JIT to treat its hot code.</summary>
/// <remarks>
/// A notebook cell trains a model once, in a fresh process. .NET first runs every method as quick, unoptimised
/// (tier-0) code and then as profiling (instrumented) code before it settles on fully optimised code — a warm-up
/// that cost the first two-tower training about 0.5–1 s of CPU here. Methods marked <c>[MethodImpl(Jit.Hot)]</c>
/// (the operations, their backward steps and the numeric kernels) are compiled fully optimised on their first call
/// instead. It changes speed only, never results.
/// </remarks>
internal static class Jit
{
    /// <summary>Compile fully optimised on first call (<see cref="MethodImplOptions.AggressiveOptimization"/>).</summary>
    public const MethodImplOptions Hot = MethodImplOptions.AggressiveOptimization;
}
