using System.Text;

namespace Mlsd.Notebooks.Site;

/// <summary>
/// The frame every page shares: head with the shared stylesheet and the front-end files the page needs (plotly.js only
/// where there are charts, KaTeX only where there is math), the top bar, the course sidebar (the current notebook opened
/// into its table of contents, in the manner of d2l.ai) and the footer. Records which shared files were used.
/// </summary>
internal sealed class PageShell(SiteOptions options, SiteAssets assets, IReadOnlyList<SitePage> pages)
{
    /// <summary>The course's name, in the top bar and every title.</summary>
    public const string CourseName = "ML System Design, in runnable C#";

    private readonly HashSet<NpmFile> _used = [];
    private readonly HashSet<NpmFile> _remote = [];

    /// <summary>Shared files some page refers to (to copy into assets/).</summary>
    public IReadOnlyCollection<NpmFile> Used => _used;

    /// <summary>Shared files some page needed that are not installed locally (loaded from the CDN, or missing).</summary>
    public IReadOnlyCollection<NpmFile> Remote => _remote;

    /// <summary>"Open in Codespaces" for the repository, or null when it is not known.</summary>
    public string? CodespacesUrl => options.Repository is { } r ? $"https://codespaces.new/{r}?quickstart=1" : null;

    /// <summary>The file on GitHub, or null when the repository is not known.</summary>
    public string? SourceUrl(string repositoryPath) =>
        options.Repository is { } r ? $"https://github.com/{r}/blob/{options.Branch}/{repositoryPath}" : null;

    /// <summary>A whole page at <paramref name="sitePath"/>.</summary>
    public string Wrap(string sitePath, string title, string main, SitePage? current, IReadOnlyList<TocEntry> toc, bool charts, bool math)
    {
        var depth = sitePath.Count(c => c == '/');
        var prefix = string.Concat(Enumerable.Repeat("../", depth));
        var head = new StringBuilder();
        var scripts = new StringBuilder();
        var missing = new List<string>();
        var onPage = new List<NpmFile>();
        head.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Escape(title == CourseName ? title : $"{title} · {CourseName}")).Append("</title>\n")
            .Append("<link rel=\"stylesheet\" href=\"").Append(prefix).Append("assets/site.css\">\n");
        Style(head, SiteAssets.HighlightTheme, depth, onPage);
        if (math) Style(head, SiteAssets.KatexStyle, depth, onPage);
        // plotly.js loads before the body: each chart's own script looks for window.Plotly when it runs.
        if (charts) Script(head, SiteAssets.Plotly, depth, onPage, missing, "charts");
        Script(scripts, SiteAssets.Highlight, depth, onPage, missing, "code highlighting");
        if (math) Script(scripts, SiteAssets.Katex, depth, onPage, missing, "math");
        scripts.Append("<script src=\"").Append(prefix).Append("assets/site.js\"></script>\n");
        head.Append("</head>\n");

