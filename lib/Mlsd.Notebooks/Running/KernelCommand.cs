namespace Mlsd.Notebooks.Running;

/// <summary>
/// How to start a kernel process: an executable plus arguments (the request then travels on stdin). The default
/// is <c>dotnet Mlsd.Notebooks.dll</c> — the engine assembly is also the kernel's entry point — taken from the
/// folder this engine was loaded from, so the kernel runs the same build.
/// </summary>
/// <param name="FileName">Executable to start.</param>
/// <param name="Arguments">Its arguments.</param>
public sealed record KernelCommand(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>The engine assembly run as the kernel (override with the MLSD_KERNEL_DLL environment variable).</summary>
    /// <exception cref="FileNotFoundException">The engine's runtimeconfig/deps files are missing next to it.</exception>
    public static KernelCommand Default()
    {
        var dll = Environment.GetEnvironmentVariable("MLSD_KERNEL_DLL") is { Length: > 0 } fromEnv
            ? Path.GetFullPath(fromEnv)
            : typeof(KernelHost).Assembly.Location;
        // Without its own deps.json the host would put every dll of the folder on the probing list — including
        // the CLI's `mlsd.dll`, which would then stand in for the notebooks' `Mlsd.dll`.
        var runtimeConfig = Path.ChangeExtension(dll, ".runtimeconfig.json");
        var deps = Path.ChangeExtension(dll, ".deps.json");
        if (!File.Exists(dll) || !File.Exists(runtimeConfig) || !File.Exists(deps))
            throw new FileNotFoundException(
                $"Cannot start the kernel: {dll} needs {Path.GetFileName(runtimeConfig)} and {Path.GetFileName(deps)} beside it. " +
                "Build with `dotnet build lib/Mlsd.Cli` (or set MLSD_KERNEL_DLL).", runtimeConfig);
        return new KernelCommand(DotnetHost(), ["exec", "--runtimeconfig", runtimeConfig, "--depsfile", deps, dll]);
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
