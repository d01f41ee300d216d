using System.Numerics;
using Qonduit.Circuits.Gates;

namespace Qonduit.Transpiler.Synthesis;

/// <summary>
/// The Weyl (KAK) machinery over 4×4 unitaries (little-endian: argument 0 is bit 0). In the magic (Bell) basis local
/// gates SU(2)⊗SU(2) become real rotations SO(4), so M = Uᵀ·U there is invariant under the right-hand locals and
/// its spectrum names U's local-equivalence class. Two unitaries with the same spectrum are joined by locals found by
/// diagonalising both Ms with real orthogonal matrices.
/// </summary>
internal static class LocalSolver
{
    private static readonly double Half = Math.Sqrt(0.5);

    /// <summary>The magic basis (columns are Bell states with phases that make local gates real).</summary>
    private static readonly Complex[] Magic =
    [
        Half, 0, 0, new(0, Half),
        0, new(0, Half), Half, 0,
        0, new(0, Half), -Half, 0,
        Half, 0, 0, new(0, -Half),
    ];

    private static readonly Complex[] MagicAdjoint = MatrixMath.Adjoint(Magic);

    /// <summary>Mixing weights of the real and imaginary parts tried until one separates every eigenvector.</summary>
    private static readonly double[] Mixes = [0.5773502691896258, 0.1387519325, 0.8412345678, 0.3183098862, 0.7071067812, 0.9137, 0.0421, 0.4411];

    /// <summary>U scaled into SU(4) (det 1) and written in the magic basis, and the diagonalisation of M = Ubᵀ·Ub.</summary>
    public sealed record Spectrum(Complex[] InMagic, double[] Vectors, Complex[] Values);

    public static Spectrum Of(Complex[] u)
    {
        var det = Determinant(u);
        var special = Scale(u, Complex.FromPolarCoordinates(1, -det.Phase / 4));
        var inMagic = MatrixMath.Multiply(MagicAdjoint, MatrixMath.Multiply(special, Magic));
        var m = MatrixMath.Multiply(Transpose(inMagic), inMagic);
        var (vectors, values) = Diagonalise(m);
        return new Spectrum(inMagic, vectors, values);
    }

    /// <summary>
    /// Locals with U = e^{iφ}·K1·V·K2 (K1 and K2 4×4 local gates) when U and V share a spectrum (up to the sign a
    /// different fourth root of the determinant gives); null when they do not.
    /// </summary>
    public static (Complex[] K1, Complex[] K2)? Join(Spectrum u, Spectrum v)
    {
        var (order, error) = Match(u.Values, v.Values, 1);
        var (negatedOrder, negatedError) = Match(u.Values, v.Values, -1);
        var vb = v.InMagic;
        if (negatedError < error)
        {
            (order, error) = (negatedOrder, negatedError);
            vb = Scale(vb, Complex.ImaginaryOne);
        }
        if (error > 1e-6) return null;
        var pu = u.Vectors;
        var pv = new double[16];
        for (var k = 0; k < 4; k++)
            for (var r = 0; r < 4; r++) pv[r * 4 + k] = v.Vectors[r * 4 + order[k]];
        if (Math.Sign(RealDeterminant(pu)) != Math.Sign(RealDeterminant(pv)))
            for (var r = 0; r < 4; r++) pv[r * 4] = -pv[r * 4];
        // Ub = L·Vb·R with R = Pv·Puᵀ and L = Ub·Pu·Pvᵀ·Vb†, both real orthogonal when the spectra match.
        var right = ToComplex(MultiplyTransposed(pv, pu));
        var left = MatrixMath.Multiply(u.InMagic, MatrixMath.Multiply(ToComplex(MultiplyTransposed(pu, pv)), MatrixMath.Adjoint(vb)));
        return (FromMagic(left), FromMagic(right));
    }

