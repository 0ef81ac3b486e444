using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Mlsd.Data;

/// <summary>One row of the data manifest: a file (relative to the data folder, forward slashes), its size and SHA-256.</summary>
/// <param name="Path">Path relative to the data folder, with forward slashes (e.g. <c>text/stopwords_en.json</c>).</param>
/// <param name="Bytes">Exact file size in bytes.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file's bytes, as <c>sha256sum</c> prints it.</param>
public sealed record ManifestEntry(string Path, long Bytes, string Sha256)
{
    /// <summary>The row as it appears in the README table.</summary>
    public override string ToString() => $"| {Path} | {Bytes} | {Sha256} |";
}

/// <summary>
/// A data file whose bytes are not the ones the manifest promises (corrupt, truncated, replaced, or not
/// listed). Loaders throw it rather than hand a notebook silently wrong data.
/// </summary>
public sealed class DataIntegrityException : IOException
{
    /// <summary>Creates the exception for <paramref name="filePath"/>.</summary>
    public DataIntegrityException(string message, string filePath) : base(message) => FilePath = filePath;

    /// <summary>The file that failed the check.</summary>
    public string FilePath { get; }
}

/// <summary>
/// The SHA-256 manifest in <c>data/README.md</c>: a Markdown table <c>| path | bytes | sha256 |</c> under
/// the heading <c>## Manifest</c>. Every bundled file is checked against it on load, so a corrupt download,
/// a truncated copy or an edited file is reported (expected vs actual size and hash) instead of skewing results.
/// </summary>
/// <remarks>
/// Hashing 4 MB takes a few milliseconds, but notebooks load the same files many times; a file that passed
/// once is remembered for the process (keyed on full path, size and last-write time, so a file changed
/// on disk afterwards is checked again).
/// </remarks>
public sealed class Manifest
{
    /// <summary>The Markdown heading the table lives under.</summary>
    public const string Heading = "## Manifest";

    private static readonly ConcurrentDictionary<(string Path, long Length, DateTime WriteUtc), string> s_verified = new();
    private static readonly ConcurrentDictionary<string, (DateTime WriteUtc, Manifest Manifest)> s_byRoot = new();

    private readonly Dictionary<string, ManifestEntry> _byPath;

    private Manifest(string source, string? root, List<ManifestEntry> entries)
    {
        Source = source;
        Root = root;
        Entries = entries;
        _byPath = new Dictionary<string, ManifestEntry>(StringComparer.Ordinal);
        foreach (var e in entries)
            if (!_byPath.TryAdd(e.Path, e))
                throw new FormatException($"{source}: the manifest lists '{e.Path}' twice.");
    }

    /// <summary>Where the manifest was read from (for messages).</summary>
    public string Source { get; }

    /// <summary>The data folder the paths are relative to (null for a manifest parsed from text).</summary>
    public string? Root { get; }

    /// <summary>The rows, in file order.</summary>
    public IReadOnlyList<ManifestEntry> Entries { get; }

    /// <summary>The manifest of the data folder in use (<see cref="DataPaths.Root"/>), re-read if the README changed.</summary>
    public static Manifest Current => ForRoot(DataPaths.Root);

    /// <summary>The manifest in <c>README.md</c> of <paramref name="dataRoot"/>.</summary>
    public static Manifest ForRoot(string dataRoot)
    {
        string root = System.IO.Path.GetFullPath(dataRoot);
        string readme = System.IO.Path.Combine(root, DataPaths.MarkerFile);
        DateTime stamp = File.GetLastWriteTimeUtc(readme);
        if (s_byRoot.TryGetValue(root, out var cached) && cached.WriteUtc == stamp) return cached.Manifest;
        if (!File.Exists(readme)) throw new FileNotFoundException($"No {DataPaths.MarkerFile} (the data manifest) in {root}.", readme);
        var manifest = new Manifest(readme, root, ParseRows(File.ReadAllText(readme), readme));
        s_byRoot[root] = (stamp, manifest);
        return manifest;
    }

