using System.Globalization;
using System.Runtime.CompilerServices;
using Mlsd.Models.NeuralNets;
using Mlsd.Retrieval;

namespace Mlsd.Models;

/// <summary>
/// Weighted matrix factorisation solved by weighted alternating least squares (WALS): learns a k-dimensional
/// vector per user (U) and per item (V) so that u·v reproduces the observed feedback and stays near 0 on the
/// unobserved cells, with the unobserved cells down-weighted by W.
/// </summary>
/// <remarks>
/// <para>Objective (the weighted loss of Aminian &amp; Xu ch. 6; Hu, Koren &amp; Volinsky, "Collaborative Filtering
/// for Implicit Feedback Datasets", ICDM 2008):</para>
/// <para>  L = Σ_observed (r − u·v)² + W·Σ_unobserved (u·v)² + λ(‖U‖² + ‖V‖²).</para>
/// <para>Only observed-cell loss would let every u·v be large (everything looks relevant); treating every
/// unobserved cell as a confident 0 (W = 1) drowns the few positives. A small W in between is what works.</para>
/// <para>With V fixed, each user's row is a ridge regression with a closed form:
/// (W·VᵀV + (1 − W)·Σ_{i∈O(u)} vᵢvᵢᵀ + λI) u = Σ_{i∈O(u)} r_ui vᵢ. The Gramian VᵀV is computed once per
/// half-sweep and corrected by the user's few observed items, so a row costs O(|O(u)|·k² + k³) rather than
/// O(items·k²) — that is what makes WALS fast on sparse feedback. Items are solved the same way with U fixed.
/// Each alternation can only lower L, so the loss history decreases every sweep.</para>
/// <para>Rows are solved in parallel; each row's solve reads only shared, fixed inputs and writes only its own
/// output, so the result is identical whatever the thread scheduling.</para>
/// <para>The same model in Hu, Koren &amp; Volinsky's terms (the <c>implicit</c> library's and Spark's
/// <c>alpha</c> and <c>regularization</c>): an observed cell has confidence 1 + α, an unobserved one 1, and the
/// loss is Σ c·(p − u·v)² + reg(‖U‖² + ‖V‖²). For 0/1 feedback, dividing it by 1 + α gives L above with
/// W = 1/(1 + α) and λ = reg/(1 + α) — same minimiser, same WALS steps. Set <see cref="Alpha"/> to configure the
/// model that way; <see cref="Loss"/> and <see cref="LossHistory"/> stay on the W scale (multiply by 1 + α for
/// theirs).</para>
/// </remarks>
/// <example>
/// <code>
/// var wals = new WeightedMatrixFactorization { Factors = 32, UnobservedWeight = 0.05, Regularization = 5, Seed = 7 }.Fit(feedback);
/// int[] top10 = wals.Recommend(user: 42, k: 10);
/// </code>
/// </example>
public sealed class WeightedMatrixFactorization
{
    private double[][]? _u;
    private double[][]? _v;
    private double[]? _itemGramian;
    private FeedbackMatrix? _feedback;
    private readonly List<double> _lossHistory = [];
    private readonly double _unobservedWeight = 0.05;
    private readonly bool _unobservedWeightSet;
    private RowPanels? _itemPanels;

    /// <summary>k, the length of every user and item vector (default 32).</summary>
    public int Factors { get; init; } = 32;

    /// <summary>
    /// W in [0, 1], the weight of each unobserved cell relative to an observed one (default 0.05). With
    /// <see cref="Alpha"/> set it reads 1/(1 + α) and must not be set as well.
    /// </summary>
    public double UnobservedWeight
    {
        get => Alpha is double a ? 1 / (1 + a) : _unobservedWeight;
        init { _unobservedWeight = value; _unobservedWeightSet = true; }
    }

