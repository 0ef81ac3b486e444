using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mlsd.Notebooks.Site;

/// <summary>One front-end file the pages use, taken from an npm package pinned in the repository's package-lock.json.</summary>
/// <param name="Package">The npm package, e.g. <c>plotly.js-dist-min</c>.</param>
/// <param name="File">The file inside the package, e.g. <c>plotly.min.js</c>.</param>
/// <param name="Target">Where the site keeps it, relative to <c>assets/</c>.</param>
public sealed record NpmFile(string Package, string File, string Target);

/// <summary>
/// Where the site's pages get plotly.js, highlight.js and KaTeX: copied once into <c>assets/</c> from the repository's
/// <c>node_modules</c> (after <c>npm ci</c>), so every page refers to one shared file and the site works offline; or,
/// when Node packages are not installed, from a CDN copy of the exact version package-lock.json pins (pages then say
/// they need a network). The versions live in package.json / package-lock.json only.
/// </summary>
public sealed class SiteAssets
{
    /// <summary>plotly.js, for chart outputs (loaded before the charts' own scripts, which find <c>window.Plotly</c>).</summary>
    public static readonly NpmFile Plotly = new("plotly.js-dist-min", "plotly.min.js", "plotly/plotly.min.js");

    /// <summary>highlight.js with its common languages (C# among them), for code cells and fenced code in markdown.</summary>
    public static readonly NpmFile Highlight = new("@highlightjs/cdn-assets", "highlight.min.js", "highlight/highlight.min.js");

    /// <summary>The light highlight.js theme matching the pages' GitHub-like colours.</summary>
    public static readonly NpmFile HighlightTheme = new("@highlightjs/cdn-assets", "styles/github.min.css", "highlight/github.min.css");

    /// <summary>KaTeX, for pages whose markdown has <c>$…$</c> or <c>$$…$$</c> math.</summary>
    public static readonly NpmFile Katex = new("katex", "dist/katex.min.js", "katex/katex.min.js");

    /// <summary>KaTeX's stylesheet; its fonts (<c>dist/fonts/*.woff2</c>) are copied beside it.</summary>
    public static readonly NpmFile KatexStyle = new("katex", "dist/katex.min.css", "katex/katex.min.css");

    private readonly string? _root;
    private readonly IReadOnlyDictionary<string, string> _versions;

    private SiteAssets(string? root, IReadOnlyDictionary<string, string> versions)
    {
        _root = root;
        _versions = versions;
    }

    /// <summary>The packages' pinned versions and local copies for the repository at <paramref name="repositoryRoot"/> (null: none).</summary>
    public static SiteAssets Locate(string? repositoryRoot) =>
        new(repositoryRoot, repositoryRoot is null ? new Dictionary<string, string>() : ReadLockedVersions(Path.Combine(repositoryRoot, "package-lock.json")));

    /// <summary>The version package-lock.json pins for <paramref name="package"/>, or null when there is no lock entry.</summary>
    public string? Version(string package) => _versions.GetValueOrDefault(package);

    /// <summary>The file under node_modules, or null when Node packages are not installed.</summary>
    public string? LocalPath(NpmFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (_root is null) return null;
        var path = Path.Combine(_root, "node_modules", file.Package, file.File);
        return System.IO.File.Exists(path) ? path : null;
    }

    /// <summary>The pinned CDN copy (jsDelivr mirrors npm byte for byte), or null when the version is unknown.</summary>
    public string? CdnUrl(NpmFile file) =>
        Version(file.Package) is { } version ? $"https://cdn.jsdelivr.net/npm/{file.Package}@{version}/{file.File}" : null;

    /// <summary>How a page <paramref name="depth"/> folders below the site root refers to <paramref name="file"/>: the shared local
    /// copy, else the CDN; null when neither exists.</summary>
    public string? Href(NpmFile file, int depth) =>
        LocalPath(file) is not null ? string.Concat(Enumerable.Repeat("../", depth)) + "assets/" + file.Target : CdnUrl(file);

    /// <summary>Copies <paramref name="files"/> that exist locally into <c>assets/</c> under <paramref name="siteDirectory"/>
    /// (KaTeX's fonts with its stylesheet); returns the files that had to come from the CDN instead.</summary>
    public IReadOnlyList<NpmFile> CopyTo(string siteDirectory, IEnumerable<NpmFile> files)
    {
        var remote = new List<NpmFile>();
        foreach (var file in files.Distinct())
        {
            if (LocalPath(file) is not { } source)
            {
                remote.Add(file);
                continue;
            }
            var target = Path.Combine(siteDirectory, "assets", file.Target);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            System.IO.File.Copy(source, target, overwrite: true);
            if (file == KatexStyle) CopyKatexFonts(Path.GetDirectoryName(source)!, Path.GetDirectoryName(target)!);
        }
        return remote;
    }

    /// <summary>The credit line for the page footer: each package <paramref name="used"/>, with its version and licence.</summary>
    public string Credits(IEnumerable<NpmFile> used) =>
        string.Join(" · ", used.Select(f => f.Package).Distinct().Where(Names.ContainsKey).Select(p =>
            $"{Names[p].Name}{(Version(p) is { } v ? " " + v : "")} ({Names[p].Licence})"));

    private static readonly Dictionary<string, (string Name, string Licence)> Names = new(StringComparer.Ordinal)
    {
        [Plotly.Package] = ("plotly.js", "MIT"),
        [Highlight.Package] = ("highlight.js", "BSD-3-Clause"),
        [Katex.Package] = ("KaTeX", "MIT"),
    };

    private static void CopyKatexFonts(string styleFolder, string targetFolder)
    {
        // Browsers that run KaTeX all read woff2, the first format the stylesheet offers; the others are not copied.
        var fonts = Path.Combine(styleFolder, "fonts");
        if (!Directory.Exists(fonts)) return;
        Directory.CreateDirectory(Path.Combine(targetFolder, "fonts"));
        foreach (var font in Directory.GetFiles(fonts, "*.woff2"))
            System.IO.File.Copy(font, Path.Combine(targetFolder, "fonts", Path.GetFileName(font)), overwrite: true);
    }

    private static Dictionary<string, string> ReadLockedVersions(string lockPath)
    {
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            if (!System.IO.File.Exists(lockPath) || JsonNode.Parse(System.IO.File.ReadAllText(lockPath))?["packages"] is not JsonObject packages)
                return versions;
            foreach (var (key, value) in packages)
            {
                const string prefix = "node_modules/";
                if (key.StartsWith(prefix, StringComparison.Ordinal) && value?["version"] is JsonValue v && v.TryGetValue<string>(out var version))
                    versions[key[prefix.Length..]] = version;
            }
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // An unreadable lock file only costs the CDN fallback; local copies still work.
        }
        return versions;
    }
}
