using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;

namespace Mlsd.Data;

/// <summary>
/// An array read from an IDX file (the MNIST / Fashion-MNIST format): its shape and its bytes, row-major.
/// </summary>
/// <param name="Source">The file name, for messages.</param>
/// <param name="Shape">Dimension sizes, outermost first (e.g. [10000, 28, 28] for images).</param>
/// <param name="Data">The elements, row-major, one byte each (unsigned).</param>
public sealed record IdxArray(string Source, int[] Shape, byte[] Data)
{
    /// <summary>Size of the first dimension (number of items).</summary>
    public int Count => Shape[0];

    /// <summary>Elements per item: the product of all dimensions but the first (1 for a vector).</summary>
    public int ItemSize => Shape.Length == 1 ? 1 : Data.Length / Math.Max(1, Shape[0]);

    /// <summary>A summary such as <c>t10k-images-idx3-ubyte.gz: ubyte [10000 × 28 × 28]</c>.</summary>
    public override string ToString() => $"{Source}: ubyte [{string.Join(" × ", Shape)}]";
}

/// <summary>
/// Reads IDX files: a big-endian header (two zero bytes, an element-type code, the number of dimensions,
/// then each dimension as a big-endian int32) followed by the elements. Gzipped files are read transparently.
/// Only the unsigned-byte element type (0x08), the one (Fashion-)MNIST uses, is supported.
/// </summary>
/// <remarks>Format as described by LeCun, Cortes &amp; Burges, "The MNIST database of handwritten digits" (1998).</remarks>
public static class Idx
{
    /// <summary>Reads the IDX file at <paramref name="path"/> (<c>.gz</c> decompressed). Errors name the file.</summary>
    public static IdxArray Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"IDX file not found: {path}", path);
        string name = Path.GetFileName(path);
        byte[] bytes;
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            using var file = File.OpenRead(path);
            using var gz = new GZipStream(file, CompressionMode.Decompress);
            using var buffer = new MemoryStream();
            try { gz.CopyTo(buffer); }
            catch (InvalidDataException e) { throw new InvalidDataException($"{name}: not a valid gzip stream ({e.Message})", e); }
            bytes = buffer.ToArray();
        }
        else bytes = File.ReadAllBytes(path);
        return Parse(bytes, name);
    }

    /// <summary>Parses IDX <paramref name="bytes"/>; <paramref name="source"/> names them in errors.</summary>
    public static IdxArray Parse(ReadOnlySpan<byte> bytes, string source = "<idx>")
    {
        if (bytes.Length < 4) throw new InvalidDataException($"{source}: too short for an IDX header ({bytes.Length} bytes).");
        if (bytes[0] != 0 || bytes[1] != 0)
            throw new InvalidDataException($"{source}: not an IDX file (magic number must start with two zero bytes, found 0x{bytes[0]:X2} 0x{bytes[1]:X2}).");
        byte type = bytes[2];
        if (type != 0x08)
            throw new InvalidDataException($"{source}: IDX element type 0x{type:X2} ({TypeName(type)}) is not supported; only unsigned byte (0x08).");
        int dims = bytes[3];
        if (dims < 1) throw new InvalidDataException($"{source}: IDX header declares {dims} dimensions; at least 1 is needed.");
        int headerLength = 4 + 4 * dims;
        if (bytes.Length < headerLength) throw new InvalidDataException($"{source}: truncated IDX header (needs {headerLength} bytes, file has {bytes.Length}).");
        var shape = new int[dims];
        long total = 1;
        for (int d = 0; d < dims; d++)
        {
            int size = BinaryPrimitives.ReadInt32BigEndian(bytes.Slice(4 + 4 * d, 4));
            if (size < 0) throw new InvalidDataException($"{source}: dimension {d} has negative size {size}.");
            shape[d] = size;
            total *= size;
        }
        long available = bytes.Length - headerLength;
        if (available != total)
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{source}: the header promises {total:N0} elements ({string.Join(" × ", shape)}) but {available:N0} bytes follow it{(available < total ? " (truncated)" : "")}."));
        return new IdxArray(source, shape, bytes[headerLength..].ToArray());
    }

    private static string TypeName(byte type) => type switch
    {
        0x09 => "signed byte",
        0x0B => "int16",
        0x0C => "int32",
        0x0D => "float32",
        0x0E => "float64",
        _ => "unknown",
    };
}
