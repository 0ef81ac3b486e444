using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Mlsd.Notebooks.Format;

namespace Mlsd.Notebooks.Authoring;

/// <summary>
/// Merges a newly generated learner copy into the one a learner may have edited, cell by cell (by cell id). The copy
/// records a fingerprint of each cell as generated (<c>metadata.mlsd.generated</c>: cell id → hash of its type and
/// source); a cell whose text still matches its fingerprint is the learner's untouched copy and may be replaced, any
/// other cell is the learner's work and is kept.
/// </summary>
internal static class LearnerCopyMerge
{
    private const string MetadataKey = "mlsd";
    private const string GeneratedKey = "generated";

    private enum Origin { Same, Updated, Added, Kept, Conflict }

    private sealed record Entry(JsonObject Json, Origin Origin);

    /// <summary>Stores the fingerprint of every cell of <paramref name="copy"/> in its metadata.</summary>
    public static void RecordGenerated(Notebook copy)
    {
        var map = new JsonObject();
        foreach (var cell in copy.Cells)
        {
            if (cell.Id is { } id && !map.ContainsKey(id)) map[id] = Fingerprint(cell);
        }
        var metadata = copy.Metadata;
        if (metadata[MetadataKey] is JsonObject mine)
        {
            mine[GeneratedKey] = map;
            return;
        }
        // Keys in sorted order, as Jupyter writes them.
        var at = metadata.Select(kv => kv.Key).Count(k => string.CompareOrdinal(k, MetadataKey) < 0);
        metadata.Insert(at, MetadataKey, new JsonObject { [GeneratedKey] = map });
    }

    /// <summary>What to do with <paramref name="learnerPath"/> given its solution; <paramref name="freshPath"/> is where a fresh copy goes beside it.</summary>
    public static LearnerCopyPlan Plan(string solutionPath, string learnerPath, string freshPath)
    {
        Notebook generated;
        try
        {
            generated = LearnerCopies.CreateLearnerCopy(Notebook.Load(solutionPath));
        }
        catch (Exception e) when (e is NotebookFormatException or FormatException or IOException or UnauthorizedAccessException)
        {
            return new LearnerCopyPlan { Solution = solutionPath, Learner = learnerPath, Action = LearnerCopyAction.Refuse, Problem = e.Message };
        }
        var fresh = generated.ToBytes();
        var plan = new LearnerCopyPlan { Solution = solutionPath, Learner = learnerPath, Action = LearnerCopyAction.UpToDate };
        if (!File.Exists(learnerPath)) return plan with { Action = LearnerCopyAction.Create, Content = fresh };
        byte[] current;
        Notebook learner;
        try
        {
            current = File.ReadAllBytes(learnerPath);
            if (current.AsSpan().SequenceEqual(fresh)) return plan;
            learner = Notebook.Load(learnerPath);
        }
        catch (Exception e) when (e is NotebookFormatException or IOException or UnauthorizedAccessException)
        {
            return Refuse(plan, $"it cannot be read ({e.Message}); fix it or move it away, then run `mlsd learner` again", freshPath, fresh);
        }
        var ids = generated.Cells.Select(c => c.Id).ToList();
        if (ids.Any(id => id is null) || ids.Distinct().Count() != ids.Count)
            return Refuse(plan, "its solution's cells lack unique ids (nbformat 4.5), so the copy cannot be merged cell by cell", freshPath, fresh);

        var merged = Merge(generated, learner, out var removed);
        var result = generated.Clone();
        result.Root["cells"] = new JsonArray([.. merged.Select(e => (JsonNode)e.Json)]);
        var bytes = result.ToBytes();
        List<int> Cells(Origin origin) => [.. merged.Select((e, i) => (e, i)).Where(x => x.e.Origin == origin).Select(x => x.i + 1)];
        plan = plan with
        {
            UpdatedCells = Cells(Origin.Updated),
            AddedCells = Cells(Origin.Added),
            RemovedCells = removed,
            KeptCells = Cells(Origin.Kept),
            ConflictingCells = Cells(Origin.Conflict),
        };
        if (plan.ConflictingCells.Count > 0) plan = plan with { FreshCopy = freshPath, FreshContent = fresh };
        return bytes.AsSpan().SequenceEqual(current) ? plan : plan with { Action = LearnerCopyAction.Update, Content = bytes };
    }

