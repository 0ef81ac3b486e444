using Mlsd.Plots;

namespace Mlsd.Tests.Plots;

/// <summary>Finds the tools the browser tests need: a headless Chromium and the locally installed plotly.js.</summary>
internal static class BrowserEnvironment
{
    public static bool IsCi => Mlsd.Testing.Chromium.IsCi;

    public static string? Chromium() => Mlsd.Testing.Chromium.Find();

    public static string? PlotlyJs() => Mlsd.Plots.PlotlyJs.FindLocal(AppContext.BaseDirectory);

    /// <summary>Why the browser test cannot run here, or null when it can.</summary>
    public static string? Missing()
    {
        var missing = new List<string>();
        if (Chromium() is null) missing.Add("chromium is not on PATH (apt-get install chromium)");
        if (PlotlyJs() is null) missing.Add($"{Mlsd.Plots.PlotlyJs.RelativePath} not found above {AppContext.BaseDirectory} (run `npm install` in the repository root)");
        return missing.Count == 0 ? null : string.Join("; ", missing);
    }
}

/// <summary>A fact that needs Chromium and the local plotly.js: skipped where they are missing, except on CI
/// (CI=true), where the test runs and fails with a message saying what to install.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!BrowserEnvironment.IsCi && BrowserEnvironment.Missing() is { } why) Skip = why;
    }
}

/// <summary>A fact that needs the local plotly.js bundle (node_modules); same CI rule as <see cref="BrowserFactAttribute"/>.</summary>
public sealed class PlotlyJsFactAttribute : FactAttribute
{
    public PlotlyJsFactAttribute()
    {
        if (!BrowserEnvironment.IsCi && BrowserEnvironment.PlotlyJs() is null)
            Skip = $"{PlotlyJs.RelativePath} not found (run `npm install` in the repository root)";
    }
}
