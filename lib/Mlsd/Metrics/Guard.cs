namespace Mlsd.Metrics;

/// <summary>
/// Argument checks shared by the metric functions, so every metric rejects bad input with the same
/// wording: the message names the argument, what was expected, and what was found (and where).
/// </summary>
internal static class Guard
{
    public static void NotNull(object? value, string name)
    {
        if (value is null) throw new ArgumentNullException(name, $"{name} must not be null.");
    }

    public static void SameLength<TA, TB>(IReadOnlyList<TA> a, IReadOnlyList<TB> b, string nameA, string nameB)
    {
        NotNull(a, nameA);
        NotNull(b, nameB);
        if (a.Count != b.Count)
            throw new ArgumentException(
                $"{nameA} and {nameB} must have the same length (got {a.Count} and {b.Count}).", nameB);
    }

    public static void NotEmpty<T>(IReadOnlyList<T> values, string name)
    {
        NotNull(values, name);
        if (values.Count == 0) throw new ArgumentException($"{name} must not be empty.", name);
    }

    public static void Labels01(IReadOnlyList<int> labels, string name)
    {
        for (int i = 0; i < labels.Count; i++)
        {
            int y = labels[i];
            if (y != 0 && y != 1)
                throw new ArgumentException(
                    $"{name} must contain only the labels 0 and 1 (found {y} at index {i}).", name);
        }
    }

    public static void Probabilities(IReadOnlyList<double> values, string name)
    {
        for (int i = 0; i < values.Count; i++)
        {
            double p = values[i];
            if (!(p >= 0 && p <= 1)) // also catches NaN
                throw new ArgumentException(
                    $"{name} must hold probabilities in [0, 1] (found {Format(p)} at index {i}).", name);
        }
    }

    public static void NotNaN(IReadOnlyList<double> values, string name)
    {
        for (int i = 0; i < values.Count; i++)
            if (double.IsNaN(values[i]))
                throw new ArgumentException($"{name} must not contain NaN (found NaN at index {i}).", name);
    }

    public static void Finite(IReadOnlyList<double> values, string name)
    {
        for (int i = 0; i < values.Count; i++)
            if (!double.IsFinite(values[i]))
                throw new ArgumentException(
                    $"{name} must hold finite numbers (found {Format(values[i])} at index {i}).", name);
    }

    public static void Finite(double value, string name)
    {
        if (!double.IsFinite(value))
            throw new ArgumentException($"{name} must be a finite number (got {Format(value)}).", name);
    }

    public static void AtLeastOne(int k, string name)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(name, k, $"{name} must be at least 1 (got {k}).");
    }

    public static void InRange(double value, double low, double high, string name)
    {
        if (!(value >= low && value <= high))
            throw new ArgumentOutOfRangeException(name, value,
                $"{name} must be in [{Format(low)}, {Format(high)}] (got {Format(value)}).");
    }

    /// <summary>Copies labels (already checked to be 0/1) and counts positives.</summary>
    public static int CountPositives(IReadOnlyList<int> labels)
    {
        int positives = 0;
        for (int i = 0; i < labels.Count; i++) positives += labels[i];
        return positives;
    }

    public static string Format(double x) => x.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
