using Qonduit.Simulation.Execution;

namespace Qonduit.Simulation.State;

/// <summary>How large a state vector may be: at most <see cref="MaxQubits"/> qubits and never more than the memory available.</summary>
public static class StateVectorLimits
{
    public const int MaxQubits = 30;

    public static long BytesFor(int qubits, Precision precision) => (1L << qubits) * (precision == Precision.Double ? 16 : 8);

    /// <summary>Throws <see cref="SimulationTooLargeException"/> unless <paramref name="copies"/> state vectors fit.</summary>
    public static void EnsureFits(int qubits, Precision precision, int copies = 1)
    {
        if (qubits > MaxQubits)
        {
            var bytes = qubits >= 62 ? long.MaxValue : BytesFor(qubits, precision) * copies;
            throw new SimulationTooLargeException(qubits, bytes, $"the state-vector engine simulates at most {MaxQubits} qubits");
        }
        var needed = BytesFor(qubits, precision) * copies;
        var available = AvailableBytes();
        if (needed > available)
            throw new SimulationTooLargeException(qubits, needed, $"only {FormatBytes(available)} of memory is available");
    }

    /// <summary>True when <paramref name="copies"/> state vectors of this size fit (the test <see cref="EnsureFits"/> makes).</summary>
    public static bool Fits(int qubits, Precision precision, int copies) =>
        qubits <= MaxQubits && BytesFor(qubits, precision) * copies <= AvailableBytes();

    public static string FormatBytes(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.##} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.##} MiB",
        >= 1L << 10 => $"{bytes / 1024.0:0.##} KiB",
        _ => $"{bytes} B",
    };

    private static long AvailableBytes()
    {
        // MemAvailable is what the kernel can hand out without swapping; the GC's view covers container limits.
        var gcLimit = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        try
        {
            foreach (var line in File.ReadLines("/proc/meminfo"))
                if (line.StartsWith("MemAvailable:", StringComparison.Ordinal)
                    && long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], out var kib))
                    return Math.Min(gcLimit, kib * 1024);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return gcLimit;
    }
}
