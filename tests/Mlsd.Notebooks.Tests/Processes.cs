using System.Globalization;
using System.Runtime.InteropServices;

namespace Mlsd.Notebooks.Tests;

/// <summary>Looks at and signals processes by id (Linux: /proc), for the tests of what a run leaves behind.</summary>
internal static class Processes
{
    /// <summary>True while the process exists and is not a zombie (a killed child whose parent has not reaped it yet is dead).</summary>
    public static bool Alive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state is not ("Z" or "X");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Waits (up to a generous minute, for a loaded machine) for the process to die; true if it did.</summary>
    public static async Task<bool> DiesAsync(int pid)
    {
        for (var waited = 0; waited < 60_000 && Alive(pid); waited += 100) await Task.Delay(100);
        return !Alive(pid);
    }

    /// <summary>The integers a cell printed (e.g. process ids), in order.</summary>
    public static int[] Numbers(string text) =>
        [.. text.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(t => int.Parse(t, CultureInfo.InvariantCulture))];

    public static void Signal(int pid, int signal) => Assert.Equal(0, kill(pid, signal));

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
