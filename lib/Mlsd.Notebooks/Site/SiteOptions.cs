using System.Text.RegularExpressions;

namespace Mlsd.Notebooks.Site;

/// <summary>How <see cref="CourseSite.Build"/> builds the site.</summary>
public sealed partial record SiteOptions
{
    /// <summary>The GitHub repository as <c>owner/name</c>, for "Open in Codespaces" and source links; null leaves them out.
    /// On GitHub Actions it is the <c>GITHUB_REPOSITORY</c> variable (see <see cref="RepositoryFromEnvironment"/>).</summary>
    public string? Repository { get; init; }

    /// <summary>The branch source links point to (default <c>main</c>).</summary>
    public string Branch { get; init; } = "main";

    /// <summary>Where plotly.js, highlight.js and KaTeX come from; null means <see cref="SiteAssets.Locate"/> on the repository.</summary>
    public SiteAssets? Assets { get; init; }

    /// <summary>How long to wait for another build of the same site to finish (default 2 minutes).</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>True for <c>owner/name</c> as GitHub allows them.</summary>
    public static bool IsRepositoryName(string? text) => text is not null && RepositoryPattern().IsMatch(text);

    /// <summary><c>GITHUB_REPOSITORY</c> when it holds a repository name, else null.</summary>
    public static string? RepositoryFromEnvironment() =>
        Environment.GetEnvironmentVariable("GITHUB_REPOSITORY") is { } value && IsRepositoryName(value) ? value : null;

    [GeneratedRegex(@"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$")]
    private static partial Regex RepositoryPattern();
}

/// <summary>What a site build wrote.</summary>
/// <param name="IndexPath">The landing page.</param>
/// <param name="Pages">Notebook pages written, relative to the site folder.</param>
/// <param name="Warnings">Things the reader of the site should know were left out or degraded (one line each).</param>
public sealed record SiteBuildResult(string IndexPath, IReadOnlyList<string> Pages, IReadOnlyList<string> Warnings);
