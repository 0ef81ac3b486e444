using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Mlsd.Notebooks.Authoring;
using Mlsd.Notebooks.Execution;
using Mlsd.Notebooks.Format;
using Mlsd.Notebooks.Running;
using Mlsd.Notebooks.Site;

namespace Mlsd.Notebooks.Tests;

/// <summary>Fabricated runs: what a run of a notebook left, without starting a kernel.</summary>
internal static class FakeRuns
{
    /// <summary>A run of <paramref name="path"/> in which code cell k (0-based) printed <paramref name="stdout"/>[k] (when
    /// given) and the cells listed in <paramref name="failAt"/> failed (later cells not run).</summary>
    public static NotebookRunResult Run(string path, string[]? stdout = null, int? failAt = null, IReadOnlyDictionary<int, JsonObject>? rich = null)
    {
        var executed = Notebook.Load(path);
        var cells = new List<CellExecutionResult>();
        var code = 0;
        for (var i = 0; i < executed.Cells.Count; i++)
        {
            var cell = executed.Cells[i];
            if (cell.Kind != CellKind.Code) continue;
            var k = code++;
            if (failAt is int f && k > f)
            {
                cells.Add(new CellExecutionResult(i, k, CellStatus.NotRun, [], null, TimeSpan.Zero, null));
                continue;
            }
            var outputs = new List<JsonObject>();
            if (stdout is not null && k < stdout.Length && stdout[k].Length > 0) outputs.Add(NotebookOutputs.Stream("stdout", stdout[k]));
            if (rich is not null && rich.TryGetValue(k, out var r)) outputs.Add((JsonObject)r.DeepClone());
            CellError? error = null;
            if (failAt == k)
            {
                error = new CellError("System.InvalidOperationException", "boom", 2, ["System.InvalidOperationException: boom", "   at code cell 1:line 2"]);
                outputs.Add(NotebookOutputs.Error(error.Name, error.Message, error.Traceback));
            }
            cell.SetOutputs(outputs.Select(o => (JsonObject)o.DeepClone()));
            cell.ExecutionCount = k + 1;
            cells.Add(new CellExecutionResult(i, k, error is null ? CellStatus.Succeeded : CellStatus.Failed, outputs, error, TimeSpan.FromMilliseconds(100), k + 1));
        }
        return new NotebookRunResult(path, cells, TimeSpan.FromSeconds(1.2), null, executed);
    }
}

public sealed class SiteTests : IDisposable
{
    private readonly TempDir _repo = new();

    public SiteTests() => File.WriteAllText(_repo.Combine("Mlsd.slnx"), "<Solution />");

    public void Dispose() => _repo.Dispose();

    private const string Intro = "md:# {0} · {1}\n\n**What you build:** a {1} system — with many parts. More text.\n\n**Time:** about {2} minutes.\n\n## 1 · Clarify requirements\n\nText.\n\n### Scale\n\nMore.";

    private string Solution(string name, string title, int minutes, params string[] cells) =>
        TestNotebooks.Write(_repo.Combine("notebooks", "solutions", name + ".ipynb"), [string.Format(Intro, name[..2], title, minutes), .. cells]);

    private string Learner(string name, string title, int minutes, params string[] cells) =>
        TestNotebooks.Write(_repo.Combine("notebooks", name + ".ipynb"), [string.Format(Intro, name[..2], title, minutes), .. cells]);

    /// <summary>Saves a clean run of each notebook, as `mlsd run` would.</summary>
    private void Ran(params string[] paths)
    {
        foreach (var path in paths) RunArtifacts.Save(_repo.Path, FakeRuns.Run(path));
    }

    private SiteBuildResult Build(SiteAssets? assets = null) =>
        CourseSite.Build(_repo.Path, new SiteOptions { Repository = "octo/mlsd", Assets = assets ?? SiteAssets.Locate(_repo.Path) });

    private string Page(string relative) => File.ReadAllText(_repo.Combine(["artifacts", "site", .. relative.Split('/')]));

