using System.Globalization;

namespace Mlsd.Notebooks.Execution;

/// <summary>
/// The kernel's memory limit: a hard limit on the garbage-collected heap (the runtime's <c>GCHeapHardLimit</c>), set
/// by the runner when it starts the kernel. Past it, an allocation throws <see cref="OutOfMemoryException"/> in the
/// cell instead of taking the machine's memory from the other notebooks running beside it.
/// </summary>
internal static class MemoryLimit
{
    /// <summary>The <see cref="CellError.Name"/> of a cell stopped by the limit.</summary>
    public const string ErrorName = "MemoryLimitExceeded";

    /// <summary>The environment variable the runtime reads the limit from (a hexadecimal number of bytes).</summary>
    public const string EnvironmentVariable = "DOTNET_GCHeapHardLimit";

    /// <summary>The heap limit this process runs under, in bytes, or null when there is none.</summary>
    public static long? InForce()
    {
        if (!GC.GetConfigurationVariables().TryGetValue("GCHeapHardLimit", out var value)) return null;
        var bytes = Convert.ToInt64(value, CultureInfo.InvariantCulture);
        return bytes > 0 ? bytes : null;
    }

    /// <summary>"256 MiB", "4 GiB", "1.5 GiB".</summary>
    public static string Describe(long bytes) => bytes >= 1L << 30
        ? (bytes / (double)(1L << 30)).ToString("0.##", CultureInfo.InvariantCulture) + " GiB"
        : (bytes / (double)(1L << 20)).ToString("0.##", CultureInfo.InvariantCulture) + " MiB";
}
