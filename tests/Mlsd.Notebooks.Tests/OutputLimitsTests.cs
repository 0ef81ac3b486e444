using Mlsd.Notebooks.Execution;
using Mlsd.Notebooks.Format;

namespace Mlsd.Notebooks.Tests;

/// <summary>What a cell's outputs keep: merged stream chunks, and limits on size with a note saying what was left out.</summary>
public sealed class OutputLimitsTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Clip_keeps_the_start_and_says_how_much_was_left_out()
    {
        // 100 characters into 64: the note for the count is 31 characters, so 32 + 31 = 63 fit (the note is sized for
        // the largest count, "100", one digit more than the 68 it ends up saying).
        Assert.Equal(new string('a', 32) + "… [68 more characters left out]", OutputLimits.Clip(new string('a', 100), 64));
        Assert.Equal("short", OutputLimits.Clip("short", 64));
        var once = OutputLimits.Clip(new string('b', 10_000));
        Assert.Equal(new string('b', 1_965) + "… [8,035 more characters left out]", once); // 1,965 + 34 ≤ 2,000
        Assert.Equal(once, OutputLimits.Clip(once)); // clipping twice changes nothing
    }

    [Fact]
    public void ClipLines_keeps_the_first_and_last_hundred_lines()
    {
        var lines = Enumerable.Range(1, 250).Select(i => $"line {i}").ToList();
        var kept = OutputLimits.ClipLines(lines);
        Assert.Equal(201, kept.Count);
        Assert.Equal("line 100", kept[99]);
        Assert.Equal("… [50 lines left out]", kept[100]);
        Assert.Equal("line 151", kept[101]);
        Assert.Equal("line 250", kept[^1]);
    }

    [Fact]
    public void Output_list_merges_chunks_of_a_stream_until_something_else_comes()
    {
        var list = new OutputList();
        list.Add(NotebookOutputs.Stream("stdout", "a\nb"));
        list.Add(NotebookOutputs.Stream("stdout", "c\n"));
        Assert.Equal(1, list.Count);
        list.Add(NotebookOutputs.Stream("stderr", "e"));
        list.Add(NotebookOutputs.DisplayData([new("text/plain", "d")]));
        list.Add(NotebookOutputs.Stream("stderr", "f"));
        list.Replace(3, NotebookOutputs.Stream("stderr", "g"));
        list.Add(NotebookOutputs.Stream("stderr", "h"));
        Assert.Equal(["a\nbc\n", "e", "d", "g", "h"], list.Items.Select(o => NotebookOutputs.GetText(o) ?? NotebookOutputs.GetText(o, "text/plain")));
        Assert.Equal(["a\n", "bc\n"], list.Items[0]["text"]!.AsArray().Select(l => l!.GetValue<string>())); // nbformat's line array
    }

    [Fact]
    public async Task Output_past_the_cell_limit_is_left_out_with_a_note_and_errors_are_always_kept()
    {
        var executor = new NotebookExecutor(_dir.Path, _dir.Combine("limited.ipynb")) { CellOutputLimit = 1_000 };
        // 600 kept; a 600-character display does not fit (left out); 400 of the next 600 fit; the error is kept.
        var r = await executor.ExecuteCellAsync(
            "Console.Write(new string('a', 600));\ndisplay(new string('b', 600));\nConsole.Write(new string('c', 600));\nthrow new Exception(\"kept\");");
        Assert.Equal(new string('a', 600) + new string('c', 400), r.StandardOutput);
        Assert.Equal(["stream", "error", "stream"], r.Outputs.Select(o => o["output_type"]!.GetValue<string>()));
        Assert.Equal("kept", r.Outputs[1]["evalue"]!.GetValue<string>());
        Assert.Equal("\n[output limit: this cell produced 1,800 characters of output; 800 were left out (the limit is 1,000 per cell)]\n", NotebookOutputs.GetText(r.Outputs[2]));
        // The next cell has a budget of its own.
        Assert.Equal(new string('z', 1_000), (await executor.ExecuteCellAsync("Console.Write(new string('z', 1_000));")).StandardOutput);
    }

    [Fact]
    public async Task A_display_updated_past_the_limit_keeps_its_last_value_that_fit()
    {
        var executor = new NotebookExecutor(_dir.Path, _dir.Combine("updates.ipynb")) { CellOutputLimit = 1_000 };
        var r = await executor.ExecuteCellAsync("var d = display(\"small\");\nd.Update(new string('u', 5_000));");
        Assert.Equal("small", NotebookOutputs.GetText(r.Outputs[0], "text/plain"));
        Assert.Contains("produced 5,005 characters", NotebookOutputs.GetText(r.Outputs[1]));
    }
}
