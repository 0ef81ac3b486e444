namespace Mlsd.Notebooks.Scripting;

/// <summary>
/// <c>x.Display()</c> for notebook cells. The engine imports this namespace into every cell, as the Polyglot
/// kernel imports its own, so notebooks never need a <c>using</c> for it.
/// </summary>
public static class DisplayExtensions
{
    /// <summary>Shows <paramref name="value"/> as a display_data output of the running cell.</summary>
    /// <param name="value">What to show.</param>
    /// <param name="mimeTypes">Mime types to format it in (default: the value's preferred types, plus text/plain).</param>
    public static DisplayedValue Display(this object? value, params string[] mimeTypes) =>
        DisplayedValue.Show(value, mimeTypes);
}
