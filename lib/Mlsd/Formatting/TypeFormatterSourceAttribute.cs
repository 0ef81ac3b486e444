namespace Mlsd.Formatting;

/// <summary>
/// Names the class that supplies notebook formatters for the type it decorates.
/// </summary>
/// <remarks>
/// .NET Interactive's formatter (used by the Polyglot kernel and by our own engine) recognises this attribute
/// <em>by name</em>: any attribute called <c>TypeFormatterSourceAttribute</c> with a <c>FormatterSourceType</c>
/// property (and optionally <c>PreferredMimeTypes</c>) is honoured. Declaring our own copy keeps lib/Mlsd free of a
/// reference to the Formatting package, so a notebook that loads the library under the real kernel never meets a
/// second copy of it. The formatter reads attributes from the value's class hierarchy (not its interfaces), so put
/// the attribute on every concrete class that should display richly.
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = true)]
internal sealed class TypeFormatterSourceAttribute : Attribute
{
    /// <summary>Points the formatter at <paramref name="formatterSourceType"/>, a class with a public parameterless
    /// constructor and an <c>IEnumerable&lt;object&gt; CreateTypeFormatters()</c> method.</summary>
    public TypeFormatterSourceAttribute(Type formatterSourceType)
    {
        ArgumentNullException.ThrowIfNull(formatterSourceType);
        FormatterSourceType = formatterSourceType;
    }

    /// <summary>The class whose <c>CreateTypeFormatters()</c> yields the formatters.</summary>
    public Type FormatterSourceType { get; }

    /// <summary>Optional mime types the kernel should prefer for the decorated type (e.g. <c>text/html</c>).</summary>
    public string[]? PreferredMimeTypes { get; set; }
}
