namespace Mlsd.Notebooks.Execution;

/// <summary>Why a cell failed, with the 1-based line within the cell when it is known.</summary>
/// <param name="Name">The error's name: an exception type, "CompilationError", "UnsupportedKernel", "Timeout" …</param>
/// <param name="Message">A one-line, human-readable message.</param>
/// <param name="Line">1-based line within the cell source, when known.</param>
/// <param name="Traceback">Details (compiler diagnostics or the stack trace), one line each.</param>
public sealed record CellError(string Name, string Message, int? Line, IReadOnlyList<string> Traceback)
{
    /// <summary>"Name: Message" on one line.</summary>
    public override string ToString() => $"{Name}: {Message}";
}
