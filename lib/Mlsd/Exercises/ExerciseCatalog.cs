using System.Reflection;

namespace Mlsd.Exercises;

/// <summary>
/// Registers every notebook's exercises. Each notebook's checks live in their own partial file
/// (<c>CatalogNN.cs</c>) as a private static <c>RegisterNN()</c> method, found here by name so that adding a
/// notebook never edits a shared file.
/// </summary>
internal static partial class ExerciseCatalog
{
    internal static void RegisterAll()
    {
        var registrations = typeof(ExerciseCatalog)
            .GetMethods(BindingFlags.NonPublic | BindingFlags.Static)
            .Where(m => m.Name.StartsWith("Register", StringComparison.Ordinal) && m.Name != nameof(RegisterAll) && m.GetParameters().Length == 0)
            .OrderBy(m => m.Name, StringComparer.Ordinal);
        foreach (var register in registrations) register.Invoke(null, null);
    }

    /// <summary>A tiny exercise used by the engine's and the library's own tests.</summary>
    private static void RegisterSelfTest() =>
        Exercise.Define(ExerciseDefinition.Of<Func<double, double, double>>(
            "00.selftest-add", "(double a, double b) → double",
            ("adds two small numbers", f => Expect.Close(f(2, 3), 5), "Return a + b."),
            ("handles negatives", f => Expect.Close(f(-4, 1.5), -2.5), null),
            ("is symmetric", f => Expect.That(f(1, 7) == f(7, 1), "f(a, b) and f(b, a) differ"), "Addition does not depend on order.")));
}