    [Fact]
    public void Landing_page_lists_every_notebook_with_title_summary_time_and_status()
    {
        var a = Solution("00-framework", "Framework", 40, "Console.WriteLine(\"✓ [00.qps] 2 of 2 public checks passed\");");
        var b = Solution("05-video", "Video", 60, "1");
        var learnerA = Learner("00-framework", "Framework", 40, "Console.WriteLine(\"✗ [00.qps] 0 of 2 public checks passed\");");
        Solution("07-ads", "Ads", 55, "1"); // never run
        RunArtifacts.Save(_repo.Path, FakeRuns.Run(a, ["✓ [00.qps] 2 of 2 public checks passed\n"]));
        RunArtifacts.Save(_repo.Path, FakeRuns.Run(b, failAt: 0));
        RunArtifacts.Save(_repo.Path, FakeRuns.Run(learnerA, ["✗ [00.qps] 0 of 2 public checks passed\n"]));
        File.WriteAllText(_repo.Combine("notebooks", "course.md"), "What the course is.\n\n## The seven steps\n\n1. Clarify requirements");

        var result = Build();

        Assert.Equal(["00-framework.html", "05-video.html", "exercises/00-framework.html"], result.Pages.Order(StringComparer.Ordinal));
        var index = Page("index.html");
        Assert.Contains("<p>What the course is.</p>", index);
        Assert.Contains("<h2 id=\"the-seven-steps\">The seven steps</h2>", index);
        var rows = Regex.Matches(index, "<tr><td class=\"notebook\">.*?</tr>", RegexOptions.Singleline).Select(m => m.Value).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Contains("<a href=\"00-framework.html\">00 · Framework</a><span class=\"summary\">A Framework system</span>", rows[0]);
        Assert.Contains("<td class=\"time\">40 min</td>", rows[0]);
        Assert.Contains("✓ ran in 1.2 s", rows[0]);
        Assert.Contains("<a href=\"exercises/00-framework.html\"><span class=\"todo\"", rows[0]);
        Assert.Contains(">0 of 1 done</span>", rows[0]);
        Assert.Contains("✗ failed", rows[1]);
        Assert.Contains("<strong>07 · Ads</strong>", rows[2]);
        Assert.Contains("not run yet", rows[2]);
        Assert.DoesNotContain("passed", index);
    }

    [Fact]
    public void Notebook_page_numbers_code_cells_and_has_toc_prev_next_download_and_codespaces()
    {
        var first = Solution("00-framework", "Framework", 40, "var x = 1;", "md:## 2 · Frame the problem\n\ntext", "x + 1");
        var second = Solution("05-video", "Video", 60, "2");
        RunArtifacts.Save(_repo.Path, FakeRuns.Run(first, ["", "2\n"]));
        Ran(second);
        Build();

        var page = Page("00-framework.html");
        Assert.Contains("<title>00 · Framework · ML System Design, in runnable C#</title>", page);
        // Code cells are numbered 1, 2 … skipping markdown, as run summaries and `mlsd check` number them.
        Assert.Contains("<div class=\"cell code\" id=\"cell-1\">", page);
        Assert.Contains("<a class=\"cell-number\" href=\"#cell-2\" title=\"Code cell 2\">[2]</a>", page);
        Assert.Contains("<pre class=\"source\"><code class=\"language-csharp\">x + 1</code></pre>", page);
        Assert.DoesNotContain("id=\"cell-3\"", page);
        Assert.Contains("<nav class=\"toc\" aria-label=\"On this page\">", page);
        Assert.Contains("<li class=\"level-2\"><a href=\"#clarify-requirements\">1 · Clarify requirements</a></li>", page);
        Assert.Contains("<li class=\"level-3\"><a href=\"#scale\">Scale</a></li>", page);
        Assert.Contains("<li class=\"level-2\"><a href=\"#frame-the-problem\">2 · Frame the problem</a></li>", page);
        Assert.Contains("<a class=\"next\" rel=\"next\" href=\"05-video.html\"><span>Next</span>05 · Video</a>", page);
        Assert.DoesNotContain("rel=\"prev\"", page);
        Assert.Contains("<a class=\"prev\" rel=\"prev\" href=\"00-framework.html\"><span>Previous</span>00 · Framework</a>", Page("05-video.html"));
        Assert.Contains("<a class=\"button\" href=\"00-framework.ipynb\" download>Download .ipynb</a>", page);
        Assert.Equal(Notebook.Load(_repo.Combine("artifacts", "notebooks", "solutions", "00-framework.ipynb")).ToJson(),
            Notebook.Load(_repo.Combine("artifacts", "site", "00-framework.ipynb")).ToJson());
        Assert.Contains("href=\"https://codespaces.new/octo/mlsd?quickstart=1\">Open in Codespaces</a>", page);
        Assert.Contains("href=\"https://github.com/octo/mlsd/blob/main/notebooks/solutions/00-framework.ipynb\">Source on GitHub</a>", page);
        Assert.Contains("<p class=\"run ok\">✓ ran 2 of 2 code cells in 1.2 s</p>", page);
    }

