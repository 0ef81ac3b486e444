using System.Runtime.CompilerServices;
using Mlsd.Notebooks.Execution;
using Formatting = Microsoft.DotNet.Interactive.Formatting;

namespace Mlsd.Notebooks.Scripting;

/// <summary>
/// Routes <c>x.Display()</c> into the running cell. Since Microsoft.DotNet.Interactive.Formatting 1.0.0-beta.26120.1,
/// <c>Display()</c> is the package's own extension method (<c>System.DisplayExtensions</c>), exactly as under the real
/// kernel: it formats the value and announces it to subscribers. The engine subscribes once per process and turns
/// each announcement into a display_data output of the cell that is running (or an in-place update, for
/// <c>DisplayedValue.Update</c>).
/// </summary>
internal static class DisplayExtensions
{
    private static readonly ConditionalWeakTable<CellCapture, Dictionary<string, int>> Shown = new();
    private static int _subscribed;

    /// <summary>Subscribes to the formatter's displayed values (once per process).</summary>
    public static void Install()
    {
        if (Interlocked.Exchange(ref _subscribed, 1) == 0) Formatting.Formatter.SubscribeToDisplayedValues(OnDisplayed);
    }

    private static void OnDisplayed(Formatting.DisplayedValue displayed)
    {
        var capture = ConsoleRouter.Current?.Live;
        var mimeTypes = displayed.FormattedValues.Select(f => f.MimeType).ToArray();
        if (capture is null)
        {
            Console.WriteLine(displayed.Value is string s ? s : ValueFormatter.Format(displayed.Value, "text/plain"));
            return;
        }
        // Our formatter, so the outputs match the trailing-expression ones (text/plain beside HTML, strings as text only).
        var output = displayed.Value is string && mimeTypes.All(m => m == "text/plain")
            ? ValueFormatter.ToDisplayData(displayed.Value)
            : ValueFormatter.ToDisplayData(displayed.Value, mimeTypes);
        var ids = Shown.GetOrCreateValue(capture);
        lock (ids)
        {
            if (displayed.IsUpdated && ids.TryGetValue(displayed.DisplayId, out int index)) capture.Replace(index, output);
            else ids[displayed.DisplayId] = capture.Add(output);
        }
    }
}
