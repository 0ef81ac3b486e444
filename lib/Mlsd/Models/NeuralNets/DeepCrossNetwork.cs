using System.Globalization;
using System.Runtime.CompilerServices;

namespace Mlsd.Models.NeuralNets;

/// <summary>
/// One cross layer of DCN-V2 (Wang et al. 2021): x_{l+1} = x₀ ⊙ (x_l·W + b) + x_l. Each layer multiplies the
/// original input x₀ element-wise with a linear map of the current one, so a stack of L layers holds every
/// feature interaction up to degree L + 1 — the explicit crosses a hand-made cross list would enumerate, learned
/// instead. The residual "+ x_l" keeps the lower-degree terms.
/// </summary>
/// <remarks>W starts near zero (Xavier, scaled by 0.1) so that an untrained layer is close to the identity.</remarks>
public sealed class CrossLayer : Module
{
    /// <summary>Creates a layer of the given width with seeded initial weights.</summary>
    /// <param name="width">Width of x₀ and x_l, at least 1.</param>
    /// <param name="sampler">Seeded source for the initial weights.</param>
    /// <param name="name">Prefix of parameter names.</param>
    public CrossLayer(int width, Sampler sampler, string name = "cross")
    {
        ArgumentNullException.ThrowIfNull(sampler);
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "width must be at least 1.");
        Width = width;
        Weight = new Tensor(width, width, requiresGrad: true) { Name = name + ".weight" };
        Bias = new Tensor(1, width, requiresGrad: true) { Name = name + ".bias" };
        Initializers.XavierUniform(Weight, sampler);
        for (int i = 0; i < Weight.Size; i++) Weight.Data[i] *= 0.1f;
    }

    /// <summary>Width of the input and output.</summary>
    public int Width { get; }

    /// <summary>W, width×width (applied as x·W).</summary>
    public Tensor Weight { get; }

    /// <summary>b, 1×width.</summary>
    public Tensor Bias { get; }

    /// <inheritdoc />
    public override IReadOnlyList<Tensor> Parameters => [Weight, Bias];

    /// <summary>x₀ ⊙ (x·W + b) + x, for a batch (rows = examples).</summary>
    /// <param name="x0">The network's input, n×Width.</param>
    /// <param name="x">The previous layer's output (x₀ itself for the first layer), n×Width.</param>
    public Tensor Forward(Tensor x0, Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x0);
        ArgumentNullException.ThrowIfNull(x);
        if (x0.Cols != Width || x.Cols != Width || x0.Rows != x.Rows)
            throw new ArgumentException(
                $"This cross layer expects x0 and x of the same shape n×{Width} (got {x0.Rows}×{x0.Cols} and {x.Rows}×{x.Cols}).",
                nameof(x));
        return Ops.Add(Ops.Multiply(x0, Ops.Linear(x, Weight, Bias)), x);
    }

    /// <summary>"Cross 40→40".</summary>
    public override string ToString() => $"Cross {Width}→{Width}";
}

/// <summary>
/// Deep &amp; Cross Network for click prediction (Wang et al. 2017, DCN; cross layers of DCN-V2, 2021): every
/// categorical field is embedded, the embeddings and the numeric features are concatenated into x₀, and two
/// towers read x₀ side by side — a <see cref="CrossLayer"/> stack (explicit, bounded-degree interactions) and a
/// ReLU MLP (implicit ones) — whose outputs a final linear layer turns into the click logit.
/// </summary>
/// <remarks>
/// <para>Inputs are field codes, one int per field per row (e.g. user id, ad id, device code) plus optional numeric
/// features the caller has scaled to about unit range. Each field's table has max code seen in training + 1 rows
/// and one extra row for "unknown": a negative code, or a code the training data never reached (a new ad). Rows
/// never looked up in training keep their small random initial values.</para>
/// <para>Trained on log loss with Adam over shuffled mini-batches. Deterministic: the same data and
/// <see cref="Seed"/> give the same model.</para>
/// </remarks>
/// <example>
/// <code>
/// var dcn = new DeepCrossNetwork { EmbeddingDimension = 4, CrossLayers = 2, Epochs = 2, Seed = 1 }
///     .Fit(fieldCodes, numeric, labels);
/// double[] pCtr = dcn.PredictProbability(testCodes, testNumeric);
/// </code>
/// </example>
public sealed class DeepCrossNetwork
{
    private readonly List<double> _trainingLoss = [];
    private Embedding[]? _fields;
    private CrossLayer[]? _cross;
    private Sequential? _deep;
    private Dense? _output;
    private int[]? _cardinalities;
    private int _numeric;

