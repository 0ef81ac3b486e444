using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Mlsd.Notebooks.Format;

namespace Mlsd.Notebooks.Tests;

/// <summary>A fresh folder under the system temp folder, deleted on dispose.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mlsd-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>
/// The test classes whose kernels hang, spin, hoard memory or are killed on purpose: run one class at a time, so their
/// load does not starve each other's time limits on a small machine.
/// </summary>
[CollectionDefinition(Name)]
public sealed class MisbehavingKernels
{
    public const string Name = "Kernels that misbehave on purpose";
}

internal static class TestNotebooks
{
    /// <summary>Writes a Polyglot C# notebook whose code cells are <paramref name="cells"/> (a "md:" prefix makes a markdown cell).</summary>
    public static string Write(string path, params string[] cells)
    {
        var nb = Notebook.CreatePolyglot();
        foreach (var c in cells)
        {
            if (c.StartsWith("md:", StringComparison.Ordinal)) nb.AddMarkdownCell(c[3..]);
            else nb.AddCodeCell(c);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        nb.Save(path);
        return path;
    }

    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    /// <summary>The repository root (the test binaries live under its artifacts/ folder).</summary>
    public static string RepositoryRoot => RepositoryLayout.FindRoot(AppContext.BaseDirectory);
}

/// <summary>Compiles a small C# library to a dll, so tests can #r something that is not already loaded.</summary>
internal static class TinyAssembly
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        [.. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(System.IO.Path.PathSeparator)
            .Where(p => System.IO.Path.GetDirectoryName(p) == System.IO.Path.GetDirectoryName(typeof(object).Assembly.Location))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))]);

    public static string Build(string path, string assemblyName, string source)
    {
        var compilation = CSharpCompilation.Create(assemblyName, [CSharpSyntaxTree.ParseText(source)], References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        using var stream = File.Create(path);
        var result = compilation.Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return path;
    }
}
