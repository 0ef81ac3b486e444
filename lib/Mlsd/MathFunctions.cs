namespace Mlsd;

/// <summary>
/// The small numeric functions that models, synthetic worlds and notebooks share. Each is written once, here, so
/// every caller gets the same value to the last bit.
/// </summary>
public static class MathFunctions
{
    /// <summary>
    /// The logistic function σ(z) = 1 / (1 + e^−z), which maps a log-odds score to a probability.
    /// </summary>
    /// <remarks>
    /// Evaluated so that the exponential never overflows: as 1 / (1 + e^−z) for z ≥ 0 and as e^z / (1 + e^z) for
    /// z &lt; 0. Both forms are exact rewrites of the definition; the split keeps the result finite and accurate
    /// in its relative error down to the smallest double (the one-formula version returns 0 for z &lt; −709).
    /// Example: σ(0) = 0.5, σ(ln 3) = 0.75. Reference: Bishop, <i>Pattern Recognition and Machine Learning</i>
    /// (2006), eq. 4.59.
    /// </remarks>
    public static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));
}