    /// <summary>Width of each field's embedding (default 4).</summary>
    public int EmbeddingDimension { get; init; } = 4;

    /// <summary>Number of cross layers (default 2: interactions up to degree 3); 0 leaves only the deep tower.</summary>
    public int CrossLayers { get; init; } = 2;

    /// <summary>Widths of the deep tower's ReLU layers (default [32, 16]); empty leaves only the cross tower.</summary>
    public IReadOnlyList<int> HiddenUnits { get; init; } = [32, 16];

    /// <summary>Passes over the training data (default 2).</summary>
    public int Epochs { get; init; } = 2;

    /// <summary>Examples per Adam step (default 256).</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>Adam step size (default 0.005).</summary>
    public double LearningRate { get; init; } = 0.005;

    /// <summary>Seed of the initial weights and the shuffling.</summary>
    public int Seed { get; init; }

    /// <summary>Mean training log loss of each epoch.</summary>
    public IReadOnlyList<double> TrainingLoss => _trainingLoss;

    /// <summary>Rows of each field's table learned from the training data (the "unknown" row not counted).</summary>
    public IReadOnlyList<int> Cardinalities => _cardinalities ?? throw NotFitted();

    /// <summary>Trainable numbers in the fitted model.</summary>
    public int ParameterCount => Modules().Sum(m => m.ParameterCount);

    /// <summary>Width of x₀: fields × <see cref="EmbeddingDimension"/> + numeric features.</summary>
    public int InputWidth => _cross is null ? throw NotFitted() : _fields!.Length * EmbeddingDimension + _numeric;

    /// <summary>Fits the network.</summary>
    /// <param name="fields">One array of field codes per row, all of the same length (≥ 1 field).</param>
    /// <param name="numeric">One array of scaled numeric features per row, all of the same length, or null.</param>
    /// <param name="labels">0/1 click labels, one per row.</param>
    /// <returns>This model, fitted.</returns>
    public DeepCrossNetwork Fit(IReadOnlyList<int[]> fields, IReadOnlyList<float[]>? numeric, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(labels);
        ValidateSettings();
        if (fields.Count < 2) throw new ArgumentException($"fields must hold at least 2 rows (got {fields.Count}).", nameof(fields));
        if (labels.Count != fields.Count)
            throw new ArgumentException($"labels must have one label per row of fields ({fields.Count}); got {labels.Count}.", nameof(labels));
        for (int i = 0; i < labels.Count; i++)
            if (labels[i] is not (0 or 1)) throw new ArgumentException($"labels[{i}] = {labels[i]} must be 0 or 1.", nameof(labels));
        int fieldCount = CheckFields(fields, expected: -1);
        _numeric = CheckNumeric(numeric, fields.Count, expected: -1);
        _cardinalities = new int[fieldCount];
        foreach (var row in fields)
            for (int f = 0; f < fieldCount; f++) _cardinalities[f] = Math.Max(_cardinalities[f], row[f] + 1);

        var sampler = new Sampler(Seed);
        _fields = new Embedding[fieldCount];
        for (int f = 0; f < fieldCount; f++)
            _fields[f] = new Embedding(_cardinalities[f] + 1, EmbeddingDimension, sampler.Fork(), 0.05f, $"field{f}");
        int width = fieldCount * EmbeddingDimension + _numeric;
        _cross = new CrossLayer[CrossLayers];
        for (int l = 0; l < CrossLayers; l++) _cross[l] = new CrossLayer(width, sampler.Fork(), $"cross{l}");
        _deep = HiddenUnits.Count == 0 ? null : HiddenTower(width, sampler.Fork());
        int top = (CrossLayers > 0 ? width : 0) + (HiddenUnits.Count > 0 ? HiddenUnits[^1] : 0);
        _output = new Dense(top, 1, Activation.None, sampler.Fork(), "output");

        var optimizer = new Adam(Modules().SelectMany(m => m.Parameters), (float)LearningRate);
        var shuffle = sampler.Fork();
        _trainingLoss.Clear();
        for (int epoch = 0; epoch < Epochs; epoch++)
        {
            double total = 0;
            foreach (var batch in MiniBatches.Shuffled(fields.Count, BatchSize, shuffle))
            {
                var targets = new float[batch.Length];
                for (int b = 0; b < batch.Length; b++) targets[b] = labels[batch[b]];
                var loss = Losses.BinaryCrossEntropyWithLogits(Logits(fields, numeric, batch), targets);
                loss.Backward();
                optimizer.Step();
                total += (double)loss.Value * batch.Length;
            }
            _trainingLoss.Add(total / fields.Count);
        }
        return this;
    }

