using System.Text;
using System.Text.Json.Nodes;
using Mlsd.Notebooks.Format;

namespace Mlsd.Notebooks.Tests;

public class NotebookFormatTests
{
    [Theory]
    // Written by node with VS Code's serializer recipe (sorted keys, JSON.stringify indent ' ', trailing newline).
    [InlineData("vscode-polyglot.ipynb")]
    // Written by Python's json.dumps(sort_keys=True, indent=1, ensure_ascii=False) + "\n", as nbformat does.
    [InlineData("jupyter-python.ipynb")]
    public void Unchanged_notebook_round_trips_byte_for_byte(string fixture)
    {
        var path = TestNotebooks.FixturePath(fixture);
        var original = File.ReadAllBytes(path);
        var nb = Notebook.Load(path);
        Assert.Equal(original, nb.ToBytes());
    }

    [Fact]
    public void Fixture_reads_as_polyglot_notebook_with_cells_and_outputs()
    {
        var nb = Notebook.Load(TestNotebooks.FixturePath("vscode-polyglot.ipynb"));
        Assert.Equal([CellKind.Markdown, CellKind.Code, CellKind.Code, CellKind.Code, CellKind.Raw], nb.Cells.Select(c => c.Kind));
        // Polyglot saves its own cell language, which VS Code's Jupyter kernel neither highlights nor runs: flagged, cell by cell.
        Assert.Equal(
            [2, 3, 4],
            PolyglotMetadata.FindProblems(nb).Select(p =>
            {
                Assert.Contains("metadata.vscode.languageId is \"polyglot-notebook\"", p);
                return int.Parse(p.Split(' ', ':')[1], System.Globalization.CultureInfo.InvariantCulture);
            }));
        Assert.Equal("csharp", nb.Cells[1].KernelName);
        Assert.Equal("#!csharp\nvar s = \"tab\\there \\\"quoted\\\" back\\\\slash\";\nConsole.WriteLine(s);\ns.Length", nb.Cells[1].Source);
        Assert.Equal(2, nb.Cells[1].Outputs!.Count);
        Assert.Equal(1, nb.Cells[1].ExecutionCount);
        Assert.Null(nb.Cells[3].ExecutionCount);
    }

    [Fact]
    public void New_code_cells_take_their_language_from_language_info_and_an_explicit_csharp_is_accepted()
    {
        var nb = Notebook.CreatePolyglot();
        var cell = nb.AddCodeCell("1 + 1");
        Assert.Null(cell.Metadata["vscode"]);
        Assert.Equal("C#", nb.Metadata["language_info"]!["name"]!.GetValue<string>());
        Assert.Empty(PolyglotMetadata.FindProblems(nb));
        cell.Metadata["vscode"] = new JsonObject { ["languageId"] = "csharp" };   // VS Code's record of a cell set to C# by hand
        Assert.Empty(PolyglotMetadata.FindProblems(nb));
    }

    [Fact]
    public void New_strings_use_the_escapes_of_python_json_dumps()
    {
        // Expected text from Python: json.dumps("\x00\x01\x08\t\n\x0b\x0c\r\x1f \"\\/ é€\U0001F3AF\u2028\x7f", ensure_ascii=False)
        const string python = "\"\\u0000\\u0001\\b\\t\\n\\u000b\\f\\r\\u001f \\\"\\\\/ é€🎯\u2028\u007f\"";
        var sb = new StringBuilder();
        JupyterJsonWriter.AppendString(sb, "\0\u0001\b\t\n\u000b\f\r\u001f \"\\/ é€🎯\u2028\u007f");
        Assert.Equal(python, sb.ToString());
    }

    [Fact]
    public void Edited_notebook_writes_jupyter_layout()
    {
        var nb = Notebook.CreatePolyglot();
        nb.AddCodeCell("var x = 1;\nx");
        nb.Cells[0].SetOutputs([NotebookOutputs.Stream("stdout", "a\nb")]);
        nb.Cells[0].ExecutionCount = 7;
        // Layout worked out by hand from json.dumps(indent=1, sort_keys=True): one space per level, ": " separators, [] and {} when empty.
        const string expectedStart = "{\n \"cells\": [\n  {\n   \"cell_type\": \"code\",\n   \"execution_count\": 7,\n   \"id\": \"cell-1\",\n   \"metadata\": {\n    \"polyglot_notebook\": {\n     \"kernelName\": \"csharp\"\n    }\n   },\n   \"outputs\": [\n    {\n     \"name\": \"stdout\",\n     \"output_type\": \"stream\",\n     \"text\": [\n      \"a\\n\",\n      \"b\"\n     ]\n    }\n   ],\n   \"source\": [\n    \"var x = 1;\\n\",\n    \"x\"\n   ]\n  }\n ],";
        var text = nb.ToJson();
        Assert.StartsWith(expectedStart, text);
        Assert.Contains("\"aliases\": [],", text);
        Assert.EndsWith("\"nbformat\": 4,\n \"nbformat_minor\": 5\n}\n", text);
    }

