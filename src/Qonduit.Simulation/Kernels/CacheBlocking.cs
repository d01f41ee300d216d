using System.Numerics;
using Qonduit.Simulation.State;

namespace Qonduit.Simulation.Kernels;

/// <summary>
/// Orders a sequence of gates into runs that can be applied one cache-sized tile of the state at a time. A tile is the
/// amplitudes that agree on every qubit outside a set of <c>chunkBits</c> qubits; a gate whose targets all lie in the
/// set never mixes amplitudes of different tiles, so a run of such gates can take each tile through all of its gates
/// while the tile sits in the core's L2 cache: one pass over memory for the whole run instead of one per gate. Low
/// gates (targets below the chunk bits) run on contiguous chunks. Gates in a row with high targets run on tiles of their
/// qubits and the lowest ones, gathered into a buffer in pieces of at least 2^(chunkBits − <see cref="MaxScatteredQubits"/>)
/// amplitudes. Gates on disjoint qubits commute, so a low gate may move ahead of high ones it shares no qubit with;
/// everything else keeps its order.
/// </summary>
internal static class CacheBlocking
{
    /// <summary>Chunk size: half of the 1 MiB per-core L2 of the reference machine, leaving room for the coefficients.</summary>
    private const int ChunkBytesLog2 = 19;

    /// <summary>
    /// Qubits of a tile that may lie outside its contiguous low part: 11 keeps the pieces a tile is gathered from at
    /// 256 bytes (2^5 single or 2^4 double amplitudes). Measured on RC(26, 10) in single precision (best of 4, in
    /// process): 8 → 10 → 11 → 12 scattered qubits, 11 fastest (10: 5.35 s, 11: 5.01 s, 12: 5.33 s; at n = 24, 8 was
    /// 13% slower than 10 and 12 no faster).
    /// </summary>
    private const int MaxScatteredQubits = 11;

    public static int ChunkBits(Precision precision) => ChunkBytesLog2 - (precision == Precision.Double ? 4 : 3);

    /// <summary>A run of gates in execution order: applied tile by tile on <see cref="Tile"/>'s qubits, or alone over the state when it is 0.</summary>
    public readonly record struct Run(List<CompiledMatrix> Gates, long Tile)
    {
        public bool Chunked => Tile != 0;
    }

    /// <summary>Runs in execution order; a run of two or more gates is marked with the tile it stays within.</summary>
    public static List<Run> Schedule(IReadOnlyList<CompiledMatrix> gates, int chunkBits)
    {
        var runs = new List<Run>();
        IReadOnlyList<CompiledMatrix> rest = gates;
        while (rest.Count > 0)
        {
            var low = new List<CompiledMatrix>();
            var deferred = new List<CompiledMatrix>();
            var blocked = 0L;
            foreach (var gate in rest)
            {
                var mask = Mask(gate);
                if ((mask & blocked) == 0 && mask < 1L << chunkBits)
                {
                    low.Add(gate);
                    continue;
                }
                deferred.Add(gate);
                blocked |= mask;
            }
            if (low.Count > 0) runs.Add(new Run(low, low.Count > 1 ? (1L << chunkBits) - 1 : 0));
            // The first deferred gate is high (a low one would have had nothing to wait for): it joins the high gates just before it.
            if (deferred.Count > 0) AddHigh(runs, deferred[0], chunkBits);
            rest = deferred.Count > 1 ? deferred[1..] : [];
        }
        return runs;
    }

    /// <summary>Appends a high gate to the run before it when that run holds high gates only and their qubits and its own still fit a tile; else starts a run.</summary>
    private static void AddHigh(List<Run> runs, CompiledMatrix gate, int chunkBits)
    {
        var lowTile = (1L << chunkBits) - 1;
        if (runs.Count > 0 && runs[^1] is var (previous, tile) && (tile == 0 ? Mask(previous[0]) > lowTile : tile != lowTile))
        {
            var joined = Tile(previous.Aggregate(Mask(gate), (m, g) => m | Mask(g)), chunkBits);
            if (joined != 0)
            {
                runs[^1] = new Run([.. previous, gate], joined);
                return;
            }
        }
        runs.Add(new Run([gate], 0));
    }

    /// <summary>The tile of <paramref name="qubits"/> and the lowest others up to <paramref name="chunkBits"/> qubits, or 0 when its contiguous low part would be too short.</summary>
    private static long Tile(long qubits, int chunkBits)
    {
        var tile = qubits;
        for (var bit = 0; BitOperations.PopCount((ulong)tile) < chunkBits; bit++) tile |= 1L << bit;
        return BitOperations.PopCount((ulong)tile) == chunkBits && BitOperations.TrailingZeroCount(~tile) >= chunkBits - MaxScatteredQubits ? tile : 0;
    }

    private static long Mask(CompiledMatrix gate)
    {
        var mask = 0L;
        foreach (var t in gate.Targets) mask |= 1L << t;
        return mask;
    }
}
