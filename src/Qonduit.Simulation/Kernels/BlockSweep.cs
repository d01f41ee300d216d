using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Qonduit.Simulation.Kernels;

/// <summary>
/// Work done at one block of a sweep: the vectors at <c>block + offset(h)</c> for every pattern h of the
/// gate's high target bits (targets at or above the vector's lane bits). Implemented by readonly structs so the JIT
/// specialises and inlines the loop body per kernel.
/// </summary>
internal unsafe interface IBlockOperator<T> where T : unmanaged
{
    /// <summary>Vectors of per-thread scratch the operator needs (0 for none).</summary>
    int ScratchVectors { get; }

    void Apply(T* block, Vector256<T>* scratch);
}

/// <summary>
/// Drives an <see cref="IBlockOperator{T}"/> over every block of a state of 2^n amplitudes: block bases are the vector
/// indices with the high target bits cleared, visited in runs that are contiguous in memory, split across cores above
/// 2^<see cref="ParallelThresholdQubits"/> amplitudes.
/// </summary>
[SkipLocalsInit]
internal static unsafe class BlockSweep
{
    /// <summary>Below this many amplitudes a pass is too short to repay waking another core.</summary>
    public const int ParallelThresholdQubits = 15;

    /// <param name="highTargets">amplitude bit positions ≥ lane bits, sorted ascending.</param>
    public static void Run<T, TOp>(T* state, int numQubits, ReadOnlySpan<int> highTargets, TOp op, bool parallel)
        where T : unmanaged where TOp : struct, IBlockOperator<T>
    {
        var laneBits = SimdOps<T>.LaneBits;
        var vectorBits = numQubits - laneBits;
        var blockBits = vectorBits - highTargets.Length;
        // A run is the stretch of consecutive vector indices below the lowest high target: contiguous in memory.
        var runBits = highTargets.Length == 0 ? blockBits : highTargets[0] - laneBits;
        var runs = 1L << (blockBits - runBits);
        var run = 1L << runBits;
        var positions = new int[highTargets.Length];
        for (var i = 0; i < positions.Length; i++) positions[i] = highTargets[i] - laneBits;
        var width = SimdOps<T>.Width;
        var scratch = Math.Max(1, op.ScratchVectors);
        var workers = parallel && numQubits >= ParallelThresholdQubits ? Environment.ProcessorCount : 1;
        if (workers == 1 || runs * run < workers * 4)
        {
            var local = stackalloc Vector256<T>[scratch];
            Sweep(state, positions, op, 0, runs * run, run, width, local);
            return;
        }
        var total = runs * run;
        var chunks = workers * 4;
        var basePtr = (nint)state;
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = workers }, chunk =>
        {
            var from = total * chunk / chunks;
            var to = total * (chunk + 1) / chunks;
            var local = stackalloc Vector256<T>[scratch];
            Sweep((T*)basePtr, positions, op, from, to, run, width, local);
        });
    }

    // Full optimisation from the first call: tier-0 code of this loop is several times slower than the memory bound.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Sweep<T, TOp>(T* state, int[] positions, TOp op, long from, long to, long run, int width, Vector256<T>* scratch)
        where T : unmanaged where TOp : struct, IBlockOperator<T>
    {
        var j = from;
        while (j < to)
        {
            // run is a power of two: the current run ends at the next multiple of it.
            var stop = Math.Min(to, (j | (run - 1)) + 1);
            var vector = Insert(j, positions);
            var p = state + vector * width;
            for (var end = p + (stop - j) * width; p < end; p += width) op.Apply(p, scratch);
            j = stop;
        }
    }

    /// <summary>Spreads a compact block index into a vector index with zeros at the given (ascending) bit positions.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Insert(long index, ReadOnlySpan<int> positions)
    {
        foreach (var bit in positions)
        {
            var low = index & ((1L << bit) - 1);
            index = ((index - low) << 1) | low;
        }
        return index;
    }
}
