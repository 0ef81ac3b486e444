using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Mlsd.Notebooks.Execution;

/// <summary>
/// The assemblies every cell can use without <c>#r</c>: the whole .NET and ASP.NET Core shared frameworks
/// (as the Polyglot kernel, itself an ASP.NET Core app, offered), the formatter package (so
/// <c>Formatter.Register</c> works as under Polyglot) and the engine's own display API.
/// </summary>
internal static class ScriptReferences
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> Lazy = new(Create);

    public static ImmutableArray<MetadataReference> All => Lazy.Value;

    private static ImmutableArray<MetadataReference> Create()
    {
        var paths = new List<string>();
        var tpa = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var frameworkDirs = new[]
        {
            Path.GetDirectoryName(typeof(object).Assembly.Location)!,
            Path.GetDirectoryName(typeof(Microsoft.AspNetCore.Html.HtmlString).Assembly.Location)!,
        };
        foreach (var path in tpa)
        {
            if (!path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)) continue;
            var dir = Path.GetDirectoryName(path)!;
            if (!frameworkDirs.Contains(dir, StringComparer.Ordinal)) continue;
            var name = Path.GetFileNameWithoutExtension(path);
            // Native-interop shims and the like are not reference material.
            if (name.StartsWith("Microsoft.DiaSymReader", StringComparison.Ordinal) || name == "mscorrc") continue;
            paths.Add(path);
        }
        paths.Add(typeof(Microsoft.DotNet.Interactive.Formatting.Formatter).Assembly.Location);
        paths.Add(typeof(Scripting.ScriptGlobals).Assembly.Location);
        // AssemblyMetadata.CreateFromFile maps each file into memory; MetadataReference.CreateFromFile would read all
        // ~90 MB of the two shared frameworks into the heap, most of it never looked at (measured: the kernel of a
        // one-cell notebook peaked at 266 MB that way). Mapped, only the metadata the compiler touches is resident.
        return [.. paths.Distinct(StringComparer.Ordinal).Select(p => (MetadataReference)AssemblyMetadata.CreateFromFile(p).GetReference(filePath: p))];
    }
}
