namespace Mlsd;

/// <summary>
/// Checks a statement a notebook's prose makes about a number computed in the same run. When the data stop
/// supporting the sentence (a seed, a parameter or the library changed), the cell fails with the sentence, so
/// the text can never silently contradict its own output.
/// </summary>
/// <remarks>
/// Write the claim as the prose states it and put the numbers in it, so the failure message shows what was
/// found: <c>Claim.That(nceCross &lt; nceLr, $"crosses lower NCE ({nceCross:F4} &lt; {nceLr:F4})")</c>.
/// A passing claim prints nothing. For comparisons use the verdict of a <see cref="Metrics.MetricDifference"/>:
/// a claim that one model beats another should rest on <c>CandidateIsBetter</c>, not on the point estimates.
/// </remarks>
public static class Claim
{
    /// <summary>Throws <see cref="ClaimFailedException"/> naming <paramref name="claim"/> when
    /// <paramref name="holds"/> is false.</summary>
    /// <exception cref="ArgumentException"><paramref name="claim"/> is null or blank.</exception>
    /// <exception cref="ClaimFailedException">The claim does not hold.</exception>
    public static void That(bool holds, string claim)
    {
        if (string.IsNullOrWhiteSpace(claim))
            throw new ArgumentException("claim must state, in words, what is being checked.", nameof(claim));
        if (!holds) throw new ClaimFailedException(claim);
    }
}

/// <summary>A statement in a notebook's prose is not supported by the numbers this run computed.</summary>
public sealed class ClaimFailedException : Exception
{
    /// <summary>Creates the exception for <paramref name="claim"/>.</summary>
    public ClaimFailedException(string claim)
        : base($"The notebook claims \"{claim}\", but this run's numbers do not support it. Change the prose (and " +
               "this check) to what the data show.")
    {
        ClaimText = claim;
    }

    /// <summary>The claim as written in the notebook.</summary>
    public string ClaimText { get; }
}
