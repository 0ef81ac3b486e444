using Mlsd.Exercises;

namespace Mlsd.Tests.Exercises;

/// <summary>Notebook 06's exercises: a correct answer passes every public check, a typical mistake does not.</summary>
public class Catalog06Tests
{
    [Fact]
    public void AveragePrecision()
    {
        Func<int[], double> right = r =>
        {
            double sum = 0;
            int hits = 0;
            for (int k = 0; k < r.Length; k++) if (r[k] == 1) sum += ++hits / (double)(k + 1);
            return hits == 0 ? 0 : sum / hits;
        };
        // Divides by the list length instead of the number of relevant items.
        Func<int[], double> byLength = r =>
        {
            double sum = 0;
            int hits = 0;
            for (int k = 0; k < r.Length; k++) if (r[k] == 1) sum += ++hits / (double)(k + 1);
            return sum / r.Length;
        };
        Func<int[], double> reciprocalRank = r => Array.IndexOf(r, 1) is int k and >= 0 ? 1.0 / (k + 1) : 0;
        Assert.True(Exercise.Evaluate("06.average-precision", right).Succeeded);
        var wrong = Exercise.Evaluate("06.average-precision", byLength);
        Assert.Contains("✗ a hand-worked list", wrong.ToString());
        var rr = Exercise.Evaluate("06.average-precision", reciprocalRank);
        Assert.Contains("✓ one relevant item", rr.ToString());   // MRR and AP agree with one relevant item…
        Assert.Contains("✗ a hand-worked list", rr.ToString());  // …and differ with two
    }

    [Fact]
    public void PointInTime()
    {
        Func<long[], long[], int[]> right = (events, times) => times.Select(t => events.Count(e => e < t)).ToArray();
        Func<long[], long[], int[]> inclusive = (events, times) => times.Select(t => events.Count(e => e <= t)).ToArray();
        Func<long[], long[], int[]> assumesSorted = (events, times) => times.Select(t =>
        {
            int n = 0;
            while (n < events.Length && events[n] < t) n++;
            return n;
        }).ToArray();
        Assert.True(Exercise.Evaluate("06.point-in-time", right).Succeeded);
        Assert.Contains("✗ an event at the same second is not known yet", Exercise.Evaluate("06.point-in-time", inclusive).ToString());
        Assert.Contains("✗ events arrive out of order", Exercise.Evaluate("06.point-in-time", assumesSorted).ToString());
    }

    [Fact]
    public void Radius()
    {
        Func<(double RadiusKm, double RegistrationsKept, double CandidatesPerVisit)[], double, double, double?> right = (sweep, min, max) =>
        {
            var fits = sweep.Where(s => s.RegistrationsKept >= min && s.CandidatesPerVisit <= max).OrderBy(s => s.CandidatesPerVisit).ToArray();
            return fits.Length == 0 ? null : fits[0].RadiusKm;
        };
        Func<(double RadiusKm, double RegistrationsKept, double CandidatesPerVisit)[], double, double, double?> largestRecall = (sweep, min, max) =>
            sweep.Where(s => s.CandidatesPerVisit <= max).OrderByDescending(s => s.RegistrationsKept).Select(s => (double?)s.RadiusKm).FirstOrDefault();
        Func<(double RadiusKm, double RegistrationsKept, double CandidatesPerVisit)[], double, double, double?> firstListed = (sweep, min, max) =>
            sweep.Where(s => s.RegistrationsKept >= min && s.CandidatesPerVisit <= max).Select(s => (double?)s.RadiusKm).FirstOrDefault();
        Func<(double RadiusKm, double RegistrationsKept, double CandidatesPerVisit)[], double, double, double?> strict = (sweep, min, max) =>
        {
            var fits = sweep.Where(s => s.RegistrationsKept > min && s.CandidatesPerVisit <= max).OrderBy(s => s.CandidatesPerVisit).ToArray();
            return fits.Length == 0 ? null : fits[0].RadiusKm;
        };
        Assert.True(Exercise.Evaluate("06.radius", right).Succeeded);
        Assert.Contains("✗ the smallest radius that keeps enough", Exercise.Evaluate("06.radius", largestRecall).ToString());
        Assert.Contains("✗ sweep order does not matter", Exercise.Evaluate("06.radius", firstListed).ToString());
        Assert.Contains("✗ the target is inclusive", Exercise.Evaluate("06.radius", strict).ToString());
    }

    [Fact]
    public void PredictSocial()
    {
        Assert.True(Exercise.Evaluate("06.predict-social", () => ("about the same", 0.556, 0.546)).Succeeded);
        Assert.True(Exercise.Evaluate("06.predict-social", () => ("lower", 0.60, 0.55)).Succeeded);
        var wrong = Exercise.Evaluate("06.predict-social", () => ("lower", 0.556, 0.546));
        Assert.Contains("the run measured about the same", wrong.ToString());
        var words = Exercise.Evaluate("06.predict-social", () => ("maybe", 0.556, 0.546));
        Assert.Contains("✗ a prediction in words", words.ToString());
        var unmeasured = Exercise.Evaluate("06.predict-social", () => ("lower", 0.0, 0.0));
        Assert.Contains("✗ the measurement comes from the run", unmeasured.ToString());
    }
}