    /// <summary>P(click) for each row.</summary>
    /// <param name="fields">Field codes per row, as many fields as in training; unseen or negative codes read as unknown.</param>
    /// <param name="numeric">Numeric features per row, as in training (null if training had none).</param>
    public double[] PredictProbability(IReadOnlyList<int[]> fields, IReadOnlyList<float[]>? numeric = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (_fields is null) throw NotFitted();
        CheckFields(fields, _fields.Length);
        CheckNumeric(numeric, fields.Count, _numeric);
        var result = new double[fields.Count];
        const int chunk = 4_096;
        using (Tensor.NoGrad())
        {
            for (int start = 0; start < fields.Count; start += chunk)
            {
                var rows = Enumerable.Range(start, Math.Min(chunk, fields.Count - start)).ToArray();
                var z = Logits(fields, numeric, rows);
                for (int r = 0; r < rows.Length; r++) result[start + r] = 1 / (1 + Math.Exp(-z.Data[r]));
            }
        }
        return result;
    }

    /// <summary>"DCN: 12 fields × 4 + 5 numeric → 2 cross layers ‖ MLP [32, 16] → logit".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"DCN: {(_fields?.Length.ToString(CultureInfo.InvariantCulture) ?? "?")} fields × {EmbeddingDimension}" +
        $" + {_numeric} numeric → {CrossLayers} cross layers ‖ MLP [{string.Join(", ", HiddenUnits)}] → logit");

    [MethodImpl(Jit.Hot)]
    private Tensor Logits(IReadOnlyList<int[]> fields, IReadOnlyList<float[]>? numeric, int[] rows)
    {
        var parts = new List<Tensor>(_fields!.Length + 1);
        for (int f = 0; f < _fields.Length; f++)
        {
            int unknown = _cardinalities![f];
            var codes = new int[rows.Length];
            for (int r = 0; r < rows.Length; r++)
            {
                int code = fields[rows[r]][f];
                codes[r] = code < 0 || code >= unknown ? unknown : code;
            }
            parts.Add(_fields[f].Forward(codes));
        }
        if (_numeric > 0)
        {
            var x = new Tensor(rows.Length, _numeric);
            for (int r = 0; r < rows.Length; r++) numeric![rows[r]].AsSpan().CopyTo(x.Row(r));
            parts.Add(x);
        }
        var x0 = parts.Count == 1 ? parts[0] : Ops.Concat([.. parts]);
        var tops = new List<Tensor>(2);
        if (_cross!.Length > 0)
        {
            var c = x0;
            foreach (var layer in _cross) c = layer.Forward(x0, c);
            tops.Add(c);
        }
        if (_deep is not null) tops.Add(_deep.Forward(x0));
        return _output!.Forward(tops.Count == 1 ? tops[0] : Ops.Concat([.. tops]));
    }

    private Sequential HiddenTower(int inputs, Sampler sampler)
    {
        var layers = new Layer[HiddenUnits.Count];
        for (int i = 0; i < layers.Length; i++)
        {
            layers[i] = new Dense(inputs, HiddenUnits[i], Activation.Relu, sampler, $"deep{i}");
            inputs = HiddenUnits[i];
        }
        return new Sequential(layers);
    }

    private IEnumerable<Module> Modules()
    {
        if (_fields is null) throw NotFitted();
        foreach (var m in _fields) yield return m;
        foreach (var m in _cross!) yield return m;
        if (_deep is not null) yield return _deep;
        yield return _output!;
    }

    private void ValidateSettings()
    {
        if (EmbeddingDimension < 1) throw new ArgumentOutOfRangeException(nameof(EmbeddingDimension), EmbeddingDimension, "EmbeddingDimension must be at least 1.");
        if (CrossLayers < 0) throw new ArgumentOutOfRangeException(nameof(CrossLayers), CrossLayers, "CrossLayers must be non-negative.");
        ArgumentNullException.ThrowIfNull(HiddenUnits, nameof(HiddenUnits));
        foreach (int w in HiddenUnits)
            if (w < 1) throw new ArgumentOutOfRangeException(nameof(HiddenUnits), w, "Every HiddenUnits width must be at least 1.");
        if (CrossLayers == 0 && HiddenUnits.Count == 0)
            throw new ArgumentException("A DCN needs at least one cross layer or one hidden layer.", nameof(CrossLayers));
        if (Epochs < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Epochs must be at least 1.");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be at least 1.");
        if (!(LearningRate > 0 && double.IsFinite(LearningRate)))
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "LearningRate must be positive and finite.");
    }

    private static int CheckFields(IReadOnlyList<int[]> fields, int expected)
    {
        for (int i = 0; i < fields.Count; i++)
        {
            var row = fields[i] ?? throw new ArgumentException($"fields[{i}] is null.", nameof(fields));
            if (expected < 0) expected = row.Length;
            if (row.Length != expected || expected == 0)
                throw new ArgumentException($"fields[{i}] has {row.Length} codes; every row must have {Math.Max(expected, 1)}" +
                    (expected > 0 ? " (the first row's or the training data's count)." : "."), nameof(fields));
        }
        return expected;
    }

    private static int CheckNumeric(IReadOnlyList<float[]>? numeric, int rows, int expected)
    {
        if (numeric is null)
        {
            if (expected > 0) throw new ArgumentException($"numeric is null but the model was trained with {expected} numeric features.", nameof(numeric));
            return 0;
        }
        if (numeric.Count != rows) throw new ArgumentException($"numeric must have one row per row of fields ({rows}); got {numeric.Count}.", nameof(numeric));
        for (int i = 0; i < numeric.Count; i++)
        {
            var row = numeric[i] ?? throw new ArgumentException($"numeric[{i}] is null.", nameof(numeric));
            if (expected < 0) expected = row.Length;
            if (row.Length != expected)
                throw new ArgumentException($"numeric[{i}] has {row.Length} values; every row must have {expected}.", nameof(numeric));
            foreach (float v in row)
                if (!float.IsFinite(v)) throw new ArgumentException($"numeric[{i}] holds {v}; numeric features must be finite (impute missing values first).", nameof(numeric));
        }
        return expected;
    }

    private static InvalidOperationException NotFitted() => new("Call Fit before using the model.");
}
