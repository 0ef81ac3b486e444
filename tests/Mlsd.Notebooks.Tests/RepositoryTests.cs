using System.Text.Json;
using System.Text.Json.Nodes;
using Mlsd.Notebooks.Authoring;
using Mlsd.Notebooks.Format;
using Mlsd.Notebooks.Running;
using YamlDotNet.RepresentationModel;

namespace Mlsd.Notebooks.Tests;

/// <summary>The repository's own notebooks: each runs headlessly, carries no outputs, and the learner copies are in sync.</summary>
public class RepositoryTests
{
    internal const string None = "(no notebooks yet)";
    private static readonly string Root = TestNotebooks.RepositoryRoot;

    // All notebooks run once, two at a time, the first time any case asks; each case then reads its own result.
    internal static readonly Lazy<Task<Dictionary<string, NotebookRunResult>>> Runs = new(async () =>
    {
        var paths = RepositoryLayout.AllNotebooks(Root);
        var runner = new NotebookRunner(new NotebookRunnerOptions { Parallelism = 2 });
        var results = await runner.RunAllAsync(paths);
        return results.ToDictionary(r => Relative(r.NotebookPath), StringComparer.Ordinal);
    });

    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (var path in RepositoryLayout.AllNotebooks(Root)) data.Add(Relative(path));
        if (data.Count == 0) data.Add(None); // a theory needs a row; this one checks there really is nothing to run
        return data;
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Notebook_runs_headlessly(string notebook)
    {
        if (notebook == None)
        {
            Assert.Empty(RepositoryLayout.AllNotebooks(Root));
            return;
        }
        var result = (await Runs.Value)[notebook];
        Assert.True(result.Succeeded, result.Describe());
        // No error and nothing on stderr, where compiler warnings appear (as under the real kernel; KernelParityTests).
        var problems = KernelParity.Problems(result.ExecutedNotebook!);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        var checks = result.Cells.SelectMany(c => ExerciseReport.Parse(c.StandardOutput)).ToList();
        var isSolution = notebook.StartsWith("notebooks/solutions/", StringComparison.Ordinal);
        foreach (var check in checks)
        {
            // Solutions pass every public check; learner stubs fail every check (cleanly: the run itself succeeded).
            Assert.True(check.Success == isSolution, $"{notebook}: {check}" + (isSolution ? " (solutions must pass every check)" : " (a learner stub must not pass)"));
        }
    }

