using System.Globalization;

namespace Mlsd.Data.Synthetic;

/// <summary>
/// A parameter's value per day of a simulation — how a world drifts (a click-rate trend, a sudden change of
/// taste, weekly seasonality), so continual-learning and monitoring notebooks have a known truth to detect.
/// </summary>
/// <remarks>
/// Vocabulary from Gama et al., "A survey on concept drift adaptation" (ACM Computing Surveys, 2014):
/// gradual (<see cref="Linear"/>), sudden (<see cref="Step"/>), incremental/random (<see cref="RandomWalk"/>),
/// recurring (<see cref="Seasonal"/>). Schedules add, so a trend plus a weekly cycle is <c>Linear(…) + Seasonal(…)</c>.
/// </remarks>
public sealed class DriftSchedule
{
    private readonly double[] _values;

    /// <summary>A schedule with explicit per-day values (copied).</summary>
    public DriftSchedule(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new ArgumentException("a schedule needs at least one day.", nameof(values));
        _values = values.ToArray();
    }

    /// <summary>Number of days covered (days 0 .. Days−1).</summary>
    public int Days => _values.Length;

    /// <summary>The value on <paramref name="day"/> (0-based).</summary>
    public double this[int day] =>
        (uint)day < (uint)_values.Length ? _values[day] : throw new ArgumentOutOfRangeException(nameof(day), day, $"day must be in [0, {_values.Length}).");

    /// <summary>A copy of all values.</summary>
    public double[] ToArray() => (double[])_values.Clone();

    /// <summary>The same value every day (no drift).</summary>
    public static DriftSchedule Constant(double value, int days) => new(Fill(days, _ => value));

    /// <summary>Gradual drift from <paramref name="start"/> on day 0 to <paramref name="end"/> on the last day.</summary>
    /// <example>Linear(0, 1, 5) → [0, 0.25, 0.5, 0.75, 1].</example>
    public static DriftSchedule Linear(double start, double end, int days) =>
        new(Fill(days, d => days == 1 ? start : start + (end - start) * d / (days - 1)));

    /// <summary>Sudden drift: <paramref name="before"/> until day <paramref name="changeDay"/>, then <paramref name="after"/>.</summary>
    public static DriftSchedule Step(double before, double after, int changeDay, int days) =>
        new(Fill(days, d => d < changeDay ? before : after));

    /// <summary>Random drift: starts at <paramref name="start"/>, each day adds Normal(0, <paramref name="dailySd"/>) drawn with <paramref name="seed"/>.</summary>
    public static DriftSchedule RandomWalk(double start, double dailySd, int days, int seed)
    {
        if (!(dailySd >= 0)) throw new ArgumentOutOfRangeException(nameof(dailySd), dailySd, "dailySd must be non-negative.");
        var sampler = new Sampler(seed);
        double value = start;
        return new(Fill(days, d => d == 0 ? start : value += sampler.Normal(0, dailySd)));
    }

    /// <summary>Recurring drift: mean + amplitude × sin(2π (day + phase) / period) — e.g. a weekly cycle with period 7.</summary>
    public static DriftSchedule Seasonal(double mean, double amplitude, double periodDays, int days, double phaseDays = 0)
    {
        if (!(periodDays > 0)) throw new ArgumentOutOfRangeException(nameof(periodDays), periodDays, "periodDays must be positive.");
        return new(Fill(days, d => mean + amplitude * Math.Sin(2 * Math.PI * (d + phaseDays) / periodDays)));
    }

    /// <summary>Day-by-day sum of two schedules of the same length.</summary>
    public static DriftSchedule operator +(DriftSchedule a, DriftSchedule b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Days != b.Days) throw new ArgumentException($"schedules must cover the same days (got {a.Days} and {b.Days}).", nameof(b));
        return new(Fill(a.Days, d => a._values[d] + b._values[d]));
    }

    /// <summary>The first few values, e.g. <c>30 days: 0, 0.03, 0.07, …</c>.</summary>
    public override string ToString() =>
        $"{Days} days: {string.Join(", ", _values.Take(6).Select(v => v.ToString("G4", CultureInfo.InvariantCulture)))}{(Days > 6 ? ", …" : "")}";

    private static double[] Fill(int days, Func<int, double> value)
    {
        if (days < 1) throw new ArgumentOutOfRangeException(nameof(days), days, "days must be at least 1.");
        var values = new double[days];
        for (int d = 0; d < days; d++) values[d] = value(d);
        return values;
    }
}
