namespace Mlsd.Notebooks.Running;

/// <summary>
/// Entry point of the kernel process that <see cref="NotebookRunner"/> starts (<c>dotnet Mlsd.Notebooks.dll</c>).
/// A separate entry assembly on purpose: a process whose entry assembly is the CLI (<c>mlsd</c>) would bind the
/// notebooks' <c>#r "…/Mlsd.dll"</c> to itself, as assembly names compare case-insensitively.
/// </summary>
public static class KernelProgram
{
    /// <summary>Runs the kernel loop (see <see cref="KernelHost"/>).</summary>
    public static Task<int> Main() => KernelHost.RunAsync();
}
