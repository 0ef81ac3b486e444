namespace Mlsd.Notebooks.Format;

/// <summary>The nbformat cell types.</summary>
public enum CellKind
{
    /// <summary>Executable code (for us: C#).</summary>
    Code,
    /// <summary>Markdown prose; skipped when running.</summary>
    Markdown,
    /// <summary>Raw text passed through untouched; skipped when running.</summary>
    Raw,
}
