namespace Mlsd.Tests;

public class ClaimTests
{
    [Fact]
    public void AHoldingClaim_PassesSilently() => Claim.That(0.94 < 0.96, "GBDT + LR has the lowest NCE");

    [Fact]
    public void AFailingClaim_FailsWithTheSentence()
    {
        var e = Assert.Throws<ClaimFailedException>(() => Claim.That(false, "crosses lower NCE (0.9512 < 0.9645)"));
        Assert.Equal("crosses lower NCE (0.9512 < 0.9645)", e.ClaimText);
        Assert.Contains("\"crosses lower NCE (0.9512 < 0.9645)\"", e.Message);
    }

    [Fact]
    public void ABlankClaim_IsRefused() =>
        Assert.Throws<ArgumentException>(() => Claim.That(true, " "));
}
