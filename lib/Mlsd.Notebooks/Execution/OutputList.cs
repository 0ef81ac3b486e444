using System.Text;
using System.Text.Json.Nodes;
using Mlsd.Notebooks.Format;

namespace Mlsd.Notebooks.Execution;

/// <summary>
/// A cell's outputs in the order they happened, merging consecutive chunks of the same stream into one
/// <c>stream</c> output as Jupyter does. Both the kernel process and the runner use it, so the outputs
/// assembled from streamed chunks equal the kernel's own.
/// </summary>
/// <remarks>
/// The stream output being appended to is kept as text and turned into its JSON form only when
/// <see cref="Items"/> is read, so a cell writing many small chunks costs time linear in what it writes (the
/// JSON form is a line array: rebuilding it per chunk made a 5 MB write take seconds and 20 MB minutes).
/// </remarks>
public sealed class OutputList
{
    private readonly List<JsonObject> _items = [];
    private readonly StringBuilder _tail = new();
    private string? _tailStream;
    private bool _tailStale;

    /// <summary>The outputs so far.</summary>
    public IReadOnlyList<JsonObject> Items
    {
        get
        {
            Settle();
            return _items;
        }
    }

    /// <summary>Output <paramref name="index"/> (only the last one, if a stream still growing, is rebuilt to read it).</summary>
    public JsonObject this[int index]
    {
        get
        {
            if (index == _items.Count - 1) Settle();
            return _items[index];
        }
    }

    /// <summary>How many outputs there are (chunks merged into one stream output count once).</summary>
    public int Count => _items.Count;

    /// <summary>Adds an output, appending to the previous one if both are chunks of the same stream.</summary>
    public void Add(JsonObject output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!IsStream(output, out var name))
        {
            Settle();
            _items.Add(output);
            _tailStream = null;
            _tail.Clear();
            return;
        }
        var text = NotebookOutputs.GetText(output) ?? "";
        if (_tailStream == name)
        {
            _tail.Append(text);
            _tailStale = true;
            return;
        }
        Settle();
        _items.Add(output);
        _tailStream = name;
        _tail.Clear().Append(text);
    }

    /// <summary>Replaces output <paramref name="index"/> (a display being updated in place).</summary>
    public void Replace(int index, JsonObject output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (index < 0 || index >= _items.Count)
            throw new ArgumentOutOfRangeException(nameof(index), $"index must be in [0, {_items.Count}) (got {index}).");
        if (index == _items.Count - 1)
        {
            _tailStream = null;
            _tail.Clear();
            _tailStale = false;
        }
        _items[index] = output;
    }

    /// <summary>Writes the open stream output's text into its JSON form.</summary>
    private void Settle()
    {
        if (!_tailStale) return;
        _items[^1] = NotebookOutputs.Stream(_tailStream!, _tail.ToString());
        _tailStale = false;
    }

    private static bool IsStream(JsonObject output, out string? name)
    {
        name = output["name"]?.GetValue<string>();
        return output["output_type"]?.GetValue<string>() == "stream" && name is not null;
    }
}
