using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Qonduit.Simulation.Kernels;

// Dense coefficients are pairs of real broadcasts per complex entry c and lane: (re c, re c, ...) and (im c, im c, ...).
// An output is then A + i·B with A = Σ re(c) ⊙ x and B = Σ im(c) ⊙ x over the inputs x: one FMA per pair
// (coefficient, input) and part, and a single swap per output (SimdOps.Combine) instead of one per input.
// Inputs are the block's vectors, each followed by its lane permutations when targets sit inside a vector.

/// <summary>
/// A dense 3-qubit matrix, the fused block of the reference circuits: all eight inputs live in registers and every
/// output is sixteen FMAs on them, two outputs at a time (four independent FMA chains). A block has 8 / permutations
/// vectors (one per pattern of the high targets) with 1, 2 or 4 lane permutations each (0, 1 or 2 targets in a vector).
/// </summary>
internal readonly unsafe struct Dense3Operator<T>(Vector256<T>* coefficients, int* offsets, int permutations, int* laneMasks)
    : IBlockOperator<T> where T : unmanaged
{
    public int ScratchVectors => 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(T* block, Vector256<T>* scratch)
    {
        Vector256<T> x0, x1, x2, x3, x4, x5, x6, x7;
        if (permutations == 1)
        {
            x0 = Vector256.Load(block + offsets[0]);
            x1 = Vector256.Load(block + offsets[1]);
            x2 = Vector256.Load(block + offsets[2]);
            x3 = Vector256.Load(block + offsets[3]);
            x4 = Vector256.Load(block + offsets[4]);
            x5 = Vector256.Load(block + offsets[5]);
            x6 = Vector256.Load(block + offsets[6]);
            x7 = Vector256.Load(block + offsets[7]);
        }
        else if (permutations == 2)
        {
            var mask = laneMasks[1];
            x0 = Vector256.Load(block + offsets[0]);
            x1 = SimdOps<T>.XorLanes(x0, mask);
            x2 = Vector256.Load(block + offsets[1]);
            x3 = SimdOps<T>.XorLanes(x2, mask);
            x4 = Vector256.Load(block + offsets[2]);
            x5 = SimdOps<T>.XorLanes(x4, mask);
            x6 = Vector256.Load(block + offsets[3]);
            x7 = SimdOps<T>.XorLanes(x6, mask);
        }
        else
        {
            // Two targets inside a vector of four lanes (single precision): the masks are 1, 2 and 3 in that order.
            x0 = Vector256.Load(block + offsets[0]);
            x1 = SimdOps<T>.XorLanes(x0, 1);
            x2 = SimdOps<T>.XorLanes(x0, 2);
            x3 = SimdOps<T>.XorLanes(x1, 2);
            x4 = Vector256.Load(block + offsets[1]);
            x5 = SimdOps<T>.XorLanes(x4, 1);
            x6 = SimdOps<T>.XorLanes(x4, 2);
            x7 = SimdOps<T>.XorLanes(x5, 2);
        }
        var outputs = 8 / permutations;
        for (var row = 0; row < outputs; row += 2)
        {
            var c = coefficients + 16 * row;
            var a0 = c[0] * x0;
            var b0 = c[1] * x0;
            var a1 = c[16] * x0;
            var b1 = c[17] * x0;
            a0 = SimdOps<T>.MultiplyAdd(c[2], x1, a0);
            b0 = SimdOps<T>.MultiplyAdd(c[3], x1, b0);
            a1 = SimdOps<T>.MultiplyAdd(c[18], x1, a1);
            b1 = SimdOps<T>.MultiplyAdd(c[19], x1, b1);
            a0 = SimdOps<T>.MultiplyAdd(c[4], x2, a0);
            b0 = SimdOps<T>.MultiplyAdd(c[5], x2, b0);
            a1 = SimdOps<T>.MultiplyAdd(c[20], x2, a1);
            b1 = SimdOps<T>.MultiplyAdd(c[21], x2, b1);
            a0 = SimdOps<T>.MultiplyAdd(c[6], x3, a0);
            b0 = SimdOps<T>.MultiplyAdd(c[7], x3, b0);
            a1 = SimdOps<T>.MultiplyAdd(c[22], x3, a1);
            b1 = SimdOps<T>.MultiplyAdd(c[23], x3, b1);
            a0 = SimdOps<T>.MultiplyAdd(c[8], x4, a0);
            b0 = SimdOps<T>.MultiplyAdd(c[9], x4, b0);
            a1 = SimdOps<T>.MultiplyAdd(c[24], x4, a1);
            b1 = SimdOps<T>.MultiplyAdd(c[25], x4, b1);
            a0 = SimdOps<T>.MultiplyAdd(c[10], x5, a0);
            b0 = SimdOps<T>.MultiplyAdd(c[11], x5, b0);
            a1 = SimdOps<T>.MultiplyAdd(c[26], x5, a1);
            b1 = SimdOps<T>.MultiplyAdd(c[27], x5, b1);
            a0 = SimdOps<T>.MultiplyAdd(c[12], x6, a0);
            b0 = SimdOps<T>.MultiplyAdd(c[13], x6, b0);
            a1 = SimdOps<T>.MultiplyAdd(c[28], x6, a1);
            b1 = SimdOps<T>.MultiplyAdd(c[29], x6, b1);
            a0 = SimdOps<T>.MultiplyAdd(c[14], x7, a0);
            b0 = SimdOps<T>.MultiplyAdd(c[15], x7, b0);
            a1 = SimdOps<T>.MultiplyAdd(c[30], x7, a1);
            b1 = SimdOps<T>.MultiplyAdd(c[31], x7, b1);
            SimdOps<T>.Combine(a0, b0).Store(block + offsets[row]);
            SimdOps<T>.Combine(a1, b1).Store(block + offsets[row + 1]);
        }
    }
}

