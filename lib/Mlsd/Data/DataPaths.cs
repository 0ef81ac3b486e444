namespace Mlsd.Data;

/// <summary>
/// Finds the repository's <c>data/</c> folder without absolute paths, so the same notebook runs from
/// VS Code, from the engine (cwd = the notebook's folder), from a test run, or from a fresh clone anywhere.
/// </summary>
/// <remarks>
/// Resolution order: a scoped override set with <see cref="UseRoot"/> (tests); the environment variable
/// <c>MLSD_DATA</c> (a learner who keeps data elsewhere); then a walk up from the current directory and
/// from the folder holding Mlsd.dll to the first folder that contains <c>data/README.md</c>.
/// The README is the marker because it carries the SHA-256 manifest every load is checked against.
/// </remarks>
public static class DataPaths
{
    /// <summary>The environment variable that overrides discovery: the data folder itself, or a folder containing <c>data/</c>.</summary>
    public const string EnvironmentVariable = "MLSD_DATA";

    /// <summary>The catalogue file that marks a data folder (and holds the manifest).</summary>
    public const string MarkerFile = "README.md";

    private static readonly AsyncLocal<string?> s_override = new();
    private static readonly Lazy<string?> s_discovered = new(Discover);

    /// <summary>
    /// The absolute path of the data folder in use (the folder holding <c>README.md</c>).
    /// Throws <see cref="DirectoryNotFoundException"/> with the places searched when none is found.
    /// </summary>
    public static string Root
    {
        get
        {
            if (s_override.Value is string scoped) return scoped;
            string? env = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(env)) return FromEnvironment(env);
            return s_discovered.Value ?? throw new DirectoryNotFoundException(
                $"Could not find the data/ folder: no data/{MarkerFile} above the current directory " +
                $"({Environment.CurrentDirectory}) or above Mlsd.dll ({LibraryDirectory() ?? "unknown"}). " +
                $"Run from inside the repository, or set {EnvironmentVariable} to the data folder.");
        }
    }

    /// <summary>
    /// Walks up from <paramref name="startDirectory"/> to the first folder that contains <c>data/README.md</c>
    /// (or is itself a data folder with a README next to the manifest) and returns that data folder, or null.
    /// </summary>
    public static string? FindFrom(string startDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(startDirectory);
        for (var dir = new DirectoryInfo(Path.GetFullPath(startDirectory)); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "data");
            if (File.Exists(Path.Combine(candidate, MarkerFile))) return candidate;
        }
        return null;
    }

    /// <summary>
    /// The absolute path of <paramref name="relativePath"/> (forward slashes, relative to the data folder), checked
    /// for existence only. Throws <see cref="FileNotFoundException"/> naming the file and the data folder when it is
    /// missing. Library loaders use <see cref="Datasets.File"/>, which also checks the manifest.
    /// </summary>
    internal static string Resolve(string relativePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(relativePath);
        if (Path.IsPathRooted(relativePath))
            throw new ArgumentException($"relativePath must be relative to the data folder (got '{relativePath}').", nameof(relativePath));
        string root = Root;
        string full = Path.GetFullPath(Path.Combine(root, relativePath.Replace('/', Path.DirectorySeparatorChar)));
        if (!File.Exists(full))
            throw new FileNotFoundException($"Data file '{relativePath}' is missing from {root}. " +
                "Restore it from git (git checkout -- data/) or see data/README.md for its source.", full);
        return full;
    }

    /// <summary>
    /// Uses <paramref name="dataDirectory"/> as the data folder until the returned scope is disposed, in this
    /// async flow only — so parallel tests can each point at their own (say, deliberately corrupted) copy.
    /// </summary>
    public static IDisposable UseRoot(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        string full = Path.GetFullPath(dataDirectory);
        if (!File.Exists(Path.Combine(full, MarkerFile)))
            throw new ArgumentException($"'{full}' is not a data folder: it has no {MarkerFile}.", nameof(dataDirectory));
        string? previous = s_override.Value;
        s_override.Value = full;
        return new Scope(previous);
    }

    private sealed class Scope(string? previous) : IDisposable
    {
        private bool _disposed;
        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            s_override.Value = previous;
        }
    }

    internal static string FromEnvironment(string value)
    {
        string full = Path.GetFullPath(value.Trim());
        if (File.Exists(Path.Combine(full, MarkerFile))) return full;
        string nested = Path.Combine(full, "data");
        if (File.Exists(Path.Combine(nested, MarkerFile))) return nested;
        throw new DirectoryNotFoundException(
            $"{EnvironmentVariable} is set to '{value}', but neither it nor its data/ subfolder contains {MarkerFile}.");
    }

    private static string? Discover() =>
        FindFrom(Environment.CurrentDirectory) ?? (LibraryDirectory() is string lib ? FindFrom(lib) : null);

    private static string? LibraryDirectory()
    {
        string location = typeof(DataPaths).Assembly.Location;
        if (!string.IsNullOrEmpty(location)) return Path.GetDirectoryName(location);
        return string.IsNullOrEmpty(AppContext.BaseDirectory) ? null : AppContext.BaseDirectory;
    }
}
