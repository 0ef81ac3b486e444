using System.Text.Json.Nodes;

namespace Mlsd.Notebooks.Export;

/// <summary>
/// Where exported pages get plotly.js: the npm package <c>plotly.js-dist-min</c> under the repository's
/// node_modules (inlined, so pages work offline), or — when Node packages are not installed — a CDN script
/// of the same pinned version (the page then says it needs network for charts).
/// </summary>
/// <param name="Version">The plotly.js version.</param>
/// <param name="ScriptPath">The local plotly.min.js, or null to use <see cref="CdnUrl"/>.</param>
public sealed record PlotlyAsset(string Version, string? ScriptPath)
{
    /// <summary>The version pinned when package.json cannot be read.</summary>
    public const string FallbackVersion = "4.1.2";

    /// <summary>The CDN address of the same npm package file.</summary>
    public string CdnUrl => $"https://cdn.jsdelivr.net/npm/plotly.js-dist-min@{Version}/plotly.min.js";

    /// <summary>Finds plotly.js for the repository at <paramref name="repositoryRoot"/> (null: no repository).</summary>
    public static PlotlyAsset Locate(string? repositoryRoot)
    {
        if (repositoryRoot is null) return new PlotlyAsset(FallbackVersion, null);
        var package = Path.Combine(repositoryRoot, "node_modules", "plotly.js-dist-min");
        var script = Path.Combine(package, "plotly.min.js");
        if (File.Exists(script))
            return new PlotlyAsset(ReadVersion(Path.Combine(package, "package.json"), j => j["version"]) ?? FallbackVersion, script);
        var pinned = ReadVersion(Path.Combine(repositoryRoot, "package.json"), j => j["dependencies"]?["plotly.js-dist-min"]);
        return new PlotlyAsset(pinned?.TrimStart('^', '~', '=') ?? FallbackVersion, null);
    }

    private static string? ReadVersion(string path, Func<JsonNode, JsonNode?> select)
    {
        try
        {
            return File.Exists(path) && JsonNode.Parse(File.ReadAllText(path)) is { } json ? select(json)?.GetValue<string>() : null;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or IOException or InvalidOperationException)
        {
            return null;
        }
    }
}
