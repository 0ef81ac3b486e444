namespace Mlsd.Models;

/// <summary>
/// Path-dependent TreeSHAP (Lundberg, Erion &amp; Lee 2018, Algorithm 2): the exact Shapley values of one tree's
/// prediction, where the value of a set S of known features is the tree's expected output when the features outside S
/// are unknown and a split on one of them sends the row down both sides in proportion to the training cover. It
/// walks every root-to-leaf path once, keeping for each unique feature on the path the share of subsets in which it
/// is known (one fraction) or unknown (zero fraction): O(leaves · depth²) instead of 2^features.
/// </summary>
/// <remarks>
/// Worked example: a stump on feature 0 with cover 3 on the left (value −1) and 1 on the right (value 3) has expected
/// value (3·(−1) + 1·3)/4 = 0; a row going right gets φ₀ = 3 − 0 = 3. Reference: S. M. Lundberg, G. G. Erion, S.-I. Lee,
/// "Consistent Individualized Feature Attribution for Tree Ensembles", arXiv:1802.03888 (2018).
/// </remarks>
internal static class TreeShap
{
    /// <summary>One tree in flat arrays: node i is a leaf when <paramref name="Left"/>[i] &lt; 0; rows with
    /// value ≤ threshold (or missing, when DefaultLeft) go left. Cover is the training weight reaching each node.</summary>
    internal sealed record Tree(int[] Feature, float[] Threshold, int[] Left, int[] Right, bool[] DefaultLeft, double[] Value, double[] Cover)
    {
        /// <summary>The cover-weighted mean of the leaf values: the tree's output when no feature is known.</summary>
        public double ExpectedValue(int node = 0) => Left[node] < 0 ? Value[node]
            : (Cover[Left[node]] * ExpectedValue(Left[node]) + Cover[Right[node]] * ExpectedValue(Right[node])) / Cover[node];
    }

    private struct Element
    {
        public int Feature;
        public double Zero, One, Weight;
    }

    /// <summary>Adds the tree's Shapley values for <paramref name="row"/> into <paramref name="phi"/>[0..features).</summary>
    public static void Add(Tree tree, ReadOnlySpan<float> row, double[] phi)
    {
        var path = new Element[(MaxDepth(tree, 0) + 2) * (MaxDepth(tree, 0) + 3) / 2 + 2];
        Recurse(tree, row, phi, 0, path, 0, 0, 0, 1, 1, -1);
    }

    private static int MaxDepth(Tree t, int node) =>
        t.Left[node] < 0 ? 0 : 1 + Math.Max(MaxDepth(t, t.Left[node]), MaxDepth(t, t.Right[node]));

    // Each level works on its own copy of the path, placed after its parent's in one buffer.
    private static void Recurse(Tree t, ReadOnlySpan<float> row, double[] phi, int node, Element[] buffer, int parentStart, int start,
        int depth, double zero, double one, int feature)
    {
        int next = start + depth + 1;
        if (depth > 0) Array.Copy(buffer, parentStart, buffer, start, depth);
        var path = buffer.AsSpan(start);
        Extend(path, depth, zero, one, feature);
        if (t.Left[node] < 0)
        {
            for (int i = 1; i <= depth; i++)
            {
                double w = UnwoundSum(path, depth, i);
                phi[path[i].Feature] += w * (path[i].One - path[i].Zero) * t.Value[node];
            }
            return;
        }
        int f = t.Feature[node];
        float v = row[f];
        bool goesLeft = float.IsNaN(v) ? t.DefaultLeft[node] : v <= t.Threshold[node];
        int hot = goesLeft ? t.Left[node] : t.Right[node], cold = goesLeft ? t.Right[node] : t.Left[node];
        double incomingZero = 1, incomingOne = 1;
        int k = 1;
        while (k <= depth && path[k].Feature != f) k++;
        if (k <= depth)
        {
            incomingZero = path[k].Zero;
            incomingOne = path[k].One;
            Unwind(path, depth, k);
            depth--;
        }
        Recurse(t, row, phi, hot, buffer, start, next, depth + 1, t.Cover[hot] / t.Cover[node] * incomingZero, incomingOne, f);
        Recurse(t, row, phi, cold, buffer, start, next, depth + 1, t.Cover[cold] / t.Cover[node] * incomingZero, 0, f);
    }

    private static void Extend(Span<Element> path, int depth, double zero, double one, int feature)
    {
        path[depth] = new Element { Feature = feature, Zero = zero, One = one, Weight = depth == 0 ? 1 : 0 };
        for (int i = depth - 1; i >= 0; i--)
        {
            path[i + 1].Weight += one * path[i].Weight * (i + 1) / (depth + 1);
            path[i].Weight = zero * path[i].Weight * (depth - i) / (depth + 1);
        }
    }

    private static void Unwind(Span<Element> path, int depth, int index)
    {
        double one = path[index].One, zero = path[index].Zero, nextOne = path[depth].Weight;
        for (int i = depth - 1; i >= 0; i--)
        {
            if (one != 0)
            {
                double w = path[i].Weight;
                path[i].Weight = nextOne * (depth + 1) / ((i + 1) * one);
                nextOne = w - path[i].Weight * zero * (depth - i) / (depth + 1);
            }
            else path[i].Weight = path[i].Weight * (depth + 1) / (zero * (depth - i));
        }
        for (int i = index; i < depth; i++)
        {
            path[i].Feature = path[i + 1].Feature;
            path[i].Zero = path[i + 1].Zero;
            path[i].One = path[i + 1].One;
        }
    }

    /// <summary>The total weight of the path with element <paramref name="index"/> unwound, without changing the path.</summary>
    private static double UnwoundSum(ReadOnlySpan<Element> path, int depth, int index)
    {
        double one = path[index].One, zero = path[index].Zero, nextOne = path[depth].Weight, total = 0;
        for (int i = depth - 1; i >= 0; i--)
        {
            if (one != 0)
            {
                double w = nextOne * (depth + 1) / ((i + 1) * one);
                total += w;
                nextOne = path[i].Weight - w * zero * (depth - i) / (depth + 1);
            }
            else total += path[i].Weight / zero * (depth + 1) / (depth - i);
        }
        return total;
    }
}
