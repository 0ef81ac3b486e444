using System.Runtime.CompilerServices;

namespace Mlsd.Retrieval;

/// <summary>
/// A binary min-heap of (score, node) pairs on two parallel arrays, reused across queries so the graph search
/// allocates nothing per query. A max-heap is the same heap fed negated scores.
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
        get => _scores[0];
    }

    /// <summary>Node of the minimum (valid when Count &gt; 0).</summary>
    public int TopNode
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _nodes[0];
    }

    public void Clear() => Count = 0;

    public void Push(float score, int node)
    {
        if (Count == _scores.Length)
        {
            Array.Resize(ref _scores, Count * 2);
            Array.Resize(ref _nodes, Count * 2);
        }
        float[] scores = _scores;
        int[] nodes = _nodes;
        int i = Count++;
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (scores[parent] <= score) break;
            scores[i] = scores[parent];
            nodes[i] = nodes[parent];
            i = parent;
        }
        scores[i] = score;
        nodes[i] = node;
    }

    /// <summary>Removes the minimum.</summary>
    public void Pop()
    {
        int n = --Count;
        if (n == 0) return;
        float[] scores = _scores;
        int[] nodes = _nodes;
        float score = scores[n];
        int node = nodes[n];
        int i = 0;
        while (true)
        {
            int child = 2 * i + 1;
            if (child >= n) break;
            if (child + 1 < n && scores[child + 1] < scores[child]) child++;
            if (score <= scores[child]) break;
            scores[i] = scores[child];
            nodes[i] = nodes[child];
            i = child;
        }
        scores[i] = score;
        nodes[i] = node;
    }
}
