using Mlsd.Notebooks.Format;

namespace Mlsd.Notebooks.Site;

/// <summary>Which version of a notebook a page shows.</summary>
internal enum PageKind
{
    /// <summary>notebooks/solutions/NN-*.ipynb: the worked notebook, what the course reads.</summary>
    Worked,

    /// <summary>notebooks/NN-*.ipynb: the learner copy, with exercise stubs.</summary>
    Exercises,

    /// <summary>Any other notebook that was run.</summary>
    Other,
}

/// <summary>One notebook as the site knows it: its source, its last run (if any) and where its page goes.</summary>
internal sealed class SitePage
{
    /// <summary>The source notebook, relative to the repository root with '/' separators.</summary>
    public required string Source { get; init; }

    public required PageKind Kind { get; init; }

    /// <summary>The page, relative to the site folder ('/' separators).</summary>
    public required string Path { get; init; }

    public required NotebookIntro Intro { get; init; }

    /// <summary>The last run, or null when the notebook has not been run.</summary>
    public RunRecord? Record { get; init; }

    /// <summary>The executed copy, or null when there is no page to show (never run, or the run could not read it).</summary>
    public Notebook? Executed { get; init; }

    /// <summary>The executed copy's file (offered for download beside the page).</summary>
    public string? ExecutedPath { get; init; }

    /// <summary>The notebook's file name, e.g. 07-ad-click-prediction.ipynb.</summary>
    public string FileName => System.IO.Path.GetFileName(Source);

    /// <summary>True when there is a page to link to.</summary>
    public bool HasPage => Executed is not null;

    /// <summary>The downloadable copy beside the page.</summary>
    public string DownloadPath => System.IO.Path.ChangeExtension(Path, ".ipynb");

    /// <summary>Folders between the site root and the page.</summary>
    public int Depth => Path.Count(c => c == '/');

    /// <summary>The page's kind: "Worked notebook", "Exercises" or "Notebook".</summary>
    public string KindLabel => Kind switch { PageKind.Worked => "Worked notebook", PageKind.Exercises => "Exercises", _ => "Notebook" };

    /// <summary>The site path of a source notebook: worked → NN-x.html, learner → exercises/NN-x.html, else other/….html.</summary>
    public static (PageKind Kind, string Path) Place(string source)
    {
        var name = System.IO.Path.GetFileNameWithoutExtension(source);
        if (source == $"notebooks/solutions/{name}.ipynb") return (PageKind.Worked, name + ".html");
        if (source == $"notebooks/{name}.ipynb") return (PageKind.Exercises, $"exercises/{name}.html");
        var safe = string.Join('/', source[..^".ipynb".Length].Split('/').Select(part => part is ".." or "." or "" ? "_" : part));
        return (PageKind.Other, "other/" + safe + ".html");
    }

    /// <summary>The link from this page to <paramref name="sitePath"/> (both relative to the site root).</summary>
    public string LinkTo(string sitePath) => Relative(Path, sitePath);

    /// <summary>The relative link from the page at <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static string Relative(string from, string to)
    {
        var folder = from.Contains('/') ? from[..from.LastIndexOf('/')] : "";
        return System.IO.Path.GetRelativePath("/s/" + folder, "/s/" + to).Replace('\\', '/');
    }
}
