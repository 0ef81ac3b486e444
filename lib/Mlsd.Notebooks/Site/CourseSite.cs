using System.Text;
using Mlsd.Notebooks.Format;

namespace Mlsd.Notebooks.Site;

/// <summary>
/// Builds the course site under <c>artifacts/site/</c> from what is on disk — every executed notebook with its run record
/// under <c>artifacts/notebooks/</c>, plus the notebooks in <c>notebooks/</c> that were never run — so a run of one notebook
/// keeps the others' pages. Builds are serialised by a lock file and replace the site folder whole, so two
/// <c>mlsd run</c>s at once both end up in it.
/// </summary>
/// <remarks>
/// The site: <c>index.html</c> (the landing page: what the course is, the seven steps, how to study, the notebooks with
/// title, summary, time and status), one page per worked notebook (<c>NN-name.html</c>) and per learner copy
/// (<c>exercises/NN-name.html</c>) with the executed notebook beside it for download, and <c>assets/</c> holding the
/// stylesheet, a small script and one shared copy of each front-end package a page uses.
/// </remarks>
public static class CourseSite
{
    /// <summary>The landing page's text (markdown), relative to the repository root; optional.</summary>
    public const string IntroFile = "notebooks/course.md";

    /// <summary>Builds the site for the repository at <paramref name="root"/> and returns what it wrote.</summary>
    /// <exception cref="IOException">The site could not be written (e.g. artifacts/ is a file), or another build held the lock too long.</exception>
    /// <exception cref="UnauthorizedAccessException">No permission to write under artifacts/.</exception>
    public static SiteBuildResult Build(string root, SiteOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        options ??= new SiteOptions();
        var assets = options.Assets ?? SiteAssets.Locate(root);
        var artifacts = RunArtifacts.Folder(root);
        if (File.Exists(artifacts)) throw new IOException($"{artifacts} is a file; the site needs a folder there.");
        Directory.CreateDirectory(artifacts);
        using var gate = SiteLock.Acquire(Path.Combine(artifacts, ".site.lock"), options.LockTimeout);

        var warnings = new List<string>();
        var pages = Collect(root, warnings);
        var shell = new PageShell(options, assets, pages);
        var staging = Path.Combine(artifacts, $".site-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(staging);
            var written = new List<string>();
            foreach (var page in pages.Where(p => p.HasPage))
            {
                try
                {
                    WriteNotebookPage(staging, page, pages, shell);
                    written.Add(page.Path);
                }
                catch (IOException e)
                {
                    warnings.Add($"{page.Source}: no page ({e.Message})");
                }
            }
            var landing = LandingPage.Render(root, pages, shell);
            File.WriteAllText(Path.Combine(staging, "index.html"), landing);
            WriteOwnAssets(staging);
            assets.CopyTo(staging, shell.Used);
            foreach (var file in shell.Remote.Select(f => f.Package).Distinct())
                warnings.Add($"{file} is not installed (run `npm ci`): pages load it from a CDN.");
            var site = RunArtifacts.SiteFolder(root);
            Replace(site, staging);
            return new SiteBuildResult(Path.Combine(site, "index.html"), written, warnings);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>Every notebook the site knows: the runs on disk, then the committed notebooks that have not run.</summary>
    private static List<SitePage> Collect(string root, List<string> warnings)
    {
        var pages = new List<SitePage>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (record, executedPath) in RunArtifacts.Load(root))
        {
            if (!File.Exists(Path.Combine(root, record.Notebook)) || !seen.Add(record.Notebook)) continue; // the source is gone: no page for it
            Notebook? executed = null;
            if (executedPath is not null)
            {
                try
                {
                    executed = Notebook.Load(executedPath);
                }
                catch (Exception e) when (e is NotebookFormatException or IOException or UnauthorizedAccessException)
                {
                    warnings.Add($"{record.Notebook}: the executed copy cannot be read ({e.Message})");
                }
            }
            var (kind, path) = SitePage.Place(record.Notebook);
            pages.Add(new SitePage
            {
                Source = record.Notebook, Kind = kind, Path = path, Record = record, Executed = executed, ExecutedPath = executedPath,
                Intro = executed is null ? ReadIntro(root, record.Notebook) : NotebookIntro.Read(executed, record.Notebook),
            });
        }
        foreach (var notebook in RepositoryLayout.AllNotebooks(root))
        {
            var source = Path.GetRelativePath(root, notebook).Replace('\\', '/');
            if (!seen.Add(source)) continue;
            var (kind, path) = SitePage.Place(source);
            pages.Add(new SitePage { Source = source, Kind = kind, Path = path, Intro = ReadIntro(root, source) });
        }
        return pages;
    }

    private static NotebookIntro ReadIntro(string root, string source)
    {
        try
        {
            return NotebookIntro.Read(Notebook.Load(Path.Combine(root, source)), source);
        }
        catch (Exception e) when (e is NotebookFormatException or IOException or UnauthorizedAccessException)
        {
            return new NotebookIntro(Path.GetFileNameWithoutExtension(source), "", null);
        }
    }

    private static void WriteNotebookPage(string staging, SitePage page, IReadOnlyList<SitePage> pages, PageShell shell)
    {
        var cells = NotebookPage.Render(page.Executed!, stoppedEarly: page.Record is { Succeeded: false }, url => ResolveLink(page.Source, page.Path, url, pages, shell));
        var main = new StringBuilder(cells.Body.Length + 4096);
        AppendPageHead(main, page, shell);
        main.Append(cells.Body);
        AppendPager(main, page, shell);
        var html = shell.Wrap(page.Path, page.Intro.Title, main.ToString(), page, cells.Toc, cells.HasCharts, cells.HasMath);
        var target = Path.Combine(staging, page.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.WriteAllText(target, html);
        File.Copy(page.ExecutedPath!, Path.Combine(staging, page.DownloadPath));
    }

    private static void AppendPageHead(StringBuilder main, SitePage page, PageShell shell)
    {
        main.Append("<div class=\"page-head\">\n<p class=\"crumbs\"><a href=\"").Append(page.LinkTo("index.html")).Append("\">Course</a> › ")
            .Append(page.KindLabel).Append("</p>\n<p class=\"actions\"><a class=\"button\" href=\"").Append(Escape(page.LinkTo(page.DownloadPath)))
            .Append("\" download>Download .ipynb</a>");
        if (shell.CodespacesUrl is { } codespaces) main.Append("<a class=\"button\" href=\"").Append(Escape(codespaces)).Append("\">Open in Codespaces</a>");
        if (shell.SourceUrl(page.Source) is { } source) main.Append("<a class=\"button\" href=\"").Append(Escape(source)).Append("\">Source on GitHub</a>");
        main.Append("</p>\n</div>\n");
        if (page.Record is { } record)
        {
            main.Append("<p class=\"run ").Append(record.Succeeded ? "ok" : "bad").Append("\">").Append(Escape(record.Describe()));
            if (record.Exercises.Total > 0) main.Append(" · exercises ").Append(record.Exercises);
            main.Append("</p>\n");
        }
        if (page.Kind == PageKind.Exercises)
            main.Append("<p class=\"hint\">This is the exercise version of the notebook: each exercise's answer is a stub, so its check cell says ✗ ")
                .Append("until you write it. Work on it in VS Code or Codespaces (<code>").Append(Escape(page.Source))
                .Append("</code>); <code>mlsd check</code> reports your progress.</p>\n");
    }

    private static void AppendPager(StringBuilder main, SitePage page, PageShell shell)
    {
        var sequence = page.Kind == PageKind.Other ? [] : shell.CourseEntries(page.Kind).Where(p => p.Kind == page.Kind && p.HasPage).ToList();
        var at = sequence.FindIndex(p => p.Path == page.Path);
        if (at < 0) return;
        main.Append("<nav class=\"pager\" aria-label=\"Previous and next notebook\">\n");
        if (at > 0) Link("prev", "Previous", sequence[at - 1]);
        if (at < sequence.Count - 1) Link("next", "Next", sequence[at + 1]);
        main.Append("</nav>\n");

        void Link(string rel, string label, SitePage target) =>
            main.Append("<a class=\"").Append(rel).Append("\" rel=\"").Append(rel).Append("\" href=\"").Append(Escape(page.LinkTo(target.Path))).Append("\"><span>")
                .Append(label).Append("</span>").Append(Escape(target.Intro.Title)).Append("</a>\n");
    }

    /// <summary>A relative link in the markdown of <paramref name="source"/> (shown at <paramref name="sitePath"/>), re-pointed for the
    /// site: another notebook → its page, another file of the repository → GitHub (when the repository is known); null keeps
    /// the link as it is.</summary>
    internal static string? ResolveLink(string source, string sitePath, string url, IReadOnlyList<SitePage> pages, PageShell shell)
    {
        if (url.Length == 0 || url.StartsWith('#') || url.StartsWith('/') || Uri.TryCreate(url, UriKind.Absolute, out _)) return null;
        var hash = url.IndexOf('#');
        var (path, fragment) = hash >= 0 ? (url[..hash], url[hash..]) : (url, "");
        var folder = source.Contains('/') ? source[..source.LastIndexOf('/')] : "";
        var target = Path.GetRelativePath("/r", Path.GetFullPath(Path.Combine("/r", folder, Uri.UnescapeDataString(path)))).Replace('\\', '/');
        if (target.StartsWith("..", StringComparison.Ordinal)) return null;
        if (pages.FirstOrDefault(p => p.Source == target && p.HasPage) is { } other) return SitePage.Relative(sitePath, other.Path) + fragment;
        return shell.SourceUrl(target) is { } github ? github + fragment : null;
    }

    private static void WriteOwnAssets(string staging)
    {
        var folder = Path.Combine(staging, "assets");
        Directory.CreateDirectory(folder);
        foreach (var name in new[] { "site.css", "site.js" })
        {
            using var resource = typeof(CourseSite).Assembly.GetManifestResourceStream($"Mlsd.Notebooks.Site.{name}")
                ?? throw new InvalidOperationException($"The embedded resource {name} is missing from {typeof(CourseSite).Assembly.GetName().Name}.");
            using var file = File.Create(Path.Combine(folder, name));
            resource.CopyTo(file);
        }
    }

    /// <summary>Puts <paramref name="staging"/> in the place of <paramref name="site"/> (under the lock, so no other build interferes).</summary>
    private static void Replace(string site, string staging)
    {
        if (File.Exists(site)) throw new IOException($"{site} is a file; the site needs a folder there.");
        string? old = null;
        if (Directory.Exists(site))
        {
            old = site + $".old-{Guid.NewGuid():N}";
            Directory.Move(site, old);
        }
        Directory.Move(staging, site);
        if (old is not null) Directory.Delete(old, recursive: true);
    }

    private static string Escape(string s) => NotebookPage.Escape(s);
}

/// <summary>An exclusive lock on a file, held while the site is built (other processes and other builds in this process wait).</summary>
internal sealed class SiteLock : IDisposable
{
    private readonly FileStream _stream;

    private SiteLock(FileStream stream) => _stream = stream;

    /// <summary>Waits up to <paramref name="timeout"/> for the lock on <paramref name="path"/>.</summary>
    /// <exception cref="IOException">Another build held the lock for longer than <paramref name="timeout"/>.</exception>
    public static SiteLock Acquire(string path, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                // FileShare.None takes an exclusive advisory lock (flock on Unix) that other processes see too.
                return new SiteLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException e) when (File.Exists(path))
            {
                if (DateTime.UtcNow >= deadline)
                    throw new IOException($"Another build of the site has held {path} for more than {timeout.TotalSeconds:0} s.", e);
                Thread.Sleep(50);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
