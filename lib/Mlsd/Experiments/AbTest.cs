using System.Globalization;
using System.Text;
using Mlsd.Formatting;

namespace Mlsd.Experiments;

/// <summary>
/// An A/B test against a simulator: units are split between control and treatment by a seeded hash of
/// their id, a user-supplied simulation produces each unit's outcome under its arm, and the metrics are
/// read out with lifts, confidence intervals and p-values.
/// </summary>
/// <remarks>
/// <para>Each unit's simulation gets its own <see cref="Sampler"/>, seeded from (experiment seed, unit id), so
/// the run is reproducible and does not depend on the order of the units.</para>
/// <code>
/// var run = new AbTest { Seed = 7 }.Run(world.Users, u => u.Id,
///     (user, arm, rng) => world.SimulateSession(user, arm == Arm.Treatment ? newModel : oldModel, rng));
/// run.Binary("conversion", s => s.Converted)
/// run.Ratio("CTR", s => s.Clicks, s => s.Impressions, asPercentage: true)
/// </code>
/// Reference: Kohavi, Tang &amp; Xu, <i>Trustworthy Online Controlled Experiments</i> (2020).
/// </remarks>
public sealed class AbTest
{
    /// <summary>Experiment seed: fixes the split and every unit's simulation randomness.</summary>
    public int Seed { get; init; }

    /// <summary>Share of units assigned to treatment, in (0, 1); default ½.</summary>
    public double TreatmentShare { get; init; } = 0.5;

    /// <summary>Confidence level of the reported intervals; default 0.95.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>The arm of a unit in this experiment.</summary>
    /// <param name="unitId">Stable id of the unit.</param>
    public Arm ArmOf(string unitId) => Assignment.Assign(unitId, Seed, TreatmentShare);

    /// <summary>Runs the simulation for every unit under its assigned arm.</summary>
    /// <typeparam name="TUnit">The randomization unit (e.g. a user record).</typeparam>
    /// <typeparam name="TOutcome">What the simulation returns per unit (a bool, a number, or a record of several outcomes).</typeparam>
    /// <param name="units">The units in the experiment (ids must be distinct).</param>
    /// <param name="unitId">The stable id of a unit.</param>
    /// <param name="simulate">The unit's outcome under an arm, drawing randomness only from the given sampler.</param>
    /// <exception cref="ArgumentException">Null arguments, a bad share or level, or a repeated unit id.</exception>
    public AbTestRun<TOutcome> Run<TUnit, TOutcome>(IEnumerable<TUnit> units, Func<TUnit, string> unitId,
        Func<TUnit, Arm, Sampler, TOutcome> simulate)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(unitId);
        ArgumentNullException.ThrowIfNull(simulate);
        Assignment.CheckShare(TreatmentShare);
        if (!(ConfidenceLevel > 0 && ConfidenceLevel < 1))
            throw new ArgumentOutOfRangeException(nameof(ConfidenceLevel), ConfidenceLevel, "ConfidenceLevel must be in (0, 1).");

