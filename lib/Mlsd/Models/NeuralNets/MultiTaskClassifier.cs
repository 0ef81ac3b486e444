using System.Globalization;
using System.Runtime.CompilerServices;

namespace Mlsd.Models.NeuralNets;

/// <summary>One example for <see cref="MultiTaskClassifier"/>: the text as a sparse vector (term columns and their
/// weights — a TF-IDF or hashed row) and a row of dense features (image embedding, author, reactions, context, scaled).</summary>
/// <param name="Terms">Column ids of the text's non-zero terms, each in [0, text width).</param>
/// <param name="Weights">The value of each term (e.g. its TF-IDF weight), same length as <paramref name="Terms"/>.</param>
/// <param name="Dense">Dense features, one per <see cref="MultiTaskClassifier.DenseWidth"/>.</param>
public sealed record MultiTaskInput(IReadOnlyList<int> Terms, IReadOnlyList<float> Weights, IReadOnlyList<float> Dense)
{
    /// <summary>One input per row: the text row of <paramref name="text"/> and the dense row of <paramref name="dense"/>.</summary>
    /// <exception cref="ArgumentException">The two have different numbers of rows.</exception>
    public static MultiTaskInput[] FromRows(Features.SparseMatrix text, IReadOnlyList<double[]> dense)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(dense);
        if (dense.Count != text.Rows)
            throw new ArgumentException($"text and dense must have the same number of rows (got {text.Rows} and {dense.Count}).", nameof(dense));
        var rows = new MultiTaskInput[text.Rows];
        for (int i = 0; i < rows.Length; i++)
            rows[i] = new MultiTaskInput(text.RowIndices(i).ToArray(), text.RowValues(i).ToArray(), Array.ConvertAll(dense[i], v => (float)v));
        return rows;
    }
}

/// <summary>
/// A multi-task binary classifier: shared layers learn one representation of the input, and a small head per task
/// turns it into that task's probability — the chapter's "one model, one head per harm class". Early fusion: the text
/// (a sparse term vector projected to a few dimensions) and the dense features are concatenated before the shared layers.
/// </summary>
/// <remarks>
/// <para>Architecture: [Σ term weight × term vector ‖ dense features] → ReLU layers of <see cref="SharedUnits"/>
/// → per task, a ReLU layer of <see cref="HeadUnits"/> (none when 0) and one logit. Loss: the sum over tasks of binary
/// cross-entropy, averaged over the batch; a label of −1 means "unknown for this task" and is left out of the loss, so
/// examples labelled for only some tasks still train the shared layers. Optimiser: Adam.</para>
/// <para>Why share: a rare task (few positives) borrows the representation the frequent tasks shape — words, author
/// signals and reactions that matter for several kinds of harm are learned once. Why separate heads: each task keeps
/// its own decision boundary and its own calibration, so thresholds can be set per task. Compared with one model per
/// task it is one network to train, serve and monitor. Caruana, "Multitask Learning", Machine Learning 28 (1997);
/// Joulin et al., "Bag of Tricks for Efficient Text Classification" (fastText), EACL 2017.</para>
/// <para>Regression heads (<see cref="RegressionTasks"/>): the same shared layers can also feed heads that predict a
/// number — the feed chapter's dwell time — trained with squared error added to the loss (times
/// <see cref="RegressionLossWeight"/>); a target of NaN means "unknown" and is left out. Passive users rarely react,
/// but every impression has a dwell time, so a dwell head gives the shared layers signal from them too.</para>
/// <para>Deterministic: the same data and <see cref="Seed"/> give the same weights; a model without regression tasks
/// draws exactly the weights it drew before regression heads existed.</para>
/// </remarks>
/// <example>
/// <code>
/// var net = new MultiTaskClassifier(["spam", "hate"], textWidth: tfidf.Vocabulary.Count, denseWidth: 33) { Seed = 1 }
///     .Fit(xTrain, labels);                 // labels[i] = [spam 0/1, hate 0/1]
/// double[][] p = net.PredictProbability(xTest);   // p[i][task]
/// </code>
/// </example>
public sealed class MultiTaskClassifier
{
    private readonly string[] _tasks;
    private readonly List<double> _loss = [];
    private Embedding? _text;
    private Sequential? _shared;
    private Layer[]? _heads;
    private Layer[] _regressionHeads = [];

