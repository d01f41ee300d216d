using System.Globalization;

namespace Qonduit.Bench.Fuzz;

/// <summary>Resident memory of a process as the kernel reports it, so the figure is the same one `ps` and operators see.</summary>
public static class ProcessMemory
{
    public static long ResidentBytes(int processId)
    {
        foreach (var line in File.ReadLines($"/proc/{processId}/status"))
        {
            // "VmRSS:	  143212 kB"
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) * 1024;
        }
        throw new InvalidOperationException($"no VmRSS in /proc/{processId}/status");
    }
}
