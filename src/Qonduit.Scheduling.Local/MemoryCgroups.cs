using System.Globalization;
using Qonduit.Circuits;

namespace Qonduit.Scheduling.Local;

/// <summary>
/// The local adapter's `memoryLimitMb`: each runner process runs in its own memory cgroup with that limit, so a job over
/// it is killed by the kernel, and the cgroup's OOM-kill counter is what tells that SIGKILL apart from any other (a plain
/// `kill -9` leaves the counter at 0). cgroup v2 when its memory controller is available, else v1.
/// </summary>
public sealed class MemoryCgroups
{
    private const string V1Root = "/sys/fs/cgroup/memory";
    private static readonly string[] V2Roots = ["/sys/fs/cgroup", "/sys/fs/cgroup/unified"];

    private readonly string _parent;
    private readonly bool _v2;
    private readonly long _limitBytes;

    private MemoryCgroups(string parent, bool v2, long limitBytes)
    {
        _parent = parent;
        _v2 = v2;
        _limitBytes = limitBytes;
    }

    /// <summary>Finds a writable memory hierarchy and creates the agent's parent cgroup; throws when there is none, so a
    /// configured limit is never silently not enforced.</summary>
    public static MemoryCgroups Open(int limitMb)
    {
        if (limitMb < 16) throw new MemoryCgroupException($"memoryLimitMb must be at least 16, got {limitMb}");
        try
        {
            if (V2Roots.FirstOrDefault(r => Controllers(r).Contains("memory")) is { } unified)
            {
                // v2 forbids processes in a cgroup that delegates controllers, so the jobs' parent hangs off the root.
                File.WriteAllText(Path.Combine(unified, "cgroup.subtree_control"), "+memory");
                var jobs = Directory.CreateDirectory(Path.Combine(unified, "qonduit-jobs")).FullName;
                File.WriteAllText(Path.Combine(jobs, "cgroup.subtree_control"), "+memory");
                return new MemoryCgroups(jobs, v2: true, (long)limitMb << 20);
            }
            if (!File.Exists(Path.Combine(V1Root, "memory.limit_in_bytes")))
                throw new MemoryCgroupException("memoryLimitMb needs a cgroup memory controller: neither cgroup v2 with 'memory' nor v1 at " + V1Root);
            // v1 nests under the agent's own cgroup, so any limit a site already puts on the agent still holds.
            var own = File.ReadLines("/proc/self/cgroup").Select(l => l.Split(':', 3)).FirstOrDefault(p => p.Length == 3 && p[1].Split(',').Contains("memory"))?[2] ?? "/";
            var parentV1 = Directory.CreateDirectory(Path.Combine(V1Root + own.TrimEnd('/'), "qonduit-jobs")).FullName;
            return new MemoryCgroups(parentV1, v2: false, (long)limitMb << 20);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MemoryCgroupException($"memoryLimitMb needs a writable memory cgroup (run the agent as root or delegate one): {e.Message}");
        }
    }

    /// <summary>Creates the job's cgroup with the limit; the returned file is where the job's wrapper writes its pid.</summary>
    public string Create(string job)
    {
        var directory = Directory.CreateDirectory(Path.Combine(_parent, job)).FullName;
        var limit = _limitBytes.ToString(CultureInfo.InvariantCulture);
        File.WriteAllText(Path.Combine(directory, _v2 ? "memory.max" : "memory.limit_in_bytes"), limit);
        // With swap the job would page instead of being killed at the limit.
        var swap = Path.Combine(directory, _v2 ? "memory.swap.max" : "memory.memsw.limit_in_bytes");
        if (File.Exists(swap)) File.WriteAllText(swap, _v2 ? "0" : limit);
        return Path.Combine(directory, "cgroup.procs");
    }

    /// <summary>True when the kernel's OOM killer killed a process of the job's cgroup.</summary>
    public bool WasOomKilled(string job)
    {
        var counters = Path.Combine(_parent, job, _v2 ? "memory.events" : "memory.oom_control");
        if (!File.Exists(counters)) return false;
        return File.ReadLines(counters).Select(l => l.Split(' ')).Any(p => p.Length == 2 && p[0] == "oom_kill" && p[1] != "0");
    }

    /// <summary>Removes the job's cgroup once its processes are gone (a cgroup with a live process cannot be removed).</summary>
    public void Remove(string job)
    {
        try
        {
            Directory.Delete(Path.Combine(_parent, job));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Already gone, or a straggler still holds it: an empty cgroup left behind costs nothing.
        }
    }

    private static string[] Controllers(string root)
    {
        var file = Path.Combine(root, "cgroup.controllers");
        return File.Exists(file) ? File.ReadAllText(file).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
    }
}

/// <summary>The configured memory limit cannot be enforced on this machine.</summary>
public sealed class MemoryCgroupException(string message) : QonduitException(ErrorCodes.Agent.CgroupUnavailable, message);
