namespace Mlsd.Notebooks.Format;

/// <summary>
/// A notebook file that is not valid nbformat 4 JSON. The message always names the file and, for JSON
/// syntax errors, the 1-based line and position, so the author can jump straight to the mistake.
/// The engine never writes to a file it could not read, so the file is left exactly as it was.
/// </summary>
public sealed class NotebookFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="file">The file (or source name) being read.</param>
    /// <param name="problem">What is wrong, in words.</param>
    /// <param name="line">1-based line of a JSON syntax error, when known.</param>
    /// <param name="position">1-based position (byte within the line) of a JSON syntax error, when known.</param>
    /// <param name="inner">The underlying parser error, if any.</param>
    public NotebookFormatException(string file, string problem, long? line = null, long? position = null, Exception? inner = null)
        : base(Compose(file, problem, line, position), inner)
    {
        File = file;
        Problem = problem;
        Line = line;
        Position = position;
    }

    /// <summary>The file (or source name) that could not be read.</summary>
    public string File { get; }

    /// <summary>What is wrong, without the location prefix.</summary>
    public string Problem { get; }

    /// <summary>1-based line of a JSON syntax error, or null when the JSON parsed but the content is wrong.</summary>
    public long? Line { get; }

    /// <summary>1-based byte position within <see cref="Line"/>, or null.</summary>
    public long? Position { get; }

    private static string Compose(string file, string problem, long? line, long? position) =>
        line is null
            ? $"{file}: not a valid notebook: {problem}"
            : $"{file}({line},{position}): not a valid notebook: {problem}";
}
