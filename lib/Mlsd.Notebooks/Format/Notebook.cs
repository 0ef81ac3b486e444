using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mlsd.Notebooks.Format;

/// <summary>
/// An nbformat 4 notebook as a JSON tree. The tree is the document: every field we do not understand
/// (extra metadata, attachments, ids) stays where it was, and writing an unchanged notebook gives back
/// the exact bytes it was read from (indent, escapes, number text and final newline preserved).
/// </summary>
public sealed class Notebook
{
    // Duplicate keys are refused while parsing: JsonObject would otherwise fail later, on first access, far from here.
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 256, AllowDuplicateProperties = false };
    private readonly List<NotebookCell> _cells;
    private readonly string _indent;
    private readonly string _newLine;
    private readonly bool _finalNewLine;
    private readonly bool _byteOrderMark;

    private Notebook(JsonObject root, string? filePath, string indent, string newLine, bool finalNewLine, bool bom)
    {
        Root = root;
        FilePath = filePath;
        _indent = indent;
        _newLine = newLine;
        _finalNewLine = finalNewLine;
        _byteOrderMark = bom;
        _cells = ((JsonArray)root["cells"]!).Select(c => new NotebookCell((JsonObject)c!)).ToList();
    }

    /// <summary>The file this notebook was loaded from, or null for one built in memory.</summary>
    public string? FilePath { get; }

    /// <summary>The whole document; edit through <see cref="Cells"/> where you can.</summary>
    public JsonObject Root { get; }

    /// <summary>The cells in document order.</summary>
    public IReadOnlyList<NotebookCell> Cells => _cells;

    /// <summary>Notebook-level metadata (kernelspec, language_info, polyglot_notebook …).</summary>
    public JsonObject Metadata => (JsonObject)Root["metadata"]!;

    /// <summary>The nbformat minor version (4.x).</summary>
    public int FormatMinor => Root["nbformat_minor"]!.GetValue<int>();

    /// <summary>The notebook's file name without folder, or "(in memory)".</summary>
    public string DisplayName => FilePath is null ? "(in memory)" : Path.GetFileName(FilePath);

    /// <summary>Reads and validates a notebook file.</summary>
    /// <exception cref="NotebookFormatException">The file is not valid nbformat 4 JSON; the message names the file and where.</exception>
    public static Notebook Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new FileNotFoundException($"Notebook not found: {full}", full);
        var bytes = File.ReadAllBytes(full);
        var bom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, bom ? 3 : 0, bytes.Length - (bom ? 3 : 0));
        }
        catch (DecoderFallbackException e)
        {
            throw new NotebookFormatException(full, "the file is not UTF-8 text", inner: e);
        }
        return Parse(text, full, bom);
    }

    /// <summary>Parses notebook JSON text; <paramref name="sourceName"/> is used in error messages and as <see cref="FilePath"/>.</summary>
    /// <exception cref="NotebookFormatException">The text is not valid nbformat 4 JSON.</exception>
    public static Notebook Parse(string json, string? sourceName = null) => Parse(json, sourceName, false);

    private static Notebook Parse(string json, string? sourceName, bool bom)
    {
        ArgumentNullException.ThrowIfNull(json);
        var name = sourceName ?? "(notebook text)";
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: ParseOptions);
        }
        catch (JsonException e)
        {
            throw new NotebookFormatException(name, "malformed JSON: " + StripLocation(e.Message),
                e.LineNumber is long line ? line + 1 : null, e.BytePositionInLine is long column ? column + 1 : null, e);
        }
        if (node is not JsonObject root)
            throw new NotebookFormatException(name, "the top level must be a JSON object");
        NotebookValidator.Validate(root, name);
        var (indent, newLine) = DetectLayout(json);
        return new Notebook(root, sourceName, indent, newLine, json.EndsWith('\n'), bom);
    }

    /// <summary>A new, empty notebook with the Polyglot (C#) metadata VS Code writes, nbformat 4.5.</summary>
    public static Notebook CreatePolyglot()
    {
        var root = new JsonObject
        {
            ["cells"] = new JsonArray(),
            ["metadata"] = PolyglotMetadata.CreateNotebookMetadata(),
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        return new Notebook(root, null, " ", "\n", true, false);
    }

    /// <summary>Appends a markdown cell and returns it (with an id when the notebook is nbformat 4.5 or later).</summary>
    public NotebookCell AddMarkdownCell(string source, string? id = null) =>
        AddCell(NotebookCell.CreateMarkdown(source, id ?? NextId()));

    /// <summary>Appends a C# code cell (with the Polyglot cell metadata, and an id from nbformat 4.5 on) and returns it.</summary>
    public NotebookCell AddCodeCell(string source, string? id = null) =>
        AddCell(NotebookCell.CreateCode(source, id ?? NextId()));

    private NotebookCell AddCell(NotebookCell cell)
    {
        // Cell ids exist from nbformat 4.5; older schemas do not allow the field.
        if (FormatMinor < 5) cell.Json.Remove("id");
        ((JsonArray)Root["cells"]!).Add(cell.Json);
        _cells.Add(cell);
        return cell;
    }

    private string NextId()
    {
        // Deterministic ids (cell-1, cell-2, …) keep generated notebooks reproducible byte for byte.
        var used = _cells.Select(c => c.Id).ToHashSet();
        for (var n = _cells.Count + 1; ; n++)
        {
            var id = "cell-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!used.Contains(id)) return id;
        }
    }

    /// <summary>A deep copy (same layout, same file path) that can be changed without touching this one.</summary>
    public Notebook Clone() => new((JsonObject)Root.DeepClone(), FilePath, _indent, _newLine, _finalNewLine, _byteOrderMark);

    /// <summary>The JSON text in Jupyter's layout (byte-identical to the source if nothing changed).</summary>
    public string ToJson()
    {
        var text = JupyterJsonWriter.Write(Root, _indent, _newLine);
        return _finalNewLine ? text + _newLine : text;
    }

    /// <summary>The encoded file content, as <see cref="Save"/> writes it.</summary>
    public byte[] ToBytes()
    {
        var body = Encoding.UTF8.GetBytes(ToJson());
        return _byteOrderMark ? [0xEF, 0xBB, 0xBF, .. body] : body;
    }

    /// <summary>
    /// Writes the notebook atomically: to a temporary file in the same folder, then renamed over
    /// <paramref name="path"/>, so a crash mid-write never leaves a half-written notebook.
    /// </summary>
    public void Save(string path) => AtomicFile.WriteAllBytes(path, ToBytes());

    /// <summary>Clears outputs and execution counts of every code cell (what committed notebooks carry).</summary>
    public void ClearOutputs()
    {
        foreach (var cell in _cells) cell.ClearOutputs();
    }

    private static (string Indent, string NewLine) DetectLayout(string json)
    {
        var nl = json.IndexOf('\n');
        if (nl < 0) return (" ", "\n");
        var newLine = nl > 0 && json[nl - 1] == '\r' ? "\r\n" : "\n";
        var i = nl + 1;
        var start = i;
        while (i < json.Length && (json[i] == ' ' || json[i] == '\t')) i++;
        var indent = json[start..i];
        return (indent.Length == 0 ? " " : indent, newLine);
    }

    private static string StripLocation(string message)
    {
        // System.Text.Json appends "Path: $ | LineNumber: 3 | BytePositionInLine: 4."; we report that ourselves.
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
