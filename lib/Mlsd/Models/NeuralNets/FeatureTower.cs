using System.Runtime.CompilerServices;
using System.Globalization;

namespace Mlsd.Models.NeuralNets;

/// <summary>
/// What one side of a two-tower model knows about its entities: how many ids, which categorical fields (and how
/// many values each takes), how big the vocabulary of the variable-length bag is, and how many numeric features.
/// </summary>
/// <param name="IdCount">Number of known ids (0 to use no id embedding: a purely feature-based tower).</param>
/// <param name="FieldCardinalities">Number of values of each categorical field (e.g. age bucket 6, country 9).</param>
/// <param name="BagVocabulary">Number of distinct bag ids (e.g. videos, for a watch history; tags, for a video); 0 for no bag.</param>
/// <param name="NumericCount">Number of numeric features (already scaled to about unit range).</param>
public sealed record TowerSchema(int IdCount, IReadOnlyList<int> FieldCardinalities, int BagVocabulary = 0, int NumericCount = 0)
{
    /// <summary>"ids 3000, fields [6, 9, 7], bag 2000, numeric 0".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"ids {IdCount}, fields [{string.Join(", ", FieldCardinalities)}], bag {BagVocabulary}, numeric {NumericCount}");
}

/// <summary>
/// The input of one tower for one entity (a user or an item): its id, categorical field values, bag of ids, numbers.
/// </summary>
/// <param name="Id">The entity's id in [0, IdCount), or <see cref="UnknownId"/> for an entity the model has never
/// seen (a new user or video): the tower then relies on the features alone. When the schema has no ids
/// (IdCount 0) the id is not embedded but still identifies the entity (any non-negative value).</param>
/// <param name="Fields">One value per categorical field, each in [0, cardinality), or −1 when missing.</param>
/// <param name="Bag">Ids mean-pooled through an embedding bag (e.g. videos watched before — never including the target
/// item of a training pair, or the model just learns to look it up); null or empty for none.</param>
/// <param name="Numeric">Numeric features, one per <see cref="TowerSchema.NumericCount"/>; null when there are none.</param>
public sealed record TowerInput(int Id, IReadOnlyList<int> Fields, IReadOnlyList<int>? Bag = null, IReadOnlyList<float>? Numeric = null)
{
    /// <summary>The id of an entity not seen in training (cold start).</summary>
    public const int UnknownId = -1;
}

/// <summary>
/// One tower of a two-tower model: [id embedding ‖ one embedding per field ‖ mean-pooled bag ‖ numeric features]
/// → ReLU layer → linear layer → L2 normalisation. Its output is a unit vector, so two towers' outputs compare by
/// cosine similarity and can go straight into a nearest-neighbour index.
/// </summary>
/// <remarks>
/// Each embedding table has one extra row for "unknown" (an unseen id, or a missing field). During training ids
/// are replaced by "unknown" with probability <c>idDropout</c>, so that row learns what a typical entity with
/// these features looks like — which is exactly what a brand-new user or video needs.
/// </remarks>
public sealed class FeatureTower : Module
{
    private readonly Embedding? _id;
    private readonly Embedding[] _fields;
    private readonly EmbeddingBag? _bag;
    private readonly Dense _hidden;
    private readonly Dense _output;

