
namespace Mlsd.Models.NeuralNets;

/// <summary>The non-linearity applied after a <see cref="Dense"/> layer.</summary>
public enum Activation
{
    /// <summary>None: the layer stays linear (use for output layers feeding a loss).</summary>
    None,

    /// <summary>max(x, 0): the default for hidden layers.</summary>
    Relu,

    /// <summary>tanh(x), in (−1, 1).</summary>
    Tanh,

    /// <summary>1/(1 + e^−x), in (0, 1).</summary>
    Sigmoid,
}

/// <summary>Something that owns trainable parameters (layers, embedding tables, whole models).</summary>
public abstract class Module
{
    /// <summary>The trainable tensors, in a fixed order (hand them to an <see cref="Optimizer"/>).</summary>
    public abstract IReadOnlyList<Tensor> Parameters { get; }

    /// <summary>Total number of trainable numbers.</summary>
    public int ParameterCount
    {
        get
        {
            int total = 0;
            foreach (var p in Parameters) total += p.Size;
            return total;
        }
    }
}

/// <summary>A module that maps one batch tensor to another, so layers can be chained in a <see cref="Sequential"/>.</summary>
public abstract class Layer : Module
{
    /// <summary>Applies the layer to a batch (rows = examples).</summary>
    public abstract Tensor Forward(Tensor input);
}

/// <summary>
/// A fully connected ("dense", "linear") layer: y = activation(x·W + b) with W of shape inputs×outputs.
/// </summary>
/// <remarks>Weights start from He initialisation for ReLU layers (keeps activations' variance steady through
/// ReLUs, He et al. 2015) and Xavier/Glorot otherwise (Glorot &amp; Bengio 2010); biases start at zero.</remarks>
public sealed class Dense : Layer
{
    /// <summary>Creates the layer with weights drawn from <paramref name="sampler"/>.</summary>
    /// <param name="inputs">Input width, at least 1.</param>
    /// <param name="outputs">Output width, at least 1.</param>
    /// <param name="activation">Non-linearity applied to the output.</param>
    /// <param name="sampler">Seeded source for the initial weights.</param>
    /// <param name="name">Prefix for parameter names (shown when printing parameters).</param>
    public Dense(int inputs, int outputs, Activation activation, Sampler sampler, string name = "dense")
    {
        ArgumentNullException.ThrowIfNull(sampler);
        if (inputs < 1) throw new ArgumentOutOfRangeException(nameof(inputs), inputs, "inputs must be at least 1.");
        if (outputs < 1) throw new ArgumentOutOfRangeException(nameof(outputs), outputs, "outputs must be at least 1.");
        Inputs = inputs;
        Outputs = outputs;
        Activation = activation;
        Weight = new Tensor(inputs, outputs, requiresGrad: true) { Name = name + ".weight" };
        Bias = new Tensor(1, outputs, requiresGrad: true) { Name = name + ".bias" };
        if (activation == Activation.Relu) Initializers.HeNormal(Weight, sampler);
        else Initializers.XavierUniform(Weight, sampler);
    }

    /// <summary>Input width.</summary>
    public int Inputs { get; }

    /// <summary>Output width.</summary>
    public int Outputs { get; }

    /// <summary>The non-linearity.</summary>
    public Activation Activation { get; }

    /// <summary>W, inputs×outputs.</summary>
    public Tensor Weight { get; }

    /// <summary>b, 1×outputs.</summary>
    public Tensor Bias { get; }

    /// <inheritdoc />
    public override IReadOnlyList<Tensor> Parameters => [Weight, Bias];

    /// <inheritdoc />
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Cols != Inputs)
            throw new ArgumentException($"This Dense layer expects {Inputs} input columns (got {input.Cols}).", nameof(input));
        var z = Ops.Linear(input, Weight, Bias);
        return Activation switch
        {
            Activation.Relu => Ops.Relu(z),
            Activation.Tanh => Ops.Tanh(z),
            Activation.Sigmoid => Ops.Sigmoid(z),
            _ => z,
        };
    }

    /// <summary>"Dense 64→32 (Relu)".</summary>
    public override string ToString() => $"Dense {Inputs}→{Outputs} ({Activation})";
}

/// <summary>Layers applied one after another (a multi-layer perceptron is a Sequential of Dense layers).</summary>
public sealed class Sequential : Layer
{
    private readonly Layer[] _layers;

