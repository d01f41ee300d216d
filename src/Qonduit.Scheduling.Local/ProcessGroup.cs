using System.Runtime.InteropServices;

namespace Qonduit.Scheduling.Local;

/// <summary>Signals a job's whole process group (the wrapper started under setsid leads it, so its pid is the group id).</summary>
internal static partial class ProcessGroup
{
    private const int SigKill = 9;
    private const int SigTerm = 15;

    /// <summary>Asks every process of the group to stop; the runner turns it into its cancellation and exits at once.</summary>
    public static void Terminate(int leader) => Signal(leader, SigTerm);

    public static void Kill(int leader) => Signal(leader, SigKill);

    // A group that has already gone (ESRCH) is what the caller wanted anyway.
    private static void Signal(int leader, int signal) => _ = SendSignal(-leader, signal);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
