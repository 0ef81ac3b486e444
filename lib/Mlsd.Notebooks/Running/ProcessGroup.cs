using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Mlsd.Notebooks.Running;

/// <summary>
/// Ends a kernel together with the processes its cells started. On Linux and macOS the kernel leads its own process
/// group (children inherit it, even once the kernel has exited and they were handed to init), so one signal to the
/// group ends them all; elsewhere, and for a kernel that did not make a group, the process tree is killed instead.
/// </summary>
internal static class ProcessGroup
{
    private const int SigKill = 9;
    private static Timer? _parentWatch;

    private static bool Unix => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    /// <summary>Makes this process the leader of a new process group (kernel side; a no-op where there are none).</summary>
    public static void LeadOwnGroup()
    {
        if (Unix) _ = setpgid(0, 0);
    }

    /// <summary>
    /// Ends this process and its group when its parent dies (kernel side): a runner killed outright cannot end its
    /// kernels, so they notice it themselves — the parent id changes when the parent is gone.
    /// </summary>
    public static void EndWithParent()
    {
        if (!Unix) return;
        var parent = getppid();
        _parentWatch = new Timer(_ =>
        {
            if (getppid() != parent) _ = kill(getpgrp() == Environment.ProcessId ? 0 : Environment.ProcessId, SigKill);
        }, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    /// <summary>Kills <paramref name="process"/> and everything it started: its process group if it leads one, else its tree.</summary>
    public static void Kill(Process process)
    {
        if (Unix) _ = kill(-process.Id, SigKill);   // fails harmlessly (ESRCH) when the kernel leads no group
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Exiting as we speak.
        }
    }

    /// <summary>
    /// Live members of the group led by <paramref name="leader"/> other than the leader itself, as "pid name" (Linux);
    /// on other systems a single "a process" when the group still exists after the leader has exited; else empty.
    /// </summary>
    public static IReadOnlyList<string> OtherMembers(int leader, bool leaderExited)
    {
        if (OperatingSystem.IsLinux()) return LinuxMembers(leader);
        if (OperatingSystem.IsMacOS() && leaderExited && kill(-leader, 0) == 0) return ["a process"];
        return [];
    }

    private static List<string> LinuxMembers(int group)
    {
        var members = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == group) continue;
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(dir, "stat"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;   // exited meanwhile, or not ours to read
            }
            // "pid (name) state ppid pgrp …" — the name may hold spaces and parentheses: split after the last ')'.
            var close = stat.LastIndexOf(')');
            var open = stat.IndexOf('(');
            if (close < 0 || open < 0) continue;
            var fields = stat[(close + 2)..].Split(' ');
            if (fields.Length < 3 || fields[0] == "Z" || fields[0] == "X") continue;   // zombies are dead, only not yet reaped
            if (fields[2] == group.ToString(CultureInfo.InvariantCulture)) members.Add($"{pid} {stat[(open + 1)..close]}");
        }
        return members;
    }

    // DllImport rather than LibraryImport: these signatures need no marshalling, and LibraryImport needs unsafe code.
    [DllImport("libc", SetLastError = true)]
    private static extern int setpgid(int pid, int pgid);

    [DllImport("libc")]
    private static extern int getppid();

    [DllImport("libc")]
    private static extern int getpgrp();

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