    /// <summary>
    /// &gt; 0, the L2 penalty on all factors (default 5); also keeps every row's system well conditioned.
    /// The defaults (k 32, W 0.05, λ 5) suit binary relevance feedback at 0.1–1% density, as in the video world.
    /// Without <see cref="Alpha"/> this is λ in the loss L; with it, it is <c>implicit</c>'s <c>regularization</c>
    /// and the λ applied is Regularization/(1 + α) (see <see cref="Penalty"/>).
    /// </summary>
    public double Regularization { get; init; } = 5.0;

    /// <summary>
    /// α ≥ 0, the confidence scale of Hu, Koren &amp; Volinsky (an observed cell counts 1 + α times an unobserved one)
    /// — the <c>alpha</c> of the <c>implicit</c> library and of Spark's ALS. Null (default): the model is configured
    /// by <see cref="UnobservedWeight"/> and λ directly. Set: W = 1/(1 + α) and λ = <see cref="Regularization"/>/(1 + α),
    /// the same minimiser as theirs for 0/1 feedback (see the class remarks).
    /// </summary>
    public double? Alpha { get; init; }

    /// <summary>The λ applied in the loss: <see cref="Regularization"/>, divided by 1 + α when <see cref="Alpha"/> is set.</summary>
    public double Penalty => Alpha is double a ? Regularization / (1 + a) : Regularization;

    /// <summary>
    /// Whether <see cref="Fit"/> computes the loss before the first sweep and after every sweep (default true). Each
    /// evaluation costs about as much as half a sweep; switch it off when only the factors matter (benchmarks,
    /// retraining in a loop). Off: <see cref="LossHistory"/> stays empty and <see cref="InitialLoss"/> NaN.
    /// </summary>
    public bool TrackLoss { get; init; } = true;

    /// <summary>Number of sweeps (one sweep = solve all users, then all items; default 8 — the loss levels off by then).</summary>
    public int Iterations { get; init; } = 8;

    /// <summary>Standard deviation of the random initial factors (default 0.1).</summary>
    public double InitialStd { get; init; } = 0.1;

    /// <summary>Seed of the initial factors; the same seed gives the same model.</summary>
    public int Seed { get; init; }

    /// <summary>Threads used per half-sweep (default: all cores). Results do not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>The objective after each sweep (length = <see cref="Iterations"/> after <see cref="Fit"/>; empty without <see cref="TrackLoss"/>).</summary>
    public IReadOnlyList<double> LossHistory => _lossHistory;

    /// <summary>The objective at the random initial factors, before the first sweep.</summary>
    public double InitialLoss { get; private set; } = double.NaN;

    /// <summary>User vectors (users × k), the model's own arrays — read, don't modify.</summary>
    public float[][] UserFactors { get; private set; } = [];

    /// <summary>Item vectors (items × k), the model's own arrays — read, don't modify (feed them to an ANN index).</summary>
    public float[][] ItemFactors { get; private set; } = [];

    /// <summary>Whether <see cref="Fit"/> has run.</summary>
    public bool IsFitted => _feedback is not null;

    /// <summary>Fits U and V to <paramref name="feedback"/> by <see cref="Iterations"/> WALS sweeps.</summary>
    /// <returns>This model, fitted (so construction and fitting chain).</returns>
    public WeightedMatrixFactorization Fit(FeedbackMatrix feedback)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        Validate();
        var sampler = new Sampler(Seed);
        var u = RandomFactors(feedback.UserCount, sampler);
        var v = RandomFactors(feedback.ItemCount, sampler);
        var byItem = feedback.Transpose();

