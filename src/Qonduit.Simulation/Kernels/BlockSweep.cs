using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Qonduit.Simulation.State;

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
/// indices with the high target bits cleared, visited in increasing order (so each stream moves forward through memory),
/// split across cores above
/// 2^<see cref="ParallelThresholdQubits"/> amplitudes.
/// </summary>
[SkipLocalsInit]
internal static unsafe class BlockSweep
{
    /// <summary>Below this many amplitudes a pass is too short to repay waking another core.</summary>
    public const int ParallelThresholdQubits = 15;

    /// <param name="highTargets">amplitude bit positions ≥ lane bits, sorted ascending.</param>
    public static void Run<T, TOp>(T* state, StateLayout layout, int numQubits, ReadOnlySpan<int> highTargets, TOp op, bool parallel)
        where T : unmanaged where TOp : struct, IBlockOperator<T>
    {
        var laneBits = SimdOps<T>.LaneBits;
        var blocks = 1L << (numQubits - laneBits - highTargets.Length);
        var holes = 0L;
        foreach (var target in highTargets) holes |= 1L << (target - laneBits);
        var scratch = Math.Max(1, op.ScratchVectors);
        var workers = parallel && numQubits >= ParallelThresholdQubits ? Environment.ProcessorCount : 1;
        if (workers == 1 || blocks < workers * 4)
        {
            var local = stackalloc Vector256<T>[scratch];
            Sweep(state, layout, holes, op, 0, blocks, local);
            return;
        }
        var chunks = workers * 4;
        var basePtr = (nint)state;
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = workers }, chunk =>
        {
            var local = stackalloc Vector256<T>[scratch];
            Sweep((T*)basePtr, layout, holes, op, blocks * chunk / chunks, blocks * (chunk + 1) / chunks, local);
        });
    }

    // Full optimisation from the first call: tier-0 code of this loop is several times slower than the memory bound.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Sweep<T, TOp>(T* state, StateLayout layout, long holes, TOp op, long from, long to, Vector256<T>* scratch)
        where T : unmanaged where TOp : struct, IBlockOperator<T>
    {
        var laneBits = SimdOps<T>.LaneBits;
        var vector = Deposit(from, holes);
        for (var j = from; j < to; j++)
        {
            op.Apply(state + 2 * layout.Position(vector << laneBits), scratch);
            // The next vector index with the target bits clear: carry through them, then clear them again.
            vector = ((vector | holes) + 1) & ~holes;
        }
    }

    /// <summary>The <paramref name="index"/>-th vector index whose bits under <paramref name="holes"/> are zero.</summary>
    public static long Deposit(long index, long holes)
    {
        var vector = 0L;
        for (var bit = 0; index != 0; bit++)
        {
            if ((holes >> bit & 1) != 0) continue;
            vector |= (index & 1) << bit;
            index >>= 1;
        }
        return vector;
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
