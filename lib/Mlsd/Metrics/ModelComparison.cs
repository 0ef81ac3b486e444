using Mlsd.Formatting;

namespace Mlsd.Metrics;

/// <summary>
/// The model-ladder table: several models scored on the same held-out units, each metric shown with the
/// paired difference against one baseline and its bootstrap confidence interval, and a verdict — better,
/// worse, or a tie. It exists so that no notebook ranks models by differences its test set cannot resolve.
/// </summary>
/// <remarks>
/// All models and metrics share the same bootstrap resamples (see <see cref="Bootstrap"/>), so the table costs
/// one set of draws however many rows it has. <see cref="Binary"/> compares probability or score vectors with
/// the <see cref="BinaryMetric"/>s; <see cref="PerUnit"/> compares means of per-unit values (precision@k per
/// user, AP per query, relevant videos per page).
/// <code>
/// var ladder = ModelComparison.Binary(yTest, [("LR", pLr), ("GBDT", pGbdt)], baseline: "LR",
///     [BinaryMetric.NormalizedCrossEntropy, BinaryMetric.RocAuc]);
/// ladder.Difference("GBDT", BinaryMetric.NormalizedCrossEntropy).IsTie   // the claim the prose may make
/// </code>
/// </remarks>
[TypeFormatterSource(typeof(HtmlRenderableFormatterSource))]
public sealed class ModelComparison : IHtmlRenderable
{
    private readonly string[] _models;
    private readonly (string Name, bool HigherIsBetter)[] _metrics;
    private readonly double[,] _values;                 // [model, metric] on the full data
    private readonly MetricDifference?[,] _differences; // [model, metric] vs the baseline (null on its own row)
    private readonly int _baseline;
    private readonly double _confidenceLevel;

    private ModelComparison(string[] models, (string, bool)[] metrics, int baseline, double[,] values,
        MetricDifference?[,] differences, double confidenceLevel)
    {
        _confidenceLevel = confidenceLevel;
        _models = models;
        _metrics = metrics;
        _baseline = baseline;
        _values = values;
        _differences = differences;
    }

    /// <summary>The models, in the order given.</summary>
    public IReadOnlyList<string> Models => _models;

    /// <summary>The model every other is compared with.</summary>
    public string Baseline => _models[_baseline];

    /// <summary>The metric names, in the order given.</summary>
    public IReadOnlyList<string> Metrics => _metrics.Select(m => m.Name).ToArray();

    /// <summary>An optional caption.</summary>
    public string? Title { get; private set; }

    /// <summary>Compares score vectors on binary labels. Every model's scores must be probabilities when a
    /// log-loss metric is asked for.</summary>
    /// <param name="yTrue">Labels 0/1 of the evaluated rows.</param>
    /// <param name="models">Name and scores of each model, one score per row of <paramref name="yTrue"/>.</param>
    /// <param name="baseline">Name of the model the others are compared with.</param>
    /// <param name="metrics">Metrics to show, in order.</param>
    /// <param name="options">Resampling options (groups, seed, resamples, confidence level).</param>
    /// <exception cref="ArgumentException">No models, duplicate or unknown names, lengths that differ from
    /// <paramref name="yTrue"/>, invalid scores for a metric, or no metrics.</exception>
    public static ModelComparison Binary(IReadOnlyList<int> yTrue,
        IEnumerable<(string Name, IReadOnlyList<double> Scores)> models, string baseline,
        IReadOnlyList<BinaryMetric> metrics, BootstrapOptions? options = null)
    {
        Guard.NotNull(yTrue, nameof(yTrue));
        Guard.NotNull(models, nameof(models));
        Guard.NotEmpty(metrics, nameof(metrics));
        var list = models.ToArray();
        var prepared = new Func<double[]?, double>[list.Length, metrics.Count];
        for (int m = 0; m < list.Length; m++)
        {
            for (int k = 0; k < metrics.Count; k++)
            {
                var scores = PreparedScores.Create(yTrue, list[m].Scores, metrics[k], $"models[{m}] ({list[m].Name})");
                var metric = metrics[k];
                prepared[m, k] = weights => scores.Compute(metric, weights);
            }
        }
        var metricInfo = metrics.Select(m => (Bootstrap.Name(m), Bootstrap.HigherIsBetter(m))).ToArray();
        return Evaluate(list.Select(m => m.Name).ToArray(), metricInfo, baseline, prepared, yTrue.Count, options);
    }

