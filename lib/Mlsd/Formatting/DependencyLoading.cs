using System.Reflection;
using System.Runtime.Loader;

namespace Mlsd.Formatting;

/// <summary>
/// Gives the library's F# dependencies (Plotly.NET and what it needs) one load context of their own, with the
/// FSharp.Core they were built against, when a notebook kernel loads the library with <c>#r</c>.
/// </summary>
/// <remarks>
/// <para>Two problems, one fix. Plotly.NET 6 is built against FSharp.Core 10.1, but the real .NET Interactive kernel
/// (dotnet-interactive 1.0.712001) ships FSharp.Core 10.0 for its F# kernel, and the default load context cannot hold
/// two versions of one assembly. And Roslyn scripting (that kernel's C# kernel, and ours) loads a <c>#r</c> assembly's
/// dependencies into load contexts of its own, so an assembly asked for at two versions came in twice: Plotly.NET bound
/// to one FSharp.Core and Giraffe.ViewEngine (which it writes HTML with) to the other, and the first chart failed with
/// MissingMethodException.</para>
/// <para>Roslyn asks the default context first, and the default context asks its <c>Resolving</c> handlers for what it
/// cannot find itself. The library's module initializer installs one that answers every request for the F# chain from
/// a single context holding the copies next to Mlsd.dll, whatever version the request names. What the chain needs
/// besides itself (Newtonsoft.Json for Plotly.NET) comes from the default context when the host has it (the real
/// kernel does), else from next to Mlsd.dll: our kernel's default context does not have it, and Roslyn's loader only
/// answers for assemblies it loaded itself.</para>
/// </remarks>
internal static class DependencyLoading
{
    /// <summary>The assemblies that travel together: FSharp.Core and the F# libraries built on it.</summary>
    private static readonly HashSet<string> FSharpChain = new(StringComparer.OrdinalIgnoreCase)
        { "FSharp.Core", "DynamicObj", "Fable.Core", "Giraffe.ViewEngine", "Plotly.NET", "Plotly.NET.CSharp", "XPlot.Plotly" };

    private static FSharpContext? _context;

    /// <summary>The context holding the F# chain (null until <see cref="Install"/> ran in a process where it is needed).</summary>
    internal static AssemblyLoadContext? Context => _context;

    public static void Install()
    {
        string? folder = Path.GetDirectoryName(typeof(DependencyLoading).Assembly.Location);
        if (string.IsNullOrEmpty(folder) || !File.Exists(Path.Combine(folder, "FSharp.Core.dll"))) return;
        // Already loaded into the default context (a normal app or test host that references the packages): nothing to do.
        if (AssemblyLoadContext.Default.Assemblies.Any(a => a.GetName().Name == "Plotly.NET")) return;
        if (Interlocked.CompareExchange(ref _context, new FSharpContext(folder), null) is not null) return;
        AssemblyLoadContext.Default.Resolving += (_, name) =>
            name.Name is { } simple && FSharpChain.Contains(simple) ? _context.LoadFromAssemblyName(name) : null;
    }

    private sealed class FSharpContext : AssemblyLoadContext
    {
        private readonly string folder;

        public FSharpContext(string folder) : base("Mlsd F# dependencies")
        {
            this.folder = folder;
            // Asked only after Load (below) and the default context found nothing.
            Resolving += (_, name) => name.Name is { } simple && File.Exists(Path.Combine(folder, simple + ".dll"))
                ? LoadFromAssemblyPath(Path.Combine(folder, simple + ".dll"))
                : null;
        }

        protected override Assembly? Load(AssemblyName name)
        {
            if (name.Name is not { } simple || !FSharpChain.Contains(simple)) return null;   // everything else: the default context
            var loaded = Assemblies.FirstOrDefault(a => string.Equals(a.GetName().Name, simple, StringComparison.OrdinalIgnoreCase));
            if (loaded is not null) return loaded;   // one copy, whatever version was asked for
            string path = Path.Combine(folder, simple + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