    /// <summary>Parses the table under <see cref="Heading"/> in <paramref name="markdown"/>; <paramref name="source"/> names it in errors.</summary>
    public static Manifest Parse(string markdown, string source = "<manifest>")
    {
        ArgumentNullException.ThrowIfNull(markdown);
        return new Manifest(source, null, ParseRows(markdown, source));
    }

    /// <summary>The entry for <paramref name="relativePath"/> (forward or back slashes), or null when it is not listed.</summary>
    public ManifestEntry? Find(string relativePath) =>
        _byPath.TryGetValue(Normalize(relativePath), out var e) ? e : null;

    /// <summary>
    /// Checks the file at <paramref name="relativePath"/> (relative to <see cref="Root"/>) against its row and
    /// returns its absolute path. Throws <see cref="DataIntegrityException"/> when the file is not listed or its
    /// size or SHA-256 differ, and <see cref="FileNotFoundException"/> when it is missing.
    /// </summary>
    public string Verify(string relativePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(relativePath);
        if (Root is null) throw new InvalidOperationException("This manifest was parsed from text and has no data folder; use Verify(relativePath, fullPath).");
        string full = System.IO.Path.GetFullPath(System.IO.Path.Combine(Root, Normalize(relativePath)));
        return Verify(relativePath, full);
    }

    /// <summary>Checks the file at <paramref name="fullPath"/> against the row for <paramref name="relativePath"/>; returns <paramref name="fullPath"/>.</summary>
    public string Verify(string relativePath, string fullPath)
    {
        string key = Normalize(relativePath);
        var entry = Find(key) ?? throw new DataIntegrityException(
            $"'{key}' is not listed in the manifest ({Source}), so its contents cannot be trusted. " +
            "Add its row (path | bytes | sha256, from sha256sum) to the table under '## Manifest'.", fullPath);
        var info = new FileInfo(fullPath);
        if (!info.Exists)
            throw new FileNotFoundException($"Data file '{key}' is missing ({fullPath}). Restore it from git (git checkout -- data/).", fullPath);
        var cacheKey = (info.FullName, info.Length, info.LastWriteTimeUtc);
        if (s_verified.TryGetValue(cacheKey, out var knownHash) && knownHash == entry.Sha256) return fullPath;

        if (info.Length != entry.Bytes)
        {
            string hint = info.Length < entry.Bytes ? "truncated (an interrupted copy or download?)" : "longer than expected (appended to or replaced?)";
            throw new DataIntegrityException(
                $"Data file '{key}' is {hint}: expected {entry.Bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes, " +
                $"found {info.Length.ToString("N0", CultureInfo.InvariantCulture)} ({fullPath}). Restore it with git checkout -- data/{key}.", fullPath);
        }
        string actual = ComputeSha256(fullPath);
        if (!string.Equals(actual, entry.Sha256, StringComparison.Ordinal))
            throw new DataIntegrityException(
                $"Data file '{key}' is corrupt: SHA-256 expected {entry.Sha256}, actual {actual} " +
                $"(size {info.Length.ToString("N0", CultureInfo.InvariantCulture)} bytes as expected) ({fullPath}). " +
                $"Restore it with git checkout -- data/{key}.", fullPath);
        s_verified[cacheKey] = actual;
        return fullPath;
    }

    /// <summary>Lower-case hex SHA-256 of a file's bytes (the same string <c>sha256sum</c> prints).</summary>
    public static string ComputeSha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>The entry a file would have under <paramref name="relativePath"/>: its size and SHA-256 measured now.</summary>
    public static ManifestEntry Measure(string relativePath, string fullPath) =>
        new(Normalize(relativePath), new FileInfo(fullPath).Length, ComputeSha256(fullPath));

    /// <summary>Renders <paramref name="entries"/> as the Markdown table (header, separator, rows sorted by path).</summary>
    public static string FormatTable(IEnumerable<ManifestEntry> entries)
    {
        var sb = new StringBuilder();
        sb.Append("| path | bytes | sha256 |\n|---|---:|---|\n");
        foreach (var e in entries.OrderBy(e => e.Path, StringComparer.Ordinal)) sb.Append(e).Append('\n');
        return sb.ToString();
    }

