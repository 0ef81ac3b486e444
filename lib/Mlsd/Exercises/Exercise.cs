using System.Collections.Concurrent;
using System.Globalization;
using Mlsd.Metrics;

namespace Mlsd.Exercises;

/// <summary>
/// Self-checking exercises. A notebook's check cell hands the learner's function to
/// <see cref="Check"/>, which runs the exercise's hidden cases (defined in the library, so the notebook
/// never shows the expected values) and prints a friendly report.
/// </summary>
/// <remarks>
/// The report's first line is machine-readable — <c>✓ [07.nce] 3 of 3 public checks passed</c> or
/// <c>✗ [07.nce] 1 of 3 public checks passed</c> — and <c>mlsd check</c> parses it. The wording says
/// "public checks" on purpose: passing them is evidence, not proof, that an answer is right.
/// <see cref="Check"/> never throws: a learner's exception, a stub that still throws
/// <see cref="NotImplementedException"/>, or a function of the wrong shape all become ✗ lines with a hint,
/// so the rest of the notebook keeps running.
/// </remarks>
public static class Exercise
{
    private static readonly ConcurrentDictionary<string, ExerciseDefinition> Definitions = new(StringComparer.Ordinal);

    static Exercise() => ExerciseCatalog.RegisterAll();

    /// <summary>Registers an exercise's hidden cases; the library's catalogue calls this once per exercise.</summary>
    internal static void Define(ExerciseDefinition definition)
    {
        if (!Definitions.TryAdd(definition.Id, definition))
            throw new InvalidOperationException($"Exercise '{definition.Id}' is defined twice.");
    }

    /// <summary>The ids of every exercise the library can check.</summary>
    public static IReadOnlyCollection<string> Ids => Definitions.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// Runs the hidden cases of exercise <paramref name="id"/> against <paramref name="answer"/> (the learner's
    /// function, passed as a method group or lambda), prints the report to the console and returns it.
    /// </summary>
    public static ExerciseReport Check(string id, Delegate? answer)
    {
        var report = Evaluate(id, answer);
        Console.Out.WriteLine(report.ToString());
        return report;
    }

    /// <summary>As <see cref="Check"/>, without printing: for tests and tools.</summary>
    public static ExerciseReport Evaluate(string id, Delegate? answer)
    {
        if (string.IsNullOrWhiteSpace(id) || !Definitions.TryGetValue(id, out var definition))
        {
            var known = string.Join(", ", Ids);
            return new ExerciseReport(id ?? "", 0, 0,
                [$"There is no exercise called '{id}'. Known exercises: {known}."]);
        }
        if (answer is null)
            return definition.Fail(["Pass your function to the check, e.g. Exercise.Check(\"" + id + "\", MyFunction)."]);
        if (!definition.AnswerType.IsInstanceOfType(answer))
            return definition.Fail([$"The check expects a function of shape {definition.Signature}; it received {Describe(answer)}."]);

        int passed = 0;
        var lines = new List<string>();
        foreach (var check in definition.Checks)
        {
            string? problem;
            try
            {
                problem = check.Run(answer);
            }
            catch (NotImplementedException)
            {
                return definition.Fail(["Not attempted yet: the function still throws NotImplementedException. Replace the stub with your code and run the cell again."]);
            }
            catch (Exception e)
            {
                var inner = e is System.Reflection.TargetInvocationException { InnerException: { } ie } ? ie : e;
                if (inner is NotImplementedException)
                    return definition.Fail(["Not attempted yet: the function still throws NotImplementedException. Replace the stub with your code and run the cell again."]);
                problem = $"your function threw {inner.GetType().Name}: {inner.Message}";
            }
            if (problem is null)
            {
                passed++;
                lines.Add($"  ✓ {check.Name}");
            }
            else
            {
                lines.Add($"  ✗ {check.Name}: {problem}");
                if (check.Hint is { Length: > 0 } hint) lines.Add($"    hint: {hint}");
            }
        }
        return new ExerciseReport(id, passed, definition.Checks.Count, lines);
    }

    private static string Describe(Delegate d)
    {
        var m = d.Method;
        var ps = string.Join(", ", m.GetParameters().Select(p => p.ParameterType.Name));
        return $"({ps}) → {m.ReturnType.Name}";
    }
}

