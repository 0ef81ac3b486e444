using System.Globalization;

namespace Mlsd.Retrieval;

/// <summary>
/// Item-to-item co-visitation counts: for two items a ≠ b, the number of sequences (sessions) in which both occur within
/// <c>window</c> positions of each other. Ranking b by its count with a is the classic "people who viewed this also
/// viewed" — no training, exact for items seen together often, and empty for items never seen with anything.
/// </summary>
/// <remarks>
/// <para>Each session adds at most 1 to a pair, so one guest who goes back and forth does not inflate it. Counts are
/// symmetric: Count(a, b) = Count(b, a).</para>
/// <para>Worked example (a test checks it): sessions [0, 1, 2], [1, 0, 1] and [2, 3] with window 1 give
/// Count(0, 1) = 2 (both sessions have 0 next to 1), Count(0, 2) = 0 (two apart), Count(1, 2) = 1, Count(2, 3) = 1.</para>
/// <para>Reference: G. Linden, B. Smith &amp; J. York, "Amazon.com recommendations: item-to-item collaborative
/// filtering", IEEE Internet Computing 7(1), 2003, doi:10.1109/MIC.2003.1167344.</para>
/// </remarks>
public sealed class CoVisitation
{
    private readonly Dictionary<int, int>[] _counts;
    private readonly (int Item, int Count)[][] _sorted;

    private CoVisitation(Dictionary<int, int>[] counts, int[] sessions)
    {
        _counts = counts;
        Sessions = Array.AsReadOnly(sessions);
        _sorted = counts.Select(d => d.Select(kv => (kv.Key, kv.Value)).OrderByDescending(p => p.Value)
            .ThenBy(p => p.Key).ToArray()).ToArray();
    }

    /// <summary>Counts pairs in <paramref name="sequences"/>.</summary>
    /// <param name="sequences">Item ids in order, each in 0 … vocabulary − 1.</param>
    /// <param name="vocabulary">Number of items.</param>
    /// <param name="window">Maximum distance in positions between two items of a pair (at least 1).</param>
    /// <exception cref="ArgumentException">A null sequence, an id out of range, or window &lt; 1.</exception>
    public static CoVisitation Fit(IReadOnlyList<int[]> sequences, int vocabulary, int window = 3)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        if (vocabulary < 1) throw new ArgumentOutOfRangeException(nameof(vocabulary), vocabulary, "vocabulary must be at least 1.");
        if (window < 1) throw new ArgumentOutOfRangeException(nameof(window), window, "window must be at least 1.");
        var counts = Enumerable.Range(0, vocabulary).Select(_ => new Dictionary<int, int>()).ToArray();
        var sessions = new int[vocabulary];
        var seen = new HashSet<long>();
        var items = new HashSet<int>();
        for (int s = 0; s < sequences.Count; s++)
        {
            var seq = sequences[s] ?? throw new ArgumentException($"sequences[{s}] is null.", nameof(sequences));
            seen.Clear();
            items.Clear();
            foreach (int item in seq)
                if ((uint)item >= (uint)vocabulary)
                    throw new ArgumentException($"sequences[{s}] holds item {item}; ids must be in 0..{vocabulary - 1}.", nameof(sequences));
            for (int i = 0; i < seq.Length; i++)
            {
                if (items.Add(seq[i])) sessions[seq[i]]++;
                for (int j = i + 1; j <= Math.Min(seq.Length - 1, i + window); j++)
                {
                    int a = seq[i], b = seq[j];
                    if (a == b) continue;
                    if (!seen.Add((long)Math.Min(a, b) * vocabulary + Math.Max(a, b))) continue;
                    counts[a][b] = counts[a].GetValueOrDefault(b) + 1;
                    counts[b][a] = counts[b].GetValueOrDefault(a) + 1;
                }
            }
        }
        return new CoVisitation(counts, sessions);
    }

    /// <summary>Number of items.</summary>
    public int Vocabulary => _counts.Length;

    /// <summary>Per item, the number of sequences it occurs in (its popularity).</summary>
    public IReadOnlyList<int> Sessions { get; }

    /// <summary>Sessions in which <paramref name="item"/> and <paramref name="other"/> occur within the window.</summary>
    public int Count(int item, int other)
    {
        Check(item, nameof(item));
        Check(other, nameof(other));
        return _counts[item].GetValueOrDefault(other);
    }

    /// <summary>Every item ever seen with <paramref name="item"/>, most co-visits first (ties by id).</summary>
    public IReadOnlyList<(int Item, int Count)> Neighbors(int item)
    {
        Check(item, nameof(item));
        return Array.AsReadOnly(_sorted[item]);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"CoVisitation: {Vocabulary:N0} items, {_counts.Sum(c => c.Count) / 2:N0} pairs, {_counts.Count(c => c.Count == 0):N0} items with no pair");

    private void Check(int item, string name)
    {
        if ((uint)item >= (uint)_counts.Length)
            throw new ArgumentOutOfRangeException(name, item, $"{name} must be in 0..{_counts.Length - 1}.");
    }
}
