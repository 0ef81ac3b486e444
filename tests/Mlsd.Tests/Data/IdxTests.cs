using System.IO.Compression;
using Mlsd.Data;

namespace Mlsd.Tests.Data;

public class IdxTests
{
    // Header: 00 00 (magic), 08 (ubyte), 02 (dims), then 2 and 3 as big-endian int32, then 6 bytes.
    private static readonly byte[] s_twoByThree = [0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 4, 5, 255];

    [Fact]
    public void Parse_ReadsBigEndianShapeAndData()
    {
        var a = Idx.Parse(s_twoByThree, "tiny.idx");
        Assert.Equal([2, 3], a.Shape);
        Assert.Equal([1, 2, 3, 4, 5, 255], a.Data);
        Assert.Equal(2, a.Count);
        Assert.Equal(3, a.ItemSize);
        Assert.Equal("tiny.idx: ubyte [2 × 3]", a.ToString());
    }

    [Fact]
    public void BadMagic_NamesFile()
    {
        var bytes = (byte[])s_twoByThree.Clone();
        bytes[0] = 0x1F;
        var e = Assert.Throws<InvalidDataException>(() => Idx.Parse(bytes, "x.idx"));
        Assert.StartsWith("x.idx: not an IDX file", e.Message);
    }

    [Fact]
    public void TruncatedData_NamesFileAndCounts()
    {
        var e = Assert.Throws<InvalidDataException>(() => Idx.Parse(s_twoByThree[..^2], "x.idx"));
        Assert.Contains("x.idx", e.Message);
        Assert.Contains("promises 6 elements", e.Message);
        Assert.Contains("4 bytes follow", e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void TruncatedHeader_And_UnsupportedType_AreReported()
    {
        Assert.Contains("truncated IDX header", Assert.Throws<InvalidDataException>(() => Idx.Parse(s_twoByThree[..9], "h.idx")).Message);
        var floats = (byte[])s_twoByThree.Clone();
        floats[2] = 0x0D;
        Assert.Contains("0x0D (float32) is not supported", Assert.Throws<InvalidDataException>(() => Idx.Parse(floats, "f.idx")).Message);
    }

    [Fact]
    public void Read_Gzip()
    {
        string path = Path.Combine(Path.GetTempPath(), $"mlsd-{Guid.NewGuid():N}-idx1-ubyte.gz");
        try
        {
            using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest)) gz.Write(s_twoByThree);
            Assert.Equal([2, 3], Idx.Read(path).Shape);
        }
        finally { File.Delete(path); }
    }
}
