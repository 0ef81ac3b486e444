namespace Mlsd.Data.Worlds;

/// <summary>The argument checks every world makes, worded the same way in each (see README.md, "Errors").</summary>
internal static class WorldChecks
{
    /// <summary>Rejects an option: "options.Users must be at least 10." with the value attached.</summary>
    public static void Option(bool valid, object value, string option, string expected)
    {
        if (!valid) throw new ArgumentOutOfRangeException($"options.{option}", value, $"options.{option} must be {expected}.");
    }

    /// <summary>Rejects a day outside 0..totalDays−1 (the logged days and the future days the simulator serves).</summary>
    public static void Day(int day, int totalDays, string name = "day")
    {
        if ((uint)day >= (uint)totalDays)
            throw new ArgumentOutOfRangeException(name, day, $"{name} must be in 0..{totalDays - 1} (Days + FutureDays).");
    }

    /// <summary>Rejects an id that does not index a table of <paramref name="count"/> rows.</summary>
    public static void Id(int id, int count, string name)
    {
        if ((uint)id >= (uint)count) throw new ArgumentOutOfRangeException(name, id, $"{name} must be in 0..{count - 1}.");
    }

    /// <summary>Rejects a slot below 1 (slot 1 is the top).</summary>
    public static void Position(int position, string name = "position")
    {
        if (position < 1) throw new ArgumentOutOfRangeException(name, position, $"{name} must be 1 or more (slot 1 = top).");
    }

    /// <summary>The users of one simulation arm: each a valid id, none twice; returned sorted ascending.</summary>
    public static int[] UserIds(IReadOnlyList<int> users, int count, string name = "users")
    {
        var ids = users.ToArray();
        for (int i = 0; i < ids.Length; i++)
            if ((uint)ids[i] >= (uint)count)
                throw new ArgumentOutOfRangeException(name, ids[i], $"{name}[{i}] = {ids[i]} must be a user id in 0..{count - 1}.");
        Array.Sort(ids);
        for (int i = 1; i < ids.Length; i++)
            if (ids[i] == ids[i - 1]) throw new ArgumentException($"{name} lists user {ids[i]} twice.", name);
        return ids;
    }
}
