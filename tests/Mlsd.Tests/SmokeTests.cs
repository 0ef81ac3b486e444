namespace Mlsd.Tests; public class SmokeTests { [Fact] public void Version() => Assert.Equal("0.1.0", Mlsd.MlsdInfo.Version); }