    private static LearnerCopyPlan Refuse(LearnerCopyPlan plan, string problem, string freshPath, byte[] fresh) =>
        plan with { Action = LearnerCopyAction.Refuse, Problem = problem, FreshCopy = freshPath, FreshContent = fresh };

    /// <summary>
    /// The cells of the updated copy: the generated cells in order — each replaced by the learner's version when the
    /// learner edited it — with the learner's own cells after the cell they followed. Untouched cells the solution no
    /// longer has are dropped (<paramref name="removed"/>); cells the learner deleted stay deleted.
    /// </summary>
    private static List<Entry> Merge(Notebook generated, Notebook learner, out int removed)
    {
        var recorded = Recorded(learner);
        var learnerById = new Dictionary<string, NotebookCell>(StringComparer.Ordinal);
        foreach (var cell in learner.Cells)
        {
            if (cell.Id is { } id) learnerById.TryAdd(id, cell);
        }
        var result = new List<Entry>();
        var placed = new Dictionary<NotebookCell, Entry>();
        foreach (var g in generated.Cells)
        {
            var now = Fingerprint(g);
            if (learnerById.TryGetValue(g.Id!, out var l))
            {
                var theirs = Fingerprint(l);
                var was = recorded.GetValueOrDefault(g.Id!);
                var entry = theirs == now ? new Entry(WithOutputs(g, l), Origin.Same)
                    : theirs == was ? new Entry(Copy(g), Origin.Updated)
                    : new Entry(Copy(l), was == now ? Origin.Kept : Origin.Conflict);
                result.Add(entry);
                placed[l] = entry;
            }
            else if (!recorded.ContainsKey(g.Id!))
                result.Add(new Entry(Copy(g), Origin.Added));
        }
        removed = 0;
        Entry? previous = null;
        foreach (var l in learner.Cells)
        {
            if (placed.TryGetValue(l, out var entry))
            {
                previous = entry;
                continue;
            }
            var untouched = l.Id is { } id && learnerById[id] == l && recorded.GetValueOrDefault(id) == Fingerprint(l);
            if (untouched)
            {
                removed++;
                continue;
            }
            // The learner's own cell, or one they edited that the solution has since removed.
            var kept = new Entry(Copy(l), l.Id is not null && recorded.ContainsKey(l.Id) && learnerById[l.Id] == l ? Origin.Conflict : Origin.Kept);
            result.Insert(previous is null ? 0 : result.IndexOf(previous) + 1, kept);
            previous = kept;
        }
        return result;
    }

    private static Dictionary<string, string> Recorded(Notebook learner)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if ((learner.Metadata[MetadataKey] as JsonObject)?[GeneratedKey] is not JsonObject generated) return map;
        foreach (var (id, value) in generated)
        {
            if (value is JsonValue v && v.TryGetValue<string>(out var hash)) map[id] = hash;
        }
        return map;
    }

    /// <summary>The generated cell, with the outputs the learner's identical cell carries (they ran it).</summary>
    private static JsonObject WithOutputs(NotebookCell generated, NotebookCell learner)
    {
        var json = Copy(generated);
        if (learner.Kind == CellKind.Code && generated.Kind == CellKind.Code)
        {
            if (learner.Json["outputs"] is { } outputs) json["outputs"] = outputs.DeepClone();
            if (learner.Json["execution_count"] is { } count) json["execution_count"] = count.DeepClone();
        }
        return json;
    }

    private static JsonObject Copy(NotebookCell cell) => (JsonObject)cell.Json.DeepClone();

    /// <summary>16 hex digits of the SHA-256 of the cell's type and source: what identifies a cell's text.</summary>
    internal static string Fingerprint(NotebookCell cell)
    {
        var text = cell.Json["cell_type"]?.GetValue<string>() + "\n" + cell.Source;
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }
}