    /// <summary>Configures the network for <paramref name="tasks"/> (names, unique), a text width and a dense width.</summary>
    /// <exception cref="ArgumentException">No tasks, duplicate names, a text width below 1 or a negative dense width.</exception>
    public MultiTaskClassifier(IReadOnlyList<string> tasks, int textWidth, int denseWidth)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        if (tasks.Count == 0) throw new ArgumentException("tasks must name at least one task.", nameof(tasks));
        if (tasks.Distinct().Count() != tasks.Count) throw new ArgumentException("tasks must have unique names.", nameof(tasks));
        if (textWidth < 1) throw new ArgumentOutOfRangeException(nameof(textWidth), textWidth, "textWidth must be at least 1.");
        if (denseWidth < 0) throw new ArgumentOutOfRangeException(nameof(denseWidth), denseWidth, "denseWidth must be 0 or more.");
        _tasks = tasks.ToArray();
        TextWidth = textWidth;
        DenseWidth = denseWidth;
    }

    /// <summary>The task names, in the order of every per-task array.</summary>
    public IReadOnlyList<string> Tasks => _tasks;

    /// <summary>Number of text columns (a TF-IDF vocabulary, or 2^bits of a <see cref="Features.HashingVectorizer"/>).</summary>
    public int TextWidth { get; }

    /// <summary>Number of dense features.</summary>
    public int DenseWidth { get; }

    /// <summary>Width of the term vectors, i.e. of the text's projection (default 16).</summary>
    public int TextDimension { get; init; } = 16;

    /// <summary>Widths of the shared ReLU layers (default [32]).</summary>
    public IReadOnlyList<int> SharedUnits { get; init; } = [32];

    /// <summary>Names of real-valued targets, each predicted by its own head from the shared layers (default none):
    /// e.g. ["log_dwell"]. They must differ from <see cref="Tasks"/>; <see cref="PredictValue(IReadOnlyList{MultiTaskInput})"/>
    /// returns them.</summary>
    public IReadOnlyList<string> RegressionTasks { get; init; } = [];

    /// <summary>Weight of the summed squared error of the regression heads in the loss (default 1); scale the targets
    /// (e.g. log seconds) so that the two kinds of loss are of similar size.</summary>
    public float RegressionLossWeight { get; init; } = 1f;

    /// <summary>Width of each head's ReLU layer; 0 makes each head a single linear logit (default 8).</summary>
    public int HeadUnits { get; init; } = 8;

    /// <summary>Passes over the data (default 8).</summary>
    public int Epochs { get; init; } = 8;

    /// <summary>Examples per mini-batch (default 64).</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Adam step size (default 0.01).</summary>
    public float LearningRate { get; init; } = 0.01f;

    /// <summary>Decoupled weight decay of every parameter (AdamW; default 0): shrinks weights that the data do not keep
    /// pushing up — the word vectors of words seen in a handful of posts above all.</summary>
    public float WeightDecay { get; init; }

    /// <summary>Seed of the initial weights and the shuffling.</summary>
    public int Seed { get; init; }

    /// <summary>Mean training loss (summed over tasks) of each epoch.</summary>
    public IReadOnlyList<double> LossHistory => _loss;

    /// <summary>Whether Fit has run.</summary>
    public bool IsFitted => _heads is not null;

    /// <summary>Trains on <paramref name="x"/> with <paramref name="labels"/>[i][task] in {0, 1}, or −1 for unknown.</summary>
    /// <exception cref="ArgumentException">Lengths differ, a label row has the wrong width or a value outside {−1, 0, 1},
    /// an input does not match the configured vocabulary or width, a setting is out of range, or
    /// <see cref="RegressionTasks"/> are configured (use the overload with targets).</exception>
    public MultiTaskClassifier Fit(IReadOnlyList<MultiTaskInput> x, IReadOnlyList<IReadOnlyList<int>> labels) => Fit(x, labels, null);

    /// <summary>
    /// Trains the classification heads on <paramref name="labels"/> and the regression heads on
    /// <paramref name="targets"/>[i][j] (one value per <see cref="RegressionTasks"/> entry; NaN for unknown).
    /// </summary>
    /// <exception cref="ArgumentException">As for <see cref="Fit(IReadOnlyList{MultiTaskInput}, IReadOnlyList{IReadOnlyList{int}})"/>,
    /// or targets missing while regression tasks are configured, a target row of the wrong width, or an infinite target.</exception>
    [MethodImpl(Jit.Hot)]
    public MultiTaskClassifier Fit(IReadOnlyList<MultiTaskInput> x, IReadOnlyList<IReadOnlyList<int>> labels,
        IReadOnlyList<IReadOnlyList<double>>? targets)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(labels);
        if (x.Count == 0) throw new ArgumentException("x must contain at least one example.", nameof(x));
        if (labels.Count != x.Count)
            throw new ArgumentException($"x and labels must have the same length (got {x.Count} and {labels.Count}).", nameof(labels));
        CheckSettings();
        int t = _tasks.Length;
        for (int i = 0; i < x.Count; i++)
        {
            Validate(x[i], nameof(x), i);
            var row = labels[i] ?? throw new ArgumentException($"labels[{i}] is null.", nameof(labels));
            if (row.Count != t) throw new ArgumentException($"labels[{i}] must have one label per task ({t}); it has {row.Count}.", nameof(labels));
            for (int k = 0; k < t; k++)
                if (row[k] is not (-1 or 0 or 1))
                    throw new ArgumentException($"labels[{i}][{k}] = {row[k]} must be 0, 1 or −1 (unknown).", nameof(labels));
        }
        int m = RegressionTasks.Count;
        CheckTargets(targets, x.Count, m);

        var sampler = new Sampler(Seed);
        var init = sampler.Fork();
        _text = new Embedding(TextWidth, TextDimension, init, name: "terms");
        _shared = Sequential.Mlp(TextDimension + DenseWidth, [.. SharedUnits], init, "shared");
        int last = SharedUnits[^1];
        _heads = new Layer[t];
        for (int k = 0; k < t; k++)
            _heads[k] = HeadUnits == 0
                ? new Dense(last, 1, Activation.None, init, $"head.{_tasks[k]}")
                : Sequential.Mlp(last, [HeadUnits, 1], init, $"head.{_tasks[k]}");
        // Drawn after the classification heads, so a model without regression tasks keeps its former weights.
        _regressionHeads = new Layer[m];
        for (int j = 0; j < m; j++)
            _regressionHeads[j] = HeadUnits == 0
                ? new Dense(last, 1, Activation.None, init, $"regression.{RegressionTasks[j]}")
                : Sequential.Mlp(last, [HeadUnits, 1], init, $"regression.{RegressionTasks[j]}");
        var parameters = _text.Parameters.Concat(_shared.Parameters).Concat(_heads.SelectMany(h => h.Parameters))
            .Concat(_regressionHeads.SelectMany(h => h.Parameters));
        var optimizer = new Adam(parameters, LearningRate, weightDecay: WeightDecay);
        var shuffle = sampler.Fork();
        _loss.Clear();
        for (int epoch = 0; epoch < Epochs; epoch++)
        {
            double total = 0;
            int seen = 0;
            foreach (var batch in MiniBatches.Shuffled(x.Count, BatchSize, shuffle))
            {
                var rows = new MultiTaskInput[batch.Length];
                var classTargets = new float[batch.Length * t];
                var weights = new float[batch.Length * t];
                for (int b = 0; b < batch.Length; b++)
                {
                    rows[b] = x[batch[b]];
                    for (int k = 0; k < t; k++)
                    {
                        int y = labels[batch[b]][k];
                        classTargets[b * t + k] = y == 1 ? 1 : 0;
                        weights[b * t + k] = y == -1 ? 0 : 1;
                    }
                }
                var (logits, values) = Forward(rows);
                var loss = Losses.BinaryCrossEntropyWithLogits(logits, classTargets, weights);
                if (values is not null) loss = Ops.Add(loss, Ops.Scale(RegressionLoss(values, batch, targets!), RegressionLossWeight));
                loss.Backward();
                optimizer.Step();
                total += loss.Value * batch.Length * t;
                seen += batch.Length;
            }
            _loss.Add(total / Math.Max(seen, 1));
        }
        return this;
    }

    /// <summary>P(task) for each example: result[i][task], tasks in <see cref="Tasks"/> order.</summary>
    public double[][] PredictProbability(IReadOnlyList<MultiTaskInput> x)
    {
        var logits = DecisionFunction(x);
        foreach (var row in logits)
            for (int k = 0; k < row.Length; k++) row[k] = MathFunctions.Sigmoid(row[k]);
        return logits;
    }

    /// <summary>P(<paramref name="task"/>) for each example.</summary>
    public double[] PredictProbability(IReadOnlyList<MultiTaskInput> x, string task)
    {
        int k = TaskIndex(task);
        return PredictProbability(x).Select(r => r[k]).ToArray();
    }

    /// <summary>The logit of every task for each example: result[i][task].</summary>
    /// <exception cref="InvalidOperationException">Not fitted.</exception>
    public double[][] DecisionFunction(IReadOnlyList<MultiTaskInput> x)
    {
        if (_heads is null) throw new InvalidOperationException("Call Fit before predicting.");
        ArgumentNullException.ThrowIfNull(x);
        for (int i = 0; i < x.Count; i++) Validate(x[i], nameof(x), i);
        var result = new double[x.Count][];
        const int chunk = 1024;
        using (Tensor.NoGrad())
        {
            for (int start = 0; start < x.Count; start += chunk)
            {
                int size = Math.Min(chunk, x.Count - start);
                var slice = new MultiTaskInput[size];
                for (int i = 0; i < size; i++) slice[i] = x[start + i];
                var z = Logits(slice);
                for (int i = 0; i < size; i++)
                {
                    var row = new double[_tasks.Length];
                    for (int k = 0; k < row.Length; k++) row[k] = z.Data[i * _tasks.Length + k];
                    result[start + i] = row;
                }
            }
        }
        return result;
    }

    /// <summary>The value of every regression task for each example: result[i][j], in <see cref="RegressionTasks"/> order.</summary>
    /// <exception cref="InvalidOperationException">Not fitted, or no regression tasks configured.</exception>
    public double[][] PredictValue(IReadOnlyList<MultiTaskInput> x)
    {
        if (_heads is null) throw new InvalidOperationException("Call Fit before predicting.");
        if (_regressionHeads.Length == 0) throw new InvalidOperationException("This model has no RegressionTasks to predict.");
        ArgumentNullException.ThrowIfNull(x);
        for (int i = 0; i < x.Count; i++) Validate(x[i], nameof(x), i);
        var result = new double[x.Count][];
        using (Tensor.NoGrad())
        {
            var (_, values) = Forward(x);
            int m = _regressionHeads.Length;
            for (int i = 0; i < x.Count; i++)
            {
                result[i] = new double[m];
                for (int j = 0; j < m; j++) result[i][j] = values!.Data[i * m + j];
            }
        }
        return result;
    }

    /// <summary>The value of regression task <paramref name="task"/> for each example.</summary>
    /// <exception cref="ArgumentException">Not one of <see cref="RegressionTasks"/>.</exception>
    public double[] PredictValue(IReadOnlyList<MultiTaskInput> x, string task)
    {
        int j = RegressionTasks.ToList().IndexOf(task);
        if (j < 0) throw new ArgumentException($"task must be one of the RegressionTasks {string.Join(", ", RegressionTasks)} (got '{task}').", nameof(task));
        return PredictValue(x).Select(r => r[j]).ToArray();
    }

    /// <summary>Index of <paramref name="task"/> in <see cref="Tasks"/>.</summary>
    /// <exception cref="ArgumentException">Unknown task.</exception>
    public int TaskIndex(string task)
    {
        int k = Array.IndexOf(_tasks, task);
        return k >= 0 ? k : throw new ArgumentException($"task must be one of {string.Join(", ", _tasks)} (got '{task}').", nameof(task));
    }

    /// <summary>"MultiTaskClassifier: text 9000→16 ‖ dense 33 → 32 → 4 heads (8): loss 1.02 → 0.61 over 8 epochs".</summary>
    public override string ToString()
    {
        string shape = string.Create(CultureInfo.InvariantCulture,
            $"MultiTaskClassifier: text {TextWidth}→{TextDimension} ‖ dense {DenseWidth} → {string.Join(" → ", SharedUnits)} → {_tasks.Length} heads ({HeadUnits})")
            + (RegressionTasks.Count == 0 ? "" : $" + {RegressionTasks.Count} regression");
        return _loss.Count == 0 ? shape + " (not fitted)"
            : string.Create(CultureInfo.InvariantCulture, $"{shape}: loss {_loss[0]:0.###} → {_loss[^1]:0.###} over {_loss.Count} epochs");
    }

    private Tensor Logits(IReadOnlyList<MultiTaskInput> rows) => Forward(rows).Logits;

    /// <summary>The classification logits (n × tasks) and, with regression tasks, the values (n × regression tasks).</summary>
    private (Tensor Logits, Tensor? Values) Forward(IReadOnlyList<MultiTaskInput> rows)
    {
        int n = rows.Count;
        var parts = new List<Tensor> { WeightedSum(_text!.Table, rows) };
        if (DenseWidth > 0)
        {
            var dense = new Tensor(n, DenseWidth);
            for (int i = 0; i < n; i++)
                for (int j = 0; j < DenseWidth; j++) dense.Data[i * DenseWidth + j] = rows[i].Dense[j];
            parts.Add(dense);
        }
        // Mlp ends in a linear layer; the ReLU after it makes every shared layer non-linear.
        var shared = Ops.Relu(_shared!.Forward(Ops.Concat([.. parts])));
        var logits = Ops.Concat(_heads!.Select(h => h.Forward(shared)).ToArray());
        return (logits, _regressionHeads.Length == 0 ? null : Ops.Concat(_regressionHeads.Select(h => h.Forward(shared)).ToArray()));
    }

    /// <summary>Squared error of the regression heads over the batch; unknown (NaN) targets get weight 0.</summary>
    private static Tensor RegressionLoss(Tensor values, int[] batch, IReadOnlyList<IReadOnlyList<double>> targets)
    {
        int m = values.Cols;
        var y = new float[batch.Length * m];
        var w = new float[batch.Length * m];
        for (int b = 0; b < batch.Length; b++)
            for (int j = 0; j < m; j++)
            {
                double v = targets[batch[b]][j];
                bool known = !double.IsNaN(v);
                y[b * m + j] = known ? (float)v : 0f;
                w[b * m + j] = known ? 1f : 0f;
            }
        return Ops.Scale(Losses.MeanSquaredError(values, y, w), m);   // summed over heads, like the classification loss
    }

    private void CheckTargets(IReadOnlyList<IReadOnlyList<double>>? targets, int count, int m)
    {
        if (m == 0)
        {
            if (targets is not null && targets.Any(r => r is not null && r.Count > 0))
                throw new ArgumentException("targets were given but RegressionTasks is empty; name the regression tasks first.", nameof(targets));
            return;
        }
        if (targets is null)
            throw new ArgumentException($"targets are required: the model has RegressionTasks ({string.Join(", ", RegressionTasks)}).", nameof(targets));
        if (targets.Count != count)
            throw new ArgumentException($"x and targets must have the same length (got {count} and {targets.Count}).", nameof(targets));
        for (int i = 0; i < count; i++)
        {
            var row = targets[i] ?? throw new ArgumentException($"targets[{i}] is null.", nameof(targets));
            if (row.Count != m) throw new ArgumentException($"targets[{i}] must have one value per regression task ({m}); it has {row.Count}.", nameof(targets));
            for (int j = 0; j < m; j++)
                if (double.IsInfinity(row[j]))
                    throw new ArgumentException($"targets[{i}][{j}] = {row[j]} must be finite (or NaN for unknown).", nameof(targets));
        }
    }

    /// <summary>Row i = Σ_t Weights[t] · table[Terms[t]] (a sparse row times the table); gradient flows to the rows used.</summary>
    [MethodImpl(Jit.Hot)]
    private static Tensor WeightedSum(Tensor table, IReadOnlyList<MultiTaskInput> rows)
    {
        int n = rows.Count, d = table.Cols;
        var y = new float[n * d];
        for (int i = 0; i < n; i++)
        {
            var yi = y.AsSpan(i * d, d);
            var terms = rows[i].Terms;
            var weights = rows[i].Weights;
            for (int t = 0; t < terms.Count; t++) Simd.AddScaled<float>(yi, weights[t], table.Data.AsSpan(terms[t] * d, d));
        }
        return Tensor.Result(n, d, y, [table], [MethodImpl(Jit.Hot)] (result) =>
        {
            var g = result.Grad!;
            for (int i = 0; i < n; i++)
            {
                var gi = g.AsSpan(i * d, d);
                var terms = rows[i].Terms;
                var weights = rows[i].Weights;
                for (int t = 0; t < terms.Count; t++)
                    Simd.AddScaled<float>(table.EnsureGradRow(terms[t]).AsSpan(terms[t] * d, d), weights[t], gi);
            }
        });
    }

    private void Validate(MultiTaskInput? input, string argument, int index)
    {
        if (input is null) throw new ArgumentException($"{argument}[{index}] is null.", argument);
        if (input.Terms is null || input.Weights is null)
            throw new ArgumentException($"{argument}[{index}] has null Terms or Weights (use empty lists for no text).", argument);
        if (input.Terms.Count != input.Weights.Count)
            throw new ArgumentException($"{argument}[{index}] has {input.Terms.Count} terms but {input.Weights.Count} weights.", argument);
        for (int t = 0; t < input.Terms.Count; t++)
        {
            if ((uint)input.Terms[t] >= (uint)TextWidth)
                throw new ArgumentException($"{argument}[{index}].Terms[{t}] = {input.Terms[t]} is outside [0, {TextWidth}).", argument);
            if (!float.IsFinite(input.Weights[t])) throw new ArgumentException($"{argument}[{index}].Weights[{t}] must be finite.", argument);
        }
        if (input.Dense is null || input.Dense.Count != DenseWidth)
            throw new ArgumentException($"{argument}[{index}].Dense must have {DenseWidth} values (got {input.Dense?.Count ?? 0}).", argument);
        for (int j = 0; j < DenseWidth; j++)
            if (!float.IsFinite(input.Dense[j])) throw new ArgumentException($"{argument}[{index}].Dense[{j}] must be finite.", argument);
    }

    private void CheckSettings()
    {
        if (TextDimension < 1) throw new ArgumentOutOfRangeException(nameof(TextDimension), TextDimension, "TextDimension must be at least 1.");
        if (SharedUnits is null || SharedUnits.Count == 0 || SharedUnits.Any(u => u < 1))
            throw new ArgumentException("SharedUnits must list at least one layer width, each at least 1.", nameof(SharedUnits));
        if (HeadUnits < 0) throw new ArgumentOutOfRangeException(nameof(HeadUnits), HeadUnits, "HeadUnits must be 0 or more.");
        if (Epochs < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Epochs must be at least 1.");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be at least 1.");
        if (!(LearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "LearningRate must be positive.");
        if (!(WeightDecay >= 0)) throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "WeightDecay must be 0 or more.");
        if (RegressionTasks is null || RegressionTasks.Distinct().Count() != RegressionTasks.Count || RegressionTasks.Any(_tasks.Contains))
            throw new ArgumentException("RegressionTasks must have unique names that differ from the classification tasks.", nameof(RegressionTasks));
        if (!(RegressionLossWeight >= 0) || float.IsInfinity(RegressionLossWeight))
            throw new ArgumentOutOfRangeException(nameof(RegressionLossWeight), RegressionLossWeight, "RegressionLossWeight must be finite and 0 or more.");
    }
}
