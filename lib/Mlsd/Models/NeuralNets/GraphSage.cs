using System.Globalization;
using Mlsd.Data;

namespace Mlsd.Models.NeuralNets;

/// <summary>
/// A small GraphSAGE link predictor: two layers of mean aggregation turn every node's features and its
/// neighbourhood into an embedding, and the dot product of two embeddings scores how likely the two nodes are to
/// connect (Hamilton, Ying &amp; Leskovec, "Inductive Representation Learning on Large Graphs", NeurIPS 2017,
/// arXiv:1706.02216).
/// </summary>
/// <remarks>
/// <para><b>The layers.</b> With X the node features and N(v) the neighbours of v in the snapshot,
/// h¹_v = ReLU(W₁ [x_v ‖ mean_{u∈N(v)} x_u] + b₁) and z_v = W₂ [h¹_v ‖ mean_{u∈N(v)} h¹_u] + b₂: after two
/// layers an embedding has seen its friends and its friends' friends. A pair scores
/// σ(a cos(z_u, z_v) + b + w·z_u + w·z_v): the cosine says how alike the two are (it keeps early logits in
/// range; a and b are learned), the per-node term w·z how ready each is to make friends at all (a newcomer
/// befriends many, a dormant user nobody) — which a similarity alone cannot express and trains with binary cross-entropy on labelled pairs (full batch, Adam). A node with no
/// neighbours aggregates a zero vector, so a newcomer still gets an embedding from its own features — the
/// inductive property that lets the same weights embed a later snapshot (<see cref="PredictProbability"/> takes
/// the graph to embed).</para>
/// <para><b>What it cannot do well.</b> Mean aggregation blurs counts: two nodes with many mutual friends and
/// two nodes in the same large circle can look alike, so on friend recommendation a GNN alone often does not beat
/// explicit pair features such as common neighbours (Zhang &amp; Chen, "Link Prediction Based on Graph Neural
/// Networks", NeurIPS 2018, arXiv:1802.09691). Its score is also a useful extra feature for a tree model.</para>
/// <para>Deterministic: the same inputs and <see cref="Seed"/> give the same weights.</para>
/// </remarks>
/// <example>
/// <code>
/// var sage = new GraphSage { Epochs = 60, Seed = 1 }.Fit(graph, features, trainPairs, trainLabels);
/// double[] p = sage.PredictProbability(laterGraph, laterFeatures, testPairs);
/// </code>
/// </example>
public sealed class GraphSage
{
    private Dense? _layer1, _layer2;
    private Dense? _output, _nodeBias;
    private readonly List<double> _lossHistory = [];

    /// <summary>Width of the first layer (default 32).</summary>
    public int HiddenUnits { get; init; } = 32;

    /// <summary>Length of the node embeddings z (default 16).</summary>
    public int EmbeddingDimension { get; init; } = 16;

    /// <summary>Full-batch Adam steps (default 60).</summary>
    public int Epochs { get; init; } = 60;

    /// <summary>Adam's learning rate (default 0.02).</summary>
    public float LearningRate { get; init; } = 0.02f;

    /// <summary>Weight of a positive pair in the loss relative to a negative (default 1); raise it when positives
    /// are rare so that they are not drowned out.</summary>
    public float PositiveWeight { get; init; } = 1f;

    /// <summary>Seed of the weight initialisation.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Training loss after each step.</summary>
    public IReadOnlyList<double> LossHistory => _lossHistory;

    /// <summary>Whether <see cref="Fit"/> has run.</summary>
    public bool IsFitted => _layer1 is not null;

    /// <summary>Trainable weights in all.</summary>
    public int ParameterCount => IsFitted ? _layer1!.ParameterCount + _layer2!.ParameterCount + 2 + _nodeBias!.ParameterCount : 0;

