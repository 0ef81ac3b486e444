using Mlsd.Data;

namespace Mlsd.Tests.Data;

/// <summary>
/// A throw-away data folder: a copy of the real README (so the real manifest applies) plus copies of chosen files,
/// which a test may damage. Used through <see cref="DataPaths.UseRoot"/>, so parallel tests do not interfere.
/// </summary>
internal sealed class TempDataRoot : IDisposable
{
    private readonly IDisposable _scope;

    public TempDataRoot(params string[] relativePaths)
    {
        string realRoot = DataPaths.Root;
        Repo = Path.Combine(Path.GetTempPath(), "mlsd-data-test-" + Guid.NewGuid().ToString("N"));
        Root = Path.Combine(Repo, "data");
        Directory.CreateDirectory(Root);
        File.Copy(Path.Combine(realRoot, "README.md"), Path.Combine(Root, "README.md"));
        foreach (var rel in relativePaths)
        {
            string target = PathOf(rel);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(realRoot, rel), target);
        }
        _scope = DataPaths.UseRoot(Root);
    }

    /// <summary>The folder holding data/.</summary>
    public string Repo { get; }

    /// <summary>The data folder.</summary>
    public string Root { get; }

    public string PathOf(string relativePath) => Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    public void FlipByte(string relativePath, int offset)
    {
        var bytes = File.ReadAllBytes(PathOf(relativePath));
        bytes[offset] ^= 0x01;
        File.WriteAllBytes(PathOf(relativePath), bytes);
    }

    public void Truncate(string relativePath, int keep)
    {
        var bytes = File.ReadAllBytes(PathOf(relativePath));
        File.WriteAllBytes(PathOf(relativePath), bytes[..keep]);
    }

    public void Dispose()
    {
        _scope.Dispose();
        try { Directory.Delete(Repo, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
