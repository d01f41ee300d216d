using System.Numerics;

namespace Qonduit.Transpiler.Synthesis;

/// <summary>Helpers over 2×2 unitaries stored row-major as four complex numbers (the library's 1q convention).</summary>
internal static class Unitary2
{
    public static Complex[] Rz(double angle) =>
        [Complex.FromPolarCoordinates(1, -angle / 2), 0, 0, Complex.FromPolarCoordinates(1, angle / 2)];

    public static Complex[] Ry(double angle)
    {
        var (c, s) = (Math.Cos(angle / 2), Math.Sin(angle / 2));
        return [c, -s, s, c];
    }

    public static readonly Complex[] Sx = [new(0.5, 0.5), new(0.5, -0.5), new(0.5, -0.5), new(0.5, 0.5)];

    public static readonly Complex[] X = [0, 1, 1, 0];

    /// <summary>a·b: b acts first.</summary>
    public static Complex[] Mul(Complex[] a, Complex[] b) =>
    [
        a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
    ];

    public static Complex[] Adjoint(Complex[] a) =>
        [Complex.Conjugate(a[0]), Complex.Conjugate(a[2]), Complex.Conjugate(a[1]), Complex.Conjugate(a[3])];

    public static Complex[] Scale(Complex[] a, Complex factor) => [a[0] * factor, a[1] * factor, a[2] * factor, a[3] * factor];

    public static bool IsIdentityUpToPhase(Complex[] a, double tolerance = 1e-9) =>
        Complex.Abs(a[1]) < tolerance && Complex.Abs(a[2]) < tolerance && Complex.Abs(a[0] - a[3]) < tolerance;

    /// <summary>The phase φ with a = e^{iφ}·b, assuming a and b agree up to a phase.</summary>
    public static double PhaseBetween(ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> b)
    {
        var overlap = Complex.Zero;
        for (var i = 0; i < a.Length; i++) overlap += Complex.Conjugate(b[i]) * a[i];
        return overlap.Phase;
    }

    /// <summary>A square root of a unitary: eigenvalues replaced by their principal roots.</summary>
    public static Complex[] Sqrt(Complex[] u)
    {
        var half = (u[0] + u[3]) / 2;
        var det = u[0] * u[3] - u[1] * u[2];
        var disc = Complex.Sqrt(half * half - det);
        var (l1, l2) = (half + disc, half - disc);
        if (Complex.Abs(l1 - l2) < 1e-12) return Scale([1, 0, 0, 1], Complex.Sqrt(l1));
        // Spectral projectors P1 = (U - l2)/(l1 - l2), P2 = (U - l1)/(l2 - l1).
        var (s1, s2) = (Complex.Sqrt(l1), Complex.Sqrt(l2));
        var result = new Complex[4];
        for (var i = 0; i < 4; i++)
        {
            var identity = i is 0 or 3 ? Complex.One : Complex.Zero;
            result[i] = s1 * (u[i] - l2 * identity) / (l1 - l2) + s2 * (u[i] - l1 * identity) / (l2 - l1);
        }
        return result;
    }
}
