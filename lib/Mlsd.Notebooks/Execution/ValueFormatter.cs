using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Formatting;
using Mlsd.Notebooks.Format;

namespace Mlsd.Notebooks.Execution;

/// <summary>
/// Turns a displayed value into a <c>display_data</c> (or a trailing value into an <c>execute_result</c>) output with
/// .NET Interactive's formatter, as the real C# kernel does: strings as text/plain only; other values in their
/// preferred mime types (text/html unless a registered formatter or formatter source says otherwise). Unlike the real
/// kernel, text/plain is added beside rich types, so text readers (a terminal, a diff, <c>mlsd check</c>) see
/// something; notebook front ends show the richest type, so what a learner sees is the same.
/// </summary>
public static class ValueFormatter
{
    private const string PlainText = "text/plain";
    private const string Html = "text/html";

    /// <summary>Formats <paramref name="value"/>; <paramref name="mimeTypes"/> overrides the preferred types when given.</summary>
    public static JsonObject ToDisplayData(object? value, params string[] mimeTypes) => NotebookOutputs.DisplayData(FormatAll(value, mimeTypes));

    /// <summary>Formats a cell's trailing value (null included: the real kernel shows <c>&lt;null&gt;</c>) as an execute_result.</summary>
    public static JsonObject ToExecuteResult(object? value, int executionCount) => NotebookOutputs.ExecuteResult(FormatAll(value, []), executionCount);

    private static Dictionary<string, string> FormatAll(object? value, string[] mimeTypes)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        if (value is string s && mimeTypes.Length == 0)
        {
            data[PlainText] = s;
            return data;
        }
        var wanted = mimeTypes.Length > 0 ? mimeTypes : PreferredMimeTypes(value);
        foreach (var mime in wanted.Append(PlainText).Distinct(StringComparer.Ordinal))
            data[mime] = Format(value, mime);
        return data;
    }

    /// <summary>The formatted text of <paramref name="value"/> in one mime type (invariant culture).</summary>
    public static string Format(object? value, string mimeType)
    {
        if (value is null) return mimeType == PlainText ? "<null>" : Formatter.ToDisplayString(null!, mimeType);
        return Formatter.ToDisplayString(value, mimeType);
    }

    private static IEnumerable<string> PreferredMimeTypes(object? value)
    {
        if (value is null) return [Html];
        var preferred = Formatter.GetPreferredMimeTypesFor(value.GetType());
        return preferred is { Count: > 0 } ? preferred : [Formatter.DefaultMimeType is { Length: > 0 } d && d != PlainText ? d : Html];
    }
}
