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

/// <summary>
/// A dense k-qubit matrix. Inputs are the block's vectors and their lane permutations (for targets inside a vector);
/// each output vector is Σ coefficient ⊙ input over all of them. Two outputs at a time keep four FMA chains in flight.
/// </summary>
internal readonly unsafe struct DenseOperator<T>(Vector256<T>* coefficients, int* offsets, int streams, int* laneMasks, int permutations)
    : IBlockOperator<T> where T : unmanaged
{
    public int ScratchVectors => 2 * streams * permutations;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(T* block, Vector256<T>* scratch)
    {
        var inputs = streams * permutations;
        for (var h = 0; h < streams; h++)
        {
            var x = Vector256.Load(block + offsets[h]);
            for (var d = 0; d < permutations; d++)
            {
                var permuted = SimdOps<T>.XorLanes(x, laneMasks[d]);
                scratch[2 * (h * permutations + d)] = permuted;
                scratch[2 * (h * permutations + d) + 1] = SimdOps<T>.SwapReIm(permuted);
            }
        }
        var row = 0;
        // Four outputs at a time: eight independent FMA chains hide the FMA latency, and each input load serves four rows.
        for (; row + 3 < streams; row += 4)
        {
            var c0 = coefficients + 2 * row * inputs;
            var c1 = c0 + 2 * inputs;
            var c2 = c1 + 2 * inputs;
            var c3 = c2 + 2 * inputs;
            Vector256<T> a0 = default, b0 = default, a1 = default, b1 = default, a2 = default, b2 = default, a3 = default, b3 = default;
            for (var i = 0; i < 2 * inputs; i += 2)
            {
                var x = scratch[i];
                var s = scratch[i + 1];
                a0 = SimdOps<T>.MultiplyAdd(c0[i], x, a0);
                b0 = SimdOps<T>.MultiplyAdd(c0[i + 1], s, b0);
                a1 = SimdOps<T>.MultiplyAdd(c1[i], x, a1);
                b1 = SimdOps<T>.MultiplyAdd(c1[i + 1], s, b1);
                a2 = SimdOps<T>.MultiplyAdd(c2[i], x, a2);
                b2 = SimdOps<T>.MultiplyAdd(c2[i + 1], s, b2);
                a3 = SimdOps<T>.MultiplyAdd(c3[i], x, a3);
                b3 = SimdOps<T>.MultiplyAdd(c3[i + 1], s, b3);
            }
            (a0 + b0).Store(block + offsets[row]);
            (a1 + b1).Store(block + offsets[row + 1]);
            (a2 + b2).Store(block + offsets[row + 2]);
            (a3 + b3).Store(block + offsets[row + 3]);
        }
        for (; row + 1 < streams; row += 2)
        {
            var c0 = coefficients + 2 * row * inputs;
            var c1 = c0 + 2 * inputs;
            Vector256<T> a0 = default, b0 = default, a1 = default, b1 = default;
            for (var i = 0; i < 2 * inputs; i += 2)
            {
                var x = scratch[i];
                var s = scratch[i + 1];
                a0 = SimdOps<T>.MultiplyAdd(c0[i], x, a0);
                b0 = SimdOps<T>.MultiplyAdd(c0[i + 1], s, b0);
                a1 = SimdOps<T>.MultiplyAdd(c1[i], x, a1);
                b1 = SimdOps<T>.MultiplyAdd(c1[i + 1], s, b1);
            }
            (a0 + b0).Store(block + offsets[row]);
            (a1 + b1).Store(block + offsets[row + 1]);
        }
        if (row < streams)
        {
            var c0 = coefficients + 2 * row * inputs;
            Vector256<T> a0 = default, b0 = default;
            for (var i = 0; i < 2 * inputs; i += 2)
            {
                a0 = SimdOps<T>.MultiplyAdd(c0[i], scratch[i], a0);
                b0 = SimdOps<T>.MultiplyAdd(c0[i + 1], scratch[i + 1], b0);
            }
            (a0 + b0).Store(block + offsets[row]);
        }
    }
}

