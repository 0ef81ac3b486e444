using System.Globalization;

namespace Mlsd.Data;

/// <summary>
/// Row indices of a train/test split. Index-based so one split applies to parallel arrays (features, labels,
/// timestamps) alike; <see cref="Apply{T}"/> turns it into the rows themselves.
/// </summary>
/// <param name="Train">Indices of training rows, ascending.</param>
/// <param name="Test">Indices of test rows, ascending.</param>
public sealed record SplitIndices(int[] Train, int[] Test)
{
    /// <summary>The rows of <paramref name="items"/> on each side.</summary>
    public (T[] Train, T[] Test) Apply<T>(IReadOnlyList<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return (Select(items, Train), Select(items, Test));
    }

    /// <summary>The rows of <paramref name="items"/> at <paramref name="indices"/>.</summary>
    public static T[] Select<T>(IReadOnlyList<T> items, int[] indices)
    {
        var result = new T[indices.Length];
        for (int i = 0; i < result.Length; i++) result[i] = items[indices[i]];
        return result;
    }

    /// <summary>A summary such as <c>train 800 / test 200 (20.0 % test)</c>.</summary>
    public override string ToString()
    {
        int total = Train.Length + Test.Length;
        return string.Create(CultureInfo.InvariantCulture,
            $"train {Train.Length:N0} / test {Test.Length:N0} ({(total == 0 ? 0 : (double)Test.Length / total):P1} test)");
    }
}

/// <summary>
/// Train/test splits that respect how the model will be used, so offline numbers are not flattered by leakage:
/// by time (train on the past, test on the future), by user (no user on both sides), leave-last-out per user
/// (recommenders), and random stratified (i.i.d. data only).
/// </summary>
/// <remarks>
/// Kapoor &amp; Narayanan, "Leakage and the reproducibility crisis in ML-based science" (Patterns, 2023) catalogue
/// what goes wrong otherwise; Aminian &amp; Xu make the same point in every chapter's "data preparation" step.
/// All functions return ascending indices and are deterministic given their seed.
/// </remarks>
public static class Splits
{
    /// <summary>
    /// Rows with time &lt; <paramref name="cutoff"/> train, rows with time ≥ cutoff test: every training
    /// example precedes every test example, as when a model trained yesterday scores today.
    /// </summary>
    /// <example>times [5, 1, 9, 3], cutoff 4 → Train [1, 3], Test [0, 2].</example>
    public static SplitIndices ByTime<TTime>(IReadOnlyList<TTime> times, TTime cutoff) where TTime : IComparable<TTime>
    {
        ArgumentNullException.ThrowIfNull(times);
        var train = new List<int>();
        var test = new List<int>();
        for (int i = 0; i < times.Count; i++) (times[i].CompareTo(cutoff) < 0 ? train : test).Add(i);
        return new SplitIndices(train.ToArray(), test.ToArray());
    }

    /// <summary>
    /// Time split holding out (about) the latest <paramref name="testFraction"/> of rows. The cutoff is the time
    /// of the row at that quantile; rows tied with it all go to test, so train times stay strictly earlier.
    /// </summary>
    /// <example>times [10, 20, 30, 40, 50], testFraction 0.4 → cutoff 40: Train [0, 1, 2], Test [3, 4].</example>
    public static SplitIndices ByTime<TTime>(IReadOnlyList<TTime> times, double testFraction) where TTime : IComparable<TTime>
    {
        ArgumentNullException.ThrowIfNull(times);
        CheckFraction(testFraction);
        if (times.Count == 0) return new SplitIndices([], []);
        var order = Enumerable.Range(0, times.Count).ToArray();
        Array.Sort(order, (a, b) => times[a].CompareTo(times[b]) is int c && c != 0 ? c : a.CompareTo(b));
        int trainCount = times.Count - (int)Math.Round(testFraction * times.Count, MidpointRounding.AwayFromZero);
        if (trainCount >= times.Count) return new SplitIndices(Enumerable.Range(0, times.Count).ToArray(), []);
        return ByTime(times, times[order[trainCount]]);
    }