    /// <summary>Builds the tower with seeded initial weights.</summary>
    /// <param name="schema">What the inputs look like.</param>
    /// <param name="idDimension">Width of the id embedding.</param>
    /// <param name="fieldDimension">Width of each field embedding.</param>
    /// <param name="bagDimension">Width of the bag embedding.</param>
    /// <param name="hiddenUnits">Width of the ReLU layer.</param>
    /// <param name="outputDimension">Width of the output vector.</param>
    /// <param name="sampler">Seeded source of the initial weights.</param>
    /// <param name="name">Prefix of parameter names.</param>
    public FeatureTower(TowerSchema schema, int idDimension, int fieldDimension, int bagDimension, int hiddenUnits, int outputDimension, Sampler sampler, string name = "tower")
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(sampler);
        ArgumentNullException.ThrowIfNull(schema.FieldCardinalities, nameof(schema));
        if (schema.IdCount < 0) throw new ArgumentOutOfRangeException(nameof(schema), schema.IdCount, "schema.IdCount must be non-negative.");
        if (schema.BagVocabulary < 0) throw new ArgumentOutOfRangeException(nameof(schema), schema.BagVocabulary, "schema.BagVocabulary must be non-negative.");
        if (schema.NumericCount < 0) throw new ArgumentOutOfRangeException(nameof(schema), schema.NumericCount, "schema.NumericCount must be non-negative.");
        for (int f = 0; f < schema.FieldCardinalities.Count; f++)
            if (schema.FieldCardinalities[f] < 1)
                throw new ArgumentOutOfRangeException(nameof(schema), schema.FieldCardinalities[f], $"schema.FieldCardinalities[{f}] must be at least 1.");
        Schema = schema;
        int width = 0;
        if (schema.IdCount > 0)
        {
            _id = new Embedding(schema.IdCount + 1, idDimension, sampler, name: name + ".id");
            width += idDimension;
        }
        _fields = new Embedding[schema.FieldCardinalities.Count];
        for (int f = 0; f < _fields.Length; f++)
        {
            _fields[f] = new Embedding(schema.FieldCardinalities[f] + 1, fieldDimension, sampler, name: $"{name}.field{f}");
            width += fieldDimension;
        }
        if (schema.BagVocabulary > 0)
        {
            _bag = new EmbeddingBag(schema.BagVocabulary, bagDimension, sampler, name: name + ".bag");
            width += bagDimension;
        }
        width += schema.NumericCount;
        if (width == 0) throw new ArgumentException("The schema gives the tower no input at all (no ids, fields, bag or numeric features).", nameof(schema));
        InputWidth = width;
        _hidden = new Dense(width, hiddenUnits, Activation.Relu, sampler, name + ".hidden");
        _output = new Dense(hiddenUnits, outputDimension, Activation.None, sampler, name + ".output");
    }

    /// <summary>The input description.</summary>
    public TowerSchema Schema { get; }

    /// <summary>Width of the concatenated input of the first dense layer.</summary>
    public int InputWidth { get; }

    /// <summary>Width of the output vectors.</summary>
    internal int OutputDimension => _output.Outputs;

    /// <inheritdoc />
    public override IReadOnlyList<Tensor> Parameters
    {
        get
        {
            var list = new List<Tensor>();
            if (_id is not null) list.AddRange(_id.Parameters);
            foreach (var f in _fields) list.AddRange(f.Parameters);
            if (_bag is not null) list.AddRange(_bag.Parameters);
            list.AddRange(_hidden.Parameters);
            list.AddRange(_output.Parameters);
            return list;
        }
    }

    /// <summary>Encodes a batch into unit vectors (inputs.Count × OutputDimension).</summary>
    /// <param name="inputs">The entities.</param>
    /// <param name="idDropout">Probability of hiding each id during training (0 at inference).</param>
    /// <param name="sampler">Source of the dropout draws (needed only when idDropout &gt; 0).</param>
    [MethodImpl(Jit.Hot)]
    public Tensor Forward(IReadOnlyList<TowerInput> inputs, double idDropout = 0, Sampler? sampler = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0) throw new ArgumentException("inputs must not be empty.", nameof(inputs));
        if (idDropout > 0 && sampler is null) throw new ArgumentNullException(nameof(sampler), "A sampler is needed for id dropout.");
        if (!(idDropout >= 0 && idDropout < 1)) throw new ArgumentOutOfRangeException(nameof(idDropout), idDropout, "idDropout must be in [0, 1).");
        int n = inputs.Count;
        for (int i = 0; i < n; i++) Validate(inputs[i], nameof(inputs), i);
        var parts = new List<Tensor>(_fields.Length + 3);
        if (_id is not null)
        {
            var ids = new int[n];
            for (int i = 0; i < n; i++)
            {
                int id = inputs[i].Id;
                ids[i] = id == TowerInput.UnknownId || (idDropout > 0 && sampler!.Bernoulli(idDropout)) ? Schema.IdCount : id;
            }
            parts.Add(_id.Forward(ids));
        }
        for (int f = 0; f < _fields.Length; f++)
        {
            var codes = new int[n];
            int cardinality = Schema.FieldCardinalities[f];
            for (int i = 0; i < n; i++)
            {
                int code = inputs[i].Fields[f];
                codes[i] = code == -1 ? cardinality : code;
            }
            parts.Add(_fields[f].Forward(codes));
        }
        if (_bag is not null)
        {
            var bags = new IReadOnlyList<int>[n];
            for (int i = 0; i < n; i++) bags[i] = inputs[i].Bag ?? [];
            parts.Add(_bag.Forward(bags));
        }
        if (Schema.NumericCount > 0)
        {
            var numeric = new Tensor(n, Schema.NumericCount);
            for (int i = 0; i < n; i++)
                for (int c = 0; c < Schema.NumericCount; c++) numeric.Data[i * Schema.NumericCount + c] = inputs[i].Numeric![c];
            parts.Add(numeric);
        }
        var x = parts.Count == 1 ? parts[0] : Ops.Concat([.. parts]);
        return Ops.L2Normalize(_output.Forward(_hidden.Forward(x)));
    }

    /// <summary>Checks one input against the schema; the message names the argument and the index.</summary>
    [MethodImpl(Jit.Hot)]
    internal void Validate(TowerInput? input, string argument, int index)
    {
        if (input is null) throw new ArgumentException($"{argument}[{index}] is null.", argument);
        if (input.Id != TowerInput.UnknownId && (input.Id < 0 || (Schema.IdCount > 0 && input.Id >= Schema.IdCount)))
            throw new ArgumentException($"{argument}[{index}].Id = {input.Id} must be in [0, {Schema.IdCount}) or TowerInput.UnknownId (−1).", argument);
        if (input.Fields is null || input.Fields.Count != Schema.FieldCardinalities.Count)
            throw new ArgumentException($"{argument}[{index}].Fields must have {Schema.FieldCardinalities.Count} values (got {input.Fields?.Count ?? 0}).", argument);
        for (int f = 0; f < input.Fields.Count; f++)
        {
            int code = input.Fields[f];
            if (code < -1 || code >= Schema.FieldCardinalities[f])
                throw new ArgumentException($"{argument}[{index}].Fields[{f}] = {code} must be in [0, {Schema.FieldCardinalities[f]}) or −1 for missing.", argument);
        }
        if (input.Bag is not null && input.Bag.Count > 0)
        {
            if (Schema.BagVocabulary == 0) throw new ArgumentException($"{argument}[{index}].Bag is given but the schema has no bag (BagVocabulary = 0).", argument);
            foreach (int id in input.Bag)
                if ((uint)id >= (uint)Schema.BagVocabulary)
                    throw new ArgumentException($"{argument}[{index}].Bag contains {id}, outside [0, {Schema.BagVocabulary}).", argument);
        }
        int numeric = input.Numeric?.Count ?? 0;
        if (numeric != Schema.NumericCount)
            throw new ArgumentException($"{argument}[{index}].Numeric must have {Schema.NumericCount} values (got {numeric}).", argument);
        if (input.Numeric is not null)
            for (int c = 0; c < numeric; c++)
                if (!float.IsFinite(input.Numeric[c])) throw new ArgumentException($"{argument}[{index}].Numeric[{c}] must be finite.", argument);
    }

    /// <summary>"FeatureTower: ids 3000, fields [6, 9, 7], bag 2000 → 120 → Dense 120→64 (Relu) → Dense 64→32 (None) → L2".</summary>
    public override string ToString() => $"FeatureTower: {Schema} → {InputWidth} → {_hidden} → {_output} → L2";
}
