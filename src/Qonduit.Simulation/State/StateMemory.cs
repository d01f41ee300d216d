using System.Runtime.InteropServices;

namespace Qonduit.Simulation.State;

/// <summary>
/// Native memory for state vectors: cache-line aligned, and page aligned from a page up, with normal pages. A state is
/// deliberately not offered to the kernel for transparent huge pages (madvise MADV_HUGEPAGE), which an earlier version
/// did: on the reference machine (a 2-core VM) the first touch of huge pages cost seconds, the sweeps gained nothing
/// measurable. Measured on fresh `qonduit run` processes of RC(26,10) in single precision (512 MiB), interleaved:
/// allocating and zeroing 2.6–3.4 s with huge pages (2.2–2.5 s of system time) against 0.25–0.63 s without (0.4–0.5 s);
/// user time, which is the sweeps, 7.2–7.8 s against 7.0–7.3 s. Warm, in one process (RC(24,10), best of three, CPU
/// time of the gates alone): 1.45–1.54 s against 1.46–1.56 s.
/// </summary>
internal static unsafe class StateMemory
{
    private const nuint Page = 4096;

    public static void* Allocate(nuint bytes) =>
        bytes < Page ? NativeMemory.AlignedAlloc(Math.Max(bytes, 64), 64) : NativeMemory.AlignedAlloc((bytes + Page - 1) & ~(Page - 1), Page);
}