/// <summary>
/// <see cref="DenseOperator{T}"/> over two blocks per call, the second <paramref name="pairOffset"/> elements after the
/// first (a vector bit outside the targets that the sweep treats as one more target): every coefficient loaded serves
/// two blocks, and four rows × two blocks keep eight FMA chains busy.
/// </summary>
internal readonly unsafe struct DensePairOperator<T>(Vector256<T>* coefficients, int* offsets, int streams, int* laneMasks, int permutations, int pairOffset)
    : IBlockOperator<T> where T : unmanaged
{
    public int ScratchVectors => 2 * streams * permutations;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(T* block, Vector256<T>* scratch)
    {
        var width = pairOffset;
        var inputs = streams * permutations;
        for (var h = 0; h < streams; h++)
        {
            var x0 = Vector256.Load(block + offsets[h]);
            var x1 = Vector256.Load(block + offsets[h] + width);
            for (var d = 0; d < permutations; d++)
            {
                scratch[2 * (h * permutations + d)] = SimdOps<T>.XorLanes(x0, laneMasks[d]);
                scratch[2 * (h * permutations + d) + 1] = SimdOps<T>.XorLanes(x1, laneMasks[d]);
            }
        }
        var row = 0;
        for (; row + 3 < streams; row += 4)
        {
            var c0 = coefficients + 2 * row * inputs;
            var c1 = c0 + 2 * inputs;
            var c2 = c1 + 2 * inputs;
            var c3 = c2 + 2 * inputs;
            Vector256<T> a0 = default, b0 = default, a1 = default, b1 = default, a2 = default, b2 = default, a3 = default, b3 = default;
            for (var i = 0; i < 2 * inputs; i += 2)
            {
                var x0 = scratch[i];
                var x1 = scratch[i + 1];
                var s0 = SimdOps<T>.SwapReIm(x0);
                var s1 = SimdOps<T>.SwapReIm(x1);
                a0 = SimdOps<T>.MultiplyAdd(c0[i + 1], s0, SimdOps<T>.MultiplyAdd(c0[i], x0, a0));
                b0 = SimdOps<T>.MultiplyAdd(c0[i + 1], s1, SimdOps<T>.MultiplyAdd(c0[i], x1, b0));
                a1 = SimdOps<T>.MultiplyAdd(c1[i + 1], s0, SimdOps<T>.MultiplyAdd(c1[i], x0, a1));
                b1 = SimdOps<T>.MultiplyAdd(c1[i + 1], s1, SimdOps<T>.MultiplyAdd(c1[i], x1, b1));
                a2 = SimdOps<T>.MultiplyAdd(c2[i + 1], s0, SimdOps<T>.MultiplyAdd(c2[i], x0, a2));
                b2 = SimdOps<T>.MultiplyAdd(c2[i + 1], s1, SimdOps<T>.MultiplyAdd(c2[i], x1, b2));
                a3 = SimdOps<T>.MultiplyAdd(c3[i + 1], s0, SimdOps<T>.MultiplyAdd(c3[i], x0, a3));
                b3 = SimdOps<T>.MultiplyAdd(c3[i + 1], s1, SimdOps<T>.MultiplyAdd(c3[i], x1, b3));
            }
            Store(block, row, a0, b0);
            Store(block, row + 1, a1, b1);
            Store(block, row + 2, a2, b2);
            Store(block, row + 3, a3, b3);
        }
        for (; row < streams; row++)
        {
            var c0 = coefficients + 2 * row * inputs;
            Vector256<T> a0 = default, b0 = default, a1 = default, b1 = default;
            for (var i = 0; i < 2 * inputs; i += 2)
            {
                a0 = SimdOps<T>.MultiplyAdd(c0[i], scratch[i], a0);
                a1 = SimdOps<T>.MultiplyAdd(c0[i + 1], SimdOps<T>.SwapReIm(scratch[i]), a1);
                b0 = SimdOps<T>.MultiplyAdd(c0[i], scratch[i + 1], b0);
                b1 = SimdOps<T>.MultiplyAdd(c0[i + 1], SimdOps<T>.SwapReIm(scratch[i + 1]), b1);
            }
            Store(block, row, a0 + a1, b0 + b1);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Store(T* block, int row, Vector256<T> first, Vector256<T> second)
    {
        first.Store(block + offsets[row]);
        second.Store(block + offsets[row] + pairOffset);
    }
}