        var control = new List<TOutcome>();
        var treatment = new List<TOutcome>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var unit in units)
        {
            string id = unitId(unit) ?? throw new ArgumentException("unitId returned null; every unit needs an id.", nameof(unitId));
            if (!seen.Add(id))
                throw new ArgumentException($"unit id \"{id}\" occurs twice; each unit must be randomized once.", nameof(units));
            ulong hash = Assignment.Hash64(id, Seed);
            var arm = (hash >> 11) * (1.0 / (1UL << 53)) < TreatmentShare ? Arm.Treatment : Arm.Control;
            var rng = new Sampler((int)(Assignment.Mix(hash) & 0x7FFF_FFFF));
            var outcome = simulate(unit, arm, rng);
            (arm == Arm.Treatment ? treatment : control).Add(outcome);
        }
        return new AbTestRun<TOutcome>(control, treatment, TreatmentShare, ConfidenceLevel);
    }

    /// <summary>Runs the simulation for units with numeric ids (the id's decimal text is hashed).</summary>
    /// <typeparam name="TUnit">The randomization unit.</typeparam>
    /// <typeparam name="TOutcome">The per-unit outcome.</typeparam>
    /// <param name="units">The units.</param>
    /// <param name="unitId">The stable numeric id of a unit.</param>
    /// <param name="simulate">The unit's outcome under an arm.</param>
    /// <exception cref="ArgumentException">As the string-id overload.</exception>
    public AbTestRun<TOutcome> Run<TUnit, TOutcome>(IEnumerable<TUnit> units, Func<TUnit, long> unitId,
        Func<TUnit, Arm, Sampler, TOutcome> simulate)
    {
        ArgumentNullException.ThrowIfNull(unitId);
        return Run(units, u => unitId(u).ToString(CultureInfo.InvariantCulture), simulate);
    }
}

/// <summary>The simulated outcomes of an A/B test, per arm, ready to be read out metric by metric.</summary>
/// <typeparam name="TOutcome">The per-unit outcome type.</typeparam>
public sealed class AbTestRun<TOutcome>
{
    internal AbTestRun(IReadOnlyList<TOutcome> control, IReadOnlyList<TOutcome> treatment, double treatmentShare, double confidenceLevel)
    {
        Control = control;
        Treatment = treatment;
        TreatmentShare = treatmentShare;
        ConfidenceLevel = confidenceLevel;
    }

    /// <summary>Outcomes of the control units, in input order.</summary>
    public IReadOnlyList<TOutcome> Control { get; }

    /// <summary>Outcomes of the treatment units, in input order.</summary>
    public IReadOnlyList<TOutcome> Treatment { get; }

    /// <summary>The intended treatment share.</summary>
    public double TreatmentShare { get; }

    /// <summary>Confidence level used by the readouts.</summary>
    public double ConfidenceLevel { get; }

    /// <summary>
    /// Sample-ratio-mismatch check: the p-value of a χ² goodness-of-fit test (1 df) of the arm sizes against the
    /// intended share. A tiny value (say &lt; 0.001) means the split itself is broken and the readout cannot be trusted.
    /// </summary>
    /// <remarks>Reference: Fabijan et al., "Diagnosing sample ratio mismatch in online controlled experiments", KDD 2019.</remarks>
    public double SampleRatioPValue
    {
        get
        {
            double n = Control.Count + Treatment.Count;
            if (n == 0) return 1;
            double expectedT = n * TreatmentShare, expectedC = n - expectedT;
            double chi2 = Sq(Treatment.Count - expectedT) / expectedT + Sq(Control.Count - expectedC) / expectedC;
            return HypothesisTests.TwoSidedNormalP(Math.Sqrt(chi2)); // χ²₁ tail = two-sided normal tail of √χ²
        }
    }

    /// <summary>Reads out a 0/1 metric per unit with the two-proportion z-test.</summary>
    /// <param name="metric">Metric name for the summary.</param>
    /// <param name="success">Whether a unit's outcome counts as a success.</param>
    /// <exception cref="ArgumentException">An arm with no units.</exception>
    public AbTestResult Binary(string metric, Func<TOutcome, bool> success)
    {
        ArgumentNullException.ThrowIfNull(success);
        RequireUnits(1);
        long sC = 0, sT = 0;
        foreach (var o in Control) if (success(o)) sC++;
        foreach (var o in Treatment) if (success(o)) sT++;
        return AbTestResult.ForBinary(metric, sC, Control.Count, sT, Treatment.Count, ConfidenceLevel);
    }

