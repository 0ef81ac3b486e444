using Mlsd.Data;
using Mlsd.Metrics;
using Mlsd.Models.NeuralNets;

namespace Mlsd.Tests.Models.NeuralNets;

/// <summary>GraphSAGE on two communities: it must learn that pairs inside a community connect and pairs across do
/// not. Only even nodes carry their community as input; odd nodes' inputs are blank, so for pairs of odd nodes the
/// answer can only come from aggregating the neighbours.</summary>
public sealed class GraphSageTests
{
    // Two rings of 10 (nodes 0–9 and 10–19), each node also linked to the node two steps on; one bridge 0–10.
    private static Graph TwoCommunities()
    {
        var edges = new List<GraphEdge> { new(0, 10) };
        for (int c = 0; c < 2; c++)
            for (int i = 0; i < 10; i++)
            {
                edges.Add(new GraphEdge(c * 10 + i, c * 10 + (i + 1) % 10));
                edges.Add(new GraphEdge(c * 10 + i, c * 10 + (i + 2) % 10));
            }
        return new Graph("two", Enumerable.Range(0, 20).Select(i => i.ToString()).ToArray(), edges, isDirected: false);
    }

    private static (List<(int U, int V)> Pairs, List<int> Labels) NonEdges(Graph g)
    {
        var pairs = new List<(int, int)>();
        var labels = new List<int>();
        for (int u = 0; u < 20; u++)
            for (int v = u + 1; v < 20; v++)
                if (!g.HasEdge(u, v))
                {
                    pairs.Add((u, v));
                    labels.Add(u / 10 == v / 10 ? 1 : 0);
                }
        return (pairs, labels);
    }

    // [1, community A, community B], the community only on even nodes.
    private static float[][] Inputs() => Enumerable.Range(0, 20)
        .Select(i => new[] { 1f, i % 2 == 0 && i < 10 ? 1f : 0, i % 2 == 0 && i >= 10 ? 1f : 0 }).ToArray();

    [Fact]
    public void LearnsCommunitiesFromNeighbourhoods()
    {
        var g = TwoCommunities();
        var (pairs, labels) = NonEdges(g);
        var sage = new GraphSage { HiddenUnits = 8, EmbeddingDimension = 4, Epochs = 150, Seed = 3 }.Fit(g, Inputs(), pairs, labels);
        double[] p = sage.PredictProbability(g, Inputs(), pairs);
        int[] odd = Enumerable.Range(0, pairs.Count).Where(i => pairs[i].U % 2 == 1 && pairs[i].V % 2 == 1).ToArray();
        double auc = Classification.RocAucScore(odd.Select(i => labels[i]).ToArray(), odd.Select(i => p[i]).ToArray());
        Assert.True(auc > 0.9, $"AUC on pairs of blank nodes {auc}");
        Assert.True(sage.LossHistory[^1] < sage.LossHistory[0]);
        Assert.Equal(20, sage.Embeddings(g, Inputs()).Length);
        Assert.Equal(4, sage.Embeddings(g, Inputs())[0].Length);
        // Parameters: layer 1 (2·3 → 8) 48 + 8; layer 2 (2·8 → 4) 64 + 4; scale 1 + 1; node term 4 + 1.
        Assert.Equal(48 + 8 + 64 + 4 + 2 + 5, sage.ParameterCount);
    }

    [Fact]
    public void IsDeterministic()
    {
        var g = TwoCommunities();
        var (pairs, labels) = NonEdges(g);
        GraphSage Fit() => new GraphSage { HiddenUnits = 8, EmbeddingDimension = 4, Epochs = 20, Seed = 5 }.Fit(g, Inputs(), pairs, labels);
        Assert.Equal(Fit().PredictProbability(g, Inputs(), pairs), Fit().PredictProbability(g, Inputs(), pairs));
    }

    [Fact]
    public void BadInputNamesTheArgument()
    {
        var g = TwoCommunities();
        var (pairs, labels) = NonEdges(g);
        Assert.Throws<InvalidOperationException>(() => new GraphSage().PredictProbability(g, Inputs(), pairs));
        Assert.Equal("nodeFeatures", Assert.Throws<ArgumentException>(() => new GraphSage().Fit(g, Inputs()[..5], pairs, labels)).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => new GraphSage().Fit(g, Inputs(), pairs, labels.Take(3).ToArray())).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => new GraphSage().Fit(g, Inputs(), [(0, 5)], [2])).ParamName);
        Assert.Equal("pairs", Assert.Throws<ArgumentOutOfRangeException>(() => new GraphSage().Fit(g, Inputs(), [(0, 20)], [1])).ParamName);
        Assert.Equal("Epochs", Assert.Throws<ArgumentOutOfRangeException>(() => new GraphSage { Epochs = 0 }.Fit(g, Inputs(), pairs, labels)).ParamName);
    }
}
