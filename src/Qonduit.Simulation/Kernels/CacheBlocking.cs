using Qonduit.Simulation.State;

namespace Qonduit.Simulation.Kernels;

/// <summary>
/// Orders a sequence of gates into runs that can be applied one cache-sized chunk of the state at a time. A gate
/// whose targets all lie below the chunk bits never mixes amplitudes of different chunks, so a run of such gates can
/// take each chunk through all of its gates while the chunk sits in the core's L2 cache: one pass over memory for the
/// whole run instead of one per gate. Gates on disjoint qubits commute, so a low gate may move ahead of high ones it
/// shares no qubit with; everything else keeps its order.
/// </summary>
internal static class CacheBlocking
{
    /// <summary>Chunk size: half of the 1 MiB per-core L2 of the reference machine, leaving room for the coefficients.</summary>
    private const int ChunkBytesLog2 = 19;

    public static int ChunkBits(Precision precision) => ChunkBytesLog2 - (precision == Precision.Double ? 4 : 3);

    /// <summary>Runs in execution order; a run of two or more low gates is marked for chunked application.</summary>
    public static List<(bool Chunked, List<CompiledMatrix> Gates)> Schedule(IReadOnlyList<CompiledMatrix> gates, int chunkBits)
    {
        var runs = new List<(bool, List<CompiledMatrix>)>();
        IReadOnlyList<CompiledMatrix> rest = gates;
        while (rest.Count > 0)
        {
            var low = new List<CompiledMatrix>();
            var deferred = new List<CompiledMatrix>();
            var blocked = 0L;
            foreach (var gate in rest)
            {
                var mask = 0L;
                foreach (var t in gate.Targets) mask |= 1L << t;
                if ((mask & blocked) == 0 && mask < 1L << chunkBits)
                {
                    low.Add(gate);
                    continue;
                }
                deferred.Add(gate);
                blocked |= mask;
            }
            if (low.Count > 0) runs.Add((low.Count > 1, low));
            // The first deferred gate is high (a low one would have had nothing to wait for): it runs alone.
            if (deferred.Count > 0) runs.Add((false, [deferred[0]]));
            rest = deferred.Count > 1 ? deferred[1..] : [];
        }
        return runs;
    }
}