    /// <summary>Compares means of per-unit values: for each model, one array per metric holding the metric's
    /// value for every unit (user, query, page), all models on the same units in the same order.</summary>
    /// <param name="metrics">Name of each metric and whether higher is better.</param>
    /// <param name="models">Name of each model and its per-unit values, one array per metric.</param>
    /// <param name="baseline">Name of the model the others are compared with.</param>
    /// <param name="options">Resampling options.</param>
    /// <exception cref="ArgumentException">No models or metrics, duplicate or unknown names, a model without
    /// one array per metric, arrays of different lengths, or non-finite values.</exception>
    public static ModelComparison PerUnit(IReadOnlyList<(string Name, bool HigherIsBetter)> metrics,
        IEnumerable<(string Name, IReadOnlyList<double>[] Values)> models, string baseline,
        BootstrapOptions? options = null)
    {
        Guard.NotEmpty(metrics, nameof(metrics));
        Guard.NotNull(models, nameof(models));
        var list = models.ToArray();
        if (list.Length == 0) throw new ArgumentException("models must hold at least one model.", nameof(models));
        int units = -1;
        var prepared = new Func<double[]?, double>[list.Length, metrics.Count];
        for (int m = 0; m < list.Length; m++)
        {
            var values = list[m].Values;
            if (values is null || values.Length != metrics.Count)
                throw new ArgumentException(
                    $"models[{m}] ({list[m].Name}) must give one value array per metric ({metrics.Count}).", nameof(models));
            for (int k = 0; k < metrics.Count; k++)
            {
                var v = values[k];
                Guard.NotEmpty(v, $"models[{m}].Values[{k}]");
                Guard.Finite(v, $"models[{m}].Values[{k}]");
                if (units < 0) units = v.Count;
                else if (v.Count != units)
                    throw new ArgumentException(
                        $"models[{m}] ({list[m].Name}) has {v.Count} units for {metrics[k].Name}; the first model has " +
                        $"{units}. Every model must be measured on the same units.", nameof(models));
                prepared[m, k] = weights => Bootstrap.WeightedMean(v, weights);
            }
        }
        return Evaluate(list.Select(m => m.Name).ToArray(), metrics.ToArray(), baseline, prepared, units, options);
    }

    internal static ModelComparison Evaluate(string[] names, (string Name, bool HigherIsBetter)[] metrics,
        string baseline, Func<double[]?, double>[,] metric, int units, BootstrapOptions? options)
    {
        if (names.Length == 0) throw new ArgumentException("models must hold at least one model.", "models");
        var duplicate = names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"models has the name \"{duplicate.Key}\" twice; names must be unique.", "models");
        int b = Array.IndexOf(names, baseline);
        if (b < 0)
            throw new ArgumentException(
                $"baseline \"{baseline}\" is not one of the models ({string.Join(", ", names)}).", nameof(baseline));

        int models = names.Length, k = metrics.Length;
        var values = new double[models, k];
        for (int m = 0; m < models; m++)
            for (int j = 0; j < k; j++) values[m, j] = metric[m, j](null);

        var resampler = Resampler.Create(units, options, "the evaluated units");
        var draws = new List<double>[models, k];
        for (int m = 0; m < models; m++)
            for (int j = 0; j < k; j++) draws[m, j] = new List<double>(resampler.Resamples);
        // One draw per resample, shared by every model and metric: Run's statistic records all of them.
        resampler.Run((_, weights) =>
        {
            for (int j = 0; j < k; j++)
            {
                double baseValue = metric[b, j](weights);
                for (int m = 0; m < models; m++)
                {
                    if (m == b) continue;
                    double d = metric[m, j](weights) - baseValue;
                    if (!double.IsNaN(d)) draws[m, j].Add(d);
                }
            }
            return 0;
        }, "the comparison");

