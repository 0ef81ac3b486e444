using Mlsd.Features;

namespace Mlsd.Models;

/// <summary>The argument checks every model shares (labels, matrices, hyperparameters), so each fails the same clear way, and the per-row log loss the trainers report.</summary>
internal static class ModelInput
{
    /// <summary>Checks binary labels: non-empty, one per row, each 0 or 1.</summary>
    public static void CheckLabels(IReadOnlyList<int> y, int rows, string xName = "x", string yName = "y")
    {
        ArgumentNullException.ThrowIfNull(y, yName);
        if (rows == 0) throw new ArgumentException($"{xName} must contain at least one row.", xName);
        if (y.Count != rows)
            throw new ArgumentException($"{xName} and {yName} must have the same number of rows (got {rows} and {y.Count}).", yName);
        for (int i = 0; i < y.Count; i++)
            if (y[i] is not (0 or 1))
                throw new ArgumentException($"{yName} must contain only 0/1 labels (found {y[i]} at index {i}).", yName);
    }

    public static void CheckMatrix(SparseMatrix x, string name = "x")
    {
        ArgumentNullException.ThrowIfNull(x, name);
    }

    /// <summary>Checks dense rows: non-null, one length, and returns that length.</summary>
    public static int CheckDense<T>(IReadOnlyList<T[]> x, string name = "x")
    {
        ArgumentNullException.ThrowIfNull(x, name);
        if (x.Count == 0) throw new ArgumentException($"{name} must contain at least one row.", name);
        int width = x[0]?.Length ?? throw new ArgumentException($"{name} row 0 is null.", name);
        for (int i = 1; i < x.Count; i++)
        {
            var row = x[i] ?? throw new ArgumentException($"{name} row {i} is null.", name);
            if (row.Length != width)
                throw new ArgumentException($"all rows of {name} must have the same length (row 0 has {width}, row {i} has {row.Length}).", name);
        }
        return width;
    }

    /// <summary>Log loss of one prediction, with p clipped to [1e-15, 1 − 1e-15] like scikit-learn.</summary>
    public static double LogLoss(int y, double p)
    {
        p = Math.Clamp(p, 1e-15, 1 - 1e-15);
        return y == 1 ? -Math.Log(p) : -Math.Log(1 - p);
    }

    /// <summary>Log loss from a logit, exact for large |z|: log(1 + e^−z) for y = 1, log(1 + e^z) for y = 0.</summary>
    public static double LogLossFromLogit(int y, double z)
    {
        double m = y == 1 ? -z : z;
        return m > 0 ? m + Math.Log(1 + Math.Exp(-m)) : Math.Log(1 + Math.Exp(m));
    }

    public static void CheckPositive(double value, string name)
    {
        if (!(value > 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a positive finite number.");
    }

    public static void CheckNonNegative(double value, string name)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a non-negative finite number.");
    }

    public static void CheckFraction(double value, string name)
    {
        if (!(value > 0 && value <= 1))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be in (0, 1].");
    }

    public static void CheckAtLeast(int value, int min, string name)
    {
        if (value < min) throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least {min}.");
    }
}
