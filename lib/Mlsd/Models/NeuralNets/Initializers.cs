
namespace Mlsd.Models.NeuralNets;

/// <summary>
/// Seeded weight initialisers. The scale matters: too large and activations explode layer by layer, too
/// small and gradients vanish; these rules pick the variance from the layer's fan-in and fan-out.
/// </summary>
public static class Initializers
{
    /// <summary>
    /// Xavier/Glorot uniform: U(−a, a) with a = √(6 / (fanIn + fanOut)), keeping the variance of activations
    /// and of gradients roughly equal across tanh/sigmoid/linear layers (Glorot &amp; Bengio, AISTATS 2010).
    /// For a weight matrix the fans are its rows and columns.
    /// </summary>
    public static void XavierUniform(Tensor weight, Sampler sampler)
    {
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentNullException.ThrowIfNull(sampler);
        double a = Math.Sqrt(6.0 / (weight.Rows + weight.Cols));
        var d = weight.Data;
        for (int i = 0; i < d.Length; i++) d[i] = (float)sampler.Uniform(-a, a);
    }

    /// <summary>
    /// He/Kaiming normal: N(0, 2 / fanIn), which compensates for ReLU zeroing half its inputs
    /// (He et al., "Delving Deep into Rectifiers", ICCV 2015). The fan-in is the weight's row count.
    /// </summary>
    public static void HeNormal(Tensor weight, Sampler sampler)
    {
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentNullException.ThrowIfNull(sampler);
        double sd = Math.Sqrt(2.0 / weight.Rows);
        var d = weight.Data;
        for (int i = 0; i < d.Length; i++) d[i] = (float)sampler.Normal(0, sd);
    }

    /// <summary>N(0, <paramref name="std"/>²) for every entry (embedding tables).</summary>
    public static void Normal(Tensor tensor, double std, Sampler sampler)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ArgumentNullException.ThrowIfNull(sampler);
        if (!(std >= 0)) throw new ArgumentOutOfRangeException(nameof(std), std, "std must be non-negative.");
        var d = tensor.Data;
        for (int i = 0; i < d.Length; i++) d[i] = (float)sampler.Normal(0, std);
    }
}
