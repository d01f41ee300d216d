using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Qonduit.Simulation.Kernels;

/// <summary>
/// Vector256 helpers over interleaved complex amplitudes (re, im, re, im, ...) of float or double. A vector holds
/// 2^<see cref="LaneBits"/> complex lanes: 2 for double, 4 for float. `typeof(T)` tests are folded away by the JIT.
/// </summary>
internal static class SimdOps<T> where T : unmanaged
{
    public static readonly int LaneBits = typeof(T) == typeof(double) ? 1 : 2;

    public static int Lanes => 1 << LaneBits;

    /// <summary>Elements (scalars) per vector.</summary>
    public static int Width => Vector256<T>.Count;

    public static bool IsAccelerated => Vector256.IsHardwareAccelerated && Avx2.IsSupported && Fma.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> MultiplyAdd(Vector256<T> a, Vector256<T> b, Vector256<T> addend)
    {
        if (typeof(T) == typeof(double)) return Fma.MultiplyAdd(a.AsDouble(), b.AsDouble(), addend.AsDouble()).As<double, T>();
        return Fma.MultiplyAdd(a.AsSingle(), b.AsSingle(), addend.AsSingle()).As<float, T>();
    }

    /// <summary>(re, im) → (im, re) in every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> SwapReIm(Vector256<T> x)
    {
        if (typeof(T) == typeof(double)) return Avx.Permute(x.AsDouble(), 0b0101).As<double, T>();
        return Avx.Permute(x.AsSingle(), 0b10_11_00_01).As<float, T>();
    }

    /// <summary>A + i·B for interleaved A and B: (re A − im B, im A + re B) in every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Combine(Vector256<T> a, Vector256<T> b)
    {
        if (typeof(T) == typeof(double)) return Avx.AddSubtract(a.AsDouble(), SwapReIm(b).AsDouble()).As<double, T>();
        return Avx.AddSubtract(a.AsSingle(), SwapReIm(b).AsSingle()).As<float, T>();
    }

    /// <summary>Lane ℓ of the result is lane ℓ ^ <paramref name="d"/> of <paramref name="x"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> XorLanes(Vector256<T> x, int d)
    {
        if (d == 0) return x;
        if (typeof(T) == typeof(double)) return Avx2.Permute4x64(x.AsDouble(), 0b01_00_11_10).As<double, T>();
        var v = x.AsSingle();
        if ((d & 1) != 0) v = Avx.Permute(v, 0b01_00_11_10);
        if ((d & 2) != 0) v = Avx2.Permute4x64(v.AsDouble(), 0b01_00_11_10).AsSingle();
        return v.As<float, T>();
    }

    /// <summary>|x|² summed over the vector's elements, widened to double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SumOfSquares(Vector256<T> x)
    {
        if (typeof(T) == typeof(double)) return Vector256.Sum(x.AsDouble() * x.AsDouble());
        var (lower, upper) = Vector256.Widen(x.AsSingle());
        return Vector256.Sum(lower * lower + upper * upper);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T FromDouble(double value)
    {
        if (typeof(T) == typeof(double)) return Unsafe.As<double, T>(ref value);
        var single = (float)value;
        return Unsafe.As<float, T>(ref single);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ToDouble(T value) =>
        typeof(T) == typeof(double) ? Unsafe.As<T, double>(ref value) : Unsafe.As<T, float>(ref value);
}
