using System.Text.RegularExpressions;
using Mlsd.Notebooks.Format;
using Mlsd.Notebooks.Site;
using Mlsd.Testing;

namespace Mlsd.Notebooks.Tests;

/// <summary>A fact that needs headless Chromium and the front-end packages (npm ci): skipped where they are missing,
/// except on CI (CI=true), where it runs and fails saying what to install.</summary>
public sealed class SiteBrowserFactAttribute : FactAttribute
{
    public SiteBrowserFactAttribute()
    {
        if (!Chromium.IsCi && SiteOfTheRepository.MissingTools() is { } why) Skip = why;
    }
}

/// <summary>The site built from this repository's notebooks as RepositoryTests ran them, once, in a temporary copy.</summary>
internal static class SiteOfTheRepository
{
    private static readonly Lazy<Task<string>> Site = new(BuildAsync);

    /// <summary>The built site's folder.</summary>
    public static Task<string> FolderAsync() => Site.Value;

    public static string? MissingTools()
    {
        var missing = new List<string>();
        if (Chromium.Find() is null) missing.Add("chromium is not on PATH (apt-get install chromium)");
        var assets = SiteAssets.Locate(TestNotebooks.RepositoryRoot);
        foreach (var file in new[] { SiteAssets.Plotly, SiteAssets.Highlight, SiteAssets.Katex })
            if (assets.LocalPath(file) is null) missing.Add($"node_modules/{file.Package} (run `npm ci` in the repository root)");
        return missing.Count == 0 ? null : string.Join("; ", missing);
    }

