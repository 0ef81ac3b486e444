using System.Text.Json.Nodes;
using Mlsd.Notebooks.Format;

namespace Mlsd.Notebooks.Execution;

/// <summary>
/// A cell's outputs in the order they happened, merging consecutive chunks of the same stream into one
/// <c>stream</c> output as Jupyter does. Both the kernel process and the runner use it, so the outputs
/// assembled from streamed chunks equal the kernel's own.
/// </summary>
public sealed class OutputList
{
    private readonly List<JsonObject> _items = [];

    /// <summary>The outputs so far.</summary>
    public IReadOnlyList<JsonObject> Items => _items;

    /// <summary>Adds an output, appending to the previous one if both are chunks of the same stream.</summary>
    public void Add(JsonObject output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (_items.Count > 0 && IsStream(output, out var name) && IsStream(_items[^1], out var lastName) && name == lastName)
        {
            var merged = NotebookOutputs.GetText(_items[^1]) + NotebookOutputs.GetText(output);
            _items[^1] = NotebookOutputs.Stream(name!, merged);
            return;
        }
        _items.Add(output);
    }

    /// <summary>Replaces output <paramref name="index"/> (a display being updated in place).</summary>
    public void Replace(int index, JsonObject output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (index < 0 || index >= _items.Count)
            throw new ArgumentOutOfRangeException(nameof(index), $"index must be in [0, {_items.Count}) (got {index}).");
        _items[index] = output;
    }

    private static bool IsStream(JsonObject output, out string? name)
    {
        name = output["name"]?.GetValue<string>();
        return output["output_type"]?.GetValue<string>() == "stream" && name is not null;
    }
}