    [Fact]
    public void Raw_number_text_and_unknown_fields_survive_an_edit()
    {
        var nb = Notebook.Load(TestNotebooks.FixturePath("jupyter-python.ipynb"));
        nb.Cells[1].Source = "2.0 / 4";
        var text = nb.ToJson();
        Assert.Contains("\"threshold\": 1e-05", text);
        Assert.Contains("\"ratio\": 0.30000000000000004", text);
        Assert.Contains("\"big\": 12345678901234567890", text);
        Assert.Contains("\"scrolled\": true", text);
        // The source was a single string in the file and stays one.
        Assert.Contains("\"source\": \"2.0 / 4\"", text);
    }

    [Fact]
    public void Malformed_json_names_file_line_and_position()
    {
        using var dir = new TempDir();
        var path = dir.Combine("broken.ipynb");
        File.WriteAllText(path, "{\n \"cells\": [],\n \"metadata\": {}\n \"nbformat\": 4\n}\n");
        var e = Assert.Throws<NotebookFormatException>(() => Notebook.Load(path));
        Assert.Equal(path, e.File);
        Assert.Equal(4, e.Line); // the missing comma is noticed at the start of line 4
        Assert.StartsWith($"{path}(4,", e.Message);
        Assert.Contains("malformed JSON", e.Message);
    }

    [Theory]
    [InlineData("{\"cells\": [], \"metadata\": {}, \"nbformat\": 3, \"nbformat_minor\": 0}", "nbformat 3 is not supported")]
    [InlineData("{\"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}", "missing the required field \"cells\"")]
    [InlineData("{\"cells\": [{\"cell_type\": \"code\", \"metadata\": {}, \"outputs\": [], \"execution_count\": null}], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}", "cell 1 is missing the required field \"source\"")]
    [InlineData("{\"cells\": [{\"cell_type\": \"code\", \"metadata\": {}, \"source\": \"x\", \"execution_count\": null}], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}", "cell 1 is missing the required field \"outputs\"")]
    [InlineData("{\"cells\": [{\"cell_type\": \"sql\", \"metadata\": {}, \"source\": \"x\"}], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}", "unknown cell_type \"sql\"")]
    [InlineData("[1, 2]", "top level must be a JSON object")]
    [InlineData("{\"cells\": [], \"cells\": [], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}", "Duplicate property 'cells'")]
    [InlineData("{\"cells\": [{\"cell_type\": \"code\", \"source\": \"a\", \"source\": \"b\", \"metadata\": {}, \"outputs\": [], \"execution_count\": null}], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}", "Duplicate property 'source'")]
    public void Invalid_notebook_is_reported_clearly(string json, string expected)
    {
        var e = Assert.Throws<NotebookFormatException>(() => Notebook.Parse(json, "x.ipynb"));
        Assert.Contains(expected, e.Message);
        Assert.StartsWith("x.ipynb", e.Message);
    }

    [Fact]
    public void Save_is_atomic_and_leaves_no_temporary_files()
    {
        using var dir = new TempDir();
        var path = dir.Combine("sub", "n.ipynb");
        var nb = Notebook.CreatePolyglot();
        nb.AddMarkdownCell("# Hi");
        nb.Save(path);
        nb.Save(path); // overwrite goes through the same temp + rename
        Assert.Equal(["n.ipynb"], Directory.GetFiles(dir.Combine("sub")).Select(Path.GetFileName));
        Assert.Equal(nb.ToBytes(), File.ReadAllBytes(path));
    }

    [Fact]
    public void Output_list_merges_consecutive_chunks_of_one_stream_only()
    {
        var list = new Execution.OutputList();
        list.Add(NotebookOutputs.Stream("stdout", "a"));
        list.Add(NotebookOutputs.Stream("stdout", "b\n"));
        list.Add(NotebookOutputs.Stream("stderr", "c"));
        list.Add(NotebookOutputs.Stream("stdout", "d"));
        Assert.Equal(["ab\n", "c", "d"], list.Items.Select(o => NotebookOutputs.GetText(o)));
        Assert.IsType<JsonArray>(list.Items[0]["text"]);
    }
}