    [Fact]
    public void A_failed_run_marks_the_failing_cell_and_the_cells_that_did_not_run()
    {
        var path = Solution("01-fail", "Fail", 10, "var a = 1;", "throw new InvalidOperationException(\"boom\");", "a");
        RunArtifacts.Save(_repo.Path, FakeRuns.Run(path, failAt: 1));
        Build();
        var page = Page("01-fail.html");
        Assert.Contains("<div class=\"cell code failed\" id=\"cell-2\">", page);
        Assert.Contains("<pre class=\"output error\"><strong>System.InvalidOperationException: boom</strong>\n   at code cell 1:line 2</pre>", page);
        Assert.Contains("<div class=\"cell code not-run\" id=\"cell-3\">", page);
        Assert.Contains("<p class=\"run bad\">✗ failed: code cell 2, line 2: System.InvalidOperationException: boom</p>", page);
    }

    [Fact]
    public void Learner_pages_show_exercise_status_and_link_their_worked_twin()
    {
        var solution = Solution("07-ads", "Ads", 60, "1");
        var learner = Learner("07-ads", "Ads", 60, "1", "2");
        RunArtifacts.Save(_repo.Path, FakeRuns.Run(solution, ["✓ [07.nce] 3 of 3 public checks passed\n"]));
        RunArtifacts.Save(_repo.Path, FakeRuns.Run(learner, ["✗ [07.nce] 0 of 3 public checks passed\n  Hint: divide.\n", "✗ [07.auc] 0 of 2 public checks passed\n"]));
        Build();
        var page = Page("exercises/07-ads.html");
        Assert.Contains("✓ ran 2 of 2 code cells in 1.2 s · exercises 0 of 2 done", page);
        Assert.Contains("<pre class=\"output stdout exercise todo\">✗ [07.nce] 0 of 3 public checks passed\n  Hint: divide.\n</pre>", page);
        Assert.Contains("<a class=\"variant\" href=\"../07-ads.html\">Worked notebook</a><span class=\"variant active\">Exercises</span>", page);
        Assert.Contains("This is the exercise version", page);
        Assert.DoesNotContain("passed", page.Replace("public checks passed", "", StringComparison.Ordinal));
        Assert.Contains("<link rel=\"stylesheet\" href=\"../assets/site.css\">", page);
        Assert.Contains("<pre class=\"output stdout exercise done\">", Page("07-ads.html"));
    }

    [Fact]
    public void Pages_share_one_plotly_file_and_only_pages_with_math_load_katex()
    {
        InstallFakeNodeModules();
        var chart = NotebookOutputs.DisplayData([new("text/html", "<div id=\"c\"></div><script>Plotly.newPlot('c', [], {});</script>"), new("text/plain", "chart")]);
        var charts = Solution("01-charts", "Charts", 5, "chart");
        var math = Solution("02-math", "Math", 5, "md:Loss $\\ell = -\\log p$ and $$\\sum_i x_i$$", "1");
        RunArtifacts.Save(_repo.Path, FakeRuns.Run(charts, rich: new Dictionary<int, JsonObject> { [0] = chart }));
        Ran(math);
        Build();

        var chartPage = Page("01-charts.html");
        Assert.Contains("<script src=\"assets/plotly/plotly.min.js\" charset=\"utf-8\"></script>\n</head>", chartPage);
        Assert.DoesNotContain("FAKE-PLOTLY", chartPage); // referenced, never inlined
        Assert.DoesNotContain("katex", chartPage);
        Assert.Equal("/*FAKE-PLOTLY*/", File.ReadAllText(_repo.Combine("artifacts", "site", "assets", "plotly", "plotly.min.js")));
        var mathPage = Page("02-math.html");
        Assert.DoesNotContain("plotly", mathPage);
        Assert.Contains("<link rel=\"stylesheet\" href=\"assets/katex/katex.min.css\">", mathPage);
        Assert.Contains("<script src=\"assets/katex/katex.min.js\" charset=\"utf-8\"></script>", mathPage);
        Assert.Contains("<span class=\"math\">", mathPage);
        Assert.True(File.Exists(_repo.Combine("artifacts", "site", "assets", "katex", "fonts", "KaTeX_Main-Regular.woff2")));
        Assert.Contains("plotly.js 4.1.2 (MIT)", chartPage);
        Assert.DoesNotContain("class=\"note\"", chartPage);
    }

