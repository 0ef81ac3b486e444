using System.Globalization;
using System.Text;

namespace Mlsd.Notebooks.Site;

/// <summary>
/// The site's index.html: the course's own words from <see cref="CourseSite.IntroFile"/> (what the course is, the seven
/// steps, how to study), then the notebooks — title, one-line summary, study time, and the status of the last run of the
/// worked notebook and of the learner copy (exercises as "k of n done").
/// </summary>
internal static class LandingPage
{
    public static string Render(string root, IReadOnlyList<SitePage> pages, PageShell shell)
    {
        var main = new StringBuilder();
        var course = shell.CourseEntries(PageKind.Worked).ToList();
        main.Append("<div class=\"hero\">\n<h1>").Append(Escape(PageShell.CourseName)).Append("</h1>\n");
        if (course.FirstOrDefault(p => p.HasPage) is { } first)
            main.Append("<p class=\"actions\"><a class=\"button primary\" href=\"").Append(Escape(first.Path)).Append("\">Start reading: ")
                .Append(Escape(first.Intro.Title)).Append("</a>")
                .Append(shell.CodespacesUrl is { } codespaces ? $"<a class=\"button\" href=\"{Escape(codespaces)}\">Open in Codespaces</a>" : "")
                .Append("</p>\n");
        main.Append("</div>\n");

        var intro = Path.Combine(root, CourseSite.IntroFile);
        var markdown = new MarkdownHtml(url => CourseSite.ResolveLink(CourseSite.IntroFile, "index.html", url, pages, shell));
        if (File.Exists(intro)) main.Append("<div class=\"cell markdown\">\n").Append(markdown.Render(File.ReadAllText(intro))).Append("</div>\n");

        main.Append("<h2 id=\"notebooks\">The notebooks</h2>\n");
        if (course.Count == 0) main.Append("<p>No notebooks yet.</p>\n");
        else AppendCourseTable(main, course, shell);

        var others = pages.Where(p => p.Kind == PageKind.Other && p.HasPage).ToList();
        if (others.Count > 0)
        {
            main.Append("<h2 id=\"other-notebooks\">Other notebooks</h2>\n<ul class=\"others\">\n");
            foreach (var p in others)
                main.Append("<li><a href=\"").Append(Escape(p.Path)).Append("\">").Append(Escape(p.Source)).Append("</a> — ")
                    .Append(Escape(p.Record?.Describe() ?? "")).Append("</li>\n");
            main.Append("</ul>\n");
        }
        return shell.Wrap("index.html", PageShell.CourseName, main.ToString(), null, [], charts: false, markdown.HasMath);
    }

    private static void AppendCourseTable(StringBuilder main, IReadOnlyList<SitePage> course, PageShell shell)
    {
        main.Append("<table class=\"course\">\n<thead><tr><th>Notebook</th><th>Time</th><th>Worked notebook</th><th>Exercises</th></tr></thead>\n<tbody>\n");
        foreach (var entry in course)
        {
            var worked = entry.Kind == PageKind.Worked ? entry : null;
            var exercises = worked is null ? entry : shell.Twin(worked);
            main.Append("<tr><td class=\"notebook\">");
            if (entry.HasPage) main.Append("<a href=\"").Append(Escape(entry.Path)).Append("\">").Append(Escape(entry.Intro.Title)).Append("</a>");
            else main.Append("<strong>").Append(Escape(entry.Intro.Title)).Append("</strong>");
            if (entry.Intro.Summary.Length > 0) main.Append("<span class=\"summary\">").Append(Escape(entry.Intro.Summary)).Append("</span>");
            main.Append("</td><td class=\"time\">")
                .Append(entry.Intro.Minutes is int m ? m.ToString(CultureInfo.InvariantCulture) + " min" : "")
                .Append("</td><td class=\"status\">").Append(Status(worked, exercises: false))
                .Append("</td><td class=\"status\">").Append(Status(exercises, exercises: true)).Append("</td></tr>\n");
        }
        main.Append("</tbody>\n</table>\n");
    }

    /// <summary>The status cell: "✓ ran in 8.1 s" (worked), "0 of 4 done" (exercises), "✗ failed", or "not run yet".</summary>
    private static string Status(SitePage? page, bool exercises)
    {
        if (page is null) return "<span class=\"muted\">—</span>";
        if (page.Record is not { } record) return "<span class=\"muted\">not run yet</span>";
        var text = !record.Succeeded ? "✗ failed"
            : exercises && record.Exercises.Total > 0 ? record.Exercises.ToString()
            : string.Create(CultureInfo.InvariantCulture, $"✓ ran in {record.Seconds:0.0} s");
        var css = !record.Succeeded ? "bad" : exercises && record.Exercises.Done < record.Exercises.Total ? "todo" : "ok";
        var label = $"<span class=\"{css}\" title=\"{Escape(record.Describe())}\">{Escape(text)}</span>";
        return page.HasPage ? $"<a href=\"{Escape(page.Path)}\">{label}</a>" : label;
    }

    private static string Escape(string s) => NotebookPage.Escape(s);
}
