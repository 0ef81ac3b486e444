namespace Mlsd.Models.NeuralNets;

/// <summary>
/// Compares back-propagated gradients with central finite differences — the standard way to test a new
/// layer's backward rule (and a good exercise: break a rule and watch the error jump).
/// </summary>
public static class GradientCheck
{
    /// <summary>
    /// The largest relative error |analytic − numeric| / max(|analytic| + |numeric|, <paramref name="floor"/>)
    /// over the entries of <paramref name="parameter"/>, where numeric = (L(w + ε) − L(w − ε)) / 2ε.
    /// </summary>
    /// <param name="loss">Builds the loss from scratch (it is called 2 × entries + 1 times). Other parameters it uses
    /// receive one backward pass's gradient as a side effect.</param>
    /// <param name="parameter">A tensor with <c>requiresGrad</c> that the loss depends on.</param>
    /// <param name="epsilon">Finite-difference step; float32 needs a fairly large one (≈1e-2) to beat rounding.</param>
    /// <param name="floor">Denominator floor so that tiny gradients do not blow the ratio up.</param>
    /// <returns>Below about 1e-2 in float32 means the backward rule agrees with the forward one.</returns>
    public static double MaxRelativeError(Func<Tensor> loss, Tensor parameter, float epsilon = 1e-2f, double floor = 1e-3)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(parameter);
        if (!parameter.RequiresGrad) throw new ArgumentException("parameter must require a gradient.", nameof(parameter));
        parameter.ZeroGrad();
        loss().Backward();
        var analytic = (float[])parameter.Grad!.Clone();
        parameter.ZeroGrad();
        double worst = 0;
        var data = parameter.Data;
        for (int i = 0; i < data.Length; i++)
        {
            float original = data[i];
            double plus, minus;
            using (Tensor.NoGrad())
            {
                data[i] = original + epsilon;
                plus = loss().Value;
                data[i] = original - epsilon;
                minus = loss().Value;
            }
            data[i] = original;
            double numeric = (plus - minus) / (2.0 * epsilon);
            double error = Math.Abs(analytic[i] - numeric) / Math.Max(Math.Abs(analytic[i]) + Math.Abs(numeric), floor);
            worst = Math.Max(worst, error);
        }
        return worst;
    }
}