    [Fact]
    public void Without_node_modules_pages_load_the_pinned_cdn_copies_and_say_so()
    {
        File.WriteAllText(_repo.Combine("package-lock.json"),
            """{ "packages": { "node_modules/@highlightjs/cdn-assets": { "version": "11.12.0" }, "node_modules/plotly.js-dist-min": { "version": "4.1.2" } } }""");
        var chart = NotebookOutputs.DisplayData([new("text/html", "<script>Plotly.newPlot('c', [], {});</script>")]);
        var path = Solution("01-charts", "Charts", 5, "chart");
        RunArtifacts.Save(_repo.Path, FakeRuns.Run(path, rich: new Dictionary<int, JsonObject> { [0] = chart }));
        var result = Build();
        var page = Page("01-charts.html");
        Assert.Contains("<script src=\"https://cdn.jsdelivr.net/npm/plotly.js-dist-min@4.1.2/plotly.min.js\" charset=\"utf-8\"></script>", page);
        Assert.Contains("<script src=\"https://cdn.jsdelivr.net/npm/@highlightjs/cdn-assets@11.12.0/highlight.min.js\"", page);
        Assert.Contains("<p class=\"note\">Not installed where this site was built: plotly.js-dist-min (charts), @highlightjs/cdn-assets (code highlighting).", page);
        Assert.Contains(result.Warnings, w => w.StartsWith("plotly.js-dist-min is not installed (run `npm ci`)", StringComparison.Ordinal));
        Assert.False(Directory.Exists(_repo.Combine("artifacts", "site", "assets", "plotly")));
    }

    [Fact]
    public void A_run_of_one_notebook_keeps_the_pages_of_the_others_and_a_deleted_notebook_loses_its_page()
    {
        var a = Solution("01-a", "A", 5, "1");
        var b = Solution("02-b", "B", 5, "2");
        Ran(a);
        Build();
        Ran(b);
        var result = Build();
        Assert.Equal(["01-a.html", "02-b.html"], result.Pages.Order(StringComparer.Ordinal));

        File.Delete(b);
        Assert.Equal(["01-a.html"], Build().Pages);
        Assert.False(File.Exists(_repo.Combine("artifacts", "site", "02-b.html")));
    }

    [Fact]
    public void Builds_at_the_same_time_each_leave_a_complete_site()
    {
        var paths = Enumerable.Range(1, 4).Select(i => Solution($"0{i}-n", $"N{i}", 5, "1")).ToList();
        Ran([.. paths]);
        Parallel.For(0, 4, _ => Build());
        var index = Page("index.html");
        for (var i = 1; i <= 4; i++) Assert.Contains($"<a href=\"0{i}-n.html\">0{i} · N{i}</a>", index);
        Assert.Empty(Directory.GetDirectories(_repo.Combine("artifacts"), ".site-*"));
    }

    [Fact]
    public void Relative_links_go_to_notebook_pages_or_to_github()
    {
        var a = Solution("01-a", "A", 5, "md:See [B](02-b.ipynb#scale), the [data](../../data/README.md) and [the web](https://example.org).", "1");
        var b = Solution("02-b", "B", 5, "2");
        Ran(a, b);
        Build();
        var page = Page("01-a.html");
        Assert.Contains("<a href=\"02-b.html#scale\">B</a>", page);
        Assert.Contains("<a href=\"https://github.com/octo/mlsd/blob/main/data/README.md\">data</a>", page);
        Assert.Contains("<a href=\"https://example.org\">the web</a>", page);
    }

