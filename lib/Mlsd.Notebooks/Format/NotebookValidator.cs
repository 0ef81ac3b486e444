using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mlsd.Notebooks.Format;

/// <summary>Checks the nbformat 4 fields the engine relies on, with messages that say which cell and which field.</summary>
internal static class NotebookValidator
{
    public static void Validate(JsonObject root, string name)
    {
        var major = RequireInt(root, "nbformat", name, "the notebook");
        if (major != 4)
            throw new NotebookFormatException(name, $"nbformat {major} is not supported (expected 4; convert it with `jupyter nbconvert --to notebook --nbformat 4`)");
        var minor = RequireInt(root, "nbformat_minor", name, "the notebook");
        if (minor < 0) throw new NotebookFormatException(name, $"nbformat_minor must be >= 0 (got {minor})");
        Require<JsonObject>(root, "metadata", name, "the notebook", "an object");
        var cells = Require<JsonArray>(root, "cells", name, "the notebook", "an array");
        for (var i = 0; i < cells.Count; i++)
        {
            var where = $"cell {i + 1}";
            if (cells[i] is not JsonObject cell)
                throw new NotebookFormatException(name, $"{where} must be a JSON object");
            var type = Require<JsonValue>(cell, "cell_type", name, where, "a string");
            if (type.GetValueKind() != JsonValueKind.String)
                throw new NotebookFormatException(name, $"{where}: \"cell_type\" must be a string");
            var kind = type.GetValue<string>();
            if (kind is not ("code" or "markdown" or "raw"))
                throw new NotebookFormatException(name, $"{where}: unknown cell_type \"{kind}\" (expected code, markdown or raw)");
            Require<JsonObject>(cell, "metadata", name, where, "an object");
            var source = cell["source"];
            if (!cell.ContainsKey("source"))
                throw new NotebookFormatException(name, $"{where} is missing the required field \"source\"");
            if (!IsText(source))
                throw new NotebookFormatException(name, $"{where}: \"source\" must be a string or an array of strings");
            if (kind == "code")
            {
                Require<JsonArray>(cell, "outputs", name, where, "an array");
                if (!cell.ContainsKey("execution_count"))
                    throw new NotebookFormatException(name, $"{where} (code) is missing the required field \"execution_count\"");
                var count = cell["execution_count"];
                if (count is not null && (count is not JsonValue v || v.GetValueKind() != JsonValueKind.Number))
                    throw new NotebookFormatException(name, $"{where}: \"execution_count\" must be a number or null");
            }
            if (minor >= 5 && cell["id"] is JsonNode id && (id is not JsonValue idv || idv.GetValueKind() != JsonValueKind.String))
                throw new NotebookFormatException(name, $"{where}: \"id\" must be a string");
        }
    }

    private static bool IsText(JsonNode? node) => node switch
    {
        JsonValue v => v.GetValueKind() == JsonValueKind.String,
        JsonArray a => a.All(x => x is JsonValue s && s.GetValueKind() == JsonValueKind.String),
        _ => false,
    };

    private static int RequireInt(JsonObject obj, string field, string name, string where)
    {
        var value = Require<JsonValue>(obj, field, name, where, "an integer");
        if (value.GetValueKind() != JsonValueKind.Number || !value.TryGetValue<JsonElement>(out var e) && !value.TryGetValue<int>(out _))
            throw new NotebookFormatException(name, $"{where}: \"{field}\" must be an integer");
        if (value.TryGetValue<JsonElement>(out e))
        {
            if (!e.TryGetInt32(out var i)) throw new NotebookFormatException(name, $"{where}: \"{field}\" must be an integer (got {e.GetRawText()})");
            return i;
        }
        return value.GetValue<int>();
    }

    private static T Require<T>(JsonObject obj, string field, string name, string where, string expected) where T : JsonNode
    {
        if (!obj.TryGetPropertyValue(field, out var node) )
            throw new NotebookFormatException(name, $"{where} is missing the required field \"{field}\"");
        if (node is not T typed)
            throw new NotebookFormatException(name, $"{where}: \"{field}\" must be {expected}");
        return typed;
    }
}