/// <summary>A dense 2-qubit matrix: <see cref="Dense3Operator{T}"/> with four inputs (a block of 4, 2 or 1 vectors).</summary>
internal readonly unsafe struct Dense2Operator<T>(Vector256<T>* coefficients, int* offsets, int permutations, int* laneMasks)
    : IBlockOperator<T> where T : unmanaged
{
    public int ScratchVectors => 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(T* block, Vector256<T>* scratch)
    {
        Vector256<T> x0, x1, x2, x3;
        if (permutations == 1)
        {
            x0 = Vector256.Load(block + offsets[0]);
            x1 = Vector256.Load(block + offsets[1]);
            x2 = Vector256.Load(block + offsets[2]);
            x3 = Vector256.Load(block + offsets[3]);
        }
        else if (permutations == 2)
        {
            x0 = Vector256.Load(block + offsets[0]);
            x1 = SimdOps<T>.XorLanes(x0, laneMasks[1]);
            x2 = Vector256.Load(block + offsets[1]);
            x3 = SimdOps<T>.XorLanes(x2, laneMasks[1]);
        }
        else
        {
            x0 = Vector256.Load(block);
            x1 = SimdOps<T>.XorLanes(x0, 1);
            x2 = SimdOps<T>.XorLanes(x0, 2);
            x3 = SimdOps<T>.XorLanes(x1, 2);
        }
        var outputs = 4 / permutations;
        for (var row = 0; row < outputs; row++)
        {
            var c = coefficients + 8 * row;
            var a = c[0] * x0;
            var b = c[1] * x0;
            var a1 = c[2] * x1;
            var b1 = c[3] * x1;
            a = SimdOps<T>.MultiplyAdd(c[4], x2, a);
            b = SimdOps<T>.MultiplyAdd(c[5], x2, b);
            a1 = SimdOps<T>.MultiplyAdd(c[6], x3, a1);
            b1 = SimdOps<T>.MultiplyAdd(c[7], x3, b1);
            SimdOps<T>.Combine(a + a1, b + b1).Store(block + offsets[row]);
        }
    }
}

/// <summary>
/// A dense matrix of any size: the inputs (vectors and lane permutations) are gathered into scratch, then each input
/// feeds four outputs at a time (eight FMA chains), one scratch load per eight coefficient loads.
/// </summary>
internal readonly unsafe struct DenseOperator<T>(Vector256<T>* coefficients, int* offsets, int streams, int* laneMasks, int permutations)
    : IBlockOperator<T> where T : unmanaged
{
    public int ScratchVectors => streams * permutations;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(T* block, Vector256<T>* scratch)
    {
        var inputs = streams * permutations;
        for (var h = 0; h < streams; h++)
        {
            var x = Vector256.Load(block + offsets[h]);
            for (var d = 0; d < permutations; d++) scratch[h * permutations + d] = SimdOps<T>.XorLanes(x, laneMasks[d]);
        }
        var row = 0;
        for (; row + 3 < streams; row += 4)
        {
            var c0 = coefficients + 2 * row * inputs;
            var c1 = c0 + 2 * inputs;
            var c2 = c1 + 2 * inputs;
            var c3 = c2 + 2 * inputs;
            Vector256<T> a0 = default, b0 = default, a1 = default, b1 = default, a2 = default, b2 = default, a3 = default, b3 = default;
            for (var i = 0; i < inputs; i++)
            {
                var x = scratch[i];
                a0 = SimdOps<T>.MultiplyAdd(c0[2 * i], x, a0);
                b0 = SimdOps<T>.MultiplyAdd(c0[2 * i + 1], x, b0);
                a1 = SimdOps<T>.MultiplyAdd(c1[2 * i], x, a1);
                b1 = SimdOps<T>.MultiplyAdd(c1[2 * i + 1], x, b1);
                a2 = SimdOps<T>.MultiplyAdd(c2[2 * i], x, a2);
                b2 = SimdOps<T>.MultiplyAdd(c2[2 * i + 1], x, b2);
                a3 = SimdOps<T>.MultiplyAdd(c3[2 * i], x, a3);
                b3 = SimdOps<T>.MultiplyAdd(c3[2 * i + 1], x, b3);
            }
            SimdOps<T>.Combine(a0, b0).Store(block + offsets[row]);
            SimdOps<T>.Combine(a1, b1).Store(block + offsets[row + 1]);
            SimdOps<T>.Combine(a2, b2).Store(block + offsets[row + 2]);
            SimdOps<T>.Combine(a3, b3).Store(block + offsets[row + 3]);
        }
        for (; row < streams; row++)
        {
            var c0 = coefficients + 2 * row * inputs;
            Vector256<T> a0 = default, b0 = default, a1 = default, b1 = default;
            var i = 0;
            for (; i + 1 < inputs; i += 2)
            {
                a0 = SimdOps<T>.MultiplyAdd(c0[2 * i], scratch[i], a0);
                b0 = SimdOps<T>.MultiplyAdd(c0[2 * i + 1], scratch[i], b0);
                a1 = SimdOps<T>.MultiplyAdd(c0[2 * i + 2], scratch[i + 1], a1);
                b1 = SimdOps<T>.MultiplyAdd(c0[2 * i + 3], scratch[i + 1], b1);
            }
            if (i < inputs)
            {
                a0 = SimdOps<T>.MultiplyAdd(c0[2 * i], scratch[i], a0);
                b0 = SimdOps<T>.MultiplyAdd(c0[2 * i + 1], scratch[i], b0);
            }
            SimdOps<T>.Combine(a0 + a1, b0 + b1).Store(block + offsets[row]);
        }
    }
}
