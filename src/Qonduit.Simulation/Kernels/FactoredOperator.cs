using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Qonduit.Simulation.Kernels;

/// <summary>
/// A 3-qubit fused block applied as its factors (see <see cref="Fusion.BlockFactors"/>), every target above the lane
/// bits: the block's eight vectors are loaded into registers in the order the leading permutations leave them,
/// each 2×2 update (at most one per target, so they commute) runs over the four register pairs of its target bit,
/// and the stores take the trailing permutations' order. Coefficients per update as in <see cref="SingleQubitOperator{T}"/>.
/// </summary>
/// <param name="loads">register r is loaded from <c>block + loads[r]</c>.</param>
/// <param name="stores">register r is stored to <c>block + stores[r]</c>.</param>
/// <param name="bits">per update, the register bit (0, 1 or 2) it acts on.</param>
internal readonly unsafe struct FactoredOperator<T>(Vector256<T>* coefficients, int* loads, int* stores, int* bits, int updates)
    : IBlockOperator<T> where T : unmanaged
{
    public int ScratchVectors => 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(T* block, Vector256<T>* scratch)
    {
        var x0 = Vector256.Load(block + loads[0]);
        var x1 = Vector256.Load(block + loads[1]);
        var x2 = Vector256.Load(block + loads[2]);
        var x3 = Vector256.Load(block + loads[3]);
        var x4 = Vector256.Load(block + loads[4]);
        var x5 = Vector256.Load(block + loads[5]);
        var x6 = Vector256.Load(block + loads[6]);
        var x7 = Vector256.Load(block + loads[7]);
        var c = coefficients;
        for (var u = 0; u < updates; u++, c += 8)
        {
            switch (bits[u])
            {
                case 0:
                    Update(ref x0, ref x1, c);
                    Update(ref x2, ref x3, c);
                    Update(ref x4, ref x5, c);
                    Update(ref x6, ref x7, c);
                    break;
                case 1:
                    Update(ref x0, ref x2, c);
                    Update(ref x1, ref x3, c);
                    Update(ref x4, ref x6, c);
                    Update(ref x5, ref x7, c);
                    break;
                default:
                    Update(ref x0, ref x4, c);
                    Update(ref x1, ref x5, c);
                    Update(ref x2, ref x6, c);
                    Update(ref x3, ref x7, c);
                    break;
            }
        }
        x0.Store(block + stores[0]);
        x1.Store(block + stores[1]);
        x2.Store(block + stores[2]);
        x3.Store(block + stores[3]);
        x4.Store(block + stores[4]);
        x5.Store(block + stores[5]);
        x6.Store(block + stores[6]);
        x7.Store(block + stores[7]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Update(ref Vector256<T> zero, ref Vector256<T> one, Vector256<T>* c)
    {
        var (x0, x1) = (zero, one);
        var s0 = SimdOps<T>.SwapReIm(x0);
        var s1 = SimdOps<T>.SwapReIm(x1);
        zero = SimdOps<T>.MultiplyAdd(c[2], x1, SimdOps<T>.MultiplyAdd(c[3], s1, SimdOps<T>.MultiplyAdd(c[0], x0, c[1] * s0)));
        one = SimdOps<T>.MultiplyAdd(c[6], x1, SimdOps<T>.MultiplyAdd(c[7], s1, SimdOps<T>.MultiplyAdd(c[4], x0, c[5] * s0)));
    }
}