    [Fact]
    public void Run_record_keeps_what_the_site_shows()
    {
        var path = Solution("01-a", "A", 5, "1", "2");
        var saved = RunArtifacts.Save(_repo.Path, FakeRuns.Run(path, ["✓ [01.x] 1 of 1 public checks passed\n"], failAt: 1));
        Assert.Equal(new RunRecord("notebooks/solutions/01-a.ipynb", 1.2, 2, 2, false,
            "code cell 2, line 2: System.InvalidOperationException: boom", new ExerciseTally(1, 1)), saved);
        var json = JsonNode.Parse(File.ReadAllText(_repo.Combine("artifacts", "notebooks", "solutions", "01-a.run.json")))!;
        Assert.Equal("notebooks/solutions/01-a.ipynb", json["notebook"]!.GetValue<string>());
        Assert.False(json["succeeded"]!.GetValue<bool>());
    }

    [Fact]
    public void Notebook_intro_takes_the_title_the_first_clause_of_what_you_build_and_the_time()
    {
        var nb = Notebook.CreatePolyglot();
        nb.AddMarkdownCell("# 05 · Video recommendation\n\n**What you build:** a homepage recommender for a `video` platform, end to end —\na popularity baseline.\n\n**Time:** about 60 minutes.");
        Assert.Equal(new NotebookIntro("05 · Video recommendation", "A homepage recommender for a video platform, end to end", 60), NotebookIntro.Read(nb, "05-x.ipynb"));
        var bare = Notebook.CreatePolyglot();
        bare.AddCodeCell("1");
        Assert.Equal(new NotebookIntro("05-x", "", null), NotebookIntro.Read(bare, "notebooks/05-x.ipynb"));
    }

    [Fact]
    public void Every_committed_notebook_gives_the_landing_page_a_title_a_summary_and_a_time()
    {
        foreach (var path in RepositoryLayout.AllNotebooks(TestNotebooks.RepositoryRoot))
        {
            var intro = NotebookIntro.Read(Notebook.Load(path), path);
            Assert.Matches(@"^\d\d · \S", intro.Title);
            Assert.InRange(intro.Summary.Length, 20, NotebookIntro.MaxSummaryLength + 1);
            Assert.NotNull(intro.Minutes);
        }
    }

    [Fact]
    public void Repository_pins_exact_versions_of_the_front_end_packages_in_package_json_and_lock()
    {
        var root = TestNotebooks.RepositoryRoot;
        var assets = SiteAssets.Locate(root);
        var pinned = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "package.json")))!["dependencies"]!.AsObject();
        foreach (var package in new[] { SiteAssets.Plotly.Package, SiteAssets.Highlight.Package, SiteAssets.Katex.Package })
        {
            var version = pinned[package]!.GetValue<string>();
            Assert.Matches(@"^\d+\.\d+\.\d+$", version);
            Assert.Equal(version, assets.Version(package));
        }
    }

    /// <summary>node_modules with stand-ins for the three packages, and the lock file pinning them.</summary>
    private void InstallFakeNodeModules()
    {
        void Put(string relative, string text)
        {
            var path = _repo.Combine(["node_modules", .. relative.Split('/')]);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }
        Put("plotly.js-dist-min/plotly.min.js", "/*FAKE-PLOTLY*/");
        Put("@highlightjs/cdn-assets/highlight.min.js", "/*FAKE-HLJS*/");
        Put("@highlightjs/cdn-assets/styles/github.min.css", "/*FAKE-THEME*/");
        Put("katex/dist/katex.min.js", "/*FAKE-KATEX*/");
        Put("katex/dist/katex.min.css", "/*FAKE-KATEX-CSS*/");
        Put("katex/dist/fonts/KaTeX_Main-Regular.woff2", "font");
        Put("katex/dist/fonts/KaTeX_Main-Regular.ttf", "font");
        File.WriteAllText(_repo.Combine("package-lock.json"),
            """{ "packages": { "node_modules/plotly.js-dist-min": { "version": "4.1.2" }, "node_modules/katex": { "version": "0.19.1" }, "node_modules/@highlightjs/cdn-assets": { "version": "11.12.0" } } }""");
    }
}
