using System.Numerics;
using Qonduit.Simulation.State;

namespace Qonduit.Simulation.Kernels;

/// <summary>
/// The reference implementation: a k-qubit matrix applied by gathering 2^k amplitudes, multiplying in double and
/// scattering back. It runs states smaller than one vector and machines without AVX2/FMA, and it is the oracle the
/// SIMD kernels are tested against.
/// </summary>
internal static unsafe class ScalarKernels
{
    public static void Apply<T>(T* state, StateLayout layout, int numQubits, ReadOnlySpan<int> targets, ReadOnlySpan<Complex> matrix) where T : unmanaged
    {
        var k = targets.Length;
        var dimension = 1 << k;
        Span<long> offsets = stackalloc long[dimension];
        for (var g = 0; g < dimension; g++)
        {
            long offset = 0;
            for (var j = 0; j < k; j++) if ((g >> j & 1) != 0) offset |= 1L << targets[j];
            offsets[g] = offset;
        }
        Span<int> sorted = stackalloc int[k];
        targets.CopyTo(sorted);
        sorted.Sort();
        Span<Complex> input = stackalloc Complex[dimension];
        var blocks = 1L << (numQubits - k);
        for (long b = 0; b < blocks; b++)
        {
            var baseIndex = b;
            foreach (var bit in sorted)
            {
                var low = baseIndex & ((1L << bit) - 1);
                baseIndex = ((baseIndex - low) << 1) | low;
            }
            for (var g = 0; g < dimension; g++) input[g] = Read(state, layout, baseIndex + offsets[g]);
            for (var row = 0; row < dimension; row++)
            {
                var sum = Complex.Zero;
                for (var column = 0; column < dimension; column++) sum += matrix[row * dimension + column] * input[column];
                Write(state, layout, baseIndex + offsets[row], sum);
            }
        }
    }

    public static Complex Read<T>(T* state, StateLayout layout, long index) where T : unmanaged
    {
        var p = state + 2 * layout.Position(index);
        return new(SimdOps<T>.ToDouble(p[0]), SimdOps<T>.ToDouble(p[1]));
    }

    public static void Write<T>(T* state, StateLayout layout, long index, Complex value) where T : unmanaged
    {
        var p = state + 2 * layout.Position(index);
        p[0] = SimdOps<T>.FromDouble(value.Real);
        p[1] = SimdOps<T>.FromDouble(value.Imaginary);
    }
}
