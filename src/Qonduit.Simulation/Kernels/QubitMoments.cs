using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Qonduit.Simulation.State;

namespace Qonduit.Simulation.Kernels;

/// <summary>
/// One read pass for a qubit's reduced density matrix: Σ|a₀|², Σ|a₁|² and Σ a₀·conj(a₁) over amplitude pairs that
/// differ only in that qubit. Measurement and one-qubit channels need nothing more. Pairs are summed in fixed chunks
/// in a fixed order, so the answer does not depend on the number of cores.
/// </summary>
[SkipLocalsInit]
internal static unsafe class QubitMoments
{
    private const int ChunkVectorBits = 12;

    public static (double P0, double P1, Complex Coherence) Compute<T>(T* state, StateLayout layout, int numQubits, int qubit, bool parallel) where T : unmanaged
    {
        var laneBits = SimdOps<T>.LaneBits;
        if (!SimdOps<T>.IsAccelerated || numQubits <= laneBits) return Scalar(state, layout, numQubits, qubit);
        // Index space: vectors with the qubit's vector bit cleared (qubit above the lanes) or all vectors (inside them).
        var inside = qubit < laneBits;
        var vectorBits = numQubits - laneBits - (inside ? 0 : 1);
        var chunkBits = Math.Min(vectorBits, ChunkVectorBits);
        var chunks = 1 << (vectorBits - chunkBits);
        var partial = new double[chunks * 4];
        var data = (nint)state;
        void Chunk(int c)
        {
            var sums = inside
                ? Inside((T*)data, layout, qubit, (long)c << chunkBits, 1L << chunkBits)
                : Across((T*)data, layout, qubit - laneBits, (long)c << chunkBits, 1L << chunkBits);
            sums.CopyTo(partial.AsSpan(4 * c, 4));
        }
        if (parallel && numQubits >= BlockSweep.ParallelThresholdQubits) Parallel.For(0, chunks, Chunk);
        else for (var c = 0; c < chunks; c++) Chunk(c);
        double p0 = 0, p1 = 0, re = 0, im = 0;
        for (var c = 0; c < chunks; c++)
        {
            p0 += partial[4 * c];
            p1 += partial[4 * c + 1];
            re += partial[4 * c + 2];
            im += partial[4 * c + 3];
        }
        return (p0, p1, new Complex(re, im));
    }

    /// <summary>Qubit above the lanes: vector pairs (x₀ at j, x₁ one qubit-stride later).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double[] Across<T>(T* state, StateLayout layout, int bit, long from, long count) where T : unmanaged
    {
        var laneBits = SimdOps<T>.LaneBits;
        var stride = 2 * layout.Position(1L << (bit + laneBits));
        Vector256<T> a0 = default, a1 = default, cr = default, ci = default;
        for (var j = from; j < from + count; j++)
        {
            var low = j & ((1L << bit) - 1);
            var p = state + 2 * layout.Position((((j - low) << 1) | low) << laneBits);
            var x0 = Vector256.Load(p);
            var x1 = Vector256.Load(p + stride);
            Accumulate(x0, x1, ref a0, ref a1, ref cr, ref ci);
        }
        return Finish(a0, a1, cr, ci);
    }

    /// <summary>Qubit inside the lanes: each vector holds both halves; masks pick the lanes where the qubit is 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double[] Inside<T>(T* state, StateLayout layout, int qubit, long from, long count) where T : unmanaged
    {
        var width = SimdOps<T>.Width;
        var zeroLanes = new T[width];
        for (var e = 0; e < width; e++) zeroLanes[e] = SimdOps<T>.FromDouble((e / 2 >> qubit & 1) == 0 ? 1 : 0);
        var mask = Vector256.Create<T>(zeroLanes);
        Vector256<T> a0 = default, a1 = default, cr = default, ci = default;
        for (var j = from; j < from + count; j++)
        {
            var x = Vector256.Load(state + 2 * layout.Position(j << SimdOps<T>.LaneBits));
            var partner = SimdOps<T>.XorLanes(x, 1 << qubit);
            // Lanes with the qubit at 0 contribute x as a₀ and the partner as a₁; the others are counted from their partner.
            Accumulate(x * mask, partner * mask, ref a0, ref a1, ref cr, ref ci);
        }
        return Finish(a0, a1, cr, ci);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate<T>(Vector256<T> x0, Vector256<T> x1, ref Vector256<T> a0, ref Vector256<T> a1, ref Vector256<T> cr, ref Vector256<T> ci)
        where T : unmanaged
    {
        a0 = SimdOps<T>.MultiplyAdd(x0, x0, a0);
        a1 = SimdOps<T>.MultiplyAdd(x1, x1, a1);
        cr = SimdOps<T>.MultiplyAdd(x0, x1, cr);
        ci = SimdOps<T>.MultiplyAdd(x0, SimdOps<T>.SwapReIm(x1), ci);
    }

    /// <summary>Sums lanes; the coherence's imaginary part i₀r₁ − r₀i₁ is the odd elements minus the even ones.</summary>
    private static double[] Finish<T>(Vector256<T> a0, Vector256<T> a1, Vector256<T> cr, Vector256<T> ci) where T : unmanaged
    {
        double imaginary = 0;
        for (var e = 0; e < Vector256<T>.Count; e++) imaginary += (e % 2 == 1 ? 1 : -1) * SimdOps<T>.ToDouble(ci[e]);
        double Sum(Vector256<T> v)
        {
            double s = 0;
            for (var e = 0; e < Vector256<T>.Count; e++) s += SimdOps<T>.ToDouble(v[e]);
            return s;
        }
        return [Sum(a0), Sum(a1), Sum(cr), imaginary];
    }

    private static (double, double, Complex) Scalar<T>(T* state, StateLayout layout, int numQubits, int qubit) where T : unmanaged
    {
        double p0 = 0, p1 = 0;
        var coherence = Complex.Zero;
        for (long i = 0; i < 1L << numQubits; i++)
        {
            if ((i >> qubit & 1) != 0) continue;
            var a0 = ScalarKernels.Read(state, layout, i);
            var a1 = ScalarKernels.Read(state, layout, i | 1L << qubit);
            p0 += a0.Real * a0.Real + a0.Imaginary * a0.Imaginary;
            p1 += a1.Real * a1.Real + a1.Imaginary * a1.Imaginary;
            coherence += a0 * Complex.Conjugate(a1);
        }
        return (p0, p1, coherence);
    }
}
