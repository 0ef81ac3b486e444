using System.Numerics;
using System.Runtime.CompilerServices;

namespace Mlsd;

/// <summary>
/// Binary search on ascending data, as C++'s <c>lower_bound</c> / <c>upper_bound</c>: the position where a value
/// would be inserted, which <see cref="Array.BinarySearch(Array, object)"/> only reports for absent values.
/// </summary>
/// <remarks>Bucketing, drift bins, cumulative-weight sampling and time-window sums all reduce to these two.</remarks>
internal static class SortedSearch
{
    /// <summary>The index of the first entry ≥ <paramref name="value"/> (the length if none): the number of entries below it.</summary>
    [MethodImpl(Jit.Hot)]   // a loop too short for on-stack replacement, called millions of times by the worlds and the feature store
    public static int LowerBound<T>(ReadOnlySpan<T> sorted, T value) where T : IComparisonOperators<T, T, bool>
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>The index of the first entry &gt; <paramref name="value"/> (the length if none): the number of entries ≤ it.</summary>
    [MethodImpl(Jit.Hot)]
    public static int UpperBound<T>(ReadOnlySpan<T> sorted, T value) where T : IComparisonOperators<T, T, bool>
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