    /// <summary>
    /// Time split on rows, using <paramref name="time"/> to read each row's timestamp; returns the rows themselves.
    /// </summary>
    public static (T[] Train, T[] Test) ByTime<T, TTime>(IReadOnlyList<T> rows, Func<T, TTime> time, TTime cutoff) where TTime : IComparable<TTime>
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(time);
        return ByTime(rows.Select(time).ToArray(), cutoff).Apply(rows);
    }

    /// <summary>Time split on rows holding out the latest <paramref name="testFraction"/>; returns the rows themselves.</summary>
    public static (T[] Train, T[] Test) ByTime<T, TTime>(IReadOnlyList<T> rows, Func<T, TTime> time, double testFraction) where TTime : IComparable<TTime>
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(time);
        return ByTime(rows.Select(time).ToArray(), testFraction).Apply(rows);
    }

    /// <summary>
    /// Group (user) split: the distinct groups are shuffled with <paramref name="seed"/> and
    /// round(<paramref name="testFraction"/> × groups) of them — all their rows — go to test. No group is on
    /// both sides, so the test measures generalisation to unseen users.
    /// </summary>
    public static SplitIndices ByGroup<TGroup>(IReadOnlyList<TGroup> groups, double testFraction, int seed) where TGroup : notnull
    {
        ArgumentNullException.ThrowIfNull(groups);
        CheckFraction(testFraction);
        var (distinct, groupOf) = Distinct(groups);
        var order = Enumerable.Range(0, distinct).ToArray();
        new Sampler(seed).Shuffle(order);
        int testGroups = (int)Math.Round(testFraction * distinct, MidpointRounding.AwayFromZero);
        var isTest = new bool[distinct];
        for (int k = 0; k < testGroups; k++) isTest[order[k]] = true;
        var train = new List<int>();
        var test = new List<int>();
        for (int i = 0; i < groups.Count; i++) (isTest[groupOf[i]] ? test : train).Add(i);
        return new SplitIndices(train.ToArray(), test.ToArray());
    }

    /// <summary>
    /// Group k-fold: every group lands in exactly one of <paramref name="k"/> test folds. Groups are shuffled with
    /// <paramref name="seed"/>, then each goes to the fold with the fewest rows so far (ties: lowest fold), which
    /// keeps folds balanced in rows even when users differ wildly in activity.
    /// </summary>
    /// <returns>k splits; split f tests on fold f and trains on the rest.</returns>
    public static SplitIndices[] GroupKFold<TGroup>(IReadOnlyList<TGroup> groups, int k, int seed) where TGroup : notnull
    {
        ArgumentNullException.ThrowIfNull(groups);
        var (distinct, groupOf) = Distinct(groups);
        if (k < 2) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be at least 2.");
        if (k > distinct) throw new ArgumentException($"k ({k}) cannot exceed the number of distinct groups ({distinct}).", nameof(k));
        var sizes = new int[distinct];
        foreach (int g in groupOf) sizes[g]++;
        var order = Enumerable.Range(0, distinct).ToArray();
        new Sampler(seed).Shuffle(order);
        var foldOf = new int[distinct];
        var foldRows = new long[k];
        foreach (int g in order)
        {
            int best = 0;
            for (int f = 1; f < k; f++) if (foldRows[f] < foldRows[best]) best = f;
            foldOf[g] = best;
            foldRows[best] += sizes[g];
        }
        var splits = new SplitIndices[k];
        for (int f = 0; f < k; f++)
        {
            var train = new List<int>();
            var test = new List<int>();
            for (int i = 0; i < groups.Count; i++) (foldOf[groupOf[i]] == f ? test : train).Add(i);
            splits[f] = new SplitIndices(train.ToArray(), test.ToArray());
        }
        return splits;
    }

    /// <summary>
    /// Leave-last-out: for each user, the <paramref name="lastN"/> latest interactions go to test and the rest to
    /// train (the standard recommender protocol: predict each user's next items from their history). Ties in time
    /// are broken by row order (later row = later). Users with at most <paramref name="lastN"/> rows stay wholly in
    /// train: with no history there is nothing to predict from.
    /// </summary>
    /// <example>users [a, a, b, a, b], times [1, 3, 2, 2, 1], lastN 1 → Test [1, 2] (a's time 3, b's time 2).</example>
    public static SplitIndices LeaveLastOut<TUser, TTime>(IReadOnlyList<TUser> users, IReadOnlyList<TTime> times, int lastN = 1)
        where TUser : notnull where TTime : IComparable<TTime>
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(times);
        if (users.Count != times.Count)
            throw new ArgumentException($"users and times must have the same length (got {users.Count} and {times.Count}).", nameof(times));
        if (lastN < 1) throw new ArgumentOutOfRangeException(nameof(lastN), lastN, "lastN must be at least 1.");
        var (distinct, groupOf) = Distinct(users);
        var rowsOf = new List<int>[distinct];
        for (int g = 0; g < distinct; g++) rowsOf[g] = [];
        for (int i = 0; i < users.Count; i++) rowsOf[groupOf[i]].Add(i);
        var isTest = new bool[users.Count];
        foreach (var rows in rowsOf)
        {
            if (rows.Count <= lastN) continue;
            rows.Sort((a, b) => times[a].CompareTo(times[b]) is int c && c != 0 ? c : a.CompareTo(b));
            for (int k = rows.Count - lastN; k < rows.Count; k++) isTest[rows[k]] = true;
        }
        var train = new List<int>();
        var test = new List<int>();
        for (int i = 0; i < isTest.Length; i++) (isTest[i] ? test : train).Add(i);
        return new SplitIndices(train.ToArray(), test.ToArray());
    }

    /// <summary>
    /// Random split stratified by label: within each class, rows are shuffled with <paramref name="seed"/> and
    /// round(<paramref name="testFraction"/> × class size) go to test, so rare classes keep their share on both sides.
    /// Only for data without time or user structure.
    /// </summary>
    public static SplitIndices StratifiedTrainTest<TLabel>(IReadOnlyList<TLabel> labels, double testFraction, int seed) where TLabel : notnull
    {
        ArgumentNullException.ThrowIfNull(labels);
        CheckFraction(testFraction);
        var (distinct, classOf) = Distinct(labels);
        var members = new List<int>[distinct];
        for (int c = 0; c < distinct; c++) members[c] = [];
        for (int i = 0; i < labels.Count; i++) members[classOf[i]].Add(i);
        var sampler = new Sampler(seed);
        var isTest = new bool[labels.Count];
        foreach (var rows in members)
        {
            sampler.Shuffle(rows);
            int take = (int)Math.Round(testFraction * rows.Count, MidpointRounding.AwayFromZero);
            for (int k = 0; k < take; k++) isTest[rows[k]] = true;
        }
        var train = new List<int>();
        var test = new List<int>();
        for (int i = 0; i < isTest.Length; i++) (isTest[i] ? test : train).Add(i);
        return new SplitIndices(train.ToArray(), test.ToArray());
    }

    /// <summary>Plain random split of <paramref name="count"/> rows: round(testFraction × count) rows to test, chosen with <paramref name="seed"/>.</summary>
    public static SplitIndices TrainTest(int count, double testFraction, int seed)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "count must be non-negative.");
        return StratifiedTrainTest(new int[count], testFraction, seed);
    }

    private static (int Distinct, int[] GroupOf) Distinct<TKey>(IReadOnlyList<TKey> keys) where TKey : notnull
    {
        var ids = new Dictionary<TKey, int>();
        var groupOf = new int[keys.Count];
        for (int i = 0; i < keys.Count; i++)
        {
            if (!ids.TryGetValue(keys[i], out int g)) ids[keys[i]] = g = ids.Count;
            groupOf[i] = g;
        }
        return (ids.Count, groupOf);
    }

    private static void CheckFraction(double testFraction)
    {
        if (!(testFraction >= 0 && testFraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "testFraction must be in [0, 1].");
    }
}
