using System.Text.Json;
using Mlsd.Plots;

namespace Mlsd.Tests.Plots;

/// <summary>The plotly.js version is pinned in package.json / package-lock.json; the library's constant (used for the CDN
/// copy in notebook outputs) must say the same, with or without node_modules installed.</summary>
public class PlotlyVersionTests
{
    [Fact]
    public void Library_version_is_the_one_package_lock_pins()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "package-lock.json"))) dir = dir.Parent;
        Assert.True(dir is not null, $"package-lock.json not found above {AppContext.BaseDirectory}");
        using var lockFile = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.FullName, "package-lock.json")));
        var locked = lockFile.RootElement.GetProperty("packages").GetProperty("node_modules/plotly.js-dist-min").GetProperty("version").GetString();
        Assert.Equal(PlotlyJs.Version, locked);
    }
}