        var differences = new MetricDifference?[models, k];
        for (int m = 0; m < models; m++)
        {
            if (m == b) continue;
            for (int j = 0; j < k; j++)
            {
                if (resampler.Resamples - draws[m, j].Count > resampler.Resamples / 100)
                    throw new InvalidOperationException(
                        $"{metrics[j].Name} is undefined on more than 1 % of the bootstrap resamples: too few positives or negatives.");
                var (lo, hi) = Bootstrap.Percentiles(draws[m, j].ToArray(), resampler.ConfidenceLevel);
                differences[m, j] = new MetricDifference(metrics[j].Name, values[b, j], values[m, j], lo, hi,
                    resampler.ConfidenceLevel, metrics[j].HigherIsBetter);
            }
        }
        return new ModelComparison(names, metrics, b, values, differences, resampler.ConfidenceLevel);
    }

    /// <summary>The metric of <paramref name="model"/> on the full data.</summary>
    /// <exception cref="ArgumentException">Unknown model or metric.</exception>
    public double Value(string model, string metric) => _values[ModelIndex(model), MetricIndex(metric)];

    /// <summary>The metric of <paramref name="model"/> on the full data.</summary>
    public double Value(string model, BinaryMetric metric) => Value(model, Bootstrap.Name(metric));

    /// <summary><paramref name="model"/> − baseline on <paramref name="metric"/>, with its interval and verdict.</summary>
    /// <exception cref="ArgumentException">Unknown model or metric, or <paramref name="model"/> is the baseline.</exception>
    public MetricDifference Difference(string model, string metric)
    {
        int m = ModelIndex(model);
        if (m == _baseline)
            throw new ArgumentException($"\"{model}\" is the baseline; it has no difference with itself.", nameof(model));
        return _differences[m, MetricIndex(metric)]!;
    }

    /// <summary><paramref name="model"/> − baseline on <paramref name="metric"/>, with its interval and verdict.</summary>
    public MetricDifference Difference(string model, BinaryMetric metric) => Difference(model, Bootstrap.Name(metric));

    /// <summary>Sets the caption.</summary>
    public ModelComparison WithTitle(string title)
    {
        Title = title;
        return this;
    }

    /// <summary>The table: per metric, its value and "Δ vs baseline [CI] verdict".</summary>
    /// <param name="format">Number format of values and differences.</param>
    public Table ToTable(string format = "0.0000")
    {
        var columns = new List<string> { "model" };
        foreach (var (name, _) in _metrics)
        {
            columns.Add(name);
            columns.Add($"Δ {name} vs {Baseline} ({_confidenceLevel:P0} CI)");
        }
        var table = new Table(columns.ToArray());
        for (int m = 0; m < _models.Length; m++)
        {
            var row = new List<object?> { _models[m] };
            for (int j = 0; j < _metrics.Length; j++)
            {
                row.Add(_values[m, j]);
                var d = _differences[m, j];
                row.Add(d is null ? "baseline" : $"{d.Format(format)} {d.Verdict}");
            }
            table.AddRow(row.ToArray());
        }
        table.WithFormat(format, _metrics.Select(m => m.Name).ToArray());
        foreach (var (name, higher) in _metrics)
        {
            if (higher) table.HighlightMax(name);
            else table.HighlightMin(name);
        }
        if (Title is not null) table.WithTitle(Title);
        return table;
    }

    /// <inheritdoc/>
    public string ToHtml() => ToTable().ToHtml();

    /// <inheritdoc/>
    public override string ToString() => ToTable().ToString();

    private int ModelIndex(string model)
    {
        int m = Array.IndexOf(_models, model);
        if (m < 0)
            throw new ArgumentException($"model \"{model}\" is not in the comparison ({string.Join(", ", _models)}).",
                nameof(model));
        return m;
    }

    private int MetricIndex(string metric)
    {
        for (int j = 0; j < _metrics.Length; j++)
            if (_metrics[j].Name == metric) return j;
        throw new ArgumentException(
            $"metric \"{metric}\" is not in the comparison ({string.Join(", ", _metrics.Select(m => m.Name))}).",
            nameof(metric));
    }
}
