using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace Mlsd.Models;

/// <summary>
/// An ML.NET learning-to-rank model in our models' shape — configure, <c>Fit</c>, <c>Score</c> — on dense rows grouped
/// into queries (a search, a visit of a page): <c>MlNetRanker.LightGbmLambdaRank(trees: 50).Fit(x, relevance, groups).Score(xTest)</c>.
/// </summary>
/// <remarks>
/// <para>A pointwise model learns P(relevant | row) from each row alone; a ranker learns only the order within each
/// group. LambdaRank (Burges, "From RankNet to LambdaRank to LambdaMART: An Overview", MSR-TR-2010-82) gives every
/// pair of rows in a group with different labels a gradient scaled by how much swapping them would change the
/// group's nDCG, so the trees spend their capacity on the top of each list. Scores are comparable only within a
/// group and are not probabilities.</para>
/// <para>Rows of one group must be contiguous (LightGBM reads groups as runs). Training runs with one thread and a
/// fixed seed, so results do not depend on scheduling. Scoring a few hundred rows (one visit's candidates) goes through
/// a cached prediction engine, so a serving loop does not pay for a data view per request.</para>
/// </remarks>
public sealed class MlNetRanker
{
    private readonly Func<MLContext, IEstimator<ITransformer>> _trainer;
    private MLContext? _context;
    private ITransformer? _model;
    private int _width = -1;
    private const int SmallBatch = 512;          // at most this many rows: score through the prediction engine
    private readonly Lock _engineGate = new();   // a prediction engine is not thread-safe
    private PredictionEngine<Row, ScoreRow>? _engine;

    /// <summary>The group column's name.</summary>
    public const string GroupId = "GroupId";

    /// <summary>Wraps an ML.NET ranking trainer reading <c>Label</c> (float grades), <c>Features</c> and <see cref="GroupId"/>.</summary>
    public MlNetRanker(string name, Func<MLContext, IEstimator<ITransformer>> trainer, int seed = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        _trainer = trainer ?? throw new ArgumentNullException(nameof(trainer));
        Seed = seed;
    }

    /// <summary>A short name for tables.</summary>
    public string Name { get; }

    /// <summary>The seed of the ML.NET context.</summary>
    public int Seed { get; }

    /// <summary>True once <c>Fit</c> has run.</summary>
    public bool IsFitted => _model is not null;

    /// <summary>LightGBM with the LambdaRank objective (Ke et al., NeurIPS 2017; Burges 2010), optimising nDCG.</summary>
    public static MlNetRanker LightGbmLambdaRank(int trees = 100, int leaves = 31, double learningRate = 0.1, int minLeafRows = 20, int seed = 1)
    {
        ModelInput.CheckAtLeast(trees, 1, nameof(trees));
        ModelInput.CheckAtLeast(leaves, 2, nameof(leaves));
        ModelInput.CheckPositive(learningRate, nameof(learningRate));
        ModelInput.CheckAtLeast(minLeafRows, 1, nameof(minLeafRows));
        return new("ML.NET LightGBM LambdaRank", ml => ml.Ranking.Trainers.LightGbm(new LightGbmRankingTrainer.Options
        {
            LabelColumnName = MlNetData.Label, FeatureColumnName = MlNetData.Features, RowGroupColumnName = GroupId,
            NumberOfIterations = trees, NumberOfLeaves = leaves, LearningRate = learningRate,
            MinimumExampleCountPerLeaf = minLeafRows, NumberOfThreads = 1, Seed = seed, Silent = true,
        }), seed);
    }

