using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive.Formatting;
using Mlsd.Plots;
using Plotly.NET;

namespace Mlsd.Formatting;

/// <summary>
/// Teaches the notebook formatter to show values of types that are not ours: Plotly.NET charts and XPlot.Plotly
/// charts as interactive plotly.js charts, Microsoft.Data.Analysis DataFrames as tables — each with a text/plain view.
/// </summary>
/// <remarks>
/// Our own types carry <see cref="TypeFormatterSourceAttribute"/>, which the formatter finds on the type; a package's
/// types cannot, so they are registered with <c>Formatter.Register</c> when this library is loaded — by a module
/// initializer, which runs before any code of the library does. Under the real .NET Interactive kernel the
/// <c>Formatter</c> this calls is the kernel's own (the library references the same package version, 1.0.0-beta.26120.1,
/// and a loaded assembly is never loaded twice), so charts and tables show there exactly as in our engine, without
/// Plotly.NET.Interactive and without any <c>#r</c> besides the library's. The module initializer also makes our theme
/// (<see cref="PlotTheme"/>) Plotly.NET's default template, for charts built with Plotly.NET's own API.
/// </remarks>
public static class NotebookFormatters
{
    private const string HtmlMime = "text/html";
    private const string PlainMime = "text/plain";

    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "A notebook library: its formatters must be in place before the first value is shown, whichever cell touches the library first.")]
    internal static void OnLoad()
    {
        DependencyLoading.Install();   // before anything below touches Plotly.NET or FSharp.Core
        try
        {
            RegisterOnLoad();
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or TypeLoadException)
        {
            // A host without the formatter or chart packages (a program that copied Mlsd.dll alone): nothing to show.
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RegisterOnLoad() => Register();

    /// <summary>Registers the formatters (again: a kernel that reset its formatters can call this). Idempotent.</summary>
    public static void Register()
    {
        Defaults.DefaultTemplate = PlotTheme.Template;
        Formatter.Register<GenericChart>((chart, writer) => writer.Write(ChartHtml.ToHtml(chart)), HtmlMime);
        Formatter.Register<GenericChart>((chart, writer) => writer.Write(ChartHtml.Summary(chart)), PlainMime);
        Formatter.Register<XPlot.Plotly.PlotlyChart>((chart, writer) => writer.Write(ChartHtml.ToHtml(chart)), HtmlMime);
        Formatter.Register<XPlot.Plotly.PlotlyChart>((chart, writer) => writer.Write("XPlot.Plotly chart"), PlainMime);
        Formatter.Register<DataFrame>((frame, writer) => writer.Write(DataFrameHtml.ToHtml(frame)), HtmlMime);
        Formatter.Register<DataFrame>((frame, writer) => writer.Write(DataFrameHtml.ToText(frame)), PlainMime);
        foreach (var type in new[] { typeof(GenericChart), typeof(XPlot.Plotly.PlotlyChart), typeof(DataFrame) })
            Formatter.SetPreferredMimeTypesFor(type, HtmlMime);
    }

    /// <summary>The HTML a notebook shows for <paramref name="value"/>, for values this library knows how to draw
    /// (used where values sit inside our own layouts, such as <see cref="SideBySide"/>); null otherwise.</summary>
    public static string? TryHtml(object value) => value switch
    {
        IHtmlRenderable r => r.ToHtml(),
        GenericChart chart => ChartHtml.ToHtml(chart),
        XPlot.Plotly.PlotlyChart chart => ChartHtml.ToHtml(chart),
        DataFrame frame => DataFrameHtml.ToHtml(frame),
        _ => null,
    };
}
