using System.Globalization;

namespace Qonduit.Scheduling.Local;

/// <summary>
/// A process named so that the name survives an agent restart and never matches a later process that reuses the
/// pid: the pid plus the kernel's start time of the process (clock ticks since boot, /proc/&lt;pid&gt;/stat field 22).
/// </summary>
public readonly record struct ProcessIdentity(int Pid, long StartTicks)
{
    private const string Prefix = "local-";

    public string JobId => string.Create(CultureInfo.InvariantCulture, $"{Prefix}{Pid}-{StartTicks}");

    public static bool TryParse(string jobId, out ProcessIdentity identity)
    {
        identity = default;
        if (!jobId.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var parts = jobId[Prefix.Length..].Split('-');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
            return false;
        identity = new ProcessIdentity(pid, ticks);
        return true;
    }

    /// <summary>The identity of a live process, or null when it has already gone.</summary>
    public static ProcessIdentity? Of(int pid) => ProcStat.Read(pid) is { } stat ? new ProcessIdentity(pid, stat.StartTicks) : null;

    /// <summary>True while this very process exists and has not exited (a zombie has exited).</summary>
    public bool IsAlive() => ProcStat.Read(Pid) is { } stat && stat.StartTicks == StartTicks && stat.State is not ('Z' or 'X');
}

/// <summary>The two fields of /proc/&lt;pid&gt;/stat the local scheduler needs.</summary>
internal readonly record struct ProcStat(char State, long StartTicks)
{
    public static ProcStat? Read(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return null;
        }
        return Parse(text);
    }

    /// <summary>The command name (field 2) may hold spaces and parentheses, so fields are counted after its last ')'.</summary>
    public static ProcStat? Parse(string text)
    {
        var close = text.LastIndexOf(')');
        if (close < 0) return null;
        var fields = text[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // fields[0] is field 3 (state); field 22 (starttime) is fields[19].
        if (fields.Length < 20 || fields[0].Length != 1) return null;
        return long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            ? new ProcStat(fields[0][0], ticks)
            : null;
    }
}
