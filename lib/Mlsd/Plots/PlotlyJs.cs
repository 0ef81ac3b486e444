using System.Text;
using System.Text.RegularExpressions;
using Mlsd.Formatting;

namespace Mlsd.Plots;

/// <summary>
/// Where figures get plotly.js from: the exact version pinned by the repository's <c>package.json</c>, either inlined
/// from <c>node_modules/plotly.js-dist-min</c> (offline pages) or fetched from a CDN (notebook outputs).
/// </summary>
public static partial class PlotlyJs
{
    /// <summary>The pinned version of the npm package <c>plotly.js-dist-min</c> (same as package.json).</summary>
    public const string Version = "4.1.2";

    /// <summary>The CDN address of the pinned bundle. jsDelivr mirrors npm, so this is byte for byte the file
    /// <c>npm install plotly.js-dist-min@<see cref="Version"/></c> would give.</summary>
    public const string CdnUrl = "https://cdn.jsdelivr.net/npm/plotly.js-dist-min@" + Version + "/plotly.min.js";

    /// <summary>The bundle's path relative to a folder holding <c>node_modules</c>.</summary>
    public const string RelativePath = "node_modules/plotly.js-dist-min/plotly.min.js";

    /// <summary>
    /// Looks for <see cref="RelativePath"/> in <paramref name="startDirectory"/> (default: the current directory)
    /// and each of its parents; null when Node packages were never installed.
    /// </summary>
    public static string? FindLocal(string? startDirectory = null)
    {
        var dir = new DirectoryInfo(startDirectory ?? Directory.GetCurrentDirectory());
        for (; dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, RelativePath);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>
    /// A complete HTML page holding <paramref name="items"/> (charts, DataFrames, tables…) one after another, each as a
    /// notebook would show it. plotly.js is inlined from
    /// <paramref name="plotlyJsPath"/> (or from <see cref="FindLocal"/> when null), so the page works offline;
    /// when no local copy exists the page loads the pinned CDN copy instead and says so in a comment.
    /// </summary>
    public static string HtmlPage(string title, IEnumerable<object> items, string? plotlyJsPath = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
          .Append(Html.Escape(title)).Append("</title>\n")
          .Append(ScriptElement(plotlyJsPath)).Append('\n');
        sb.Append("</head>\n<body style=\"font-family:system-ui,sans-serif;margin:16px\">\n");
        foreach (var item in items)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(items));
            sb.Append(NotebookFormatters.TryHtml(item) ?? "<pre>" + Html.Escape(item.ToString()) + "</pre>").Append('\n');
        }
        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>
    /// The &lt;script&gt; element a page needs before any figure: plotly.js inlined from <paramref name="plotlyJsPath"/>
    /// (or from <see cref="FindLocal"/> when null) so the page works offline, or — when no local copy exists — a
    /// reference to the pinned CDN copy preceded by a comment saying so.
    /// </summary>
    public static string ScriptElement(string? plotlyJsPath = null)
    {
        if (plotlyJsPath is not null && !File.Exists(plotlyJsPath))
            throw new FileNotFoundException($"plotlyJsPath \"{plotlyJsPath}\" does not exist; run `npm install` in the repository root.", plotlyJsPath);
        string? path = plotlyJsPath ?? FindLocal();
        if (path is null)
            return "<!-- plotly.js not found under node_modules: loading the pinned CDN copy (needs a network). -->\n"
                + "<script type=\"text/javascript\" src=\"" + CdnUrl + "\"></script>";
        return "<script type=\"text/javascript\">\n" + EscapeForScriptElement(File.ReadAllText(path)) + "\n</script>";
    }

    /// <summary>Makes script text safe inside a &lt;script&gt; element: a literal <c>&lt;/script</c> would end it early.</summary>
    internal static string EscapeForScriptElement(string script) => ScriptEnd().Replace(script, @"<\/$1");

    [GeneratedRegex("</(script)", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptEnd();
}
