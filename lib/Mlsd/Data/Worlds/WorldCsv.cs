using Mlsd.Data.Synthetic;

namespace Mlsd.Data.Worlds;

/// <summary>Writes a world's table with <see cref="CsvWriter"/>: invariant culture, '\n', UTF-8 without BOM — the same seed gives the same bytes.</summary>
internal static class WorldCsv
{
    /// <summary>Writes <paramref name="rows"/> under <paramref name="header"/> to <paramref name="directory"/>/<paramref name="fileName"/>
    /// and returns the path; <paramref name="writeRow"/> appends one row's fields (this ends the row).</summary>
    public static string Write<T>(string directory, string fileName, string[] header, IReadOnlyList<T> rows, Action<CsvWriter, T> writeRow)
    {
        string path = Path.Combine(directory, fileName);
        using var writer = new CsvWriter(path);
        writer.WriteHeader(header);
        foreach (var row in rows)
        {
            writeRow(writer, row);
            writer.EndRow();
        }
        return path;
    }
}