    /// <summary>Chains <paramref name="layers"/> in order.</summary>
    public Sequential(params Layer[] layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Length == 0) throw new ArgumentException("Sequential needs at least one layer.", nameof(layers));
        foreach (var layer in layers) ArgumentNullException.ThrowIfNull(layer, nameof(layers));
        _layers = (Layer[])layers.Clone();
    }

    /// <summary>The layers, in order.</summary>
    internal IReadOnlyList<Layer> Layers => _layers;

    /// <inheritdoc />
    public override IReadOnlyList<Tensor> Parameters => _layers.SelectMany(l => l.Parameters).ToArray();

    /// <inheritdoc />
    public override Tensor Forward(Tensor input)
    {
        var x = input;
        foreach (var layer in _layers) x = layer.Forward(x);
        return x;
    }

    /// <summary>The layers joined by arrows.</summary>
    public override string ToString() => string.Join(" → ", _layers.Select(l => l.ToString()));

    /// <summary>
    /// A multi-layer perceptron: ReLU hidden layers of the given widths, then a linear output layer.
    /// </summary>
    /// <param name="inputs">Input width.</param>
    /// <param name="widths">Widths of each layer; the last is the output width.</param>
    /// <param name="sampler">Seeded source for all initial weights.</param>
    /// <param name="name">Prefix for parameter names.</param>
    public static Sequential Mlp(int inputs, IReadOnlyList<int> widths, Sampler sampler, string name = "mlp")
    {
        ArgumentNullException.ThrowIfNull(widths);
        if (widths.Count == 0) throw new ArgumentException("widths must name at least the output width.", nameof(widths));
        var layers = new Layer[widths.Count];
        int previous = inputs;
        for (int i = 0; i < widths.Count; i++)
        {
            bool last = i == widths.Count - 1;
            layers[i] = new Dense(previous, widths[i], last ? Activation.None : Activation.Relu, sampler, $"{name}.{i}");
            previous = widths[i];
        }
        return new Sequential(layers);
    }
}

/// <summary>
/// What <see cref="Embedding"/> and <see cref="EmbeddingBag"/> share: a count×dimension table of learned vectors
/// with row tracking, so only the rows a batch looks up receive gradient and optimiser updates.
/// </summary>
public abstract class EmbeddingTable : Module
{
    /// <summary>Creates a table with entries drawn from N(0, <paramref name="initialStd"/>²).</summary>
    /// <param name="count">Number of ids (rows), at least 1.</param>
    /// <param name="dimension">Vector length, at least 1.</param>
    /// <param name="sampler">Seeded source for the initial values.</param>
    /// <param name="initialStd">Standard deviation of the initial entries (small keeps early dot products near 0).</param>
    /// <param name="name">Parameter name.</param>
    private protected EmbeddingTable(int count, int dimension, Sampler sampler, float initialStd, string name)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "count must be at least 1.");
        if (dimension < 1) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "dimension must be at least 1.");
        Table = new Tensor(count, dimension, requiresGrad: true) { Name = name };
        Table.EnableRowTracking();
        Initializers.Normal(Table, initialStd, sampler);
    }

    /// <summary>Number of ids.</summary>
    public int Count => Table.Rows;

    /// <summary>Vector length.</summary>
    public int Dimension => Table.Cols;

    /// <summary>The count×dimension parameter.</summary>
    public Tensor Table { get; }

    /// <inheritdoc />
    public override IReadOnlyList<Tensor> Parameters => [Table];
}

/// <summary>
/// An embedding table: id → a learned dense vector (rows of a count×dimension matrix). Only the rows a batch
/// looks up receive gradient, and the optimisers update only those rows, so large tables stay cheap.
/// </summary>
public sealed class Embedding : EmbeddingTable
{
    /// <summary>Creates a table with entries drawn from N(0, <paramref name="initialStd"/>²).</summary>
    /// <param name="count">Number of ids (rows), at least 1.</param>
    /// <param name="dimension">Vector length, at least 1.</param>
    /// <param name="sampler">Seeded source for the initial values.</param>
    /// <param name="initialStd">Standard deviation of the initial entries (small keeps early dot products near 0).</param>
    /// <param name="name">Parameter name.</param>
    public Embedding(int count, int dimension, Sampler sampler, float initialStd = 0.1f, string name = "embedding")
        : base(count, dimension, sampler, initialStd, name)
    {
    }

    /// <summary>Looks up one row per id → ids.Count×dimension.</summary>
    public Tensor Forward(IReadOnlyList<int> ids) => Ops.Gather(Table, ids);

    /// <summary>"Embedding 4000×32".</summary>
    public override string ToString() => $"Embedding {Count}×{Dimension}";
}

/// <summary>
/// An embedding table read as bags: each example carries a variable-length list of ids (watched videos, tags)
/// and gets the mean of their vectors (an empty list gives zeros).
/// </summary>
public sealed class EmbeddingBag : EmbeddingTable
{
    /// <summary>Creates a table with entries drawn from N(0, <paramref name="initialStd"/>²).</summary>
    /// <param name="count">Number of ids, at least 1.</param>
    /// <param name="dimension">Vector length, at least 1.</param>
    /// <param name="sampler">Seeded source for the initial values.</param>
    /// <param name="initialStd">Standard deviation of the initial entries.</param>
    /// <param name="name">Parameter name.</param>
    public EmbeddingBag(int count, int dimension, Sampler sampler, float initialStd = 0.1f, string name = "embedding_bag")
        : base(count, dimension, sampler, initialStd, name)
    {
    }

    /// <summary>Mean-pools each bag → bags.Count×dimension.</summary>
    public Tensor Forward(IReadOnlyList<IReadOnlyList<int>> bags) => Ops.GatherMean(Table, bags);

    /// <summary>"EmbeddingBag 2500×32 (mean)".</summary>
    public override string ToString() => $"EmbeddingBag {Count}×{Dimension} (mean)";
}
