namespace Mlsd.Notebooks.Scripting;

/// <summary>
/// The globals object of every cell: its public members are in scope unqualified, which is how
/// <c>display(x)</c> works as in the Polyglot kernel.
/// </summary>
public class ScriptGlobals
{
    /// <summary>Shows <paramref name="value"/> as a display_data output of the running cell.</summary>
    /// <param name="value">What to show.</param>
    /// <param name="mimeTypes">Mime types to format it in (default: the value's preferred types, plus text/plain).</param>
#pragma warning disable IDE1006 // lower-case on purpose: notebooks call display(x) as in Polyglot.
    public DisplayedValue display(object? value, params string[] mimeTypes) => DisplayedValue.Show(value, mimeTypes);
#pragma warning restore IDE1006

    /// <summary>Marks <paramref name="html"/> as HTML, so displaying it renders the markup instead of escaping it (as Polyglot's <c>HTML(…)</c>).</summary>
    public Microsoft.AspNetCore.Html.IHtmlContent HTML(string html) => new Microsoft.AspNetCore.Html.HtmlString(html);
}