    /// <summary>Reads out a real-valued metric per unit with Welch's t-test.</summary>
    /// <param name="metric">Metric name for the summary.</param>
    /// <param name="value">A unit's value.</param>
    /// <exception cref="ArgumentException">An arm with fewer than 2 units or a non-finite value.</exception>
    public AbTestResult Continuous(string metric, Func<TOutcome, double> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        RequireUnits(2);
        return AbTestResult.ForContinuous(metric, Project(Control, value), Project(Treatment, value), ConfidenceLevel);
    }

    /// <summary>Reads out a ratio of sums (e.g. clicks / impressions) with the delta method.</summary>
    /// <param name="metric">Metric name for the summary.</param>
    /// <param name="numerator">A unit's numerator.</param>
    /// <param name="denominator">A unit's denominator.</param>
    /// <param name="asPercentage">Show the ratio as a percentage.</param>
    /// <exception cref="ArgumentException">An arm with fewer than 2 units or a zero denominator sum.</exception>
    public AbTestResult Ratio(string metric, Func<TOutcome, double> numerator, Func<TOutcome, double> denominator, bool asPercentage = false)
    {
        ArgumentNullException.ThrowIfNull(numerator);
        ArgumentNullException.ThrowIfNull(denominator);
        RequireUnits(2);
        return AbTestResult.ForRatio(metric, Project(Control, numerator), Project(Control, denominator),
            Project(Treatment, numerator), Project(Treatment, denominator), ConfidenceLevel, asPercentage);
    }

    /// <summary>A report of several metric readouts (one line / table row each).</summary>
    /// <param name="results">The readouts, e.g. from <see cref="Binary"/> and <see cref="Continuous"/>.</param>
    public AbTestReport Report(params AbTestResult[] results) => new(results, SampleRatioPValue);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"A/B run: {Control.Count:N0} control, {Treatment.Count:N0} treatment (intended share {TreatmentShare:P0}), sample-ratio p = {AbTestResult.FormatP(SampleRatioPValue)}");

    private static double Sq(double x) => x * x;

    private static double[] Project(IReadOnlyList<TOutcome> outcomes, Func<TOutcome, double> f)
    {
        var values = new double[outcomes.Count];
        for (int i = 0; i < values.Length; i++) values[i] = f(outcomes[i]);
        return values;
    }

    private void RequireUnits(int minimum)
    {
        if (Control.Count < minimum || Treatment.Count < minimum)
            throw new InvalidOperationException(
                $"Each arm needs at least {minimum} unit(s) for this readout (control has {Control.Count}, treatment {Treatment.Count}).");
    }
}

/// <summary>Several metric readouts of one A/B test, shown as lines of text or an HTML table.</summary>
/// <param name="Results">The per-metric readouts.</param>
/// <param name="SampleRatioPValue">The sample-ratio-mismatch p-value of the split (NaN when unknown).</param>
[TypeFormatterSource(typeof(HtmlRenderableFormatterSource))]
public sealed record AbTestReport(IReadOnlyList<AbTestResult> Results, double SampleRatioPValue = double.NaN) : IHtmlRenderable
{
    /// <summary>One summary line per metric, then the sample-ratio check when known.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var r in Results) sb.Append(r).Append('\n');
        if (!double.IsNaN(SampleRatioPValue))
            sb.Append("sample-ratio check: p = ").Append(AbTestResult.FormatP(SampleRatioPValue))
              .Append(SampleRatioPValue < 0.001 ? " — MISMATCH, do not trust this test" : " (split OK)");
        return sb.ToString().TrimEnd('\n');
    }

    /// <summary>An HTML table with one row per metric and the sample-ratio check below it.</summary>
    public string ToHtml()
    {
        string table = AbTestResult.HtmlTable(Results);
        if (double.IsNaN(SampleRatioPValue)) return table;
        return table + "<div style=\"font-family:system-ui,sans-serif;font-size:12px;opacity:.8\">sample-ratio check: p = "
            + AbTestResult.FormatP(SampleRatioPValue) + (SampleRatioPValue < 0.001 ? " — <b>mismatch</b>" : " (split OK)") + "</div>";
    }
}
