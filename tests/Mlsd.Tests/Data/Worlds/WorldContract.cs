using System.Collections;

namespace Mlsd.Tests.Data.Worlds;

/// <summary>The checks every synthetic world passes (lib/Mlsd/Data/Worlds/README.md, "Tests every world has").</summary>
internal static class WorldContract
{
    /// <summary>
    /// Generates with seeds 5, 5 and 6 and writes CSV each time: the first two give the same files byte for byte,
    /// the third differs somewhere; files are UTF-8 without BOM with '\n' line ends.
    /// </summary>
    /// <param name="writeCsv">(seed, directory) → generate a world with that seed and return WriteCsv(directory).</param>
    /// <param name="files">The file names WriteCsv promises, in order.</param>
    public static void CsvIsReproducible(Func<int, string, IReadOnlyList<string>> writeCsv, params string[] files)
    {
        string root = Path.Combine(Path.GetTempPath(), "mlsd-world-" + Guid.NewGuid().ToString("N"));
        try
        {
            var first = writeCsv(5, Path.Combine(root, "a"));
            var second = writeCsv(5, Path.Combine(root, "b"));
            var other = writeCsv(6, Path.Combine(root, "c"));
            Assert.Equal(files, first.Select(Path.GetFileName));
            bool anyDiffers = false;
            for (int f = 0; f < first.Count; f++)
            {
                var bytes = File.ReadAllBytes(first[f]);
                Assert.Equal(bytes, File.ReadAllBytes(second[f]));
                Assert.NotEqual(0xEF, bytes[0]);                 // no BOM
                Assert.DoesNotContain((byte)'\r', bytes);
                anyDiffers |= !bytes.AsSpan().SequenceEqual(File.ReadAllBytes(other[f]));
            }
            Assert.True(anyDiffers, "another seed must give another world");
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Each table is a read-only list: not an array a notebook could cast back, and writing a row throws.</summary>
    public static void TablesAreReadOnly(params IEnumerable[] tables)
    {
        foreach (var table in tables)
        {
            Assert.False(table is Array, $"{table.GetType().Name} is an array: a notebook could change the world");
            var list = Assert.IsAssignableFrom<IList>(table);
            Assert.True(list.IsReadOnly);
            Assert.NotEmpty(list);
            Assert.Throws<NotSupportedException>(() => list[0] = list[0]);
        }
    }
}
