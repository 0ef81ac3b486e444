using Plotly.NET;

namespace Mlsd.Plots;

/// <summary>
/// The look of every chart in the notebooks: plotly.js's plain white style, titles just above the plot area and a
/// top margin that leaves the toolbar's band free, so a long title is never hidden under the toolbar.
/// </summary>
/// <remarks>
/// Installed as Plotly.NET's default template when the library loads (<see cref="Formatting.NotebookFormatters"/>),
/// so charts a learner builds with Plotly.NET's own API look the same. A chart's own settings win over the template.
/// </remarks>
public static class PlotTheme
{
    /// <summary>Height of a chart that did not ask for a size, in pixels.</summary>
    public const int DefaultHeight = 420;

    /// <summary>Top margin in pixels: the toolbar's band (about 30 px) plus one line of title.</summary>
    public const int TopMargin = 72;

    /// <summary>The d3 format of percentage ticks: 0.031 → 3.1%, 0.5 → 50% (trailing zeros dropped).</summary>
    public const string PercentFormat = ".3~%";

    /// <summary>A title placed just above the plot area (paper y = 1, anchored at its bottom), left-aligned.</summary>
    public static DynamicObj.DynamicObj Title(string text) => ChartLayout.Obj(
        ("text", text), ("x", 0.0), ("xref", "paper"), ("xanchor", "left"),
        ("y", 1.0), ("yref", "paper"), ("yanchor", "bottom"),
        ("pad", ChartLayout.Obj(("b", 12))), ("font", ChartLayout.Obj(("size", 16))));

    /// <summary>The template: white background, light grid, the margins and title placement above.</summary>
    public static Template Template { get; } = CreateTemplate();

    private static Template CreateTemplate()
    {
        var layout = new Layout();
        layout.SetProperty("margin", ChartLayout.Obj(("l", 60), ("r", 30), ("t", TopMargin), ("b", 50)));
        layout.SetProperty("title", ChartLayout.Obj(("x", 0.0), ("xref", "paper"), ("xanchor", "left"),
            ("y", 1.0), ("yref", "paper"), ("yanchor", "bottom"), ("pad", ChartLayout.Obj(("b", 12)))));
        layout.SetProperty("paper_bgcolor", "#ffffff");
        layout.SetProperty("plot_bgcolor", "#ffffff");
        layout.SetProperty("font", ChartLayout.Obj(("family", "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"), ("color", "#1f2328")));
        foreach (string axis in new[] { "xaxis", "yaxis" })
            layout.SetProperty(axis, ChartLayout.Obj(("gridcolor", "#e6e6e6"), ("zerolinecolor", "#b0b0b0"),
                ("linecolor", "#b0b0b0"), ("automargin", true)));
        var template = new Template();
        template.SetProperty("layout", layout);
        return template;
    }
}