    /// <summary>
    /// Trains on dense rows, relevance grades (0 = not relevant; 0–4 like nDCG's grades) and the group of each row.
    /// </summary>
    /// <param name="x">Feature rows, all the same length.</param>
    /// <param name="relevance">One grade per row, in 0 … 30.</param>
    /// <param name="groups">One group key per row; the rows of a group must be contiguous.</param>
    public MlNetRanker Fit(IReadOnlyList<float[]> x, IReadOnlyList<int> relevance, IReadOnlyList<int> groups)
    {
        int width = ModelInput.CheckDense(x);
        ArgumentNullException.ThrowIfNull(relevance);
        ArgumentNullException.ThrowIfNull(groups);
        if (relevance.Count != x.Count) throw new ArgumentException($"relevance has {relevance.Count} grades for {x.Count} rows.", nameof(relevance));
        if (groups.Count != x.Count) throw new ArgumentException($"groups has {groups.Count} keys for {x.Count} rows.", nameof(groups));
        for (int i = 0; i < relevance.Count; i++)
            if (relevance[i] is < 0 or > 30) throw new ArgumentException($"relevance[{i}] = {relevance[i]} must be a grade in 0..30.", nameof(relevance));
        var keys = GroupKeys(groups);
        var context = new MLContext(Seed);
        var data = View(context, x, width, relevance, keys, keys.Length == 0 ? 1 : keys[^1]);
        var model = _trainer(context).Fit(data);
        (_context, _model, _width, _engine) = (context, model, width, null);
        return this;
    }

    /// <summary>Ranking scores, higher first; comparable only among rows of the same group.</summary>
    public double[] Score(IReadOnlyList<float[]> x)
    {
        if (_model is null || _context is null) throw new InvalidOperationException($"{Name}: call Fit before Score.");
        int width = ModelInput.CheckDense(x);
        if (width != _width) throw new ArgumentException($"x has {width} features but {Name} was fitted on {_width}.", nameof(x));
        if (x.Count <= SmallBatch)
        {
            // A few rows (one page of candidates at serving time): a prediction engine avoids building a data view.
            lock (_engineGate)
            {
                _engine ??= _context.Model.CreatePredictionEngine<Row, ScoreRow>(_model, inputSchemaDefinition: Schema(_width, 1));
                var row = new Row { GroupId = 1 };
                var result = new double[x.Count];
                for (int i = 0; i < x.Count; i++)
                {
                    row.Features = x[i];
                    result[i] = _engine.Predict(row).Score;
                }
                return result;
            }
        }
        var data = View(_context, x, width, null, Enumerable.Repeat(1u, x.Count).ToArray(), 1);
        return _model.Transform(data).GetColumn<float>("Score").Select(s => (double)s).ToArray();
    }

    /// <inheritdoc />
    public override string ToString() => IsFitted ? $"{Name} (fitted on {_width} features)" : $"{Name} (not fitted)";

    /// <summary>Dense 1-based key per row (ML.NET keys start at 1), checking each group is one contiguous run.</summary>
    private static uint[] GroupKeys(IReadOnlyList<int> groups)
    {
        var keys = new uint[groups.Count];
        var seen = new HashSet<int>();
        uint next = 0;
        for (int i = 0; i < groups.Count; i++)
        {
            if (i == 0 || groups[i] != groups[i - 1])
            {
                if (!seen.Add(groups[i]))
                    throw new ArgumentException($"groups[{i}] = {groups[i]} starts a second run of that group; the rows of a group must be contiguous.", nameof(groups));
                next++;
            }
            keys[i] = next;
        }
        return keys;
    }

    private sealed class Row
    {
        public float Label { get; set; }
        public uint GroupId { get; set; }
        public float[] Features { get; set; } = [];
    }

    private sealed class ScoreRow
    {
        public float Score { get; set; }
    }

    private static SchemaDefinition Schema(int width, uint groupCount)
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        schema[nameof(Row.GroupId)].ColumnType = new KeyDataViewType(typeof(uint), groupCount);
        return schema;
    }

    private static IDataView View(MLContext context, IReadOnlyList<float[]> x, int width, IReadOnlyList<int>? relevance, uint[] keys, uint groupCount)
    {
        var schema = Schema(width, groupCount);
        var rows = Enumerable.Range(0, x.Count).Select(i => new Row
        {
            Label = relevance is null ? 0 : relevance[i], GroupId = keys[i], Features = x[i],
        });
        return context.Data.LoadFromEnumerable(rows, schema);
    }
}
