using System.Text.Json.Nodes;
using Mlsd.Notebooks.Execution;
using Mlsd.Notebooks.Format;

namespace Mlsd.Notebooks.Tests;

/// <summary>Cell semantics, in process (the kernel process runs the same executor).</summary>
public sealed class ExecutorTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly NotebookExecutor _executor;

    public ExecutorTests() => _executor = new NotebookExecutor(_dir.Path, _dir.Combine("test.ipynb"));

    public void Dispose() => _dir.Dispose();

    private Task<CellExecutionResult> Run(string source, string? kernel = null) => _executor.ExecuteCellAsync(source, kernel);

    private static string? Plain(JsonObject output) => NotebookOutputs.GetText(output, "text/plain");

    private static string Type(JsonObject output) => output["output_type"]!.GetValue<string>();

    [Fact]
    public async Task State_carries_across_cells_and_execution_counts_increase()
    {
        var first = await Run("var x = 40;\nint Twice(int v) => 2 * v;");
        var second = await Run("Twice(x) + 2"); // 2 * 40 + 2
        Assert.True(first.Succeeded);
        Assert.Equal(1, first.ExecutionCount);
        Assert.Equal(2, second.ExecutionCount);
        Assert.Equal("82", Plain(Assert.Single(second.Outputs)));
    }

    private Task<CellExecutionResult> RunWithNext(string source, int index, string? next)
    {
        _executor.CompileAhead(next, null, index + 1);
        return _executor.ExecuteCellAsync(source, null, index, index);
    }

    [Fact]
    public async Task Cells_compiled_ahead_run_from_that_compilation_with_the_same_results()
    {
        await RunWithNext("var a = 41;", 0, "var b = a + 1;");
        await RunWithNext("var b = a + 1;", 1, "b * 2");
        var last = await RunWithNext("b * 2", 2, null);
        Assert.Equal("84", Plain(Assert.Single(last.Outputs)));
        Assert.Equal(2, _executor.CellsCompiledAhead);
    }

    [Fact]
    public async Task A_cell_compiled_ahead_with_an_error_reports_it_in_its_turn_with_its_line()
    {
        await RunWithNext("var ok = 1;", 0, "var fine = ok;\nnoSuchThing + 1");
        var r = await RunWithNext("var fine = ok;\nnoSuchThing + 1", 1, null);
        Assert.Equal(CellStatus.Failed, r.Status);
        Assert.Equal("CompilationError", r.Error!.Name);
        Assert.Equal(2, r.Error.Line);
        Assert.Equal(0, _executor.CellsCompiledAhead);
    }

    [Fact]
    public async Task After_a_cell_that_does_not_compile_the_next_one_binds_to_the_cells_before_it()
    {
        await RunWithNext("var a = 1;", 0, "var b = ;");
        var broken = await RunWithNext("var b = ;", 1, "var b = a + 1;\nb");
        var next = await RunWithNext("var b = a + 1;\nb", 2, null);
        Assert.Equal(CellStatus.Failed, broken.Status);
        Assert.True(next.Succeeded, next.Error?.ToString());
        Assert.Equal("2", Plain(Assert.Single(next.Outputs)));
    }

    [Fact]
    public async Task The_first_cell_compiles_during_the_warm_up_even_with_a_load_directive()
    {
        File.WriteAllText(_dir.Combine("first.csx"), "var loaded = 5;");
        await _executor.WarmUpAsync("#load \"first.csx\"\nloaded * 2", null, 0);
        var r = await _executor.ExecuteCellAsync("#load \"first.csx\"\nloaded * 2", null, 0, 0);
        Assert.Equal("10", Plain(Assert.Single(r.Outputs)));
        Assert.Equal(1, _executor.CellsCompiledAhead);
    }

    [Fact]
    public async Task A_different_cell_than_announced_is_compiled_in_its_turn()
    {
        await RunWithNext("var a = 1;", 0, "a + 1");
        var r = await RunWithNext("a + 100", 1, null);
        Assert.Equal("101", Plain(Assert.Single(r.Outputs)));
        Assert.Equal(0, _executor.CellsCompiledAhead);
    }

    [Fact]
    public async Task A_load_directive_reads_the_file_as_the_cell_before_it_left_it()
    {
        File.WriteAllText(_dir.Combine("gen.csx"), "var fromFile = 1;");   // stale: an early compile would read this
        // The write comes late, so a compile of the next cell started alongside this one would read the stale file.
        var write = $"System.Threading.Thread.Sleep(1000);\nSystem.IO.File.WriteAllText(@\"{_dir.Combine("gen.csx")}\", \"var fromFile = 7;\");";
        await RunWithNext(write, 0, "#load \"gen.csx\"\nfromFile");
        var r = await RunWithNext("#load \"gen.csx\"\nfromFile", 1, null);
        Assert.Equal("7", Plain(Assert.Single(r.Outputs)));
    }

    [Fact]
    public async Task Trailing_expression_is_an_execute_result_with_html_and_plain_text()
    {
        await Run("var first = 1;");
        var r = await Run("new List<int> { 1, 2, 3 }");
        var output = Assert.Single(r.Outputs);
        Assert.Equal("execute_result", Type(output));
        Assert.Equal(2, output["execution_count"]!.GetValue<int>());   // the second cell run
        Assert.Equal("[ 1, 2, 3 ]", Plain(output));
        Assert.Contains("<pre>[ 1, 2, 3 ]</pre>", NotebookOutputs.GetText(output, "text/html"));
    }

    [Theory]
    [InlineData("var y = 1;")]                   // statement: no value
    [InlineData("Console.Out.Flush()")]          // void expression
    public async Task No_value_no_display(string source)
    {
        var r = await Run(source);
        Assert.True(r.Succeeded, r.Error?.ToString());
        Assert.Empty(r.Outputs);
    }

    [Fact]
    public async Task A_null_trailing_value_shows_as_null_like_the_real_kernel()
    {
        var r = await Run("string s = null;\ns");
        var output = Assert.Single(r.Outputs);
        Assert.Equal("<null>", Plain(output));
        Assert.Contains("<pre>&lt;null&gt;</pre>", NotebookOutputs.GetText(output, "text/html"));
    }

    [Fact]
    public async Task Compiler_warnings_go_to_stderr_as_the_real_kernel_prints_them()
    {
        // Nullable annotations are off in script cells (as in the real kernel): `string?` draws CS8632, at line 2,
        // column 7 of the cell; the value still shows, after the warning.
        var r = await Run("Console.WriteLine(\"run\");\nstring? maybe = null;\nmaybe");
        Assert.True(r.Succeeded);
        Assert.Equal(["stream", "stream", "execute_result"], r.Outputs.Select(Type));
        Assert.Equal("run\n", NotebookOutputs.GetText(r.Outputs[0]));
        Assert.Equal("stderr", r.Outputs[1]["name"]!.GetValue<string>());
        Assert.Equal("\n(2,7): warning CS8632: The annotation for nullable reference types should only be used in code " +
                     "within a '#nullable' annotations context.\n\n", NotebookOutputs.GetText(r.Outputs[1]));
    }

    [Fact]
    public async Task A_cell_compiled_ahead_keeps_its_warnings()
    {
        await RunWithNext("var ok = 1;", 0, "string? later = null;");
        var r = await RunWithNext("string? later = null;", 1, null);
        Assert.Equal(1, _executor.CellsCompiledAhead);
        Assert.Contains("warning CS8632", NotebookOutputs.GetText(Assert.Single(r.Outputs)));
    }

    [Fact]
    public async Task Cells_compile_as_csharp_14_the_real_kernels_language_version()
    {
        var r = await Run("#error version");
        Assert.Contains("Language version: 14.0", string.Join("\n", r.Error!.Traceback));
    }

    [Fact]
    public async Task Display_function_and_extension_show_values_strings_as_plain_text_only()
    {
        var r = await Run("display(1.5);\n\"hello\".Display();\nvar d = display(\"old\");\nd.Update(\"new\");");
        Assert.Equal(3, r.Outputs.Count);
        Assert.Equal("1.5", Plain(r.Outputs[0]));
        Assert.NotNull(NotebookOutputs.GetText(r.Outputs[0], "text/html"));
        var data = (JsonObject)r.Outputs[1]["data"]!;
        Assert.Equal(["text/plain"], data.Select(kv => kv.Key));
        Assert.Equal("hello", Plain(r.Outputs[1]));
        Assert.Equal("new", Plain(r.Outputs[2])); // Update replaced the shown value in place
    }

    [Fact]
    public async Task Html_helper_displays_markup_unescaped()
    {
        var r = await Run("HTML(\"<b>bold</b>\")");
        Assert.Equal("<b>bold</b>", NotebookOutputs.GetText(Assert.Single(r.Outputs), "text/html"));
    }

    [Fact]
    public async Task Console_streams_are_captured_in_order_and_merged()
    {
        var r = await Run("Console.Write(\"a\");\nConsole.WriteLine(\"b\");\nConsole.Error.WriteLine(\"e\");\nConsole.WriteLine(\"c\");\ndisplay(\"d\");\nConsole.WriteLine(\"f\");");
        Assert.Equal(["stream", "stream", "stream", "display_data", "stream"], r.Outputs.Select(Type));
        Assert.Equal(["stdout", "stderr", "stdout"], r.Outputs.Take(3).Select(o => o["name"]!.GetValue<string>()));
        Assert.Equal("ab\n", NotebookOutputs.GetText(r.Outputs[0]));
        Assert.Equal("e\n", NotebookOutputs.GetText(r.Outputs[1]));
        Assert.Equal("ab\nc\nf\n", r.StandardOutput);
    }

    [Fact]
    public async Task Compile_error_reports_line_and_diagnostic()
    {
        var r = await _executor.ExecuteCellAsync("var a = 1;\nvar b = a + missing;", cellIndex: 4, codeCellIndex: 2);
        Assert.Equal(CellStatus.Failed, r.Status);
        Assert.Equal("CompilationError", r.Error!.Name);
        Assert.Equal(2, r.Error.Line);
        Assert.Contains("CS0103", r.Error.Message);
        Assert.StartsWith("code cell 3, line 2: CompilationError: (2,13): error CS0103", r.Describe());
        var error = Assert.Single(r.Outputs);
        Assert.Equal("error", Type(error));
        Assert.Equal("CompilationError", error["ename"]!.GetValue<string>());
    }

    [Fact]
    public async Task Runtime_exception_reports_type_message_and_line_and_keeps_earlier_state()
    {
        var r = await _executor.ExecuteCellAsync("var before = 5;\nConsole.WriteLine(\"ran\");\nthrow new InvalidOperationException(\"boom\");", cellIndex: 2, codeCellIndex: 1);
        Assert.Equal("System.InvalidOperationException", r.Error!.Name);
        Assert.Equal("boom", r.Error.Message);
        Assert.Equal(3, r.Error.Line);
        Assert.Equal(["stream", "error"], r.Outputs.Select(Type));
        Assert.Contains(r.Error.Traceback, l => l.Contains("in code cell 2:line 3", StringComparison.Ordinal));
        var next = await Run("before");
        Assert.Equal("5", Plain(Assert.Single(next.Outputs)));
    }

    [Fact]
    public async Task Exception_thrown_inside_a_called_method_reports_the_cell_line_of_the_call()
    {
        await _executor.ExecuteCellAsync("static int Fail() => throw new ArgumentException(\"bad\");", cellIndex: 0);
        var r = await _executor.ExecuteCellAsync("var ok = 1;\nvar v = Fail();", cellIndex: 1);
        Assert.Equal("System.ArgumentException", r.Error!.Name);
        Assert.Equal(2, r.Error.Line);
    }

    [Fact]
    public async Task Csharp_magic_line_is_accepted_and_line_numbers_stay_true()
    {
        var ok = await Run("#!csharp\n6 * 7");
        Assert.Equal("42", Plain(Assert.Single(ok.Outputs)));
        var bad = await Run("#!csharp\nvar q = 1;\nundefinedThing");
        Assert.Equal(3, bad.Error!.Line);
    }

    [Fact]
    public async Task Nuget_reference_is_refused_pointing_to_the_library()
    {
        var r = await Run("var a = 1;\n#r \"nuget: Newtonsoft.Json, 13.0.3\"");
        Assert.Equal("NuGetNotSupported", r.Error!.Name);
        Assert.Contains("packages come through the Mlsd library", r.Error.Message);
        Assert.Equal(2, r.Error.Line);
    }

    [Theory]
    [InlineData("#!fsharp\nlet x = 1", null, "'fsharp' kernel")]
    [InlineData("#!pwsh\nGet-Date", null, "'pwsh' kernel")]
    [InlineData("Get-Date", "pwsh", "'pwsh' kernel")]
    [InlineData("#!time\nvar x = 1;", null, "#!time is not supported")]
    public async Task Other_kernels_and_magic_commands_are_reported_not_skipped(string source, string? kernel, string expected)
    {
        var r = await Run(source, kernel);
        Assert.Equal(CellStatus.Failed, r.Status);
        Assert.Contains(expected, r.Error!.Message);
        Assert.Equal("error", Type(Assert.Single(r.Outputs)));
    }

    [Fact]
    public async Task Relative_r_and_load_resolve_against_the_notebook_folder()
    {
        TinyAssembly.Build(_dir.Combine("lib", "Tiny.dll"), "Tiny", "namespace Tiny; public static class Answer { public static int Value => 42; }");
        File.WriteAllText(_dir.Combine("helpers.csx"), "static string Greet(string name) => $\"hello {name}\";\n");
        var r = await Run("#r \"lib/Tiny.dll\"\n#load \"helpers.csx\"\nGreet(Tiny.Answer.Value.ToString())");
        Assert.True(r.Succeeded, r.Error?.ToString());
        Assert.Equal("hello 42", Plain(Assert.Single(r.Outputs)));
    }

    [Fact]
    public async Task Type_with_a_TypeFormatterSource_attribute_defined_in_its_own_assembly_uses_that_formatter()
    {
        // The attribute is matched by name (the .NET Interactive convention); it is internal, as lib/Mlsd's is.
        TinyAssembly.Build(_dir.Combine("Gauges.dll"), "Gauges", """
            using System;
            using System.Collections.Generic;
            using System.IO;
            namespace Gauges;
            [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct)]
            internal sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
            {
                public Type FormatterSourceType { get; } = formatterSourceType;
            }
            [TypeFormatterSource(typeof(GaugeFormatterSource))]
            public sealed class Gauge(double value)
            {
                public double Value { get; } = value;
                public override string ToString() => $"Gauge({Value})";
            }
            internal sealed class GaugeFormatterSource
            {
                public IEnumerable<object> CreateTypeFormatters() => [new GaugeHtmlFormatter()];
            }
            internal sealed class GaugeHtmlFormatter
            {
                public string MimeType => "text/html";
                public Type Type => typeof(Gauge);
                public bool Format(object instance, TextWriter writer)
                {
                    writer.Write($"<meter value=\"{((Gauge)instance).Value}\"></meter>");
                    return true;
                }
            }
            """);
        var r = await Run("#r \"Gauges.dll\"\nnew Gauges.Gauge(0.25)");
        Assert.True(r.Succeeded, r.Error?.ToString());
        var output = Assert.Single(r.Outputs);
        Assert.Equal("<meter value=\"0.25\"></meter>", NotebookOutputs.GetText(output, "text/html"));
        Assert.NotNull(Plain(output));
    }

    [Fact]
    public async Task Numbers_format_with_the_invariant_culture_whatever_the_caller_uses()
    {
        var comma = (System.Globalization.CultureInfo)System.Globalization.CultureInfo.InvariantCulture.Clone();
        comma.NumberFormat.NumberDecimalSeparator = ",";
        comma.NumberFormat.NumberGroupSeparator = ".";
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = comma;
        try
        {
            Assert.Equal("0,25", 0.25.ToString(System.Globalization.CultureInfo.CurrentCulture)); // the caller's culture really differs
            var r = await Run("$\"{1234.5:N1} {0.25}\"");
            Assert.Equal("1,234.5 0.25", Plain(Assert.Single(r.Outputs)));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public async Task Whole_notebook_skips_markdown_and_stops_at_first_error_unless_continuing()
    {
        var path = TestNotebooks.Write(_dir.Combine("n.ipynb"), "md:# Title", "var a = 1;", "throw new Exception(\"x\");", "a + 1");
        var nb = Notebook.Load(path);
        var stop = await new NotebookExecutor(_dir.Path, path).ExecuteAsync(nb);
        Assert.Equal([CellStatus.Succeeded, CellStatus.Failed, CellStatus.NotRun], stop.Select(r => r.Status));
        Assert.Equal([2, 3, 4], stop.Select(r => r.CellNumber));
        var go = await new NotebookExecutor(_dir.Path, path).ExecuteAsync(nb, continueOnError: true);
        Assert.Equal([CellStatus.Succeeded, CellStatus.Failed, CellStatus.Succeeded], go.Select(r => r.Status));
    }
}