    /// <summary>Learns the weights from labelled pairs of one snapshot.</summary>
    /// <param name="graph">The snapshot whose neighbourhoods are aggregated (undirected view).</param>
    /// <param name="nodeFeatures">One row per node of <paramref name="graph"/>, all of one length.</param>
    /// <param name="pairs">Node pairs with a label.</param>
    /// <param name="labels">1 = the pair connected (after the snapshot), 0 = it did not.</param>
    /// <exception cref="ArgumentException">Null arguments, a feature row per node missing or of another length,
    /// no pairs, a node out of range, labels not 0/1 or of another length, or invalid settings.</exception>
    public GraphSage Fit(Graph graph, IReadOnlyList<float[]> nodeFeatures, IReadOnlyList<(int U, int V)> pairs,
        IReadOnlyList<int> labels)
    {
        if (HiddenUnits < 1) throw new ArgumentOutOfRangeException(nameof(HiddenUnits), HiddenUnits, "HiddenUnits must be at least 1.");
        if (EmbeddingDimension < 1)
            throw new ArgumentOutOfRangeException(nameof(EmbeddingDimension), EmbeddingDimension, "EmbeddingDimension must be at least 1.");
        if (Epochs < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Epochs must be at least 1.");
        if (!(LearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "LearningRate must be positive.");
        if (!(PositiveWeight > 0)) throw new ArgumentOutOfRangeException(nameof(PositiveWeight), PositiveWeight, "PositiveWeight must be positive.");
        var x = Inputs(graph, nodeFeatures);
        var (us, vs) = Split(graph, pairs);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count != pairs.Count)
            throw new ArgumentException($"labels has {labels.Count} entries but pairs has {pairs.Count}.", nameof(labels));
        var targets = new float[labels.Count];
        var weights = new float[labels.Count];
        for (int i = 0; i < labels.Count; i++)
        {
            if (labels[i] is not (0 or 1)) throw new ArgumentException($"labels[{i}] = {labels[i]}; expected 0 or 1.", nameof(labels));
            targets[i] = labels[i];
            weights[i] = labels[i] == 1 ? PositiveWeight : 1f;
        }
        var sampler = new Sampler(Seed);
        _layer1 = new Dense(2 * x.Cols, HiddenUnits, Activation.Relu, sampler, "sage1");
        _layer2 = new Dense(2 * HiddenUnits, EmbeddingDimension, Activation.None, sampler, "sage2");
        _output = new Dense(1, 1, Activation.None, sampler, "pair_scale");
        _output.Weight.Data[0] = 5;   // start with a useful spread: cosine ±1 → logit ±5
        _nodeBias = new Dense(EmbeddingDimension, 1, Activation.None, sampler, "node_bias");
        var adam = new Adam([.. _layer1.Parameters, .. _layer2.Parameters, .. _output.Parameters,
            .. _nodeBias.Parameters], LearningRate);
        var bags = Bags(graph);
        _lossHistory.Clear();
        for (int epoch = 0; epoch < Epochs; epoch++)
        {
            adam.ZeroGrad();
            var loss = Losses.BinaryCrossEntropyWithLogits(Logits(Embed(x, bags), us, vs), targets, weights);
            loss.Backward();
            adam.Step();
            _lossHistory.Add(loss.Value);
        }
        return this;
    }

    /// <summary>The embedding z of every node of <paramref name="graph"/> (rows in node order).</summary>
    /// <exception cref="InvalidOperationException">Called before <see cref="Fit"/>.</exception>
    public float[][] Embeddings(Graph graph, IReadOnlyList<float[]> nodeFeatures)
    {
        CheckFitted();
        using (Tensor.NoGrad()) return Embed(Inputs(graph, nodeFeatures), Bags(graph)).ToRows();
    }

    /// <summary>P(connect) of each pair, from the embeddings of <paramref name="graph"/> — the training snapshot
    /// or a later one (the weights are shared, the neighbourhoods are the graph's).</summary>
    /// <exception cref="InvalidOperationException">Called before <see cref="Fit"/>.</exception>
    public double[] PredictProbability(Graph graph, IReadOnlyList<float[]> nodeFeatures, IReadOnlyList<(int U, int V)> pairs)
    {
        CheckFitted();
        var (us, vs) = Split(graph, pairs);
        using (Tensor.NoGrad())
        {
            var logits = Logits(Embed(Inputs(graph, nodeFeatures), Bags(graph)), us, vs);
            return logits.Data.Select(l => MathFunctions.Sigmoid(l)).ToArray();
        }
    }

    /// <summary>"GraphSAGE (mean) 31→32→16, 60 steps, loss 0.693 → 0.412".</summary>
    public override string ToString() => !IsFitted ? "GraphSAGE (mean), not fitted" : string.Create(CultureInfo.InvariantCulture,
        $"GraphSAGE (mean) {_layer1!.Inputs / 2}→{HiddenUnits}→{EmbeddingDimension}, {Epochs} steps, loss {_lossHistory[0]:F3} → {_lossHistory[^1]:F3}");

    private Tensor Embed(Tensor x, IReadOnlyList<IReadOnlyList<int>> bags)
    {
        var h1 = _layer1!.Forward(Ops.Concat(x, Ops.GatherMean(x, bags)));
        return _layer2!.Forward(Ops.Concat(h1, Ops.GatherMean(h1, bags)));
    }

    private Tensor Logits(Tensor z, int[] us, int[] vs)
    {
        var unit = Ops.L2Normalize(z);
        var similarity = _output!.Forward(Ops.RowDot(Ops.Gather(unit, us), Ops.Gather(unit, vs)));
        var activity = _nodeBias!.Forward(z);
        return Ops.Add(similarity, Ops.Add(Ops.Gather(activity, us), Ops.Gather(activity, vs)));
    }

    private static IReadOnlyList<IReadOnlyList<int>> Bags(Graph graph) =>
        Enumerable.Range(0, graph.NodeCount).Select(graph.Neighbors).ToArray();

    private Tensor Inputs(Graph graph, IReadOnlyList<float[]> nodeFeatures)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(nodeFeatures);
        if (nodeFeatures.Count != graph.NodeCount)
            throw new ArgumentException($"nodeFeatures has {nodeFeatures.Count} rows but the graph has {graph.NodeCount} nodes.", nameof(nodeFeatures));
        int width = nodeFeatures.Count == 0 ? 0 : nodeFeatures[0]?.Length ?? 0;
        if (width == 0) throw new ArgumentException("nodeFeatures rows must hold at least one value.", nameof(nodeFeatures));
        if (_layer1 is not null && 2 * width != _layer1.Inputs)
            throw new ArgumentException($"nodeFeatures rows have {width} values; the model was fitted on {_layer1.Inputs / 2}.", nameof(nodeFeatures));
        for (int i = 0; i < nodeFeatures.Count; i++)
            if (nodeFeatures[i] is null || nodeFeatures[i].Length != width)
                throw new ArgumentException($"nodeFeatures[{i}] must hold {width} values like row 0.", nameof(nodeFeatures));
        return Tensor.FromRows(nodeFeatures);
    }

    private static (int[] Us, int[] Vs) Split(Graph graph, IReadOnlyList<(int U, int V)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Count == 0) throw new ArgumentException("pairs must not be empty.", nameof(pairs));
        var us = new int[pairs.Count];
        var vs = new int[pairs.Count];
        for (int i = 0; i < pairs.Count; i++)
        {
            var (u, v) = pairs[i];
            if ((uint)u >= (uint)graph.NodeCount || (uint)v >= (uint)graph.NodeCount)
                throw new ArgumentOutOfRangeException(nameof(pairs), $"pairs[{i}] = ({u}, {v}) has a node outside [0, {graph.NodeCount}).");
            (us[i], vs[i]) = (u, v);
        }
        return (us, vs);
    }

    private void CheckFitted()
    {
        if (!IsFitted) throw new InvalidOperationException("Call Fit before embedding or predicting.");
    }
}