    /// <summary>The template's rule (notebooks/README.md): a code cell reads on one screen, without sideways scrolling.</summary>
    [Fact]
    public void Solution_code_cells_are_at_most_25_lines_of_at_most_100_characters()
    {
        const int MaxLines = 25, MaxColumns = 100;
        var problems = new List<string>();
        var solutions = RepositoryLayout.AllNotebooks(Root).Where(p => Relative(p).StartsWith("notebooks/solutions/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(solutions);
        foreach (var path in solutions)
        {
            var nb = Notebook.Load(path);
            var codeCell = 0;
            foreach (var cell in nb.Cells.Where(c => c.Kind == CellKind.Code))
            {
                codeCell++;
                var lines = cell.Source.TrimEnd('\n').Split('\n');
                if (lines.Length > MaxLines) problems.Add($"{Relative(path)}: code cell {codeCell} has {lines.Length} lines (at most {MaxLines})");
                for (var i = 0; i < lines.Length; i++)
                {
                    var width = lines[i].TrimEnd('\r').Length;
                    if (width > MaxColumns) problems.Add($"{Relative(path)}: code cell {codeCell}, line {i + 1} has {width} characters (at most {MaxColumns})");
                }
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Committed_notebooks_carry_no_outputs_and_have_polyglot_metadata()
    {
        var problems = new List<string>();
        foreach (var path in RepositoryLayout.AllNotebooks(Root))
        {
            var nb = Notebook.Load(path);
            var rel = Relative(path);
            problems.AddRange(PolyglotMetadata.FindProblems(nb).Select(p => $"{rel}: {p}"));
            for (var i = 0; i < nb.Cells.Count; i++)
            {
                var cell = nb.Cells[i];
                if (cell.Outputs is { Count: > 0 }) problems.Add($"{rel}: cell {i + 1} has outputs (commit notebooks without outputs)");
                if (cell.ExecutionCount is not null) problems.Add($"{rel}: cell {i + 1} has an execution count");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_kernel_is_precompiled_and_the_library_left_to_the_jit()
    {
        // Directory.Build.targets: ReadyToRun for what `mlsd run` starts (the C# compiler, the engine, the CLI), only
        // on linux-x64; the library stays IL so its numeric loops are compiled for this CPU (precompiled, they ran 2–8× slower).
        if (System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier != "linux-x64") return;
        static bool ReadyToRun(string path)
        {
            using var pe = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(path));
            return pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0;
        }
        var cli = Path.Combine(Root, "artifacts", "bin", "Mlsd.Cli", "debug");
        foreach (var dll in new[] { "Microsoft.CodeAnalysis.dll", "Microsoft.CodeAnalysis.CSharp.dll", "Mlsd.Notebooks.dll", "mlsd.dll" })
            Assert.True(ReadyToRun(Path.Combine(cli, dll)), $"{dll} in {cli} is not precompiled (ReadyToRun)");
        Assert.False(ReadyToRun(Path.Combine(Root, "artifacts", "bin", "Mlsd", "debug", "Mlsd.dll")), "the library Mlsd.dll should stay IL");
    }

    [Fact]
    public void Learner_copies_are_in_sync_with_solutions()
    {
        var problems = LearnerCopies.FindOutOfSync(Root);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Devcontainer_registers_the_jupyter_kernel_builds_ahead_and_opens_readme_and_notebook_00()
    {
        var json = Jsonc(Path.Combine(Root, ".devcontainer", "devcontainer.json"));
        Assert.Matches(@"dotnet.*:10\.0", json["image"]!.GetValue<string>());
        var extensions = Strings(json["customizations"]!["vscode"]!["extensions"]);
        Assert.Contains("ms-toolsai.jupyter", extensions);
        Assert.Contains("ms-dotnettools.csdevkit", extensions);
        // Polyglot would compete with the Jupyter kernel for .NET notebooks (and rewrite their cell languages).
        Assert.DoesNotContain("ms-dotnettools.dotnet-interactive-vscode", extensions);
        // The heavy work in the commands prebuilds cache, in the order that works: the tool before its kernel,
        // the kernels folder before the installer copies into it (no Jupyter in the image), the build before notebooks.
        var onCreate = json["onCreateCommand"]!.GetValue<string>();
        AssertInOrder(onCreate, "dotnet tool restore", "mkdir -p ~/.local/share/jupyter/kernels",
            "dotnet tool run dotnet-interactive jupyter install", "dotnet build Mlsd.slnx", "npm ci");
        AssertInOrder(json["updateContentCommand"]!.GetValue<string>(), "dotnet tool restore", "dotnet build Mlsd.slnx", "npm ci");
        Assert.Null(json["postCreateCommand"]);   // nothing slow left for after the codespace opens
        Assert.Equal(["README.md", "notebooks/00-framework.ipynb"], Strings(json["customizations"]!["codespaces"]!["openFiles"]));
        foreach (var file in Strings(json["customizations"]!["codespaces"]!["openFiles"])) Assert.True(File.Exists(Path.Combine(Root, file)), file);
    }

    [Fact]
    public void Site_workflow_builds_runs_the_curriculum_and_deploys_artifacts_site_to_pages()
    {
        var text = File.ReadAllText(Path.Combine(Root, ".github", "workflows", "site.yml"));
        var yaml = new YamlStream();
        yaml.Load(new StringReader(text)); // throws on a syntax error
        var workflow = (YamlMappingNode)yaml.Documents.Single().RootNode;
        YamlNode At(YamlNode node, params string[] path) =>
            path.Aggregate(node, (n, key) => ((YamlMappingNode)n).Children[new YamlScalarNode(key)]);
        string Text(YamlNode node) => ((YamlScalarNode)node).Value ?? "";

        Assert.Equal(["main"], ((YamlSequenceNode)At(workflow, "on", "push", "branches")).Select(Text));
        Assert.Equal("write", Text(At(workflow, "permissions", "pages")));
        Assert.Equal("write", Text(At(workflow, "permissions", "id-token")));

        var build = ((YamlSequenceNode)At(workflow, "jobs", "build", "steps")).Cast<YamlMappingNode>().ToList();
        string? Uses(YamlMappingNode step) => step.Children.TryGetValue(new YamlScalarNode("uses"), out var u) ? Text(u) : null;
        string? Run(YamlMappingNode step) => step.Children.TryGetValue(new YamlScalarNode("run"), out var r) ? Text(r) : null;
        int Index(Func<YamlMappingNode, bool> match) => build.FindIndex(s => match(s));
        var checkout = Index(s => Uses(s)?.StartsWith("actions/checkout@", StringComparison.Ordinal) == true);
        var npm = Index(s => Run(s)?.StartsWith("npm ci", StringComparison.Ordinal) == true);
        var dotnetBuild = Index(s => Run(s) == "dotnet build");
        var run = Index(s => Run(s)?.StartsWith("dotnet run --project lib/Mlsd.Cli --no-build -- run", StringComparison.Ordinal) == true);
        var upload = Index(s => Uses(s)?.StartsWith("actions/upload-pages-artifact@", StringComparison.Ordinal) == true);
        Assert.True(checkout == 0 && npm > checkout && dotnetBuild > checkout && run > Math.Max(npm, dotnetBuild) && upload > run,
            $"steps out of order: checkout {checkout}, npm ci {npm}, build {dotnetBuild}, run {run}, upload {upload}");
        Assert.Equal("artifacts/site", Text(At(build[upload], "with", "path")));
        Assert.Equal("global.json", Text(At(build[Index(s => Uses(s)?.StartsWith("actions/setup-dotnet@", StringComparison.Ordinal) == true)], "with", "global-json-file")));

        var deploy = (YamlMappingNode)At(workflow, "jobs", "deploy");
        Assert.Equal("build", Text(At(deploy, "needs")));
        Assert.Equal("github-pages", Text(At(deploy, "environment", "name")));
        Assert.StartsWith("actions/deploy-pages@", Text(At(((YamlSequenceNode)At(deploy, "steps"))[0], "uses")), StringComparison.Ordinal);
    }

    [Fact]
    public void Readme_sends_readers_to_the_site_and_names_the_workflow_that_publishes_it()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        Assert.Contains("## Read the course", readme);
        Assert.Contains(".github/workflows/site.yml", readme);
        Assert.Contains("artifacts/site/index.html", readme);
        Assert.DoesNotContain("artifacts/index.html", readme);
    }

    [Fact]
    public void Local_vscode_is_recommended_the_same_extensions_and_the_tool_is_pinned()
    {
        var recommended = Strings(Jsonc(Path.Combine(Root, ".vscode", "extensions.json"))["recommendations"]);
        Assert.Equal(Strings(Jsonc(Path.Combine(Root, ".devcontainer", "devcontainer.json"))["customizations"]!["vscode"]!["extensions"]), recommended);
        var tool = Jsonc(Path.Combine(Root, ".config", "dotnet-tools.json"))["tools"]!["microsoft.dotnet-interactive"]!;
        Assert.Equal("1.0.712001", tool["version"]!.GetValue<string>());
        Assert.Equal(["dotnet-interactive"], Strings(tool["commands"]));
    }

    [Fact]
    public void Global_json_takes_dotnet_10_or_any_newer_released_sdk()
    {
        var sdk = Jsonc(Path.Combine(Root, "global.json"))["sdk"]!;
        Assert.StartsWith("10.0.", sdk["version"]!.GetValue<string>());
        Assert.Equal("latestMajor", sdk["rollForward"]!.GetValue<string>());
        Assert.False(sdk["allowPrerelease"]!.GetValue<bool>());
    }

    private static JsonNode Jsonc(string path) => JsonNode.Parse(File.ReadAllText(path),
        documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;

    private static List<string> Strings(JsonNode? array) => [.. array!.AsArray().Select(e => e!.GetValue<string>())];

    private static void AssertInOrder(string command, params string[] steps)
    {
        var at = -1;
        foreach (var step in steps)
        {
            var next = command.IndexOf(step, at + 1, StringComparison.Ordinal);
            Assert.True(next > at, $"'{step}' should come after the steps before it in: {command}");
            at = next;
        }
    }

    internal static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');
}