    private static async Task<string> BuildAsync()
    {
        var root = TestNotebooks.RepositoryRoot;
        var runs = await RepositoryTests.Runs.Value;
        var copy = Directory.CreateTempSubdirectory("mlsd-site-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(copy, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        File.WriteAllText(Path.Combine(copy, RepositoryLayout.SolutionFile), "<Solution />");
        Directory.CreateDirectory(RepositoryLayout.LearnerFolder(copy));
        File.Copy(Path.Combine(root, CourseSite.IntroFile), Path.Combine(copy, CourseSite.IntroFile));
        foreach (var (relative, result) in runs)
        {
            var source = Path.Combine(copy, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(source)!);
            File.Copy(result.NotebookPath, source);
            RunArtifacts.Save(copy, result with { NotebookPath = source });
        }
        CourseSite.Build(copy, new SiteOptions { Repository = "octo/mlsd", Assets = SiteAssets.Locate(root) });
        return Path.Combine(copy, "artifacts", "site");
    }
}

public class SiteBrowserTests
{
    /// <summary>Loads <paramref name="page"/> in headless Chromium with the error collector in front of every other script,
    /// and returns the DOM after the scripts ran; fails when the page reported an error.</summary>
    private static string Render(string site, string page)
    {
        var html = File.ReadAllText(Path.Combine(site, page));
        var head = html.IndexOf("<head>\n", StringComparison.Ordinal) + "<head>\n".Length;
        html = html.Insert(head, Chromium.ErrorCollector);
        html = html.Insert(html.LastIndexOf("</body>", StringComparison.Ordinal), Chromium.ErrorReport);
        // Beside the original, so the relative links to assets/ resolve the same way.
        var probe = Path.Combine(site, Path.GetDirectoryName(page) ?? "", "probe-" + Path.GetFileName(page));
        File.WriteAllText(probe, html);
        var profile = Directory.CreateTempSubdirectory("mlsd-chromium-").FullName;
        try
        {
            var dom = Chromium.Run(profile, "--dump-dom", probe);
            var errors = Regex.Match(dom, "<pre id=\"mlsd-errors\"[^>]*>(.*?)</pre>", RegexOptions.Singleline);
            Assert.True(errors.Success, "The error collector element is missing from the rendered DOM.");
            Assert.True(errors.Groups[1].Value.Trim().Length == 0, $"{page} reported errors:\n{errors.Groups[1].Value}");
            return dom;
        }
        finally
        {
            File.Delete(probe);
            try { Directory.Delete(profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    [Fact]
    public async Task Every_notebook_page_is_under_1_MB_besides_the_shared_assets()
    {
        var site = await SiteOfTheRepository.FolderAsync();
        var pages = Directory.GetFiles(site, "*.html", SearchOption.AllDirectories)
            .Where(p => !p.StartsWith(Path.Combine(site, "assets"), StringComparison.Ordinal)).ToList();
        Assert.Equal(RepositoryLayout.AllNotebooks(TestNotebooks.RepositoryRoot).Count + 1, pages.Count); // + index.html
        foreach (var page in pages)
        {
            var size = new FileInfo(page).Length;
            Assert.True(size < 1_000_000, $"{Path.GetRelativePath(site, page)} is {size:N0} bytes");
            var html = File.ReadAllText(page);
            Assert.DoesNotContain("plotly.js v", html); // the banner of plotly.min.js: the library is referenced, never inlined
            Assert.DoesNotContain("Highlight.js v", html);
        }
    }

    [SiteBrowserFact]
    public async Task Landing_page_loads_without_errors_and_lists_the_course()
    {
        var site = await SiteOfTheRepository.FolderAsync();
        var dom = Render(site, "index.html");
        Assert.Contains("<table class=\"course\">", dom);
        foreach (var notebook in RepositoryLayout.Notebooks(RepositoryLayout.SolutionsFolder(TestNotebooks.RepositoryRoot)))
            Assert.Contains($"href=\"{Path.GetFileNameWithoutExtension(notebook)}.html\"", dom);
        Assert.Contains("<h2 id=\"the-seven-steps\">", dom);
    }

    [SiteBrowserFact]
    public async Task A_notebook_page_loads_without_errors_with_highlighted_code_a_toc_and_its_charts()
    {
        var site = await SiteOfTheRepository.FolderAsync();
        var page = Path.GetFileNameWithoutExtension(RepositoryLayout.Notebooks(RepositoryLayout.SolutionsFolder(TestNotebooks.RepositoryRoot))[^1]) + ".html";
        var dom = Render(site, page);
        // highlight.js ran over the code cells.
        Assert.Matches("<pre class=\"source\"><code class=\"language-csharp hljs\"[^>]*>.*<span class=\"hljs-keyword\">", dom);
        Assert.True(Regex.Matches(dom, "class=\"hljs-keyword\"").Count > 50, "too few highlighted keywords");
        // The table of contents lists the seven steps, each pointing at a heading of the page.
        var toc = Regex.Match(dom, "<nav class=\"toc\".*?</nav>", RegexOptions.Singleline);
        Assert.True(toc.Success, "no table of contents");
        var anchors = Regex.Matches(toc.Value, "href=\"#([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.True(anchors.Count >= 7, $"only {anchors.Count} entries in the table of contents");
        foreach (var anchor in anchors) Assert.Contains($"id=\"{anchor}\"", dom);
        // Charts drew with the one shared plotly.js.
        Assert.Matches("<svg[^>]*class=\"main-svg\"", dom);
        Assert.Contains("<script src=\"assets/plotly/plotly.min.js\"", dom);
    }

    [SiteBrowserFact]
    public void Math_in_markdown_is_rendered_by_katex()
    {
        using var repo = new TempDir();
        File.WriteAllText(repo.Combine("Mlsd.slnx"), "<Solution />");
        var path = TestNotebooks.Write(repo.Combine("notebooks", "solutions", "01-math.ipynb"),
            "md:# 01 · Math\n\nNormalized cross-entropy: $\\mathrm{NCE} = \\frac{\\text{log loss}}{H(p)}$, where\n\n$$H(p) = -p \\log p - (1-p) \\log (1-p)$$\n\n" +
            "and as a block:\n\n$$\nq = \\frac{p}{p + (1 - p) / w}\n$$", "1");
        RunArtifacts.Save(repo.Path, FakeRuns.Run(path));
        CourseSite.Build(repo.Path, new SiteOptions { Assets = SiteAssets.Locate(TestNotebooks.RepositoryRoot) });
        var dom = Render(repo.Combine("artifacts", "site"), "01-math.html");
        Assert.Equal(3, Regex.Matches(dom, "<span class=\"katex\">").Count); // one inline, one in each display
        Assert.Equal(2, Regex.Matches(dom, "<span class=\"katex-display\">").Count);
        Assert.DoesNotContain("katex-error", dom);
    }
}
