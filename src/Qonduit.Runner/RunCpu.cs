using System.Runtime.InteropServices;

namespace Qonduit.Runner;

/// <summary>Whose CPU time a run is charged: the runner owns its process, or shares one with its host.</summary>
public enum CpuScope
{
    /// <summary>
    /// `qonduit runner` in a process of its own (the process and Slurm adapters): everything the process used from its start,
    /// start-up, JIT, garbage collection and the simulation's parallel kernels included, as the scheduler's rusage would show.
    /// </summary>
    Process,

    /// <summary>
    /// The in-process adapter, where the agent and other runs share the process: the CPU time of the thread that runs the
    /// job, from the start of the run. The kernels of circuits of <c>BlockSweep.ParallelThresholdQubits</c> qubits and more
    /// also run on pool threads shared with the host, which no per-run clock can attribute; for those it is a lower bound.
    /// Null where the platform has no thread CPU clock (Linux and macOS have one).
    /// </summary>
    Thread,
}

/// <summary>Reads the CPU time a run used (<see cref="CpuScope"/>): measured by the kernel, never estimated from wall time.</summary>
public sealed partial class RunCpu
{
    private const int LinuxThreadCpuClock = 3;
    private const int MacThreadCpuClock = 16;

    private readonly CpuScope _scope;
    private readonly TimeSpan? _start;

    private RunCpu(CpuScope scope)
    {
        _scope = scope;
        _start = scope == CpuScope.Process ? TimeSpan.Zero : ThreadTime();
    }

    public static RunCpu Start(CpuScope scope) => new(scope);

    /// <summary>CPU seconds used so far; null when this platform cannot measure the scope.</summary>
    public double? Seconds() => _scope == CpuScope.Process
        ? Environment.CpuUsage.TotalTime.TotalSeconds
        : ThreadTime() is { } now && _start is { } start ? (now - start).TotalSeconds : null;

    private static TimeSpan? ThreadTime()
    {
        var clock = OperatingSystem.IsLinux() ? LinuxThreadCpuClock : OperatingSystem.IsMacOS() ? MacThreadCpuClock : -1;
        if (clock < 0 || ClockGetTime(clock, out var time) != 0) return null;
        return TimeSpan.FromTicks(time.Seconds * TimeSpan.TicksPerSecond + time.Nanoseconds / 100);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);
}
