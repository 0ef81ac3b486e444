using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Mlsd.Retrieval;

/// <summary>
/// A binary min-heap of (score, node) pairs on two parallel arrays, reused across queries so the graph search
/// allocates nothing per query. A max-heap is the same heap fed negated scores. Indexing goes through
/// <see cref="Unsafe"/> refs: every index is kept below <see cref="Count"/> ≤ array length by construction, and
/// skipping the bounds checks matters in the innermost loop of HNSW.
/// </summary>
internal sealed class ScoredHeap
{
    private float[] _scores = new float[64];
    private int[] _nodes = new int[64];

    public int Count { get; private set; }

    /// <summary>Score of the minimum (valid when Count &gt; 0).</summary>
    public float TopScore
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => MemoryMarshal.GetArrayDataReference(_scores);
    }

    /// <summary>Node of the minimum (valid when Count &gt; 0).</summary>
    public int TopNode
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => MemoryMarshal.GetArrayDataReference(_nodes);
    }

    public void Clear() => Count = 0;

    public void Push(float score, int node)
    {
        if (Count == _scores.Length)
        {
            Array.Resize(ref _scores, Count * 2);
            Array.Resize(ref _nodes, Count * 2);
        }
        ref float scores = ref MemoryMarshal.GetArrayDataReference(_scores);
        ref int nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        int i = Count++;
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            float parentScore = Unsafe.Add(ref scores, parent);
            if (parentScore <= score) break;
            Unsafe.Add(ref scores, i) = parentScore;
            Unsafe.Add(ref nodes, i) = Unsafe.Add(ref nodes, parent);
            i = parent;
        }
        Unsafe.Add(ref scores, i) = score;
        Unsafe.Add(ref nodes, i) = node;
    }

    /// <summary>Removes the minimum.</summary>
    public void Pop()
    {
        int n = --Count;
        if (n == 0) return;
        SiftDown(_scores[n], _nodes[n], n);
    }

    /// <summary>Pop then Push in one sift (the bounded result set's "evict the worst, admit the new one").</summary>
    public void ReplaceTop(float score, int node) => SiftDown(score, node, Count);

    /// <summary>Places (score, node) starting from the root of a heap of <paramref name="n"/> items.</summary>
    private void SiftDown(float score, int node, int n)
    {
        ref float scores = ref MemoryMarshal.GetArrayDataReference(_scores);
        ref int nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        int i = 0;
        while (true)
        {
            int child = 2 * i + 1;
            if (child >= n) break;
            float childScore = Unsafe.Add(ref scores, child);
            if (child + 1 < n)
            {
                float right = Unsafe.Add(ref scores, child + 1);
                if (right < childScore)
                {
                    child++;
                    childScore = right;
                }
            }
            if (score <= childScore) break;
            Unsafe.Add(ref scores, i) = childScore;
            Unsafe.Add(ref nodes, i) = Unsafe.Add(ref nodes, child);
            i = child;
        }
        Unsafe.Add(ref scores, i) = score;
        Unsafe.Add(ref nodes, i) = node;
    }
}
