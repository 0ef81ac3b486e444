using System.Text.Json;
using System.Text.Json.Nodes;
using Mlsd.Notebooks.Authoring;
using Mlsd.Notebooks.Running;

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
    public void Devcontainer_uses_dotnet_10_the_notebook_extensions_and_builds_the_solution()
    {
        var text = File.ReadAllText(Path.Combine(Root, ".devcontainer", "devcontainer.json"));
        var json = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        var image = json["image"]!.GetValue<string>();
        Assert.Matches(@"dotnet.*:10\.0", image);
        var extensions = json["customizations"]!["vscode"]!["extensions"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();
        Assert.Contains("ms-dotnettools.csdevkit", extensions);
        Assert.Contains("ms-toolsai.jupyter", extensions);
        Assert.Contains("ms-dotnettools.dotnet-interactive-vscode", extensions);
        var post = json["postCreateCommand"]!.GetValue<string>();
        Assert.Contains("dotnet build Mlsd.slnx", post);
        Assert.Contains("npm ci", post);
    }

    internal static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');
}
