namespace Mlsd.Notebooks.Running;

/// <summary>
/// How to start a kernel process: an executable plus arguments; the notebook runner appends nothing (the
/// request travels on stdin). The default is <c>dotnet Mlsd.Cli.dll kernel</c>, found next to the running app
/// or in the repository's artifacts folder.
/// </summary>
/// <param name="FileName">Executable to start.</param>
/// <param name="Arguments">Its arguments.</param>
public sealed record KernelCommand(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>Finds <c>Mlsd.Cli.dll</c> (next to this app, else under artifacts/bin/Mlsd.Cli of the enclosing repository).</summary>
    /// <exception cref="FileNotFoundException">No Mlsd.Cli.dll with its runtimeconfig was found.</exception>
    public static KernelCommand Default()
    {
        var fromEnv = Environment.GetEnvironmentVariable("MLSD_KERNEL_DLL");
        var candidates = new List<string>();
        if (!string.IsNullOrEmpty(fromEnv)) candidates.Add(fromEnv);
        candidates.Add(Path.Combine(AppContext.BaseDirectory, "Mlsd.Cli.dll"));
        if (RepositoryLayout.TryFindRoot(AppContext.BaseDirectory) is { } root)
        {
            candidates.Add(Path.Combine(root, "artifacts", "bin", "Mlsd.Cli", "debug", "Mlsd.Cli.dll"));
            candidates.Add(Path.Combine(root, "artifacts", "bin", "Mlsd.Cli", "release", "Mlsd.Cli.dll"));
        }
        foreach (var dll in candidates)
        {
            if (File.Exists(dll) && File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json")))
                return new KernelCommand(DotnetHost(), [Path.GetFullPath(dll), "kernel"]);
        }
        throw new FileNotFoundException(
            "Cannot find the kernel (Mlsd.Cli.dll with Mlsd.Cli.runtimeconfig.json). Looked in: " + string.Join(", ", candidates) +
            ". Build it with `dotnet build lib/Mlsd.Cli` or set MLSD_KERNEL_DLL.");
    }

    /// <summary>The dotnet host running this process (so the kernel uses the same runtime).</summary>
    public static string DotnetHost()
    {
        var exe = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        if (Environment.ProcessPath is { } p && Path.GetFileName(p).Equals(exe, StringComparison.OrdinalIgnoreCase)) return p;
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h)) return h;
        // …/dotnet/shared/Microsoft.NETCore.App/<version>/System.Private.CoreLib.dll → …/dotnet/dotnet
        var coreLib = typeof(object).Assembly.Location;
        var root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(coreLib)!, "..", "..", ".."));
        var candidate = Path.Combine(root, exe);
        return File.Exists(candidate) ? candidate : exe;
    }
}