    public static Complex Determinant(Complex[] m)
    {
        var a = (Complex[])m.Clone();
        var det = Complex.One;
        for (var c = 0; c < 4; c++)
        {
            var pivot = c;
            for (var r = c + 1; r < 4; r++) if (a[r * 4 + c].Magnitude > a[pivot * 4 + c].Magnitude) pivot = r;
            if (a[pivot * 4 + c] == Complex.Zero) return Complex.Zero;
            if (pivot != c)
            {
                for (var k = 0; k < 4; k++) (a[c * 4 + k], a[pivot * 4 + k]) = (a[pivot * 4 + k], a[c * 4 + k]);
                det = -det;
            }
            det *= a[c * 4 + c];
            for (var r = c + 1; r < 4; r++)
            {
                var f = a[r * 4 + c] / a[c * 4 + c];
                for (var k = c; k < 4; k++) a[r * 4 + k] -= f * a[c * 4 + k];
            }
        }
        return det;
    }

    public static Complex[] Scale(Complex[] m, Complex factor)
    {
        var result = new Complex[m.Length];
        for (var i = 0; i < m.Length; i++) result[i] = m[i] * factor;
        return result;
    }

    /// <summary>
    /// M is complex symmetric and unitary, so its real and imaginary parts are commuting real symmetric matrices: one
    /// real orthogonal basis diagonalises both, found as the eigenvectors of a generic mix of the two.
    /// </summary>
    private static (double[] Vectors, Complex[] Values) Diagonalise(Complex[] m)
    {
        (double[] Vectors, Complex[] Values, double OffDiagonal)? best = null;
        foreach (var mix in Mixes)
        {
            var s = new double[16];
            for (var i = 0; i < 16; i++) s[i] = mix * m[i].Real + (1 - mix) * m[i].Imaginary;
            var p = SymmetricEigen.Vectors(s, 4);
            var cp = ToComplex(p);
            var d = MatrixMath.Multiply(Transpose(cp), MatrixMath.Multiply(m, cp));
            var off = 0.0;
            for (var r = 0; r < 4; r++)
                for (var c = 0; c < 4; c++) if (r != c) off = Math.Max(off, d[r * 4 + c].Magnitude);
            if (best is null || off < best.Value.OffDiagonal) best = (p, [d[0], d[5], d[10], d[15]], off);
            if (off < 1e-13) break;
        }
        return (best!.Value.Vectors, best.Value.Values);
    }

    /// <summary>For each of U's eigenvalues the V eigenvalue (times sign) closest to it, each used once; the worst distance.</summary>
    private static (int[] Order, double Error) Match(Complex[] u, Complex[] v, int sign)
    {
        var order = new int[4];
        var used = new bool[4];
        var worst = 0.0;
        for (var k = 0; k < 4; k++)
        {
            var pick = -1;
            var distance = double.MaxValue;
            for (var j = 0; j < 4; j++)
            {
                if (used[j]) continue;
                var e = (u[k] - sign * v[j]).Magnitude;
                if (e < distance) (pick, distance) = (j, e);
            }
            used[pick] = true;
            order[k] = pick;
            worst = Math.Max(worst, distance);
        }
        return (order, worst);
    }

    private static Complex[] FromMagic(Complex[] m) => MatrixMath.Multiply(Magic, MatrixMath.Multiply(m, MagicAdjoint));

    private static Complex[] Transpose(Complex[] m)
    {
        var t = new Complex[16];
        for (var r = 0; r < 4; r++)
            for (var c = 0; c < 4; c++) t[c * 4 + r] = m[r * 4 + c];
        return t;
    }

    /// <summary>a·bᵀ for real 4×4 matrices.</summary>
    private static double[] MultiplyTransposed(double[] a, double[] b)
    {
        var result = new double[16];
        for (var r = 0; r < 4; r++)
            for (var c = 0; c < 4; c++)
            {
                var sum = 0.0;
                for (var k = 0; k < 4; k++) sum += a[r * 4 + k] * b[c * 4 + k];
                result[r * 4 + c] = sum;
            }
        return result;
    }

    private static Complex[] ToComplex(double[] m)
    {
        var result = new Complex[m.Length];
        for (var i = 0; i < m.Length; i++) result[i] = m[i];
        return result;
    }

    private static double RealDeterminant(double[] m) => Determinant(ToComplex(m)).Real;
}
