namespace Mlsd;

/// <summary>Library version marker.</summary>
public static class MlsdInfo
{
    /// <summary>The library version.</summary>
    public const string Version = "0.1.0";
}