        var page = new StringBuilder(head.Length + main.Length + 8192).Append(head);
        page.Append("<body>\n<header class=\"topbar\">\n<a class=\"brand\" href=\"").Append(prefix).Append("index.html\">").Append(Escape(CourseName)).Append("</a>\n<nav class=\"toplinks\">");
        if (options.Repository is { } repository)
            page.Append("<a href=\"https://github.com/").Append(Escape(repository)).Append("\">GitHub</a>")
                .Append("<a class=\"button primary\" href=\"").Append(Escape(CodespacesUrl!)).Append("\">Open in Codespaces</a>");
        page.Append("</nav>\n</header>\n<div class=\"layout\">\n");
        AppendSidebar(page, sitePath, current, toc);
        page.Append("<main class=\"content\">\n");
        if (missing.Count > 0)
            page.Append("<p class=\"note\">Not installed where this site was built: ").Append(Escape(string.Join(", ", missing)))
                .Append(". The page loads them from a CDN when it can; run <code>npm ci</code> in the repository and build again for an offline site.</p>\n");
        page.Append(main).Append("</main>\n</div>\n<footer class=\"footer\">\n<p>Built by <code>mlsd</code> from each notebook's last run. ")
            .Append(Escape(assets.Credits(onPage))).Append(".</p>\n</footer>\n")
            .Append(scripts).Append("</body>\n</html>\n");
        return page.ToString();
    }

    private void AppendSidebar(StringBuilder page, string sitePath, SitePage? current, IReadOnlyList<TocEntry> toc)
    {
        var kind = current?.Kind == PageKind.Exercises ? PageKind.Exercises : PageKind.Worked;
        page.Append("<aside class=\"sidebar\">\n<details class=\"course-nav\" open>\n<summary>Notebooks</summary>\n<ol class=\"notebooks\">\n");
        foreach (var entry in CourseEntries(kind))
        {
            var isCurrent = current is not null && entry.Path == current.Path;
            page.Append("<li").Append(isCurrent ? " class=\"current\"" : "").Append('>');
            if (entry.HasPage)
                page.Append("<a href=\"").Append(Escape(SitePage.Relative(sitePath, entry.Path))).Append('"').Append(isCurrent ? " aria-current=\"page\"" : "").Append('>')
                    .Append(Escape(entry.Intro.Title)).Append("</a>");
            else
                page.Append("<span class=\"unavailable\" title=\"not run yet\">").Append(Escape(entry.Intro.Title)).Append("</span>");
            if (isCurrent) AppendCurrent(page, sitePath, current!, toc);
            page.Append("</li>\n");
        }
        page.Append("</ol>\n");
        if (current is { Kind: PageKind.Other })
        {
            page.Append("<p class=\"nav-label\">Other notebook</p>\n<ol class=\"notebooks\"><li class=\"current\"><a href=\"#\" aria-current=\"page\">")
                .Append(Escape(current.Source)).Append("</a>");
            AppendCurrent(page, sitePath, current, toc);
            page.Append("</li></ol>\n");
        }
        page.Append("</details>\n</aside>\n");
    }

    private void AppendCurrent(StringBuilder page, string sitePath, SitePage current, IReadOnlyList<TocEntry> toc)
    {
        var twin = Twin(current);
        if (twin is { HasPage: true })
        {
            page.Append("\n<div class=\"variants\">");
            foreach (var p in new[] { current, twin }.OrderBy(p => p.Kind))
            {
                if (p == current) page.Append("<span class=\"variant active\">").Append(p.KindLabel).Append("</span>");
                else page.Append("<a class=\"variant\" href=\"").Append(Escape(SitePage.Relative(sitePath, p.Path))).Append("\">").Append(p.KindLabel).Append("</a>");
            }
            page.Append("</div>");
        }
        if (toc.Count == 0) return;
        page.Append("\n<nav class=\"toc\" aria-label=\"On this page\">\n<ol>\n");
        foreach (var entry in toc)
            page.Append("<li class=\"level-").Append(entry.Level).Append("\"><a href=\"#").Append(Escape(entry.Id)).Append("\">")
                .Append(Escape(entry.Text)).Append("</a></li>\n");
        page.Append("</ol>\n</nav>\n");
    }

    /// <summary>The course in order, one entry per notebook, in the version <paramref name="kind"/> when it has a page.</summary>
    public IEnumerable<SitePage> CourseEntries(PageKind kind) =>
        pages.Where(p => p.Kind is PageKind.Worked or PageKind.Exercises)
            .GroupBy(p => p.FileName)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.FirstOrDefault(p => p.Kind == kind && p.HasPage) ?? g.FirstOrDefault(p => p.HasPage) ?? g.OrderBy(p => p.Kind).First());

    /// <summary>The other version of a course notebook (worked ↔ exercises), if there is one.</summary>
    public SitePage? Twin(SitePage page) => page.Kind switch
    {
        PageKind.Worked => pages.FirstOrDefault(p => p.Kind == PageKind.Exercises && p.FileName == page.FileName),
        PageKind.Exercises => pages.FirstOrDefault(p => p.Kind == PageKind.Worked && p.FileName == page.FileName),
        _ => null,
    };

    private void Style(StringBuilder head, NpmFile file, int depth, List<NpmFile> onPage)
    {
        if (Reference(file, depth, onPage) is { } href)
            head.Append("<link rel=\"stylesheet\" href=\"").Append(Escape(href)).Append("\">\n");
    }

    private void Script(StringBuilder html, NpmFile file, int depth, List<NpmFile> onPage, List<string> missing, string purpose)
    {
        if (assets.LocalPath(file) is null) missing.Add($"{file.Package} ({purpose})");
        if (Reference(file, depth, onPage) is { } href)
            html.Append("<script src=\"").Append(Escape(href)).Append("\" charset=\"utf-8\"></script>\n");
    }

    private string? Reference(NpmFile file, int depth, List<NpmFile> onPage)
    {
        onPage.Add(file);
        (assets.LocalPath(file) is null ? _remote : _used).Add(file);
        return assets.Href(file, depth);
    }

    private static string Escape(string s) => NotebookPage.Escape(s);
}