/// <summary>The outcome of one exercise check: how many of its public checks passed, and the friendly detail lines.</summary>
/// <param name="Id">The exercise id, e.g. <c>07.nce</c>.</param>
/// <param name="Passed">Checks that passed.</param>
/// <param name="Total">Checks run (0 when the exercise id is unknown).</param>
/// <param name="Details">Per-check lines and hints; never the expected values.</param>
public sealed record ExerciseReport(string Id, int Passed, int Total, IReadOnlyList<string> Details)
{
    /// <summary>True when every public check passed (and there was at least one).</summary>
    public bool Succeeded => Total > 0 && Passed == Total;

    /// <summary>The report as printed: the machine-readable first line, then the details.</summary>
    public override string ToString()
    {
        var mark = Succeeded ? "✓" : "✗";
        var head = string.Create(CultureInfo.InvariantCulture, $"{mark} [{Id}] {Passed} of {Total} public checks passed");
        if (Succeeded) head += " — nicely done.";
        return Details.Count == 0 ? head : head + Environment.NewLine + string.Join(Environment.NewLine, Details);
    }
}

/// <summary>One hidden case: runs the learner's function and returns null when it passes, or a short problem statement.</summary>
/// <param name="Name">What the case checks, in words a learner understands (no expected values).</param>
/// <param name="Run">Runs the case; returns null on success or a description of what went wrong.</param>
/// <param name="Hint">A nudge shown when the case fails.</param>
internal sealed record ExerciseCheck(string Name, Func<Delegate, string?> Run, string? Hint = null);

/// <summary>An exercise: id, the function shape it expects, and its hidden checks.</summary>
internal sealed record ExerciseDefinition(string Id, Type AnswerType, string Signature, IReadOnlyList<ExerciseCheck> Checks)
{
    internal ExerciseReport Fail(IReadOnlyList<string> details) => new(Id, 0, Checks.Count, details);

    /// <summary>Builds a definition whose checks receive the answer already cast to <typeparamref name="TFunc"/>.</summary>
    internal static ExerciseDefinition Of<TFunc>(string id, string signature, params (string Name, Func<TFunc, string?> Run, string? Hint)[] checks)
        where TFunc : Delegate =>
        new(id, typeof(TFunc), signature,
            checks.Select(c => new ExerciseCheck(c.Name, d => c.Run((TFunc)d), c.Hint)).ToArray());

    /// <summary>
    /// A "predict, then run" exercise whose answer is a verdict: the learner's function returns their prediction
    /// ("better", "worse" or "tie") and the difference the notebook measured; it passes when the prediction is one of
    /// the three words and equals the interval's verdict. <paramref name="why"/> explains the measured outcome.
    /// </summary>
    internal static ExerciseDefinition PredictVerdict(string id, string why) =>
        Of<Func<(string Prediction, MetricDifference Measured)>>(id, "() → (string prediction, MetricDifference measured)",
            ("a prediction was recorded", f => Expect.That(f().Prediction is "better" or "worse" or "tie",
                "the prediction must be \"better\", \"worse\" or \"tie\""), null),
            ("the prediction matches the run", f =>
            {
                var (prediction, measured) = f();
                return Expect.That(prediction == measured.Verdict,
                    $"you predicted \"{prediction}\", the run measured \"{measured.Verdict}\" ({measured})");
            }, why));
}

/// <summary>Small comparison helpers the catalogue's checks share.</summary>
internal static class Expect
{
    /// <summary>Null when |actual − expected| ≤ tolerance·max(1, |expected|); otherwise a message that does not reveal the expected value.</summary>
    internal static string? Close(double actual, double expected, double tolerance = 1e-6, string what = "the result")
    {
        if (double.IsNaN(actual)) return $"{what} is NaN";
        if (double.IsInfinity(actual) && !double.IsInfinity(expected)) return $"{what} is infinite";
        return Math.Abs(actual - expected) <= tolerance * Math.Max(1, Math.Abs(expected))
            ? null
            : $"{what} is {actual.ToString("G6", CultureInfo.InvariantCulture)}, which is not the value this case expects";
    }

    /// <summary>Null when <paramref name="condition"/> holds, else <paramref name="problem"/>.</summary>
    internal static string? That(bool condition, string problem) => condition ? null : problem;
}
