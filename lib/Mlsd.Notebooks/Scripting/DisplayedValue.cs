using Mlsd.Notebooks.Execution;

namespace Mlsd.Notebooks.Scripting;

/// <summary>
/// A value shown by <c>display(x)</c> or <c>x.Display()</c>. <see cref="Update"/> replaces the shown output in
/// place, so an executed notebook keeps the final state (as the Polyglot kernel's DisplayedValue does).
/// </summary>
public sealed class DisplayedValue
{
    private readonly CellCapture? _capture;
    private readonly int _index;
    private readonly string[] _mimeTypes;

    internal DisplayedValue(CellCapture? capture, int index, string[] mimeTypes)
    {
        _capture = capture;
        _index = index;
        _mimeTypes = mimeTypes;
    }

    /// <summary>Replaces the displayed output with <paramref name="value"/>, formatted the same way.</summary>
    public void Update(object? value)
    {
        if (_capture is null) Console.WriteLine(value);
        else _capture.Replace(_index, ValueFormatter.ToDisplayData(value, _mimeTypes));
    }

    /// <summary>Shows <paramref name="value"/> in the running cell (or prints it when no cell is running).</summary>
    internal static DisplayedValue Show(object? value, string[] mimeTypes)
    {
        var capture = ConsoleRouter.Current?.Live;
        if (capture is null)
        {
            Console.WriteLine(value is string s ? s : ValueFormatter.Format(value, "text/plain"));
            return new DisplayedValue(null, -1, mimeTypes);
        }
        var index = capture.Add(ValueFormatter.ToDisplayData(value, mimeTypes));
        return new DisplayedValue(capture, index, mimeTypes);
    }
}
