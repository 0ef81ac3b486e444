using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Mlsd.Data;

/// <summary>
/// A small PNG codec, because .NET on Linux has no image decoder (System.Drawing is Windows-only since .NET 6).
/// Decodes non-interlaced greyscale, grey+alpha, RGB, RGBA and palette images of any valid bit depth to 8 bits per
/// sample (filters 0–4, zlib via <see cref="ZLibStream"/>, every chunk's CRC checked); palette images become RGB.
/// Encodes 8-bit images, so notebooks can show results.
/// </summary>
/// <remarks>Format: W3C, "Portable Network Graphics (PNG) Specification (Second Edition)", 2003.</remarks>
public static class Png
{
    private static readonly byte[] s_signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly uint[] s_crcTable = BuildCrcTable();

    /// <summary>Reads and decodes the PNG file at <paramref name="path"/>. Errors name the file.</summary>
    public static RasterImage Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"PNG file not found: {path}", path);
        return Decode(File.ReadAllBytes(path), Path.GetFileName(path));
    }

    /// <summary>Decodes PNG <paramref name="bytes"/>; <paramref name="source"/> names them in errors.</summary>
    public static RasterImage Decode(byte[] bytes, string source = "<png>")
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length < 8 || !bytes.AsSpan(0, 8).SequenceEqual(s_signature))
            throw new InvalidDataException($"{source}: not a PNG file (signature missing).");
        int width = 0, height = 0, bitDepth = 0, colorType = -1, interlace = 0;
        byte[]? palette = null;
        using var idat = new MemoryStream();
        int pos = 8;
        bool ended = false;
        while (!ended)
        {
            if (pos + 8 > bytes.Length) throw new InvalidDataException($"{source}: truncated PNG (chunk header at byte {pos} is cut off; no IEND).");
            int length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(pos, 4));
            if (length < 0 || (long)pos + 12 + length > bytes.Length)
                throw new InvalidDataException($"{source}: truncated PNG (a chunk at byte {pos} declares {length} bytes, more than the file holds).");
            string type = Encoding.ASCII.GetString(bytes, pos + 4, 4);
            var data = bytes.AsSpan(pos + 8, length);
            uint stored = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(pos + 8 + length, 4));
            uint actual = Crc(bytes.AsSpan(pos + 4, 4 + length));
            if (stored != actual) throw new InvalidDataException($"{source}: corrupt PNG (CRC mismatch in chunk {type} at byte {pos}).");
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data[..4]);
                    height = BinaryPrimitives.ReadInt32BigEndian(data.Slice(4, 4));
                    bitDepth = data[8];
                    colorType = data[9];
                    interlace = data[12];
                    break;
                case "PLTE": palette = data.ToArray(); break;
                case "IDAT": idat.Write(data); break;
                case "IEND": ended = true; break;
            }
            pos += 12 + length;
        }
        if (width < 1 || height < 1) throw new InvalidDataException($"{source}: missing or invalid IHDR chunk.");
        if (interlace != 0) throw new NotSupportedException($"{source}: interlaced (Adam7) PNGs are not supported.");
        int channels = colorType switch
        {
            0 => 1, 2 => 3, 3 => 1, 4 => 2, 6 => 4,
            _ => throw new InvalidDataException($"{source}: invalid PNG colour type {colorType}."),
        };
        bool depthOk = colorType switch
        {
            0 => bitDepth is 1 or 2 or 4 or 8 or 16,
            3 => bitDepth is 1 or 2 or 4 or 8,
            _ => bitDepth is 8 or 16,
        };
        if (!depthOk) throw new InvalidDataException($"{source}: bit depth {bitDepth} is invalid for colour type {colorType}.");
        if (colorType == 3 && palette is null) throw new InvalidDataException($"{source}: palette image without a PLTE chunk.");

        int bitsPerPixel = channels * bitDepth;
        int filterBpp = Math.Max(1, bitsPerPixel / 8);
        long strideLong = ((long)width * bitsPerPixel + 7) / 8;
        long rawLength = height * (strideLong + 1);
        if (rawLength > Array.MaxLength) throw new NotSupportedException($"{source}: image too large ({width}×{height}).");
        int stride = (int)strideLong;
        var raw = new byte[rawLength];
        idat.Position = 0;
        using (var z = new ZLibStream(idat, CompressionMode.Decompress))
        {
            int read = 0;
            try
            {
                while (read < raw.Length)
                {
                    int n = z.Read(raw, read, raw.Length - read);
                    if (n == 0) break;
                    read += n;
                }
            }
            catch (InvalidDataException e) { throw new InvalidDataException($"{source}: corrupt PNG image data ({e.Message})", e); }
            if (read < raw.Length) throw new InvalidDataException($"{source}: truncated PNG image data ({read} of {raw.Length} bytes).");
        }

        var lines = new byte[height * stride];
        Unfilter(raw, lines, stride, height, filterBpp, source);
        var samples = ToSamples(lines, width, height, stride, channels, bitDepth, scaleToByte: colorType != 3);
        if (colorType != 3) return new RasterImage(width, height, channels, samples);

        var rgb = new byte[width * height * 3];
        int entries = palette!.Length / 3;
        for (int i = 0; i < samples.Length; i++)
        {
            int index = samples[i];
            if (index >= entries) throw new InvalidDataException($"{source}: palette index {index} out of range ({entries} entries).");
            rgb[3 * i] = palette[3 * index];
            rgb[3 * i + 1] = palette[3 * index + 1];
            rgb[3 * i + 2] = palette[3 * index + 2];
        }
        return new RasterImage(width, height, 3, rgb);
    }

    /// <summary>Unpacks scanlines into one byte per sample: 16-bit keeps the high byte; 1/2/4-bit is scaled to 0–255 (or kept as a palette index).</summary>
    private static byte[] ToSamples(byte[] lines, int width, int height, int stride, int channels, int bitDepth, bool scaleToByte)
    {
        if (bitDepth == 8) return lines;
        var samples = new byte[width * height * channels];
        int perRow = width * channels;
        for (int y = 0; y < height; y++)
        {
            int row = y * stride, dst = y * perRow;
            if (bitDepth == 16)
            {
                for (int i = 0; i < perRow; i++) samples[dst + i] = lines[row + 2 * i];
                continue;
            }
            int max = (1 << bitDepth) - 1, perByte = 8 / bitDepth;
            for (int i = 0; i < perRow; i++)
            {
                int shift = 8 - bitDepth * (i % perByte + 1);
                int value = (lines[row + i / perByte] >> shift) & max;
                samples[dst + i] = (byte)(scaleToByte ? value * 255 / max : value);
            }
        }
        return samples;
    }

    /// <summary>Encodes <paramref name="image"/> as PNG bytes (8-bit, filter type 1 "Sub" on every row, zlib level Optimal).</summary>
    public static byte[] Encode(RasterImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        int stride = image.Width * image.Channels, bpp = image.Channels;
        var filtered = new byte[image.Height * (stride + 1)];
        for (int y = 0; y < image.Height; y++)
        {
            int src = y * stride, dst = y * (stride + 1);
            filtered[dst] = 1;
            for (int i = 0; i < stride; i++)
                filtered[dst + 1 + i] = (byte)(image.Pixels[src + i] - (i >= bpp ? image.Pixels[src + i - bpp] : 0));
        }
        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true)) z.Write(filtered);

        using var output = new MemoryStream();
        output.Write(s_signature);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, image.Width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), image.Height);
        header[8] = 8;
        header[9] = image.Channels switch { 1 => 0, 2 => 4, 3 => 2, _ => 6 };
        WriteChunk(output, "IHDR", header);
        WriteChunk(output, "IDAT", compressed.ToArray());
        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    /// <summary>Writes <paramref name="image"/> to <paramref name="path"/> as PNG.</summary>
    public static void Write(string path, RasterImage image) => File.WriteAllBytes(path, Encode(image));

    private static void Unfilter(byte[] raw, byte[] lines, int stride, int height, int bpp, string source)
    {
        for (int y = 0; y < height; y++)
        {
            int filter = raw[y * (stride + 1)];
            int src = y * (stride + 1) + 1, dst = y * stride, up = dst - stride;
            for (int i = 0; i < stride; i++)
            {
                int x = raw[src + i];
                int a = i >= bpp ? lines[dst + i - bpp] : 0;
                int b = y > 0 ? lines[up + i] : 0;
                int c = i >= bpp && y > 0 ? lines[up + i - bpp] : 0;
                lines[dst + i] = filter switch
                {
                    0 => (byte)x,
                    1 => (byte)(x + a),
                    2 => (byte)(x + b),
                    3 => (byte)(x + ((a + b) >> 1)),
                    4 => (byte)(x + Paeth(a, b, c)),
                    _ => throw new InvalidDataException($"{source}: invalid PNG filter type {filter} on row {y}."),
                };
            }
        }
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static void WriteChunk(Stream output, string type, byte[] data)
    {
        Span<byte> four = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(four, data.Length);
        output.Write(four);
        var typeAndData = new byte[4 + data.Length];
        Encoding.ASCII.GetBytes(type, typeAndData);
        data.CopyTo(typeAndData, 4);
        output.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(four, Crc(typeAndData));
        output.Write(four);
    }

    private static uint Crc(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFFu;
        foreach (byte b in data) crc = s_crcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc ^ 0xFFFFFFFFu;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
