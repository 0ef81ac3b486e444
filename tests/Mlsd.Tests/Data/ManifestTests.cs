using Mlsd.Data;

namespace Mlsd.Tests.Data;

public class ManifestTests
{
    [Fact]
    public void RealManifest_ListsEveryBundledFile_WithCorrectSizes()
    {
        var manifest = Manifest.Current;
        string root = DataPaths.Root;
        var onDisk = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(p => p is not ("README.md" or "LICENSES.md" or ".gitattributes") && !p.Contains("/.tmp-"))
            .Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(onDisk, manifest.Entries.Select(e => e.Path).Order(StringComparer.Ordinal).ToArray());
        foreach (var e in manifest.Entries) Assert.Equal(e.Bytes, new FileInfo(Path.Combine(root, e.Path)).Length);
    }

    [Fact]
    public void Parse_ReadsTableUnderHeading_AndIgnoresOtherTables()
    {
        const string md = """
            # Data
            | folder | what |
            |---|---|
            | a | b |

            ## Manifest

            Some prose.

            | path | bytes | sha256 |
            |---|---:|---|
            | text/a.txt | 3 | BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD |
            | `b/c.bin` | 1,024 | 0000000000000000000000000000000000000000000000000000000000000000 |

            ## After
            | x | y | z |
            """;
        var m = Manifest.Parse(md, "test.md");
        Assert.Equal(2, m.Entries.Count);
        Assert.Equal(new ManifestEntry("text/a.txt", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"), m.Entries[0]);
        Assert.Equal(1024, m.Find("b\\c.bin")!.Bytes);
        Assert.Null(m.Find("x/y"));
    }

    [Fact]
    public void Parse_BadHash_NamesLine()
    {
        const string md = "## Manifest\n\n| path | bytes | sha256 |\n|---|---|---|\n| a.txt | 3 | xyz |\n";
        var e = Assert.Throws<FormatException>(() => Manifest.Parse(md, "r.md"));
        Assert.Contains("r.md:5", e.Message);
        Assert.Contains("64 hex", e.Message);
    }

    [Fact]
    public void Parse_NoHeading_Throws() =>
        Assert.Contains("## Manifest", Assert.Throws<FormatException>(() => Manifest.Parse("# nothing\n", "r.md")).Message);

    [Fact]
    public void ComputeSha256_MatchesKnownVector()
    {
        // FIPS 180-2 test vector: SHA-256("abc").
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "abc");
            Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Manifest.ComputeSha256(path));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void CorruptedCopy_IsReported_WithFileNameAndBothHashes()
    {
        using var temp = new TempDataRoot("text/stopwords_en.json");
        temp.FlipByte("text/stopwords_en.json", 100);
        var e = Assert.Throws<DataIntegrityException>(() => Datasets.Stopwords());
        Assert.Contains("text/stopwords_en.json", e.Message);
        Assert.Contains("corrupt", e.Message);
        Assert.Contains("5ca90c262e1bfcb6d23eee51bdebf143b774ef57a2f4b25917e93638a9cd5c68", e.Message); // expected, from sha256sum
        Assert.Contains("actual", e.Message);
        Assert.Equal(temp.PathOf("text/stopwords_en.json"), e.FilePath);
    }

    [Fact]
    public void TruncatedCopy_IsReported_WithExpectedAndActualSize()
    {
        using var temp = new TempDataRoot("pymk/karate_nodes.csv", "pymk/karate_edges.csv");
        temp.Truncate("pymk/karate_edges.csv", 400);
        var e = Assert.Throws<DataIntegrityException>(() => Datasets.Graphs.Karate());
        Assert.Contains("pymk/karate_edges.csv", e.Message);
        Assert.Contains("truncated", e.Message);
        Assert.Contains("expected 661 bytes", e.Message);
        Assert.Contains("found 400", e.Message);
    }

    [Fact]
    public void TruncatedGzip_IsReportedBeforeDecompression()
    {
        using var temp = new TempDataRoot("digits/digits.csv.gz");
        temp.Truncate("digits/digits.csv.gz", 1000);
        var e = Assert.Throws<DataIntegrityException>(() => Datasets.Digits.Load());
        Assert.Contains("digits/digits.csv.gz", e.Message);
    }

    [Fact]
    public void FileChangedAfterVerification_IsCaughtOnNextLoad()
    {
        using var temp = new TempDataRoot("text/stopwords_en.json");
        Assert.Equal(301, Datasets.Stopwords().Count);
        temp.FlipByte("text/stopwords_en.json", 10);
        File.SetLastWriteTimeUtc(temp.PathOf("text/stopwords_en.json"), DateTime.UtcNow.AddMinutes(1));
        Assert.Throws<DataIntegrityException>(() => Datasets.Stopwords());
    }

    [Fact]
    public void UnlistedFile_IsRefused()
    {
        using var temp = new TempDataRoot();
        File.WriteAllText(temp.PathOf("extra.csv"), "a\n1\n");
        var e = Assert.Throws<DataIntegrityException>(() => Datasets.File("extra.csv"));
        Assert.Contains("not listed", e.Message);
    }

    [Fact]
    public void MissingFile_IsReported()
    {
        using var temp = new TempDataRoot();
        var e = Assert.Throws<FileNotFoundException>(() => Datasets.Graphs.LesMis());
        Assert.Contains("pymk/lesmis_nodes.csv", e.Message);
    }

    [Fact]
    public void ReplaceRows_RewritesOnlyThePrefix_AndKeepsProse()
    {
        string dir = Path.Combine(Path.GetTempPath(), "mlsd-manifest-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string readme = Path.Combine(dir, "README.md");
            string zeros = new('0', 64), ones = new('1', 64), twos = new('2', 64);
            File.WriteAllText(readme, $"# T\n\n## Manifest\n\n| path | bytes | sha256 |\n|---|---:|---|\n| a/x | 1 | {zeros} |\n| s/old | 2 | {ones} |\n\nTrailing prose.\n");
            Manifest.ReplaceRows(readme, "s/", [new ManifestEntry("s/new", 5, twos)]);
            string text = File.ReadAllText(readme);
            Assert.Contains("Trailing prose.", text);
            Assert.DoesNotContain("s/old", text);
            var m = Manifest.Parse(text);
            Assert.Equal(["a/x", "s/new"], m.Entries.Select(e => e.Path).ToArray());
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
