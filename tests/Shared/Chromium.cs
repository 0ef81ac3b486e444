using System.Diagnostics;

namespace Mlsd.Testing;

/// <summary>Headless Chromium for the browser tests of both test projects (compiled into each; see their .csproj).</summary>
internal static class Chromium
{
    /// <summary>On CI (CI=true) browser tests run and fail when a tool is missing; elsewhere they are skipped.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The chromium executable on PATH, or null.</summary>
    public static string? Find()
    {
        foreach (string name in new[] { "chromium", "chromium-browser", "google-chrome", "google-chrome-stable" })
        {
            foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
            {
                if (dir.Length == 0) continue;
                string candidate = Path.Combine(dir, name);
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }

    /// <summary>Runs headless Chromium on a page (<paramref name="action"/> such as --dump-dom) and returns its standard output.</summary>
    public static string Run(string tempDir, string action, string pagePath, string? extra = null)
    {
        var psi = new ProcessStartInfo(Find() ?? throw new InvalidOperationException("chromium is not on PATH (apt-get install chromium)"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--user-data-dir=" + Path.Combine(tempDir, "profile"),
            "--virtual-time-budget=15000",
        }) psi.ArgumentList.Add(arg);
        if (extra is not null) psi.ArgumentList.Add(extra);
        psi.ArgumentList.Add(action);
        psi.ArgumentList.Add(new Uri(pagePath).AbsoluteUri);
        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("headless chromium did not finish within 90 s.");
        }
        if (process.ExitCode != 0) throw new InvalidOperationException($"chromium exited with {process.ExitCode}: {stderr.Result}");
        return stdout;
    }

    /// <summary>Runs before any other script: records uncaught errors, rejected promises and console.error calls, and writes
    /// them into the element <c>#mlsd-errors</c> (see <see cref="ErrorReport"/>) as they come.</summary>
    public const string ErrorCollector = """
        <script>
        (function () {
          window.__mlsdErrors = [];
          function note(text) {
            window.__mlsdErrors.push(text);
            var pre = document.getElementById('mlsd-errors');
            if (pre) pre.textContent = window.__mlsdErrors.join('\n');
          }
          window.onerror = function (message, source, line) { note('error: ' + message + ' at ' + source + ':' + line); };
          window.addEventListener('unhandledrejection', function (e) { note('unhandled rejection: ' + e.reason); });
          var original = console.error;
          console.error = function () { note('console.error: ' + Array.prototype.join.call(arguments, ' ')); original.apply(console, arguments); };
        })();
        </script>

        """;

    /// <summary>The element the collector fills, placed at the end of the body.</summary>
    public const string ErrorReport = """
        <pre id="mlsd-errors" style="color:#b00"></pre>
        <script>document.getElementById('mlsd-errors').textContent = window.__mlsdErrors.join('\n');</script>

        """;
}
