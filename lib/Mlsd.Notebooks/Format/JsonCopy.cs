using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mlsd.Notebooks.Format;

/// <summary>Deep copies of JSON nodes whose values no longer remember the text they were parsed from.</summary>
internal static class JsonCopy
{
    /// <summary>
    /// Copies <paramref name="node"/> so that strings are plain .NET strings (written with Jupyter's escapes)
    /// rather than parsed elements (written with the escapes of whatever produced them).
    /// </summary>
    public static JsonNode Fresh(JsonNode node) => node switch
    {
        JsonObject o => new JsonObject(o.Select(kv => KeyValuePair.Create(kv.Key, kv.Value is null ? null : Fresh(kv.Value)))),
        JsonArray a => new JsonArray([.. a.Select(x => x is null ? null : Fresh(x))]),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => JsonValue.Create(v.GetValue<string>()),
        _ => node.DeepClone(),
    };
}
