using System.Text;

namespace Mlsd.Notebooks.Execution;

/// <summary>
/// Replaces Console.Out/Err once per process with writers that send text to the cell running in the current
/// async flow (an AsyncLocal), or to the original console when no cell is running. Routing by flow rather
/// than swapping Console.Out per cell keeps concurrent executors (e.g. parallel tests) apart.
/// </summary>
internal static class ConsoleRouter
{
    private static readonly AsyncLocal<CellCapture?> CurrentCapture = new();
    private static readonly object Gate = new();
    private static bool _installed;

    /// <summary>The capture of the cell running in this async flow, if any.</summary>
    public static CellCapture? Current
    {
        get => CurrentCapture.Value;
        set => CurrentCapture.Value = value;
    }

    /// <summary>Installs the routing writers (idempotent).</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (_installed) return;
            var stdout = Console.Out;
            var stderr = Console.Error;
            Console.SetOut(new RoutingWriter("stdout", stdout));
            Console.SetError(new RoutingWriter("stderr", stderr));
            _installed = true;
        }
    }

    private sealed class RoutingWriter(string stream, TextWriter fallback) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override IFormatProvider FormatProvider => System.Globalization.CultureInfo.InvariantCulture;

        public override void Write(char value) => Write(value.ToString());

        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

        public override void Write(ReadOnlySpan<char> buffer) => Write(new string(buffer));

        public override void Write(string? value)
        {
            if (string.IsNullOrEmpty(value)) return;
            var capture = Current?.Live;
            if (capture is null) fallback.Write(value);
            else capture.WriteStream(stream, value);
        }

        public override void WriteLine(string? value) => Write((value ?? "") + CoreNewLineStr);

        public override void WriteLine() => Write(CoreNewLineStr);

        public override void Flush()
        {
            if (Current is null) fallback.Flush();
        }

        private string CoreNewLineStr => new(CoreNewLine);
    }
}