        _lossHistory.Clear();
        InitialLoss = TrackLoss ? ComputeLoss(feedback, u, v) : double.NaN;
        for (int sweep = 0; sweep < Iterations; sweep++)
        {
            SolveRows(feedback, v, u);
            SolveRows(byItem, u, v);
            if (TrackLoss) _lossHistory.Add(ComputeLoss(feedback, u, v));
        }
        SetState(feedback, u, v);
        return this;
    }

    /// <summary>The objective L at the current factors (see the class remarks).</summary>
    public double Loss()
    {
        EnsureFitted();
        return ComputeLoss(_feedback!, _u!, _v!);
    }

    /// <summary>Predicted affinity u·v of <paramref name="user"/> for <paramref name="item"/>.</summary>
    public double Score(int user, int item)
    {
        EnsureFitted();
        CheckIndex(user, UserFactors.Length, nameof(user));
        CheckIndex(item, ItemFactors.Length, nameof(item));
        return Simd.Dot<float>(UserFactors[user], ItemFactors[item]);
    }

    /// <summary>
    /// The <paramref name="k"/> items with the highest u·v for <paramref name="user"/>, best first (ties: lower id
    /// first); items the user already has feedback on are skipped when <paramref name="excludeSeen"/>.
    /// </summary>
    public int[] Recommend(int user, int k = 10, bool excludeSeen = true)
    {
        EnsureFitted();
        CheckIndex(user, UserFactors.Length, nameof(user));
        return TopItems(UserFactors[user], k, excludeSeen ? _feedback!.ItemsOf(user) : []);
    }

    /// <summary>
    /// <see cref="Recommend(int, int, bool)"/> for every user at once: result[user] is that user's top
    /// <paramref name="k"/>, identical to calling Recommend per user, but computed as one users × items matrix
    /// product in register tiles of 4 users × 64 items (the kernel of <see cref="ExactKnnIndex"/>), on
    /// <see cref="MaxDegreeOfParallelism"/> threads — the nightly "precompute everyone's candidates" job.
    /// </summary>
    public int[][] RecommendAll(int k = 10, bool excludeSeen = true)
    {
        EnsureFitted();
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be at least 1.");
        int users = UserFactors.Length, d = Factors, stride = _itemPanels!.Panels * RowPanels.Width;
        const int Group = 64;
        var result = new int[users][];
        Parallel.For(0, (users + Group - 1) / Group, new ParallelOptions { MaxDegreeOfParallelism = MaxDegreeOfParallelism },
            () => (Queries: new float[RowPanels.TileQueries * d], Scores: new float[RowPanels.TileQueries * stride]),
            (g, _, scratch) =>
            {
                for (int u = g * Group; u < Math.Min(users, (g + 1) * Group); u += RowPanels.TileQueries)
                {
                    int m = Math.Min(RowPanels.TileQueries, users - u);
                    Array.Clear(scratch.Queries);
                    for (int t = 0; t < m; t++) UserFactors[u + t].CopyTo(scratch.Queries, t * d);
                    _itemPanels.Score(scratch.Queries, 0, _itemPanels.Panels, scratch.Scores);
                    for (int t = 0; t < m; t++)
                        result[u + t] = TopItems(scratch.Scores.AsSpan(t * stride, ItemFactors.Length), k, excludeSeen ? _feedback!.ItemsOf(u + t) : []);
                }
                return scratch;
            },
            _ => { });
        return result;
    }

    /// <summary>
    /// The <paramref name="k"/> best items for any user vector (e.g. one from <see cref="FoldIn"/>), skipping
    /// <paramref name="exclude"/>.
    /// </summary>
    public int[] Recommend(float[] userFactors, int k = 10, IEnumerable<int>? exclude = null)
    {
        EnsureFitted();
        ArgumentNullException.ThrowIfNull(userFactors);
        if (userFactors.Length != Factors)
            throw new ArgumentException($"userFactors must have length Factors = {Factors} (got {userFactors.Length}).", nameof(userFactors));
        var excluded = exclude?.ToArray() ?? [];
        foreach (int item in excluded) CheckIndex(item, ItemFactors.Length, nameof(exclude));
        return TopItems(userFactors, k, excluded);
    }

    /// <summary>
    /// Fold-in: the vector of a user who was not in the training matrix, from a few interactions, by solving
    /// that user's ridge regression against the fitted item factors (no retraining). This is how WALS serves a
    /// new user once they have clicked something — but not before: with no interactions the vector is 0.
    /// </summary>
    /// <param name="items">Items the new user interacted with.</param>
    /// <param name="values">Their feedback values (default: all 1).</param>
    public float[] FoldIn(IReadOnlyList<int> items, IReadOnlyList<float>? values = null)
    {
        EnsureFitted();
        ArgumentNullException.ThrowIfNull(items);
        if (values is not null && values.Count != items.Count)
            throw new ArgumentException($"values must have one entry per item (got {values.Count} for {items.Count} items).", nameof(values));
        for (int i = 0; i < items.Count; i++) CheckIndex(items[i], ItemFactors.Length, nameof(items));
        int k = Factors;
        var a = new double[k * k];
        var b = new double[k];
        BuildBase(_itemGramian!, a);
        double w = UnobservedWeight;
        for (int i = 0; i < items.Count; i++)
        {
            var f = _v![items[i]];
            double r = values?[i] ?? 1f;
            AddObservation(a, b, f, r, 1 - w);
        }
        var solution = new double[k];
        CholeskySolve(a, b, solution, k);
        return Array.ConvertAll(solution, x => (float)x);
    }

    /// <summary>"WeightedMatrixFactorization k=32, W=0.05, λ=5: loss 19711 → 14740 after 8 sweeps".</summary>
    public override string ToString()
    {
        string config = string.Create(CultureInfo.InvariantCulture,
            $"WeightedMatrixFactorization k={Factors}, W={UnobservedWeight}, λ={Penalty}{(Alpha is double a ? $" (α={a}, reg={Regularization})" : "")}");
        if (!IsFitted) return config + " (not fitted)";
        return _lossHistory.Count > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{config}: loss {InitialLoss:G6} → {_lossHistory[^1]:G6} after {Iterations} sweeps")
            : string.Create(CultureInfo.InvariantCulture, $"{config}: {Iterations} sweeps");
    }

    /// <summary>Sets factors directly (tests work the loss out by hand on known factors).</summary>
    internal void SetState(FeedbackMatrix feedback, double[][] u, double[][] v)
    {
        _feedback = feedback;
        _u = u;
        _v = v;
        _itemGramian = Gramian(v, Factors);
        UserFactors = ToFloat(u);
        ItemFactors = ToFloat(v);
        _itemPanels = new RowPanels(Factors);
        _itemPanels.Reserve(ItemFactors.Length);
        foreach (var item in ItemFactors) _itemPanels.Add(item);
    }

    private void Validate()
    {
        if (Factors < 1) throw new ArgumentOutOfRangeException(nameof(Factors), Factors, "Factors must be at least 1.");
        if (Alpha is double alpha)
        {
            if (!(alpha >= 0) || double.IsInfinity(alpha)) throw new ArgumentOutOfRangeException(nameof(Alpha), alpha, "Alpha must be a finite number ≥ 0.");
            if (_unobservedWeightSet) throw new InvalidOperationException("Set either UnobservedWeight or Alpha, not both: Alpha implies UnobservedWeight = 1/(1 + Alpha).");
        }
        if (!(UnobservedWeight >= 0 && UnobservedWeight <= 1)) throw new ArgumentOutOfRangeException(nameof(UnobservedWeight), UnobservedWeight, "UnobservedWeight must be in [0, 1].");
        if (!(Regularization > 0) || double.IsInfinity(Regularization)) throw new ArgumentOutOfRangeException(nameof(Regularization), Regularization, "Regularization must be positive and finite.");
        if (Iterations < 1) throw new ArgumentOutOfRangeException(nameof(Iterations), Iterations, "Iterations must be at least 1.");
        if (!(InitialStd > 0)) throw new ArgumentOutOfRangeException(nameof(InitialStd), InitialStd, "InitialStd must be positive.");
        if (MaxDegreeOfParallelism == 0 || MaxDegreeOfParallelism < -1) throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "MaxDegreeOfParallelism must be -1 (all cores) or at least 1.");
    }

    private double[][] RandomFactors(int rows, Sampler sampler)
    {
        var f = new double[rows][];
        for (int r = 0; r < rows; r++)
        {
            var row = f[r] = new double[Factors];
            for (int c = 0; c < Factors; c++) row[c] = sampler.Normal(0, InitialStd);
        }
        return f;
    }

    /// <summary>Solves every row of <paramref name="target"/> given the fixed factors on the other side.</summary>
    private void SolveRows(FeedbackMatrix matrix, double[][] fixedFactors, double[][] target)
    {
        int k = Factors;
        var gramian = Gramian(fixedFactors, k);
        var baseMatrix = new double[k * k];
        BuildBase(gramian, baseMatrix);
        double observedExtra = 1 - UnobservedWeight;
        var options = new ParallelOptions { MaxDegreeOfParallelism = MaxDegreeOfParallelism };
        Parallel.For(0, matrix.UserCount, options,
            () => (A: new double[k * k], B: new double[k]),
            (row, _, scratch) =>
            {
                baseMatrix.CopyTo(scratch.A, 0);
                Array.Clear(scratch.B);
                var cols = matrix.ItemsOf(row);
                var vals = matrix.ValuesOf(row);
                for (int t = 0; t < cols.Length; t++) AddObservation(scratch.A, scratch.B, fixedFactors[cols[t]], vals[t], observedExtra);
                CholeskySolve(scratch.A, scratch.B, target[row], k);
                return scratch;
            },
            _ => { });
    }

    /// <summary>A ← W·G + λI.</summary>
    private void BuildBase(double[] gramian, double[] a)
    {
        int k = Factors;
        Simd.Scale<double>(gramian, UnobservedWeight, a);
        for (int d = 0; d < k; d++) a[d * k + d] += Penalty;
    }

    /// <summary>A += c·f fᵀ (lower triangle only — all the Cholesky solve reads), b += r·f: one observed cell's correction.</summary>
    [MethodImpl(Jit.Hot)]
    private static void AddObservation(double[] a, double[] b, double[] f, double r, double c)
    {
        int k = f.Length;
        for (int p = 0; p < k; p++) Simd.AddScaled<double>(a.AsSpan(p * k, p + 1), c * f[p], f.AsSpan(0, p + 1));
        Simd.AddScaled<double>(b, r, f);
    }

    /// <summary>G = FᵀF (k×k), summed over rows in index order.</summary>
    [MethodImpl(Jit.Hot)]
    private static double[] Gramian(double[][] factors, int k)
    {
        var g = new double[k * k];
        foreach (var f in factors)
            for (int p = 0; p < k; p++)
            {
                var row = g.AsSpan(p * k, k);
                Simd.AddScaled<double>(row, f[p], f);
            }
        return g;
    }

    /// <summary>Solves A x = b for symmetric positive-definite A (k×k, overwritten by its Cholesky factor).</summary>
    [MethodImpl(Jit.Hot)]
    private static void CholeskySolve(double[] a, double[] b, double[] x, int k)
    {
        for (int j = 0; j < k; j++)
        {
            double diag = a[j * k + j] - Simd.Dot<double>(new ReadOnlySpan<double>(a, j * k, j), new ReadOnlySpan<double>(a, j * k, j));
            if (!(diag > 0)) throw new InvalidOperationException("The normal equations are not positive definite; increase Regularization.");
            double l = Math.Sqrt(diag);
            a[j * k + j] = l;
            for (int i = j + 1; i < k; i++)
            {
                double s = a[i * k + j] - Simd.Dot<double>(new ReadOnlySpan<double>(a, i * k, j), new ReadOnlySpan<double>(a, j * k, j));
                a[i * k + j] = s / l;
            }
        }
        // Forward substitution L y = b, then back substitution Lᵀ x = y.
        for (int i = 0; i < k; i++)
        {
            double s = b[i] - Simd.Dot<double>(new ReadOnlySpan<double>(a, i * k, i), new ReadOnlySpan<double>(x, 0, i));
            x[i] = s / a[i * k + i];
        }
        for (int i = k - 1; i >= 0; i--)
        {
            double s = x[i];
            for (int j = i + 1; j < k; j++) s -= a[j * k + i] * x[j];
            x[i] = s / a[i * k + i];
        }
    }

    [MethodImpl(Jit.Hot)]
    private double ComputeLoss(FeedbackMatrix feedback, double[][] u, double[][] v)
    {
        int k = Factors;
        double observed = 0, observedSquares = 0;
        for (int user = 0; user < feedback.UserCount; user++)
        {
            var items = feedback.ItemsOf(user);
            var values = feedback.ValuesOf(user);
            for (int t = 0; t < items.Length; t++)
            {
                double p = Simd.Dot<double>(u[user], v[items[t]]);
                double e = values[t] - p;
                observed += e * e;
                observedSquares += p * p;
            }
        }
        // Σ over all cells of (u·v)² = Σ_ab (UᵀU)_ab (VᵀV)_ab, without touching the users × items cells.
        double allSquares = Simd.Dot<double>(Gramian(u, k), Gramian(v, k));
        double penalty = 0;
        foreach (var row in u) penalty += Simd.SumOfSquares<double>(row);
        foreach (var row in v) penalty += Simd.SumOfSquares<double>(row);
        return observed + UnobservedWeight * (allSquares - observedSquares) + Penalty * penalty;
    }

    private int[] TopItems(ReadOnlySpan<float> userVector, int k, ReadOnlySpan<int> exclude)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be at least 1.");
        var scores = new float[_itemPanels!.Panels * RowPanels.Width];
        _itemPanels.ScoreOne(userVector, 0, _itemPanels.Panels, scores);
        return TopItems(scores.AsSpan(0, ItemFactors.Length), k, exclude);
    }

    /// <summary>Top k of <paramref name="scores"/> (one per item, overwritten) after removing <paramref name="exclude"/>.</summary>
    private static int[] TopItems(Span<float> scores, int k, ReadOnlySpan<int> exclude)
    {
        foreach (int item in exclude) scores[item] = float.NegativeInfinity;
        return TopK.Indices(scores, k);
    }

    private static float[][] ToFloat(double[][] rows)
    {
        var result = new float[rows.Length][];
        for (int r = 0; r < rows.Length; r++) result[r] = Array.ConvertAll(rows[r], x => (float)x);
        return result;
    }

    private void EnsureFitted()
    {
        if (_feedback is null) throw new InvalidOperationException("Call Fit before using the model.");
    }

    private static void CheckIndex(int index, int count, string name)
    {
        if ((uint)index >= (uint)count) throw new ArgumentOutOfRangeException(name, index, $"{name} must be in [0, {count}).");
    }
}

/// <summary>Top-k selection by score with a bounded min-heap (O(n log k)); ties go to the lower index.</summary>
internal static class TopK
{
    /// <summary>Indices of the <paramref name="k"/> largest finite-or-not scores, best first; −∞ entries are never returned.</summary>
    public static int[] Indices(ReadOnlySpan<float> scores, int k)
    {
        if (k <= 0) return [];
        var heap = new PriorityQueue<int, (float Score, int NegIndex)>(k + 1);
        for (int i = 0; i < scores.Length; i++)
        {
            float s = scores[i];
            if (float.IsNegativeInfinity(s) || float.IsNaN(s)) continue;
            var key = (s, -i);
            if (heap.Count < k) heap.Enqueue(i, key);
            else
            {
                heap.TryPeek(out _, out var worst);
                if (Compare(key, worst) > 0) heap.DequeueEnqueue(i, key);
            }
        }
        var result = new int[heap.Count];
        for (int r = result.Length - 1; r >= 0; r--) result[r] = heap.Dequeue();
        return result;
    }

    private static int Compare((float Score, int NegIndex) a, (float Score, int NegIndex) b) =>
        a.Score != b.Score ? a.Score.CompareTo(b.Score) : a.NegIndex.CompareTo(b.NegIndex);
}
