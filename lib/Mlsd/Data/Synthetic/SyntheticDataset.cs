using System.Globalization;

namespace Mlsd.Data.Synthetic;

/// <summary>The outcome of regenerating a synthetic dataset from its seed and comparing it with the manifest.</summary>
/// <param name="Name">The dataset.</param>
/// <param name="Files">Files regenerated (path | bytes | sha256 as measured now).</param>
/// <param name="Mismatches">One line per difference (missing, extra, other size or hash); empty when identical.</param>
public sealed record ReproducibilityCheck(string Name, IReadOnlyList<ManifestEntry> Files, IReadOnlyList<string> Mismatches)
{
    /// <summary>True when every regenerated file matches its manifest row byte for byte.</summary>
    public bool Identical => Mismatches.Count == 0;

    /// <summary>"identical" or the list of differences.</summary>
    public override string ToString() => Identical
        ? string.Create(CultureInfo.InvariantCulture, $"{Name}: {Files.Count} file(s) regenerated from the seed, identical to the manifest")
        : $"{Name}: regeneration differs from the manifest:\n  " + string.Join("\n  ", Mismatches);
}

/// <summary>
/// A dataset generated from a seed once, committed under <c>data/synthetic/&lt;name&gt;/</c> with its SHA-256 in the
/// manifest, and checked like any real file on load. Regenerating from the seed must reproduce the same bytes
/// (<see cref="CheckReproducible"/> is the test hook), so the committed copy is only a cache of the code.
/// </summary>
/// <remarks>
/// The writer receives an empty folder and a <see cref="Sampler"/> seeded with <see cref="Seed"/>, and must be
/// deterministic: use only that sampler and <see cref="CsvWriter"/> (invariant culture, fixed formats).
/// </remarks>
public sealed class SyntheticDataset
{
    private readonly Action<string, Sampler> _write;

    /// <summary>Declares the dataset <paramref name="name"/> (lower-case, kebab-case) produced by <paramref name="write"/> from <paramref name="seed"/>.</summary>
    public SyntheticDataset(string name, int seed, Action<string, Sampler> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            throw new ArgumentException($"name must be lower-case kebab-case (got '{name}').", nameof(name));
        ArgumentNullException.ThrowIfNull(write);
        Name = name;
        Seed = seed;
        _write = write;
    }

    /// <summary>The dataset's name: its folder under <c>data/synthetic/</c>.</summary>
    public string Name { get; }

    /// <summary>The seed the files are generated from.</summary>
    public int Seed { get; }

    /// <summary>The folder relative to the data folder, e.g. <c>synthetic/toy-listings</c>.</summary>
    public string RelativeDirectory => "synthetic/" + Name;

    /// <summary>
    /// Writes the files into <paramref name="directory"/> (created; must be empty or absent) and returns their
    /// manifest rows (paths relative to the data folder).
    /// </summary>
    public IReadOnlyList<ManifestEntry> Generate(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        string full = Path.GetFullPath(directory);
        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any())
            throw new ArgumentException($"'{full}' must be empty: generation writes every file from scratch.", nameof(directory));
        Directory.CreateDirectory(full);
        _write(full, new Sampler(Seed));
        return Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories)
            .Select(f => Manifest.Measure(RelativeDirectory + "/" + Path.GetRelativePath(full, f).Replace('\\', '/'), f))
            .OrderBy(e => e.Path, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>
    /// The dataset's folder in the data folder, every file verified against the manifest. Missing files are
    /// regenerated from the seed first (then verified, so a generator that changed is caught, not trusted).
    /// </summary>
    public string Ensure()
    {
        var manifest = Manifest.Current;
        string root = manifest.Root!;
        var rows = RowsIn(manifest);
        if (rows.Count == 0)
            throw new InvalidOperationException($"'{RelativeDirectory}' has no rows in the manifest ({manifest.Source}). " +
                "A maintainer records it once with Record(), then commits the files and the README.");
        string directory = Path.Combine(root, RelativeDirectory);
        if (rows.Any(r => !System.IO.File.Exists(Path.Combine(root, r.Path)))) Regenerate(root, directory);
        foreach (var row in rows) manifest.Verify(row.Path);
        return directory;
    }

    /// <summary>The verified absolute path of <paramref name="fileName"/> inside the dataset (see <see cref="Ensure"/>).</summary>
    public string File(string fileName)
    {
        Ensure();
        return Manifest.Current.Verify(RelativeDirectory + "/" + fileName);
    }

    /// <summary>
    /// Maintainer action: regenerates the dataset into the data folder (replacing the old copy) and rewrites its
    /// rows in the README manifest. Commit the files and README afterwards.
    /// </summary>
    public IReadOnlyList<ManifestEntry> Record()
    {
        string root = DataPaths.Root;
        string directory = Path.Combine(root, RelativeDirectory);
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        var entries = Generate(directory);
        Manifest.ReplaceRows(Path.Combine(root, DataPaths.MarkerFile), RelativeDirectory + "/", entries);
        return entries;
    }

    /// <summary>Test hook: regenerates into a temporary folder and compares every file with its manifest row.</summary>
    public ReproducibilityCheck CheckReproducible()
    {
        var manifest = Manifest.Current;
        var expected = RowsIn(manifest);
        string temp = Path.Combine(Path.GetTempPath(), $"mlsd-{Name}-{Guid.NewGuid():N}");
        try
        {
            var actual = Generate(temp);
            var mismatches = new List<string>();
            var byPath = actual.ToDictionary(e => e.Path, StringComparer.Ordinal);
            foreach (var row in expected)
            {
                if (!byPath.TryGetValue(row.Path, out var now)) mismatches.Add($"{row.Path}: in the manifest but not generated");
                else if (now.Bytes != row.Bytes || now.Sha256 != row.Sha256)
                    mismatches.Add($"{row.Path}: manifest {row.Bytes} bytes sha256 {row.Sha256}, regenerated {now.Bytes} bytes sha256 {now.Sha256}");
            }
            foreach (var now in actual)
                if (expected.All(r => r.Path != now.Path)) mismatches.Add($"{now.Path}: generated but not in the manifest");
            if (expected.Count == 0) mismatches.Add($"{RelativeDirectory}: no rows in the manifest");
            return new ReproducibilityCheck(Name, actual, mismatches);
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
    }

    /// <summary>The dataset's name and seed.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"synthetic dataset '{Name}' (seed {Seed})");

    private List<ManifestEntry> RowsIn(Manifest manifest) =>
        manifest.Entries.Where(e => e.Path.StartsWith(RelativeDirectory + "/", StringComparison.Ordinal)).ToList();

    private void Regenerate(string root, string directory)
    {
        // Generate beside the target and move file by file, so a concurrent reader never sees a half-written file.
        string temp = Path.Combine(root, "synthetic", $".tmp-{Name}-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            Generate(temp);
            foreach (string file in Directory.EnumerateFiles(temp, "*", SearchOption.AllDirectories))
            {
                string target = Path.Combine(directory, Path.GetRelativePath(temp, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                try { if (!System.IO.File.Exists(target)) System.IO.File.Move(file, target); }
                catch (IOException) when (System.IO.File.Exists(target)) { /* another process got there first, same bytes */ }
            }
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
    }
}
