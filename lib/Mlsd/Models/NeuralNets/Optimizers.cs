using System.Runtime.CompilerServices;

namespace Mlsd.Models.NeuralNets;

/// <summary>
/// Base of the optimisers: holds the parameters, applies one update per <see cref="Step"/> from their
/// accumulated gradients, then clears them.
/// </summary>
/// <remarks>Embedding tables (which track the rows a batch touched) are updated only on those rows — "lazy"
/// updates, as TensorFlow's LazyAdam and PyTorch's SparseAdam do — so a step costs the batch, not the table.</remarks>
public abstract class Optimizer
{
    private readonly Tensor[] _parameters;

    /// <summary>Registers the parameters to update.</summary>
    protected Optimizer(IEnumerable<Tensor> parameters, float learningRate)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = parameters.ToArray();
        if (_parameters.Length == 0) throw new ArgumentException("parameters must not be empty.", nameof(parameters));
        for (int i = 0; i < _parameters.Length; i++)
        {
            if (_parameters[i] is null) throw new ArgumentException($"parameters[{i}] is null.", nameof(parameters));
            if (!_parameters[i].RequiresGrad) throw new ArgumentException($"parameters[{i}] ({_parameters[i].Name ?? "unnamed"}) does not require a gradient.", nameof(parameters));
        }
        LearningRate = learningRate;
    }

    /// <summary>The parameters being optimised.</summary>
    public IReadOnlyList<Tensor> Parameters => _parameters;

    /// <summary>Step size; may be changed between steps (learning-rate schedules).</summary>
    public float LearningRate
    {
        get;
        set => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(LearningRate), value, "LearningRate must be positive.");
    }

    /// <summary>Number of steps taken so far.</summary>
    public int StepCount { get; private set; }

    /// <summary>Updates every parameter from its gradient, then zeroes the gradients.</summary>
    [MethodImpl(Jit.Hot)]
    public void Step()
    {
        StepCount++;
        for (int p = 0; p < _parameters.Length; p++)
        {
            var parameter = _parameters[p];
            var grad = parameter.Grad;
            if (grad is null) continue;
            if (parameter.AllRowsTouched)
            {
                Update(p, parameter.Data, grad, 0, parameter.Size);
            }
            else
            {
                int cols = parameter.Cols;
                foreach (int row in parameter.TouchedRows) Update(p, parameter.Data, grad, row * cols, cols);
            }
            parameter.ZeroGrad();
        }
    }

    /// <summary>Clears every parameter's gradient without updating (Step already does this).</summary>
    public void ZeroGrad()
    {
        foreach (var p in _parameters) p.ZeroGrad();
    }

    /// <summary>Applies the update rule to <paramref name="count"/> entries of parameter <paramref name="index"/> from <paramref name="offset"/>.</summary>
    protected abstract void Update(int index, float[] values, float[] grad, int offset, int count);
}

/// <summary>Stochastic gradient descent with optional momentum and L2 weight decay: v ← μv + g + λw; w ← w − ηv.</summary>
public sealed class Sgd : Optimizer
{
    private readonly float[]?[] _velocity;

    /// <summary>Configures SGD.</summary>
    /// <param name="parameters">Trainable tensors.</param>
    /// <param name="learningRate">η &gt; 0.</param>
    /// <param name="momentum">μ in [0, 1); 0 is plain SGD.</param>
    /// <param name="weightDecay">λ ≥ 0, added as λw to the gradient.</param>
    public Sgd(IEnumerable<Tensor> parameters, float learningRate = 0.01f, float momentum = 0f, float weightDecay = 0f)
        : base(parameters, learningRate)
    {
        if (!(momentum >= 0 && momentum < 1)) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "momentum must be in [0, 1).");
        if (!(weightDecay >= 0)) throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "weightDecay must be non-negative.");
        Momentum = momentum;
        WeightDecay = weightDecay;
        _velocity = new float[]?[Parameters.Count];
    }

    /// <summary>μ.</summary>
    public float Momentum { get; }

    /// <summary>λ.</summary>
    public float WeightDecay { get; }

    /// <inheritdoc />
    protected override void Update(int index, float[] values, float[] grad, int offset, int count)
    {
        float lr = LearningRate;
        if (Momentum == 0f)
        {
            for (int i = offset; i < offset + count; i++) values[i] -= lr * (grad[i] + WeightDecay * values[i]);
            return;
        }
        var v = _velocity[index] ??= new float[values.Length];
        for (int i = offset; i < offset + count; i++)
        {
            v[i] = Momentum * v[i] + grad[i] + WeightDecay * values[i];
            values[i] -= lr * v[i];
        }
    }
}

/// <summary>
/// Adam (Kingma &amp; Ba, ICLR 2015): per-entry step sizes from running averages of the gradient (m) and its
/// square (v), bias-corrected for their zero start. The default choice for embeddings-heavy models, whose
/// rarely-seen rows need larger steps than frequent ones.
/// </summary>
public sealed class Adam : Optimizer
{
    private readonly float[]?[] _m;
    private readonly float[]?[] _v;

    /// <summary>Configures Adam.</summary>
    /// <param name="parameters">Trainable tensors.</param>
    /// <param name="learningRate">η &gt; 0 (0.001 is the usual default; small models on small data take 0.01).</param>
    /// <param name="beta1">Decay of the gradient average, in [0, 1).</param>
    /// <param name="beta2">Decay of the squared-gradient average, in [0, 1).</param>
    /// <param name="epsilon">Added to √v to avoid dividing by zero.</param>
    /// <param name="weightDecay">Decoupled weight decay λ ≥ 0 (AdamW style: w ← w − ηλw).</param>
    public Adam(IEnumerable<Tensor> parameters, float learningRate = 0.001f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f, float weightDecay = 0f)
        : base(parameters, learningRate)
    {
        if (!(beta1 >= 0 && beta1 < 1)) throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "beta1 must be in [0, 1).");
        if (!(beta2 >= 0 && beta2 < 1)) throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "beta2 must be in [0, 1).");
        if (!(epsilon > 0)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be positive.");
        if (!(weightDecay >= 0)) throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "weightDecay must be non-negative.");
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        WeightDecay = weightDecay;
        _m = new float[]?[Parameters.Count];
        _v = new float[]?[Parameters.Count];
    }

    /// <summary>β₁.</summary>
    public float Beta1 { get; }

    /// <summary>β₂.</summary>
    public float Beta2 { get; }

    /// <summary>ε.</summary>
    public float Epsilon { get; }

    /// <summary>Decoupled weight decay λ.</summary>
    public float WeightDecay { get; }

    /// <inheritdoc />
    protected override void Update(int index, float[] values, float[] grad, int offset, int count)
    {
        var m = _m[index] ??= new float[values.Length];
        var v = _v[index] ??= new float[values.Length];
        float correction1 = 1f - MathF.Pow(Beta1, StepCount);
        float correction2 = 1f - MathF.Pow(Beta2, StepCount);
        // x ← x(1 − ηλ) − (η / c₁)·m / (√v / √c₂ + ε): the bias-corrected update, vectorised.
        Kernels.AdamUpdate(values.AsSpan(offset, count), grad.AsSpan(offset, count), m.AsSpan(offset, count), v.AsSpan(offset, count),
            Beta1, Beta2, LearningRate / correction1, 1f / MathF.Sqrt(correction2), Epsilon, LearningRate * WeightDecay);
    }
}
