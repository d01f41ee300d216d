using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Qonduit.Simulation.Kernels;

// Coefficients are pairs of vectors per complex entry: (re, re, ...) and (-im, im, ...), so that
// c·x = re ⊙ x + im' ⊙ swap(x) is two FMAs on interleaved amplitudes. Each lane may carry its own entry.

/// <summary>A general 2×2 matrix on a target above the lane bits: the classic paired update, two streams.</summary>
internal readonly unsafe struct SingleQubitOperator<T>(Vector256<T>* coefficients, int offset) : IBlockOperator<T> where T : unmanaged
{
    public int ScratchVectors => 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(T* block, Vector256<T>* scratch)
    {
        var c = coefficients;
        var x0 = Vector256.Load(block);
        var x1 = Vector256.Load(block + offset);
        var s0 = SimdOps<T>.SwapReIm(x0);
        var s1 = SimdOps<T>.SwapReIm(x1);
        var y0 = SimdOps<T>.MultiplyAdd(c[0], x0, c[1] * s0);
        var y1 = SimdOps<T>.MultiplyAdd(c[4], x0, c[5] * s0);
        y0 = SimdOps<T>.MultiplyAdd(c[2], x1, SimdOps<T>.MultiplyAdd(c[3], s1, y0));
        y1 = SimdOps<T>.MultiplyAdd(c[6], x1, SimdOps<T>.MultiplyAdd(c[7], s1, y1));
        y0.Store(block);
        y1.Store(block + offset);
    }
}

/// <summary>A 2×2 matrix on a qubit inside the vector: each lane mixes with its partner lane, one stream, per-lane coefficients.</summary>
internal readonly unsafe struct SingleLaneOperator<T>(Vector256<T>* coefficients, int laneMask) : IBlockOperator<T> where T : unmanaged
{
    public int ScratchVectors => 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(T* block, Vector256<T>* scratch)
    {
        var c = coefficients;
        var x = Vector256.Load(block);
        var p = SimdOps<T>.XorLanes(x, laneMask);
        var y = SimdOps<T>.MultiplyAdd(c[0], x, c[1] * SimdOps<T>.SwapReIm(x));
        SimdOps<T>.MultiplyAdd(c[2], p, SimdOps<T>.MultiplyAdd(c[3], SimdOps<T>.SwapReIm(p), y)).Store(block);
    }
}

/// <summary>A diagonal matrix: every amplitude is scaled once, in place, by the entry its target bits select.</summary>
internal readonly unsafe struct DiagonalOperator<T>(Vector256<T>* coefficients, int* offsets, int streams) : IBlockOperator<T> where T : unmanaged
{
    public int ScratchVectors => 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(T* block, Vector256<T>* scratch)
    {
        for (var h = 0; h < streams; h++)
        {
            var p = block + offsets[h];
            var x = Vector256.Load(p);
            SimdOps<T>.MultiplyAdd(coefficients[2 * h], x, coefficients[2 * h + 1] * SimdOps<T>.SwapReIm(x)).Store(p);
        }
    }
}

/// <summary>A permutation without phases (x, cx, swap, ccx on targets above the lane bits): vectors move, no arithmetic.</summary>
internal readonly unsafe struct MoveOperator<T>(int* offsets, int* sources, int streams) : IBlockOperator<T> where T : unmanaged
{
    public int ScratchVectors => streams;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(T* block, Vector256<T>* scratch)
    {
        for (var h = 0; h < streams; h++) scratch[h] = Vector256.Load(block + offsets[h]);
        for (var h = 0; h < streams; h++) scratch[sources[h]].Store(block + offsets[h]);
    }
}
