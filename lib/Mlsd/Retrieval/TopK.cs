using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Mlsd.Retrieval;

/// <summary>
/// Keeps the k best (score, id) pairs seen so far in a min-heap of size k, so a scan over n items costs
/// O(n log k) and O(k) memory instead of sorting all n. "Better" = higher score, then smaller id, which makes
/// every index's answer independent of the order items were scanned in.
/// </summary>
internal sealed class TopK
{
    private readonly float[] _scores;
    private readonly int[] _ids;
    private int _count;

    public TopK(int capacity)
    {
        _scores = new float[capacity];
        _ids = new int[capacity];
        K = capacity;
    }

    /// <summary>Current bound (≤ capacity); set with <see cref="Reset"/>.</summary>
    public int K { get; private set; }

    public int Count => _count;

    public void Reset(int k)
    {
        if (k > _scores.Length) throw new ArgumentOutOfRangeException(nameof(k));
        K = k;
        _count = 0;
    }

    /// <summary>Offers a candidate; it is kept if the heap is not full or it beats the current worst.</summary>
    public void Offer(int id, float score)
    {
        if (_count < K)
        {
            int i = _count++;
            while (i > 0)
            {
                int parent = (i - 1) >> 1;
                if (!Worse(score, id, _scores[parent], _ids[parent])) break;
                _scores[i] = _scores[parent];
                _ids[i] = _ids[parent];
                i = parent;
            }
            _scores[i] = score;
            _ids[i] = id;
        }
        else if (Worse(_scores[0], _ids[0], score, id))
        {
            SiftDownFromRoot(score, id);
        }
    }

    /// <summary>
    /// Offers <paramref name="scores"/>[i] under <paramref name="ids"/>[i] for every i, eight at a time: a SIMD
    /// compare against the current worst kept score skips the (vast) majority that cannot enter, so a scan costs
    /// little more than reading the scores. Same result as calling <see cref="Offer"/> on each in order.
    /// </summary>
    [MethodImpl(Jit.Hot)]
    public void OfferAll(ReadOnlySpan<float> scores, ReadOnlySpan<int> ids)
    {
        int n = scores.Length, i = 0;
        ref float s = ref MemoryMarshal.GetReference(scores);
        float threshold = _count < K ? float.NegativeInfinity : _scores[0];
        for (; i + 8 <= n; i += 8)
        {
            uint mask = Vector256.GreaterThanOrEqual(Vector256.LoadUnsafe(ref s, (nuint)i), Vector256.Create(threshold)).ExtractMostSignificantBits();
            while (mask != 0)
            {
                int j = i + System.Numerics.BitOperations.TrailingZeroCount(mask);
                mask &= mask - 1;
                Offer(ids[j], scores[j]);
                threshold = _count < K ? float.NegativeInfinity : _scores[0];
            }
        }
        for (; i < n; i++)
            if (scores[i] >= threshold) Offer(ids[i], scores[i]);
    }

    /// <summary>The kept pairs, best first (score descending, ties by ascending id).</summary>
    public Neighbor[] ToSortedArray()
    {
        var result = new Neighbor[_count];
        for (int i = 0; i < _count; i++) result[i] = new Neighbor(_ids[i], _scores[i]);
        Array.Sort(result, static (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Id.CompareTo(b.Id));
        return result;
    }

    /// <summary>Ids of the kept pairs in heap order (unsorted) — for callers that only need the set.</summary>
    public ReadOnlySpan<int> Ids => _ids.AsSpan(0, _count);

    private void SiftDownFromRoot(float score, int id)
    {
        int n = _count, i = 0;
        while (true)
        {
            int child = 2 * i + 1;
            if (child >= n) break;
            if (child + 1 < n && Worse(_scores[child + 1], _ids[child + 1], _scores[child], _ids[child])) child++;
            if (!Worse(_scores[child], _ids[child], score, id)) break;
            _scores[i] = _scores[child];
            _ids[i] = _ids[child];
            i = child;
        }
        _scores[i] = score;
        _ids[i] = id;
    }

    /// <summary>True when (s1, id1) ranks below (s2, id2).</summary>
    private static bool Worse(float s1, int id1, float s2, int id2) => s1 < s2 || (s1 == s2 && id1 > id2);
}
