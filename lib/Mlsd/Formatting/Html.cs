using System.Text;

namespace Mlsd.Formatting;

/// <summary>Small HTML helpers shared by the library's renderers.</summary>
internal static class Html
{
    /// <summary>Escapes text for use in element content and in double- or single-quoted attribute values.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return string.Empty;
        if (text.AsSpan().IndexOfAny("<>&\"'") < 0) return text;
        var sb = new StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            switch (c)
            {
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '&': sb.Append("&amp;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }
}
