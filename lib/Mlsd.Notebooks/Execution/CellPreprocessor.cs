using System.Text.RegularExpressions;

namespace Mlsd.Notebooks.Execution;

/// <summary>
/// Checks a cell before compiling: accepts <c>#!csharp</c> (blanked so line numbers stay true), and turns
/// what this engine cannot run — another kernel's cell, magic commands, <c>#r "nuget:…"</c> — into a clear
/// error instead of a confusing compiler message or a silent skip.
/// </summary>
internal static partial class CellPreprocessor
{
    private static readonly HashSet<string> CSharpNames = new(StringComparer.OrdinalIgnoreCase) { "csharp", "c#", "cs" };

    private static readonly HashSet<string> OtherKernels = new(StringComparer.OrdinalIgnoreCase)
    {
        "fsharp", "f#", "fs", "pwsh", "powershell", "javascript", "js", "html", "markdown", "md", "sql", "kql",
        "mermaid", "http", "python", "r", "value", "typescript", "ts", "spiral",
    };

    /// <summary>Either the code to compile (same number of lines as the source) or the reason it cannot run.</summary>
    public static (string? Code, CellError? Error) Prepare(string source, string? metadataKernel)
    {
        if (metadataKernel is not null && !CSharpNames.Contains(metadataKernel))
            return (null, OtherKernel(metadataKernel, "its metadata (polyglot_notebook.kernelName)", null));

        var lines = source.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].Trim();
            if (trimmed.StartsWith("#!", StringComparison.Ordinal))
            {
                var name = trimmed[2..].Split(' ', 2)[0].Trim();
                if (CSharpNames.Contains(name))
                {
                    lines[i] = lines[i].EndsWith('\r') ? "\r" : "";
                    continue;
                }
                return OtherKernels.Contains(name)
                    ? (null, OtherKernel(name, $"its #!{name} line", i + 1))
                    : (null, new CellError("UnsupportedMagicCommand",
                        $"the magic command #!{name} is not supported by the headless engine, which runs plain C# only",
                        i + 1, [$"line {i + 1}: {trimmed}"]));
            }
            if (NuGetDirective().IsMatch(lines[i]))
                return (null, new CellError("NuGetNotSupported",
                    "#r \"nuget:…\" is not supported here: packages come through the Mlsd library " +
                    "(#r \"../artifacts/bin/Mlsd/debug/Mlsd.dll\" — lib/Mlsd references them), so notebooks run offline and alike everywhere",
                    i + 1, [$"line {i + 1}: {trimmed}"]));
        }
        return (string.Join('\n', lines), null);
    }

    /// <summary>True when the code has a <c>#r</c> or <c>#load</c> directive (it reads a file at compile time).</summary>
    public static bool HasFileDirective(string code) => FileDirective().IsMatch(code);

    [GeneratedRegex("""^\s*#(r|load)\b""", RegexOptions.Multiline)]
    private static partial Regex FileDirective();

    private static CellError OtherKernel(string kernel, string how, int? line) => new(
        "UnsupportedKernel",
        $"this cell is for the '{kernel}' kernel (by {how}); the engine runs C# cells only — " +
        "rewrite it in C# or make it a markdown cell",
        line,
        [$"kernel: {kernel}"]);

    [GeneratedRegex("""^\s*#(r|i)\s+"\s*nuget\s*:""", RegexOptions.IgnoreCase)]
    private static partial Regex NuGetDirective();
}
