using System.Reflection;
using System.Runtime.Loader;

namespace Mlsd.Notebooks.Execution;

/// <summary>
/// Loads a cell's <c>#r</c> assemblies into the default load context before the cell runs, and lets that context find
/// their dependencies in the same folder — as the real .NET Interactive kernel does.
/// </summary>
/// <remarks>
/// Left to Roslyn scripting, a <c>#r</c> assembly and each of its dependencies are loaded into load contexts of their
/// own, and a dependency reached along two paths can be loaded twice: with Plotly.NET, FSharp.Core came in twice, and
/// Giraffe (bound to one copy) and Plotly.NET (bound to the other) then failed with MissingMethodException. Roslyn uses
/// an assembly the default context already holds, so loading it there first gives one copy of everything.
/// </remarks>
internal static class ReferencedAssemblies
{
    private static readonly HashSet<string> Folders = new(StringComparer.Ordinal);

    /// <summary>Loads <paramref name="path"/> (when it exists; Roslyn reports a missing file) and adds its folder to
    /// the places the default context looks for dependencies.</summary>
    public static void Load(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) return;
        lock (Folders)
        {
            if (Folders.Add(Path.GetDirectoryName(full)!) && Folders.Count == 1)
                AssemblyLoadContext.Default.Resolving += Resolve;
        }
        var name = AssemblyName.GetAssemblyName(full);
        if (AppDomain.CurrentDomain.GetAssemblies().Any(a => AssemblyName.ReferenceMatchesDefinition(name, a.GetName()))) return;
        AssemblyLoadContext.Default.LoadFromAssemblyPath(full);
    }

    private static Assembly? Resolve(AssemblyLoadContext context, AssemblyName name)
    {
        string[] folders;
        lock (Folders) folders = [.. Folders];
        foreach (var folder in folders)
        {
            var candidate = Path.Combine(folder, name.Name + ".dll");
            if (File.Exists(candidate)) return context.LoadFromAssemblyPath(candidate);
        }
        return null;
    }
}