    /// <summary>
    /// Rewrites the manifest table in <paramref name="readmePath"/>: rows whose path starts with
    /// <paramref name="pathPrefix"/> are replaced by <paramref name="entries"/>; every other byte of the README is kept.
    /// Written atomically (temp file + rename). Used when a synthetic dataset is (re)recorded.
    /// </summary>
    public static void ReplaceRows(string readmePath, string pathPrefix, IEnumerable<ManifestEntry> entries)
    {
        ArgumentException.ThrowIfNullOrEmpty(pathPrefix);
        string text = File.ReadAllText(readmePath);
        var (start, end) = FindTable(text, readmePath);
        var kept = ParseRows(text, readmePath).Where(e => !e.Path.StartsWith(pathPrefix, StringComparison.Ordinal));
        string table = FormatTable(kept.Concat(entries));
        string updated = text[..start] + table + text[end..];
        string temp = readmePath + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        File.WriteAllText(temp, updated, new UTF8Encoding(false));
        File.Move(temp, readmePath, overwrite: true);
    }

    internal static string Normalize(string relativePath) => relativePath.Replace('\\', '/').TrimStart('/');

    /// <summary>Character range [start, end) of the table (header through last row, including its newline).</summary>
    private static (int Start, int End) FindTable(string text, string source)
    {
        int heading = IndexOfHeading(text);
        if (heading < 0) throw new FormatException($"{source}: no '{Heading}' heading, so there is no manifest table.");
        int pos = text.IndexOf('\n', heading);
        int start = -1, end = -1;
        while (pos >= 0 && pos < text.Length)
        {
            int lineStart = pos + 1;
            if (lineStart >= text.Length) break;
            int lineEnd = text.IndexOf('\n', lineStart);
            int next = lineEnd < 0 ? text.Length : lineEnd + 1;
            string line = text[lineStart..(lineEnd < 0 ? text.Length : lineEnd)].TrimEnd('\r');
            if (line.StartsWith("## ", StringComparison.Ordinal)) break;
            if (line.TrimStart().StartsWith('|'))
            {
                if (start < 0) start = lineStart;
                end = next;
            }
            else if (start >= 0) break;
            pos = lineEnd;
            if (lineEnd < 0) break;
        }
        if (start < 0) throw new FormatException($"{source}: no table under '{Heading}'.");
        return (start, end);
    }

    private static int IndexOfHeading(string text)
    {
        int i = 0;
        while ((i = text.IndexOf(Heading, i, StringComparison.Ordinal)) >= 0)
        {
            bool lineStart = i == 0 || text[i - 1] == '\n';
            int after = i + Heading.Length;
            bool lineEnd = after == text.Length || text[after] is '\n' or '\r' or ' ';
            if (lineStart && lineEnd) return i;
            i = after;
        }
        return -1;
    }

    private static List<ManifestEntry> ParseRows(string text, string source)
    {
        var (start, end) = FindTable(text, source);
        int firstLine = 1 + text.AsSpan(0, start).Count('\n');
        var rows = new List<ManifestEntry>();
        string[] lines = text[start..end].Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim().TrimEnd('\r');
            if (line.Length == 0) continue;
            string[] cells = line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            int lineNo = firstLine + i;
            if (cells.Length != 3)
                throw new FormatException($"{source}:{lineNo}: a manifest row needs 3 cells (path | bytes | sha256), found {cells.Length}: {line}");
            if (cells[0] == "path" || cells[0].StartsWith("---", StringComparison.Ordinal) || cells[0].StartsWith(":-", StringComparison.Ordinal)) continue;
            string path = Normalize(cells[0].Trim('`'));
            if (!long.TryParse(cells[1].Replace(",", ""), NumberStyles.None, CultureInfo.InvariantCulture, out long bytes))
                throw new FormatException($"{source}:{lineNo}: bytes for '{path}' must be a whole number, found '{cells[1]}'.");
            string sha = cells[2].Trim('`').ToLowerInvariant();
            if (sha.Length != 64 || !sha.All(Uri.IsHexDigit))
                throw new FormatException($"{source}:{lineNo}: sha256 for '{path}' must be 64 hex digits, found '{cells[2]}'.");
            rows.Add(new ManifestEntry(path, bytes, sha));
        }
        return rows;
    }
}
